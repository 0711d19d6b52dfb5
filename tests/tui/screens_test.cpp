// Whole screens drawn on the text canvas, compared with what a person should see
// (tests/tui/screens/NAME.txt). The root's temporary path is replaced by ROOT before comparing.
// When a change to the checks or the screens is meant, SNDOCTOR_UPDATE_SCREENS=1 writes what
// is drawn now into those files (meson test --suite tui), to be read in the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "file_text.hpp"
#include "temp_dir.hpp"
#include "test_workspace.hpp"
#include "tree_snapshot.hpp"

namespace sndoctor::ui {
namespace {

namespace fs = std::filesystem;
using testing::type;

class ScreensTest : public ::testing::Test {
  protected:
    std::unique_ptr<AppModel> open(const fs::path& source, const std::string& user, int width,
                                   int height) {
        m_root = m_work.path() / "root";
        testing::copy_tree(source, m_root);
        auto model = std::make_unique<AppModel>(testing::workspace_for(m_root, user));
        model->resize(width, height);
        model->wait_for_checks();
        return model;
    }
    std::string screen(const AppModel& model, bool utf8 = true) {
        std::string text = testing::screen(model, utf8);
        for (auto at = text.find(m_root.string()); at != std::string::npos;
             at = text.find(m_root.string()))
            text.replace(at, m_root.string().size(), "ROOT");
        return text;
    }
    void expect_screen(const std::string& actual, const std::string& name) {
        fs::path file = fs::path(testing::required_env("SNDOCTOR_SOURCE_ROOT")) / "tests" / "tui" /
                        "screens" / (name + ".txt");
        if (const char* update = std::getenv("SNDOCTOR_UPDATE_SCREENS"); update && *update) {
            std::ofstream(file, std::ios::binary) << actual;
            return;
        }
        EXPECT_EQ(actual, testing::read_file(file)) << "expected in " << file.string();
    }
    fs::path fixture(const std::string& check, const std::string& name) {
        return fs::path(testing::required_env("SNDOCTOR_FIXTURES")) / check / name;
    }

    testing::TempDir m_work;
    fs::path m_root;
};

TEST_F(ScreensTest, ChecksScreenAt80x24) {
    auto model = open(fixture("user.audio-group", "fail-not-member"), "alice", 80, 24);
    ASSERT_TRUE(testing::select(*model, "user.audio-group"));
    expect_screen(screen(*model), "checks-80x24");
}

TEST_F(ScreensTest, ChecksScreenWithoutUtf8) {
    auto model = open(fixture("user.audio-group", "fail-not-member"), "alice", 80, 24);
    expect_screen(screen(*model, false), "checks-ascii-80x24");
}

TEST_F(ScreensTest, DemoAt120x40WithTheDetailFocused) {
    auto model = open(testing::required_env("SNDOCTOR_DEMO"), "alex", 120, 40);
    model->handle({KeyCode::end});
    model->handle({KeyCode::tab});
    expect_screen(screen(*model), "demo-detail-120x40");
}

TEST_F(ScreensTest, FixPlanPage) {
    auto model = open(fixture("user.audio-group", "fail-not-member"), "alice", 80, 24);
    ASSERT_TRUE(testing::select(*model, "user.audio-group"));
    type(*model, "f");
    expect_screen(screen(*model), "fix-plan-80x24");
}

TEST_F(ScreensTest, FilterWhileTyping) {
    auto model = open(fixture("user.audio-group", "fail-not-member"), "alice", 80, 24);
    type(*model, "/card");
    expect_screen(screen(*model), "filter-80x24");
}

TEST_F(ScreensTest, GuidedStepAndSummaryOnTheDemo) {
    auto model = open(testing::required_env("SNDOCTOR_DEMO"), "alex", 80, 24);
    type(*model, "g");
    expect_screen(screen(*model), "guided-step-80x24");
    // Each step's fix applied (y, y, Enter), or skipped (n) where none can be applied.
    for (int guard = 0; guard < 40 && model->page()->kind == PageKind::guided_step; ++guard) {
        std::string step = model->page()->title;
        type(*model, "y");
        if (model->page()->kind == PageKind::fix_plan)
            type(*model, "y");
        if (model->page()->kind == PageKind::message)
            model->handle({KeyCode::enter});
        if (model->page()->kind == PageKind::guided_step && model->page()->title == step)
            type(*model, "n");
    }
    expect_screen(screen(*model), "guided-summary-80x24");
}

TEST_F(ScreensTest, CodecLabOnTheDemo) {
    auto model = open(testing::required_env("SNDOCTOR_DEMO"), "alex", 80, 24);
    type(*model, "c");
    expect_screen(screen(*model), "codec-lab-list-80x24");
    model->handle({KeyCode::enter});
    model->resize(120, 40);
    // The cursor down to the speaker pin 0x14 (past three GPIO lines), and its EAPD on.
    type(*model, "jjje");
    expect_screen(screen(*model), "codec-lab-120x40");
}

}  // namespace
}  // namespace sndoctor::ui
