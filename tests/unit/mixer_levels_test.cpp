#include "facts/mixer_levels.hpp"

#include <gtest/gtest.h>

#include "checks/checks.hpp"
#include "engine/runner.hpp"
#include "facts/facts.hpp"
#include "report/section_files.hpp"

namespace sndoctor {
namespace {

std::string control(int n, const std::string& name, const std::vector<std::string>& values,
                    const std::string& type, const std::string& range = "",
                    const std::string& index = "") {
    std::string text = "\tcontrol." + std::to_string(n) + " {\n\t\tiface MIXER\n\t\tname '" + name +
                       "'\n" + (index.empty() ? "" : "\t\tindex " + index + "\n");
    if (values.size() == 1)
        text += "\t\tvalue " + values[0] + "\n";
    else
        for (std::size_t i = 0; i < values.size(); ++i)
            text += "\t\tvalue." + std::to_string(i) + " " + values[i] + "\n";
    text += "\t\tcomment {\n\t\t\ttype " + type + "\n\t\t\tcount " + std::to_string(values.size()) +
            "\n";
    if (!range.empty())
        text += "\t\t\trange '" + range + "'\n";
    return text + "\t\t}\n\t}\n";
}

StateFile parse(const std::string& text) {
    StateFile file = StateFile::parse("/var/lib/alsa/asound.state", text);
    EXPECT_FALSE(file.problem) << file.problem->reason;
    return file;
}

TEST(MixerLevels, MasterOffSilencesTheWholeCard) {
    StateFile file =
        parse("state.PCH {\n" + control(1, "Master Playback Switch", {"false"}, "BOOLEAN") +
              control(2, "Speaker Playback Switch", {"true", "true"}, "BOOLEAN") + "}\n");
    CardPlayback playback = playback_of(file.cards.at(0));
    EXPECT_EQ(playback.paths, (std::vector<std::string>{"Master", "Speaker"}));
    ASSERT_EQ(playback.silenced.size(), 1u);
    EXPECT_EQ(playback.silenced[0].control->name, "Master Playback Switch");
    EXPECT_EQ(playback.silenced[0].control->line, 4);
    EXPECT_TRUE(playback.all_silent);
}

TEST(MixerLevels, OneOutputOffOfTwoIsNotSilence) {
    StateFile file = parse("state.PCH {\n" +
                           control(1, "Headphone Playback Switch", {"false", "false"}, "BOOLEAN") +
                           control(2, "Speaker Playback Switch", {"true", "true"}, "BOOLEAN") +
                           control(3, "Auto-Mute Mode", {"Enabled"}, "ENUMERATED") + "}\n");
    CardPlayback playback = playback_of(file.cards.at(0));
    ASSERT_EQ(playback.silenced.size(), 1u);
    EXPECT_FALSE(playback.all_silent);
    ASSERT_NE(playback.auto_mute, nullptr);
    EXPECT_EQ(playback.auto_mute->values, (std::vector<std::string>{"Enabled"}));
}

TEST(MixerLevels, EveryOutputOffIsSilence) {
    StateFile file = parse(
        "state.PCH {\n" + control(1, "Headphone Playback Switch", {"false", "false"}, "BOOLEAN") +
        control(2, "Speaker Playback Volume", {"0", "0"}, "INTEGER", "0 - 87") + "}\n");
    EXPECT_TRUE(playback_of(file.cards.at(0)).all_silent);
}

TEST(MixerLevels, OneChannelOnOrAnEmptyRangeOrOtherNamesSilenceNothing) {
    StateFile file =
        parse("state.PCH {\n" + control(1, "Master Playback Switch", {"false", "true"}, "BOOLEAN") +
              control(2, "PCM Playback Volume", {"0"}, "INTEGER", "0 - 0") +
              control(3, "Capture Switch", {"false"}, "BOOLEAN") +
              control(4, "Master Playback Volume", {"-10"}, "INTEGER", "-60 - 0") + "}\n");
    CardPlayback playback = playback_of(file.cards.at(0));
    EXPECT_TRUE(playback.silenced.empty());
    EXPECT_FALSE(playback.all_silent);
}

TEST(MixerLevels, UnmutedValuesStayAtHalfTheRange) {
    StateFile file =
        parse("state.PCH {\n" +
              control(1, "Master Playback Volume", {"-60", "-60"}, "INTEGER", "-60 - 0") +
              control(2, "Headphone Playback Switch", {"off", "off"}, "BOOLEAN", "", "1") +
              control(3, "PCM Playback Volume", {"0"}, "INTEGER") + "}\n");
    CardPlayback playback = playback_of(file.cards.at(0));
    ASSERT_EQ(playback.silenced.size(), 3u);
    EXPECT_EQ(unmuted_values(playback.silenced[0]), (std::vector<std::string>{"-30", "-30"}));
    EXPECT_EQ(unmuted_values(playback.silenced[1]), (std::vector<std::string>{"true", "true"}));
    EXPECT_EQ(playback.silenced[1].control->index, 1);
    EXPECT_EQ(unmuted_values(playback.silenced[2]), std::nullopt) << "no range was saved";
}

TEST(MixerLevels, AReportGivesItsAlsactlOutput) {
    MemoryRoot root("report.txt");
    root.add_file(
        std::string(report::k_alsactl_path),
        "state.Intel {\n" + control(1, "Master Playback Switch", {"false"}, "BOOLEAN") + "}\n");
    Facts facts(root, Environment{});
    const MixerLevels& levels = facts.get<MixerLevels>();
    ASSERT_TRUE(levels.file);
    EXPECT_EQ(levels.evidence_path(levels.file->cards.at(0)), report::k_alsactl_path);

    auto results = run_checks(checks::registry(), facts, {"mixer.muted"});
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].status, Status::fail) << results[0].summary;
    ASSERT_FALSE(results[0].evidence.empty());
    EXPECT_EQ(results[0].evidence[0].line, 4);
    EXPECT_NE(results[0].evidence[0].text.find("Intel: Master Playback Switch = false"),
              std::string::npos);
}

TEST(MixerLevels, AReportWithoutItIsSkipped) {
    MemoryRoot root("report.txt");
    root.add_file("/proc/asound/cards", " 0 [Intel          ]: HDA-Intel - HDA Intel\n");
    Facts facts(root, Environment{});
    auto results = run_checks(checks::registry(), facts, {"mixer.muted"});
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].status, Status::skip);
    EXPECT_NE(results[0].summary.find("not in the report"), std::string::npos);
}

}  // namespace
}  // namespace sndoctor
