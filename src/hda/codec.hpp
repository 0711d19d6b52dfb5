#pragma once

#include <cstdint>
#include <optional>
#include <string>
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

/// Amplifier capabilities (parameter 0x0d/0x12): offset, steps, step size, mute.
struct AmpCaps {
    std::uint32_t raw = 0;
    int offset = 0;
    int steps = 0;
    int step_size = 0;
    bool mute = false;
};

/// One amplifier side of a widget: its caps (nullopt when the dump says N/A or nothing) and the
/// values per input index, each one value (mono) or two (left, right): bit 7 mute, 6:0 gain.
struct Amp {
    std::optional<AmpCaps> caps;
    std::vector<std::vector<int>> values;
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

struct Control {
    std::string name;
    int index = 0;
    int device = 0;
};

struct Unsolicited {
    int tag = 0;
    bool enabled = false;
};

/// Power state as the dump prints it: "setting=D0, actual=D0" or an old raw "0x0".
struct PowerState {
    std::string setting;  ///< "D0".."D3cold", or the raw value text
    std::string actual;
};

struct Widget {
    int nid = 0;
    WidgetType type = WidgetType::unknown;
    std::uint32_t wcaps = 0;
    int line = 0;  ///< the `Node 0x..` line in the dump (0 when not from a dump)
    std::vector<Control> controls;
    std::optional<Amp> amp_in;
    std::optional<Amp> amp_out;
    std::optional<Pin> pin;        ///< pin complexes only
    std::vector<int> connections;  ///< the connection list, in order
    std::optional<int> selected;   ///< index into `connections` of the selected entry
    std::optional<Unsolicited> unsol;
    std::optional<PowerState> power;
    /// Lines under the node this model does not hold (vendor lines, processing coefficients),
    /// kept verbatim for export.
    std::vector<std::string> extra;
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
    int afg_nid = 1;  ///< the audio function group node ("State of AFG node 0x01")
    std::optional<Gpio> gpio;
    std::vector<Widget> widgets;  ///< in node order
    int line = 0;                 ///< the `Codec:` line in the source
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
