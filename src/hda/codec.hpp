#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

/// The HD-Audio codec model (../shared/knowledge/hda.md): what a codec dump, the widget sysfs
/// tree or a live codec says about one codec. Parsers fill it; pins, verbs, the emulated codec
/// and the report read it. Raw register values are kept as read, decoded views live beside them.
namespace sndoctor::hda {

/// Widget types, from bits 23:20 of the audio widget capabilities.
enum class WidgetType {
    audio_output,
    audio_input,
    audio_mixer,
    audio_selector,
    pin_complex,
    power,
    volume_knob,
    beep_generator,
    vendor_defined,
    unknown,
};

/// Bits of the audio widget capabilities (parameter 0x09, AC_WCAP_* in hda_verbs.h).
enum class WidgetCap : std::uint32_t {
    stereo = 1u << 0,
    in_amp = 1u << 1,
    out_amp = 1u << 2,
    amp_override = 1u << 3,
    format_override = 1u << 4,
    stripe = 1u << 5,
    processing = 1u << 6,
    unsol = 1u << 7,
    conn_list = 1u << 8,
    digital = 1u << 9,
    power = 1u << 10,
    lr_swap = 1u << 11,
    content_protection = 1u << 12,
};

constexpr bool has_cap(std::uint32_t wcaps, WidgetCap cap) {
    return (wcaps & static_cast<std::uint32_t>(cap)) != 0;
}

/// The type field of the widget capabilities; 8..14 are reserved and read as unknown, and so
/// does a widget whose capabilities read as 0 (the kernel's rule: nothing there).
constexpr WidgetType widget_type_of(std::uint32_t wcaps) {
    if (wcaps == 0)
        return WidgetType::unknown;
    switch ((wcaps >> 20) & 0xf) {
        case 0x0:
            return WidgetType::audio_output;
        case 0x1:
            return WidgetType::audio_input;
        case 0x2:
            return WidgetType::audio_mixer;
        case 0x3:
            return WidgetType::audio_selector;
        case 0x4:
            return WidgetType::pin_complex;
        case 0x5:
            return WidgetType::power;
        case 0x6:
            return WidgetType::volume_knob;
        case 0x7:
            return WidgetType::beep_generator;
        case 0xf:
            return WidgetType::vendor_defined;
        default:
            return WidgetType::unknown;
    }
}

/// The kernel's name of a widget type, as the dump prints it ("Audio Output", "Pin Complex").
constexpr std::string_view widget_type_name(WidgetType type) {
    switch (type) {
        case WidgetType::audio_output:
            return "Audio Output";
        case WidgetType::audio_input:
            return "Audio Input";
        case WidgetType::audio_mixer:
            return "Audio Mixer";
        case WidgetType::audio_selector:
            return "Audio Selector";
        case WidgetType::pin_complex:
            return "Pin Complex";
        case WidgetType::power:
            return "Power Widget";
        case WidgetType::volume_knob:
            return "Volume Knob Widget";
        case WidgetType::beep_generator:
            return "Beep Generator Widget";
        case WidgetType::vendor_defined:
            return "Vendor Defined Widget";
        case WidgetType::unknown:
            break;
    }
    return "UNKNOWN Widget";
}

/// Channels of a widget: the channel-count extension (bits 15:13) and the stereo bit together
/// hold count - 1 (1 mono, 2 stereo, 8 on multichannel HDMI converters).
constexpr int channel_count(std::uint32_t wcaps) {
    return static_cast<int>((((wcaps >> 13) & 7u) << 1) | (wcaps & 1u)) + 1;
}

/// Samples of delay the widget adds (bits 19:16 of the widget capabilities).
constexpr int delay_samples(std::uint32_t wcaps) {
    return static_cast<int>((wcaps >> 16) & 0xfu);
}

/// Amplifier capabilities (parameter 0x0d/0x12): offset, steps, step size, mute.
struct AmpCaps {
    std::uint32_t raw = 0;
    int offset = 0;
    int steps = 0;
    int step_size = 0;
    bool mute = false;
};

/// Decodes parameter 0x0d/0x12: bits 6:0 offset, 14:8 steps, 22:16 step size, 31 mute.
constexpr AmpCaps decode_amp_caps(std::uint32_t raw) {
    return AmpCaps{raw, static_cast<int>(raw & 0x7f), static_cast<int>((raw >> 8) & 0x7f),
                   static_cast<int>((raw >> 16) & 0x7f), (raw >> 31) != 0};
}

/// One amplifier side of a widget: its caps (nullopt when the dump says N/A or nothing) and the
/// values per input index, each one value (mono) or two (left, right): bit 7 mute, 6:0 gain.
struct Amp {
    std::optional<AmpCaps> caps;
    std::vector<std::vector<int>> values;
};

/// Stream formats a converter (or, as the default, the AFG) supports.
struct PcmCaps {
    std::uint32_t rates = 0;    ///< parameter 0x0a bits 11:0: 8000 Hz (bit 0) .. 384000 Hz (bit 11)
    std::uint32_t bits = 0;     ///< parameter 0x0a bits 20:16 shifted down: 8, 16, 20, 24, 32 bits
    std::uint32_t formats = 0;  ///< parameter 0x0b: bit 0 PCM, 1 FLOAT32, 2 AC3
};

/// What a pin complex adds to a widget.
struct Pin {
    std::uint32_t pincap = 0;
    std::optional<std::uint32_t> vref_caps;  ///< bits 15:8 of pincap when listed
    /// The EAPD/BTL register (verb 0xf0c): bit 0 BTL, bit 1 EAPD, bit 2 L/R swap; nullopt when
    /// the pin is not EAPD-capable or the dump does not say.
    std::optional<std::uint32_t> eapd;
    std::uint32_t default_config = 0;       ///< the 32-bit configuration default (verb 0xf1c)
    std::optional<std::uint32_t> pin_ctls;  ///< pin widget control (verb 0xf07)
};

enum class AmpDirection { input, output };

/// The amplifier a mixer control drives (`ControlAmp: chs=3, dir=Out, idx=0, ofs=0`).
struct ControlAmp {
    int channels = 0;  ///< bit 0 left, bit 1 right
    AmpDirection direction = AmpDirection::output;
    int index = 0;
    int offset = 0;
};

/// A mixer element the driver bound to a node (`Control: name="Master Playback Volume", ...`).
struct Control {
    std::string name;
    int index = 0;
    int device = 0;
    std::optional<ControlAmp> amp;
};

/// A PCM stream the driver bound to a converter (`Device: name="ALC269 Analog", type="Audio",
/// device=0`).
struct PcmDevice {
    std::string name;
    std::string type;  ///< Audio, SPDIF, HDMI, Modem
    int device = 0;
};

struct Unsolicited {
    int tag = 0;
    bool enabled = false;
};

/// Power state as the dump prints it: "setting=D0, actual=D0"; an old raw "Power: 0x0" is
/// decoded the same way (bits 3:0 setting, 7:4 actual).
struct PowerState {
    std::string setting;  ///< "D0".."D3cold", or "UNKNOWN"
    std::string actual;
    /// The flags after the states: "Error", "Clock-stop-OK", "Setting-reset".
    std::vector<std::string> flags;
};

/// Stream and channel of a converter (verb 0xf06).
struct Converter {
    int stream = 0;
    int channel = 0;
};

/// A digital converter's S/PDIF state (verb 0xf0d): DIG1 bits (0 enable, 1 validity, 2 validity
/// config, 3 pre-emphasis, 4 copyright, 5 non-audio, 6 professional, 7 generation level), the
/// category code (DIG2), the IEC coding type and KAE (DIG3).
struct DigitalConverter {
    std::uint32_t dig1 = 0;
    int category = 0;
    int coding_type = 0;
    bool keep_alive = false;
};

/// A volume knob's capabilities (parameter 0x13) and state (verb 0xf0f).
struct VolumeKnob {
    bool delta = false;
    int steps = 0;
    bool direct = false;
    int value = 0;
};

/// A processing widget (Realtek's vendor node 0x20 mostly): parameter 0x10 and what the dump
/// listed of its coefficients.
struct Processing {
    bool benign = false;
    int coefficient_count = 0;
    /// `Coeff 0x05: 0x8003` lines (kernel dump_coef=1): index and value.
    std::vector<std::pair<int, std::uint32_t>> coefficients;
    /// Old kernels' `Coefficient Index:` and `Processing Coefficient:` lines: the current index
    /// and the value there.
    std::optional<std::uint32_t> coefficient_index;
    std::optional<std::uint32_t> coefficient_value;
};

/// One device of a DP-MST pin (`*Dev 00: PD = 1, ELDV = 1, IA = 0, Connections [ 0x02* 0x03 ]`).
struct MstDevice {
    int index = 0;
    bool current = false;  ///< the `*`: the device the pin's verbs address now
    bool presence = false;
    bool eld_valid = false;
    bool inactive = false;
    std::vector<int> connections;
    std::optional<int> selected;  ///< index into `connections`
};

struct Widget {
    int nid = 0;
    WidgetType type = WidgetType::unknown;
    std::uint32_t wcaps = 0;
    int line = 0;  ///< the `Node 0x..` line in the dump (0 when not from a dump)
    std::vector<Control> controls;
    std::vector<PcmDevice> pcm_devices;
    std::optional<Amp> amp_in;
    std::optional<Amp> amp_out;
    std::optional<Pin> pin;        ///< pin complexes only
    std::vector<int> connections;  ///< the connection list, in order
    std::optional<int> selected;   ///< index into `connections` of the selected entry
    /// The driver's cached connection list, when it differs from the hardware's.
    std::optional<std::vector<int>> driver_connections;
    std::optional<Unsolicited> unsol;
    std::optional<PowerState> power;
    std::optional<std::uint32_t> power_caps;  ///< supported states (parameter 0x0f)
    std::optional<Converter> converter;
    std::optional<int> sdi_select;
    std::optional<DigitalConverter> digital;
    std::optional<PcmCaps> pcm;  ///< format override: the converter's own formats
    std::optional<VolumeKnob> volume_knob;
    std::optional<Processing> processing;
    std::vector<MstDevice> mst_devices;
    /// Lines under the node this model does not hold (vendor lines, lines not understood),
    /// kept verbatim for export.
    std::vector<std::string> extra;

    bool has(WidgetCap cap) const { return has_cap(wcaps, cap); }
    int channels() const { return channel_count(wcaps); }
};

/// One GPIO line of the audio function group: enable is the GPIO_MASK bit, dir 1 = output.
struct GpioLine {
    int index = 0;
    bool enable = false;
    bool dir = false;
    bool wake = false;
    bool sticky = false;
    bool data = false;
    bool unsol = false;
};

/// The AFG's GPIO capabilities (parameter 0x11) and lines.
struct Gpio {
    int io = 0;
    int o = 0;
    int i = 0;
    bool unsolicited = false;
    bool wake = false;
    std::vector<GpioLine> lines;
};

struct Codec {
    std::string name;  ///< "Realtek ALC888" (the `Codec:` line)
    int address = 0;   ///< the codec address: D in hwC<card>D<address>
    std::uint32_t vendor_id = 0;
    std::uint32_t subsystem_id = 0;
    std::uint32_t revision_id = 0;
    std::optional<std::uint32_t> afg_function_id;  ///< "AFG Function Id" (or old "Function Id")
    std::optional<std::uint32_t> mfg_function_id;  ///< modem function group, when present
    bool afg_unsol = false;  ///< the AFG can send unsolicited responses ("(unsol 1)")
    bool mfg_unsol = false;
    int afg_nid = 1;             ///< the audio function group node ("State of AFG node 0x01")
    std::optional<int> mfg_nid;  ///< "Modem Function Group: 0x2"
    std::optional<PcmCaps> default_pcm;  ///< the AFG's formats, for converters without their own
    std::optional<AmpCaps> default_amp_in_caps;
    std::optional<AmpCaps> default_amp_out_caps;
    std::optional<PowerState> afg_power;
    std::optional<std::uint32_t> afg_power_caps;
    std::optional<Gpio> gpio;
    std::vector<Control> afg_controls;  ///< controls the driver bound to the AFG node
    std::vector<Widget> widgets;        ///< in node order
    /// Codec-level lines this model does not hold (IDT's `Power-Map:`, `Analog Loopback:`, lines
    /// not understood), kept verbatim for export.
    std::vector<std::string> extra;
    int line = 0;  ///< the `Codec:` line in the source
    /// Lines that were not understood, or values out of range: the parse went on past each.
    std::vector<ParseProblem> warnings;

    const Widget* widget(int nid) const {
        for (const auto& w : widgets)
            if (w.nid == nid)
                return &w;
        return nullptr;
    }
};

}  // namespace sndoctor::hda
