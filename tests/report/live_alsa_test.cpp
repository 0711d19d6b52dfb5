// The sections alsa-info.sh fills from alsa-utils programs: amixer's number formats for known
// inputs, and the rule that only the live system is asked through alsa-lib (every other root
// gives the program output it carries, or nothing). The live path itself runs against the real
// programs in the VM (tests/vm/scenarios/healthy.*): tests never open the host's /dev/snd.
#include <gtest/gtest.h>

#include "core/root.hpp"
#include "engine/runner.hpp"
#include "facts/facts.hpp"
#include "report/collector.hpp"
#include "report/live_alsa.hpp"
#include "report/section_files.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

TEST(LiveAlsa, VolumeAsAmixerPrintsIt) {
    EXPECT_EQ(report::amixer_volume(52, 0, 64), "52 [81%]");
    EXPECT_EQ(report::amixer_volume(87, 0, 87), "87 [100%]");
    EXPECT_EQ(report::amixer_volume(0, 0, 87), "0 [0%]");
    // rint rounds halves to even: 12.5 → 12, 37.5 → 38.
    EXPECT_EQ(report::amixer_volume(1, 0, 8), "1 [12%]");
    EXPECT_EQ(report::amixer_volume(3, 0, 8), "3 [38%]");
    EXPECT_EQ(report::amixer_volume(-10, -20, 0), "-10 [50%]");
    EXPECT_EQ(report::amixer_volume(5, 5, 5), "5 [0%]");  // an empty range
}

TEST(LiveAlsa, DecibelsAsAmixerPrintsThem) {
    EXPECT_EQ(report::amixer_db(-1725), "-17.25dB");
    EXPECT_EQ(report::amixer_db(-9525), "-95.25dB");
    EXPECT_EQ(report::amixer_db(-50), "-0.50dB");  // the sign survives between -1 and 0 dB
    EXPECT_EQ(report::amixer_db(-5), "-0.05dB");
    EXPECT_EQ(report::amixer_db(0), "0.00dB");
    EXPECT_EQ(report::amixer_db(600), "6.00dB");
    EXPECT_EQ(report::amixer_db(1205), "12.05dB");
}

constexpr std::string_view k_cards =
    " 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n"
    "                      HDA Intel PCH at 0xf7f10000 irq 31\n";
constexpr std::string_view k_aplay =
    "APLAY\n\n**** List of PLAYBACK Hardware Devices ****\n"
    "card 0: PCH [HDA Intel PCH], device 0: ALC3246 Analog [ALC3246 Analog]\n"
    "  Subdevices: 1/1\n  Subdevice #0: subdevice #0\n\n"
    "ARECORD\n\n**** List of CAPTURE Hardware Devices ****\n";
constexpr std::string_view k_amixer =
    "Card sysdefault:0 'PCH'/'HDA Intel PCH at 0xf7f10000 irq 31'\n"
    "Simple mixer control 'Master',0\n  Mono: Playback 52 [81%] [-17.25dB] [on]\n";
constexpr std::string_view k_alsactl = "state.PCH {\n\tcontrol {\n\t}\n}\n";

report::Report collect(const Root& root) {
    Environment env;
    env.now = 1381136148;
    Facts facts(root, env);
    return report::collect_report(facts, {});
}

/// The program sections of a report and every problem that names a sound device.
void expect_carried(const report::Report& report) {
    const auto* aplay = report.find(report::k_aplay_title);
    ASSERT_NE(aplay, nullptr);
    EXPECT_EQ(aplay->text, k_aplay);
    const auto* amixer = report.find(report::k_amixer_title);
    ASSERT_NE(amixer, nullptr);
    ASSERT_EQ(amixer->subsections.size(), 1u);
    EXPECT_EQ(amixer->subsections[0].title, std::string(report::k_mixer_prefix) + "0");
    EXPECT_EQ(amixer->subsections[0].text, "\n" + std::string(k_amixer));
    const auto* alsactl = report.find(report::k_alsactl_title);
    ASSERT_NE(alsactl, nullptr);
    EXPECT_EQ(alsactl->text, k_alsactl);
    for (const auto& problem : report.problems)
        EXPECT_NE(problem.path.rfind("/dev/snd", 0), 0u) << problem.path << ": " << problem.reason;
}

// Whatever cards the test machine has, a directory root reports the output it carries: had the
// collector asked alsa-lib, these sections would hold the machine's cards, or be left out.
TEST(LiveAlsa, ADirectoryRootGivesTheOutputItCarries) {
    testing::TempDir dir;
    dir.write("proc/asound/cards", std::string(k_cards));
    dir.write(std::string(report::k_aplay_path).substr(1), std::string(k_aplay));
    dir.write(std::string(report::k_amixer_dir).substr(1) + "/0", std::string(k_amixer));
    dir.write(std::string(report::k_alsactl_path).substr(1), std::string(k_alsactl));
    auto root = open_dir_root(dir.path().string(), RootSource::dir);
    expect_carried(collect(*root));
}

TEST(LiveAlsa, AReportRootGivesTheOutputItCarries) {
    MemoryRoot root("memory");
    root.add_file("/proc/asound/cards", std::string(k_cards));
    root.add_file(std::string(report::k_aplay_path), std::string(k_aplay));
    root.add_file(std::string(report::k_amixer_dir) + "/0", std::string(k_amixer));
    root.add_file(std::string(report::k_alsactl_path), std::string(k_alsactl));
    expect_carried(collect(root));
}

TEST(LiveAlsa, ARootCarryingNoOutputHasNoProgramSections) {
    testing::TempDir dir;
    dir.write("proc/asound/cards", std::string(k_cards));
    auto root = open_dir_root(dir.path().string(), RootSource::dir);
    auto report = collect(*root);
    EXPECT_EQ(report.find(report::k_aplay_title), nullptr);
    EXPECT_EQ(report.find(report::k_amixer_title), nullptr);
    EXPECT_EQ(report.find(report::k_alsactl_title), nullptr);
    for (const auto& problem : report.problems)
        EXPECT_NE(problem.path.rfind("/dev/snd", 0), 0u) << problem.path << ": " << problem.reason;
}

TEST(LiveAlsa, TheAlsactlFactOfAnyOtherRootIsEmpty) {
    // mixer.muted and the report share it; alsa-lib is asked only on the live system.
    testing::TempDir dir;
    dir.write("proc/asound/cards", std::string(k_cards));
    auto root = open_dir_root(dir.path().string(), RootSource::dir);
    Facts facts(*root, Environment{});
    const auto& live = facts.get<report::LiveAlsactl>();
    EXPECT_FALSE(live.section.has_value());
    EXPECT_TRUE(live.problems.empty());
}

}  // namespace
}  // namespace sndoctor
