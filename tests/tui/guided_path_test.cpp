// The guided path (g) driven by keys on a private copy of the demo: its steps in the checks'
// order, skipping, the fix flow from a step, and the summary after following it to the end.
#include <gtest/gtest.h>

#include "temp_dir.hpp"
#include "test_workspace.hpp"
#include "tree_snapshot.hpp"

namespace sndoctor::ui {
namespace {

namespace fs = std::filesystem;
using testing::page_text;
using testing::type;

class GuidedPathTest : public ::testing::Test {
  protected:
    void SetUp() override { open(testing::required_env("SNDOCTOR_DEMO"), "alex"); }
    /// The assistant on a private copy of `tree`, as `user`.
    void open(const fs::path& tree, const std::string& user) {
        m_root = m_work.path() / "root";
        fs::remove_all(m_root);
        testing::copy_tree(tree, m_root);
        m_model = std::make_unique<AppModel>(
            testing::workspace_for(m_root, user, testing::Privileges::writable, m_work.path()));
        m_model->resize(80, 24);
        m_model->wait_for_checks();
    }
    const Page& page() {
        EXPECT_NE(m_model->page(), nullptr) << m_model->status();
        static const Page none;
        return m_model->page() ? *m_model->page() : none;
    }
    /// The checks the path walks through, in order: those that fail, warn or could not run.
    std::vector<std::string> wrong() {
        std::vector<std::string> ids;
        for (const auto& r : m_model->results())
            if (r.status == Status::fail || r.status == Status::warn || r.status == Status::error)
                ids.push_back(r.id);
        return ids;
    }
    /// The title of step `number` (1-based) of the path.
    std::string step_title(std::size_t number) {
        auto ids = wrong();
        return "Start here, " + std::to_string(number) + " of " + std::to_string(ids.size()) +
               ": " + (number <= ids.size() ? ids[number - 1] : std::string("?"));
    }
    const Result* result(const std::string& id) {
        for (const auto& r : m_model->results())
            if (r.id == id)
                return &r;
        return nullptr;
    }
    /// Each step: y shows the plan, y applies it, Enter closes what it did; a step whose fix
    /// cannot be applied from here is skipped with n.
    void follow_to_the_end() {
        for (int guard = 0; guard < 40 && page().kind == PageKind::guided_step; ++guard) {
            std::string step = page().title;
            type(*m_model, "y");
            if (page().kind == PageKind::fix_plan)
                type(*m_model, "y");
            if (page().kind == PageKind::message)
                m_model->handle({KeyCode::enter});
            if (page().kind == PageKind::guided_step && page().title == step)
                type(*m_model, "n");
        }
        ASSERT_EQ(page().kind, PageKind::guided_summary) << page_text(page());
    }

    testing::TempDir m_work;
    fs::path m_root;
    std::unique_ptr<AppModel> m_model;
};

TEST_F(GuidedPathTest, GOpensTheFirstWrongCheckAndNOrSpaceGoOn) {
    type(*m_model, "g");
    ASSERT_EQ(page().kind, PageKind::guided_step);
    ASSERT_GE(wrong().size(), 3u) << "the demo has at least three things wrong";
    EXPECT_EQ(wrong().front(), "kernel.build-match");
    EXPECT_EQ(page().title, step_title(1));
    std::string text = page_text(page());
    EXPECT_NE(text.find(result("kernel.build-match")->summary), std::string::npos) << text;
    EXPECT_NE(text.find("Evidence:"), std::string::npos) << text;
    EXPECT_NE(text.find(result("kernel.build-match")->explanation.substr(0, 40)), std::string::npos)
        << text;
    EXPECT_NE(text.find("f or y shows the fix's plan"), std::string::npos) << text;
    type(*m_model, "n");
    EXPECT_EQ(page().title, step_title(2));
    type(*m_model, " ");
    EXPECT_EQ(page().title, step_title(3));
    // A stray key keeps the path; q leaves it for the checks screen.
    type(*m_model, "x");
    EXPECT_EQ(page().title, step_title(3));
    type(*m_model, "q");
    EXPECT_EQ(m_model->page(), nullptr);
    EXPECT_EQ(m_model->status(), "Left the guided path; g starts it again.");
}

TEST_F(GuidedPathTest, AStepsFixGoesThroughTheFixFlowAndThePathMovesOn) {
    type(*m_model, "g");
    type(*m_model, "f");
    ASSERT_EQ(page().kind, PageKind::fix_plan);
    EXPECT_EQ(page().title, "Fix kernel.build-match");
    // Anything but y cancels the plan and comes back to the same step.
    std::string first = step_title(1), second = step_title(2);
    type(*m_model, "x");
    EXPECT_EQ(page().title, first);
    type(*m_model, "yy");
    ASSERT_EQ(page().kind, PageKind::message);
    EXPECT_NE(page_text(page()).find("Applied; journal entry"), std::string::npos);
    m_model->handle({KeyCode::enter});
    EXPECT_EQ(page().title, second);
    EXPECT_EQ(result("kernel.build-match")->status, Status::pass);
}

TEST_F(GuidedPathTest, SkippingEveryStepEndsInASummaryOfTheSkipped) {
    type(*m_model, "g");
    type(*m_model, std::string(wrong().size(), 'n'));
    ASSERT_EQ(page().kind, PageKind::guided_summary);
    std::string text = page_text(page());
    EXPECT_NE(text.find("Skipped:"), std::string::npos) << text;
    EXPECT_EQ(text.find("Fixed"), std::string::npos) << text;
    EXPECT_NE(text.find("  user.audio-group: FAIL"), std::string::npos) << text;
    // e exports the report over the summary, which shows again when it closes.
    type(*m_model, "e");
    EXPECT_EQ(page().title, "Report written");
    m_model->handle({KeyCode::enter});
    EXPECT_EQ(page().kind, PageKind::guided_summary);
    m_model->handle({KeyCode::enter});
    EXPECT_EQ(m_model->page(), nullptr);
}

TEST_F(GuidedPathTest, FollowingThePathFixesEveryFixableDemoProblem) {
    type(*m_model, "g");
    follow_to_the_end();
    std::string text = page_text(page());
    // Fixed: pass, or info that says what it waits for.
    for (const char* id :
         {"kernel.build-match", "modules.stale-snd", "modprobe.card-aliases", "user.audio-group",
          "alsa.state-file", "cards.present", "cards.virmidi-index", "codec.eapd-off"}) {
        ASSERT_NE(result(id), nullptr) << id;
        EXPECT_TRUE(result(id)->status == Status::pass || result(id)->status == Status::info)
            << id << ": " << result(id)->summary;
    }
    EXPECT_NE(text.find("Fixed (pass, or info until what it says happens):"), std::string::npos)
        << text;
    EXPECT_NE(text.find("fixed here (journal entry"), std::string::npos) << text;
    EXPECT_NE(text.find("fixed at the next module load or boot"), std::string::npos) << text;
    EXPECT_EQ(text.find("Skipped:"), std::string::npos) << text;
    // What no fix can finish from here, each with the reason its fix gives.
    EXPECT_EQ(result("portage.alsa-driver-mask")->status, Status::fail);
    EXPECT_NE(text.find("Still wrong after its fix:\n  portage.alsa-driver-mask: FAIL"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("emerge --ask --unmerge media-sound/alsa-driver"), std::string::npos)
        << text;
    EXPECT_NE(text.find("e writes the alsa-info report"), std::string::npos) << text;
}

TEST_F(GuidedPathTest, WhatOnlyThePersonCanChangeIsListedWithTheReason) {
    // A VirMIDI built into the kernel: no modprobe option reaches it, only the kernel command
    // line, which sndoctor does not edit.
    open(fs::path(testing::required_env("SNDOCTOR_FIXTURES")) /
             "cards.virmidi-index/fail-virmidi-first-builtin",
         "");
    type(*m_model, "g");
    follow_to_the_end();
    std::string text = page_text(page());
    ASSERT_NE(result("cards.virmidi-index"), nullptr);
    EXPECT_EQ(result("cards.virmidi-index")->status, Status::fail);
    auto yours = text.find("Yours to do (sndoctor cannot change it from here):\n");
    ASSERT_NE(yours, std::string::npos) << text;
    EXPECT_NE(text.find("\n  cards.virmidi-index: FAIL", yours), std::string::npos) << text;
    EXPECT_NE(text.find("snd_virmidi.index=-2 to the kernel command line", yours),
              std::string::npos)
        << text;
}

}  // namespace
}  // namespace sndoctor::ui
