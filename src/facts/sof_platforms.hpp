#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace sndoctor {

/// What Sound Open Firmware's PCI driver loads for one Intel audio DSP by default: the
/// sof_dev_desc of the kernel's sound/soc/sof/intel/pci-*.c for the device id, reduced to the
/// default IPC's paths (the firmware file, the IPC4 library directory, the topology directory).
/// The topology's own name depends on the machine (codec, amplifiers, microphones), so only its
/// directory is known without the kernel's log.
struct SofPlatform {
    std::uint16_t device = 0;   ///< PCI device id (vendor 8086)
    std::string_view platform;  ///< "tgl", as the firmware names it
    std::string_view driver;    ///< the PCI driver that claims it ("sof-audio-pci-intel-tgl")
    int ipc = 3;                ///< the default IPC version (3 or 4)
    std::string_view fw_dir;    ///< "intel/sof"
    std::string_view fw_file;   ///< "sof-tgl.ri"
    std::string_view lib_dir;   ///< IPC4 loadable libraries ("intel/sof-ipc4-lib/mtl"), or empty
    std::string_view tplg_dir;  ///< "intel/sof-tplg"
};

/// Every platform of the table, in the order of the kernel's files.
std::span<const SofPlatform> sof_platforms();

/// The platform of an Intel PCI device id, or nullptr when SOF has no PCI driver for it.
const SofPlatform* find_sof_platform(std::uint16_t device);

}  // namespace sndoctor
