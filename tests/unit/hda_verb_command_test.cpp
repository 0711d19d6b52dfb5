// `sndoctor hda verb|gpio|eapd` through the binary: on codecs emulated from corpus dumps (state
// carried from one command to the next through the experiment log), the refusals that need
// --force, and the live backend's error paths in a --root tree (never the host's /dev/snd).
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

std::string corpus(const std::string& name) {
    return required_env("SNDOCTOR_CORPUS") + "/hda-emu/" + name;
}

// Three codecs with two GPIOs and EAPD pins: Realtek ALC272 (speaker 0x14, headphone 0x15),
// Analog Devices AD1882 (EAPD on 0x12, off in the dump), and the ALC269VB of a report that
// holds two codecs (so it needs --codec 0).
const char* const k_alc272 = "alc272-dell-latitude-2110";
const char* const k_ad1882 = "ad1882-sparta";
const char* const k_alc269vb = "alc269vb-asus-ux31a";

/// Runs sndoctor with its emulated logs kept in `state` (XDG_STATE_HOME).
class Sndoctor {
  public:
    testing::ProgramOutput run(std::vector<std::string> args) const {
        args.insert(args.begin(), required_env("SNDOCTOR_BIN"));
        return run_program(args, {{"XDG_STATE_HOME", m_state.path().string()}});
    }
    /// `hda SUBCOMMAND --emulate DUMP ARGS...`
    testing::ProgramOutput emulate(const std::string& subcommand, const std::string& dump,
                                   std::vector<std::string> args) const {
        args.insert(args.begin(), {"hda", subcommand, "--emulate", corpus(dump)});
        return run(args);
    }
    Json emulate_json(const std::string& subcommand, const std::string& dump,
                      std::vector<std::string> args) const {
        args.push_back("--json");
        auto result = emulate(subcommand, dump, args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return Json::parse(result.out, nullptr, false);
    }
    const std::filesystem::path& state() const { return m_state.path(); }

  private:
    TempDir m_state;
};

/// The single log file under the state directory.
std::string log_text(const std::filesystem::path& state) {
    std::string text;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(state))
        if (entry.is_regular_file()) {
            std::ifstream in(entry.path());
            std::stringstream content;
            content << in.rdbuf();
            text += content.str();
        }
    return text;
}

TEST(HdaVerbCommand, ReadsParametersByNameAndNumber) {
    Sndoctor sndoctor;
    auto vendor = sndoctor.emulate("verb", k_alc272, {"0x00", "PARAMETERS", "VENDOR_ID"});
    EXPECT_EQ(vendor.exit_code, 0) << vendor.err;
    EXPECT_NE(vendor.out.find("value = 0x10ec0272"), std::string::npos) << vendor.out;
    auto gpio = sndoctor.emulate_json("verb", k_alc272, {"0x01", "get_parameters", "gpio_cap"});
    EXPECT_EQ(gpio["response"], 0x40000002u);
    EXPECT_EQ(gpio["verb_name"], "PARAMETERS");
    EXPECT_EQ(gpio["parameter_name"], "GPIO_CAP");
    EXPECT_EQ(gpio["command"], 0x001f0011u);
    EXPECT_EQ(gpio["answered"], true);
    auto numbers = sndoctor.emulate_json("verb", k_alc272, {"0x14", "0xf1c", "0"});
    EXPECT_EQ(numbers["verb_name"], "GET_CONFIG_DEFAULT");
    EXPECT_EQ(numbers["response"], 0x99130110u);
}

TEST(HdaVerbCommand, ListsTheNames) {
    Sndoctor sndoctor;
    auto list = sndoctor.run({"hda", "verb", "list"});
    EXPECT_EQ(list.exit_code, 0);
    for (const char* name : {"PARAMETERS", "SET_GPIO_DATA", "SET_CONFIG_DEFAULT_BYTES_3",
                             "SET_CODEC_RESET", "GPIO_CAP", "VENDOR_ID"})
        EXPECT_NE(list.out.find(name), std::string::npos) << name;
}

TEST(HdaVerbCommand, RetasksAPinAndReadsItBackInTheNextCommand) {
    Sndoctor sndoctor;
    // Pin 0x1a of the ALC272 is the BIOS "unused" 0x411111f0; make it a headphone jack
    // (0x0321403f) one byte at a time, each byte a command of its own.
    auto before = sndoctor.emulate_json("verb", k_alc272, {"0x1a", "GET_CONFIG_DEFAULT"});
    EXPECT_EQ(before["response"], 0x411111f0u);
    const std::vector<std::pair<std::string, std::string>> bytes = {
        {"SET_CONFIG_DEFAULT_BYTES_0", "0x3f"},
        {"SET_CONFIG_DEFAULT_BYTES_1", "0x40"},
        {"0x71e", "0x21"},
        {"0x71f", "0x03"}};
    for (const auto& [verb, byte] : bytes) {
        auto set = sndoctor.emulate("verb", k_alc272, {"0x1a", verb, byte});
        EXPECT_EQ(set.exit_code, 0) << set.err;
        EXPECT_NE(set.out.find("Logged in"), std::string::npos) << set.out;
    }
    auto after = sndoctor.emulate_json("verb", k_alc272, {"0x1a", "GET_CONFIG_DEFAULT"});
    EXPECT_EQ(after["response"], 0x0321403fu);
    // The log keeps each write with the value it replaced, for `hda persist`.
    std::string log = log_text(sndoctor.state());
    EXPECT_NE(log.find("\"name\":\"SET_CONFIG_DEFAULT_BYTES_3\",\"response\":0,\"before\":" +
                       std::to_string(0x4121403f)),
              std::string::npos)
        << log;
}

TEST(HdaVerbCommand, GpioSetAndReadBackAcrossCommands) {
    for (const char* dump : {k_alc272, k_ad1882}) {
        Sndoctor sndoctor;
        auto shown = sndoctor.emulate("gpio", dump, {});
        EXPECT_EQ(shown.exit_code, 0) << shown.err;
        EXPECT_NE(shown.out.find("io=2"), std::string::npos) << shown.out;
        EXPECT_NE(shown.out.find("IO[0]: enable=0, dir=0"), std::string::npos) << shown.out;

        auto set = sndoctor.emulate("gpio", dump, {"--set", "0=on"});
        EXPECT_EQ(set.exit_code, 0) << set.err;
        EXPECT_NE(set.out.find("GPIO 0 driven high: mask 0x00 -> 0x01, direction 0x00 -> 0x01, "
                               "data 0x00 -> 0x01"),
                  std::string::npos)
            << set.out;

        // A new command starts from the dump again and replays the log: line 0 is still on.
        auto again = sndoctor.emulate_json("gpio", dump, {});
        const Json& line0 = again["gpio"]["lines"][0];
        EXPECT_EQ(line0["enable"], true) << dump;
        EXPECT_EQ(line0["output"], true);
        EXPECT_EQ(line0["data"], true);
        EXPECT_EQ(again["gpio"]["lines"][1]["enable"], false);
        auto text = sndoctor.emulate("gpio", dump, {});
        EXPECT_NE(text.out.find("3 earlier writes replayed"), std::string::npos) << text.out;
    }
}

TEST(HdaVerbCommand, GpioWholeRegistersAndLineOff) {
    Sndoctor sndoctor;
    auto set =
        sndoctor.emulate_json("gpio", k_alc272, {"--mask", "0x3", "--dir", "0x3", "--data", "0x2"});
    ASSERT_EQ(set["changes"].size(), 1u);
    EXPECT_EQ(set["changes"][0]["after"]["mask"], 3);
    EXPECT_EQ(set["changes"][0]["after"]["data"], 2);
    auto off = sndoctor.emulate_json("gpio", k_alc272, {"--set", "1=off", "--set", "0=on"});
    ASSERT_EQ(off["changes"].size(), 2u);
    EXPECT_EQ(off["changes"][0]["after"]["data"], 0);
    EXPECT_EQ(off["changes"][1]["after"]["data"], 1);
    EXPECT_EQ(off["gpio"]["lines"][1]["enable"], true);  // off: driven low, still an output
    EXPECT_EQ(off["gpio"]["lines"][1]["data"], false);
}

TEST(HdaVerbCommand, GpioRefusesLinesTheCodecDoesNotHave) {
    Sndoctor sndoctor;
    auto refused = sndoctor.emulate("gpio", k_alc272, {"--set", "5=on"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("GPIO 5 does not exist: the codec has 2 lines"), std::string::npos)
        << refused.err;
    auto forced = sndoctor.emulate("gpio", k_alc272, {"--set", "5=on", "--force"});
    EXPECT_EQ(forced.exit_code, 0) << forced.err;
    for (auto args : std::vector<std::vector<std::string>>{{"--set", "9=on"},
                                                           {"--set", "0=maybe"},
                                                           {"--mask", "0x100"},
                                                           {"--mask", "1", "--set", "0=on"},
                                                           {"extra"}}) {
        auto bad = sndoctor.emulate("gpio", k_alc272, args);
        EXPECT_EQ(bad.exit_code, 64) << args.front();
    }
}

TEST(HdaVerbCommand, EapdTogglesAndPersists) {
    Sndoctor sndoctor;
    auto off = sndoctor.emulate("eapd", k_alc272, {"0x14", "off"});
    EXPECT_EQ(off.exit_code, 0) << off.err;
    EXPECT_NE(off.out.find("EAPD of node 0x14: on -> off (EAPD/BTL register 0x02 -> 0x00)"),
              std::string::npos)
        << off.out;
    auto shown = sndoctor.emulate_json("eapd", k_alc272, {"0x14"});
    EXPECT_EQ(shown["eapd"], false);
    EXPECT_EQ(shown["after"], 0);
    auto on = sndoctor.emulate_json("eapd", k_alc272, {"0x14", "on"});
    EXPECT_EQ(on["before"], 0);
    EXPECT_EQ(on["after"], 2);
    EXPECT_EQ(on["kept"], true);

    auto ad = sndoctor.emulate_json("eapd", k_ad1882, {"0x12", "on"});
    EXPECT_EQ(ad["before"], 0);
    EXPECT_EQ(ad["eapd"], true);
}

TEST(HdaVerbCommand, EapdRefusedOnAPinWithoutTheCapability) {
    Sndoctor sndoctor;
    auto refused = sndoctor.emulate("eapd", k_alc272, {"0x18", "on"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("has no EAPD capability"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("--force"), std::string::npos);
    auto forced = sndoctor.emulate("eapd", k_alc272, {"0x18", "on", "--force"});
    EXPECT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_EQ(sndoctor.emulate("eapd", k_alc272, {"0x14", "sideways"}).exit_code, 64);
}

TEST(HdaVerbCommand, RefusesResetPowerDownAndMissingNodesWithoutForce) {
    Sndoctor sndoctor;
    struct Case {
        std::vector<std::string> args;
        const char* reason;
    };
    for (const Case& c : {Case{{"0x01", "SET_CODEC_RESET"}, "SET_CODEC_RESET"},
                          Case{{"0x01", "SET_POWER_STATE", "3"}, "powers the whole function"},
                          Case{{"0x01", "0x705", "4"}, "D3cold"},
                          Case{{"0x50", "GET_CONFIG_DEFAULT"}, "node 0x50 does not exist"},
                          Case{{"0x50", "0x71c", "0x10"}, "node 0x50 does not exist"}}) {
        auto refused = sndoctor.emulate("verb", k_alc269vb, [&] {
            auto args = c.args;
            args.insert(args.begin(), {"--codec", "0"});
            return args;
        }());
        EXPECT_EQ(refused.exit_code, 1) << c.reason;
        EXPECT_NE(refused.err.find(c.reason), std::string::npos) << refused.err;
        EXPECT_NE(refused.err.find("--force"), std::string::npos) << refused.err;
    }
    // Nothing refused was sent: the log holds only the reads that found the nodes.
    EXPECT_EQ(log_text(sndoctor.state()).find("SET_"), std::string::npos);
    auto forced =
        sndoctor.emulate("verb", k_alc269vb, {"--codec", "0", "0x01", "0x7ff", "--force"});
    EXPECT_EQ(forced.exit_code, 0) << forced.err;
    // Powering a widget (not the function group) down is the user's business.
    auto widget = sndoctor.emulate("verb", k_alc269vb, {"--codec", "0", "0x14", "0x705", "3"});
    EXPECT_EQ(widget.exit_code, 0) << widget.err;
}

TEST(HdaVerbCommand, UsageErrorsForVerbsOutOfRange) {
    Sndoctor sndoctor;
    for (auto args : std::vector<std::vector<std::string>>{{"0x80", "0xf00", "0"},
                                                           {"0x14", "0x1000"},
                                                           {"0x14", "0xf1c", "0x100"},
                                                           {"0x14", "0x300", "0x10000"},
                                                           {"0x14", "SET_GPIO"},
                                                           {"0x14", "NOT_A_VERB"},
                                                           {"0x14", "0x715", "GPIO_CAP"},
                                                           {"0x14"}}) {
        auto bad = sndoctor.emulate("verb", k_alc272, args);
        EXPECT_EQ(bad.exit_code, 64) << args.back();
        EXPECT_FALSE(bad.err.empty());
    }
    auto two_codecs = sndoctor.emulate("verb", k_alc269vb, {"0x01", "PARAMETERS", "0"});
    EXPECT_EQ(two_codecs.exit_code, 64);
    EXPECT_NE(two_codecs.err.find("--codec"), std::string::npos) << two_codecs.err;
}

TEST(HdaVerbCommand, AnEditedDumpStartsAFreshSession) {
    Sndoctor sndoctor;
    TempDir dumps;
    std::ifstream in(corpus(k_alc272));
    std::stringstream text;
    text << in.rdbuf();
    auto copy = dumps.write("codec.txt", text.str());
    auto run = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"hda", "gpio", "--emulate", copy.string(), "--json"});
        return Json::parse(sndoctor.run(args).out, nullptr, false);
    };
    run({"--set", "1=on"});
    EXPECT_EQ(run({})["gpio"]["lines"][1]["data"], true);
    dumps.write("codec.txt", text.str() + "\n");  // another fingerprint
    EXPECT_EQ(run({})["gpio"]["lines"][1]["data"], false);
}

TEST(HdaVerbCommand, WithoutAStateDirectoryChangesAreNotKept) {
    TempDir dir;
    auto not_a_directory = dir.write("state", "a file where the state directory would be\n");
    auto run = [&](std::vector<std::string> args) {
        args.insert(args.begin(),
                    {required_env("SNDOCTOR_BIN"), "hda", "gpio", "--emulate", corpus(k_alc272)});
        return run_program(args, {{"XDG_STATE_HOME", not_a_directory.string()}});
    };
    auto set = run({"--set", "0=on"});
    EXPECT_EQ(set.exit_code, 0) << set.err;
    EXPECT_NE(set.out.find("this session's changes are not kept"), std::string::npos) << set.out;
    EXPECT_NE(set.out.find("IO[0]: enable=1, dir=1"), std::string::npos) << set.out;
    EXPECT_NE(run({}).out.find("IO[0]: enable=0, dir=0"), std::string::npos);
}

TEST(HdaVerbCommand, LiveErrorPathsInARootTree) {
    Sndoctor sndoctor;
    TempDir root;
    root.write("proc/asound/cards", "");
    auto missing = sndoctor.run(
        {"hda", "verb", "--root", root.path().string(), "0x01", "PARAMETERS", "VENDOR_ID"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("/dev/snd/hwC0D0: no such hwdep device"), std::string::npos)
        << missing.err;
    EXPECT_NE(missing.err.find("CONFIG_SND_HDA_HWDEP"), std::string::npos);

    root.write("dev/snd/hwC1D2", "a regular file\n");
    auto not_hwdep = sndoctor.run(
        {"hda", "gpio", "--root", root.path().string(), "--card", "1", "--codec", "2"});
    EXPECT_EQ(not_hwdep.exit_code, 2);
    EXPECT_NE(not_hwdep.err.find("is not an HD-Audio hwdep device"), std::string::npos)
        << not_hwdep.err;
    // Nothing was sent, so no log was started.
    EXPECT_FALSE(std::filesystem::exists(root.path() / "var/lib/sndoctor"));

    // A link that leads out of the root is followed inside it: no host device is opened.
    std::filesystem::create_symlink("/dev/null", root.path() / "dev/snd/hwC0D1");
    auto escaped =
        sndoctor.run({"hda", "eapd", "--root", root.path().string(), "--codec", "1", "0x14", "on"});
    EXPECT_EQ(escaped.exit_code, 2);
    EXPECT_NE(escaped.err.find("no such hwdep device"), std::string::npos) << escaped.err;
}

TEST(HdaVerbCommand, HelpAndManualNameTheCommands) {
    Sndoctor sndoctor;
    auto help = sndoctor.run({"--help"});
    for (const char* word : {"hda verb", "hda gpio", "hda eapd", "--emulate", "--force"})
        EXPECT_NE(help.out.find(word), std::string::npos) << word;
    std::ifstream man(required_env("SNDOCTOR_SOURCE_ROOT") + "/man/sndoctor.1");
    std::stringstream page;
    page << man.rdbuf();
    for (const char* word : {"hda verb ", "hda gpio", "hda eapd ", "experiment"})
        EXPECT_NE(page.str().find(word), std::string::npos) << word;
}

}  // namespace
}  // namespace sndoctor
