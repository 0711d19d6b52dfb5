#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "facts/acpi_addresses.hpp"
#include "report/report.hpp"

/// The "ACPI SoundWire Device Status Information" section (alsa-info 0.5.3 on, commit cc0bcef):
/// the SoundWire peripherals the firmware describes, one "<vendor> <_ADR>" line each.
namespace sndoctor::report {

/// The vendor alsa-info names for a SoundWire _ADR ("Realtek", "Cirrus Logic", "TI"), from its
/// MIPI manufacturer id (bits 39..24); empty for other vendors and for a zero address.
std::string_view soundwire_vendor(std::uint64_t address);

/// Every /sys/bus/acpi/devices/*/adr of a known vendor, "Realtek 0x000030025d071101" as
/// written in the file; nullopt when the root has no /sys/bus/acpi/devices.
std::optional<Section> soundwire_section(const AcpiAddresses& acpi,
                                         std::vector<ParseProblem>& problems);

}  // namespace sndoctor::report
