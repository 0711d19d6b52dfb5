// `sndoctor hda retask` through the binary, on a copy of tests/hda/retask/root (never the
// host's /sys): the preview and --dry-run, every refusal with nothing written, the writes on a
// tree of regular files, and the read-back.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "run_program.hpp"
#include "temp_dir.hpp"
#include "tree_snapshot.hpp"

namespace sndoctor {
namespace {

namespace fs = std::filesystem;
using testing::ProgramOutput;
using testing::required_env;
using testing::run_program;
using testing::snapshot_tree;
using testing::TempDir;

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class HdaRetaskCommand : public ::testing::Test {
  protected:
    void SetUp() override {
        testing::copy_tree(required_env("SNDOCTOR_HDA_FIXTURES") + "/retask/root", m_root);
    }

    ProgramOutput retask(std::vector<std::string> args) const {
        args.insert(args.begin(),
                    {required_env("SNDOCTOR_BIN"), "hda", "retask", "--root", m_root.string()});
        return run_program(args);
    }
    std::string read(const std::string& relative) const {
        std::ifstream in(m_root / relative, std::ios::binary);
        std::stringstream content;
        content << in.rdbuf();
        return content.str();
    }
    void write(const std::string& relative, const std::string& content) const {
        std::ofstream(m_root / relative, std::ios::binary) << content;
    }
    /// Adds pipewire (pid 812) with the sequencer and card 0's playback device open.
    void hold_card_0() const {
        fs::create_directories(m_root / "proc/812/fd");
        write("proc/812/comm", "pipewire\n");
        fs::create_symlink("/dev/snd/seq", m_root / "proc/812/fd/20");
        fs::create_symlink("/dev/snd/pcmC0D0p", m_root / "proc/812/fd/31");
    }
    /// Fails the test when anything below the root changed since `before`.
    void expect_unchanged(const testing::TreeSnapshot& before) const {
        EXPECT_EQ(testing::describe_difference(before, snapshot_tree(m_root)), "");
    }

    TempDir m_work;
    fs::path m_root = m_work.path() / "root";
    const std::string m_sysfs = "sys/class/sound/hwC0D0/";
};

TEST_F(HdaRetaskCommand, DryRunShowsThePreviewAndWritesNothing) {
    auto before = snapshot_tree(m_root);
    auto run = retask({"0x1a=as=2 seq=15 device=Headphones conn=Jack loc=Left", "--dry-run"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_TRUE(has(run.out, "  0x1a  0x411111f0  [N/A] Speaker at Ext Rear;")) << run.out;
    EXPECT_TRUE(has(run.out, "     -> 0x0321112f  [Jack] HP Out at Ext Left;")) << run.out;
    EXPECT_TRUE(has(run.out, "    as 2  playback 0x21 HP Out seq 0, 0x1a HP Out seq 15\n"))
        << run.out;
    expect_unchanged(before);
}

TEST_F(HdaRetaskCommand, WithoutATerminalAndWithoutYesNothingIsWritten) {
    auto before = snapshot_tree(m_root);
    auto run = retask({"0x1a=0x0321402f"});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_TRUE(has(run.out, "Not applied: standard input is not a terminal")) << run.out;
    expect_unchanged(before);
}

TEST_F(HdaRetaskCommand, WritesTheEntryThenReconfigAndReadsItBack) {
    // timidity (pid 700 in the fixture) holds card 1 and the sequencer: not this card.
    auto run = retask({"0x1a=0x0321402f", "--yes"});
    EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_EQ(read(m_sysfs + "user_pin_configs"), "0x1a 0x0321402f\n");
    EXPECT_EQ(read(m_sysfs + "reconfig"), "1\n");
    EXPECT_TRUE(has(run.out, "Reconfigured")) << run.out;
    EXPECT_TRUE(has(run.out, "  0x1a  0x0321402f  [Jack] HP Out at Ext Left;")) << run.out;
}

TEST_F(HdaRetaskCommand, EachEntryIsAWriteOfItsOwnAndAValueNotInUseIsAnError) {
    // Each entry opens user_pin_configs again and writes from its start: a regular file keeps
    // the last entry only (one write with both lines would have kept both), so the first pin
    // reads back without its entry, which the command must call a failure.
    auto run = retask({"0x1a=0x0321402f", "0x17=0x90170120", "--yes"});
    EXPECT_EQ(read(m_sysfs + "user_pin_configs"), "0x17 0x90170120\n");
    EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
    EXPECT_TRUE(has(run.out,
                    "but 0x0321402f was written; /sys/class/sound/hwC0D0/"
                    "user_pin_configs reads no entry for it"))
        << run.out;
    EXPECT_TRUE(has(run.err, "does not use every value written")) << run.err;
}

TEST_F(HdaRetaskCommand, AWriteRefusedIsAFailureThatSaysWhatTheKernelKept) {
    // A directory in place of reconfig: open() refuses it as the kernel refuses a busy card.
    fs::remove(m_root / (m_sysfs + "reconfig"));
    fs::create_directory(m_root / (m_sysfs + "reconfig"));
    auto run = retask({"0x1a=0x0321402f", "--yes"});
    EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
    EXPECT_TRUE(has(run.err, "/sys/class/sound/hwC0D0/reconfig: Is a directory")) << run.err;
    EXPECT_TRUE(has(run.err,
                    "The new values are in /sys/class/sound/hwC0D0/user_pin_configs; "
                    "the driver uses them at the next reconfig."))
        << run.err;
    EXPECT_EQ(read(m_sysfs + "user_pin_configs"), "0x1a 0x0321402f\n");
}

TEST_F(HdaRetaskCommand, AProgramHoldingTheCardStopsItBeforeAnyWrite) {
    hold_card_0();
    auto before = snapshot_tree(m_root);
    auto run = retask({"0x1a=0x0321402f", "--yes"});
    EXPECT_EQ(run.exit_code, 1) << run.err;
    EXPECT_TRUE(has(run.out, "Nothing was written.")) << run.out;
    EXPECT_TRUE(has(run.out, "  pipewire (pid 812, /dev/snd/pcmC0D0p)\n")) << run.out;
    EXPECT_TRUE(has(run.out, "pulseaudio -k")) << run.out;
    EXPECT_FALSE(has(run.out, "timidity")) << run.out;
    expect_unchanged(before);
}

TEST_F(HdaRetaskCommand, WithoutRootNothingIsWrittenAndTheSudoCommandIsNamed) {
    std::vector<std::string> argv = {
        required_env("SNDOCTOR_BIN"), "hda",  "retask", "--root", m_root.string(),
        "0x1a=as=2 seq=15",           "--yes"};
    if (::geteuid() == 0) {
        // Run as nobody over a tree that belongs to root.
        fs::permissions(m_work.path(), fs::perms(0755));
        argv.insert(argv.begin(),
                    {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
    } else {
        // Writable for the group only: the kernel has the attributes, this user may not write.
        for (const char* name : {"user_pin_configs", "reconfig"})
            fs::permissions(m_root / (m_sysfs + name), fs::perms(0464));
    }
    auto before = snapshot_tree(m_root);
    auto run = run_program(argv);
    EXPECT_EQ(run.exit_code, 4) << run.out << run.err;
    // The build tree's binary, which sudo's secure_path would not find, by its full path.
    EXPECT_TRUE(has(run.out, "Run it as root: sudo " +
                                 fs::canonical(required_env("SNDOCTOR_BIN")).string() +
                                 " hda retask --card 0 --codec 0 '0x1a=as=2 seq=15' --yes --root " +
                                 m_root.string()))
        << run.out;
    expect_unchanged(before);
}

TEST_F(HdaRetaskCommand, AKernelWithoutHwdepOrReconfigIsRefused) {
    fs::remove(m_root / (m_sysfs + "reconfig"));
    fs::remove(m_root / (m_sysfs + "user_pin_configs"));
    auto run = retask({"0x1a=0x0321402f", "--yes"});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_TRUE(has(run.err, "user_pin_configs is missing and reconfig is missing")) << run.err;
    EXPECT_TRUE(has(run.err, "CONFIG_SND_HDA_RECONFIG")) << run.err;
    EXPECT_TRUE(has(run.err, "sndoctor hda persist")) << run.err;
    EXPECT_FALSE(fs::exists(m_root / (m_sysfs + "user_pin_configs"))) << "created";

    fs::remove_all(m_root / "sys");
    run = retask({"0x1a=0x0321402f", "--yes"});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_TRUE(has(run.err, "CONFIG_SND_HDA_HWDEP")) << run.err;
    EXPECT_FALSE(fs::exists(m_root / "sys")) << "created";
}

TEST_F(HdaRetaskCommand, ANodeThatIsNoPinOrAHintThatMakesNoValueIsRefused) {
    auto before = snapshot_tree(m_root);
    auto no_pin = retask({"0x0b=0x90170110", "--yes"});
    EXPECT_EQ(no_pin.exit_code, 1);
    EXPECT_TRUE(has(no_pin.err, "Realtek ALC269VB has no pin 0x0b (its pins: 0x12 0x14 0x17"))
        << no_pin.err;
    auto bad_hint = retask({"0x14=device=Banana", "--yes"});
    EXPECT_EQ(bad_hint.exit_code, 1);
    EXPECT_TRUE(has(bad_hint.err, "'device=Banana': not a device type")) << bad_hint.err;
    expect_unchanged(before);
}

TEST_F(HdaRetaskCommand, AValueThePinHasAlreadyWritesNothing) {
    auto before = snapshot_tree(m_root);
    auto run = retask({"0x14=0x90170110", "--yes"});
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_TRUE(has(run.out, "nothing to write")) << run.out;
    expect_unchanged(before);
}

TEST_F(HdaRetaskCommand, ResetWritesTheBiosValueBack) {
    write(m_sysfs + "user_pin_configs", "0x1a 0x0321402f\n");
    auto run = retask({"--reset", "--yes"});
    EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_TRUE(has(run.out, "-> 0x411111f0")) << run.out;
    EXPECT_TRUE(has(run.out, "(reset to the BIOS value)")) << run.out;
    EXPECT_EQ(read(m_sysfs + "user_pin_configs"), "0x1a 0x411111f0\n");
    EXPECT_EQ(read(m_sysfs + "reconfig"), "1\n");

    auto again = retask({"--reset", "--yes"});
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_TRUE(has(again.out, "nothing to reset")) << again.out;
}

TEST_F(HdaRetaskCommand, UsageErrors) {
    for (const auto& args :
         std::vector<std::vector<std::string>>{{},
                                               {"--reset", "0x14=0x1"},
                                               {"as1"},
                                               {"0x14=0x1", "--json"},
                                               {"0x14=0x1", "--dump", "x"},
                                               {"0x14=0x1", "--yes", "--dry-run"}}) {
        auto run = retask(args);
        EXPECT_EQ(run.exit_code, 64) << (args.empty() ? "" : args.front()) << run.err;
    }
    auto reset_elsewhere =
        run_program({required_env("SNDOCTOR_BIN"), "hda", "pins", "--reset", "--root", "x"});
    EXPECT_EQ(reset_elsewhere.exit_code, 64);
    EXPECT_TRUE(has(reset_elsewhere.err, "--reset goes with hda retask")) << reset_elsewhere.err;
}

}  // namespace
}  // namespace sndoctor
