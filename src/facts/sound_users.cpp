#include "facts/sound_users.hpp"

#include <algorithm>
#include <optional>

#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "facts/process_list.hpp"

namespace sndoctor {

namespace {

constexpr std::string_view k_sound_dir = "/dev/snd/";

/// The sound devices the process with /proc entry `pid` holds, from its descriptors; nullopt
/// when it holds none, or when it ended (or hid its descriptors) while it was read.
std::optional<SoundUser> holder(const Root& root, std::string_view pid) {
    std::string dir = join_path("/proc", pid);
    std::string fd_dir = join_path(dir, "fd");
    try {
        SoundUser user;
        for (const auto& fd : root.list(fd_dir)) {
            std::string link = join_path(fd_dir, fd.name);
            auto target = root.read_link(link);
            if (!target || !target->starts_with(k_sound_dir))
                continue;
            if (user.devices.empty()) {
                user.pid = static_cast<int>(parse_int(pid).value_or(0));
                user.command =
                    std::string(trim(root.read(join_path(dir, "comm"), 256).value_or("")));
                user.device = *target;
                user.where = {link, 0, user.command + " has " + *target + " open"};
            }
            if (std::find(user.devices.begin(), user.devices.end(), *target) == user.devices.end())
                user.devices.push_back(*target);
        }
        if (!user.devices.empty())
            return user;
    } catch (const InputError&) {
        // the process ended while it was read
    }
    return std::nullopt;
}

}  // namespace

SoundUsers SoundUsers::read(const Root& root) {
    SoundUsers out;
    for (const auto& process : root.list("/proc")) {
        if (process.type != FileType::directory || !ProcessList::is_pid(process.name))
            continue;
        if (auto user = holder(root, process.name))
            out.users.push_back(std::move(*user));
    }
    return out;
}

SoundUsers SoundUsers::load(Facts& facts) {
    return read(facts.root());
}

SoundUsers SoundUsers::read(const Root& root, std::span<const int> pids) {
    SoundUsers out;
    for (int pid : pids)
        if (auto user = holder(root, std::to_string(pid)))
            out.users.push_back(std::move(*user));
    return out;
}

std::string_view stop_sound_server_advice() {
    return "a sound server stops with 'systemctl --user stop pipewire.socket pipewire-pulse.socket "
           "pipewire wireplumber' or 'pulseaudio -k'";
}

}  // namespace sndoctor
