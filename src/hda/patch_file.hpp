#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

/// The HD-Audio "early patching" file the driver loads with request_firmware when snd-hda-intel
/// has `patch=NAME` (../shared/knowledge/hda.md section 4): per codec a `[codec]` line (vendor
/// id, subsystem id, address) and the sections that apply to it: `[pincfg]` pin default
/// configurations, `[verb]` verbs sent at every init and resume, `[hint]` parser hints,
/// `[model]`. Read and written as the kernel's snd_hda_load_patch() reads it.
namespace sndoctor::hda {

struct InitVerb {
    int nid = 0;
    std::uint32_t verb = 0;
    std::uint32_t param = 0;

    bool operator==(const InitVerb&) const = default;
};

/// What the file says for one codec.
struct PatchCodec {
    std::uint32_t vendor_id = 0;
    std::uint32_t subsystem_id = 0;
    int address = 0;
    std::optional<std::string> model;
    std::vector<std::pair<int, std::uint32_t>> pincfg;  ///< nid, default configuration
    std::vector<InitVerb> verbs;
    std::vector<std::pair<std::string, std::string>> hints;  ///< key, value

    bool same_codec(const PatchCodec& other) const {
        return vendor_id == other.vendor_id && subsystem_id == other.subsystem_id &&
               address == other.address;
    }
    bool operator==(const PatchCodec&) const = default;
};

struct PatchFile {
    std::vector<PatchCodec> codecs;
    /// Lines the kernel would skip or misread (entries before any [codec], unknown sections,
    /// malformed numbers, lines over its 128-byte buffer); the parse goes on past each.
    std::vector<ParseProblem> problems;
};

/// Reads a patch file as the kernel does: lines trimmed, empty and '#' lines skipped, a line
/// starting with '[' switches section by a case-insensitive prefix ([pincfg] or
/// [user_pin_configs], [verb] or [init_verbs], [hint] or [hints], [model], [codec]).
PatchFile parse_patch_file(std::string_view text, const std::string& path);

/// Writes the file: a comment header, then each codec's sections.
std::string render_patch_file(const PatchFile& file, std::string_view header_comment);

/// `file` with `codec` in it: the entry for the same vendor, subsystem and address is replaced,
/// other codecs are kept.
PatchFile with_codec(PatchFile file, PatchCodec codec);

}  // namespace sndoctor::hda
