#include "facts/sof_platforms.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace sndoctor {
namespace {

TEST(SofPlatforms, KnownDevicesNameTheKernelsDefaults) {
    const SofPlatform* tgl = find_sof_platform(0xa0c8);
    ASSERT_NE(tgl, nullptr);
    EXPECT_EQ(tgl->platform, "tgl");
    EXPECT_EQ(tgl->driver, "sof-audio-pci-intel-tgl");
    EXPECT_EQ(tgl->ipc, 3);
    EXPECT_EQ(tgl->fw_dir, "intel/sof");
    EXPECT_EQ(tgl->fw_file, "sof-tgl.ri");
    EXPECT_EQ(tgl->tplg_dir, "intel/sof-tplg");
    EXPECT_TRUE(tgl->lib_dir.empty());

    const SofPlatform* cfl = find_sof_platform(0xa348);
    ASSERT_NE(cfl, nullptr);
    EXPECT_EQ(cfl->fw_file, "sof-cfl.ri");
    EXPECT_EQ(cfl->driver, "sof-audio-pci-intel-cnl");

    const SofPlatform* mtl = find_sof_platform(0x7e28);
    ASSERT_NE(mtl, nullptr);
    EXPECT_EQ(mtl->ipc, 4);
    EXPECT_EQ(mtl->fw_dir, "intel/sof-ipc4/mtl");
    EXPECT_EQ(mtl->lib_dir, "intel/sof-ipc4-lib/mtl");
    EXPECT_EQ(mtl->tplg_dir, "intel/sof-ace-tplg");

    const SofPlatform* lnl = find_sof_platform(0xa828);
    ASSERT_NE(lnl, nullptr);
    EXPECT_EQ(lnl->tplg_dir, "intel/sof-ipc4-tplg");
}

TEST(SofPlatforms, DevicesWithoutASofDriverAreNotInTheTable) {
    EXPECT_EQ(find_sof_platform(0xa170), nullptr);  // Skylake desktop PCH: HDA only
    EXPECT_EQ(find_sof_platform(0x160c), nullptr);  // Broadwell HDMI controller
    EXPECT_EQ(find_sof_platform(0x0000), nullptr);
}

TEST(SofPlatforms, EveryRowIsConsistent) {
    std::set<std::uint16_t> seen;
    for (const auto& p : sof_platforms()) {
        SCOPED_TRACE(p.platform);
        EXPECT_TRUE(seen.insert(p.device).second) << "device listed twice";
        EXPECT_TRUE(p.driver.starts_with("sof-audio-pci-intel-"));
        EXPECT_TRUE(p.ipc == 3 || p.ipc == 4);
        EXPECT_TRUE(p.fw_dir.starts_with("intel/"));
        EXPECT_FALSE(p.fw_file.empty());
        EXPECT_TRUE(p.tplg_dir.starts_with("intel/"));
        // IPC3 firmware is one file per platform named after it; IPC4 lives in a directory of
        // the platform's own.
        if (p.ipc == 3)
            EXPECT_EQ(p.fw_file, "sof-" + std::string(p.platform) + ".ri");
        if (!p.lib_dir.empty())
            EXPECT_TRUE(p.lib_dir.ends_with("/" + std::string(p.platform)));
    }
    EXPECT_GE(seen.size(), 30u);
}

}  // namespace
}  // namespace sndoctor
