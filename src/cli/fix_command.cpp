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

namespace sndoctor::cli {

namespace {

using Chosen = fixes::ChosenFix;

bool needs_fixing(const Result& result) {
    return result.status == Status::warn || result.status == Status::fail;
}

/// Which fixes to plan: the first fix a check links to, a fix named by id, or with --all every
/// fix linked by a check that warns or fails (in check order, each once).
std::vector<Chosen> choose_fixes(const Options& options, const std::vector<Result>& results) {
    std::vector<Chosen> chosen;
    auto add = [&](const std::string& fix_id, const Result& result) {
        const auto* fix = fixes::find_fix(fix_id);
        if (fix == nullptr)
            return;
        for (const auto& c : chosen)
            if (c.fix == fix)
                return;
        chosen.push_back({fix, &result});
    };
    if (options.all) {
        for (const auto& result : results)
            if (needs_fixing(result))
                for (const auto& link : result.fixes)
                    add(link.id, result);
        return chosen;
    }
    const std::string& id = options.arguments.front();
    const auto* by_fix = fixes::find_fix(id);
    const auto* by_check = checks::find_check(id);
    if (by_fix == nullptr && by_check == nullptr)
        throw UsageError("no check or fix is called '" + id + "'; 'sndoctor explain' lists them");
    std::string check_id = by_fix ? std::string(by_fix->check_id) : id;
    for (const auto& result : results) {
        if (result.id != check_id)
            continue;
        if (!needs_fixing(result)) {
            std::cout << check_id << " is " << to_string(result.status) << ": nothing to fix ("
                      << result.summary << ").\n";
            return chosen;
        }
        for (const auto& link : result.fixes)
            if (by_fix == nullptr || link.id == by_fix->id) {
                add(link.id, result);
                break;
            }
        if (chosen.empty())
            std::cout << check_id << " has no automatic fix for this: " << result.summary
                      << "\nSee 'sndoctor explain " << check_id << "' and its evidence with "
                      << "'sndoctor check --only " << check_id << " -v'.\n";
    }
    return chosen;
}

bool confirm() {
    if (!::isatty(STDIN_FILENO)) {
        std::cout << "\nNot applied: standard input is not a terminal. Add --yes to apply.\n";
        return false;
    }
    std::cout << "\nApply these changes? [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    answer = std::string(trim(answer));
    return answer == "y" || answer == "Y" || answer == "yes";
}

/// SNDOCTOR_TEST_KILL_AFTER_OPERATION=N: the test suite's fault injection (a crash after step N).
std::optional<int> injected_kill() {
    const char* value = std::getenv("SNDOCTOR_TEST_KILL_AFTER_OPERATION");
    if (value == nullptr)
        return std::nullopt;
    auto n = parse_int(value);
    return n ? std::optional<int>(static_cast<int>(*n)) : std::nullopt;
}

}  // namespace

int run_fix(const Options& options) {
    WritableRoot writable = open_writable_root(options);
    bool live = writable.chosen.header.source == RootSource::live;
    Environment env = environment_from_process(options.user, live);
    Facts facts(*writable.chosen.root, env);
    auto results = run_checks(checks::registry(), facts);
    auto chosen = choose_fixes(options, results);
    if (chosen.empty()) {
        if (options.all)
            std::cout << "Nothing to fix: no check that warns or fails links a fix.\n";
        return fix_done;
    }

    std::vector<std::string> refusals;
    std::vector<Plan> plans = fixes::make_plans(facts, chosen, refusals);
    for (const auto& refusal : refusals)
        std::cout << refusal << "\n";
    std::vector<std::string> check_ids;
    for (const auto& plan : plans)
        if (std::find(check_ids.begin(), check_ids.end(), plan.check_id) == check_ids.end())
            check_ids.push_back(plan.check_id);
    bool any_operation = false;
    for (const auto& plan : plans) {
        std::cout << describe_plan(plan) << "\n";
        any_operation |= !plan.empty();
    }
    if (options.dry_run)
        return fix_done;
    if (!any_operation)  // only steps for the user: the problem is still there
        return plans.empty() ? fix_done : fix_still_failing;

    auto refused = unwritable_paths(plans, *writable.disk);
    if (!refused.empty()) {
        std::cout << "Nothing was changed: these need root privileges to write:\n";
        for (const auto& path : refused)
            std::cout << "  " << path << "\n";
        std::string command =
            options.all ? "fix --all --yes" : "fix " + options.arguments.front() + " --yes";
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
    std::cout << "Applied; journal entry " << entry.id << " ('sndoctor undo' takes it back).\n"
              << "Checking again:\n";
    entry.verify = verify_checks(options, check_ids);
    Journal(*writable.disk).save(entry);
    return print_verifications(entry.verify) ? fix_still_failing : fix_done;
}

}  // namespace sndoctor::cli
