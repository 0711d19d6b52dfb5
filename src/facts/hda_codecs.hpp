#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/result.hpp"

namespace sndoctor {

class Facts;

/// Who a codec is, as the kernel names it: enough to pick its driver, its Kconfig symbol and its
/// model list, without the widgets.
struct HdaCodecId {
    int card = 0;
    int address = 0;   ///< D in hwC<card>D<address>
    std::string name;  ///< "Realtek ALC287" (the dump's `Codec:` line, or sysfs names)
    std::uint32_t vendor_id = 0;
    std::uint32_t subsystem_id = 0;
    Evidence where;            ///< the `Codec:` line, or the sysfs vendor_id file
    Evidence subsystem_where;  ///< the `Subsystem Id:` line, or the sysfs subsystem_id file
    /// The codec has an audio function group (a modem-only codec, such as a Conexant or
    /// Si3054 HD modem, has none and no model list).
    bool audio = true;

    /// "card 0 codec 0 (Realtek ALC287)"
    std::string label() const;
};

/// The HD-Audio codecs of the root: every /proc/asound/card<N>/codec#<M> dump, read through the
/// HDA core's parser; when a root has none (a machine whose /proc was not copied, or no
/// CONFIG_SND_PROC_FS), the hdaudio bus in sysfs (sys/bus/hdaudio/devices/hdaudioC<N>D<M>),
/// which names the same ids (hda.md 1.4).
struct HdaCodecs {
    static constexpr const char* k_sysfs_dir = "/sys/bus/hdaudio/devices";

    std::vector<HdaCodecId> codecs;  ///< in card, then address order
    std::size_t dumps = 0;           ///< codec dump files read (0 when the ids came from sysfs)
    /// Dumps that could not be read as one: the path and why.
    std::vector<Evidence> unreadable;

    static HdaCodecs load(Facts& facts);
};

}  // namespace sndoctor
