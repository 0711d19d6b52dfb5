#include "facts/sof_log.hpp"

#include <gtest/gtest.h>

namespace sndoctor {
namespace {

const std::string k_path = "/var/log/dmesg";

TEST(SofLog, ChosenProfileNamesItsFiles) {
    std::vector<std::string> lines = {
        "[    4.1] sof-audio-pci-intel-tgl 0000:00:1f.3: Firmware paths/files for ipc type 1:",
        "[    4.2] sof-audio-pci-intel-tgl 0000:00:1f.3:  Firmware file:     "
        "intel/sof-ipc4/tgl/sof-tgl.ri",
        "[    4.3] sof-audio-pci-intel-tgl 0000:00:1f.3:  Firmware lib path: "
        "intel/sof-ipc4-lib/tgl",
        "[    4.4] sof-audio-pci-intel-tgl 0000:00:1f.3:  Topology file:     "
        "intel/sof-ipc4-tplg/sof-hda-generic-2ch.tplg",
        "[    4.5] snd_hda_codec_realtek hdaudioC0D0: autoconfig for ALC287",
    };
    SofLog log = read_sof_log(lines, k_path);
    ASSERT_EQ(log.files.size(), 3u);
    EXPECT_FALSE(log.not_found);
    EXPECT_EQ(log.files[0].kind, SofFileKind::firmware);
    EXPECT_EQ(log.files[0].name, "intel/sof-ipc4/tgl/sof-tgl.ri");
    EXPECT_FALSE(log.files[0].failed);
    EXPECT_EQ(log.files[0].line.path, k_path);
    EXPECT_EQ(log.files[0].line.line, 2);
    EXPECT_EQ(log.files[1].kind, SofFileKind::library_dir);
    EXPECT_EQ(log.files[1].name, "intel/sof-ipc4-lib/tgl");
    EXPECT_EQ(log.files[2].kind, SofFileKind::topology);
    EXPECT_EQ(log.files[2].name, "intel/sof-ipc4-tplg/sof-hda-generic-2ch.tplg");
}

TEST(SofLog, NotFoundProfilesAreFailures) {
    std::vector<std::string> lines = {
        "[5.1] sof-audio-pci-intel-mtl 0000:00:1f.3: SOF firmware and/or topology file not found.",
        "[5.2] sof-audio-pci-intel-mtl 0000:00:1f.3: Supported default profiles",
        "[5.3] sof-audio-pci-intel-mtl 0000:00:1f.3: - ipc type 1 (Requested):",
        "[5.4] sof-audio-pci-intel-mtl 0000:00:1f.3:  Firmware file: intel/sof-ipc4/mtl/sof-mtl.ri",
        "[5.5] sof-audio-pci-intel-mtl 0000:00:1f.3:  Topology file: "
        "intel/sof-ace-tplg/sof-mtl-rt713.tplg",
    };
    SofLog log = read_sof_log(lines, k_path);
    ASSERT_TRUE(log.not_found);
    EXPECT_EQ(log.not_found->line, 1);
    ASSERT_EQ(log.files.size(), 2u);
    EXPECT_TRUE(log.files[0].failed);
    EXPECT_TRUE(log.files[1].failed);
    EXPECT_EQ(log.files[1].kind, SofFileKind::topology);
}

TEST(SofLog, LoaderFailuresOfSofFilesOnlyAndOncePerName) {
    std::vector<std::string> lines = {
        "[3.1] sof-audio-pci-intel-cnl 0000:00:1f.3: Direct firmware load for "
        "intel/sof/sof-cml.ri failed with error -2",
        "[3.2] sof-audio-pci-intel-cnl 0000:00:1f.3: error: request firmware intel/sof/sof-cml.ri "
        "failed err: -2",
        "[3.3] iwlwifi 0000:00:14.3: Direct firmware load for iwlwifi-so-a0-gf-a0-86.ucode "
        "failed with error -2",
        "[3.4] sof-audio-pci-intel-cnl 0000:00:1f.3: error: tplg request firmware "
        "intel/sof-tplg/sof-cml-rt711.tplg failed err: -2",
        "[3.5] sof-audio-pci-intel-cnl 0000:00:1f.3: firmware: failed to load "
        "intel/sof/sof-cml.ri.xz (-2)",
        "[3.6] snd_hda_intel 0000:00:1f.3: request firmware hda-jack-retask.fw",
    };
    SofLog log = read_sof_log(lines, k_path);
    ASSERT_EQ(log.files.size(), 3u);
    EXPECT_EQ(log.files[0].name, "intel/sof/sof-cml.ri");
    EXPECT_TRUE(log.files[0].failed);
    EXPECT_EQ(log.files[0].line.line, 1);
    EXPECT_EQ(log.files[1].name, "intel/sof-tplg/sof-cml-rt711.tplg");
    EXPECT_EQ(log.files[1].kind, SofFileKind::topology);
    EXPECT_EQ(log.files[2].name, "intel/sof/sof-cml.ri.xz");
}

TEST(SofLog, FunctionTopologiesNameNoFileAndOtherLogsNothing) {
    std::vector<std::string> lines = {
        "[1.0] sof-audio-pci-intel-lnl 0000:00:1f.3:  Topology file:     function topologies",
        "[1.1] usb 1-1: new high-speed USB device number 2 using xhci_hcd",
        "Firmware file: not a SOF line",
    };
    SofLog log = read_sof_log(lines, k_path);
    EXPECT_TRUE(log.empty());
    EXPECT_TRUE(read_sof_log({}, k_path).empty());
}

}  // namespace
}  // namespace sndoctor
