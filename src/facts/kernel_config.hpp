#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/file_text.hpp"
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
    static KernelConfig parse(std::string path, FileText text);

  private:
    /// A distribution's configuration sets some 9,000 symbols and every report parses it, but a
    /// run asks for a few dozen. So the index holds only where each name starts in the text,
    /// in one hash table filled in one pass; the line there tells the rest when it is asked.
    /// (A table of settings beside it, a map of 10,000 nodes, a sort or a list of lines each
    /// cost the test VM milliseconds: every page a run first touches is a fault there, and the
    /// settings' table alone was 140 KiB.)
    std::string_view name_at(std::uint32_t offset) const;
    /// The slot of `name` (`hash` is its hash, see symbol_hash() in the .cpp) in m_slots: the one
    /// holding it, or the empty one where it would go.
    std::size_t slot_of(std::string_view name, std::uint64_t hash) const;
    /// Records the setting whose name is `name`, a view into m_text; one of a name already set
    /// replaces it (a later line wins, as in Kconfig).
    void add(std::string_view name, std::uint64_t hash);
    /// Reads one line (without its line end) into the table or the problems.
    void parse_line(std::string_view line, std::uint32_t number);
    /// Where the line setting `name` has it; nullopt when no line does.
    std::optional<std::uint32_t> find(std::string_view name) const;
    /// Whether the name at `offset` is set by an assignment ("CONFIG_X=y"), not a "# CONFIG_X
    /// is not set" comment.
    bool assigned_at(std::uint32_t offset, std::size_t name_size) const;

    FileText m_text;
    std::size_t m_names = 0;  ///< the names in m_slots
    /// Open addressing: a name's offset in m_text + 1, 0 for an empty slot; a power of two in
    /// size, at most three quarters full.
    std::vector<std::uint32_t> m_slots;
};

}  // namespace sndoctor
