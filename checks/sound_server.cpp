// userspace.sound-server: does a sound server run for the user, and only one (failure-modes.md
// M5)? Desktop programs talk to PipeWire or PulseAudio, not to ALSA: a server that is masked or
// not running leaves them with "Dummy Output", and two PulseAudio servers (pulseaudio and
// pipewire-pulse) fight over the same socket and the card.

#include "checks/cards.hpp"
#include "checks/checks.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "facts/sound_servers.hpp"
#include "facts/sound_users.hpp"

namespace sndoctor::checks {

namespace {

constexpr std::string_view k_unmask_fix = "userspace.unmask-sound-server";
constexpr std::string_view k_one_server_fix = "userspace.one-pulse-server";

std::string_view family_name(ServerFamily family) {
    return family == ServerFamily::pipewire ? "PipeWire" : "PulseAudio";
}

std::vector<std::string> names_of(const std::vector<MaskedUnit>& units) {
    std::vector<std::string> names;
    for (const auto& unit : units)
        names.push_back(unit.unit);
    return names;
}

/// The processes that keep a /dev/snd node open: a sound server holding the card is normal, and
/// worth knowing when something else (a driver reload, a second server) needs the card. Only
/// the servers' own descriptors are read: every descriptor of every process would cost
/// thousands of system calls on a desktop to find the same few holders.
void note_card_holders(Facts& facts, const SoundServers& servers, Finding& finding) {
    if (servers.processes.empty())
        return;
    std::vector<int> pids;
    for (const auto& process : servers.processes)
        pids.push_back(process.pid);
    for (const auto& holder : SoundUsers::read(facts.root(), pids).users) {
        finding.with(holder.where);
        append_detail(finding, holder.command + " (pid " + std::to_string(holder.pid) + ") holds " +
                                   holder.device +
                                   ": while it runs, the sound drivers cannot be reloaded and "
                                   "no other program gets that device; " +
                                   std::string(stop_sound_server_advice()) + ".");
    }
}

void add_processes(const SoundServers& servers, Finding& finding) {
    for (const auto& process : servers.processes)
        if (process.uid == servers.uid)
            finding.with(process.where);
}

Finding run(Facts& facts) {
    const SoundServers* found = nullptr;
    try {
        found = &facts.get<SoundServers>();
    } catch (const InputError& e) {
        // Whose session to look at is the question; without a user there is no answer.
        return make_finding(Status::skip, "no user to look at: " + e.path() + " " + e.reason());
    }
    const SoundServers& servers = *found;
    const std::string& user = servers.user;
    bool pipewire = servers.runs("pipewire");
    bool pipewire_pulse = servers.runs("pipewire-pulse");
    bool pulseaudio = servers.runs("pulseaudio");
    bool session_manager = servers.runs("wireplumber") || servers.runs("pipewire-media-session");

    // 1. Two PulseAudio servers: both want the pulse socket, one loses, programs may reach either.
    if (pipewire_pulse && pulseaudio) {
        Finding finding = make_finding(
            Status::fail, "two PulseAudio servers run for " + user +
                              ": pulseaudio and PipeWire's pipewire-pulse both serve the pulse "
                              "socket and the card");
        add_processes(servers, finding);
        append_detail(finding, "Keep one. With PipeWire, stop and mask PulseAudio as " + user +
                                   " (not root): systemctl --user mask --now pulseaudio.service "
                                   "pulseaudio.socket. Autostarted copies come from "
                                   "/etc/xdg/autostart/pulseaudio.desktop or autospawn in "
                                   "/etc/pulse/client.conf.");
        finding.fixes = {k_one_server_fix};
        note_card_holders(facts, servers, finding);
        return finding;
    }

    std::vector<MaskedUnit> masked_pipewire;
    std::vector<MaskedUnit> masked_pulse;
    for (const auto& unit : servers.masked)
        (unit.family == ServerFamily::pipewire ? masked_pipewire : masked_pulse).push_back(unit);
    bool any_running = pipewire || pulseaudio;

    // 2. Nothing runs, and the units that would start it are masked.
    if (!any_running && !servers.masked.empty()) {
        const auto& units = !masked_pipewire.empty() ? masked_pipewire : masked_pulse;
        Finding finding = make_finding(
            Status::fail, "no sound server runs for " + user + ": " +
                              std::string(family_name(units.front().family)) + "'s " +
                              join(names_of(units), ", ") + " " +
                              (units.size() == 1 ? "is" : "are") + " masked (linked to /dev/null)");
        for (const auto& unit : servers.masked)
            finding.with({unit.path, 0, unit.unit + " → /dev/null"});
        append_detail(finding,
                      "systemd never starts a masked unit, so no sound server comes up at login "
                      "and desktop programs show Dummy Output. The fix moves the links into "
                      "sndoctor's journal; then, as " +
                          user +
                          " (not root): systemctl --user daemon-reload && systemctl "
                          "--user enable --now " +
                          (units.front().family == ServerFamily::pipewire
                               ? "pipewire pipewire-pulse wireplumber."
                               : "pulseaudio."));
        finding.fixes = {k_unmask_fix};
        return finding;
    }

    std::vector<std::string> warnings;
    Finding finding;
    add_processes(servers, finding);
    // 3. A running server whose own units are masked will not come back at the next login.
    // Which server plays: PipeWire, unless pulseaudio runs beside it (Ubuntu 22.04 ran PipeWire
    // for video and PulseAudio for sound).
    bool pipewire_serves = pipewire && !pulseaudio;
    const auto& own_masked = pipewire_serves ? masked_pipewire : masked_pulse;
    if (any_running && !own_masked.empty()) {
        warnings.push_back(std::string(pipewire_serves ? "PipeWire" : "PulseAudio") + " runs for " +
                           user + ", but " + join(names_of(own_masked), ", ") + " " +
                           (own_masked.size() == 1 ? "is" : "are") +
                           " masked: it will not start at the next login");
        for (const auto& unit : own_masked)
            finding.with({unit.path, 0, unit.unit + " → /dev/null"});
        finding.fixes.push_back(k_unmask_fix);
    }
    // 4. PipeWire without a session manager opens no device: programs see Dummy Output.
    if (pipewire && !session_manager)
        warnings.push_back("pipewire runs for " + user +
                           " without its session manager (wireplumber), so it offers no sound "
                           "device");
    // 5. Sockets: a server that runs but offers no socket cannot be reached by programs.
    if (servers.runtime_dir_present) {
        std::string runtime = "/run/user/" + std::to_string(servers.uid);
        if (pipewire && !servers.pipewire_socket) {
            warnings.push_back("pipewire runs but " + runtime + "/pipewire-0 is missing");
            finding.with({runtime + "/pipewire-0", 0, "missing"});
        }
        if ((pipewire_pulse || pulseaudio) && !servers.pulse_socket) {
            warnings.push_back((pulseaudio ? "pulseaudio" : "pipewire-pulse") +
                               std::string(" runs but ") + runtime + "/pulse/native is missing");
            finding.with({runtime + "/pulse/native", 0, "missing"});
        }
    }
    // 6. pipewire-alsa sends ALSA's default device to PipeWire; without PipeWire it goes nowhere.
    if (!pipewire && !servers.pipewire_alsa_confs.empty()) {
        warnings.push_back(servers.pipewire_alsa_confs.front() +
                           " sends ALSA's default device to PipeWire, which does not run for " +
                           user);
        for (const auto& path : servers.pipewire_alsa_confs)
            finding.with({path, 0, "pcm.!default is PipeWire (pipewire-alsa)"});
        append_detail(finding, "Start PipeWire as " + user +
                                   " (systemctl --user enable --now pipewire pipewire-pulse "
                                   "wireplumber), or remove the pipewire-alsa package to play "
                                   "to the card directly.");
    }
    if (servers.pipewire_socket)
        finding.with({*servers.pipewire_socket, 0, "PipeWire's socket"});
    if (servers.pulse_socket)
        finding.with({*servers.pulse_socket, 0, "the PulseAudio protocol socket"});
    note_card_holders(facts, servers, finding);

    if (!warnings.empty()) {
        finding.status = Status::warn;
        finding.summary = first_of_problems(warnings);
        return finding;
    }
    if (!any_running) {
        finding.with({"/proc", 0,
                      "no pipewire, pulseaudio or wireplumber process of uid " +
                          std::to_string(servers.uid) + " (" + user + ")"});
        finding.status = Status::info;
        finding.summary = "no sound server runs for " + user +
                          ": programs play to ALSA directly, one at a time per device";
        append_detail(finding,
                      "Running without PipeWire or PulseAudio is fine for a system that wants "
                      "it; desktop programs that only speak PulseAudio then have no sound.");
        return finding;
    }
    std::vector<std::string> names;
    for (std::string_view command :
         {"pipewire", "wireplumber", "pipewire-media-session", "pipewire-pulse", "pulseaudio"})
        if (servers.runs(command))
            names.emplace_back(command);
    finding.status = Status::pass;
    finding.summary = std::string(pipewire_serves ? "PipeWire" : "PulseAudio") + " runs for " +
                      user + " (" + join(names, ", ") + ")";
    if (!servers.masked.empty())
        append_detail(finding, "The other server's units are masked (" +
                                   join(names_of(servers.masked), ", ") +
                                   "), which keeps it from starting beside this one.");
    return finding;
}

}  // namespace

const CheckDescriptor sound_server = {
    .id = "userspace.sound-server",
    .title = "Sound server for the user",
    .area = "userspace",
    .needs = {},
    // A report lists no processes and no user's runtime directory.
    .report_needs = {"/run/user"},
    .explanation =
        "Desktop programs do not open the sound card themselves: they talk to a sound server "
        "that runs in the user's session, PipeWire (with WirePlumber, its session manager, and "
        "pipewire-pulse for programs that speak PulseAudio) or the older PulseAudio. When the "
        "server does not run, because its systemd user units are masked or it crashed, the "
        "desktop shows Dummy Output and programs fail with \"Connection refused\"; when "
        "pulseaudio and pipewire-pulse both run, they fight over the same socket and card. "
        "Running no server at all is legitimate (programs then use ALSA directly).",
    .fixes = {{k_unmask_fix, "Unmask the user's sound server units", true},
              {k_one_server_fix, "Keep one PulseAudio server", false}},
    .run = run,
};

}  // namespace sndoctor::checks
