// Every fixture root whose check links a fix: the fix applied to a copy makes the check pass,
// undo returns the copy to its exact original bytes, modes, times and links, and so does undo
// after the apply is killed after every one of its steps.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "checks/checks.hpp"
#include "fixes/fixes.hpp"
#include "fixture_cases.hpp"
#include "run_program.hpp"
#include "temp_dir.hpp"
#include "tree_snapshot.hpp"

namespace sndoctor {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::journal_manifests;
using testing::required_env;
using testing::run_program;
using testing::snapshot_tree;
using testing::TempDir;

using testing::discover_fix_cases;
using testing::with_user;

using FixCase = testing::FixtureCase;

json check_result(const fs::path& root, const FixCase& c) {
    auto run = run_program(with_user({required_env("SNDOCTOR_BIN"), "check", "--root",
                                      root.string(), "--only", c.check, "--json"},
                                     c.expect));
    auto doc = json::parse(run.out, nullptr, false);
    return doc.is_discarded() ? json() : doc["checks"][0];
}

class FixRoundTrip : public ::testing::TestWithParam<FixCase> {};

TEST_P(FixRoundTrip, ApplyPassesUndoRestoresEvenAfterACrashAtEveryStep) {
    const FixCase& c = GetParam();
    const std::string bin = required_env("SNDOCTOR_BIN");
    std::string fix_id = c.expect["fixes"][0];
    TempDir work;
    fs::path copy = work.path() / "root";
    testing::copy_tree(c.root, copy);
    auto original = snapshot_tree(copy);

    auto applied =
        run_program(with_user({bin, "fix", c.check, "--yes", "--root", copy.string()}, c.expect),
                    {{"SUDO_USER", ""}});
    json after = check_result(copy, c);
    std::string status = after.value("status", "");
    // Fixed means pass, or info ("no saved state" after stale state moved away); a fixture
    // that a fix cannot fully repair says what remains in "status_after_fix".
    std::string wanted = c.expect.value("status_after_fix", status == "info" ? "info" : "pass");
    EXPECT_EQ(status, wanted) << "after the fix: " << after.dump(2) << applied.out;
    bool still_wrong = wanted == "warn" || wanted == "fail" || wanted == "error";
    EXPECT_EQ(applied.exit_code, still_wrong ? 2 : 0) << applied.out << applied.err;
    auto manifests = journal_manifests(copy);
    if (manifests.empty() &&
        applied.out.find("sndoctor leaves these to you") != std::string::npos) {
        // A plan of manual steps only (a built-in driver wants the kernel command line): shown,
        // nothing written.
        EXPECT_EQ(testing::describe_difference(original, snapshot_tree(copy)), "");
        return;
    }
    ASSERT_EQ(manifests.size(), 1u) << applied.out;
    EXPECT_EQ(manifests[0]["state"], "applied");
    EXPECT_EQ(manifests[0]["fixes"][0], fix_id);
    ASSERT_FALSE(manifests[0]["verify"].empty()) << "the check ran again and was recorded";
    EXPECT_EQ(manifests[0]["verify"][0]["status"], wanted);
    const int steps = static_cast<int>(manifests[0]["operations"].size());
    ASSERT_GT(steps, 0);

    auto undone = run_program({bin, "undo", "--root", copy.string()});
    EXPECT_EQ(undone.exit_code, 0) << undone.out << undone.err;
    EXPECT_EQ(testing::describe_difference(original, snapshot_tree(copy)), "") << "after undo";
    EXPECT_EQ(journal_manifests(copy)[0]["state"], "undone");

    for (int step = 1; step <= steps; ++step) {
        TempDir crash_work;
        fs::path crashed = crash_work.path() / "root";
        testing::copy_tree(c.root, crashed);
        auto killed = run_program(
            with_user({bin, "fix", c.check, "--yes", "--root", crashed.string()}, c.expect),
            {{"SUDO_USER", ""}, {"SNDOCTOR_TEST_KILL_AFTER_OPERATION", std::to_string(step)}});
        EXPECT_EQ(killed.exit_code, 128 + SIGKILL) << "step " << step << ": " << killed.out;
        auto restored = run_program({bin, "undo", "--root", crashed.string()});
        EXPECT_EQ(restored.exit_code, 0) << restored.out << restored.err;
        EXPECT_EQ(testing::describe_difference(original, snapshot_tree(crashed)), "")
            << "undo after a crash at step " << step << " of " << steps;
    }
}

std::string case_name(const ::testing::TestParamInfo<FixCase>& info) {
    return testing::test_name_of(info.param);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixRoundTrip, ::testing::ValuesIn(discover_fix_cases()),
                         case_name);

// Every fix is proven on at least one failing fixture root; a fix that acts on the running
// kernel only is proven in the VM (tests/vm), and here it must refuse a copy.
TEST(FixCoverage, EveryFixHasAFixtureItRepairs) {
    auto cases = discover_fix_cases();
    for (const auto* fix : fixes::registry()) {
        if (fix->live_only)
            continue;
        bool covered = std::any_of(cases.begin(), cases.end(), [&](const FixCase& c) {
            return c.expect["fixes"][0] == std::string(fix->id);
        });
        EXPECT_TRUE(covered) << fix->id << " is applied to no fixture";
    }
}

// The title a check shows for a fix is the fix's own title, and a fix's own check links it.
TEST(FixCoverage, LinkedFixesAgreeWithTheirDefinitions) {
    for (const auto* check : checks::registry())
        for (const auto& link : check->fixes) {
            const auto* fix = fixes::find_fix(link.id);
            ASSERT_NE(fix, nullptr) << check->id << " links an unknown fix " << link.id;
            EXPECT_EQ(fix->title, link.title) << link.id;
            EXPECT_EQ(fix->needs_root, link.needs_root) << link.id;
        }
    for (const auto* fix : fixes::registry()) {
        const auto* own = checks::find_check(fix->check_id);
        ASSERT_NE(own, nullptr) << fix->id;
        EXPECT_TRUE(std::any_of(own->fixes.begin(), own->fixes.end(),
                                [&](const FixDescriptor& link) { return link.id == fix->id; }))
            << fix->id << " is not linked by its own check " << fix->check_id;
    }
}

}  // namespace
}  // namespace sndoctor
