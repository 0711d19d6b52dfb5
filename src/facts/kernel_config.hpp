#pragma once

#include <cstdint>
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
    std::vector<ParseProblem> problems;  ///< lines that were not understood

    /// "y", "m", a number or a quoted string; "n" for "# CONFIG_X is not set".
    std::optional<std::string> value(std::string_view name) const;
    /// The line that set `name`, for evidence (line 0 and empty text when it is absent).
    Evidence evidence(std::string_view name) const;

    /// Reads, in this order, proc/config.gz, boot/config-<running release>, and
    /// usr/src/linux/.config when that tree's kernel.release is the running release.
    static KernelConfig load(Facts& facts);
    /// Parses configuration text; `path` names it in problems and evidence. Throws InputError
    /// on binary data.
    static KernelConfig parse(std::string path, std::string text);

  private:
    /// One symbol's setting, as places in m_text. A distribution's configuration has some
    /// 10,000 symbols and every report parses it, but a run asks for a few dozen: so they are
    /// one table over the text with a hash index, filled in one pass over the text, rather than
    /// 10,000 allocated map nodes, a sort or a list of lines (each was 10-35 ms of a report in
    /// the test VM, where every byte and every page first touched counts).
    struct Setting {
        std::uint32_t name_offset = 0;  ///< the value follows the name and its '='
        std::uint16_t name_size = 0;
        bool not_set = false;  ///< "# CONFIG_X is not set"
        std::uint32_t value_size = 0;
        std::uint32_t line = 0;  ///< the line that set it, for evidence
    };
    std::string_view name_of(const Setting& setting) const;
    /// The slot of `name` (`hash` is its hash, see symbol_hash() in the .cpp) in m_slots: the one
    /// holding it, or the empty one where it would go.
    std::size_t slot_of(std::string_view name, std::uint64_t hash) const;
    /// Records a setting; one of a name already set replaces it (a later line wins, as in
    /// Kconfig).
    void add(const Setting& setting, std::uint64_t hash);
    /// Reads one line (without its line end) into the table or the problems.
    void parse_line(std::string_view line, std::uint32_t number);
    const Setting* find(std::string_view name) const;

    std::string m_text;
    std::vector<Setting> m_settings;  ///< one per name
    /// Open addressing over m_settings: index + 1, 0 for an empty slot; a power of two in size,
    /// at most half full.
    std::vector<std::uint32_t> m_slots;
};

}  // namespace sndoctor
