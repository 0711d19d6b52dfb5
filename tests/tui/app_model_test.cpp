// The assistant's model driven by keys, without a terminal, on a copy of a fixture root and on
// the demo as the command line opens it.
#include "tui/app_model.hpp"

#include <gtest/gtest.h>

#include <future>

#include <algorithm>

#include "checks/checks.hpp"
#include "cli/assistant_system.hpp"
#include "core/text.hpp"
#include "run_program.hpp"
#include "temp_dir.hpp"
#include "test_workspace.hpp"
#include "tree_snapshot.hpp"

namespace sndoctor::ui {
namespace {

namespace fs = std::filesystem;
using testing::page_text;
using testing::Privileges;
using testing::type;

/// A private copy of the fixture where alice is not in the audio group (user.add-to-audio fixes
/// it by editing /etc/group).
class AppModelTest : public ::testing::Test {
  protected:
    void SetUp() override {
        m_root = m_work.path() / "root";
        testing::copy_tree(fs::path(testing::required_env("SNDOCTOR_FIXTURES")) /
                               "user.audio-group" / "fail-not-member",
                           m_root);
        m_original = testing::snapshot_tree(m_root);
    }
    std::unique_ptr<AppModel> open(Privileges privileges = Privileges::writable) {
        auto model = std::make_unique<AppModel>(
            testing::workspace_for(m_root, "alice", privileges, m_work.path()));
        model->resize(80, 24);
        model->wait_for_checks();
        return model;
    }
    void select(AppModel& model, const std::string& id) {
        ASSERT_TRUE(testing::select(model, id)) << id;
    }
    std::string difference() {
        return testing::describe_difference(m_original, testing::snapshot_tree(m_root));
    }

    testing::TempDir m_work;
    fs::path m_root;
    testing::TreeSnapshot m_original;
};

TEST_F(AppModelTest, TheChecksRunInTheBackgroundAndFillTheListByArea) {
    auto model = open();
    EXPECT_FALSE(model->checking());
    ASSERT_EQ(model->results().size(), checks::registry().size());
    auto rows = model->list_rows();
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows.front().area, "kernel");
    EXPECT_EQ(rows[1].check_id, "kernel.build-match");
    EXPECT_NE(rows[1].result, nullptr);
    EXPECT_EQ(model->selected(), "kernel.build-match");
}

TEST_F(AppModelTest, TheScreenIsUsableWhileTheChecksRun) {
    // The run cannot start before the test lets it: what shows meanwhile is certain.
    std::promise<void> go;
    auto workspace = testing::workspace_for(m_root, "alice");
    workspace.open_root = [open_root = workspace.open_root, started = go.get_future().share()] {
        started.wait();
        return open_root();
    };
    AppModel model(workspace);
    model.resize(80, 24);
    model.poll();
    EXPECT_TRUE(model.checking());
    std::string text = testing::screen(model);
    EXPECT_NE(text.find("Checking [··········] 0/" + std::to_string(checks::registry().size())),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("… WAIT  kernel.build-match        waiting for its turn"),
              std::string::npos)
        << text;
    type(model, "?");
    EXPECT_TRUE(model.page() != nullptr && model.page()->kind == PageKind::help);
    type(model, "q/user.audio-group");
    model.handle({KeyCode::enter});
    EXPECT_EQ(model.list_rows().size(), 2u) << "the filter works on checks still waiting";
    type(model, "f");
    EXPECT_EQ(model.status(), "The checks are still running.");
    // Only EXPECTs above: the run must be let go, or the model's end would wait for it forever.
    go.set_value();
    model.wait_for_checks();
    EXPECT_FALSE(model.checking());
    EXPECT_EQ(model.results().size(), checks::registry().size());
    EXPECT_EQ(model.selected(), "user.audio-group");
}

TEST_F(AppModelTest, ArrowsAndVimKeysMoveOverChecksNotHeadings) {
    auto model = open();
    std::vector<std::string> order;  // the checks as listed, headings left out
    for (const auto& row : model->list_rows())
        if (!row.check_id.empty())
            order.push_back(row.check_id);
    ASSERT_EQ(order.size(), checks::registry().size());
    EXPECT_EQ(model->selected(), order[0]);
    type(*model, "j");
    EXPECT_EQ(model->selected(), order[1]);
    model->handle({KeyCode::down});
    EXPECT_EQ(model->selected(), order[2]);
    type(*model, "k");
    EXPECT_EQ(model->selected(), order[1]);
    model->handle({KeyCode::end});
    EXPECT_EQ(model->selected(), order.back());
    model->handle({KeyCode::down});
    EXPECT_EQ(model->selected(), order.back()) << "the last check stays selected";
    model->handle({KeyCode::home});
    EXPECT_EQ(model->selected(), order[0]);
}

TEST_F(AppModelTest, TheFilterKeepsMatchingChecksAndEscClearsIt) {
    auto model = open();
    auto all = model->list_rows().size();
    type(*model, "/USER.audio-group");
    EXPECT_TRUE(model->editing_filter());
    model->handle({KeyCode::enter});
    EXPECT_FALSE(model->editing_filter());
    EXPECT_EQ(model->filter(), "USER.audio-group") << "kept as typed, matched ignoring case";
    auto rows = model->list_rows();
    ASSERT_EQ(rows.size(), 2u) << "the heading and the one check";
    EXPECT_EQ(rows[1].check_id, "user.audio-group");
    EXPECT_EQ(model->selected(), "user.audio-group");
    type(*model, "/");
    model->handle({KeyCode::backspace});
    model->handle({KeyCode::escape});
    EXPECT_EQ(model->filter(), "");
    EXPECT_EQ(model->list_rows().size(), all) << "every check and its area heading again";
}

TEST_F(AppModelTest, TheDetailShowsTheExplanationAndEvidenceAndTabMovesTheFocus) {
    auto model = open();
    select(*model, "user.audio-group");
    std::string detail;
    for (const auto& line : model->detail_lines())
        detail += line.text + "\n";
    EXPECT_NE(detail.find("FAIL  alice is not in the audio group"), std::string::npos) << detail;
    EXPECT_NE(detail.find("Evidence:\n"), std::string::npos) << detail;
    EXPECT_NE(detail.find("\n  /etc/group:2  audio:x:18:mpd\n"), std::string::npos) << detail;
    EXPECT_NE(detail.find("user.add-to-audio"), std::string::npos) << detail;
    model->handle({KeyCode::tab});
    EXPECT_EQ(model->focus(), Pane::detail);
    model->handle({KeyCode::down});
    EXPECT_EQ(model->selected(), "user.audio-group") << "arrows scroll the detail now";
    model->handle({KeyCode::tab});
    EXPECT_EQ(model->focus(), Pane::list);
    model->handle({KeyCode::enter});
    ASSERT_NE(model->page(), nullptr);
    EXPECT_EQ(model->page()->kind, PageKind::detail);
    type(*model, "q");
    EXPECT_EQ(model->page(), nullptr);
}

TEST_F(AppModelTest, AFixShowsItsPlanAndAnyKeyButYCancels) {
    auto model = open();
    select(*model, "user.audio-group");
    type(*model, "f");
    ASSERT_NE(model->page(), nullptr);
    EXPECT_EQ(model->page()->kind, PageKind::fix_plan);
    std::string plan = page_text(*model->page());
    EXPECT_NE(plan.find("+++ b/etc/group"), std::string::npos) << plan;
    EXPECT_NE(plan.find("alice"), std::string::npos) << plan;
    EXPECT_NE(plan.find("y applies"), std::string::npos) << plan;
    model->handle({KeyCode::page_down});  // scrolling is not an answer
    EXPECT_NE(model->page(), nullptr);
    type(*model, "n");
    EXPECT_EQ(model->page(), nullptr);
    EXPECT_EQ(model->status(), "Cancelled: nothing was changed.");
    EXPECT_EQ(difference(), "");
}

TEST_F(AppModelTest, YAppliesTheFixTheCheckPassesAndUUndoesItByteForByte) {
    auto model = open();
    select(*model, "user.audio-group");
    type(*model, "f");
    // A fix can take seconds (a driver reload): the screen says so before it starts.
    ASSERT_EQ(model->handle(Key::character(U'y')), Reaction::work_after_draw);
    EXPECT_NE(testing::screen(*model, true).find("Applying... the checks run again"),
              std::string::npos)
        << testing::screen(*model, true);
    EXPECT_EQ(difference(), "") << "nothing is applied before the screen is drawn";
    model->do_pending_work();
    ASSERT_NE(model->page(), nullptr);
    std::string applied = page_text(*model->page());
    EXPECT_NE(applied.find("Applied; journal entry"), std::string::npos) << applied;
    EXPECT_NE(applied.find("user.audio-group: pass"), std::string::npos) << applied;
    EXPECT_EQ(model->selected_result()->status, Status::pass) << "the list shows the new result";
    EXPECT_NE(difference(), "");

    type(*model, "q");  // closes the page
    type(*model, "h");
    std::string history = page_text(*model->page());
    EXPECT_NE(history.find("user.add-to-audio"), std::string::npos) << history;
    EXPECT_NE(history.find("applied"), std::string::npos) << history;
    type(*model, "q");

    type(*model, "u");
    ASSERT_NE(model->page(), nullptr);
    std::string undone = page_text(*model->page());
    EXPECT_NE(undone.find("Undone:"), std::string::npos) << undone;
    EXPECT_NE(undone.find("user.audio-group: fail"), std::string::npos) << undone;
    EXPECT_EQ(difference(), "");
    type(*model, "q");
    type(*model, "u");
    EXPECT_EQ(model->page(), nullptr);
    EXPECT_NE(model->status().find("Nothing to undo"), std::string::npos) << model->status();
}

TEST_F(AppModelTest, WithoutRootTheFixNamesTheSudoCommandAndChangesNothing) {
    auto model = open(Privileges::read_only);
    select(*model, "user.audio-group");
    type(*model, "f");
    ASSERT_NE(model->page(), nullptr);
    std::string plan = page_text(*model->page());
    EXPECT_NE(plan.find("need root privileges"), std::string::npos) << plan;
    EXPECT_NE(plan.find("sudo sndoctor fix user.audio-group --yes --root " + m_root.string()),
              std::string::npos)
        << plan;
    type(*model, "y");
    EXPECT_EQ(model->page(), nullptr) << "y cannot apply what may not be written";
    EXPECT_EQ(difference(), "");
}

TEST_F(AppModelTest, WithoutRootSRunsTheFixThroughSudoAndChecksAgain) {
    auto workspace = testing::workspace_for(m_root, "alice", Privileges::read_only, m_work.path());
    // What sudo would run: the real program, here already privileged enough for the copy.
    std::vector<std::string> asked;
    workspace.run_as_root = [&asked, root = m_root.string()](const std::string& command) {
        asked.push_back(command);
        std::vector<std::string> argv = {testing::required_env("SNDOCTOR_BIN")};
        for (auto word : split_words(command))
            argv.emplace_back(word);
        argv.insert(argv.end(), {"--root", root, "--user", "alice"});
        return testing::run_program(argv).exit_code;
    };
    AppModel model(workspace);
    model.resize(80, 24);
    model.wait_for_checks();
    select(model, "user.audio-group");
    type(model, "f");
    ASSERT_NE(model.page(), nullptr);
    EXPECT_EQ(model.page()->root_command, "fix user.audio-group --yes");
    EXPECT_NE(model.page()->footer.find("s run with sudo"), std::string::npos);
    EXPECT_EQ(model.handle(Key::character(U's')), Reaction::run_as_root);
    EXPECT_TRUE(asked.empty()) << "the terminal is lent first, then run_root_request runs it";
    model.run_root_request();
    ASSERT_EQ(asked, std::vector<std::string>{"fix user.audio-group --yes"});
    ASSERT_NE(model.page(), nullptr);
    std::string outcome = page_text(*model.page());
    EXPECT_NE(outcome.find("Done: sudo sndoctor fix user.audio-group --yes"), std::string::npos)
        << outcome;
    EXPECT_NE(outcome.find("user.audio-group: pass"), std::string::npos) << outcome;
    EXPECT_NE(difference(), "") << "the fix changed the copy";
}

TEST_F(AppModelTest, WithoutSudoOnlyTheCommandIsShown) {
    auto model = open(Privileges::read_only);  // the test workspace has no run_as_root
    select(*model, "user.audio-group");
    type(*model, "f");
    ASSERT_NE(model->page(), nullptr);
    EXPECT_TRUE(model->page()->root_command.empty());
    EXPECT_EQ(model->page()->footer.find("sudo"), std::string::npos);
    EXPECT_EQ(model->handle(Key::character(U's')), Reaction::redraw);
    EXPECT_EQ(model->page(), nullptr) << "s is any other key there: the page closes";
    EXPECT_EQ(difference(), "");
}

TEST_F(AppModelTest, ACheckThatDoesNotFailHasNothingToFix) {
    auto model = open();
    select(*model, "kernel.build-match");
    ASSERT_EQ(model->selected_result()->status, Status::skip);
    type(*model, "f");
    EXPECT_EQ(model->page(), nullptr);
    EXPECT_NE(model->status().find("nothing to fix"), std::string::npos) << model->status();
}

TEST_F(AppModelTest, HelpReportAndQuitKeys) {
    auto model = open();
    type(*model, "?");
    ASSERT_NE(model->page(), nullptr);
    EXPECT_EQ(model->page()->kind, PageKind::help);
    model->handle({KeyCode::escape});
    model->handle({KeyCode::help});
    EXPECT_EQ(model->page()->kind, PageKind::help);
    type(*model, "x");
    EXPECT_EQ(model->page(), nullptr);

    type(*model, "e");
    ASSERT_NE(model->page(), nullptr);
    EXPECT_NE(page_text(*model->page()).find((m_work.path() / "report.txt").string()),
              std::string::npos);
    type(*model, "q");

    EXPECT_EQ(model->handle(Key::character(U'q')), Reaction::quit);
    EXPECT_EQ(model->handle({KeyCode::escape}), Reaction::quit);
}

TEST_F(AppModelTest, RReRunsTheChecks) {
    auto model = open();
    type(*model, "r");
    model->wait_for_checks();
    EXPECT_FALSE(model->checking());
    EXPECT_EQ(model->results().size(), checks::registry().size());
}

TEST_F(AppModelTest, AClickSelectsTheCheckOnThatRow) {
    auto model = open();
    auto rows = model->list_rows();
    int row = 0;
    for (int i = 0; i < static_cast<int>(rows.size()); ++i)
        if (rows[i].check_id == "user.audio-group")
            row = i + 1;  // the list starts below the title bar
    model->handle(Key::click(row, 20));
    EXPECT_EQ(model->selected(), "user.audio-group");
}

TEST_F(AppModelTest, TheSmallestScreenStillScrollsToEveryCheck) {
    auto model = open();
    model->resize(80, 12);
    model->handle({KeyCode::end});
    auto rows = model->list_rows();
    EXPECT_GT(model->list_scroll(), 0);
    EXPECT_EQ(model->selected(), rows.back().check_id);
}

TEST(AssistantDemo, WorksOnATemporaryCopyThatGoesAwayAtExit) {
    std::string installed = testing::required_env("SNDOCTOR_DEMO");
    auto before = testing::snapshot_tree(installed);
    fs::path copy;
    {
        cli::Options options;
        options.demo = true;
        auto system = cli::open_assistant_system(options);
        ASSERT_TRUE(system.workspace.demo);
        copy = system.workspace.root;
        EXPECT_NE(copy, fs::path(installed));
        system.demo_copied.wait();  // made in the background while the first screen shows
        EXPECT_TRUE(fs::exists(copy / "proc/asound/cards"));

        AppModel model(system.workspace);
        model.resize(120, 40);
        model.wait_for_checks();
        type(model, "/user.audio-group");
        model.handle({KeyCode::enter});
        ASSERT_EQ(model.selected(), "user.audio-group");
        EXPECT_EQ(model.selected_result()->status, Status::fail);
        type(model, "fy");
        ASSERT_NE(model.page(), nullptr) << model.status();
        EXPECT_NE(page_text(*model.page()).find("Applied; journal entry"), std::string::npos)
            << page_text(*model.page());
        EXPECT_NE(model.selected_result()->status, Status::fail);
        EXPECT_TRUE(fs::exists(copy / "var/lib/sndoctor/journal"));
    }
    EXPECT_FALSE(fs::exists(copy.parent_path())) << "the copy is removed at exit";
    EXPECT_EQ(testing::describe_difference(before, testing::snapshot_tree(installed)), "");
    EXPECT_FALSE(fs::exists(fs::path(installed) / "var/lib/sndoctor/journal"));
}

}  // namespace
}  // namespace sndoctor::ui
