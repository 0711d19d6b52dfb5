#include "core/text.hpp"

#include <gtest/gtest.h>

namespace sndoctor {
namespace {

TEST(SplitLines, NumbersLinesAndDropsLineEnds) {
    auto lines = split_lines("a\r\nb\n\nc");
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0].text, "a");
    EXPECT_EQ(lines[1].text, "b");
    EXPECT_EQ(lines[2].text, "");
    EXPECT_EQ(lines[3].number, 4);
    EXPECT_EQ(lines[3].text, "c");
    EXPECT_EQ(split_lines("x\n").size(), 1u);
    EXPECT_TRUE(split_lines("").empty());
}

TEST(LineCursor, GivesOneLineAtATimeThenStaysAtTheEnd) {
    LineCursor cursor("a\r\nb\n\nc\rd");
    NumberedLine line;
    std::vector<std::pair<int, std::string_view>> seen;
    while (cursor.next(line))
        seen.emplace_back(line.number, line.text);
    EXPECT_EQ(seen, (std::vector<std::pair<int, std::string_view>>{
                        {1, "a"}, {2, "b"}, {3, ""}, {4, "c\rd"}}));
    EXPECT_FALSE(cursor.next(line));
    LineCursor empty("");
    EXPECT_FALSE(empty.next(line));
    LineCursor blank_lines("\n\n");
    EXPECT_TRUE(blank_lines.next(line));
    EXPECT_TRUE(blank_lines.next(line));
    EXPECT_EQ(line.number, 2);
    EXPECT_FALSE(blank_lines.next(line));
}

TEST(Words, TrimAndSplit) {
    EXPECT_EQ(trim("  a b\t\n"), "a b");
    EXPECT_EQ(trim("   "), "");
    EXPECT_EQ(trim(""), "");
    EXPECT_EQ(trim("\v\f\r x\ty \r\n"), "x\ty");
    EXPECT_EQ(split_words(" \t "), std::vector<std::string_view>{});
    auto words = split_words(" options\tsnd  index=0 ");
    ASSERT_EQ(words.size(), 3u);
    EXPECT_EQ(words[1], "snd");
}

// A per-card module parameter keeps its empty slots: "model=,dell" is card 0 unset.
TEST(SplitCommas, KeepsEmptyItems) {
    EXPECT_EQ(split_commas("a,,b"), (std::vector<std::string_view>{"a", "", "b"}));
    EXPECT_EQ(split_commas(",dell"), (std::vector<std::string_view>{"", "dell"}));
    EXPECT_EQ(split_commas(""), (std::vector<std::string_view>{""}));
    EXPECT_EQ(split_commas("one"), (std::vector<std::string_view>{"one"}));
}

TEST(LooksBinary, NulOrControlCharacters) {
    EXPECT_FALSE(looks_binary("plain text\nwith lines\n"));
    EXPECT_TRUE(looks_binary(std::string("ab\0cd", 5)));
    EXPECT_TRUE(looks_binary("\x01\x02\x03\x04\x05"));
    EXPECT_FALSE(looks_binary(""));
    // Longer texts are counted in blocks; the rule is the same: more than one byte in ten a
    // control character that text does not hold, wherever the bytes lie.
    std::string text(1000, 'a');
    for (std::size_t i = 0; i < 100; ++i)
        text[i * 10 + 3] = '\x1b';
    EXPECT_FALSE(looks_binary(text)) << "exactly one in ten";
    text[999] = '\x01';
    EXPECT_TRUE(looks_binary(text));
    std::string lines(1000, '\n');
    lines.replace(0, 5, "tab\t\r");
    EXPECT_FALSE(looks_binary(lines));
}

TEST(ParseInt, DecimalHexAndGarbage) {
    EXPECT_EQ(parse_int("42"), 42);
    EXPECT_EQ(parse_int(" -2 "), -2);
    EXPECT_EQ(parse_int("0x0403"), 0x403);
    EXPECT_FALSE(parse_int("4x").has_value());
    EXPECT_FALSE(parse_int("").has_value());
    EXPECT_FALSE(parse_int("99999999999999999999999").has_value());
}

TEST(ModuleName, DashesAreUnderscores) {
    EXPECT_EQ(module_name("snd-hda-intel"), "snd_hda_intel");
}

TEST(Clip, MarksTheCut) {
    EXPECT_EQ(clip("short", 10), "short");
    EXPECT_EQ(clip("0123456789abc", 10), "0123456789…");
}

TEST(Plural, CountsWithTheRightNoun) {
    EXPECT_EQ(plural(0, "card", "cards"), "0 cards");
    EXPECT_EQ(plural(1, "card", "cards"), "1 card");
    EXPECT_EQ(plural(2, "more problem", "more problems"), "2 more problems");
}

TEST(Join, PutsTheSeparatorOnlyBetweenItems) {
    EXPECT_EQ(join({}, ", "), "");
    EXPECT_EQ(join({"PCH"}, ", "), "PCH");
    EXPECT_EQ(join({"", "PCH", "HDMI"}, ", "), ", PCH, HDMI");
}

TEST(FormatUtc, SummariesAndOtherLayouts) {
    std::int64_t may14 = 1715674323;  // 2024-05-14 08:12:03 UTC
    EXPECT_EQ(format_utc(may14), "2024-05-14 08:12 UTC");
    EXPECT_EQ(format_utc(0), "1970-01-01 00:00 UTC");
    EXPECT_EQ(format_utc(may14, "%Y%m%d-%H%M%S"), "20240514-081203");
    EXPECT_EQ(format_utc(may14, "%a %b %e %H:%M:%S UTC %Y"), "Tue May 14 08:12:03 UTC 2024");
}

}  // namespace
}  // namespace sndoctor
