#include "facts/loaded_modules.hpp"

#include "core/text.hpp"
#include "facts/facts.hpp"

namespace sndoctor {

std::optional<Evidence> LoadedModules::line_of(std::string_view module) const {
    if (auto it = lines.find(module); it != lines.end())
        return it->second;
    return std::nullopt;
}

LoadedModules LoadedModules::load(Facts& facts) {
    return parse(FileRead::of(facts.root(), k_path));
}

LoadedModules LoadedModules::parse(FileRead file) {
    LoadedModules modules;
    modules.file = std::move(file);
    if (modules.file.text)
        for (const auto& line : split_lines(*modules.file.text)) {
            auto words = split_words(line.text);
            if (!words.empty())
                modules.lines.emplace(module_name(words[0]),
                                      Evidence{k_path, line.number, clip(trim(line.text), 120)});
        }
    return modules;
}

}  // namespace sndoctor
