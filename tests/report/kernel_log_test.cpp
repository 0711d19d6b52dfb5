// The ALSA/HDA dmesg section: /dev/kmsg records as dmesg prints them, alsa-info's grep -C1 with
// its group separators and the smart-amplifier lines it misses, and reading a log that is not
// there.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/root.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_log.hpp"
#include "report/kernel_log.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

TEST(KernelLog, RecordsBecomeDmesgLines) {
    auto lines = dmesg_lines({
        "6,812,1234567,-;snd_hda_intel 0000:00:1f.3: enabling device (0000 -> 0002)\n"
        " SUBSYSTEM=pci\n"
        " DEVICE=+pci:0000:00:1f.3\n",
        "4,813,61000000,-,caller=T1;a tab\\x09and a backslash \\x5c\n",
        "garbage without a prefix\n",
        "6,814,notanumber,-;dropped\n",
    });
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0],
              "[    1.234567] snd_hda_intel 0000:00:1f.3: enabling device (0000 -> 0002)");
    EXPECT_EQ(lines[1], "[   61.000000] a tab\tand a backslash \\");
}

// dmesg's "[%5lld.%06lld] " grows past five digits of seconds; an escaped newline continues
// the message on a line indented by the stamp's width.
TEST(KernelLog, LongUptimesAndEscapedNewlines) {
    auto lines = dmesg_lines({"3,9,123456000042,-;first\\x0asecond\n"});
    EXPECT_EQ(lines, (std::vector<std::string>{"[123456.000042] first", "                second"}));
}

TEST(KernelLog, MatchesAlsaInfoKeywordsCaseSensitively) {
    for (const char* line :
         {"[    0.5] ACPI: bus type USB registered; ALSA device list:",
          "[    3.1] snd_hda_codec_generic hdaudioC0D0: autoconfig for Generic",
          "[    3.2] input: HDA Intel PCH Mic as /devices/pci0000:00/sound/card0/input5",
          "[    3.3] sof-audio-pci-intel-tgl 0000:00:1f.3: DSP detected",
          "[    3.4] hda codec probe", "[    3.5] hda-intel something",
          // smart amplifiers beside the HD-Audio codec: none of alsa-info's keywords
          "[    4.0] cs35l41-hda spi1-CSC3551:00-cs35l41-hda.0: Failed to load firmware",
          "[    4.1] tas2781-hda i2c-TIAS2781:00: Cannot find calibration data"}) {
        EXPECT_TRUE(report::is_sound_line(line)) << line;
    }
    for (const char* line : {"[    0.1] Sound is not a keyword with a capital S",
                             "[    0.2] usb 1-1: new full-speed USB device number 2"}) {
        EXPECT_FALSE(report::is_sound_line(line)) << line;
    }
}

TEST(KernelLog, ContextLinesAndGroupSeparatorsAsGrepPrintsThem) {
    std::vector<std::string> lines = {"a", "b",       "snd_x 1", "c",       "d", "e",
                                      "f", "audio 2", "g",       "snd_y 3", "h", "i"};
    // 2 with b and c; then 7 and 9 touch (f..h) and print as one group.
    EXPECT_EQ(report::with_context(lines), "b\nsnd_x 1\nc\n--\nf\naudio 2\ng\nsnd_y 3\nh\n");
    EXPECT_EQ(report::with_context({"snd_first", "x", "y", "z", "snd_last"}),
              "snd_first\nx\n--\nz\nsnd_last\n");
    EXPECT_EQ(report::with_context({"nothing", "here"}), "");
}

TEST(KernelLog, ReadsEveryRecordOfAFile) {
    testing::TempDir dir;
    auto path = dir.write("kmsg", "6,1,2000,-;snd_hda_intel: probe\n");
    auto records = read_kmsg(path.string());
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(dmesg_lines(records),
              std::vector<std::string>{"[    0.002000] snd_hda_intel: probe"});
}

TEST(KernelLog, AnUnreadableLogNamesItsFile) {
    testing::TempDir dir;
    std::string path = (dir.path() / "no-kmsg").string();
    try {
        read_kmsg(path);
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), path);
        EXPECT_NE(e.reason().find("cannot be read"), std::string::npos);
    }
}

TEST(KernelLog, OnlyTheLiveRootHasALog) {
    MemoryRoot root("memory");  // a report read back: its dmesg is a carried file
    root.add_file("/dev/kmsg", "6,1,1,-;snd_hda_intel: from the wrong place\n");
    Facts facts(root, Environment{});
    std::vector<ParseProblem> problems;
    EXPECT_FALSE(report::dmesg_section(facts, problems));
    EXPECT_TRUE(problems.empty());
    // The checks read the report's carried section instead, and only that.
    EXPECT_FALSE(facts.get<KernelLog>().available);
    EXPECT_NE(facts.get<KernelLog>().unavailable_reason.find("no ALSA/HDA dmesg section"),
              std::string::npos);
}

TEST(KernelLog, ChecksFindLinesInACarriedLog) {
    MemoryRoot root("memory");
    root.add_file(KernelLog::k_report_path,
                  "[    1.000000] snd_hda_intel 0000:00:1f.3: enabling device\n"
                  "[    2.000000] snd_hda_codec_realtek hdaudioC0D0: ALC287: picked fixup  for PCI "
                  "SSID 17aa:0000\n");
    Facts facts(root, Environment{});
    const auto& log = facts.get<KernelLog>();
    ASSERT_TRUE(log.available);
    auto found = log.find("picked fixup");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].path, KernelLog::k_report_path);
    EXPECT_EQ(found[0].line, 2);
    EXPECT_TRUE(log.find("no such text").empty());
}

TEST(KernelLog, ABinarySavedLogIsNotRead) {
    MemoryRoot root("memory");
    root.add_file(KernelLog::k_saved_path, std::string("\0\1\2junk", 7));
    Facts facts(root, Environment{});
    EXPECT_FALSE(facts.get<KernelLog>().available);
    EXPECT_NE(facts.get<KernelLog>().unavailable_reason.find("binary"), std::string::npos);
}

}  // namespace
}  // namespace sndoctor
