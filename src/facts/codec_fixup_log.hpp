#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sndoctor {

/// What an HD-Audio codec driver said about its fixup (quirk) when it probed the codec.
enum class FixupEvent {
    /// "ALC287: picked fixup <name> for PCI SSID 17aa:38bb", "... (pin match)", "... (model
    /// specified)": a fixup applies. The name is printed only by kernels built with
    /// CONFIG_SND_DEBUG_VERBOSE; others print it empty ("picked fixup  for ...").
    picked,
    /// "ALC287: picked no fixup (nofixup specified)": model=nofixup was given.
    no_fixup,
    /// "autoconfig for ALC287: line_outs=..." (older kernels: "autoconfig: line_outs=..."): the
    /// generic parser configured the pins; the codec was probed.
    autoconfig,
    /// Kernels before 3.x: "hda_codec: ALC259: BIOS auto-probing.": no model matched the machine.
    bios_auto_probing,
    /// Kernels before 3.x: "hda_codec: model 'laptop' is selected [for config ...]".
    model_selected,
};

/// One log line about a codec's fixup (sound/hda/common/auto_parser.c, snd_hda_pick_fixup()
/// and snd_hda_parse_pin_defcfg(); the old forms from sound/pci/hda/hda_codec.c).
struct FixupLine {
    FixupEvent event = FixupEvent::picked;
    std::string chip;  ///< "ALC287"; empty on old lines that do not name it
    int card = -1;     ///< from the device name "hdaudioC0D2"; -1 when the line has none
    int address = -1;
    std::string fixup;    ///< the fixup or model name; may be empty (see FixupEvent::picked)
    std::string matched;  ///< "PCI SSID 17aa:38bb", "codec SSID ...", "pin match", ...
};

/// Reads one dmesg line; nullopt when it says nothing about a codec's fixup.
std::optional<FixupLine> parse_fixup_line(std::string_view line);

}  // namespace sndoctor
