#include "hda/patch_file.hpp"

#include <gtest/gtest.h>

namespace sndoctor::hda {
namespace {

TEST(HdaPatchFile, ReadsSectionsAsTheKernelDoes) {
    auto file = parse_patch_file(
        "# comment\n"
        "[CODEC]\n"
        "0x10ec0269 0x10431a13 0\n"
        "\n"
        "[pincfg]\n"
        "0x14 0x90170110\n"
        "[user_pin_configs]\n"
        "  0x1b 0x411111f0  \n"
        "[verb]\n"
        "0x01 0x716 0x03\n"
        "[init_verbs]\n"
        "0x01 0x715 3\n"
        "[hints]\n"
        "jack_detect = no\n"
        "[model]\n"
        "auto\n",
        "hda.fw");
    EXPECT_TRUE(file.problems.empty());
    ASSERT_EQ(file.codecs.size(), 1u);
    const PatchCodec& codec = file.codecs[0];
    EXPECT_EQ(codec.vendor_id, 0x10ec0269u);
    EXPECT_EQ(codec.subsystem_id, 0x10431a13u);
    EXPECT_EQ(codec.address, 0);
    EXPECT_EQ(codec.pincfg,
              (std::vector<std::pair<int, std::uint32_t>>{{0x14, 0x90170110}, {0x1b, 0x411111f0}}));
    EXPECT_EQ(codec.verbs, (std::vector<InitVerb>{{1, 0x716, 3}, {1, 0x715, 3}}));
    EXPECT_EQ(codec.hints,
              (std::vector<std::pair<std::string, std::string>>{{"jack_detect", "no"}}));
    EXPECT_EQ(codec.model, "auto");
}

TEST(HdaPatchFile, NamesWhatTheKernelWouldSkip) {
    auto file = parse_patch_file(
        "[pincfg]\n"
        "0x14 0x90170110\n"
        "[codec]\n"
        "0x10ec0269 0\n"
        "[codec]\n"
        "0x10ec0269 -1 0\n"
        "[pincfg]\n"
        "0x14\n"
        "[verb]\n"
        "0 0x716 1\n"
        "[bogus]\n"
        "[hint]\n"
        "no equals sign\n" +
            std::string(130, 'x') + "=1\n",
        "hda.fw");
    ASSERT_EQ(file.codecs.size(), 1u);
    EXPECT_EQ(file.codecs[0].subsystem_id, 0xffffffffu) << "-1: any subsystem";
    std::vector<int> lines;
    for (const auto& problem : file.problems) {
        EXPECT_EQ(problem.path, "hda.fw");
        lines.push_back(problem.line);
    }
    EXPECT_EQ(lines, (std::vector<int>{2, 4, 8, 10, 11, 13, 14}));
    EXPECT_NE(file.problems.back().reason.find("128-byte"), std::string::npos);
}

TEST(HdaPatchFile, WritesWhatItReadsBack) {
    PatchFile file;
    file.codecs.push_back({0x10ec0272,
                           0x1028040b,
                           0,
                           std::nullopt,
                           {{0x15, 0x90170120}},
                           {{1, 0x716, 1}, {1, 0x717, 1}, {1, 0x715, 1}, {0x14, 0x70c, 0}},
                           {{"jack_detect", "no"}}});
    std::string text = render_patch_file(file, "Written by a test.\nSecond line.");
    EXPECT_EQ(
        text.rfind("# Written by a test.\n# Second line.\n\n[codec]\n0x10ec0272 0x1028040b 0\n", 0),
        0u)
        << text;
    EXPECT_NE(
        text.find("[verb]\n0x01 0x716 0x01\n0x01 0x717 0x01\n0x01 0x715 0x01\n0x14 0x70c 0x00\n"),
        std::string::npos)
        << text;
    auto back = parse_patch_file(text, "x.fw");
    EXPECT_TRUE(back.problems.empty());
    EXPECT_EQ(back.codecs, file.codecs);
}

TEST(HdaPatchFile, ACodecReplacesItsOwnEntryAndKeepsOthers) {
    PatchFile file;
    file.codecs.push_back({0x10ec0269, 1, 0, std::nullopt, {{0x14, 1}}, {}, {}});
    file.codecs.push_back({0x8086280b, 2, 2, std::nullopt, {{0x05, 2}}, {}, {}});
    file = with_codec(file, {0x10ec0269, 1, 0, std::nullopt, {{0x14, 3}}, {}, {}});
    ASSERT_EQ(file.codecs.size(), 2u);
    EXPECT_EQ(file.codecs[0].pincfg[0].second, 3u);
    file = with_codec(file, {0x10ec0269, 1, 1, std::nullopt, {}, {}, {}});
    EXPECT_EQ(file.codecs.size(), 3u) << "another address is another codec";
}

}  // namespace
}  // namespace sndoctor::hda
