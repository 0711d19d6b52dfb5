// sndoctor hda persist: the pin overrides and GPIO/EAPD writes of a session with a codec, made
// to stick at boot as a kernel patch file and an snd-hda-intel patch= option, through the fix
// engine (preview, journal, undo).
#include <algorithm>
#include <iostream>

#include "cli/fix_session.hpp"
#include "cli/hda_commands.hpp"
#include "cli/hda_session.hpp"
#include "cli/hda_source.hpp"
#include "core/environment.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "engine/executor.hpp"
#include "facts/facts.hpp"
#include "fixes/hda_patch.hpp"
#include "hda/persist.hpp"

namespace sndoctor::cli {

namespace {

/// The session to persist: the codec, the card it sits on, and what was changed.
struct PersistSession {
    hda::Codec codec;
    int card = 0;
    std::string log_location;
    hda::SessionChanges changes;
};

/// A live (or --root) codec: its log in the root, and the overrides sysfs shows the driver
/// using (user_pin_configs and hints, which `hda retask` writes).
PersistSession live_session(const Options& options, const ChosenRoot& chosen) {
    PersistSession session;
    session.card = options.card.value_or(0);
    CodecSource source = load_card(*chosen.root, session.card, options.codec);
    session.codec = only_codec(source).codec;
    SessionLog log = open_live_log(chosen, session.card, session.codec.address);
    session.log_location = log.location;
    hda::DriverOverrides overrides =
        hda::read_driver_overrides(*chosen.root, session.card, session.codec.address);
    for (const auto& problem : overrides.warnings)
        std::cerr << "sndoctor: " << problem.path << ":" << problem.line << ": " << problem.reason
                  << "\n";
    session.changes =
        hda::session_changes(session.codec, overrides.pins, overrides.hints, log.log->entries());
    return session;
}

/// An emulated session (--emulate FILE): its log in the state directory; the patch is for card
/// --card N (default 0) of the root.
PersistSession emulated_session(const Options& options) {
    PersistSession session;
    session.card = options.card.value_or(0);
    CodecSource source = load_dump(*options.emulate, options.codec);
    session.codec = only_codec(source).codec;
    SessionLog log = open_emulated_log(*options.emulate, session.codec.address);
    session.log_location = log.location.empty() ? "(no state directory)" : log.location;
    session.changes = hda::session_changes(session.codec, {}, {}, log.log->entries());
    return session;
}

}  // namespace

int run_hda_persist(const Options& options) {
    if (!options.arguments.empty())
        throw UsageError("hda persist takes no arguments (--card N --codec M, or --emulate FILE)");
    if (options.dump)
        throw UsageError(
            "hda persist makes a session's changes stick: name the live codec "
            "(--card N --codec M) or the emulated one (--emulate FILE), not --dump");
    WritableRoot writable = open_writable_root(options);
    const ChosenRoot& chosen = writable.chosen;
    PersistSession session =
        options.emulate ? emulated_session(options) : live_session(options, chosen);
    if (session.changes.empty()) {
        std::cout << "Nothing to persist: the session log (" << session.log_location
                  << ") holds no pin configuration, GPIO or EAPD write the codec took, and the "
                     "driver uses no pin override or hint.\n";
        return fix_done;
    }

    bool live = chosen.header.source == RootSource::live;
    Environment env = environment_from_process(options.user, live);
    Facts facts(*chosen.root, env);
    Plan plan;
    plan.fix_id = "hda.persist";
    plan.check_id = "hda";
    plan.title = "Make the codec changes stick at boot";
    try {
        PlanBuilder builder(*chosen.root, plan);
        fixes::hda_patch::plan_persist(facts, session.card, session.changes, builder);
    } catch (const InputError& e) {
        std::cout << "No plan can be made: " << e.what() << "\n";
        return fix_still_failing;
    }
    std::cout << describe_plan(plan) << "\n";
    if (options.dry_run)
        return fix_done;
    std::vector<Plan> plans = {plan};
    if (auto refused = unwritable_paths(plans, *writable.disk); !refused.empty()) {
        std::cout << "Nothing was changed: these need root privileges to write:\n";
        for (const auto& path : refused)
            std::cout << "  " << path << "\n";
        std::string command = "hda persist --yes";
        if (options.emulate)
            command += " --emulate " + *options.emulate;
        command += " --card " + std::to_string(session.card) + " --codec " +
                   std::to_string(session.codec.address);
        std::cout << "Run it as root: " << as_root_command(options, command) << "\n";
        return fix_needs_root;
    }
    if (!options.yes && !confirm())
        return fix_cancelled;
    auto runner = system_command_runner();
    JournalEntry entry = apply_plans(plans, *writable.disk, *runner, {.now = env.now});
    if (entry.state == JournalState::failed) {
        std::cout << "Stopped: " << entry.failure << "\nNothing is lost: 'sndoctor undo "
                  << entry.id << "' puts every file back as it was.\n";
        return fix_stopped;
    }
    std::cout << "Applied; journal entry " << entry.id << " ('sndoctor undo' takes it back).\n";
    return fix_done;
}

}  // namespace sndoctor::cli
