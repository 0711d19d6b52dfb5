// cards.reload-modules acts on the running kernel only (the VM proves it there); here its plan.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/root.hpp"
#include "facts/facts.hpp"
#include "fixes/fixes.hpp"

namespace sndoctor {
namespace {

class ReloadPlan : public ::testing::Test {
  protected:
    void SetUp() override {
        m_root.add_file("/proc/asound/cards",
                        " 0 [VirMIDI        ]: VirMIDI - VirMIDI\n"
                        "                      Virtual MIDI Card 1\n"
                        " 1 [PCH            ]: HDA-Intel - HDA Intel PCH\n"
                        "                      HDA Intel PCH at 0xf7f10000 irq 31\n"
                        " 2 [HDMI           ]: HDA-Intel - HDA ATI HDMI\n"
                        "                      HDA ATI HDMI at 0xfe93c000 irq 51\n");
    }
    Plan plan() {
        Facts facts(m_root, Environment{});
        Plan out;
        PlanBuilder builder(m_root, out);
        fixes::reload_modules.plan(facts, Result{}, builder);
        return out;
    }
    MemoryRoot m_root{"test"};
};

TEST_F(ReloadPlan, UnloadsEveryCardDriverAndLoadsTheRealOnesFirst) {
    m_root.add_file("/proc/asound/modules", " 0 snd_virmidi\n 1 snd_hda_intel\n 2 snd_hda_intel\n");
    Plan p = plan();
    ASSERT_EQ(p.operations.size(), 2u);
    EXPECT_EQ(p.operations[0].command,
              (std::vector<std::string>{"modprobe", "-r", "snd_hda_intel", "snd_virmidi"}));
    EXPECT_EQ(p.operations[1].command,
              (std::vector<std::string>{"modprobe", "-a", "snd_hda_intel", "snd_virmidi"}));
    EXPECT_TRUE(p.operations[0].writes.empty());
    EXPECT_TRUE(p.manual_steps.empty());
}

TEST_F(ReloadPlan, AProcessHoldingASoundDeviceIsNamedAndNothingIsRun) {
    m_root.add_file("/proc/asound/modules", " 0 snd_virmidi\n 1 snd_hda_intel\n 2 snd_hda_intel\n");
    m_root.add_file("/proc/1234/comm", "wireplumber\n");
    m_root.add_link("/proc/1234/fd/40", "/dev/snd/controlC1");
    Plan p = plan();
    EXPECT_TRUE(p.operations.empty());
    ASSERT_EQ(p.manual_steps.size(), 1u);
    EXPECT_NE(p.manual_steps[0].find("wireplumber (pid 1234, /dev/snd/controlC1)"),
              std::string::npos)
        << p.manual_steps[0];
    EXPECT_NE(p.manual_steps[0].find("or reboot"), std::string::npos);
}

TEST_F(ReloadPlan, ABuiltInDriverCannotBeReloaded) {
    m_root.add_file("/proc/asound/modules", " 1 snd_hda_intel\n 2 snd_hda_intel\n");
    try {
        plan();
        FAIL() << "planned a reload of a driver with no module";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), "/proc/asound/modules");
        EXPECT_NE(std::string(e.what()).find("only a reboot"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace sndoctor
