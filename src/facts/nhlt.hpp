#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sndoctor {

/// The link an NHLT endpoint sits on (ACPI NHLT specification; the kernel's
/// include/acpi/actbl2.h ACPI_NHLT_LINKTYPE_*).
enum class NhltLink : std::uint8_t { hda = 0, dsp = 1, pdm = 2, ssp = 3, other = 255 };

struct NhltEndpoint {
    NhltLink link = NhltLink::other;
    std::uint8_t device_type = 0;
    std::uint8_t direction = 0;  ///< 0 render, 1 capture
};

/// The Non-HD-Audio Link Table the BIOS gives Intel's audio DSP
/// (/sys/firmware/acpi/tables/NHLT): its endpoints. snd_intel_dspcfg picks the DSP driver
/// when one of them is on the PDM link, i.e. when the machine has digital microphones.
struct Nhlt {
    static constexpr const char* k_path = "/sys/firmware/acpi/tables/NHLT";

    std::vector<NhltEndpoint> endpoints;

    bool has_dmic() const;

    /// Parses the table's bytes. Throws InputError naming `path` and the reason when they are
    /// not an NHLT table (wrong signature, lengths that run past the end).
    static Nhlt parse(std::string_view bytes, const std::string& path = k_path);
};

}  // namespace sndoctor
