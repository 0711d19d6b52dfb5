#include "facts/sound_servers.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "facts/process_list.hpp"
#include "facts/user_db.hpp"

namespace sndoctor {

namespace {

/// The commands of the sound servers and their helpers, as /proc/PID/comm shows them. comm
/// holds at most 15 characters, so pipewire-media-session reads "pipewire-media-".
struct ServerCommand {
    std::string_view comm;
    std::string_view name;
};
constexpr ServerCommand k_commands[] = {
    {"pipewire", "pipewire"},
    {"wireplumber", "wireplumber"},
    {"pipewire-pulse", "pipewire-pulse"},
    {"pipewire-media-", "pipewire-media-session"},
    {"pulseaudio", "pulseaudio"},
};

std::optional<std::string> existing(const Root& root, const std::string& path) {
    // lstat: a socket or a link is there even when it leads nowhere a copy can follow.
    if (root.lstat(path))
        return path;
    return std::nullopt;
}

void find_masked(const Root& root, const std::string& dir, bool in_home, SoundServers& out) {
    for (const auto& entry : root.list(dir)) {
        auto family = SoundServers::family_of_unit(entry.name);
        if (!family || entry.type != FileType::symlink)
            continue;
        std::string path = join_path(dir, entry.name);
        auto target = root.read_link(path);
        // systemctl mask links the unit to /dev/null; nothing else means masked.
        if (target && *target == "/dev/null")
            out.masked.push_back({entry.name, *family, path, in_home});
    }
}

}  // namespace

std::optional<std::uint32_t> SoundServers::parse_status_uid(std::string_view status) {
    for (const auto& line : split_lines(status)) {
        if (!line.text.starts_with("Uid:"))
            continue;
        auto words = split_words(line.text.substr(4));
        if (words.empty())
            return std::nullopt;
        auto uid = parse_int(words[0]);
        if (!uid || *uid < 0 || *uid > 0xffffffffLL)
            return std::nullopt;
        return static_cast<std::uint32_t>(*uid);
    }
    return std::nullopt;
}

std::optional<ServerFamily> SoundServers::family_of_unit(std::string_view unit) {
    for (auto name : k_pipewire_units)
        if (unit == name)
            return ServerFamily::pipewire;
    for (auto name : k_pulseaudio_units)
        if (unit == name)
            return ServerFamily::pulseaudio;
    return std::nullopt;
}

std::vector<const ServerProcess*> SoundServers::of_user(std::string_view command) const {
    std::vector<const ServerProcess*> found;
    for (const auto& process : processes)
        if (process.command == command && process.uid == uid)
            found.push_back(&process);
    return found;
}

SoundServers SoundServers::read(const Root& root, const ProcessList& processes,
                                const std::string& user, std::uint32_t uid,
                                const std::string& home) {
    SoundServers out;
    out.user = user;
    out.uid = uid;
    out.home = home;
    // Only the processes whose command is a server's have their status read.
    for (const auto& process : processes.processes) {
        if (process.binary)
            continue;
        auto known =
            std::find_if(std::begin(k_commands), std::end(k_commands),
                         [&](const ServerCommand& c) { return c.comm == process.command; });
        if (known == std::end(k_commands))
            continue;
        std::optional<std::string> status;
        try {
            status = root.read(join_path(process.dir, "status"), 64 * 1024);
        } catch (const InputError&) {
            continue;  // the process ended while it was read
        }
        auto process_uid = status ? parse_status_uid(*status) : std::nullopt;
        if (!process_uid)
            continue;  // no owner, no verdict: the process is not counted for anyone
        out.processes.push_back(
            {process.pid,
             std::string(known->name),
             *process_uid,
             {join_path(process.dir, "comm"), 1,
              std::string(known->name) + " (pid " + std::string(base_name(process.dir)) + ", uid " +
                  std::to_string(*process_uid) + ")"}});
    }
    std::string runtime = "/run/user/" + std::to_string(uid);
    out.runtime_dir_present = root.is_dir(runtime);
    out.pipewire_socket = existing(root, runtime + "/pipewire-0");
    out.pulse_socket = existing(root, runtime + "/pulse/native");
    if (!home.empty() && home.front() == '/')
        find_masked(root, join_path(home, ".config/systemd/user"), true, out);
    find_masked(root, k_system_units_dir, false, out);
    for (const auto& entry : root.list(k_alsa_conf_dir))
        if (entry.name.ends_with("-pipewire-default.conf"))
            out.pipewire_alsa_confs.push_back(join_path(k_alsa_conf_dir, entry.name));
    return out;
}

SoundServers SoundServers::load(Facts& facts) {
    const std::string& user = facts.env().user;
    if (user.empty())
        throw InputError(UserDb::k_passwd_path, "cannot be asked: no user is known (--user NAME)");
    const auto& db = facts.get<UserDb>();
    const PasswdEntry* entry = db.find_user(user);
    if (entry == nullptr)
        throw InputError(UserDb::k_passwd_path,
                         db.passwd_present ? "has no user " + user : "is missing");
    return read(facts.root(), facts.get<ProcessList>(), user, entry->uid, entry->home);
}

}  // namespace sndoctor
