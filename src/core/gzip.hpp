#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sndoctor {

/// Inflates gzip data in memory (/proc/config.gz, a .ko.gz module), never past `cap` bytes of
/// output, so that a gzip bomb stops early. Throws InputError naming `path`: not gzip, corrupt,
/// truncated, or larger than `cap` ("the limit for `what`").
std::string gunzip(const std::string& path, std::string_view data, std::size_t cap,
                   std::string_view what);

}  // namespace sndoctor
