#include "engine/executor.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/root.hpp"
#include "engine/mixer_control.hpp"
#include "temp_dir.hpp"
#include "tree_snapshot.hpp"

namespace sndoctor {
namespace {

namespace fs = std::filesystem;
using testing::snapshot_tree;
using testing::TempDir;

/// Records commands and, like depmod, rewrites the files it is said to write.
class RecordingRunner : public CommandRunner {
  public:
    explicit RecordingRunner(const fs::path& root) : m_root(root) {}
    CommandOutcome run(const std::vector<std::string>& argv) override {
        commands.push_back(argv);
        if (argv.front() == "fail")
            return {1, "it failed"};
        std::ofstream(m_root / "lib/modules/6.1/modules.dep") << "rebuilt\n";
        return {0, ""};
    }
    /// A control called "fail" is refused, as alsa-lib refuses a control the card lacks.
    void set_control(const ControlSetting& setting) override {
        if (setting.name == "fail")
            throw WriteError("/dev/snd/controlC0", "'fail': no such control");
        controls.push_back(describe_control(setting));
    }
    std::vector<std::vector<std::string>> commands;
    std::vector<std::string> controls;

  private:
    fs::path m_root;
};

class ExecutorTest : public ::testing::Test {
  protected:
    void SetUp() override {
        m_tree.write("etc/modprobe.d/alsa.conf", "options snd-virmidi index=0\n");
        m_tree.write("lib/modules/6.1/updates/snd-hda-intel.ko", "ELF stale module");
        m_tree.write("lib/modules/6.1/modules.dep", "old dep\n");
        fs::create_directories(m_tree.path() / "usr/src/linux-6.1");
        fs::create_directories(m_tree.path() / "usr/src/linux-6.2");
        fs::create_symlink("linux-6.2", m_tree.path() / "usr/src/linux");
        fs::permissions(m_tree.path() / "etc/modprobe.d/alsa.conf", fs::perms(0640));
    }

    std::vector<Plan> plans() { return make_plans(m_tree.path()); }

    /// Six steps over two plans: every kind of operation.
    static std::vector<Plan> make_plans(const fs::path& dir) {
        auto root = open_dir_root(dir.string(), RootSource::dir);
        std::vector<Plan> out(2);
        out[0] = Plan{.fix_id = "a.fix", .check_id = "a.check", .title = "A"};
        PlanBuilder a(*root, out[0]);
        a.comment_out_line("/etc/modprobe.d/alsa.conf", 1, "# disabled by sndoctor: ", "disable");
        a.write_file("/etc/modprobe.d/50-sndoctor.conf", "options snd-virmidi index=2\n", "write");
        a.make_link("/usr/src/linux", "linux-6.1", "relink");
        out[1] = Plan{.fix_id = "b.fix", .check_id = "b.check", .title = "B"};
        PlanBuilder b(*root, out[1]);
        b.move_aside("/lib/modules/6.1/updates/snd-hda-intel.ko", "move the stale module");
        b.write_file("/new/dir/file.conf", "x\n", "a file in new directories");
        b.run_command({"depmod", "6.1"}, {"/lib/modules/6.1/modules.dep"}, "depmod");
        return out;
    }

    TempDir m_tree;
};

TEST_F(ExecutorTest, AppliesEveryStepAndUndoRestoresTheTreeExactly) {
    auto original = snapshot_tree(m_tree.path());
    auto disk = open_disk(m_tree.path().string(), RootSource::dir);
    RecordingRunner runner(m_tree.path());
    auto entry = apply_plans(plans(), *disk, runner, {.now = 1700000000});
    EXPECT_EQ(entry.state, JournalState::applied) << entry.failure;
    EXPECT_EQ(fs::read_symlink(m_tree.path() / "usr/src/linux"), "linux-6.1");
    EXPECT_FALSE(fs::exists(m_tree.path() / "lib/modules/6.1/updates/snd-hda-intel.ko"));
    EXPECT_TRUE(fs::exists(m_tree.path() / "var/lib/sndoctor/journal" / entry.id / "moved/0"));
    EXPECT_EQ(
        (fs::status(m_tree.path() / "etc/modprobe.d/alsa.conf").permissions() & fs::perms::all),
        fs::perms(0640))
        << "an edited file keeps its mode";
    ASSERT_EQ(runner.commands.size(), 1u);
    EXPECT_NE(testing::describe_difference(original, snapshot_tree(m_tree.path())), "");

    Journal journal(*disk);
    auto stored = journal.find(entry.id);
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->fixes, (std::vector<std::string>{"a.fix", "b.fix"}));
    EXPECT_EQ(stored->state, JournalState::applied);
    undo_entry(*stored, *disk, 1700000100);
    EXPECT_EQ(testing::describe_difference(original, snapshot_tree(m_tree.path())), "");
    EXPECT_EQ(journal.find(entry.id)->state, JournalState::undone);
}

// An apply killed after every possible step (SIGKILL, as a crash) leaves a journal from which
// undo returns the tree to its exact original bytes, modes, times and links.
TEST_F(ExecutorTest, UndoCompletesAnApplyInterruptedAtEveryStep) {
    auto original = snapshot_tree(m_tree.path());
    const int steps = 6;
    for (int kill_after = 1; kill_after <= steps; ++kill_after) {
        TempDir copy;
        testing::copy_tree(m_tree.path(), copy.path());
        ASSERT_EQ(testing::describe_difference(original, snapshot_tree(copy.path())), "");
        pid_t child = ::fork();
        if (child == 0) {
            auto disk = open_disk(copy.path().string(), RootSource::dir);
            RecordingRunner runner(copy.path());
            auto copy_plans = make_plans(copy.path());
            apply_plans(copy_plans, *disk, runner,
                        {.now = 1700000000, .kill_after_operations = kill_after});
            ::_exit(0);
        }
        int status = 0;
        ::waitpid(child, &status, 0);
        if (kill_after < steps) {
            ASSERT_TRUE(WIFSIGNALED(status)) << "step " << kill_after;
            EXPECT_EQ(WTERMSIG(status), SIGKILL);
        }
        auto disk = open_disk(copy.path().string(), RootSource::dir);
        Journal journal(*disk);
        auto entries = journal.entries();
        ASSERT_EQ(entries.size(), 1u) << "step " << kill_after;
        EXPECT_NE(entries[0].state, JournalState::undone);
        undo_entry(entries[0], *disk, 1700000100);
        EXPECT_EQ(testing::describe_difference(original, snapshot_tree(copy.path())), "")
            << "after a kill at step " << kill_after;
    }
}

TEST_F(ExecutorTest, AFailingCommandStopsTheApplyAndUndoRestores) {
    auto original = snapshot_tree(m_tree.path());
    auto root = open_dir_root(m_tree.path().string(), RootSource::dir);
    std::vector<Plan> failing(1);
    failing[0] = Plan{.fix_id = "c.fix", .check_id = "c.check", .title = "C"};
    PlanBuilder builder(*root, failing[0]);
    builder.write_file("/etc/modprobe.d/50-sndoctor.conf", "x\n", "write");
    builder.run_command({"fail"}, {}, "a command that fails");
    builder.write_file("/etc/never.conf", "y\n", "never reached");
    auto disk = open_disk(m_tree.path().string(), RootSource::dir);
    RecordingRunner runner(m_tree.path());
    auto entry = apply_plans(failing, *disk, runner, {.now = 1});
    EXPECT_EQ(entry.state, JournalState::failed);
    EXPECT_NE(entry.failure.find("step 2"), std::string::npos) << entry.failure;
    EXPECT_FALSE(fs::exists(m_tree.path() / "etc/never.conf"));
    undo_entry(entry, *disk, 2);
    EXPECT_EQ(testing::describe_difference(original, snapshot_tree(m_tree.path())), "");
}

// A mixer control of the running card is no file: the journal keeps its old values, and undo
// sets them back after the files are back, newest first, only for the steps that ran.
TEST_F(ExecutorTest, UndoSetsBackTheControlsOfTheStepsDoneNewestFirst) {
    auto root = open_dir_root(m_tree.path().string(), RootSource::dir);
    std::vector<Plan> plan(1);
    plan[0] = Plan{.fix_id = "d.fix", .check_id = "d.check", .title = "D"};
    PlanBuilder builder(*root, plan[0]);
    builder.set_control({0, "Master Playback Switch", 0, {"true", "true"}},
                        {0, "Master Playback Switch", 0, {"false", "true"}}, "master on");
    builder.run_command({"store"}, {"/lib/modules/6.1/modules.dep"}, "store");
    builder.set_control({1, "PCM Playback Volume", 2, {"44"}}, {1, "PCM Playback Volume", 2, {"0"}},
                        "pcm up");
    builder.set_control({0, "fail", 0, {"true"}}, {0, "fail", 0, {"false"}}, "never done");
    std::string preview = describe_plan(plan[0]);
    EXPECT_NE(preview.find("set: card 0 'Master Playback Switch' = true,true (was false,true; "
                           "undo sets it back)"),
              std::string::npos)
        << preview;
    EXPECT_NE(preview.find("card 1 'PCM Playback Volume' index 2 = 44"), std::string::npos);
    auto disk = open_disk(m_tree.path().string(), RootSource::dir);
    RecordingRunner runner(m_tree.path());
    auto entry = apply_plans(plan, *disk, runner, {.now = 1});
    EXPECT_EQ(entry.state, JournalState::failed);
    EXPECT_NE(entry.failure.find("step 4"), std::string::npos) << entry.failure;
    EXPECT_EQ(runner.controls,
              (std::vector<std::string>{"card 0 'Master Playback Switch' = true,true",
                                        "card 1 'PCM Playback Volume' index 2 = 44"}));

    // Read back from the manifest, as `sndoctor undo` in another process would.
    auto stored = Journal(*disk).find(entry.id);
    ASSERT_TRUE(stored.has_value());
    ASSERT_TRUE(stored->operations[0].undo_control.has_value());
    EXPECT_EQ(stored->operations[0].undo_control->values,
              (std::vector<std::string>{"false", "true"}));
    EXPECT_FALSE(stored->operations[1].undo_control.has_value()) << "a command has none";
    RecordingRunner undo_runner(m_tree.path());
    undo_entry(*stored, *disk, 2, &undo_runner);
    EXPECT_EQ(undo_runner.controls,
              (std::vector<std::string>{"card 1 'PCM Playback Volume' index 2 = 0",
                                        "card 0 'Master Playback Switch' = false,true"}));
    std::ifstream dep(m_tree.path() / "lib/modules/6.1/modules.dep");
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(dep), {}), "old dep\n");
    EXPECT_EQ(stored->state, JournalState::undone);
}

// Without a card there is no control: alsa-lib's refusal names the control device.
TEST(MixerControl, ACardThatIsNotThereIsNamed) {
    try {
        write_mixer_control({99, "Master Playback Switch", 0, {"true"}});
        FAIL() << "card 99 was written";
    } catch (const WriteError& e) {
        EXPECT_NE(std::string(e.what()).find("/dev/snd/controlC99"), std::string::npos) << e.what();
    }
}

TEST_F(ExecutorTest, AFileChangedSinceThePlanIsNotOverwritten) {
    auto planned = plans();
    m_tree.write("etc/modprobe.d/alsa.conf", "someone edited this\n");
    auto disk = open_disk(m_tree.path().string(), RootSource::dir);
    RecordingRunner runner(m_tree.path());
    EXPECT_THROW(apply_plans(planned, *disk, runner, {.now = 1}), WriteError);
    EXPECT_FALSE(fs::exists(m_tree.path() / "var/lib/sndoctor/journal"))
        << "refused before the journal was even started";
}

TEST_F(ExecutorTest, NeverWritesThroughALinkThatLeadsOutOfTheRoot) {
    TempDir outside;
    fs::create_symlink(outside.path(), m_tree.path() / "etc/escape");
    fs::create_symlink("../../..", m_tree.path() / "etc/modprobe.d/up");
    auto root = open_dir_root(m_tree.path().string(), RootSource::dir);
    auto disk = open_disk(m_tree.path().string(), RootSource::dir);
    for (const char* path : {"/etc/escape/pwned.conf", "/etc/modprobe.d/up/up/pwned.conf"}) {
        EXPECT_THROW(disk->write_atomic(path, "x", FileState{}), WriteError) << path;
    }
    EXPECT_TRUE(fs::is_empty(outside.path()));
}

TEST_F(ExecutorTest, ReportsPathsItCannotWriteBeforeChangingAnything) {
    auto disk = open_disk(m_tree.path().string(), RootSource::dir);
    // As root every path here is writable; the rule is that a plan whose paths are all writable
    // has nothing to report.
    EXPECT_TRUE(unwritable_paths(plans(), *disk).empty());
}

}  // namespace
}  // namespace sndoctor
