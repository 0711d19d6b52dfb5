// Live pin retasking below the command: the plan (what changes, the associations before and
// after), --reset, the preview, when the kernel cannot do it, who holds the card, and the
// writes, through a recording writer and one that answers as the kernel does.
#include <gtest/gtest.h>

#include <cerrno>
#include <fstream>
#include <sstream>

#include "core/root.hpp"
#include "facts/sound_users.hpp"
#include "hda/codec_parser.hpp"
#include "hda/pin_retask.hpp"
#include "temp_dir.hpp"
#include "tree_snapshot.hpp"

namespace sndoctor {
namespace {

namespace fs = std::filesystem;
using hda::PinChange;
using testing::required_env;
using testing::TempDir;

const char* const k_dir = "/sys/class/sound/hwC0D0";
// A headphone jack at the left, in association 2 after the one at 0x21 (sequence 15).
constexpr std::uint32_t k_second_headphone = 0x0321402f;

std::string fixture_root() {
    return required_env("SNDOCTOR_HDA_FIXTURES") + "/retask/root";
}

std::string file_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
}

/// The fixture's ALC269VB with its sysfs lists, read through `root`.
struct Machine {
    std::unique_ptr<Root> root;
    hda::Codec codec;
    hda::SysfsPinConfigs configs;

    explicit Machine(const std::string& dir) : root(open_dir_root(dir, RootSource::dir)) {
        std::string dump = "/proc/asound/card0/codec#0";
        codec = hda::parse_codec_dump(root->read(dump).value(), dump).at(0);
        configs = hda::read_sysfs_pin_configs(*root, k_dir);
    }
};

/// Records every write.
class RecordingWriter : public hda::SysfsWriter {
  public:
    struct Write {
        std::string path;
        std::string text;
        bool operator==(const Write&) const = default;
    };
    void write(const std::string& path, const std::string& text) override {
        if (m_refuse_after && writes.size() == *m_refuse_after)
            throw hda::SysfsWriteError(path, m_errno, hda::explain_sysfs_errno(m_errno));
        writes.push_back({path, text});
    }
    bool can_write(const std::string&) const override { return true; }
    /// Refuses the write after `count` taken, with `error_number`.
    void refuse_after(std::size_t count, int error_number) {
        m_refuse_after = count;
        m_errno = error_number;
    }
    std::vector<Write> writes;

  private:
    std::optional<std::size_t> m_refuse_after;
    int m_errno = 0;
};

/// Takes user_pin_configs entries into the tree's file as the kernel keeps them: one entry per
/// node, replaced when written again.
class KernelLikeWriter : public hda::SysfsWriter {
  public:
    explicit KernelLikeWriter(fs::path tree) : m_tree(std::move(tree)) {}
    void write(const std::string& path, const std::string& text) override {
        if (path.ends_with("/reconfig"))
            return;
        fs::path file = m_tree / path.substr(1);
        std::vector<ParseProblem> problems;
        auto entries = hda::parse_pin_config_list(file_text(file) + text, path, problems);
        std::string out;
        for (const auto& entry : entries)
            out += hda::pin_config_line(entry.nid, entry.value);
        std::ofstream(file, std::ios::binary) << out;
    }
    bool can_write(const std::string&) const override { return true; }

  private:
    fs::path m_tree;
};

TEST(HdaRetaskPlan, OnlyPinsThatChangeAreWritten) {
    Machine machine(fixture_root());
    auto plan = hda::plan_retask(
        machine.codec, 0, machine.configs,
        {{0x1a, k_second_headphone, "0x1a=0x0321402f"}, {0x14, 0x90170110, "0x14=0x90170110"}});
    EXPECT_EQ(plan.changes,
              (std::vector<PinChange>{{0x1a, 0x411111f0, k_second_headphone, "0x1a=0x0321402f"}}));
    EXPECT_EQ(plan.unchanged,
              (std::vector<PinChange>{{0x14, 0x90170110, 0x90170110, "0x14=0x90170110"}}));
    EXPECT_EQ(plan.dir, k_dir);
    EXPECT_EQ(plan.codec_name, "Realtek ALC269VB");
}

TEST(HdaRetaskPlan, APinAskedForTwiceIsWrittenOnceWithTheLastValue) {
    Machine machine(fixture_root());
    auto plan =
        hda::plan_retask(machine.codec, 0, machine.configs,
                         {{0x1a, 0x0321403f, "first"}, {0x1a, k_second_headphone, "second"}});
    EXPECT_EQ(plan.changes,
              (std::vector<PinChange>{{0x1a, 0x411111f0, k_second_headphone, "first, second"}}));
}

TEST(HdaRetaskPlan, NodesThatAreNoPinArePassedOver) {
    Machine machine(fixture_root());
    auto plan = hda::plan_retask(machine.codec, 0, machine.configs, {{0x30, 0x1, "0x30=0x1"}});
    EXPECT_TRUE(plan.changes.empty());
    EXPECT_TRUE(plan.unchanged.empty());
}

TEST(HdaRetaskPlan, TheAssociationsAreGroupedWithTheOldAndTheNewValues) {
    Machine machine(fixture_root());
    auto plan = hda::plan_retask(machine.codec, 0, machine.configs,
                                 {{0x1a, k_second_headphone, "0x1a=0x0321402f"}});
    auto pins_of_association = [](const hda::AssociationLayout& layout, int number) {
        std::vector<int> nids;
        for (const auto& association : layout.associations)
            if (association.number == number)
                for (const auto& pin : association.pins)
                    nids.push_back(pin.nid);
        return nids;
    };
    EXPECT_EQ(pins_of_association(plan.layout_before, 2), (std::vector<int>{0x21}));
    EXPECT_EQ(pins_of_association(plan.layout_after, 2), (std::vector<int>{0x21, 0x1a}));
}

TEST(HdaRetaskPlan, TheEffectiveValueIsTheOneChanged) {
    TempDir tree;
    testing::copy_tree(fixture_root(), tree.path() / "root");
    std::ofstream(tree.path() / "root/sys/class/sound/hwC0D0/driver_pin_configs")
        << "0x14 0x90170111\n";
    std::ofstream(tree.path() / "root/sys/class/sound/hwC0D0/user_pin_configs")
        << "0x1a 0x0321403f\n";
    Machine machine((tree.path() / "root").string());
    auto plan =
        hda::plan_retask(machine.codec, 0, machine.configs,
                         {{0x1a, k_second_headphone, "user"}, {0x14, 0x90170112, "driver"}});
    EXPECT_EQ(plan.changes, (std::vector<PinChange>{{0x1a, 0x0321403f, k_second_headphone, "user"},
                                                    {0x14, 0x90170111, 0x90170112, "driver"}}));
}

TEST(HdaRetaskPlan, ResetWritesTheDriversOrTheBiosValueBack) {
    TempDir tree;
    testing::copy_tree(fixture_root(), tree.path() / "root");
    std::ofstream(tree.path() / "root/sys/class/sound/hwC0D0/driver_pin_configs")
        << "0x14 0x90170111\n";
    std::ofstream(tree.path() / "root/sys/class/sound/hwC0D0/user_pin_configs")
        << "0x14 0x90170110\n0x1a 0x0321403f\n0x21 0x03211020\n0x30 0x1\n";
    Machine machine((tree.path() / "root").string());
    auto plan = hda::plan_reset(machine.codec, 0, machine.configs);
    EXPECT_EQ(plan.changes,
              (std::vector<PinChange>{{0x14, 0x90170110, 0x90170111, "reset to the driver's value"},
                                      {0x1a, 0x0321403f, 0x411111f0, "reset to the BIOS value"}}));
    EXPECT_EQ(plan.unchanged,
              (std::vector<PinChange>{{0x21, 0x03211020, 0x03211020, "reset to the BIOS value"}}));
}

TEST(HdaRetaskPlan, ResetWithoutUserValuesChangesNothing) {
    Machine machine(fixture_root());
    auto plan = hda::plan_reset(machine.codec, 0, machine.configs);
    EXPECT_TRUE(plan.changes.empty());
}

TEST(HdaRetaskPreview, ShowsOldAndNewValuesInLinuxWordsAndTheAssociations) {
    Machine machine(fixture_root());
    auto plan = hda::plan_retask(
        machine.codec, 0, machine.configs,
        {{0x1a, k_second_headphone, "0x1a=0x0321402f"}, {0x14, 0x90170110, "0x14=0x90170110"}});
    std::string preview = hda::render_preview(plan);
    for (const char* expected :
         {"Card 0, codec 0 (Realtek ALC269VB), through /sys/class/sound/hwC0D0:\n",
          "  0x1a  0x411111f0  [N/A] Speaker at Ext Rear; Conn = 1/8, Color = Black; "
          "DefAssociation = 0xf, Sequence = 0x0; Misc = NO_PRESENCE\n",
          "     -> 0x0321402f  [Jack] HP Out at Ext Left; Conn = 1/8, Color = Green; "
          "DefAssociation = 0x2, Sequence = 0xf\n        (0x1a=0x0321402f)\n",
          "  0x14  0x90170110  already so, nothing to write (0x14=0x90170110)\n",
          "  now:\n    as 1  playback 0x14 Speaker seq 0\n    as 2  playback 0x21 HP Out seq 0\n",
          "  after:\n    as 1  playback 0x14 Speaker seq 0\n"
          "    as 2  playback 0x21 HP Out seq 0, 0x1a HP Out seq 15\n"})
        EXPECT_NE(preview.find(expected), std::string::npos) << expected << "\nin:\n" << preview;
}

TEST(HdaRetaskPreview, SaysWhenTheAssociationsStayTheSame) {
    Machine machine(fixture_root());
    // Another colour changes no grouping.
    auto plan = hda::plan_retask(machine.codec, 0, machine.configs,
                                 {{0x21, 0x03214020, "0x21=color=Green"}});
    std::string preview = hda::render_preview(plan);
    EXPECT_NE(preview.find("  unchanged:\n    as 1  playback 0x14 Speaker seq 0\n"),
              std::string::npos)
        << preview;
    EXPECT_EQ(preview.find("  after:"), std::string::npos) << preview;
}

TEST(HdaRetaskPreview, DescribesAValueAsTheKernelsDumpDoes) {
    EXPECT_EQ(hda::describe_pin_value(0x90170110),
              "[Fixed] Speaker at Int N/A; Conn = Analog, Color = Unknown; DefAssociation = 0x1, "
              "Sequence = 0x0; Misc = NO_PRESENCE");
    EXPECT_EQ(hda::describe_pin_value(0x01014010),
              "[Jack] Line Out at Ext Rear; Conn = 1/8, Color = Green; DefAssociation = 0x1, "
              "Sequence = 0x0");
}

TEST(HdaRetaskSupport, TheFixtureKernelCanRetask) {
    auto root = open_dir_root(fixture_root(), RootSource::dir);
    EXPECT_EQ(hda::live_retask_unavailable(*root, k_dir), std::nullopt);
}

TEST(HdaRetaskSupport, WithoutTheCodecsSysfsDirectoryTheKernelLacksHwdep) {
    MemoryRoot root("test");
    auto why = hda::live_retask_unavailable(root, k_dir);
    ASSERT_TRUE(why);
    EXPECT_NE(why->find("/sys/class/sound/hwC0D0 is missing"), std::string::npos) << *why;
    EXPECT_NE(why->find("CONFIG_SND_HDA_HWDEP"), std::string::npos) << *why;
}

TEST(HdaRetaskSupport, WithoutWritableUserPinConfigsAndReconfigTheKernelLacksReconfig) {
    TempDir tree;
    testing::copy_tree(fixture_root(), tree.path() / "root");
    fs::path dir = tree.path() / "root/sys/class/sound/hwC0D0";
    fs::remove(dir / "reconfig");
    fs::permissions(dir / "user_pin_configs", fs::perms(0444));
    auto root = open_dir_root((tree.path() / "root").string(), RootSource::dir);
    auto why = hda::live_retask_unavailable(*root, k_dir);
    ASSERT_TRUE(why);
    EXPECT_NE(why->find("user_pin_configs is read-only and reconfig is missing"), std::string::npos)
        << *why;
    EXPECT_NE(why->find("CONFIG_SND_HDA_RECONFIG"), std::string::npos) << *why;
    EXPECT_NE(why->find("sndoctor hda persist"), std::string::npos) << *why;
    EXPECT_NE(why->find("CONFIG_SND_HDA_PATCH_LOADER"), std::string::npos) << *why;
}

TEST(HdaRetaskHolders, DevicesOfACardAreNamedWithItsNumber) {
    for (const char* device : {"/dev/snd/controlC0", "/dev/snd/pcmC0D0p", "/dev/snd/pcmC0D3c",
                               "/dev/snd/hwC0D0", "/dev/snd/midiC0D0"})
        EXPECT_TRUE(hda::is_card_device(device, 0)) << device;
    for (const char* device : {"/dev/snd/seq", "/dev/snd/timer", "/dev/snd/controlC10",
                               "/dev/snd/pcmC1D0p", "/dev/snd/controlC", "/dev/snd/C0"})
        EXPECT_FALSE(hda::is_card_device(device, 0)) << device;
    EXPECT_TRUE(hda::is_card_device("/dev/snd/controlC10", 10));
}

TEST(HdaRetaskHolders, OnlyProcessesWithADeviceOfThisCardHoldIt) {
    MemoryRoot root("test");
    root.add_file("/proc/700/comm", "timidity\n");
    root.add_link("/proc/700/fd/4", "/dev/snd/seq");
    root.add_link("/proc/700/fd/5", "/dev/snd/controlC1");
    // The sequencer comes first in its descriptors: the card's device is found after it.
    root.add_file("/proc/812/comm", "pipewire\n");
    root.add_link("/proc/812/fd/20", "/dev/snd/seq");
    root.add_link("/proc/812/fd/31", "/dev/snd/pcmC0D0p");
    root.add_link("/proc/812/fd/32", "/dev/snd/controlC0");
    auto users = SoundUsers::read(root);
    EXPECT_EQ(hda::card_holders(users, 0),
              (std::vector<hda::CardHolder>{{812, "pipewire", "/dev/snd/pcmC0D0p"}}));
    EXPECT_EQ(hda::card_holders(users, 1),
              (std::vector<hda::CardHolder>{{700, "timidity", "/dev/snd/controlC1"}}));
    EXPECT_TRUE(hda::card_holders(users, 2).empty());
}

TEST(HdaRetaskHolders, TheExplanationNamesThemAndHowToStopASoundServer) {
    std::string text = hda::explain_card_busy({{812, "pipewire", "/dev/snd/pcmC0D0p"}}, 0);
    EXPECT_NE(text.find("  pipewire (pid 812, /dev/snd/pcmC0D0p)\n"), std::string::npos) << text;
    EXPECT_NE(text.find(stop_sound_server_advice()), std::string::npos) << text;
    EXPECT_NE(text.find("Device or resource busy"), std::string::npos) << text;
    std::string unseen = hda::explain_card_busy({}, 0);
    EXPECT_NE(unseen.find("cannot see"), std::string::npos) << unseen;
}

TEST(HdaRetaskApply, EachEntryIsAWriteOfItsOwnThenReconfig) {
    Machine machine(fixture_root());
    auto plan = hda::plan_retask(machine.codec, 0, machine.configs,
                                 {{0x1a, k_second_headphone, "a"}, {0x17, 0x90170120, "b"}});
    RecordingWriter writer;
    EXPECT_EQ(hda::apply_retask(plan, writer), std::nullopt);
    using Write = RecordingWriter::Write;
    EXPECT_EQ(writer.writes,
              (std::vector<Write>{{"/sys/class/sound/hwC0D0/user_pin_configs", "0x1a 0x0321402f\n"},
                                  {"/sys/class/sound/hwC0D0/user_pin_configs", "0x17 0x90170120\n"},
                                  {"/sys/class/sound/hwC0D0/reconfig", "1\n"}}));
}

TEST(HdaRetaskApply, ItStopsAtTheFirstRefusalAndSaysWhatTheKernelTook) {
    Machine machine(fixture_root());
    auto plan = hda::plan_retask(machine.codec, 0, machine.configs,
                                 {{0x1a, k_second_headphone, "a"}, {0x17, 0x90170120, "b"}});
    RecordingWriter refusing_entry;
    refusing_entry.refuse_after(1, EINVAL);
    auto failure = hda::apply_retask(plan, refusing_entry);
    ASSERT_TRUE(failure);
    EXPECT_EQ(failure->entries_written, 1u);
    EXPECT_FALSE(failure->at_reconfig);
    EXPECT_EQ(failure->error_number, EINVAL);
    EXPECT_EQ(refusing_entry.writes.size(), 1u) << "reconfig was written after a refusal";

    RecordingWriter busy;
    busy.refuse_after(2, EBUSY);
    failure = hda::apply_retask(plan, busy);
    ASSERT_TRUE(failure);
    EXPECT_TRUE(failure->at_reconfig);
    EXPECT_EQ(failure->path, "/sys/class/sound/hwC0D0/reconfig");
    EXPECT_NE(failure->message.find("busy"), std::string::npos) << failure->message;
}

TEST(HdaRetaskApply, TheReadBackSaysWhetherTheDriverUsesTheValues) {
    TempDir tree;
    testing::copy_tree(fixture_root(), tree.path() / "root");
    Machine machine((tree.path() / "root").string());
    auto plan = hda::plan_retask(machine.codec, 0, machine.configs,
                                 {{0x1a, k_second_headphone, "a"}, {0x17, 0x90170120, "b"}});

    RecordingWriter lost;  // the kernel took nothing
    ASSERT_EQ(hda::apply_retask(plan, lost), std::nullopt);
    auto pins = hda::read_back(plan, *machine.root);
    ASSERT_EQ(pins.size(), 2u);
    EXPECT_FALSE(pins[0].kept());
    EXPECT_EQ(pins[0].user, std::nullopt);
    EXPECT_EQ(pins[0].effective, 0x411111f0u);

    KernelLikeWriter kernel(tree.path() / "root");
    ASSERT_EQ(hda::apply_retask(plan, kernel), std::nullopt);
    EXPECT_EQ(file_text(tree.path() / "root/sys/class/sound/hwC0D0/user_pin_configs"),
              "0x1a 0x0321402f\n0x17 0x90170120\n");
    pins = hda::read_back(plan, *machine.root);
    ASSERT_EQ(pins.size(), 2u);
    EXPECT_TRUE(pins[0].kept());
    EXPECT_TRUE(pins[1].kept());
    EXPECT_EQ(pins[1].effective, 0x90170120u);
}

}  // namespace
}  // namespace sndoctor
