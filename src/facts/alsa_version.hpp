#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.hpp"

namespace sndoctor {

class Facts;

/// The sound driver's version as /proc/asound/version tells it, and the alsa-lib beside it
/// (failure-modes.md A3). Kernels since 3.7 print "... Driver Version k<release>." (sound/core/
/// info.c); older kernels print the ALSA number ("1.0.24."); the out-of-tree alsa-driver package
/// prints its number and a second line "Compiled on <date> for kernel <release>".
struct AlsaVersion {
    static constexpr const char* k_path = "/proc/asound/version";
    static constexpr const char* k_header_path = "/usr/include/alsa/version.h";

    bool present = false;  ///< /proc/asound/version exists (ALSA is loaded)
    /// The release after 'k' for the in-kernel form; empty for a numbered driver.
    std::string kernel_release;
    /// The ALSA number ("1.0.25", "1.0.25.1463.g87190"); empty for the in-kernel form.
    std::string number;
    /// The release of "Compiled on ... for kernel X" (out-of-tree alsa-driver); empty without it.
    std::string compiled_for;
    Evidence driver_evidence;
    Evidence compiled_evidence;

    /// alsa-lib's version: snd_asoundlib_version() on the live system, else SND_LIB_VERSION_STR
    /// of usr/include/alsa/version.h in the root (a report's "Library version" becomes that
    /// file). Empty when the root does not say.
    std::string library;
    Evidence library_evidence;  ///< the header's line; empty live (no file says it)

    /// Reads the root's files (and, live, asks alsa-lib). Throws InputError naming the file when
    /// /proc/asound/version is not the driver's version text.
    static AlsaVersion load(Facts& facts);
    /// Parses the text of /proc/asound/version; throws InputError naming `path` when it does
    /// not have that shape.
    static AlsaVersion parse(std::string_view text, const std::string& path);
    /// SND_LIB_VERSION_STR of an alsa/version.h text; nullopt when it does not define it.
    static std::optional<std::string> parse_library_header(std::string_view text);
};

/// The leading numbers of a dotted version ("1.0.25rc2" → 1, 0, 25; "6.1.0-18-amd64" → 6, 1,
/// 0), for ordering versions; empty when it does not start with a digit.
std::vector<int> version_numbers(std::string_view version);

}  // namespace sndoctor
