// userspace.one-pulse-server: pulseaudio and pipewire-pulse both run. Which one to keep is the
// user's choice and lives in the user's systemd instance and desktop autostart, which root
// cannot change for them, so the plan is the steps to take, nothing written.
#include "facts/facts.hpp"
#include "facts/sound_servers.hpp"
#include "fixes/fixes.hpp"

namespace sndoctor::fixes {

namespace {

void plan(Facts& facts, const Result&, PlanBuilder& builder) {
    const auto& servers = facts.get<SoundServers>();
    builder.manual_step("To keep PipeWire, as " + servers.user +
                        " (not root): systemctl --user mask --now pulseaudio.service "
                        "pulseaudio.socket && systemctl --user restart pipewire pipewire-pulse "
                        "wireplumber");
    builder.manual_step(
        "If pulseaudio still starts, it comes from desktop autostart "
        "(/etc/xdg/autostart/pulseaudio.desktop) or client autospawn: set 'autospawn = no' in "
        "~/.config/pulse/client.conf, or remove the pulseaudio package.");
    builder.manual_step(
        "To keep PulseAudio instead: systemctl --user mask --now "
        "pipewire-pulse.service pipewire-pulse.socket");
}

}  // namespace

const FixDefinition one_pulse_server = {
    .id = "userspace.one-pulse-server",
    .check_id = "userspace.sound-server",
    .title = "Keep one PulseAudio server",
    .needs_root = false,
    .plan = plan,
};

}  // namespace sndoctor::fixes
