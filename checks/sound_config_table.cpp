// The vendor → Kconfig symbol table of kernel.sound-config. Facts from the kernel's own sources
// (torvalds/linux): the vendor-level symbols and prompts of sound/pci/hda/Kconfig, also in
// sound/hda/codecs/Kconfig at commit 6014e9021b28 after the move; the per-vendor HDMI symbols of
// the newer layout, sound/hda/codecs/hdmi/Kconfig at commit 5df402f497ed;
// sound/hda/codecs/cirrus/Kconfig; sound/soc/sof/Kconfig, sound/soc/sof/intel/Kconfig and
// sound/usb/Kconfig; the vendor ids from the codec drivers' HDA_CODEC_ID/HDA_CODEC_ENTRY tables.
// The newer layout's Realtek split (CONFIG_SND_HDA_CODEC_ALC269 and the others, one per chip
// family, sound/hda/codecs/realtek/Kconfig) is left out on purpose: its parent
// CONFIG_SND_HDA_CODEC_REALTEK is checked, and telling the families apart needs the whole chip
// table.
#include "checks/sound_config_table.hpp"

#include <array>

namespace sndoctor::checks {

const KconfigSymbol k_hda_intel = {"CONFIG_SND_HDA_INTEL", "HD-Audio: HD Audio PCI"};
const KconfigSymbol k_sof_pci = {"CONFIG_SND_SOC_SOF_PCI",
                                 "ASoC: Sound Open Firmware Support: SOF PCI enumeration support"};
const KconfigSymbol k_sof_intel_toplevel = {
    "CONFIG_SND_SOC_SOF_INTEL_TOPLEVEL",
    "ASoC: Sound Open Firmware Support: SOF support for Intel audio DSPs"};
const KconfigSymbol k_usb_audio = {"CONFIG_SND_USB_AUDIO",
                                   "USB sound devices: USB Audio/MIDI driver"};

namespace {

constexpr std::string_view k_hdmi_prompt =
    "HD-Audio: Build HDMI/DisplayPort HD-audio codec support";

// Exact device rows come before their vendor's row; the lookup takes the first match.
const std::array k_codec_drivers = {
    CodecDriverRow{
        0x10ec,
        -1,
        "Realtek",
        {"CONFIG_SND_HDA_CODEC_REALTEK", "HD-Audio: Build Realtek HD-audio codec support"},
        {}},
    CodecDriverRow{
        0x11d4,
        -1,
        "Analog Devices",
        {"CONFIG_SND_HDA_CODEC_ANALOG", "HD-Audio: Build Analog Devices HD-audio codec support"},
        {}},
    CodecDriverRow{
        0x8384,
        -1,
        "SigmaTel",
        {"CONFIG_SND_HDA_CODEC_SIGMATEL", "HD-Audio: Build IDT/Sigmatel HD-audio codec support"},
        {}},
    CodecDriverRow{
        0x111d,
        -1,
        "IDT",
        {"CONFIG_SND_HDA_CODEC_SIGMATEL", "HD-Audio: Build IDT/Sigmatel HD-audio codec support"},
        {}},
    CodecDriverRow{0x1106,
                   -1,
                   "VIA",
                   {"CONFIG_SND_HDA_CODEC_VIA", "HD-Audio: Build VIA HD-audio codec support"},
                   {}},
    CodecDriverRow{
        0x14f1,
        -1,
        "Conexant",
        {"CONFIG_SND_HDA_CODEC_CONEXANT", "HD-Audio: Build Conexant HD-audio codec support"},
        {}},
    CodecDriverRow{
        0x1013,
        0x8409,
        "Cirrus Logic CS8409",
        {"CONFIG_SND_HDA_CODEC_CS8409", "HD-Audio: Build Cirrus Logic HDA bridge support"},
        {}},
    CodecDriverRow{0x1013,
                   -1,
                   "Cirrus Logic",
                   {"CONFIG_SND_HDA_CODEC_CIRRUS", "HD-Audio: Build Cirrus Logic codec support"},
                   {}},
    CodecDriverRow{0x1102,
                   0x0011,
                   "Creative CA0132",
                   {"CONFIG_SND_HDA_CODEC_CA0132", "HD-Audio: Build Creative CA0132 codec support"},
                   {}},
    CodecDriverRow{
        0x1102,
        -1,
        "Creative CA0110",
        {"CONFIG_SND_HDA_CODEC_CA0110", "HD-Audio: Build Creative CA0110-IBG codec support"},
        {}},
    CodecDriverRow{
        0x13f6,
        -1,
        "C-Media",
        {"CONFIG_SND_HDA_CODEC_CMEDIA", "HD-Audio: Build C-Media HD-audio codec support"},
        {}},
    CodecDriverRow{
        0x434d,
        -1,
        "C-Media",
        {"CONFIG_SND_HDA_CODEC_CMEDIA", "HD-Audio: Build C-Media HD-audio codec support"},
        {}},
    CodecDriverRow{
        0x163c,
        -1,
        "Silicon Labs modem",
        {"CONFIG_SND_HDA_CODEC_SI3054", "HD-Audio: Build Silicon Labs 3054 HD-modem codec support"},
        {}},
    CodecDriverRow{
        0x11c1,
        -1,
        "Agere modem",
        {"CONFIG_SND_HDA_CODEC_SI3054", "HD-Audio: Build Silicon Labs 3054 HD-modem codec support"},
        {}},
    CodecDriverRow{0x8086,
                   -1,
                   "Intel HDMI/DP",
                   {"CONFIG_SND_HDA_CODEC_HDMI", k_hdmi_prompt},
                   {"CONFIG_SND_HDA_CODEC_HDMI_INTEL",
                    "HD-Audio: Intel HDMI/DisplayPort HD-audio codec support"}},
    CodecDriverRow{0x1002,
                   -1,
                   "AMD/ATI HDMI/DP",
                   {"CONFIG_SND_HDA_CODEC_HDMI", k_hdmi_prompt},
                   {"CONFIG_SND_HDA_CODEC_HDMI_ATI",
                    "HD-Audio: AMD/ATI HDMI/DisplayPort HD-audio codec support"}},
    CodecDriverRow{0x10de,
                   -1,
                   "NVIDIA HDMI/DP",
                   {"CONFIG_SND_HDA_CODEC_HDMI", k_hdmi_prompt},
                   {"CONFIG_SND_HDA_CODEC_HDMI_NVIDIA",
                    "HD-Audio: Nvidia HDMI/DisplayPort HD-audio codec support"}},
};

const CodecDriverRow k_generic = {
    0,
    -1,
    "generic",
    {"CONFIG_SND_HDA_GENERIC", "HD-Audio: Enable generic HD-audio codec parser"},
    {}};

}  // namespace

const CodecDriverRow& codec_driver_for(std::uint32_t vendor_id) {
    auto vendor = static_cast<std::uint16_t>(vendor_id >> 16);
    auto device = static_cast<std::int32_t>(vendor_id & 0xffff);
    for (const auto& row : k_codec_drivers)
        if (row.vendor == vendor && (row.device < 0 || row.device == device))
            return row;
    return k_generic;
}

}  // namespace sndoctor::checks
