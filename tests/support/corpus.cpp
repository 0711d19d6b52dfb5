#include "corpus.hpp"

#include <algorithm>
#include <stdexcept>

#include "temp_dir.hpp"

namespace sndoctor::testing {

std::vector<std::filesystem::path> corpus_files() {
    std::filesystem::path dir = std::filesystem::path(required_env("SNDOCTOR_CORPUS")) / "hda-emu";
    if (!std::filesystem::is_directory(dir))
        throw std::runtime_error(dir.string() +
                                 " is missing: the corpus of real codec dumps must be at "
                                 "SNDOCTOR_CORPUS/hda-emu (../shared/corpus beside the project)");
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.is_regular_file())
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

bool is_report(const std::string& text) {
    return text.find("!!ALSA Information Script") != std::string::npos ||
           text.find("upload=true&script=true") != std::string::npos;
}

}  // namespace sndoctor::testing
