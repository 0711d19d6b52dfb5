#include "checks/checks.hpp"

namespace sndoctor::checks {

const std::vector<const CheckDescriptor*>& registry() {
    static const std::vector<const CheckDescriptor*> all = {
        // DESIGN.md's area order: kernel, modules, packages, modprobe, permissions, state
        // (the saved state, then the mixer levels), cards, codecs.
        &build_match,      &sound_config, &stale_snd,       &driver_bound, &version_match,
        &alsa_driver_mask, &card_aliases, &power_save_pops, &audio_group,  &state_file,
        &mixer_muted,      &present,      &virmidi_index,   &hdmi_default, &eapd_off,
        &codec_quirk,      &dsp_driver,   &sof_firmware,    &amp_firmware, &ucm_profile,
        &sound_server,
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
