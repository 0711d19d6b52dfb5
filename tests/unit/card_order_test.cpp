#include "checks/card_order.hpp"

#include <gtest/gtest.h>

#include "facts/facts.hpp"

namespace sndoctor {
namespace {

using checks::configured_reorder;
using checks::index_avoids_zero;

TEST(CardOrder, ANegativeIndexIsAMaskOfAllowedSlots) {
    EXPECT_TRUE(index_avoids_zero(-2));   // every slot but 0
    EXPECT_TRUE(index_avoids_zero(-4));   // neither 0 nor 1
    EXPECT_FALSE(index_avoids_zero(-1));  // any slot: the default
    EXPECT_FALSE(index_avoids_zero(-3));  // slot 0 allowed
    EXPECT_FALSE(index_avoids_zero(0));
    EXPECT_TRUE(index_avoids_zero(1));
    EXPECT_TRUE(index_avoids_zero(7));
}

/// VirMIDI card 0, HD-Audio card 1, with the given modprobe configuration.
class Reorder : public ::testing::Test {
  protected:
    void SetUp() override {
        m_root.add_file("/proc/asound/cards",
                        " 0 [VirMIDI        ]: VirMIDI - VirMIDI\n"
                        "                      Virtual MIDI Card 1\n"
                        " 1 [PCH            ]: HDA-Intel - HDA Intel PCH\n"
                        "                      HDA Intel PCH at 0xf7f10000 irq 31\n");
        m_root.add_file("/proc/asound/modules", " 0 snd_virmidi\n 1 snd_hda_intel\n");
    }
    std::optional<Evidence> reorder() {
        Facts facts(m_root, Environment{});
        const auto& list = facts.get<CardList>();
        return configured_reorder(facts, list, list.cards[0], list.cards[1]);
    }
    MemoryRoot m_root{"test"};
};

TEST_F(Reorder, NothingConfiguredCorrectsNothing) {
    EXPECT_FALSE(reorder());
}

TEST_F(Reorder, TheLastIndexKmodPassesDecides) {
    m_root.add_file("/etc/modprobe.d/a.conf", "options snd-virmidi index=0\n");
    m_root.add_file("/etc/modprobe.d/b.conf", "# later\noptions snd_virmidi index=-2\n");
    auto line = reorder();
    ASSERT_TRUE(line);
    EXPECT_EQ(line->path, "/etc/modprobe.d/b.conf");
    EXPECT_EQ(line->line, 2);

    m_root.add_file("/etc/modprobe.d/c.conf", "options snd-virmidi index=0\n");
    EXPECT_FALSE(reorder()) << "a later index=0 takes slot 0 again";
}

TEST_F(Reorder, AnIndexListGivesItsFirstValueToTheFirstCard) {
    m_root.add_file("/etc/modprobe.d/a.conf", "options snd-virmidi index=2,0\n");
    EXPECT_TRUE(reorder());
    m_root.add_file("/etc/modprobe.d/b.conf", "options snd-virmidi index=0,2\n");
    EXPECT_FALSE(reorder());
}

TEST_F(Reorder, SlotsReservedForTheRealDriverCountUnlessTheIndexIsExplicit) {
    m_root.add_file("/etc/modprobe.d/a.conf", "options snd slots=snd-hda-intel,snd-virmidi\n");
    auto line = reorder();
    ASSERT_TRUE(line);
    EXPECT_EQ(line->path, "/etc/modprobe.d/a.conf");
    m_root.add_file("/etc/modprobe.d/b.conf", "options snd-virmidi index=0\n");
    EXPECT_FALSE(reorder());
}

TEST_F(Reorder, ABuiltInModuleIgnoresModprobeOptions) {
    m_root.add_file("/etc/modprobe.d/a.conf", "options snd-virmidi index=-2\n");
    m_root.add_file("/sys/module/snd_virmidi/parameters/index", "-1\n");
    EXPECT_FALSE(reorder()) << "no initstate: compiled into the kernel";
    m_root.add_file("/sys/module/snd_virmidi/initstate", "live\n");
    EXPECT_TRUE(reorder());
}

}  // namespace
}  // namespace sndoctor
