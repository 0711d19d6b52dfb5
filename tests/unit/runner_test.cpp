#include "engine/runner.hpp"

#include <gtest/gtest.h>

#include "checks/checks.hpp"
#include "core/error.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_identity.hpp"

namespace sndoctor {
namespace {

/// A fact that counts its parses in the test and fails on demand.
struct CountedFact {
    int value = 0;
    static CountedFact load(Facts& facts) {
        if (facts.root().exists("/broken"))
            throw InputError("/broken", "unreadable on purpose");
        return CountedFact{7};
    }
};

Finding reads_counted_fact(Facts& facts) {
    return make_finding(Status::pass, "value " + std::to_string(facts.get<CountedFact>().value));
}

const CheckDescriptor first = {
    .id = "test.first",
    .title = "First",
    .area = "test",
    .needs = {},
    .explanation = "first explanation",
    .fixes = {{"test.fix-first", "Fix the first", true}, {"test.unused", "Unused", false}},
    .run =
        [](Facts&) {
            Finding f = make_finding(Status::fail, "first failed", {{"/etc/x", 3, "bad line"}});
            f.detail = "specific detail";
            f.fixes = {"test.fix-first"};
            return f;
        },
};
const CheckDescriptor needs_first = {
    .id = "test.needs-first",
    .title = "Needs first",
    .area = "test",
    .needs = {"test.first"},
    .explanation = "",
    .fixes = {},
    .run = [](Facts&) { return make_finding(Status::pass, "should not run"); },
};
const CheckDescriptor throws_input = {
    .id = "test.throws-input",
    .title = "Throws input error",
    .area = "test",
    .needs = {},
    .explanation = "",
    .fixes = {},
    .run = [](Facts&) -> Finding { throw InputError("/proc/asound/cards", "binary junk", 2); },
};
const CheckDescriptor throws_other = {
    .id = "test.throws-other",
    .title = "Throws",
    .area = "test",
    .needs = {},
    .explanation = "",
    .fixes = {},
    .run = [](Facts&) -> Finding { throw std::runtime_error("boom"); },
};
const CheckDescriptor counted_a = {
    .id = "test.counted-a",
    .title = "A",
    .area = "test",
    .needs = {},
    .explanation = "",
    .fixes = {},
    .run = reads_counted_fact,
};
const CheckDescriptor counted_b = {
    .id = "test.counted-b",
    .title = "B",
    .area = "test",
    .needs = {},
    .explanation = "",
    .fixes = {},
    .run = reads_counted_fact,
};
const CheckDescriptor needs_counted_a = {
    .id = "test.needs-counted-a",
    .title = "C",
    .area = "test",
    .needs = {"test.counted-a"},
    .explanation = "",
    .fixes = {},
    .run = reads_counted_fact,
};

TEST(Runner, KeepsTheOrderGivenAndFillsTheResult) {
    MemoryRoot root("test");
    Facts facts(root, {});
    auto results = run_checks({&first, &counted_a, &counted_b}, facts);
    ASSERT_EQ(results.size(), 3u);
    EXPECT_EQ(results[0].id, "test.first");
    EXPECT_EQ(results[1].id, "test.counted-a");
    EXPECT_EQ(results[2].id, "test.counted-b");
    EXPECT_EQ(results[0].title, "First");
    EXPECT_EQ(results[0].status, Status::fail);
    EXPECT_EQ(results[0].explanation, "first explanation\n\nspecific detail");
    ASSERT_EQ(results[0].evidence.size(), 1u);
    EXPECT_EQ(results[0].evidence[0].line, 3);
    ASSERT_EQ(results[0].fixes.size(), 1u) << "only the fixes the finding names are linked";
    EXPECT_EQ(results[0].fixes[0].id, "test.fix-first");
    EXPECT_TRUE(results[0].fixes[0].needs_root);
    EXPECT_GE(results[0].duration_ms, 0.0);
}

TEST(Runner, SkipsACheckWhosePrerequisiteFailed) {
    MemoryRoot root("test");
    Facts facts(root, {});
    auto results = run_checks({&first, &needs_first}, facts);
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[1].status, Status::skip);
    EXPECT_NE(results[1].summary.find("test.first is fail"), std::string::npos);
}

TEST(Runner, RunsACheckWhosePrerequisitePassed) {
    MemoryRoot root("test");
    Facts facts(root, {});
    auto results = run_checks({&counted_a, &needs_counted_a}, facts);
    EXPECT_EQ(results[1].status, Status::pass);
}

TEST(Runner, AThrowingCheckIsAnErrorAndTheOthersStillRun) {
    MemoryRoot root("test");
    Facts facts(root, {});
    auto results = run_checks({&throws_input, &throws_other, &counted_a}, facts);
    ASSERT_EQ(results.size(), 3u);
    EXPECT_EQ(results[0].status, Status::error);
    ASSERT_EQ(results[0].evidence.size(), 1u);
    EXPECT_EQ(results[0].evidence[0].path, "/proc/asound/cards");
    EXPECT_EQ(results[0].evidence[0].line, 2);
    EXPECT_NE(results[0].summary.find("binary junk"), std::string::npos);
    EXPECT_EQ(results[1].status, Status::error);
    EXPECT_NE(results[1].summary.find("boom"), std::string::npos);
    EXPECT_EQ(results[2].status, Status::pass);
}

TEST(Runner, ErrorBlocksDependants) {
    MemoryRoot root("test");
    root.add_file("/broken", "");
    Facts facts(root, {});
    auto results = run_checks({&counted_a, &needs_counted_a}, facts);
    EXPECT_EQ(results[0].status, Status::error);
    EXPECT_EQ(results[1].status, Status::skip);
}

TEST(Runner, SharedFactIsParsedOnce) {
    MemoryRoot root("test");
    Facts facts(root, {});
    run_checks({&counted_a, &counted_b}, facts);
    EXPECT_EQ(facts.load_count<CountedFact>(), 1);
}

TEST(Runner, AFailedFactLoadIsRememberedNotRetried) {
    MemoryRoot root("test");
    root.add_file("/broken", "");
    Facts facts(root, {});
    auto results = run_checks({&counted_a, &counted_b}, facts);
    EXPECT_EQ(results[0].status, Status::error);
    EXPECT_EQ(results[1].status, Status::error);
    EXPECT_EQ(facts.load_count<CountedFact>(), 1);
}

TEST(Runner, OnlyKeepsTheSelectedResultsButRunsTheirPrerequisites) {
    MemoryRoot root("test");
    Facts facts(root, {});
    auto results = run_checks({&first, &counted_a, &needs_first}, facts, {"test.needs-first"});
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].id, "test.needs-first");
    EXPECT_EQ(results[0].status, Status::skip) << "the prerequisite ran and failed";
}

TEST(ExitCode, FollowsDesign) {
    auto with = [](std::initializer_list<Status> statuses) {
        std::vector<Result> results;
        for (Status s : statuses)
            results.push_back(Result{.status = s});
        return exit_code_for(results);
    };
    EXPECT_EQ(with({Status::pass, Status::info, Status::skip}), 0);
    EXPECT_EQ(with({Status::pass, Status::warn}), 1);
    EXPECT_EQ(with({Status::warn, Status::fail, Status::error}), 2);
    EXPECT_EQ(with({Status::warn, Status::error}), 3);
    EXPECT_EQ(with({}), 0);
}

TEST(StatusNames, RoundTrip) {
    for (Status status : k_all_statuses)
        EXPECT_EQ(status_from_string(to_string(status)), status);
    EXPECT_FALSE(status_from_string("ok").has_value());
}

// The real checks, on a small machine in memory: every check runs, and the facts several of them
// share are parsed once for the whole run.
TEST(Registry, SharedFactsAreParsedOncePerRun) {
    MemoryRoot root("test");
    root.add_file("/proc/sys/kernel/osrelease", "6.1.0-18-amd64\n");
    root.add_file("/proc/sys/kernel/version",
                  "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)\n");
    root.add_file("/proc/asound/cards",
                  " 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n"
                  "                      HDA Intel PCH at 0xf7f10000 irq 31\n");
    root.add_file("/etc/passwd", "alex:x:1000:1000::/home/alex:/bin/sh\n");
    root.add_file("/etc/group", "audio:x:29:alex\n");
    // A memory root is a report's; these make the checks that need them run.
    root.add_file("/lib/modules/6.1.0-18-amd64/modules.dep", "");
    root.add_file("/etc/modprobe.d/alsa-base.conf", "options snd-hda-intel model=auto\n");
    Environment env;
    env.user = "alex";
    env.user_source = UserSource::option;
    Facts facts(root, env);
    auto results = run_checks(checks::registry(), facts);
    EXPECT_EQ(results.size(), checks::registry().size());
    EXPECT_EQ(facts.load_count<KernelIdentity>(), 1);
    EXPECT_EQ(facts.load_count<CardList>(), 1);
}

TEST(Registry, IdsAreUniqueOrderedAndWellFormed) {
    const std::vector<std::string_view> seed_order = {
        "kernel.build-match",    "modules.stale-snd",  "portage.alsa-driver-mask",
        "modprobe.card-aliases", "user.audio-group",   "alsa.state-file",
        "cards.present",         "cards.virmidi-index"};
    const auto& all = checks::registry();
    // The seed checks keep DESIGN.md's order; later checks take their place between them.
    std::vector<std::string_view> seeds_found;
    for (const auto* check : all)
        if (std::find(seed_order.begin(), seed_order.end(), check->id) != seed_order.end())
            seeds_found.push_back(check->id);
    EXPECT_EQ(seeds_found, seed_order);
    for (std::size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(std::count_if(all.begin(), all.end(),
                                [&](const auto* other) { return other->id == all[i]->id; }),
                  1)
            << all[i]->id;
        EXPECT_FALSE(all[i]->title.empty()) << all[i]->id;
        EXPECT_GT(all[i]->explanation.size(), 80u) << all[i]->id << " needs a real explanation";
        EXPECT_EQ(checks::find_check(all[i]->id), all[i]);
        for (auto need : all[i]->needs) {
            auto* needed = checks::find_check(need);
            ASSERT_NE(needed, nullptr) << all[i]->id << " needs unknown " << need;
            auto pos = std::find(all.begin(), all.end(), needed) - all.begin();
            EXPECT_LT(static_cast<std::size_t>(pos), i) << "a prerequisite runs first";
        }
    }
    EXPECT_EQ(checks::find_check("no.such-check"), nullptr);
}

// A check whose files a report does not carry is skipped there, and runs on a directory tree.
TEST(Runner, AReportWithoutTheFilesACheckNeedsSkipsIt) {
    const CheckDescriptor reads_groups = {
        .id = "test.groups",
        .title = "Groups",
        .area = "test",
        .needs = {},
        .report_needs = {"/etc/group"},
        .explanation = "",
        .fixes = {},
        .run = [](Facts&) { return make_finding(Status::pass, "ran"); },
    };
    MemoryRoot report("report.txt");
    Facts facts(report, Environment{});
    auto results = run_checks({&reads_groups}, facts);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].status, Status::skip);
    EXPECT_EQ(results[0].summary, "not in the report: it holds no /etc/group");

    report.add_file("/etc/group", "audio:x:29:\n");
    Facts with_group(report, Environment{});
    EXPECT_EQ(run_checks({&reads_groups}, with_group)[0].summary, "ran");
}

}  // namespace
}  // namespace sndoctor
