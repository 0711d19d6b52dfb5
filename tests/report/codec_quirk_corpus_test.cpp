// kernel.sound-config and codec.quirk over every alsa-info report of the corpus
// (SNDOCTOR_CORPUS/hda-emu): no `error` on a real report, and the reports whose ALSA/HDA dmesg
// section was read by hand give the statuses below. The corpus is 2008-2013: its kernels print
// the old forms ("model 'm51va' is selected for config ...", "ALC1200: BIOS auto-probing.");
// the fixture roots cover today's "picked fixup ... for PCI SSID ...".
#include <gtest/gtest.h>

#include <filesystem>

#include "checks/checks.hpp"
#include "corpus.hpp"
#include "engine/runner.hpp"
#include "facts/facts.hpp"
#include "file_text.hpp"
#include "report/report_root.hpp"
#include "temp_dir.hpp"

namespace sndoctor::report {
namespace {

std::vector<const CheckDescriptor*> the_checks() {
    return {checks::find_check("kernel.sound-config"), checks::find_check("codec.quirk")};
}

Environment environment() {
    Environment env;
    env.now = 1381136148;
    return env;
}

struct Expected {
    const char* report;
    Status status;
    const char* summary_part;
    const char* evidence_part;  ///< a piece of some evidence line
};

const Expected k_expected[] = {
    // "hda_codec: model 'm51va' is selected for config 1043:1878 (ASUS M51VA)": the quirk
    // table knew the machine.
    {"alc663-asus-m51va", Status::pass, "picked fixup m51va (for config 1043:1878 (ASUS M51VA))",
     "model 'm51va' is selected"},
    // "snd-hda-intel: model=laptop" and "model 'laptop' is selected": the option took.
    {"ad1984a-hp-2530p", Status::pass, "picked fixup laptop", "model 'laptop' is selected"},
    // "hda_codec: ALC1200: BIOS auto-probing.": no quirk for this board.
    {"alc1200-packardbell-m5120", Status::info,
     "(Realtek ALC1200): the driver picked no fixup for this machine (codec SSID 0x10250155)",
     "ALC1200: BIOS auto-probing."},
    // A report without the dmesg section cannot say.
    {"ad1882-sparta", Status::skip, "the report has no ALSA/HDA dmesg section", nullptr},
};

TEST(CodecQuirkCorpus, NoErrorOnARealReport) {
    std::size_t reports = 0;
    for (const auto& file : testing::corpus_files()) {
        if (!testing::is_report(testing::read_file(file)))
            continue;
        ++reports;
        ReportRoot loaded = open_report_root(file.string());
        Facts facts(*loaded.root, environment());
        for (const auto& result : run_checks(the_checks(), facts)) {
            EXPECT_NE(result.status, Status::error)
                << file.filename().string() << ": " << result.id << ": " << result.summary;
            // A report carries no kernel configuration.
            if (result.id == "kernel.sound-config") {
                EXPECT_EQ(result.status, Status::skip) << file.filename().string();
            }
        }
    }
    EXPECT_EQ(reports, 310u);
}

TEST(CodecQuirkCorpus, ReportsReadByHandGiveTheirStatus) {
    auto dir = std::filesystem::path(testing::required_env("SNDOCTOR_CORPUS")) / "hda-emu";
    for (const auto& want : k_expected) {
        ReportRoot loaded = open_report_root((dir / want.report).string());
        Facts facts(*loaded.root, environment());
        auto results = run_checks(the_checks(), facts, {"codec.quirk"});
        ASSERT_EQ(results.size(), 1u) << want.report;
        EXPECT_EQ(results[0].status, want.status) << want.report << ": " << results[0].summary;
        EXPECT_NE(results[0].summary.find(want.summary_part), std::string::npos)
            << want.report << ": " << results[0].summary;
        if (!want.evidence_part)
            continue;
        bool found = false;
        for (const auto& evidence : results[0].evidence)
            found = found || (evidence.path == "/run/sndoctor/report/dmesg.txt" &&
                              evidence.text.find(want.evidence_part) != std::string::npos);
        EXPECT_TRUE(found) << want.report << ": no dmesg evidence with " << want.evidence_part;
    }
}

}  // namespace
}  // namespace sndoctor::report
