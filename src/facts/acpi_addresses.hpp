#pragma once

#include <vector>

#include "core/file_read.hpp"

namespace sndoctor {

class Facts;

/// The _ADR of every ACPI device, read once a run for its two readers (firmware.dsp-driver
/// looking for SoundWire peripherals, and the report's SoundWire section): a laptop describes
/// hundreds of devices, each a few system calls.
struct AcpiAddresses {
    static constexpr const char* k_devices_dir = "/sys/bus/acpi/devices";

    bool present = false;  ///< the root has /sys/bus/acpi/devices
    /// Every device's /sys/bus/acpi/devices/<device>/adr ("0x000030025d071101"; no text for a
    /// device without an address), in name order.
    std::vector<FileRead> addresses;

    static AcpiAddresses load(Facts& facts);
    static AcpiAddresses read(const Root& root);
};

}  // namespace sndoctor
