// The demo system shows every seed problem (issue 2, "Done means").
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "checks/checks.hpp"
#include "run_program.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

using testing::required_env;
using testing::run_program;

TEST(Demo, EveryCheckShowsWhatTheDemoHolds) {
    // Every seed problem, and modern ones (EAPD off on the speaker, codec power saving); the
    // mixer check skips because the saved state is for another card (alsa.state-file's warning).
    auto run = run_program({required_env("SNDOCTOR_BIN"), "check", "--demo", "--json"});
    auto doc = nlohmann::json::parse(run.out);
    EXPECT_EQ(doc["demo"], true);
    const std::map<std::string, std::string> expected = {
        {"kernel.build-match", "fail"},
        {"kernel.sound-config", "pass"},
        {"modules.stale-snd", "fail"},
        {"pci.driver-bound", "fail"},
        {"alsa.version-match", "pass"},
        {"portage.alsa-driver-mask", "fail"},
        {"modprobe.card-aliases", "fail"},
        {"power.save-pops", "info"},
        {"user.audio-group", "fail"},
        {"alsa.state-file", "warn"},
        {"mixer.muted", "skip"},
        {"cards.present", "warn"},
        {"cards.virmidi-index", "fail"},
        {"cards.hdmi-default", "pass"},
        {"codec.eapd-off", "warn"},
        {"codec.quirk", "skip"},
        {"firmware.dsp-driver", "pass"},
        {"firmware.sof", "skip"},
        {"amp.firmware", "skip"},
        {"ucm.profile", "skip"},
        {"userspace.sound-server", "fail"},
    };
    ASSERT_EQ(doc["checks"].size(), expected.size());
    for (const auto& result : doc["checks"]) {
        std::string id = result["id"];
        std::string status = result["status"];
        EXPECT_EQ(status, expected.at(id)) << result.dump(2);
        EXPECT_FALSE(result["evidence"].empty()) << id;
        if (status != "pass" && status != "skip") {
            EXPECT_FALSE(result["fixes"].empty()) << id << " links no fix on the demo";
        }
    }
    EXPECT_EQ(run.exit_code, 2);
}

TEST(Demo, TheAssistantSaysItIsTheDemo) {
    auto run = run_program({required_env("SNDOCTOR_BIN"), "--demo", "--no-color"});
    EXPECT_NE(run.out.find("demo system"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace sndoctor
