#include "facts/sound_users.hpp"

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"

namespace sndoctor {

namespace {

constexpr std::string_view k_sound_dir = "/dev/snd/";

bool is_pid(const std::string& name) {
    return !name.empty() &&
           std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

SoundUsers SoundUsers::read(const Root& root) {
    SoundUsers out;
    for (const auto& process : root.list("/proc")) {
        if (process.type != FileType::directory || !is_pid(process.name))
            continue;
        std::string dir = join_path("/proc", process.name);
        std::string fd_dir = join_path(dir, "fd");
        try {
            SoundUser user;
            for (const auto& fd : root.list(fd_dir)) {
                std::string link = join_path(fd_dir, fd.name);
                auto target = root.read_link(link);
                if (!target || !target->starts_with(k_sound_dir))
                    continue;
                if (user.devices.empty()) {
                    user.pid = static_cast<int>(parse_int(process.name).value_or(0));
                    user.command =
                        std::string(trim(root.read(join_path(dir, "comm"), 256).value_or("")));
                    user.device = *target;
                    user.where = {link, 0, user.command + " has " + *target + " open"};
                }
                if (std::find(user.devices.begin(), user.devices.end(), *target) ==
                    user.devices.end())
                    user.devices.push_back(*target);
            }
            if (!user.devices.empty())
                out.users.push_back(std::move(user));
        } catch (const InputError&) {
            continue;  // the process ended while it was read
        }
    }
    return out;
}

SoundUsers SoundUsers::load(Facts& facts) {
    return read(facts.root());
}

std::string_view stop_sound_server_advice() {
    return "a sound server stops with 'systemctl --user stop pipewire.socket pipewire-pulse.socket "
           "pipewire wireplumber' or 'pulseaudio -k'";
}

}  // namespace sndoctor
