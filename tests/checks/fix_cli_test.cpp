// fix, undo and history as a user meets them: the preview, the questions, the refusals.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "run_program.hpp"
#include "temp_dir.hpp"
#include "tree_snapshot.hpp"

namespace sndoctor {
namespace {

namespace fs = std::filesystem;
using testing::required_env;
using testing::run_program;
using testing::snapshot_tree;
using testing::TempDir;

class FixCli : public ::testing::Test {
  protected:
    void SetUp() override {
        m_root = m_work.path() / "demo";
        testing::copy_tree(required_env("SNDOCTOR_DEMO"), m_root);
        m_original = snapshot_tree(m_root);
    }
    testing::ProgramOutput sndoctor(std::vector<std::string> args) {
        args.insert(args.begin(), required_env("SNDOCTOR_BIN"));
        args.push_back("--root");
        args.push_back(m_root.string());
        return run_program(args, {{"SUDO_USER", ""}});
    }
    std::string difference() {
        return testing::describe_difference(m_original, snapshot_tree(m_root));
    }

    TempDir m_work;
    fs::path m_root;
    testing::TreeSnapshot m_original;
};

TEST_F(FixCli, DryRunShowsThePlanAndChangesNothing) {
    auto run = sndoctor({"fix", "user.audio-group", "--dry-run", "--user", "alex"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("user.add-to-audio"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("-audio:x:18:\n+audio:x:18:alex\n"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("Log out and in again"), std::string::npos) << run.out;
    EXPECT_EQ(difference(), "");
}

TEST_F(FixCli, WithoutYesAndWithoutATerminalNothingIsApplied) {
    auto run = sndoctor({"fix", "user.audio-group", "--user", "alex"});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.out.find("--yes"), std::string::npos);
    EXPECT_EQ(difference(), "");
}

TEST_F(FixCli, APassingCheckHasNothingToFix) {
    TempDir empty;
    auto run = run_program({required_env("SNDOCTOR_BIN"), "fix", "portage.alsa-driver-mask",
                            "--yes", "--root", empty.path().string()});
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_NE(run.out.find("nothing to fix"), std::string::npos) << run.out;
    EXPECT_FALSE(fs::exists(empty.path() / "var"));
}

TEST_F(FixCli, UsageErrors) {
    EXPECT_EQ(sndoctor({"fix"}).exit_code, 64);
    EXPECT_EQ(sndoctor({"fix", "no.such"}).exit_code, 64);
    EXPECT_EQ(sndoctor({"fix", "a", "b"}).exit_code, 64);
    EXPECT_EQ(sndoctor({"undo", "no-such-entry"}).exit_code, 64);
    auto demo = run_program({required_env("SNDOCTOR_BIN"), "fix", "--all", "--demo", "--yes"});
    EXPECT_EQ(demo.exit_code, 64);
    EXPECT_NE(demo.err.find("--root"), std::string::npos) << "says how to fix a copy";
}

TEST_F(FixCli, AllFixesAreOneJournalEntryThatUndoTakesBack) {
    auto before = sndoctor({"check", "--json", "--user", "alex"});
    auto applied = sndoctor({"fix", "--all", "--yes", "--user", "alex"});
    EXPECT_TRUE(applied.exit_code == 0 || applied.exit_code == 2) << applied.out << applied.err;
    EXPECT_NE(applied.out.find("Applied; journal entry"), std::string::npos) << applied.out;
    auto history = sndoctor({"history"});
    EXPECT_EQ(history.exit_code, 0);
    EXPECT_NE(history.out.find("applied"), std::string::npos) << history.out;
    EXPECT_NE(history.out.find("user.add-to-audio"), std::string::npos) << history.out;
    auto after = nlohmann::json::parse(sndoctor({"check", "--json", "--user", "alex"}).out);
    auto was = nlohmann::json::parse(before.out);
    EXPECT_LT(after["counts"]["fail"].get<int>(), was["counts"]["fail"].get<int>());

    auto undone = sndoctor({"undo"});
    EXPECT_EQ(undone.exit_code, 0) << undone.out << undone.err;
    EXPECT_EQ(difference(), "");
    EXPECT_NE(sndoctor({"history"}).out.find("undone"), std::string::npos);
    auto again = sndoctor({"undo"});
    EXPECT_NE(again.out.find("Nothing to undo: every journal entry is undone already"),
              std::string::npos)
        << again.out;
}

TEST_F(FixCli, UndoWhereNoFixWasAppliedSaysSo) {
    TempDir empty;
    auto run = run_program({required_env("SNDOCTOR_BIN"), "undo", "--root", empty.path().string()});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("Nothing to undo: no fix has been applied here"), std::string::npos)
        << run.out;
    EXPECT_FALSE(fs::exists(empty.path() / "var")) << "undo writes nothing when there is nothing";
}

TEST_F(FixCli, WithoutPrivilegesItStopsBeforeTheFirstChangeAndNamesTheCommand) {
    std::vector<std::string> argv = {required_env("SNDOCTOR_BIN"),
                                     "fix",
                                     "user.audio-group",
                                     "--yes",
                                     "--root",
                                     m_root.string(),
                                     "--user",
                                     "alex"};
    if (::geteuid() == 0) {
        // Root may write anything: run as nobody, over a tree that belongs to root.
        fs::permissions(m_work.path(), fs::perms(0755));
        argv.insert(argv.begin(),
                    {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
    } else {
        for (const char* dir : {"etc", "var"})
            fs::permissions(m_root / dir, fs::perms(0555));
    }
    auto run = run_program(argv);
    if (::geteuid() != 0)
        for (const char* dir : {"etc", "var"})
            fs::permissions(m_root / dir, fs::perms(0755));
    EXPECT_EQ(run.exit_code, 4) << run.out << run.err;
    // A binary that sudo's secure_path would not find (this one, in the build tree) is named by
    // its full path.
    std::string program = fs::canonical(required_env("SNDOCTOR_BIN")).string();
    EXPECT_NE(run.out.find("Run it as root: sudo " + program +
                           " fix user.audio-group --yes --root " + m_root.string()),
              std::string::npos)
        << run.out;
    EXPECT_EQ(difference(), "");
}

// Reloading drivers acts on the running kernel: a copy of a system gets the reason, no journal.
TEST(FixCliLive, AReloadIsRefusedForACopyOfASystem) {
    TempDir work;
    fs::path root = work.path() / "root";
    testing::copy_tree(
        fs::path(required_env("SNDOCTOR_FIXTURES")) / "cards.virmidi-index/info-reload-pending",
        root);
    auto original = snapshot_tree(root);
    auto by_check = run_program({required_env("SNDOCTOR_BIN"), "fix", "cards.virmidi-index",
                                 "--yes", "--root", root.string()});
    EXPECT_EQ(by_check.exit_code, 2) << by_check.out << by_check.err;
    EXPECT_NE(by_check.out.find("cards.reload-modules: no plan can be made"), std::string::npos)
        << by_check.out;
    EXPECT_NE(by_check.out.find("acts on the running kernel only"), std::string::npos)
        << by_check.out;
    auto by_fix = run_program({required_env("SNDOCTOR_BIN"), "fix", "cards.reload-modules", "--yes",
                               "--root", root.string()});
    EXPECT_EQ(by_fix.exit_code, 2) << by_fix.out;
    EXPECT_EQ(testing::describe_difference(original, snapshot_tree(root)), "");
}

// A fix named by id acts on whichever failing check links it, not only on its own check.
TEST(FixCliLive, AFixNamedByIdServesEveryCheckThatLinksIt) {
    TempDir work;
    fs::path root = work.path() / "root";
    testing::copy_tree(
        fs::path(required_env("SNDOCTOR_FIXTURES")) / "cards.present/warn-virtual-first", root);
    auto run = run_program({required_env("SNDOCTOR_BIN"), "fix", "cards.order-real-first",
                            "--dry-run", "--root", root.string()});
    EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_NE(run.out.find("+options snd-aloop index=-2"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace sndoctor
