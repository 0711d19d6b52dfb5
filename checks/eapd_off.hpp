#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/result.hpp"
#include "hda/codec.hpp"

namespace sndoctor {
class Facts;
}

/// The output pins codec.eapd-off finds with their external amplifier switched off; the fix
/// codec.persist-eapd plans from the same list.
namespace sndoctor::checks {

struct EapdOff {
    int card = 0;
    hda::Codec codec;  ///< the codec as its dump describes it (ids and address for the patch)
    int nid = 0;
    std::uint32_t eapd = 0;  ///< the EAPD/BTL register as the dump shows it (bit 1 clear)
    Evidence line;           ///< the dump's "EAPD 0x..." line
    std::string pin;         ///< "Speaker at Int N/A", for the summary
    /// A speaker or a built-in output (fixed connectivity): its amplifier is on the board, where
    /// EAPD usually switches it. A jack output rarely has one, so its EAPD off is a hint only.
    bool built_in = false;
};

/// A codec dump that could not be read as one: its path and why.
struct UnreadableDump {
    Evidence where;
};

struct EapdReview {
    std::vector<EapdOff> off;
    std::vector<Evidence> checked;  ///< the EAPD lines of connected output pins with EAPD on
    std::vector<UnreadableDump> unreadable;
    std::size_t dumps = 0;  ///< codec files read
};

/// Reads every /proc/asound/card<N>/codec#<M> of the root through the HDA core's parser.
EapdReview review_eapd(Facts& facts);

}  // namespace sndoctor::checks
