#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "checks/checks.hpp"
#include "cli/commands.hpp"
#include "cli/fix_session.hpp"
#include "core/environment.hpp"
#include "core/text.hpp"
#include "engine/executor.hpp"
#include "engine/runner.hpp"
#include "facts/facts.hpp"
#include "fixes/fixes.hpp"
#include "fixes/selection.hpp"

namespace sndoctor::cli {

namespace {

using Chosen = fixes::ChosenFix;
using fixes::links;
using fixes::needs_fixing;

/// What the user asked for: every linked fix (--all), or the ids on the command line (a check
/// id means its first fix).
struct Selection {
    bool all = false;
    std::vector<std::string> ids;
};

/// A fix named by id: the first result that links it and needs it (two checks may link the same
/// fix); when none does, what its own check says, or the fix itself when it runs on request.
void choose_by_fix(const fixes::FixDefinition& fix, const std::vector<Result>& results,
                   std::vector<Chosen>& chosen) {
    for (const auto& result : results)
        if (needs_fixing(result) && links(result, fix.id)) {
            fixes::choose_fix(chosen, fix.id, result);
            return;
        }
    for (const auto& result : results) {
        if (result.id != fix.check_id)
            continue;
        if (fix.on_request)
            fixes::choose_fix(chosen, fix.id, result);
        else
            std::cout << fix.id << ": nothing to do; " << result.id << " is "
                      << to_string(result.status) << " (" << result.summary << ").\n";
    }
}

void choose_by_check(const std::string& check_id, const std::vector<Result>& results,
                     std::vector<Chosen>& chosen) {
    for (const auto& result : results) {
        if (result.id != check_id)
            continue;
        if (!needs_fixing(result)) {
            std::cout << check_id << " is " << to_string(result.status) << ": nothing to fix ("
                      << result.summary << ").\n";
        } else if (result.fixes.empty()) {
            std::cout << check_id << " has no automatic fix for this: " << result.summary
                      << "\nSee 'sndoctor explain " << check_id << "' and its evidence with "
                      << "'sndoctor check --only " << check_id << " -v'.\n";
        } else {
            fixes::choose_fix(chosen, result.fixes.front().id, result);
        }
    }
}

/// Which fixes to plan, in check order for --all, each once.
std::vector<Chosen> choose_fixes(const Selection& selection, const std::vector<Result>& results) {
    std::vector<Chosen> chosen;
    if (selection.all) {
        for (const auto& result : results)
            if (needs_fixing(result))
                for (const auto& link : result.fixes)
                    fixes::choose_fix(chosen, link.id, result);
        return chosen;
    }
    for (const auto& id : selection.ids) {
        const auto* by_fix = fixes::find_fix(id);
        if (by_fix == nullptr && checks::find_check(id) == nullptr)
            throw UsageError("no check or fix is called '" + id +
                             "'; 'sndoctor explain' lists them");
        if (by_fix != nullptr)
            choose_by_fix(*by_fix, results, chosen);
        else
            choose_by_check(id, results, chosen);
    }
    return chosen;
}

/// SNDOCTOR_TEST_KILL_AFTER_OPERATION=N: the test suite's fault injection (a crash after step N).
std::optional<int> injected_kill() {
    const char* value = std::getenv("SNDOCTOR_TEST_KILL_AFTER_OPERATION");
    if (value == nullptr)
        return std::nullopt;
    auto n = parse_int(value);
    return n ? std::optional<int>(static_cast<int>(*n)) : std::nullopt;
}

/// Plans, shows, confirms and applies the selection, then runs the checks that asked again.
/// On the running system a check may then link a fix that finishes the work (reloading the
/// drivers after the card order was corrected): it is offered the same way, once.
int fix_selection(const Options& options, const Selection& selection, bool follow_up) {
    WritableRoot writable = open_writable_root(options);
    bool live = writable.chosen.header.source == RootSource::live;
    Environment env = environment_from_process(options.user, live);
    Facts facts(*writable.chosen.root, env);
    auto results = run_checks(checks::registry(), facts);
    auto chosen = choose_fixes(selection, results);
    if (chosen.empty()) {
        if (selection.all)
            std::cout << "Nothing to fix: no check that warns or fails links a fix.\n";
        return fix_done;
    }

    std::vector<std::string> refusals;
    std::vector<Plan> plans = fixes::make_plans(facts, chosen, refusals);
    for (const auto& refusal : refusals)
        std::cout << refusal << "\n";
    if (plans.empty())
        return fix_still_failing;  // every fix was refused, with its reason
    // Checked again afterwards: every check that links a planned fix (a fix that serves two
    // checks repairs both).
    std::vector<std::string> check_ids = fixes::checks_to_verify(plans, results);
    bool any_operation = false;
    for (const auto& plan : plans) {
        std::cout << describe_plan(plan) << "\n";
        any_operation |= !plan.empty();
    }
    if (options.dry_run)
        return fix_done;
    if (!any_operation) {
        // Only steps for the user: whatever warned or failed still does; an info that linked
        // the fix (a reload that must wait for a program to let go) fails nothing.
        bool failing = std::any_of(chosen.begin(), chosen.end(), [](const Chosen& c) {
            return c.result->status != Status::info;
        });
        return failing ? fix_still_failing : fix_done;
    }

    std::string command =
        selection.all ? "fix --all --yes" : "fix " + selection.ids.front() + " --yes";
    auto refused = unwritable_paths(plans, *writable.disk);
    if (!refused.empty()) {
        std::cout << "Nothing was changed: these need root privileges to write:\n";
        for (const auto& path : refused)
            std::cout << "  " << path << "\n";
        std::cout << "Run it as root: " << as_root_command(options, command) << "\n";
        return fix_needs_root;
    }
    if (!options.yes && !confirm())
        return fix_cancelled;

    auto runner = system_command_runner();
    JournalEntry entry = apply_plans(plans, *writable.disk, *runner,
                                     {.now = env.now, .kill_after_operations = injected_kill()});
    if (entry.state == JournalState::failed) {
        std::cout << "Stopped: " << entry.failure << "\nNothing is lost: 'sndoctor undo "
                  << entry.id << "' puts every file back as it was.\n";
        return fix_stopped;
    }
    std::cout << "Applied; journal entry " << entry.id << " ('sndoctor undo' takes it back).\n";
    for (const auto& plan : plans)
        if (const auto* fix = fixes::find_fix(plan.fix_id); fix && fix->after_apply)
            if (auto note = fix->after_apply(facts); !note.empty())
                std::cout << note << "\n";
    std::cout << "Checking again:\n";
    Recheck recheck = verify_checks(options, check_ids);
    entry.verify = recheck.statuses;
    Journal(*writable.disk).save(entry);
    bool still_wrong = print_verifications(entry.verify);

    Selection next;
    for (const auto& result : recheck.results)
        if (result.status == Status::info)
            for (const auto& link : result.fixes)
                next.ids.push_back(link.id);
    if (!live || follow_up || next.ids.empty())
        return still_wrong ? fix_still_failing : fix_done;
    std::cout << "\nTo finish:\n";
    int finished = fix_selection(options, next, true);
    // Declining the follow-up keeps what was applied: the configuration is fixed either way.
    if (finished == fix_cancelled)
        return still_wrong ? fix_still_failing : fix_done;
    return finished;
}

}  // namespace

int run_fix(const Options& options) {
    Selection selection;
    selection.all = options.all;
    if (!options.all)
        selection.ids.push_back(options.arguments.front());
    return fix_selection(options, selection, false);
}

}  // namespace sndoctor::cli
