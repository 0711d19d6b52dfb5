#pragma once

#include <vector>

#include "facts/card_list.hpp"

namespace sndoctor {
class Facts;
}

namespace sndoctor::checks {

/// The cards with an analog output (a connected line-out, speaker or headphone pin in their
/// codec dumps; by their name when they have none), in card order: where cards.hdmi-default
/// and its fix send the default device instead of an HDMI output.
std::vector<const Card*> analog_cards(Facts& facts);

}  // namespace sndoctor::checks
