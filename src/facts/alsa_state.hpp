#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace sndoctor {

class Facts;

/// One saved control of an alsactl state file:
///   control.1 { iface MIXER name 'Master Playback Switch' value true
///               comment { access 'read write' type BOOLEAN count 1 } }
struct StateControl {
    std::string iface;                ///< "MIXER", "PCM", "CARD"; empty when not saved
    std::string name;                 ///< "Master Playback Switch"
    int index = 0;                    ///< the control's index, when several share the name
    std::vector<std::string> values;  ///< one per channel, as text ("true", "87", "Mic")
    std::string type;                 ///< the comment's type: BOOLEAN, INTEGER, ENUMERATED, ...
    std::optional<std::int64_t> min;  ///< the comment's range ('0 - 87'), when saved
    std::optional<std::int64_t> max;
    int line = 0;  ///< the line that names the control; 0 when it could not be found
};

/// The saved controls of one card: the block "state.<card id> { ... }".
struct StateCard {
    std::string id;  ///< the card id the state was stored for ("PCH")
    int line = 0;    ///< the line of "state.<id>"; 0 when it could not be found
    std::vector<StateControl> controls;
};

/// One state file, as alsa-lib's configuration parser reads it.
struct StateFile {
    std::string path;  ///< in-root path
    std::vector<StateCard> cards;
    /// Set when the file cannot be used (binary data, a syntax error): `cards` is then empty.
    std::optional<ParseProblem> problem;

    /// Parses the text of a state file. Never throws for bad content: the problem says what the
    /// parser found and where.
    static StateFile parse(std::string path, std::string_view text);
};

/// The mixer state alsactl saves and restores at boot.
struct AlsaState {
    /// Where `alsactl store` writes and the init scripts restore from.
    static constexpr const char* k_path = "/var/lib/alsa/asound.state";
    /// Where old alsa-utils kept it; the alsasound init script no longer reads it.
    static constexpr const char* k_legacy_path = "/etc/asound.state";

    std::optional<StateFile> current;  ///< nullopt: no /var/lib/alsa/asound.state
    std::optional<StateFile> legacy;   ///< nullopt: no /etc/asound.state

    static AlsaState load(Facts& facts);
};

}  // namespace sndoctor
