#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/views.hpp"

namespace sndoctor::cli {
namespace {

std::vector<Result> sample_results() {
    Result pass{.id = "kernel.build-match",
                .title = "Kernel",
                .status = Status::pass,
                .summary = "running 6.1.0 matches /usr/src/linux"};
    Result fail{.id = "cards.virmidi-index",
                .title = "VirMIDI",
                .status = Status::fail,
                .summary = "VirMIDI holds card index 0",
                .evidence = {{"/proc/asound/cards", 1, " 0 [VirMIDI        ]: VirMIDI - VirMIDI"}},
                .explanation = "why",
                .fixes = {{"cards.order-real-first", "Give the real card index 0", true}},
                .duration_ms = 0.5};
    Result skip{.id = "x.skip", .title = "S", .status = Status::skip, .summary = "skipped: y"};
    return {pass, fail, skip};
}

TEST(TableView, OneLinePerCheckAndCounts) {
    TextStyle plain;
    std::string table =
        render_table({"/fx", RootSource::dir, false}, sample_results(), plain, Detail::summary);
    EXPECT_NE(table.find("checking the tree /fx"), std::string::npos);
    EXPECT_NE(table.find("  PASS  kernel.build-match   running 6.1.0 matches /usr/src/linux\n"),
              std::string::npos)
        << table;
    EXPECT_NE(table.find("  FAIL  cards.virmidi-index  VirMIDI holds card index 0\n"),
              std::string::npos);
    EXPECT_NE(table.find("1 failed, 1 passed, 1 skipped."), std::string::npos);
    EXPECT_EQ(table.find("/proc/asound/cards:1"), std::string::npos) << "evidence only with -v";
    EXPECT_EQ(table.find("\x1b"), std::string::npos) << "no escapes without colour";
}

TEST(TableView, VerboseShowsEvidenceAndFixesOfNonPassedResults) {
    TextStyle plain;
    std::string table =
        render_table({"/", RootSource::live, false}, sample_results(), plain, Detail::verbose);
    EXPECT_NE(table.find("this machine (/)"), std::string::npos);
    EXPECT_NE(table.find("        /proc/asound/cards:1:  0 [VirMIDI        ]: VirMIDI - VirMIDI\n"),
              std::string::npos)
        << table;
    EXPECT_NE(table.find("        fix: Give the real card index 0 (cards.order-real-first, needs "
                         "root)\n"),
              std::string::npos);
}

TEST(TableView, GlyphsAndColourWhenTheStyleHasThem) {
    TextStyle style;
    style.utf8 = true;
    style.status_colour[static_cast<int>(Status::fail)] = "<red>";
    style.reset = "<reset>";
    std::string table =
        render_table({"/d", RootSource::dir, true}, sample_results(), style, Detail::summary);
    EXPECT_NE(table.find("<red>✗ FAIL <reset>"), std::string::npos) << table;
    EXPECT_NE(table.find("✓ PASS "), std::string::npos);
    EXPECT_NE(table.find("demo system"), std::string::npos);
}

TEST(JsonView, FollowsTheSchema) {
    auto doc =
        nlohmann::json::parse(render_json({"/fx", RootSource::dir, false}, sample_results()));
    EXPECT_EQ(doc["schema"], "sndoctor.check/1");
    EXPECT_EQ(doc["root"], "/fx");
    EXPECT_EQ(doc["source"], "dir");
    ASSERT_EQ(doc["checks"].size(), 3u);
    const auto& fail = doc["checks"][1];
    EXPECT_EQ(fail["id"], "cards.virmidi-index");
    EXPECT_EQ(fail["status"], "fail");
    EXPECT_EQ(fail["evidence"][0]["path"], "/proc/asound/cards");
    EXPECT_EQ(fail["evidence"][0]["line"], 1);
    EXPECT_EQ(fail["fixes"][0]["id"], "cards.order-real-first");
    EXPECT_EQ(fail["fixes"][0]["needs_root"], true);
    EXPECT_DOUBLE_EQ(fail["duration_ms"].get<double>(), 0.5);
    EXPECT_EQ(doc["counts"]["pass"], 1);
    EXPECT_EQ(doc["counts"]["fail"], 1);
    EXPECT_EQ(doc["counts"]["skip"], 1);
    EXPECT_EQ(doc["counts"]["error"], 0);
}

TEST(JsonView, InvalidUtf8FromABrokenFileIsReplacedNotFatal) {
    std::vector<Result> results = {
        {.id = "a.b", .title = "t", .status = Status::warn, .summary = "bad \xff byte"}};
    auto doc = nlohmann::json::parse(render_json({"/", RootSource::live, false}, results));
    EXPECT_EQ(doc["checks"][0]["summary"], "bad \xEF\xBF\xBD byte");
}

}  // namespace
}  // namespace sndoctor::cli
