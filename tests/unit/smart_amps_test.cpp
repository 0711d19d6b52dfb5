#include "facts/smart_amps.hpp"

#include <gtest/gtest.h>

#include "core/root.hpp"
#include "facts/firmware_tree.hpp"

namespace sndoctor {
namespace {

TEST(SmartAmps, HidsMapToTheirFamilies) {
    ASSERT_NE(find_amp_hid("CSC3551"), nullptr);
    EXPECT_EQ(find_amp_hid("CSC3551")->family, AmpFamily::cs35l41);
    EXPECT_EQ(find_amp_hid("CLSA0101")->family, AmpFamily::cs35l41);
    EXPECT_EQ(find_amp_hid("CSC3556")->family, AmpFamily::cs35l56);
    EXPECT_EQ(find_amp_hid("TIAS2781")->family, AmpFamily::tas2781);
    EXPECT_EQ(find_amp_hid("TXNW2781")->family, AmpFamily::tas2781);
    EXPECT_EQ(find_amp_hid("INT8866")->family, AmpFamily::tas2781);
    EXPECT_EQ(find_amp_hid("AWDZ8399")->family, AmpFamily::aw88399);
    EXPECT_EQ(find_amp_hid("PNP0C0A"), nullptr);
    EXPECT_EQ(find_amp_hid("csc3551"), nullptr);  // ACPI ids are upper case
    EXPECT_EQ(amp_firmware_dir(AmpFamily::cs35l41), "cirrus");
    EXPECT_EQ(amp_firmware_dir(AmpFamily::tas2781), "");
}

TEST(SmartAmps, Cs35l41NeedsFirmwareAndTuningForTheId) {
    std::vector<std::string> names = {"cs35l41-dsp1-spk-prot.wmfw", "cs35l41-dsp1-spk-prot.bin",
                                      "cs35l41-dsp1-spk-prot-103c8c17.wmfw"};
    auto partial = match_amp_firmware(AmpFamily::cs35l41, "103C8C17", names);
    EXPECT_FALSE(partial.complete);  // the tuning (.bin) for this id is missing
    EXPECT_EQ(partial.found, std::vector<std::string>{"cs35l41-dsp1-spk-prot-103c8c17.wmfw"});
    EXPECT_EQ(partial.dir, "cirrus");
    names.push_back("cs35l41-dsp1-spk-prot-103c8c17-spkid0-l0.bin");
    EXPECT_TRUE(match_amp_firmware(AmpFamily::cs35l41, "103c8c17", names).complete);
    EXPECT_FALSE(match_amp_firmware(AmpFamily::cs35l41, "103c8c15", names).complete);
}

TEST(SmartAmps, OtherFamilies) {
    std::vector<std::string> cirrus = {"cs35l56-b0-dsp1-misc-17aa233c-spkid0-amp1.bin",
                                       "cs35l56-b0-dsp1-misc-17aa233c-spkid0-amp1.wmfw"};
    EXPECT_TRUE(match_amp_firmware(AmpFamily::cs35l56, "17aa233c", cirrus).complete);
    EXPECT_FALSE(match_amp_firmware(AmpFamily::cs35l56, "17aa233d", cirrus).complete);

    std::vector<std::string> top = {"TAS2XXX3881.bin", "TAS2XXX387D0.bin", "aw88399_acf.bin"};
    auto tas = match_amp_firmware(AmpFamily::tas2781, "17aa3881", top);
    EXPECT_TRUE(tas.complete);
    EXPECT_EQ(tas.wanted, "TAS2XXX3881*.bin");
    EXPECT_TRUE(match_amp_firmware(AmpFamily::tas2781, "17aa387d", top).complete);
    EXPECT_FALSE(match_amp_firmware(AmpFamily::tas2781, "17aa3843", top).complete);
    EXPECT_TRUE(match_amp_firmware(AmpFamily::aw88399, "17aa3906", top).complete);
    EXPECT_FALSE(match_amp_firmware(AmpFamily::aw88399, "17aa3906", {"TAS2XXX3881.bin"}).complete);
}

TEST(FirmwareTree, FindsPlainAndCompressedFilesInEveryDirectory) {
    MemoryRoot root("test");
    root.add_file("/lib/firmware/intel/sof/sof-tgl.ri.zst", "z");
    root.add_file("/usr/lib/firmware/cirrus/cs35l41-dsp1-spk-prot-103c8c17.wmfw.xz", "x");
    root.add_file("/usr/lib/firmware/cirrus/cs35l41-dsp1-spk-prot-103c8c17.wmfw", "plain");
    root.add_file("/lib/firmware/TAS2XXX3881.bin", "t");
    EXPECT_EQ(firmware_tree::find(root, "intel/sof/sof-tgl.ri"),
              "/lib/firmware/intel/sof/sof-tgl.ri.zst");
    EXPECT_EQ(firmware_tree::find(root, "cirrus/cs35l41-dsp1-spk-prot-103c8c17.wmfw"),
              "/usr/lib/firmware/cirrus/cs35l41-dsp1-spk-prot-103c8c17.wmfw");
    EXPECT_FALSE(firmware_tree::find(root, "intel/sof/sof-adl.ri"));
    EXPECT_FALSE(firmware_tree::find(root, "../../etc/passwd"));
    EXPECT_EQ(firmware_tree::names_in(root, "cirrus"),
              std::vector<std::string>{"cs35l41-dsp1-spk-prot-103c8c17.wmfw"});
    auto top = firmware_tree::names_in(root, "");
    EXPECT_NE(std::find(top.begin(), top.end(), "TAS2XXX3881.bin"), top.end());
    EXPECT_TRUE(firmware_tree::any_dir(root));
    EXPECT_EQ(firmware_tree::searched(root), "/lib/firmware, /usr/lib/firmware");
    EXPECT_FALSE(firmware_tree::any_dir(MemoryRoot("empty")));
    EXPECT_EQ(firmware_tree::main_dir(root), "/lib/firmware");
    MemoryRoot usr_only("usr");
    usr_only.add_file("/usr/lib/firmware/TAS2XXX3881.bin", "t");
    EXPECT_EQ(firmware_tree::main_dir(usr_only), "/usr/lib/firmware");
    EXPECT_EQ(firmware_tree::searched(usr_only), "/usr/lib/firmware");
}

}  // namespace
}  // namespace sndoctor
