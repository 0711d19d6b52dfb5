// The codec lab driven by keys, without a terminal: on a copy of the demo (a Realtek whose
// speaker pin 0x14 has EAPD off) and on a fixture root with a codec dump. Verbs go to the codec
// emulated from the dump, and into the experiment log inside the copy.
#include "tui/codec_lab.hpp"

#include <gtest/gtest.h>

#include "hda/experiment_log.hpp"
#include "temp_dir.hpp"
#include "test_workspace.hpp"
#include "tree_snapshot.hpp"
#include "tui/app_model.hpp"

namespace sndoctor::ui {
namespace {

namespace fs = std::filesystem;
using testing::page_text;
using testing::type;

/// The line of the page that starts (after the cursor mark) with `start`.
std::string line_of(const Page& page, const std::string& start) {
    for (const auto& line : page.lines)
        if (line.text.size() > 2 && line.text.substr(2).starts_with(start))
            return line.text;
    return {};
}

class CodecLabTest : public ::testing::Test {
  protected:
    std::unique_ptr<AppModel> open(const fs::path& source, const std::string& user) {
        m_root = m_work.path() / "root";
        testing::copy_tree(source, m_root);
        auto model = std::make_unique<AppModel>(testing::workspace_for(m_root, user));
        model->resize(120, 40);
        model->wait_for_checks();
        return model;
    }
    /// Moves the cursor down to the line starting with `start`.
    void move_to(AppModel& model, const std::string& start) {
        for (int i = 0; i < 40 && !line_of(*model.page(), start).starts_with("> "); ++i)
            model.handle({KeyCode::down});
        ASSERT_TRUE(line_of(*model.page(), start).starts_with("> ")) << page_text(*model.page());
    }
    std::vector<hda::ExperimentEntry> log_in_root(int card) {
        auto disk = open_disk(m_root.string(), RootSource::dir);
        return hda::ExperimentLog(*disk, hda::live_log_path(card, 0)).entries();
    }

    testing::TempDir m_work;
    fs::path m_root;
};

TEST_F(CodecLabTest, DemoSpeakerEapdGoesOnThroughTheEmulatedCodecAndIntoTheLog) {
    auto model = open(testing::required_env("SNDOCTOR_DEMO"), "alex");
    type(*model, "c");
    ASSERT_NE(model->page(), nullptr);
    EXPECT_EQ(model->page()->kind, PageKind::codec_lab);
    EXPECT_NE(model->page()->title.find("emulated"), std::string::npos);
    EXPECT_NE(page_text(*model->page()).find("card 1 codec 0  Realtek ALC3246"), std::string::npos)
        << page_text(*model->page());

    model->handle({KeyCode::enter});
    EXPECT_NE(model->page()->title.find("card 1 codec 0"), std::string::npos);
    EXPECT_NE(line_of(*model->page(), "0x14  off").find("Speaker at Int N/A, Analog, Unknown"),
              std::string::npos)
        << page_text(*model->page());
    EXPECT_NE(page_text(*model->page()).find("no verb sent yet"), std::string::npos);

    move_to(*model, "0x14");
    type(*model, "e");
    EXPECT_NE(line_of(*model->page(), "0x14  on"), "") << page_text(*model->page());
    EXPECT_NE(page_text(*model->page()).find("SET_EAPD_BTLENABLE 0x02  (was 0x00)"),
              std::string::npos)
        << page_text(*model->page());
    // As `hda eapd` does: the register read, the write, the read back.
    auto log = log_in_root(1);
    ASSERT_EQ(log.size(), 3u);
    EXPECT_EQ(log[1].verb, (hda::Verb{0x14, 0x70c, 0x02}));
    EXPECT_EQ(log[1].before, 0x00u);

    // The same log is read again when the lab opens the codec once more: the state stays.
    type(*model, "q");
    model->handle({KeyCode::enter});
    EXPECT_NE(line_of(*model->page(), "0x14  on"), "") << page_text(*model->page());
}

TEST_F(CodecLabTest, DemoExperimentBecomesABootFixWithUndo) {
    auto model = open(testing::required_env("SNDOCTOR_DEMO"), "alex");
    type(*model, "c");
    model->handle({KeyCode::enter});
    type(*model, "p");
    EXPECT_NE(model->status().find("Nothing to make persistent"), std::string::npos);
    move_to(*model, "0x14");
    type(*model, "ep");
    ASSERT_EQ(model->page()->kind, PageKind::fix_plan) << model->status();
    std::string plan = page_text(*model->page());
    EXPECT_NE(plan.find("sndoctor-hda.fw"), std::string::npos) << plan;
    EXPECT_NE(plan.find("0x14 0x70c 0x02"), std::string::npos) << plan;
    EXPECT_NE(plan.find("patch="), std::string::npos) << plan;
    EXPECT_NE(plan.find("y applies"), std::string::npos) << plan;

    type(*model, "y");
    EXPECT_NE(page_text(*model->page()).find("Applied; journal entry"), std::string::npos)
        << page_text(*model->page());
    EXPECT_TRUE(fs::exists(m_root / "lib/firmware/sndoctor-hda.fw"));
    // Back on the lab, then the checks screen, where u takes the boot fix back.
    type(*model, " ");
    model->handle({KeyCode::escape});
    EXPECT_EQ(model->page()->kind, PageKind::codec_lab);
    type(*model, "qq");
    EXPECT_EQ(model->page(), nullptr);
    type(*model, "u");
    EXPECT_NE(page_text(*model->page()).find("Undone"), std::string::npos)
        << page_text(*model->page());
    EXPECT_FALSE(fs::exists(m_root / "lib/firmware/sndoctor-hda.fw"));
}

TEST_F(CodecLabTest, FixtureGpioDataBitAndEapd) {
    auto model = open(fs::path(testing::required_env("SNDOCTOR_FIXTURES")) / "codec.eapd-off" /
                          "warn-speaker-eapd-off",
                      "alice");
    type(*model, "c");
    model->handle({KeyCode::enter});
    ASSERT_NE(line_of(*model->page(), "GPIO1"), "") << page_text(*model->page());
    EXPECT_TRUE(line_of(*model->page(), "GPIO0").starts_with("> "));
    type(*model, "jv");
    EXPECT_NE(line_of(*model->page(), "GPIO1").find("mask=0  dir=0  data=1"), std::string::npos)
        << page_text(*model->page());
    EXPECT_NE(page_text(*model->page()).find("SET_GPIO_DATA 0x02"), std::string::npos)
        << page_text(*model->page());
    type(*model, "md");
    EXPECT_NE(line_of(*model->page(), "GPIO1").find("mask=1  dir=1  data=1"), std::string::npos)
        << page_text(*model->page());
    std::size_t sent = log_in_root(0).size();
    EXPECT_GE(sent, 3u);
    // The EAPD key on a GPIO line sends nothing.
    type(*model, "e");
    EXPECT_EQ(log_in_root(0).size(), sent);
    EXPECT_NE(model->status().find("pin with EAPD"), std::string::npos);
}

TEST_F(CodecLabTest, ReadOnlyUserIsToldTheSudoCommand) {
    m_root = m_work.path() / "root";
    testing::copy_tree(fs::path(testing::required_env("SNDOCTOR_FIXTURES")) / "codec.eapd-off" /
                           "warn-speaker-eapd-off",
                       m_root);
    auto original = testing::snapshot_tree(m_root);
    AppModel model(testing::workspace_for(m_root, "alice", testing::Privileges::read_only));
    model.resize(120, 40);
    model.wait_for_checks();
    type(model, "c");
    model.handle({KeyCode::enter});
    type(model, "jv");
    EXPECT_NE(model.status().find("Nothing was sent"), std::string::npos) << model.status();
    EXPECT_NE(model.status().find("hda gpio --data 0x02 --card 0 --codec 0"), std::string::npos)
        << model.status();
    EXPECT_EQ(testing::describe_difference(original, testing::snapshot_tree(m_root)), "");
}

}  // namespace
}  // namespace sndoctor::ui
