#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "facts/alsa_state.hpp"

namespace sndoctor {

class Facts;

/// One playback control that keeps its path silent: a switch off on every channel, or a volume
/// at the bottom of its range on every channel.
struct SilencedControl {
    enum class Kind { switch_off, volume_zero };
    Kind kind = Kind::switch_off;
    const StateControl* control = nullptr;  ///< points into the card it was found in
};

/// The playback paths of one card and which of them are silent (failure-modes.md A8, M7).
struct CardPlayback {
    const StateCard* card = nullptr;
    /// The paths the card has, by base name, in the card's order ("Master", "PCM", "Speaker").
    std::vector<std::string> paths;
    std::vector<SilencedControl> silenced;
    /// A path every sound passes (Master, PCM) is silent, or every output (Speaker, Headphone,
    /// ...) is: nothing the card plays can be heard.
    bool all_silent = false;
    /// The HD-Audio "Auto-Mute Mode" enum, when the card has one: it mutes the speaker while a
    /// jack reads plugged, which looks like a muted mixer from outside.
    const StateControl* auto_mute = nullptr;
};

/// A switch that is off on every channel ("false", "off", "no" or "0", as alsactl and amixer
/// write it).
bool switch_all_off(const StateControl& control);
/// A volume at the bottom of its range on every channel (0 when the range is not known). A
/// volume whose range is empty cannot be turned up, so it silences nothing the user could change.
bool volume_at_floor(const StateControl& control);

/// Sorts a card's saved or live controls into playback paths. Pure: the check and the fix share
/// it, and the unit tests feed it cards parsed from text.
CardPlayback playback_of(const StateCard& card);

/// The values that unmute a silenced control: "true" on every channel of a switch; a volume
/// raised to half its range (audible but never loud: apport's check_volumes calls under 70 %
/// too quiet, and a speaker that was at zero should not come back at full power). nullopt when
/// a volume's range was not saved, so no safe level is known.
std::optional<std::vector<std::string>> unmuted_values(const SilencedControl& silenced);

/// The mixer controls of every card, in the state file syntax whatever the source (DESIGN.md:
/// a check never knows which source it reads):
/// - live: read through alsa-lib as `alsactl store` would save them;
/// - a directory: the saved /var/lib/alsa/asound.state, the levels the next boot restores;
/// - a report: its "Alsactl output" section.
struct MixerLevels {
    /// nullopt with `missing` saying why when the root carries no mixer levels.
    std::optional<StateFile> file;
    std::string missing;
    /// Live only: the card index of each card id, so evidence names /dev/snd/controlC<N>.
    std::vector<std::pair<std::string, int>> live_indexes;
    /// A copy of a system only: the ids of the cards its /proc/asound/cards lists; empty when
    /// it lists none or cannot be read.
    std::vector<std::string> present_ids;

    /// Whether the card's levels reach a card: a saved block for a card that is not present is
    /// never restored, so it silences nothing (alsa.state-file reports it). Live and report
    /// levels are the present cards' own.
    bool restored(const StateCard& card) const;

    /// Where the evidence for a card points: the file (with lines) offline, the control
    /// device live.
    std::string evidence_path(const StateCard& card) const;
    /// The control's line in the file; 0 live, where the text was only made to be parsed.
    int evidence_line(const StateControl& control) const {
        return live_indexes.empty() ? control.line : 0;
    }

    static MixerLevels load(Facts& facts);
};

}  // namespace sndoctor
