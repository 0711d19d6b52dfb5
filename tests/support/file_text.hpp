#pragma once

#include <filesystem>
#include <string>

namespace sndoctor::testing {

/// The whole file as bytes; empty when it cannot be read (the test's own assertions then fail).
std::string read_file(const std::filesystem::path& path);

}  // namespace sndoctor::testing
