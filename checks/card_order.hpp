#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/check.hpp"
#include "engine/result.hpp"
#include "facts/card_list.hpp"

namespace sndoctor {
class Facts;
}

/// How the modprobe configuration will number the cards the next time their drivers load. A
/// wrong card 0 lives in the running kernel: once a fix has written the options that correct it,
/// the checks say so ("fixed at the next module load or boot") instead of failing on.
namespace sndoctor::checks {

/// Whether an index= value keeps a card off slot 0. ALSA reads a negative index as a bit mask of
/// the slots the card may take (-1: any, -2: any but 0), and a positive one as the slot itself.
bool index_avoids_zero(std::int64_t value);

/// The configuration line that will keep `first` (card 0 now) off card 0 the next time its
/// module loads, so that `better` can take it: the last index= kmod passes to first's module
/// avoids 0, or snd's slots= reserves slot 0 for better's module while first's index leaves the
/// choice to ALSA. nullopt when the configuration does not correct the order, when first's
/// module is unknown or built into the kernel, or when it drives more than one card (an index
/// list follows the probe order, which cannot be known).
std::optional<Evidence> configured_reorder(Facts& facts, const CardList& list, const Card& first,
                                           const Card& better);

/// The fix that reloads the sound drivers, which a pending reorder links.
inline constexpr std::string_view k_reload_fix = "cards.reload-modules";
inline constexpr std::string_view k_reload_title = "Reload the sound drivers now";

/// Turns `finding` (whose evidence shows the wrong card 0) into the pending verdict: `info`,
/// "`now`, until the sound drivers load again: LINE gives card 0 to `better`", the configuration
/// line as evidence, and the reload fix instead of the configuration fix.
void report_pending_reorder(Finding& finding, const std::string& now, const Card& better,
                            const Evidence& line);

}  // namespace sndoctor::checks
