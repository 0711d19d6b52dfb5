#pragma once

#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/root.hpp"

namespace sndoctor {

/// A file read once for several readers: its text, or why it could not be read. Facts keep
/// these for files that are dear to read again (a codec dump, which the kernel builds anew on
/// every read) or that many places read.
struct FileRead {
    std::string path;
    std::optional<std::string> text;  ///< nullopt when the file is missing
    std::optional<InputError> error;  ///< why it could not be read (then no text)

    /// What Root::read gave: the text, or its error thrown again (for every reader).
    const std::optional<std::string>& read() const;

    /// Reads `path` from `root`, keeping an InputError rather than throwing it.
    static FileRead of(const Root& root, std::string path, std::size_t cap = k_default_read_cap);
};

}  // namespace sndoctor
