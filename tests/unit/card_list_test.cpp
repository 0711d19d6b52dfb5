#include "facts/card_list.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "facts/facts.hpp"

namespace sndoctor {
namespace {

const std::string k_two_cards =
    " 0 [VirMIDI        ]: VirMIDI - VirMIDI\n"
    "                      Virtual MIDI Card 1\n"
    " 1 [PCH            ]: HDA-Intel - HDA Intel PCH\n"
    "                      HDA Intel PCH at 0xf7f10000 irq 31\n";

TEST(CardList, ParsesCardsWithTheirNamesAndLines) {
    auto list = CardList::parse(k_two_cards, std::nullopt);
    EXPECT_TRUE(list.alsa_present);
    ASSERT_EQ(list.cards.size(), 2u);
    EXPECT_TRUE(list.problems.empty());
    const Card& pch = list.cards[1];
    EXPECT_EQ(pch.index, 1);
    EXPECT_EQ(pch.id, "PCH");
    EXPECT_EQ(pch.driver, "HDA-Intel");
    EXPECT_EQ(pch.short_name, "HDA Intel PCH");
    EXPECT_EQ(pch.long_name, "HDA Intel PCH at 0xf7f10000 irq 31");
    EXPECT_EQ(pch.line, 3);
    EXPECT_EQ(pch.text, "1 [PCH            ]: HDA-Intel - HDA Intel PCH");
    EXPECT_EQ(list.cards[0].long_name, "Virtual MIDI Card 1");
}

TEST(CardList, TakesModulesFromTheModulesFile) {
    auto list =
        CardList::parse(k_two_cards, " 0 snd_virmidi\n 1 snd_hda_intel\n 7 snd_usb_audio\n");
    ASSERT_EQ(list.cards.size(), 2u);
    EXPECT_EQ(list.cards[0].module, "snd_virmidi");
    EXPECT_EQ(list.cards[1].module, "snd_hda_intel");
}

TEST(CardList, FindsByIndex) {
    auto list = CardList::parse(k_two_cards, std::nullopt);
    ASSERT_NE(list.find(1), nullptr);
    EXPECT_EQ(list.find(1)->id, "PCH");
    EXPECT_EQ(list.find(2), nullptr);
}

TEST(CardList, NoSoundcardsLineMeansAnEmptyListWithAlsaPresent) {
    auto list = CardList::parse("--- no soundcards ---\n", std::nullopt);
    EXPECT_TRUE(list.alsa_present);
    EXPECT_TRUE(list.cards.empty());
    EXPECT_TRUE(list.problems.empty());
}

TEST(CardList, ReadsCrlfLines) {
    auto list = CardList::parse(
        " 0 [PCH            ]: HDA-Intel - HDA Intel PCH\r\n"
        "                      HDA Intel PCH at 0xf7f10000 irq 31\r\n",
        std::nullopt);
    ASSERT_EQ(list.cards.size(), 1u);
    EXPECT_EQ(list.cards[0].short_name, "HDA Intel PCH");
    EXPECT_EQ(list.cards[0].long_name, "HDA Intel PCH at 0xf7f10000 irq 31");
}

TEST(CardList, AShortNameMayHoldTheSeparator) {
    auto list = CardList::parse(" 2 [Dock           ]: USB-Audio - Dock - Analog\n", std::nullopt);
    ASSERT_EQ(list.cards.size(), 1u);
    EXPECT_EQ(list.cards[0].driver, "USB-Audio");
    EXPECT_EQ(list.cards[0].short_name, "Dock - Analog");
}

TEST(CardList, UnknownLinesBecomeProblemsAndTheParseGoesOn) {
    auto list = CardList::parse("garbage here\n" + k_two_cards, std::nullopt);
    EXPECT_EQ(list.cards.size(), 2u);
    ASSERT_EQ(list.problems.size(), 1u);
    EXPECT_EQ(list.problems[0].path, CardList::k_path);
    EXPECT_EQ(list.problems[0].line, 1);
    EXPECT_NE(list.problems[0].reason.find("garbage here"), std::string::npos);
}

TEST(CardList, AThirdIndentedLineIsAProblem) {
    auto list = CardList::parse(k_two_cards + "                      stray text\n", std::nullopt);
    EXPECT_EQ(list.cards.size(), 2u);
    ASSERT_EQ(list.problems.size(), 1u);
    EXPECT_EQ(list.problems[0].line, 5);
}

TEST(CardList, RejectsIndexesNoKernelUses) {
    // 2^32 would wrap to card 0 when narrowed; negative and hexadecimal-huge indexes are junk.
    auto list = CardList::parse(
        " 4294967296 [Fake           ]: Fake - Fake\n"
        " -1 [Neg            ]: Neg - Neg\n"
        " 256 [Big            ]: Big - Big\n"
        " 255 [Last           ]: Last - Last\n",
        std::nullopt);
    ASSERT_EQ(list.cards.size(), 1u);
    EXPECT_EQ(list.cards[0].index, 255);
    EXPECT_EQ(list.problems.size(), 3u);
}

TEST(CardList, TruncatedTextKeepsWhatIsWhole) {
    std::string cut = k_two_cards.substr(0, k_two_cards.find("HDA-Intel") - 3);  // " 1 [PCH   ..."
    auto list = CardList::parse(cut, std::nullopt);
    ASSERT_EQ(list.cards.size(), 1u);
    EXPECT_EQ(list.cards[0].id, "VirMIDI");
    ASSERT_EQ(list.problems.size(), 1u);
    EXPECT_EQ(list.problems[0].line, 3);
}

TEST(CardList, EveryPrefixParsesWithoutCrashing) {
    for (std::size_t size = 0; size <= k_two_cards.size(); ++size)
        EXPECT_NO_THROW(CardList::parse(k_two_cards.substr(0, size), " 0 snd_virmidi\n 1 snd_h"));
}

TEST(CardList, BinaryCardListIsAnInputErrorNamingTheFile) {
    std::string binary(
        "\x7f"
        "ELF\x02\x01\x01\x00\x00\x00",
        10);
    try {
        CardList::parse(binary, std::nullopt);
        FAIL() << "binary card list accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), CardList::k_path);
    }
}

TEST(CardList, BinaryModulesFileIsIgnored) {
    auto list = CardList::parse(k_two_cards, std::string("\x00\x01\x02 0 snd_x\n", 10));
    ASSERT_EQ(list.cards.size(), 2u);
    EXPECT_TRUE(list.cards[0].module.empty());
}

TEST(CardList, LoadWithoutTheFileMeansNoAlsa) {
    MemoryRoot root("test");
    Facts facts(root, Environment{});
    const auto& list = facts.get<CardList>();
    EXPECT_FALSE(list.alsa_present);
    EXPECT_TRUE(list.cards.empty());
}

TEST(CardList, LoadReadsCardsAndModules) {
    MemoryRoot root("test");
    root.add_file(CardList::k_path, k_two_cards);
    root.add_file(CardList::k_modules_path, " 0 snd_virmidi\n 1 snd_hda_intel\n");
    Facts facts(root, Environment{});
    const auto& list = facts.get<CardList>();
    ASSERT_EQ(list.cards.size(), 2u);
    EXPECT_EQ(list.cards[1].module, "snd_hda_intel");
}

TEST(CardList, AnUnreadableModulesFileCostsOnlyTheModuleNames) {
    MemoryRoot root("test");
    root.add_file(CardList::k_path, k_two_cards);
    root.add_file(CardList::k_modules_path, std::string(k_default_read_cap + 1, ' '));
    Facts facts(root, Environment{});
    const auto& list = facts.get<CardList>();
    ASSERT_EQ(list.cards.size(), 2u);
    EXPECT_TRUE(list.cards[1].module.empty());
    EXPECT_EQ(list.text, k_two_cards);
    ASSERT_EQ(list.problems.size(), 1u);
    EXPECT_EQ(list.problems[0].path, CardList::k_modules_path);
}

TEST(CardList, OversizedCardListIsAnInputError) {
    MemoryRoot root("test");
    root.add_file(CardList::k_path, std::string(k_default_read_cap + 1, ' '));
    Facts facts(root, Environment{});
    EXPECT_THROW(facts.get<CardList>(), InputError);
}

}  // namespace
}  // namespace sndoctor
