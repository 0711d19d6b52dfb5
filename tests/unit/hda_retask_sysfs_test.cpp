// The codec's sysfs pin lists (init, driver, user) and the writer for its attributes: the
// kernel's line format, bad lines as problems, user over driver over init, and writes that
// resolve inside the root, go out one entry at a time and never create a file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>

#include "core/root.hpp"
#include "hda/sysfs_pins.hpp"
#include "hda/sysfs_writer.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

namespace fs = std::filesystem;
using hda::PinConfigEntry;
using testing::required_env;
using testing::TempDir;

const char* const k_dir = "/sys/class/sound/hwC0D0";

std::string file_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
}

TEST(HdaSysfsPins, ReadsTheKernelsListFormat) {
    std::vector<ParseProblem> problems;
    auto entries = hda::parse_pin_config_list("0x12 0x90a60930\n0x14 0x90170110\n",
                                              "/x/init_pin_configs", problems);
    EXPECT_EQ(entries, (std::vector<PinConfigEntry>{{0x12, 0x90a60930u}, {0x14, 0x90170110u}}));
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(hda::pin_config_line(0x1a, 0x0321403f), "0x1a 0x0321403f\n");
    EXPECT_EQ(hda::sysfs_codec_dir(1, 2), "/sys/class/sound/hwC1D2");
}

TEST(HdaSysfsPins, ALineThatIsNoEntryIsAProblemAndTheRestIsRead) {
    std::vector<ParseProblem> problems;
    auto entries = hda::parse_pin_config_list(
        "0x14 0x90170110\nnot a pin\n0x00 0x1\n0x15 0x1ffffffff\n\n0x21 0x03211020\n0x14 0x1\n",
        "/x/user_pin_configs", problems);
    // A node listed twice keeps its last value, as the kernel replaces its entry.
    EXPECT_EQ(entries, (std::vector<PinConfigEntry>{{0x14, 0x1u}, {0x21, 0x03211020u}}));
    ASSERT_EQ(problems.size(), 3u);
    EXPECT_EQ(problems[0].path, "/x/user_pin_configs");
    EXPECT_EQ(problems[0].line, 2);
    EXPECT_NE(problems[0].reason.find("'not a pin'"), std::string::npos) << problems[0].reason;
    EXPECT_EQ(problems[1].line, 3);  // node 0 is no node the kernel takes
    EXPECT_EQ(problems[2].line, 4);  // more than 32 bits
}

TEST(HdaSysfsPins, TheDriverUsesUserOverDriverOverInit) {
    MemoryRoot root("test");
    root.add_file(std::string(k_dir) + "/init_pin_configs",
                  "0x14 0x411111f0\n0x15 0x411111f0\n0x17 0x411111f0\n");
    root.add_file(std::string(k_dir) + "/driver_pin_configs", "0x14 0x99130110\n0x15 0x0121401f\n");
    root.add_file(std::string(k_dir) + "/user_pin_configs", "0x14 0x90170110\n0x30 0x1\n");
    auto configs = hda::read_sysfs_pin_configs(root, k_dir);
    EXPECT_EQ(configs.pins(), (std::vector<int>{0x14, 0x15, 0x17}));
    EXPECT_EQ(configs.effective(0x14), 0x90170110u);
    EXPECT_EQ(configs.effective(0x15), 0x0121401fu);
    EXPECT_EQ(configs.effective(0x17), 0x411111f0u);
    EXPECT_EQ(configs.effective(0x30), std::nullopt) << "not a pin: the driver never reads it";
    EXPECT_EQ(configs.without_user(0x14), 0x99130110u);
    EXPECT_EQ(configs.user_value(0x14), 0x90170110u);
    EXPECT_EQ(configs.user_value(0x15), std::nullopt);
}

TEST(HdaSysfsPins, MissingDriverAndUserListsAreEmptyButThePinListIsNeeded) {
    MemoryRoot root("test");
    root.add_file(std::string(k_dir) + "/init_pin_configs", "0x14 0x411111f0\n");
    auto configs = hda::read_sysfs_pin_configs(root, k_dir);
    EXPECT_TRUE(configs.driver.empty());
    EXPECT_TRUE(configs.user.empty());
    EXPECT_EQ(configs.effective(0x14), 0x411111f0u);
    MemoryRoot empty("test");
    EXPECT_THROW(hda::read_sysfs_pin_configs(empty, k_dir), InputError);
}

TEST(HdaSysfsPins, ReadsTheFixture) {
    auto root =
        open_dir_root(required_env("SNDOCTOR_HDA_FIXTURES") + "/retask/root", RootSource::dir);
    auto configs = hda::read_sysfs_pin_configs(*root, k_dir);
    EXPECT_EQ(configs.pins(),
              (std::vector<int>{0x12, 0x14, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1d, 0x1e, 0x21}));
    EXPECT_EQ(configs.effective(0x21), 0x03211020u);
    EXPECT_TRUE(configs.warnings.empty());
}

TEST(HdaSysfsWriter, EachWriteIsOneEntryAtTheResolvedPathAndNothingIsCreated) {
    TempDir tree;
    // As on a real system, the class directory is a link into the device tree, absolute: it
    // must resolve inside the root, not on this machine.
    tree.write("sys/devices/pci0000:00/0000:00:1b.0/sound/card0/hwC0D0/user_pin_configs", "");
    fs::create_directories(tree.path() / "sys/class/sound");
    fs::create_symlink("/sys/devices/pci0000:00/0000:00:1b.0/sound/card0/hwC0D0",
                       tree.path() / "sys/class/sound/hwC0D0");
    auto root = open_dir_root(tree.path().string(), RootSource::dir);
    auto writer = hda::open_sysfs_writer(*root);
    std::string attribute = std::string(k_dir) + "/user_pin_configs";
    EXPECT_TRUE(writer->can_write(attribute));
    writer->write(attribute, "0x1a 0x0321403f\n");
    fs::path real = tree.path() / "sys/devices/pci0000:00/0000:00:1b.0/sound/card0/hwC0D0";
    EXPECT_EQ(file_text(real / "user_pin_configs"), "0x1a 0x0321403f\n");
    // A new write opens the attribute again and writes from its start, as a store function
    // sees it: a regular file shows only the last entry.
    writer->write(attribute, "0x17 0x90170120\n");
    EXPECT_EQ(file_text(real / "user_pin_configs"), "0x17 0x90170120\n");

    std::string missing = std::string(k_dir) + "/reconfig";
    EXPECT_FALSE(writer->can_write(missing));
    try {
        writer->write(missing, "1\n");
        ADD_FAILURE() << "a missing attribute was written";
    } catch (const hda::SysfsWriteError& e) {
        EXPECT_EQ(e.error_number(), ENOENT);
        EXPECT_EQ(e.path(), missing);
        EXPECT_NE(std::string(e.what()).find("CONFIG_SND_HDA_RECONFIG"), std::string::npos)
            << e.what();
    }
    EXPECT_FALSE(fs::exists(real / "reconfig"));
}

TEST(HdaSysfsWriter, AReadOnlyAttributeCannotBeWrittenWithoutRoot) {
    TempDir tree;
    auto file = tree.write("sys/class/sound/hwC0D0/user_pin_configs", "");
    fs::permissions(file, fs::perms(0444));
    auto root = open_dir_root(tree.path().string(), RootSource::dir);
    // Root may write any file of a tree (not a read-only sysfs attribute: the kernel refuses
    // those at open, which live_retask_unavailable tells apart by their mode first).
    EXPECT_EQ(hda::open_sysfs_writer(*root)->can_write(std::string(k_dir) + "/user_pin_configs"),
              ::geteuid() == 0);
}

TEST(HdaSysfsWriter, ErrnosAreExplained) {
    EXPECT_NE(hda::explain_sysfs_errno(EBUSY).find("no program has its card open"),
              std::string::npos);
    EXPECT_NE(hda::explain_sysfs_errno(EACCES).find("only root"), std::string::npos);
    EXPECT_NE(hda::explain_sysfs_errno(EINVAL).find("did not take the entry"), std::string::npos);
    EXPECT_EQ(hda::explain_sysfs_errno(EIO), "Input/output error");
}

}  // namespace
}  // namespace sndoctor
