#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.hpp"

namespace sndoctor {

class Facts;
class Root;
struct ProcessList;

/// The sound servers a desktop runs per user (failure-modes.md M5): PipeWire with its session
/// manager WirePlumber and its PulseAudio replacement pipewire-pulse, or PulseAudio itself.
enum class ServerFamily { pipewire, pulseaudio };

/// One sound-server process from /proc/PID/comm, with its real uid from /proc/PID/status.
struct ServerProcess {
    int pid = 0;
    std::string command;  ///< "pipewire", "wireplumber", "pipewire-pulse", "pulseaudio", ...
    std::uint32_t uid = 0;
    Evidence where;  ///< /proc/PID/comm
};

/// A user unit linked to /dev/null: systemd will not start it ("masked").
struct MaskedUnit {
    std::string unit;  ///< "pipewire.socket"
    ServerFamily family = ServerFamily::pipewire;
    std::string path;      ///< the link, in-root
    bool in_home = false;  ///< in the user's ~/.config/systemd/user (else /etc/systemd/user)
};

/// What the root shows of the user's sound servers: processes, sockets, masked units and
/// pipewire-alsa's redirect of ALSA's default device.
struct SoundServers {
    static constexpr const char* k_system_units_dir = "/etc/systemd/user";
    static constexpr const char* k_alsa_conf_dir = "/etc/alsa/conf.d";

    std::string user;
    std::uint32_t uid = 0;
    std::string home;
    /// Every sound-server process of any user (a system-wide PulseAudio runs as "pulse").
    std::vector<ServerProcess> processes;
    /// Paths that exist: /run/user/UID/pipewire-0 and /run/user/UID/pulse/native.
    std::optional<std::string> pipewire_socket;
    std::optional<std::string> pulse_socket;
    /// /run/user/UID exists, so a missing socket means something (a copy without /run says
    /// nothing about sockets).
    bool runtime_dir_present = false;
    std::vector<MaskedUnit> masked;
    /// /etc/alsa/conf.d/*-pipewire-default.conf: pipewire-alsa sends ALSA's default to PipeWire.
    std::vector<std::string> pipewire_alsa_confs;

    /// The user's processes whose command is `command`.
    std::vector<const ServerProcess*> of_user(std::string_view command) const;
    bool runs(std::string_view command) const { return !of_user(command).empty(); }

    /// Reads the root for the user `user` with that uid and home directory; the server
    /// processes are those of `processes` whose command is a server's.
    static SoundServers read(const Root& root, const ProcessList& processes,
                             const std::string& user, std::uint32_t uid, const std::string& home);
    /// The environment's user, found in /etc/passwd. Throws InputError naming /etc/passwd when
    /// no user is known or the user is not there (the check says so as a skip).
    static SoundServers load(Facts& facts);

    /// The real uid of a /proc/PID/status text ("Uid:\t1000\t1000\t1000\t1000"); nullopt when
    /// the text has no such line.
    static std::optional<std::uint32_t> parse_status_uid(std::string_view status);
    /// The family a unit file name belongs to ("pipewire-pulse.socket" → pipewire); nullopt for
    /// a unit that is no sound server's.
    static std::optional<ServerFamily> family_of_unit(std::string_view unit);
};

/// The user units of each family that the fix unmasks and the user enables.
inline constexpr std::string_view k_pipewire_units[] = {
    "pipewire.service",      "pipewire.socket",     "pipewire-pulse.service",
    "pipewire-pulse.socket", "wireplumber.service", "pipewire-media-session.service",
};
inline constexpr std::string_view k_pulseaudio_units[] = {"pulseaudio.service",
                                                          "pulseaudio.socket"};

}  // namespace sndoctor
