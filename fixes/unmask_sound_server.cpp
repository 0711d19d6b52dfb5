// userspace.unmask-sound-server: moves the /dev/null links that mask the user's sound server
// units into the journal (undo puts them back). Starting the server is left to the user:
// `systemctl --user` talks to the user's own systemd instance, which root cannot reach.
#include "core/error.hpp"
#include "facts/facts.hpp"
#include "facts/sound_servers.hpp"
#include "fixes/fixes.hpp"

namespace sndoctor::fixes {

namespace {

void plan(Facts& facts, const Result&, PlanBuilder& builder) {
    const auto& servers = facts.get<SoundServers>();
    if (servers.masked.empty())
        throw InputError(SoundServers::k_system_units_dir,
                         "and " + servers.home + "/.config/systemd/user mask no sound server unit");
    // One family is unmasked: PipeWire when any of its units is masked, else PulseAudio. The
    // other family's masks are often deliberate (PulseAudio masked so PipeWire serves alone),
    // and unmasking both would start two PulseAudio servers.
    bool pipewire = false;
    for (const auto& unit : servers.masked)
        pipewire = pipewire || unit.family == ServerFamily::pipewire;
    ServerFamily family = pipewire ? ServerFamily::pipewire : ServerFamily::pulseaudio;
    for (const auto& unit : servers.masked)
        if (unit.family == family)
            builder.move_aside(unit.path, "unmask " + unit.unit +
                                              " (the link to /dev/null goes "
                                              "into the journal)");
    std::string units = pipewire ? "pipewire pipewire-pulse wireplumber" : "pulseaudio";
    builder.manual_step("As " + servers.user +
                        " (not root, in the desktop session): systemctl --user daemon-reload && "
                        "systemctl --user enable --now " +
                        units);
}

}  // namespace

const FixDefinition unmask_sound_server = {
    .id = "userspace.unmask-sound-server",
    .check_id = "userspace.sound-server",
    .title = "Unmask the user's sound server units",
    .needs_root = true,
    .plan = plan,
};

}  // namespace sndoctor::fixes
