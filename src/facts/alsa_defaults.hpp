#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.hpp"

namespace sndoctor {

class Facts;

/// What a setting of ALSA's default device points at.
enum class DefaultTarget {
    card,    ///< a card, by number or id (defaults.pcm.card 1, pcm.!default { type hw card PCH })
    server,  ///< a sound server plugin (type pulse, pipewire, jack)
    other,   ///< a custom device whose card sndoctor cannot tell (dmix of another pcm, ...)
};

/// One place in an ALSA configuration file that chooses the default device: a
/// `defaults.pcm.card` / `defaults.ctl.card` line, or a `pcm.!default` / `ctl.!default`
/// definition with the lines it spans.
struct DefaultSetting {
    enum class Key { pcm_card, ctl_card, pcm_default, ctl_default } key = Key::pcm_card;
    DefaultTarget target = DefaultTarget::other;
    std::string value;  ///< the card ("1", "PCH") or the server type ("pipewire")
    std::string path;
    int first_line = 0;
    int last_line = 0;
    Evidence where;  ///< the first line
};

/// The settings of ALSA's default device in the files alsa-lib reads after its own alsa.conf,
/// in its order (/etc/alsa/conf.d/*.conf, /etc/asound.conf, the user's ~/.asoundrc and
/// ~/.config/alsa/asoundrc). Only these top-level settings are read: a default chosen through an
/// include or a nested `defaults { pcm { card ... } }` compound is not seen.
struct AlsaDefaults {
    static constexpr const char* k_system_path = "/etc/asound.conf";
    static constexpr const char* k_conf_dir = "/etc/alsa/conf.d";

    std::vector<std::string> files;  ///< the files read, in order
    std::vector<DefaultSetting> settings;

    /// What decides the default pcm: the last pcm.!default definition (it replaces alsa.conf's
    /// default whatever defaults.pcm.card says), else the last defaults.pcm.card line; nullptr
    /// when nothing is set (card 0).
    const DefaultSetting* pcm_decision() const;

    static AlsaDefaults load(Facts& facts);
    /// Scans one file's text and adds its settings. Never throws: a file it cannot follow gives
    /// no settings.
    static void scan(const std::string& path, std::string_view text, AlsaDefaults& into);
};

}  // namespace sndoctor
