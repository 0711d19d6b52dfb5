// `sndoctor hda dump` through the built binary: a whole alsa-info report of the corpus as JSON
// (schema "sndoctor.codec/1") and as text, a card read through --root, and the errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_program.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

using testing::required_env;
using testing::run_program;

std::string bin() {
    return required_env("SNDOCTOR_BIN");
}

/// An alsa-info report from an Asus UX31A: a Realtek ALC269VB at address 0 (34 nodes, 10 pins,
/// 2 GPIOs) and an Intel HDMI codec at address 3 (7 nodes).
std::string report() {
    return required_env("SNDOCTOR_CORPUS") + "/hda-emu/alc269vb-asus-ux31a";
}

nlohmann::json find_nid(const nlohmann::json& list, int nid) {
    for (const auto& item : list)
        if (item["nid"] == nid)
            return item;
    ADD_FAILURE() << "no nid " << nid;
    return nlohmann::json::object();
}

TEST(HdaDumpCommand, JsonOfAnAlsaInfoReport) {
    auto run = run_program({bin(), "hda", "dump", "--dump", report(), "--json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto json = nlohmann::json::parse(run.out);
    EXPECT_EQ(json["schema"], "sndoctor.codec/1");
    EXPECT_EQ(json["source"], "dump");
    EXPECT_EQ(json["origin"], report());
    ASSERT_EQ(json["codecs"].size(), 2u);
    const auto& realtek = json["codecs"][0];
    EXPECT_EQ(realtek["name"], "Realtek ALC269VB");
    EXPECT_EQ(realtek["address"], 0);
    EXPECT_EQ(realtek["vendor_id"], "0x10ec0269");
    EXPECT_EQ(realtek["subsystem_id"], "0x10431517");
    EXPECT_EQ(realtek["revision_id"], "0x00100100");
    EXPECT_EQ(realtek["nodes"], 34);
    EXPECT_EQ(realtek["widgets"].size(), 34u);
    EXPECT_EQ(realtek["pins"].size(), 10u);
    EXPECT_TRUE(realtek["warnings"].empty());
    EXPECT_EQ(json["codecs"][1]["address"], 3);
    EXPECT_EQ(json["codecs"][1]["nodes"], 7);
}

TEST(HdaDumpCommand, JsonWidgetAndPinFields) {
    auto run = run_program({bin(), "hda", "dump", "--dump", report(), "--json", "--codec", "0"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto json = nlohmann::json::parse(run.out);
    ASSERT_EQ(json["codecs"].size(), 1u);
    const auto& codec = json["codecs"][0];
    auto speaker = find_nid(codec["widgets"], 0x14);
    EXPECT_EQ(speaker["type"], "Pin Complex");
    EXPECT_EQ(speaker["wcaps"], "0x0040018d");
    EXPECT_EQ(speaker["connections"], nlohmann::json::array({0x0c, 0x0d}));
    EXPECT_EQ(speaker["selected"], 1);
    EXPECT_EQ(speaker["amps"]["out"]["values"], nlohmann::json::parse("[[0, 0]]"));
    EXPECT_TRUE(speaker["amps"]["in"].is_null());
    EXPECT_EQ(speaker["unsol"]["enabled"], false);
    ASSERT_EQ(speaker["controls"].size(), 2u);
    EXPECT_EQ(speaker["controls"][0]["name"], "Speaker Playback Switch");
    EXPECT_EQ(speaker["controls"][0]["amp"]["direction"], "out");

    auto pin = find_nid(codec["pins"], 0x14);
    EXPECT_EQ(pin["default_config"], "0x90170110");
    EXPECT_EQ(pin["connectivity"], "Fixed");
    EXPECT_EQ(pin["device"], "Speaker");
    EXPECT_EQ(pin["location"], "Int N/A");
    EXPECT_EQ(pin["connection_type"], "Analog");
    EXPECT_EQ(pin["color"], "Unknown");
    EXPECT_EQ(pin["association"], 1);
    EXPECT_EQ(pin["sequence"], 0);
    EXPECT_EQ(pin["no_presence"], true);
    EXPECT_EQ(pin["pincap"], "0x00010014");
    EXPECT_EQ(pin["pin_ctls"], "0x40");
    EXPECT_EQ(pin["eapd"], "0x2");

    ASSERT_TRUE(codec["gpio"].is_object());
    EXPECT_EQ(codec["gpio"]["io"], 2);
    EXPECT_EQ(codec["gpio"]["lines"].size(), 2u);
}

TEST(HdaDumpCommand, TextSummary) {
    auto run = run_program({bin(), "hda", "dump", "--dump", report()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    for (const char* part :
         {"2 codecs", "Codec 0: Realtek ALC269VB", "vendor 0x10ec0269", "34 nodes",
          "10 Pin Complex", "0x14  0x90170110  [Fixed] Speaker at Int N/A", "GPIO: io=2",
          "Codec 3: Intel PantherPoint HDMI"})
        EXPECT_NE(run.out.find(part), std::string::npos) << part << "\n" << run.out;
}

TEST(HdaDumpCommand, CardThroughRootFromTheSysfsTree) {
    std::string root = required_env("SNDOCTOR_HDA_FIXTURES") + "/model/sysfs-root";
    auto run = run_program({bin(), "hda", "dump", "--root", root, "--card", "0", "--json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto json = nlohmann::json::parse(run.out);
    EXPECT_EQ(json["source"], "dir");
    EXPECT_EQ(json["card"], 0);
    ASSERT_EQ(json["codecs"].size(), 1u);
    EXPECT_EQ(json["codecs"][0]["path"], "/sys/bus/hdaudio/devices/hdaudioC0D0");
    EXPECT_EQ(json["codecs"][0]["name"], "Realtek ALC269VB");
    EXPECT_EQ(json["codecs"][0]["warnings"].size(), 2u);
}

TEST(HdaDumpCommand, ProblemsAreNamed) {
    testing::TempDir dir;
    std::string missing = (dir.path() / "no-such-dump").string();
    auto run = run_program({bin(), "hda", "dump", "--dump", missing});
    EXPECT_EQ(run.exit_code, 66);
    EXPECT_NE(run.err.find(missing + ": no such file"), std::string::npos) << run.err;

    std::string root = required_env("SNDOCTOR_HDA_FIXTURES") + "/model/sysfs-root";
    run = run_program({bin(), "hda", "dump", "--root", root, "--card", "3"});
    EXPECT_EQ(run.exit_code, 66);
    EXPECT_NE(run.err.find("no such card (cards: 0)"), std::string::npos) << run.err;

    run = run_program({bin(), "hda", "dump", "--dump", report(), "--card", "0"});
    EXPECT_EQ(run.exit_code, 64);
    run = run_program({bin(), "hda", "dump", "extra-argument", "--dump", report()});
    EXPECT_EQ(run.exit_code, 64);
}

}  // namespace
}  // namespace sndoctor
