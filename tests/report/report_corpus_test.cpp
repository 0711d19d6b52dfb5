// Every alsa-info report of the corpus (SNDOCTOR_CORPUS/hda-emu: 310 real reports, script
// 0.4.34-0.4.62) read into a root, and every check run on it: no report may fail to load, and no
// check may end in `error` on one (a check that cannot read what the reader built is a reader
// bug). Where a report's amixer output names the codecs of each card ("Components : 'HDA:...'"),
// the codecs the reader put on that card must be exactly those: an independent witness of the
// card each codec goes to. A table of facts read by hand from 22 reports, across every script
// version and the codec vendors, pins exact values.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "checks/checks.hpp"
#include "corpus.hpp"
#include "engine/runner.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_identity.hpp"
#include "file_text.hpp"
#include "hda/codec_parser.hpp"
#include "report/alsa_info_reader.hpp"
#include "report/report_root.hpp"
#include "temp_dir.hpp"

namespace sndoctor::report {
namespace {

using testing::is_report;
using testing::read_file;

std::filesystem::path corpus_dir() {
    return std::filesystem::path(testing::required_env("SNDOCTOR_CORPUS")) / "hda-emu";
}

/// "card0/codec#0 Realtek ALC269VC" for every codec file of the root, in card and address order.
std::vector<std::string> codec_files(const Root& root) {
    std::vector<std::string> found;
    for (const auto& card : root.list("/proc/asound")) {
        if (!card.name.starts_with("card"))
            continue;
        for (const auto& entry : root.list("/proc/asound/" + card.name)) {
            if (!entry.name.starts_with("codec#"))
                continue;
            std::string path = "/proc/asound/" + card.name + "/" + entry.name;
            for (const auto& codec : hda::parse_codec_dump(root.read(path).value_or(""), path))
                found.push_back(card.name + "/" + entry.name + " " + codec.name);
        }
    }
    return found;
}

/// The vendor ids of each card's codecs as the report's amixer output names them
/// ("!!-------Mixer controls for card 1 [HDMI]" ... "Components : 'HDA:1002aa01,...'").
std::map<int, std::set<std::string>> amixer_components(const Report& report) {
    std::map<int, std::set<std::string>> cards;
    const Section* amixer = report.find("Amixer output");
    if (!amixer)
        return cards;
    static const std::regex k_vendor("HDA:([0-9a-f]{8})");
    for (const auto& sub : amixer->subsections) {
        std::smatch number;
        static const std::regex k_card("Mixer controls for card ([0-9]+)");
        if (!std::regex_search(sub.title, number, k_card))
            continue;
        auto start = sub.text.find("Components");
        if (start == std::string::npos)
            continue;
        // The list is quoted and may be wrapped over several lines.
        auto open = sub.text.find('\'', start);
        auto close = open == std::string::npos ? open : sub.text.find('\'', open + 1);
        if (close == std::string::npos)
            continue;
        std::string line = sub.text.substr(open, close - open);
        auto& vendors = cards[std::stoi(number[1])];
        for (std::sregex_iterator it(line.begin(), line.end(), k_vendor), end; it != end; ++it)
            vendors.insert((*it)[1]);
    }
    return cards;
}

/// The vendor ids of the codecs the reader put on each card (a set: the kernel names a vendor
/// once in Components however many codecs of it the card has).
std::map<int, std::set<std::string>> root_components(const Root& root) {
    std::map<int, std::set<std::string>> cards;
    for (const auto& card : root.list("/proc/asound")) {
        if (!card.name.starts_with("card") || card.name == "cards")
            continue;
        int index = std::stoi(card.name.substr(4));
        for (const auto& entry : root.list("/proc/asound/" + card.name)) {
            if (!entry.name.starts_with("codec#"))
                continue;
            std::string path = "/proc/asound/" + card.name + "/" + entry.name;
            for (const auto& codec : hda::parse_codec_dump(root.read(path).value_or(""), path)) {
                char id[9];
                std::snprintf(id, sizeof id, "%08x", codec.vendor_id);
                cards[index].insert(id);
            }
        }
    }
    return cards;
}

Environment environment() {
    Environment env;
    env.now = 1381136148;
    return env;
}

TEST(ReportCorpus, EveryReportLoadsAndEveryCheckRuns) {
    std::vector<std::filesystem::path> files = testing::corpus_files();

    std::size_t reports = 0, sections = 0, codecs = 0, problems = 0, witnessed = 0;
    std::map<std::string, std::map<std::string, int>> statuses;  // check → status → count
    for (const auto& file : files) {
        std::string name = file.filename().string();
        if (!is_report(read_file(file)))
            continue;
        ++reports;
        ReportRoot loaded = open_report_root(file.string());
        sections += loaded.report.sections.size();
        problems += loaded.report.problems.size();
        for (const auto& problem : loaded.report.problems)
            std::cout << "  problem: " << problem.path << ":" << problem.line << ": "
                      << problem.reason << "\n";
        codecs += codec_files(*loaded.root).size();
        EXPECT_FALSE(loaded.report.script_version.empty()) << name;
        EXPECT_TRUE(loaded.root->exists("/proc/asound/cards")) << name;

        auto expected = amixer_components(loaded.report);
        if (!expected.empty()) {
            auto actual = root_components(*loaded.root);
            for (const auto& [card, vendors] : expected) {
                if (vendors.empty())
                    continue;  // a card without HD-Audio codecs (or amixer failed)
                ++witnessed;
                EXPECT_EQ(actual[card], vendors) << name << ": the codecs of card " << card;
            }
        }

        Facts facts(*loaded.root, environment());
        for (const auto& result : run_checks(checks::registry(), facts)) {
            ++statuses[result.id][std::string(to_string(result.status))];
            EXPECT_NE(result.status, Status::error)
                << name << ": " << result.id << ": " << result.summary;
        }
    }
    std::cout << "reports " << reports << ", sections " << sections << ", codec files " << codecs
              << ", reader problems " << problems << ", cards witnessed by amixer " << witnessed
              << "\n";
    for (const auto& [check, counts] : statuses) {
        std::cout << "  " << check << ":";
        for (const auto& [status, count] : counts)
            std::cout << " " << status << " " << count;
        std::cout << "\n";
    }
    EXPECT_EQ(reports, 310u) << "the corpus holds 310 alsa-info reports";
    EXPECT_EQ(problems, 1u) << "ca0110-sb-xfi-extreme names 2 modules for its 1 card";
    EXPECT_GT(witnessed, 200u);
}

TEST(ReportCorpus, EveryReportCutOffInTheCodecsStillLoads) {
    // Cut in the middle of the codec section: the codecs before the cut stay, the section is
    // a problem, and the checks still run.
    std::size_t cut_reports = 0;
    for (const auto& file : testing::corpus_files()) {
        std::string text = read_file(file);
        auto codecs = text.find("!!HDA-Intel Codec information");
        auto end = text.find("--endcollapse--", codecs);
        if (!is_report(text) || codecs == std::string::npos || end == std::string::npos)
            continue;
        ++cut_reports;
        std::string name = file.filename().string();
        std::string cut = text.substr(0, codecs + (end - codecs) / 2);
        ReportRoot loaded = build_report_root(read_alsa_info(cut, name), name);
        EXPECT_TRUE(std::any_of(loaded.report.problems.begin(), loaded.report.problems.end(),
                                [](const ParseProblem& problem) {
                                    return problem.reason.find(
                                               "\"HDA-Intel Codec information\" is cut off") !=
                                           std::string::npos;
                                }))
            << name;
        EXPECT_TRUE(loaded.root->exists("/proc/asound/cards")) << name;
        Facts facts(*loaded.root, environment());
        for (const auto& result : run_checks(checks::registry(), facts))
            EXPECT_NE(result.status, Status::error) << name << ": " << result.id;
    }
    std::cout << "reports cut in their codec section " << cut_reports << "\n";
    EXPECT_GT(cut_reports, 250u);
}

struct Expected {
    const char* file;
    const char* version;
    std::size_t cards;
    const char* release;
    std::vector<std::string> codecs;
};

TEST(ReportCorpus, FactsOfChosenReports) {
    const std::vector<Expected> table = {
        {"alc268-acer-extensa-5210-1025:0130",
         "0.4.34",
         1,
         "2.6.22-gentoo-r8",
         {"card0/codec#0 Realtek ID 268", "card0/codec#1 Conexant ID 2c06"}},
        {"ad1981-hp-nx7300",
         "0.4.36",
         1,
         "2.6.24.2",
         {"card0/codec#0 Analog Devices AD1981", "card0/codec#1 Generic 11c1 Si3054"}},
        {"stac9228-dell-xps-m1530",
         "0.4.37",
         1,
         "2.6.22-14-generic",
         {"card0/codec#2 SigmaTel STAC9228"}},
        {"alc268-acer-ferrari-1100",
         "0.4.39",
         1,
         "2.6.24.2",
         {"card0/codec#0 Realtek ALC268", "card0/codec#1 LSI ID 1040"}},
        {"alc889-acer-aspire-8920g",
         "0.4.41",
         1,
         "2.6.25-1.fc9.x86_64",
         {"card0/codec#0 Realtek ALC889", "card0/codec#1 Generic 11c1 ID 1040"}},
        {"alc268-acer-1025:0126",
         "0.4.42",
         1,
         "2.6.25.9-101",
         {"card0/codec#0 Realtek ALC268", "card0/codec#1 Conexant ID 2c06"}},
        {"stac9205-dell-precision-m4300",
         "0.4.43",
         1,
         "2.6.25.18-0.2-pae",
         {"card0/codec#0 SigmaTel STAC9205"}},
        {"cx20549-fsc-amilo-pro-v3205",
         "0.4.48",
         1,
         "2.6.24-19-generic",
         {"card0/codec#0 Conexant CX20549 (Venice)"}},
        {"alc883-fsc-amilo-xi2550",
         "0.4.51",
         2,
         "2.6.27.7-9-default",
         {"card0/codec#0 Motorola Si3054", "card0/codec#1 Realtek ALC883",
          "card1/codec#0 ATI ATI R6xx HDMI"}},
        {"stac9221-mac-mini-core2-duo",
         "0.4.52",
         1,
         "2.6.29.1",
         {"card0/codec#0 SigmaTel STAC9221 A1"}},
        {"idt92hd75b2x5-hp-mini1000-1030nr",
         "0.4.53",
         1,
         "2.6.27.7-9-pae",
         {"card0/codec#0 IDT 92HD75B2X5"}},
        // Card 1 is the only HD-Audio card; its codec sits at address 1.
        {"ca0110-sb-xfi-extreme", "0.4.54", 1, "2.6.29-rc3", {"card1/codec#1 Not Set"}},
        {"ad1986a-samsung-p50",
         "0.4.56",
         1,
         "2.6.27-14-generic",
         {"card0/codec#0 Analog Devices AD1986A", "card0/codec#1 LSI Si3054"}},
        {"idt92hd73c1x5-dell-studio1555",
         "0.4.57",
         2,
         "2.6.27.25-0.1-default",
         {"card0/codec#0 IDT 92HD73C1X5", "card1/codec#0 ATI R6xx HDMI"}},
        {"alc275-sony-vaio-f119",
         "0.4.58",
         2,
         "2.6.32-gentoo-r4",
         {"card0/codec#0 Realtek ALC275", "card1/codec#0 Nvidia ID a", "card1/codec#1 Nvidia ID a",
          "card1/codec#2 Nvidia ID a", "card1/codec#3 Nvidia ID a"}},
        {"alc680-asus-nx90jq",
         "0.4.59",
         2,
         "2.6.32.1",
         {"card0/codec#0 Realtek ALC680", "card1/codec#0 Nvidia ID d", "card1/codec#1 Nvidia ID d",
          "card1/codec#2 Nvidia ID d", "card1/codec#3 Nvidia ID d"}},
        // Three cards, the third a ThinkPad EC (not HD-Audio) at index 29.
        {"alc269vc-lenovo-thinkpad-t530",
         "0.4.60",
         3,
         "3.4.5-gentoo",
         {"card0/codec#0 Realtek ALC269VC", "card1/codec#0 Nvidia GPU 14 HDMI/DP",
          "card1/codec#1 Nvidia GPU 14 HDMI/DP", "card1/codec#2 Nvidia GPU 14 HDMI/DP",
          "card1/codec#3 Nvidia GPU 14 HDMI/DP"}},
        {"alc1200-asus-w90vp",
         "0.4.60",
         3,
         "3.1.0-rc8-00081-g0f86267",
         {"card0/codec#0 Realtek ALC1200", "card0/codec#1 LSI ID 1040",
          "card1/codec#0 ATI R6xx HDMI", "card2/codec#0 ATI R6xx HDMI"}},
        {"vt1802-asus-g75",
         "0.4.61",
         2,
         "3.5.0-17-generic",
         {"card0/codec#0 VIA VT1802", "card1/codec#0 Nvidia GPU 16 HDMI/DP",
          "card1/codec#1 Nvidia GPU 16 HDMI/DP", "card1/codec#2 Nvidia GPU 16 HDMI/DP",
          "card1/codec#3 Nvidia GPU 16 HDMI/DP"}},
        {"cs4206-macbook-pro-81",
         "0.4.61",
         1,
         "3.7.0-rc6",
         {"card0/codec#0 Cirrus Logic CS4206", "card0/codec#3 Intel CougarPoint HDMI"}},
        {"cs4208-macbook-air-61",
         "0.4.62",
         1,
         "3.11.0-rc6+",
         {"card0/codec#0 Cirrus Logic ID 4208"}},
        {"alc282-asus-tx300ca",
         "0.4.62",
         1,
         "3.9.6",
         {"card0/codec#0 Realtek ALC282", "card0/codec#3 Intel PantherPoint HDMI"}},
    };
    for (const auto& expected : table) {
        ReportRoot loaded = open_report_root((corpus_dir() / expected.file).string());
        EXPECT_EQ(loaded.report.script_version, expected.version) << expected.file;
        Facts facts(*loaded.root, environment());
        EXPECT_EQ(facts.get<CardList>().cards.size(), expected.cards) << expected.file;
        EXPECT_EQ(facts.get<KernelIdentity>().release, expected.release) << expected.file;
        EXPECT_EQ(codec_files(*loaded.root), expected.codecs) << expected.file;
    }
}

}  // namespace
}  // namespace sndoctor::report
