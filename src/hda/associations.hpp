#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "hda/codec.hpp"
#include "hda/pin_config.hpp"

/// How the pins' default associations group them into streams, by the rules FreeBSD's hdaa
/// driver applies and its snd_hda(4) manual documents (../shared/knowledge/hda.md section 2):
/// the one driver that builds its audio devices from the associations alone, so its grouping is
/// the clearest reading of what the BIOS meant. Linux's auto parser reads the same fields with
/// other rules; this is not a prediction of Linux's controls.
namespace sndoctor::hda {

enum class Direction { playback, capture };

/// FreeBSD's rule: Line Out, Speaker, HP Out, SPDIF Out and Digital Out play; every other
/// device type (modem and telephony included) records.
Direction device_direction(PinDevice device);

/// One pin of an association.
struct AssociationPin {
    int nid = 0;
    PinConfig config;
};

/// Pins sharing an association number: one stream with several connectors. Association 15
/// holds pins that stand alone, so each of its pins is an association of its own.
struct Association {
    int number = 0;  ///< the pins' default association, 1..15
    Direction direction = Direction::playback;
    std::vector<AssociationPin> pins;  ///< by sequence
    bool digital = false;              ///< a pin widget is digital (S/PDIF, HDMI, DP)
    /// Why FreeBSD disables the association (two pins on one sequence, pins of both
    /// directions); empty when it is usable.
    std::vector<std::string> problems;
    /// Playback: headphones at sequence 15 in an association of several pins duplicate the
    /// pin at this (the lowest) sequence, and mute it when plugged in if the jack can tell.
    std::optional<int> headphone_redirect;
    /// Capture: the pins share one ADC, one source recorded at a time or mixed (a single pin, or
    /// a pin at sequence 14 or 15); false: each pin records on an ADC of its own, side by side.
    bool mixed = false;

    bool enabled() const { return problems.empty(); }
};

/// An audio device FreeBSD makes of up to one playback and one capture association (its pcm
/// devices), analog and digital never mixed.
struct AudioDevice {
    int index = 0;                        ///< in the order FreeBSD creates them for this codec
    std::optional<std::size_t> playback;  ///< index into AssociationLayout::associations
    std::optional<std::size_t> capture;
    bool digital = false;
};

enum class SkipReason {
    no_connection,     ///< connectivity None (Linux "N/A"): nothing is wired to the pin
    association_zero,  ///< association 0: the pin is disabled
};

struct SkippedPin {
    int nid = 0;
    PinConfig config;
    SkipReason reason = SkipReason::no_connection;
};

/// The pins of a codec, grouped.
struct AssociationLayout {
    /// Associations 1..14 in number order, then one per pin of association 15 in node order:
    /// the order FreeBSD assigns them to devices.
    std::vector<Association> associations;
    std::vector<AudioDevice> devices;  ///< made of the enabled associations
    std::vector<SkippedPin> skipped;   ///< pins that join no association, in node order
};

/// Groups the pin complexes of `codec` (their default configuration) into associations and
/// those into audio devices.
AssociationLayout group_associations(const Codec& codec);

/// "Connectivity None", "association 0".
std::string_view to_string(SkipReason reason);
std::string_view to_string(Direction direction);

}  // namespace sndoctor::hda
