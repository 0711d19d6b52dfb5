#pragma once

#include <filesystem>
#include <string>

namespace sndoctor::testing {

/// The whole file as bytes; empty when it cannot be read (the test's own assertions then fail).
std::string read_file(const std::filesystem::path& path);

/// `text` gzip-compressed, as a .gz file or /proc/config.gz holds it.
std::string gzip(const std::string& text);

}  // namespace sndoctor::testing
