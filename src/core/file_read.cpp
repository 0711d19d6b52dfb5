#include "core/file_read.hpp"

namespace sndoctor {

const std::optional<std::string>& FileRead::read() const {
    if (error)
        throw *error;
    return text;
}

FileRead FileRead::of(const Root& root, std::string path, std::size_t cap) {
    FileRead file{std::move(path), std::nullopt, std::nullopt};
    try {
        file.text = root.read(file.path, cap);
    } catch (const InputError& e) {
        file.error = e;
    }
    return file;
}

}  // namespace sndoctor
