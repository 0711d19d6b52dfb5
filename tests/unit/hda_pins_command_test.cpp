// `sndoctor hda pins` through the binary, on the example of the FreeBSD snd_hda(4) manual: an
// HP Compaq DX2300 with a Realtek ALC888 whose pins 0x14-0x1f carry the manual's values
// (tests/hda/pins/alc888-hp-dx2300 is a made-up /proc dump around them; its subsystem id is
// invented, and nodes 0x11, 0x12 and 0x1d, absent from the manual's pin list, are not pins).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "run_program.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

using testing::required_env;
using testing::run_program;
using testing::TempDir;
using Json = nlohmann::json;
using Lines = std::vector<std::string>;

std::string dx2300() {
    return required_env("SNDOCTOR_HDA_FIXTURES") + "/pins/alc888-hp-dx2300";
}

testing::ProgramOutput pins(std::vector<std::string> args) {
    args.insert(args.begin(), {required_env("SNDOCTOR_BIN"), "hda", "pins"});
    return run_program(args);
}

Json pins_json(std::vector<std::string> args) {
    args.push_back("--json");
    auto run = pins(args);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return Json::parse(run.out);
}

/// The associations as the manual lists them: "as 1 out: 21/0 27/15" (decimal nid/sequence).
Lines associations(const Json& codec) {
    Lines lines;
    for (const auto& association : codec["associations"]) {
        std::string line = "as " + std::to_string(association["number"].get<int>()) + " " +
                           (association["direction"] == "playback" ? "out" : "in") + ":";
        for (const auto& pin : association["pins"])
            line += " " + std::to_string(pin["nid"].get<int>()) + "/" +
                    std::to_string(pin["sequence"].get<int>());
        lines.push_back(line);
    }
    return lines;
}

/// The devices as "pcm0: as 1 + as 3" by association number.
Lines devices(const Json& codec) {
    Lines lines;
    auto number = [&](const Json& slot) {
        return slot.is_null()
                   ? std::string("-")
                   : "as " + std::to_string(
                                 codec["associations"][slot.get<int>()]["number"].get<int>());
    };
    for (const auto& device : codec["devices"])
        lines.push_back("pcm" + std::to_string(device["index"].get<int>()) + ": " +
                        number(device["playback"]) + " + " + number(device["capture"]));
    return lines;
}

TEST(HdaPinsCommand, GroupsTheManualsDx2300AsTheManualDoes) {
    Json document = pins_json({"--dump", dx2300()});
    EXPECT_EQ(document["schema"], "sndoctor.hda-pins/1");
    ASSERT_EQ(document["codecs"].size(), 1u);
    const Json& codec = document["codecs"][0];
    EXPECT_EQ(codec["name"], "Realtek ALC888");
    // snd_hda(4): "Association 0 (1) out: Pin nid=21 seq=0, Pin nid=27 seq=15; Association 1
    // (2) out: Pin nid=20 seq=0; Association 2 (3) in: Pin nid=24 seq=0, Pin nid=26 seq=1,
    // Pin nid=25 seq=15".
    EXPECT_EQ(associations(codec),
              (Lines{"as 1 out: 21/0 27/15", "as 2 out: 20/0", "as 3 in: 24/0 26/1 25/15"}));
    // "association #0 (1) will become pcm0 device playback, using the internal speakers and
    // Headphones jack with speaker automute ... #1 (2) will become pcm1 playback ... #2 (3)
    // will become pcm0 recording".
    EXPECT_EQ(devices(codec), (Lines{"pcm0: as 1 + as 3", "pcm1: as 2 + -"}));
    EXPECT_EQ(codec["associations"][0]["headphone_redirect"], 0);
    EXPECT_EQ(codec["associations"][2]["mixed"], true);
    // "Pins with nids 22, 23, 28, 30 and 31 will be disabled by driver due to None
    // connectivity."
    std::vector<int> skipped;
    for (const auto& pin : codec["skipped"]) {
        skipped.push_back(pin["nid"]);
        EXPECT_EQ(pin["reason"], "connectivity None");
    }
    EXPECT_EQ(skipped, (std::vector<int>{22, 23, 28, 30, 31}));
    EXPECT_TRUE(codec["warnings"].empty()) << codec["warnings"].dump();
}

TEST(HdaPinsCommand, JsonPinsCarryTheDecodedFields) {
    const Json codec = pins_json({"--dump", dx2300()})["codecs"][0];
    ASSERT_EQ(codec["pins"].size(), 11u);
    const Json& speaker = codec["pins"][1];
    EXPECT_EQ(speaker["nid"], 21);
    EXPECT_EQ(speaker["value"], "0x99130110");
    EXPECT_EQ(speaker["connectivity"]["freebsd"], "Fixed");
    EXPECT_EQ(speaker["location"]["freebsd"], "Onboard");
    EXPECT_EQ(speaker["location"]["linux"], "Int ATAPI");
    EXPECT_EQ(speaker["connection_type"]["linux"], "ATAPI");
    EXPECT_EQ(speaker["no_presence"], true);
    EXPECT_EQ(speaker["linux"], "[Fixed] Speaker at Int ATAPI");
    EXPECT_FALSE(speaker.contains("changed_from"));
}

TEST(HdaPinsCommand, PrintsTheTableAndTheGrouping) {
    auto run = pins({"--dump", dx2300()});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_TRUE(run.err.empty()) << run.err;
    // The manual's pin list, row by row (nid 20 0x01014020 as 2 seq 0 Line-out Jack jack 1
    // loc 1 color Green misc 0, ...), with names for the connector and location.
    for (const char* row :
         {"  0x14  0x01014020   2   0  Line-out      Jack  1/8     Rear       Green      0\n",
          "  0x15  0x99130110   1   0  Speaker       Fixed ATAPI   Onboard    Unknown    1\n",
          "  0x16  0x411111f0  15   0  Speaker       None  1/8     Rear       Black      1\n",
          "  0x18  0x01a19830   3   0  Mic           Jack  1/8     Rear       Pink       8\n",
          "  0x19  0x02a1983f   3  15  Mic           Jack  1/8     Front      Pink       8\n",
          "  0x1a  0x01813031   3   1  Line-in       Jack  1/8     Rear       Blue       0\n",
          "  0x1b  0x0221401f   1  15  Headphones    Jack  1/8     Front      Green      0\n",
          "    as 1  playback 0x15 Speaker seq 0, 0x1b Headphones seq 15\n",
          "the headphones at 0x1b play what 0x15 plays and mute it when plugged in\n",
          "    as 2  playback 0x14 Line-out seq 0\n",
          "    as 3  capture  0x18 Mic seq 0, 0x1a Line-in seq 1, 0x19 Mic seq 15\n",
          "    pcm0  playback as 1, capture as 3\n", "    pcm1  playback as 2\n",
          "  Not grouped (connectivity None): 0x16 0x17 0x1c 0x1e 0x1f\n"})
        EXPECT_NE(run.out.find(row), std::string::npos) << row << "in:\n" << run.out;
}

TEST(HdaPinsCommand, HintsChangeThePinsBeforeGrouping) {
    // snd_hda(4) Example 2, given as a hint line of device.hints, a FreeBSD nid and a Linux
    // one: a headset on the front jacks gets a device of its own.
    Json document = pins_json({"--dump", dx2300(),
                               "hint.hdac.0.cad0.nid20.config=\"as=1 seq=15 device=Headphones\"",
                               "nid27=as=2 seq=0", "0x19=as=4 seq=0"});
    const Json& codec = document["codecs"][0];
    EXPECT_EQ(associations(codec), (Lines{"as 1 out: 21/0 20/15", "as 2 out: 27/0",
                                          "as 3 in: 24/0 26/1", "as 4 in: 25/0"}));
    EXPECT_EQ(devices(codec), (Lines{"pcm0: as 1 + as 3", "pcm1: as 2 + as 4"}));
    const Json& line_out = codec["pins"][0];
    EXPECT_EQ(line_out["value"], "0x0121401f");
    EXPECT_EQ(line_out["changed_from"], "0x01014020");
}

TEST(HdaPinsCommand, ManualExample3AndExample4ThroughTheCommandLine) {
    Json three =
        pins_json({"--dump", dx2300(), "nid20=as=1 seq=0", "nid26=as=2 seq=0", "nid27=as=3 seq=0",
                   "nid25=as=4 seq=0", "nid24=as=5 seq=0 device=Line-out", "nid21=as=6 seq=0"});
    EXPECT_EQ(devices(three["codecs"][0]), (Lines{"pcm0: as 1 + as 2", "pcm1: as 3 + as 4",
                                                  "pcm2: as 5 + -", "pcm3: as 6 + -"}));
    Json four =
        pins_json({"--dump", dx2300(), "nid20=as=1 seq=0", "nid24=as=1 seq=1 device=Line-out",
                   "nid26=as=1 seq=2 device=Line-out", "nid21=as=2 seq=0"});
    EXPECT_EQ(associations(four["codecs"][0]),
              (Lines{"as 1 out: 20/0 24/1 26/2 27/15", "as 2 out: 21/0", "as 3 in: 25/15"}));
    EXPECT_EQ(devices(four["codecs"][0]), (Lines{"pcm0: as 1 + as 3", "pcm1: as 2 + -"}));
}

TEST(HdaPinsCommand, AnUnknownHintKeyIsAWarningAndTheRunGoesOn) {
    auto run = pins({"--dump", dx2300(), "0x14=as=1 colour=Red"});
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_NE(run.err.find("sndoctor: warning: hint for 0x14: unknown key 'colour' ignored"),
              std::string::npos)
        << run.err;
    EXPECT_NE(run.out.find("  hint 0x14=as=1 colour=Red: 0x01014020 -> 0x01014010\n"),
              std::string::npos)
        << run.out;
    Json document = pins_json({"--dump", dx2300(), "0x14=as=1 colour=Red"});
    ASSERT_EQ(document["codecs"][0]["warnings"].size(), 1u);
    EXPECT_EQ(document["codecs"][0]["warnings"][0]["path"], "hint for 0x14");
}

TEST(HdaPinsCommand, BadHintsAreUsageErrorsNamingWhatWasWrong) {
    struct Case {
        std::string hint;
        std::string message;
    };
    for (const auto& [hint, message] : std::vector<Case>{
             {"0x14=as=16", "hint for 0x14: 'as=16': as takes 0-15"},
             {"0x14=device=Headphone", "not a device type"},
             {"0x14=", "an empty pin hint"},
             {"0x30=as=1", "has no pin 0x30 (its pins: 0x14 0x15"},
             {"pin20=as=1", "is not a node id"},
             {"as1", "pins takes hints as NID=SPEC"},
             {"hint.hdac.0.cad2.nid20.config=\"as=1\"", "is for the codec at address 2"},
             {"hint.hdaa.0.config=\"as=1\"", "is not a pin hint"}}) {
        auto run = pins({"--dump", dx2300(), hint});
        EXPECT_EQ(run.exit_code, 64) << hint;
        EXPECT_NE(run.err.find(message), std::string::npos) << hint << ": " << run.err;
        EXPECT_TRUE(run.out.empty()) << hint;
    }
}

TEST(HdaPinsCommand, HintsNeedOneCodecWhenTheDumpHasSeveral) {
    std::ifstream in(dx2300());
    std::stringstream text;
    text << in.rdbuf();
    std::string second = text.str();
    second.replace(second.find("Address: 0"), 10, "Address: 2");
    TempDir dir;
    auto two = dir.write("two-codecs", text.str() + second).string();

    auto all = pins_json({"--dump", two});
    EXPECT_EQ(all["codecs"].size(), 2u);
    auto ambiguous = pins({"--dump", two, "0x14=as=1"});
    EXPECT_EQ(ambiguous.exit_code, 64);
    EXPECT_NE(ambiguous.err.find("--codec"), std::string::npos) << ambiguous.err;
    auto chosen = pins_json({"--dump", two, "--codec", "2", "0x14=as=1"});
    ASSERT_EQ(chosen["codecs"].size(), 1u);
    EXPECT_EQ(chosen["codecs"][0]["address"], 2);
    EXPECT_EQ(chosen["codecs"][0]["pins"][0]["value"], "0x01014010");
}

TEST(HdaPinsCommand, AMissingDumpIsAnInputError) {
    TempDir dir;
    auto run = pins({"--dump", (dir.path() / "absent").string()});
    EXPECT_EQ(run.exit_code, 66);
    EXPECT_NE(run.err.find("absent"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace sndoctor
