#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace sndoctor {

class Facts;

/// One section of the kernel's models.rst: the codecs one codec driver's model list serves.
struct HdaModelSection {
    std::string title;                ///< "ALC88x/898/1150", as models.rst heads it
    std::vector<std::string> codecs;  ///< vendor ids, 8 hex digits, a trailing '*' for any rest
    std::vector<std::string> models;  ///< the names `model=` takes; empty when there are none
    int line = 0;                     ///< the section's line in the data file
};

/// The `model=` names of snd-hda-intel per codec family (data/hda-models.txt, made from the
/// kernel's Documentation/sound/hd-audio/models.rst). Program data, not the root's: the names
/// are the kernel's, the same for every system.
struct HdaModels {
    static constexpr const char* k_file_name = "hda-models.txt";

    std::string path;  ///< the file read (a host path)
    std::vector<HdaModelSection> sections;

    /// The section whose codec list names `vendor_id`: an exact id first, else the longest
    /// matching prefix with '*'; nullptr when no section does.
    const HdaModelSection* for_codec(std::uint32_t vendor_id) const;

    /// Parses the data file's text; `path` names it in errors. Throws InputError (path, line,
    /// what is wrong) on a line that is not a section, a codecs or a models line, or a bad id.
    static HdaModels parse(std::string path, std::string_view text);
    /// Reads data/hda-models.txt beside the build, else where it installs. Throws InputError
    /// naming both places when neither has it.
    static HdaModels load(Facts& facts);
};

/// Model names every codec driver understands besides its list (the kernel's notes.rst "Model
/// Option"): `auto` and `generic` (the generic parser, no fixup), `nofixup` (skip the fixups),
/// and a PCI SSID alias written "XXXX:YYYY".
bool is_generic_model(std::string_view name);

}  // namespace sndoctor
