// `sndoctor hda persist` through the binary: an emulated session on a corpus dump (GPIO, EAPD, a
// retasked pin) becomes a patch file the kernel's parser reads back and an snd-hda-intel patch=
// option for the right slot, in a --root tree, through the journal; and the refusals.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "file_text.hpp"
#include "hda/patch_file.hpp"
#include "run_program.hpp"
#include "temp_dir.hpp"
#include "tree_snapshot.hpp"

namespace sndoctor {
namespace {

using testing::read_file;

namespace fs = std::filesystem;
using testing::required_env;
using testing::run_program;
using testing::TempDir;

const std::string k_release = "6.1.0-56-amd64";

std::string corpus(const std::string& name) {
    return required_env("SNDOCTOR_CORPUS") + "/hda-emu/" + name;
}

void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
}

class HdaPersistCommand : public ::testing::Test {
  protected:
    /// A system whose card 0 is HDMI and card 1 the analog codec, both snd-hda-intel, with a
    /// kernel that loads patch files.
    void SetUp() override {
        write(root() / "proc/sys/kernel/osrelease", k_release + "\n");
        write(root() / ("boot/config-" + k_release),
              "CONFIG_SND_HDA_INTEL=m\nCONFIG_SND_HDA_PATCH_LOADER=y\n");
        write(root() / "proc/asound/cards",
              " 0 [NVidia         ]: HDA-Intel - HDA NVidia\n"
              "                      HDA NVidia at 0xf7080000 irq 17\n"
              " 1 [PCH            ]: HDA-Intel - HDA Intel PCH\n"
              "                      HDA Intel PCH at 0xf7f10000 irq 31\n");
        write(root() / "proc/asound/modules", " 0 snd_hda_intel\n 1 snd_hda_intel\n");
        fs::create_directories(root() / "etc/modprobe.d");
    }
    fs::path root() const { return m_work.path() / "root"; }
    testing::ProgramOutput sndoctor(std::vector<std::string> args) const {
        args.insert(args.begin(), required_env("SNDOCTOR_BIN"));
        return run_program(
            args, {{"XDG_STATE_HOME", (m_work.path() / "state").string()}, {"SUDO_USER", ""}});
    }
    /// An experiment on the ALC272 of a Dell Latitude 2110: GPIO 0 on, EAPD of the speaker
    /// pin off, pin 0x15 retasked to an internal speaker (one byte at a time, as the verbs go).
    void experiment() const {
        std::string dump = corpus("alc272-dell-latitude-2110");
        for (std::vector<std::string> args : {std::vector<std::string>{"gpio", "--set", "0=on"},
                                              {"eapd", "0x14", "off"},
                                              {"verb", "0x15", "0x71c", "0x20"},
                                              {"verb", "0x15", "0x71d", "0x01"},
                                              {"verb", "0x15", "0x71e", "0x17"},
                                              {"verb", "0x15", "0x71f", "0x90"},
                                              {"verb", "0x02", "SET_AMP_GAIN_MUTE", "0xb040"}}) {
            args.insert(args.begin(), "hda");
            args.insert(args.begin() + 2, {"--emulate", dump});
            auto run = sndoctor(args);
            ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
        }
    }
    testing::ProgramOutput persist(std::vector<std::string> extra = {}) const {
        std::vector<std::string> args = {
            "hda",    "persist", "--emulate", corpus("alc272-dell-latitude-2110"),
            "--card", "1",       "--root",    root().string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return sndoctor(args);
    }

    TempDir m_work;
};

TEST_F(HdaPersistCommand, ASessionBecomesAPatchFileTheKernelReadsAndAnOptionForTheSlot) {
    experiment();
    write(root() / "etc/modprobe.d/alsa.conf", "options snd-hda-intel model=auto patch=a.fw\n");
    auto original = testing::snapshot_tree(root());

    auto run = persist({"--yes"});
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_NE(run.out.find("SET_AMP_GAIN_MUTE 0xb040 on node 0x02"), std::string::npos)
        << "what the patch does not carry is said: " << run.out;

    auto file = hda::parse_patch_file(read_file(root() / "lib/firmware/sndoctor-hda.fw"), "fw");
    EXPECT_TRUE(file.problems.empty());
    ASSERT_EQ(file.codecs.size(), 1u);
    const hda::PatchCodec& codec = file.codecs[0];
    EXPECT_EQ(codec.vendor_id, 0x10ec0272u);
    EXPECT_EQ(codec.subsystem_id, 0x102802d6u);
    EXPECT_EQ(codec.address, 0);
    EXPECT_EQ(codec.pincfg, (std::vector<std::pair<int, std::uint32_t>>{{0x15, 0x90170120}}));
    EXPECT_EQ(codec.verbs, (std::vector<hda::InitVerb>{
                               {1, 0x716, 1}, {1, 0x717, 1}, {1, 0x715, 1}, {0x14, 0x70c, 0}}));

    // Card 1 is snd-hda-intel's second controller: patch= keeps slot 0 as it was configured and
    // names our file in slot 1; the old line is commented out, its other options carried over.
    std::string conf = read_file(root() / "etc/modprobe.d/50-sndoctor.conf");
    EXPECT_NE(conf.find("options snd-hda-intel model=auto patch=a.fw,sndoctor-hda.fw\n"),
              std::string::npos)
        << conf;
    EXPECT_EQ(read_file(root() / "etc/modprobe.d/alsa.conf"),
              "# disabled by sndoctor: options snd-hda-intel model=auto patch=a.fw\n");

    auto undone = sndoctor({"undo", "--root", root().string()});
    EXPECT_EQ(undone.exit_code, 0) << undone.out << undone.err;
    // The journal stays; everything else is as before.
    fs::remove_all(root() / "var/lib/sndoctor");
    EXPECT_EQ(testing::describe_difference(original, testing::snapshot_tree(root())), "");
}

TEST_F(HdaPersistCommand, DryRunShowsThePatchAndWritesNothing) {
    experiment();
    auto original = testing::snapshot_tree(root());
    auto run = persist({"--dry-run"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("+[pincfg]\n+0x15 0x90170120\n"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("+options snd-hda-intel patch=,sndoctor-hda.fw"), std::string::npos)
        << run.out;
    EXPECT_EQ(testing::describe_difference(original, testing::snapshot_tree(root())), "");
}

TEST_F(HdaPersistCommand, AKernelWithoutThePatchLoaderIsRefused) {
    experiment();
    write(root() / ("boot/config-" + k_release), "CONFIG_SND_HDA_INTEL=m\n");
    auto original = testing::snapshot_tree(root());
    auto run = persist({"--yes"});
    EXPECT_EQ(run.exit_code, 2) << run.out;
    EXPECT_NE(run.out.find("CONFIG_SND_HDA_PATCH_LOADER"), std::string::npos) << run.out;
    EXPECT_EQ(testing::describe_difference(original, testing::snapshot_tree(root())), "");
}

TEST_F(HdaPersistCommand, ABuiltInDriverGetsTheKernelCommandLineAndTheInitramfsIsNamed) {
    experiment();
    write(root() / ("boot/config-" + k_release),
          "CONFIG_SND_HDA_INTEL=y\nCONFIG_SND_HDA_PATCH_LOADER=y\n");
    write(root() / "etc/initramfs-tools/modules", "# modules\nsnd-hda-intel\n");
    auto run = persist({"--yes"});
    EXPECT_EQ(run.exit_code, 0) << run.out;
    EXPECT_NE(run.out.find("snd_hda_intel.patch=,sndoctor-hda.fw"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("/etc/initramfs-tools/modules:2"), std::string::npos) << run.out;
    EXPECT_TRUE(fs::exists(root() / "lib/firmware/sndoctor-hda.fw"));
    EXPECT_FALSE(fs::exists(root() / "etc/modprobe.d/50-sndoctor.conf"));
}

TEST_F(HdaPersistCommand, NothingToPersistAndACardOfAnotherDriver) {
    auto nothing = persist({"--yes"});
    EXPECT_EQ(nothing.exit_code, 0);
    EXPECT_NE(nothing.out.find("Nothing to persist"), std::string::npos) << nothing.out;
    EXPECT_FALSE(fs::exists(root() / "lib"));

    experiment();
    write(root() / "proc/asound/modules", " 0 snd_hda_intel\n 1 snd_usb_audio\n");
    auto usb = persist({"--yes"});
    EXPECT_EQ(usb.exit_code, 2) << usb.out;
    EXPECT_NE(usb.out.find("card 1 is driven by snd_usb_audio"), std::string::npos) << usb.out;
}

}  // namespace
}  // namespace sndoctor
