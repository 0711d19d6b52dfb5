#pragma once

#include <string_view>
#include <vector>

#include "engine/check.hpp"

/// The checks, one file each (STYLE.md: checks/virmidi_index.cpp for cards.virmidi-index).
namespace sndoctor::checks {

extern const CheckDescriptor build_match;       // kernel.build-match
extern const CheckDescriptor sound_config;      // kernel.sound-config
extern const CheckDescriptor stale_snd;         // modules.stale-snd
extern const CheckDescriptor driver_bound;      // pci.driver-bound
extern const CheckDescriptor version_match;     // alsa.version-match
extern const CheckDescriptor alsa_driver_mask;  // portage.alsa-driver-mask
extern const CheckDescriptor card_aliases;      // modprobe.card-aliases
extern const CheckDescriptor power_save_pops;   // power.save-pops
extern const CheckDescriptor audio_group;       // user.audio-group
extern const CheckDescriptor state_file;        // alsa.state-file
extern const CheckDescriptor present;           // cards.present
extern const CheckDescriptor virmidi_index;     // cards.virmidi-index
extern const CheckDescriptor hdmi_default;      // cards.hdmi-default
extern const CheckDescriptor mixer_muted;       // mixer.muted
extern const CheckDescriptor eapd_off;          // codec.eapd-off
extern const CheckDescriptor codec_quirk;       // codec.quirk
extern const CheckDescriptor dsp_driver;        // firmware.dsp-driver
extern const CheckDescriptor sof_firmware;      // firmware.sof
extern const CheckDescriptor amp_firmware;      // amp.firmware
extern const CheckDescriptor ucm_profile;       // ucm.profile
extern const CheckDescriptor sound_server;      // userspace.sound-server

/// Every check in its fixed order (DESIGN.md "Check ids and order"): an explicit list, not
/// static-constructor registration, so the order is read in one place.
const std::vector<const CheckDescriptor*>& registry();

/// The check with that id, or nullptr.
const CheckDescriptor* find_check(std::string_view id);

}  // namespace sndoctor::checks
