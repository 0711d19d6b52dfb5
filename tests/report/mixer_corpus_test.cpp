// mixer.muted on every alsa-info report of the corpus that carries amixer output: the check reads
// each report's "Alsactl output" without an error, and a few reports inspected by hand give the
// status their controls call for.
#include <gtest/gtest.h>

#include <iostream>
#include <map>

#include "checks/checks.hpp"
#include "corpus.hpp"
#include "engine/runner.hpp"
#include "facts/facts.hpp"
#include "file_text.hpp"
#include "report/report_root.hpp"

namespace sndoctor {
namespace {

using testing::is_report;
using testing::read_file;

Result mixer_result(const std::filesystem::path& file) {
    report::ReportRoot loaded = report::open_report_root(file.string());
    Facts facts(*loaded.root, Environment{});
    auto results = run_checks(checks::registry(), facts, {"mixer.muted"});
    EXPECT_EQ(results.size(), 1u) << file;
    return results.empty() ? Result{} : results.front();
}

TEST(MixerCorpus, EveryReportWithAmixerOutputIsRead) {
    std::map<std::string, int> counts;
    int reports = 0;
    for (const auto& file : testing::corpus_files()) {
        std::string text = read_file(file);
        if (!is_report(text) || text.find("\n!!Amixer output") == std::string::npos)
            continue;
        ++reports;
        Result result = mixer_result(file);
        ++counts[std::string(to_string(result.status))];
        EXPECT_NE(result.status, Status::error) << file.filename() << ": " << result.summary;
    }
    std::cout << "reports with amixer output " << reports << ":";
    for (const auto& [status, count] : counts)
        std::cout << " " << status << " " << count;
    std::cout << "\n";
    EXPECT_EQ(reports, 306);
}

struct Expected {
    const char* file;
    Status status;
    const char* summary_contains;
};

TEST(MixerCorpus, ReportsInspectedByHand) {
    const Expected expected[] = {
        // Master Playback Switch saved "value false": nothing the card plays is heard.
        {"alc262-samsung-q45", Status::fail, "Master Playback Switch off"},
        // PCM at 0 silences the card whatever the outputs say.
        {"cx20582-lenovo-thinkpad-edge-116", Status::fail, "PCM Playback Volume at 0"},
        // Headphone off (value.0 false, value.1 false) while the speaker plays.
        {"alc660vd-asus-g1", Status::warn, "Headphone Playback Switch off"},
        {"stac9227-intel-d946gzis-mobo", Status::warn, "Speaker Playback Switch off"},
        {"ad1981-hp-nx7300", Status::pass, "Intel are on"},
        // alsactl printed nothing (an empty collapsed section); older scripts had no section.
        {"ad1882-sparta", Status::skip, "holds no card's mixer controls"},
        {"alc268-acer-extensa-5210-1025:0130", Status::skip, "not in the report"},
    };
    std::map<std::string, std::filesystem::path> by_name;
    for (const auto& file : testing::corpus_files())
        by_name[file.filename().string()] = file;
    for (const auto& row : expected) {
        ASSERT_TRUE(by_name.count(row.file)) << row.file;
        Result result = mixer_result(by_name[row.file]);
        EXPECT_EQ(result.status, row.status) << row.file << ": " << result.summary;
        EXPECT_NE(result.summary.find(row.summary_contains), std::string::npos)
            << row.file << ": " << result.summary;
    }
}

}  // namespace
}  // namespace sndoctor
