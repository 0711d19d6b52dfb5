#pragma once

#include <cstdint>
#include <string_view>

/// Which kernel configuration symbol drives which sound hardware (kernel.sound-config).
namespace sndoctor::checks {

/// A Kconfig symbol and the menuconfig prompt that sets it.
struct KconfigSymbol {
    std::string_view name;    ///< "CONFIG_SND_HDA_INTEL"
    std::string_view prompt;  ///< "Intel HD Audio", as menuconfig shows it
};

/// The driver an HD-Audio codec binds to, by its vendor id.
struct CodecDriverRow {
    std::uint16_t vendor = 0;  ///< the upper 16 bits of the codec's vendor id
    std::int32_t device = -1;  ///< the lower 16 bits, or -1 for any device of the vendor
    std::string_view family;   ///< "Realtek", for messages
    KconfigSymbol symbol;      ///< the symbol of the long-standing layout (sound/pci/hda)
    /// The newer sound/hda/codecs layout split some drivers into per-vendor modules under the
    /// same menu; when the configuration names this symbol at all, it must be set too. Empty
    /// when not split.
    KconfigSymbol split;
};

/// The row of a codec's vendor id: an exact device row first, else the vendor's; the generic
/// parser's row for vendors with no driver of their own (the kernel binds those to it).
const CodecDriverRow& codec_driver_for(std::uint32_t vendor_id);

/// The HD-Audio controller driver (PCI class 0x0403).
extern const KconfigSymbol k_hda_intel;
/// Sound Open Firmware on PCI and its Intel platforms (Intel DSP, PCI class 0x0401/0x0480).
extern const KconfigSymbol k_sof_pci;
extern const KconfigSymbol k_sof_intel_toplevel;
/// USB Audio Class devices.
extern const KconfigSymbol k_usb_audio;

}  // namespace sndoctor::checks
