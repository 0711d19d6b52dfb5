#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/root.hpp"
#include "report/report.hpp"

/// The three report sections alsa-info.sh fills from alsa-utils programs (`aplay -l` and
/// `arecord -l`, `amixer -c <id> info` and `amixer -c <id>`, `alsactl store`), written in those
/// programs' layout from alsa-lib on the live system, with no program run. Only the live system
/// has cards to ask: on any other root the collector writes the output that root carries.
///
/// The cards are those the live root's /proc/asound lists. A card that cannot be read (no
/// permission on /dev/snd/controlC<N>, a driver that refuses a query) costs its part: aplay's and
/// alsactl's sections are left out whole, as a listing with a card missing would pass for that card
/// having no devices; amixer's loses that card's subsection. Each such failure is a problem naming
/// the device.
namespace sndoctor {
class Facts;
}

namespace sndoctor::report {

/// `!!Aplay/Arecord output`: "APLAY", `aplay -l`, "ARECORD", `arecord -l`. nullopt when there
/// is no card (aplay would only say "no soundcards found...") or a card could not be listed.
std::optional<Section> live_aplay_section(const Root& live, std::vector<ParseProblem>& problems);

/// `!!Amixer output` with one `!!-------Mixer controls for card <id>` subsection per card.
std::optional<Section> live_amixer_section(const Root& live, std::vector<ParseProblem>& problems);

/// `!!Alsactl output`: what `alsactl -f - store` writes for every card (state.<id> { ... }), as
/// a fact of the run: mixer.muted reads the levels from it and the report writes it, and one
/// pass over every control of every card serves both. Empty on any root but the live system.
struct LiveAlsactl {
    std::optional<Section> section;      ///< nullopt: no card, or a card could not be read
    std::vector<ParseProblem> problems;  ///< each names the device that could not be read

    static LiveAlsactl load(Facts& facts);
};

/// amixer's volume: the raw value and its share of the range in percent, rounded as amixer
/// rounds it (rint, ties to even): "52 [81%]"; 0% when the range is empty.
std::string amixer_volume(long value, long min, long max);

/// amixer's dB: hundredths of a dB with two decimals, the sign kept between -1 and 0 dB:
/// "-17.25dB", "-0.50dB", "0.00dB".
std::string amixer_db(long centi_db);

}  // namespace sndoctor::report
