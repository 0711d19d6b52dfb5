// The hotplug monitor as the model sees it: a fake in place of udev, whose events re-run the
// checks.
#include <gtest/gtest.h>

#include <atomic>

#include "temp_dir.hpp"
#include "test_workspace.hpp"
#include "tree_snapshot.hpp"
#include "tui/sound_monitor.hpp"

namespace sndoctor::ui {
namespace {

namespace fs = std::filesystem;

/// Answers take_events() from what the test queued: true for an add or a remove.
class FakeMonitor : public SoundMonitor {
  public:
    explicit FakeMonitor(std::shared_ptr<std::vector<bool>> events) : m_events(std::move(events)) {}
    int fd() const override { return 42; }
    bool take_events() override {
        bool changed = !m_events->empty() && m_events->front();
        if (!m_events->empty())
            m_events->erase(m_events->begin());
        return changed;
    }

  private:
    std::shared_ptr<std::vector<bool>> m_events;
};

TEST(SoundMonitor, ACardThatComesOrGoesRunsTheChecksAgain) {
    testing::TempDir work;
    fs::path root = work.path() / "root";
    testing::copy_tree(fs::path(testing::required_env("SNDOCTOR_FIXTURES")) / "user.audio-group" /
                           "fail-not-member",
                       root);
    auto workspace = testing::workspace_for(root, "alice");
    auto runs = std::make_shared<std::atomic<int>>(0);
    workspace.open_root = [open_root = workspace.open_root, runs] {
        ++*runs;
        return open_root();
    };
    AppModel model(workspace);
    model.wait_for_checks();
    ASSERT_EQ(*runs, 1);
    EXPECT_EQ(model.monitor_fd(), -1);
    EXPECT_EQ(model.on_monitor_ready(), Reaction::none);

    auto events = std::make_shared<std::vector<bool>>();
    model.watch(std::make_unique<FakeMonitor>(events));
    EXPECT_EQ(model.monitor_fd(), 42);

    events->push_back(false);  // a "change": nothing came or went
    EXPECT_EQ(model.on_monitor_ready(), Reaction::none);
    model.wait_for_checks();
    EXPECT_EQ(*runs, 1);

    events->push_back(true);
    EXPECT_EQ(model.on_monitor_ready(), Reaction::redraw);
    model.wait_for_checks();
    EXPECT_EQ(*runs, 2);
    EXPECT_EQ(model.status(), "A sound device came or went: checking again…");
    EXPECT_FALSE(model.checking());
}

}  // namespace
}  // namespace sndoctor::ui
