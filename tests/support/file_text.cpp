#include "file_text.hpp"

#include <fstream>
#include <sstream>

namespace sndoctor::testing {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace sndoctor::testing
