// alsa.version-match, power.save-pops and codec.eapd-off over every alsa-info report of the
// corpus (SNDOCTOR_CORPUS/hda-emu): none may end in `error` on a real report, and the reports
// read by hand below give the statuses in the table. The corpus is from 2008-2013: no report
// has an out-of-tree driver's "Compiled on" line (a report keeps only the version number) or
// an alsa-lib older than its kernel needs; the fixture roots cover those.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "checks/checks.hpp"
#include "corpus.hpp"
#include "engine/runner.hpp"
#include "facts/facts.hpp"
#include "file_text.hpp"
#include "report/report_root.hpp"
#include "temp_dir.hpp"

namespace sndoctor::report {
namespace {

const std::vector<std::string> k_checks = {"alsa.version-match", "power.save-pops",
                                           "codec.eapd-off"};

std::vector<const CheckDescriptor*> the_checks() {
    std::vector<const CheckDescriptor*> found;
    for (const auto& id : k_checks)
        found.push_back(checks::find_check(id));
    return found;
}

/// Statuses read by hand from the reports: the codec dump's EAPD lines and pin defaults, the
/// "power_save" module option, the ALSA Version section.
struct Expected {
    const char* report;
    const char* check;
    Status status;
    const char* summary_part;
};

const Expected k_expected[] = {
    // Node 0x14 "[Fixed] Speaker at Int ATAPI", EAPD 0x0: the speaker amplifier is off.
    {"alc272-acer-aspire-one-d150x", "codec.eapd-off", Status::warn, "Speaker at Int ATAPI"},
    {"alc888-acer-aspire-6930", "codec.eapd-off", Status::warn, "node 0x14"},
    // Only a jack line out (node 0x12) has EAPD off: a hint, not a fault.
    {"ad1882-sparta", "codec.eapd-off", Status::info, "Line Out at Ext Rear"},
    {"ad1981-hp-nx7300", "codec.eapd-off", Status::pass, "(1 pin)"},
    // "power_save : 10" under snd_hda_intel's options.
    {"ad1981-hp2710-alsa-info", "power.save-pops", Status::info, "after 10 s idle"},
    {"ad1984a-hp-8530w", "power.save-pops", Status::info, "after 3 s idle"},
    {"ad1882-sparta", "power.save-pops", Status::pass, "power_save=0"},
    // Script 0.4.x without the module options section.
    {"alc1200-asus-p5ql-em-mobo", "power.save-pops", Status::skip, "/sys/module"},
    // "Driver version: k3.9.6", "Library version: 1.0.25".
    {"alc282-asus-tx300ca", "alsa.version-match", Status::pass, "(k3.9.6); alsa-lib 1.0.25"},
    // "Driver version: 1.0.24", "Library version: 1.0.22" on 2.6 kernels.
    {"vt1708b-8ch-mobo", "alsa.version-match", Status::pass, "alsa-lib 1.0.22"},
};

Environment environment() {
    Environment env;
    env.now = 1381136148;
    return env;
}

bool is_report(const std::string& text) {
    return text.find("!!ALSA Information Script") != std::string::npos ||
           text.find("upload=true&script=true") != std::string::npos;
}

TEST(ModernChecksCorpus, NoCheckErrsOnARealReport) {
    std::size_t reports = 0;
    std::map<std::string, std::map<std::string, int>> statuses;
    for (const auto& file : testing::corpus_files()) {
        if (!is_report(testing::read_file(file)))
            continue;
        ++reports;
        ReportRoot loaded = open_report_root(file.string());
        Facts facts(*loaded.root, environment());
        for (const auto& result : run_checks(the_checks(), facts)) {
            ++statuses[result.id][std::string(to_string(result.status))];
            EXPECT_NE(result.status, Status::error)
                << file.filename().string() << ": " << result.id << ": " << result.summary;
        }
    }
    EXPECT_EQ(reports, 310u);
    for (const auto& [check, counts] : statuses) {
        std::cout << "  " << check << ":";
        for (const auto& [status, count] : counts)
            std::cout << " " << status << " " << count;
        std::cout << "\n";
    }
}

TEST(ModernChecksCorpus, ReportsReadByHandGiveTheirStatus) {
    auto dir = std::filesystem::path(testing::required_env("SNDOCTOR_CORPUS")) / "hda-emu";
    for (const auto& want : k_expected) {
        ReportRoot loaded = open_report_root((dir / want.report).string());
        Facts facts(*loaded.root, environment());
        auto results = run_checks(the_checks(), facts, {want.check});
        ASSERT_EQ(results.size(), 1u) << want.report;
        EXPECT_EQ(results[0].status, want.status)
            << want.report << ": " << want.check << ": " << results[0].summary;
        EXPECT_NE(results[0].summary.find(want.summary_part), std::string::npos)
            << want.report << ": " << results[0].summary;
    }
}

}  // namespace
}  // namespace sndoctor::report
