#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/file_read.hpp"
#include "engine/result.hpp"

namespace sndoctor {

class Facts;

/// The modules the kernel has loaded, from /proc/modules: read once for the checks that ask
/// whether a driver is loaded and for the report's list of them.
struct LoadedModules {
    static constexpr const char* k_path = "/proc/modules";

    /// The file as read (missing in a copy without /proc), or why it could not be read.
    FileRead file;
    /// Module name in kmod's spelling ("snd_hda_intel") → its line, as evidence.
    std::map<std::string, Evidence, std::less<>> lines;

    /// The line that names `module` (kmod's spelling); nullopt when none does, also when the
    /// file is missing or unreadable.
    std::optional<Evidence> line_of(std::string_view module) const;

    static LoadedModules load(Facts& facts);
    /// Takes the lines of a file already read ("snd_hda_intel 57344 3 - Live 0x0000...").
    static LoadedModules parse(FileRead file);
};

}  // namespace sndoctor
