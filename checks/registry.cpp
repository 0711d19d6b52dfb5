#include "checks/checks.hpp"

namespace sndoctor::checks {

const std::vector<const CheckDescriptor*>& registry() {
    static const std::vector<const CheckDescriptor*> all = {
        &build_match, &stale_snd,  &alsa_driver_mask, &card_aliases,
        &audio_group, &state_file, &present,          &virmidi_index,
    };
    return all;
}

const CheckDescriptor* find_check(std::string_view id) {
    for (const auto* check : registry())
        if (check->id == id)
            return check;
    return nullptr;
}

}  // namespace sndoctor::checks
