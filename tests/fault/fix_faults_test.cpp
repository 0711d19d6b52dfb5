// Real disk faults in the middle of a fix and of its undo: the disk says "No space left on
// device" or "Permission denied" at every mutating call in turn (tests/fault/fault_injection.c,
// preloaded into the real binary), and the journal and undo still bring the tree back byte for
// byte. The fixes suite proves the same for a crash after every step; this one proves it for a
// refused call inside a step, including the calls that write the journal itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <thread>

#include "fixes/fixes.hpp"
#include "fixture_cases.hpp"
#include "run_program.hpp"
#include "temp_dir.hpp"
#include "tree_snapshot.hpp"

namespace sndoctor {
namespace {

namespace fs = std::filesystem;
using testing::FixtureCase;
using testing::ProgramOutput;
using testing::required_env;
using testing::run_program;
using testing::snapshot_tree;
using testing::TempDir;

/// The errnos a full or read-only disk gives, and the text sndoctor must show for each.
const std::map<std::string, std::string> k_errno_texts = {
    {"ENOSPC", "No space left on device"},
    {"EACCES", "Permission denied"},
};

/// The run of one command with the fault library loaded: `at` 0 only counts.
struct FaultRun {
    ProgramOutput output;
    std::vector<std::string> calls;  ///< the log: "N call path[ FAILED ERRNO]", one per call
};

std::map<std::string, std::string> fault_env(const fs::path& root, const fs::path& log, int at,
                                             const std::string& errno_name) {
    // An ASan build refuses a preloaded library ahead of its runtime unless told it is meant.
    const char* asan = std::getenv("ASAN_OPTIONS");
    std::string asan_options = asan != nullptr && *asan != '\0' ? std::string(asan) + ":" : "";
    return {{"LD_PRELOAD", required_env("SNDOCTOR_FAULT_LIBRARY")},
            {"ASAN_OPTIONS", asan_options + "verify_asan_link_order=0"},
            {"SNDOCTOR_FAULT_ROOT", root.string()},
            {"SNDOCTOR_FAULT_LOG", log.string()},
            {"SNDOCTOR_FAULT_AT", std::to_string(at)},
            {"SNDOCTOR_FAULT_ERRNO", errno_name},
            {"SUDO_USER", ""}};
}

FaultRun run_with_fault(const std::vector<std::string>& argv, const fs::path& root, int at,
                        const std::string& errno_name) {
    TempDir log_dir;  // outside the root, so that the log never counts itself
    fs::path log = log_dir.path() / "calls.log";
    FaultRun run;
    run.output = run_program(argv, fault_env(root, log, at, errno_name));
    std::ifstream in(log);
    for (std::string line; std::getline(in, line);)
        run.calls.push_back(line);
    return run;
}

std::vector<std::string> fix_argv(const FixtureCase& c, const fs::path& root) {
    return testing::with_user(
        {required_env("SNDOCTOR_BIN"), "fix", c.check, "--yes", "--root", root.string()}, c.expect);
}

std::vector<std::string> undo_argv(const fs::path& root) {
    return {required_env("SNDOCTOR_BIN"), "undo", "--root", root.string()};
}

/// The call that was made to fail, as the path sndoctor names: inside the root, and a temporary
/// file (".sndoctor-tmp-PID-N-name") as the file it was to become.
struct FailedCall {
    std::string call;
    std::string path;
};

std::optional<FailedCall> failed_call(const FaultRun& run, const fs::path& root) {
    for (const auto& line : run.calls) {
        if (line.find(" FAILED ") == std::string::npos)
            continue;
        std::istringstream fields(line);
        std::string number;
        FailedCall failed;
        fields >> number >> failed.call >> failed.path;
        failed.path = failed.path.substr(fs::canonical(root).string().size());
        auto slash = failed.path.rfind('/');
        std::string name = failed.path.substr(slash + 1);
        const std::string temp = ".sndoctor-tmp-";
        if (name.starts_with(temp)) {
            // Skip the pid and the random number.
            auto dash = name.find('-', name.find('-', temp.size()) + 1);
            failed.path = failed.path.substr(0, slash + 1) + name.substr(dash + 1);
        }
        return failed;
    }
    return std::nullopt;
}

/// Whether the refused call came before the journal entry was complete: no manifest had yet been
/// renamed into place (each is written as a temporary "...-manifest.json", then renamed).
bool before_journal_complete(const FaultRun& run) {
    for (const auto& line : run.calls) {
        if (line.find(" FAILED ") != std::string::npos)
            return true;
        if (line.find(" renameat ") != std::string::npos && line.ends_with("-manifest.json"))
            return false;
    }
    return false;
}

/// Not a crash: no signal, and no sanitizer report (an ASan build exits 1 after one, which a
/// status check alone could mistake).
void expect_no_crash(const ProgramOutput& output, const std::string& what) {
    EXPECT_LT(output.exit_code, 128) << what << " died of a signal\n" << output.err;
    for (const char* report : {"AddressSanitizer", "LeakSanitizer", "runtime error:"})
        EXPECT_EQ(output.err.find(report), std::string::npos) << what << "\n" << output.err;
}

/// A stop by a refused write: exit 3, and the message names the path that was refused and why,
/// either as the fix's "Stopped: step N" with the undo command (a step of the plan was refused)
/// or as the one-line error (the journal, or undo, was refused).
void expect_reported_stop(const FaultRun& run, const fs::path& root, const std::string& errno_name,
                          const std::string& what) {
    expect_no_crash(run.output, what);
    std::string said = run.output.out + run.output.err;
    EXPECT_EQ(run.output.exit_code, 3) << what << "\n" << said;
    auto failed = failed_call(run, root);
    ASSERT_TRUE(failed) << what << ": the fault was never reached";
    EXPECT_NE(said.find(failed->path), std::string::npos)
        << what << ": the message does not name " << failed->path << " (" << failed->call << ")\n"
        << said;
    EXPECT_NE(said.find(k_errno_texts.at(errno_name)), std::string::npos) << what << "\n" << said;
    bool stopped = run.output.out.find("Stopped: step ") != std::string::npos &&
                   run.output.out.find("Nothing is lost: 'sndoctor undo ") != std::string::npos;
    bool error_line = run.output.err.starts_with("sndoctor: ");
    EXPECT_TRUE(stopped || error_line) << what << "\n" << said;
}

/// Undo without a fault: it succeeds, finds every journal entry it needs (nothing half-written
/// that it must skip), undoes one when one is left to undo, and the tree is the original.
void expect_undo_restores(const fs::path& root, const testing::TreeSnapshot& original,
                          bool entry_left, const std::string& what) {
    auto undone = run_program(undo_argv(root));
    expect_no_crash(undone, what + ", then undo");
    EXPECT_EQ(undone.exit_code, 0) << what << ", then undo\n" << undone.out << undone.err;
    EXPECT_NE(undone.out.find(entry_left ? "Undone: " : "Nothing to undo"), std::string::npos)
        << what << ", then undo\n"
        << undone.out;
    EXPECT_EQ(undone.err.find("skipped a journal entry"), std::string::npos)
        << what << ": the fault left a journal entry that undo cannot read\n"
        << undone.err;
    EXPECT_EQ(testing::describe_difference(original, snapshot_tree(root)), "")
        << what << ", then undo";
}

/// One fix, and the first of its failing fixtures where it writes something. A second fixture of
/// the same fix would run the same calls on other bytes, so each fix is faulted on one fixture
/// only (every call of it, with both errnos), which keeps the suite near a minute.
struct FaultCase {
    std::string fix_id;
    std::vector<FixtureCase> fixtures;  ///< every failing fixture that links the fix, in order
};

std::vector<FaultCase> fault_cases() {
    std::vector<FaultCase> cases;
    for (auto& c : testing::discover_fix_cases()) {
        std::string fix_id = c.expect["fixes"][0];
        auto same = std::find_if(cases.begin(), cases.end(),
                                 [&](const FaultCase& f) { return f.fix_id == fix_id; });
        if (same == cases.end())
            same = cases.insert(cases.end(), FaultCase{fix_id, {}});
        same->fixtures.push_back(std::move(c));
    }
    return cases;
}

/// Runs `point(1..count)` on every core: each run has its own copy of the root, and the
/// injection points do not depend on each other.
void for_each_point(int count, const std::function<void(int)>& point) {
    std::atomic<int> next{1};
    unsigned workers = std::max(1u, std::min(std::thread::hardware_concurrency(), 8u));
    std::vector<std::thread> threads;
    for (unsigned w = 0; w < workers; ++w)
        threads.emplace_back([&] {
            for (int at; (at = next++) <= count;)
                point(at);
        });
    for (auto& thread : threads)
        thread.join();
}

class FixFaults : public ::testing::TestWithParam<FaultCase> {};

TEST_P(FixFaults, UndoRestoresAfterEveryRefusedCallOfTheFixAndOfItsUndo) {
    const FaultCase& fault_case = GetParam();
    TempDir work;
    fs::path counted = work.path() / "counted";

    // Counting run: how many mutating calls the fix makes, on the first fixture where it makes
    // any. The library must be invisible when it fails nothing.
    const FixtureCase* chosen = nullptr;
    FaultRun apply_count;
    std::string manual_only;
    for (const auto& c : fault_case.fixtures) {
        fs::remove_all(counted);
        testing::copy_tree(c.root, counted);
        apply_count = run_with_fault(fix_argv(c, counted), counted, 0, "ENOSPC");
        ASSERT_TRUE(apply_count.output.exit_code == 0 || apply_count.output.exit_code == 2)
            << c.name << "\n"
            << apply_count.output.out << apply_count.output.err;
        if (!apply_count.calls.empty()) {
            chosen = &c;
            break;
        }
        manual_only += c.name + ":\n" + apply_count.output.out;
    }
    if (chosen == nullptr) {
        // Nothing to fault: on every fixture the plan is steps for the user, and says so.
        EXPECT_NE(manual_only.find("sndoctor leaves these to you"), std::string::npos)
            << manual_only;
        return;
    }
    const FixtureCase& c = *chosen;
    fs::path pristine = work.path() / "pristine";
    testing::copy_tree(c.root, pristine);
    const auto original = snapshot_tree(pristine);
    const int apply_calls = static_cast<int>(apply_count.calls.size());
    FaultRun undo_count = run_with_fault(undo_argv(counted), counted, 0, "ENOSPC");
    ASSERT_EQ(undo_count.output.exit_code, 0) << undo_count.output.out << undo_count.output.err;
    EXPECT_EQ(testing::describe_difference(original, snapshot_tree(counted)), "");
    const int undo_calls = static_cast<int>(undo_count.calls.size());
    ASSERT_GT(undo_calls, 0);
    RecordProperty("fixture", c.check + "/" + c.name);
    RecordProperty("apply_calls", apply_calls);
    RecordProperty("undo_calls", undo_calls);
    std::cout << fault_case.fix_id << " on " << c.check << "/" << c.name << ": " << apply_calls
              << " calls to fault in the fix, " << undo_calls << " in its undo\n";

    for (const auto& [errno_name, text] : k_errno_texts) {
        for_each_point(apply_calls, [&, &errno_name = errno_name](int at) {
            std::string what = fault_case.fix_id + ": fix with " + errno_name + " at call " +
                               std::to_string(at) + " of " + std::to_string(apply_calls);
            TempDir run_dir;
            fs::path root = run_dir.path() / "root";
            testing::copy_tree(c.root, root);
            FaultRun faulted = run_with_fault(fix_argv(c, root), root, at, errno_name);
            expect_reported_stop(faulted, root, errno_name, what);
            bool journal_unfinished = before_journal_complete(faulted);
            if (journal_unfinished) {
                // Refused while the journal was written: no file of the tree was touched, the
                // user is told so, and the unfinished entry is gone with the directories made
                // for it (the snapshot leaves the journal out, so this looks at it directly).
                EXPECT_NE(faulted.output.err.find("nothing was changed"), std::string::npos)
                    << what << "\n"
                    << faulted.output.err;
                EXPECT_EQ(fs::exists(root / "var/lib/sndoctor"),
                          fs::exists(c.root / "var/lib/sndoctor"))
                    << what << ": the unfinished journal entry was left behind";
            }
            expect_undo_restores(root, original, !journal_unfinished, what);
        });
        for_each_point(undo_calls, [&, &errno_name = errno_name](int at) {
            std::string what = fault_case.fix_id + ": undo with " + errno_name + " at call " +
                               std::to_string(at) + " of " + std::to_string(undo_calls);
            TempDir run_dir;
            fs::path root = run_dir.path() / "root";
            testing::copy_tree(c.root, root);
            // The apply that is undone runs under the library too, failing nothing: only to
            // spare its syncs.
            FaultRun applied = run_with_fault(fix_argv(c, root), root, 0, errno_name);
            EXPECT_TRUE(applied.output.exit_code == 0 || applied.output.exit_code == 2)
                << what << "\n"
                << applied.output.out;
            FaultRun faulted = run_with_fault(undo_argv(root), root, at, errno_name);
            expect_reported_stop(faulted, root, errno_name, what);
            // Refused only when saving what the check said after the undo: the entry is
            // marked undone already, and a second undo has nothing left to do.
            bool finished = faulted.output.out.find("Undone: ") != std::string::npos;
            expect_undo_restores(root, original, !finished, what);
        });
    }
}

std::string fix_name(const ::testing::TestParamInfo<FaultCase>& info) {
    std::string name = info.param.fix_id;
    for (char& ch : name)
        if (!std::isalnum(static_cast<unsigned char>(ch)))
            ch = '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(Fixes, FixFaults, ::testing::ValuesIn(fault_cases()), fix_name);

// Every fix that can act on a fixture root is faulted here (the fixes suite proves that each
// has a fixture it repairs): a fix missing from the list would go unproven without a failure.
TEST(FaultCoverage, EveryFixOfAFixtureRootIsFaulted) {
    auto cases = fault_cases();
    for (const auto* fix : fixes::registry()) {
        if (fix->live_only)
            continue;
        EXPECT_TRUE(std::any_of(cases.begin(), cases.end(),
                                [&](const FaultCase& f) { return f.fix_id == fix->id; }))
            << fix->id << " is faulted on no fixture";
    }
}

}  // namespace
}  // namespace sndoctor
