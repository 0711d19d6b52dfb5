#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/root.hpp"
#include "hda/codec.hpp"

/// The widget sysfs tree (Linux 4.1+, readable without root; hda.md 1.4): the same codec the
/// /proc dump describes, as one small file per value.
namespace sndoctor::hda {

/// Where the kernel lists HD-Audio codec devices, one directory (usually a link) per codec,
/// named hdaudioC<card>D<address>.
inline constexpr const char* k_hdaudio_devices = "/sys/bus/hdaudio/devices";

/// A codec device of the widget sysfs tree.
struct SysfsCodecDevice {
    int card = 0;
    int address = 0;
    std::string path;  ///< "/sys/bus/hdaudio/devices/hdaudioC0D0"
};

/// The codec devices under k_hdaudio_devices, of one card or of every card, ordered by card and
/// address. Empty when the tree is missing (an older kernel, or a fixture without it).
std::vector<SysfsCodecDevice> list_sysfs_codecs(const Root& root, std::optional<int> card);

/// Reads one codec device directory into the model: its ids, names and address, and per widget
/// the capabilities, pin caps, pin configuration, amplifier caps, power caps, PCM formats and
/// connection list; the AFG's default formats, amplifier caps, power and GPIO caps. What sysfs
/// does not show (amplifier values, pin controls, the selected connection, GPIO states) stays
/// empty. A file that cannot be read or holds no number becomes a warning naming it. Throws
/// InputError when `device_path` is not a codec device (no vendor_id).
Codec read_sysfs_codec(const Root& root, const SysfsCodecDevice& device);

}  // namespace sndoctor::hda
