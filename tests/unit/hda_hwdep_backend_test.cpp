// The hwdep backend's error paths, on files in a temporary directory (never the host's
// /dev/snd): a missing node, a file that is not a hwdep device, and what each errno from
// opening a node tells the user. The live exchange itself is proven in the VM.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cerrno>

#include "hda/backend.hpp"
#include "temp_dir.hpp"

namespace sndoctor::hda {
namespace {

using testing::TempDir;

BackendError open_error(const std::string& host, const std::string& shown) {
    try {
        open_hwdep(host, shown, 0);
    } catch (const BackendError& e) {
        return e;
    }
    ADD_FAILURE() << host << " opened as a hwdep device";
    return BackendError(BackendFailure::io, "", "");
}

TEST(HdaHwdepBackend, NamesTheNodeOfACardAndCodec) {
    EXPECT_EQ(hwdep_node_path(0, 0), "/dev/snd/hwC0D0");
    EXPECT_EQ(hwdep_node_path(1, 2), "/dev/snd/hwC1D2");
}

TEST(HdaHwdepBackend, AMissingNodeExplainsHwdepSupportAndNumbers) {
    TempDir dir;
    auto error = open_error((dir.path() / "hwC0D0").string(), "/dev/snd/hwC0D0");
    EXPECT_EQ(error.failure(), BackendFailure::no_device);
    EXPECT_NE(std::string(error.what()).find("/dev/snd/hwC0D0"), std::string::npos);
    EXPECT_NE(error.hint().find("CONFIG_SND_HDA_HWDEP"), std::string::npos) << error.hint();
}

TEST(HdaHwdepBackend, AFileThatIsNotAHwdepDeviceIsRefused) {
    TempDir dir;
    auto file = dir.write("dev/snd/hwC0D0", "not a device\n");
    auto error = open_error(file.string(), "/dev/snd/hwC0D0");
    EXPECT_EQ(error.failure(), BackendFailure::not_hwdep);
    EXPECT_NE(std::string(error.what()).find("not an HD-Audio hwdep device"), std::string::npos)
        << error.what();
    // A directory is not one either.
    auto dir_error = open_error(dir.path().string(), "/dev/snd");
    EXPECT_NE(dir_error.failure(), BackendFailure::no_device);
}

TEST(HdaHwdepBackend, ExplainsEachOpenError) {
    TempDir dir;
    auto node = dir.write("hwC0D0", "");
    ::chmod(node.c_str(), 0660);
    auto busy = hwdep_open_error(EBUSY, node.string(), "/dev/snd/hwC0D0");
    EXPECT_EQ(busy.failure(), BackendFailure::busy);
    EXPECT_NE(std::string(busy.what()).find("another program has the codec open"),
              std::string::npos);

    for (int error_number : {EACCES, EPERM}) {
        auto denied = hwdep_open_error(error_number, node.string(), "/dev/snd/hwC0D0");
        EXPECT_EQ(denied.failure(), BackendFailure::permission);
        EXPECT_NE(denied.hint().find("root or CAP_SYS_RAWIO"), std::string::npos) << denied.hint();
        // The audio group may open the node's file, not the codec: the kernel's open wants
        // CAP_SYS_RAWIO as well.
        EXPECT_NE(denied.hint().find("the audio group is not enough"), std::string::npos)
            << denied.hint();
        EXPECT_NE(denied.hint().find("the node is /dev/snd/hwC0D0 (mode 0660"), std::string::npos)
            << denied.hint();
    }
    for (int error_number : {ENOENT, ENODEV, ENXIO})
        EXPECT_EQ(hwdep_open_error(error_number, node.string(), "x").failure(),
                  BackendFailure::no_device);
    auto other = hwdep_open_error(EIO, node.string(), "/dev/snd/hwC0D0");
    EXPECT_EQ(other.failure(), BackendFailure::io);
    EXPECT_NE(std::string(other.what()).find("Input/output error"), std::string::npos);
}

}  // namespace
}  // namespace sndoctor::hda
