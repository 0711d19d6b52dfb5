#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "engine/result.hpp"

namespace sndoctor {

class Facts;

/// The running kernel's build configuration ("CONFIG_SND_VIRMIDI=y").
struct KernelConfig {
    bool found = false;
    std::string path;  ///< in-root path of the configuration that was read (for evidence)
    struct Setting {
        /// "y", "m", a number or a quoted string; "n" for "# CONFIG_X is not set".
        std::string value;
        int line = 0;  ///< the line that set it, for evidence
    };
    /// CONFIG_X → its setting. One map, not one per field: a distribution's configuration has
    /// some 10,000 symbols and every report parses it.
    std::map<std::string, Setting, std::less<>> settings;
    std::vector<ParseProblem> problems;  ///< lines that were not understood

    std::optional<std::string> value(std::string_view name) const;
    /// The line that set `name`, for evidence (line 0 and empty text when it is absent).
    Evidence evidence(std::string_view name) const;

    /// Reads, in this order, proc/config.gz, boot/config-<running release>, and
    /// usr/src/linux/.config when that tree's kernel.release is the running release.
    static KernelConfig load(Facts& facts);
    /// Parses configuration text; `path` names it in problems and evidence. Throws InputError
    /// on binary data.
    static KernelConfig parse(std::string path, std::string_view text);
};

}  // namespace sndoctor
