// `sndoctor report` through the built binary: the alsa-info text and the JSON of the fixture
// root and the demo, -o FILE, --anonymize (no original left anywhere, in text or JSON) and the
// usage errors.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/unique_fd.hpp"
#include "file_text.hpp"
#include "run_program.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

using testing::read_file;

using testing::required_env;
using testing::run_program;

std::string bin() {
    return required_env("SNDOCTOR_BIN");
}

std::string fixture() {
    return required_env("SNDOCTOR_SOURCE_ROOT") + "/tests/report/writer/hda-laptop";
}

/// What the fixture holds that names its owner or the machine (tests/report/writer/hda-laptop:
/// etc/passwd, etc/hostname, sys/class/dmi/id, sys/bus/usb/devices/1-4/serial, and a MAC in
/// etc/asound.conf, in both its spellings).
const std::vector<std::string> k_originals = {
    "robin",      "kestrel-laptop",    "C3N0AS123456789",  "BSN12345678901", "4c4c4544-0042-3610",
    "DAC0042XYZ", "00:1A:7D:DA:71:13", "00:1a:7d:da:71:13"};

TEST(ReportCommand, AlsaInfoTextOfTheFixture) {
    auto run = run_program({bin(), "report", "--root", fixture(), "--user", "robin"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out.rfind("!!################################\n!!ALSA Information Script v "
                            "sndoctor ",
                            0),
              0u);
    EXPECT_NE(run.out.find("\n!!Soundcards recognised by ALSA\n!!-----------------------------\n"
                           "\n 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n"),
              std::string::npos);
    EXPECT_NE(run.out.find("!!HDA-Intel Codec information\n!!---------------------------\n"
                           "--startcollapse--\n\nCodec: Realtek ALC269VB\n"),
              std::string::npos);
    EXPECT_NE(run.out.find("\n--endcollapse--\n"), std::string::npos);
    EXPECT_NE(run.out.find("!!Loaded sound module options\n!!---------------------------\n\n"
                           "!!Module: snd_hda_intel\n\tmodel : asus-zenbook\n"),
              std::string::npos);
    EXPECT_NE(run.out.find("\n!!sndoctor findings\n!!-----------------\n\n"), std::string::npos);
    // Without --anonymize, the fixture's private values are there (so the test below means
    // something).
    for (const auto& original : {"robin", "kestrel-laptop", "00:1A:7D:DA:71:13"})
        EXPECT_NE(run.out.find(original), std::string::npos) << original;
}

TEST(ReportCommand, JsonOfTheFixture) {
    auto run =
        run_program({bin(), "report", "--root", fixture(), "--user", "robin", "--format", "json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto json = nlohmann::json::parse(run.out);
    EXPECT_EQ(json["schema"], "sndoctor.report/1");
    EXPECT_EQ(json["source"], "dir");
    EXPECT_EQ(json["root"], fixture());
    EXPECT_EQ(json["script_version"], "sndoctor " + json["tool_version"].get<std::string>());
    std::map<std::string, nlohmann::json> sections;
    for (const auto& section : json["sections"]) {
        ASSERT_TRUE(section["text"].is_string());
        sections[section["title"]] = section;
    }
    const auto& cards = sections["Soundcards recognised by ALSA"];
    EXPECT_EQ(cards["type"], "cards");
    ASSERT_EQ(cards["cards"].size(), 1u);
    EXPECT_EQ(cards["cards"][0]["id"], "PCH");
    EXPECT_EQ(cards["cards"][0]["driver"], "HDA-Intel");
    const auto& modules = sections["Loaded ALSA modules"];
    EXPECT_EQ(modules["type"], "card_modules");
    EXPECT_EQ(modules["modules"][0]["module"], "snd_hda_intel");
    EXPECT_EQ(modules["modules"][0]["card"], 0);
    const auto& options = sections["Modprobe options (Sound related)"];
    EXPECT_EQ(options["type"], "modprobe_options");
    EXPECT_EQ(options["options"][0]["module"], "snd_hda_intel");
    EXPECT_EQ(options["options"][0]["options"], "model=asus-zenbook power_save=1");
    const auto& parameters = sections["Loaded sound module options"];
    EXPECT_EQ(parameters["type"], "module_parameters");
    EXPECT_EQ(parameters["modules"][0]["parameters"]["model"], "asus-zenbook");
    const auto& codecs = sections["HDA-Intel Codec information"];
    EXPECT_EQ(codecs["type"], "codecs");
    ASSERT_EQ(codecs["codecs"].size(), 1u);
    EXPECT_EQ(codecs["codecs"][0]["name"], "Realtek ALC269VB");
    EXPECT_EQ(codecs["codecs"][0]["vendor_id"], "0x10ec0269");
    EXPECT_EQ(codecs["codecs"][0]["subsystem_id"], "0x10431517");
    EXPECT_GT(codecs["codecs"][0]["pins"].size(), 0u);
    EXPECT_EQ(sections["DMI Information"]["type"], "text");
    // The check results are those of `check --json`, field for field.
    auto check = run_program({bin(), "check", "--root", fixture(), "--user", "robin", "--json"});
    auto check_json = nlohmann::json::parse(check.out);
    ASSERT_EQ(json["checks"].size(), check_json["checks"].size());
    for (std::size_t i = 0; i < json["checks"].size(); ++i) {
        auto report_check = json["checks"][i];
        auto check_check = check_json["checks"][i];
        report_check.erase("duration_ms");
        check_check.erase("duration_ms");
        EXPECT_EQ(report_check, check_check);
    }
    EXPECT_EQ(json["counts"], check_json["counts"]);
}

TEST(ReportCommand, AnonymizeLeavesNoOriginalInTextOrJson) {
    for (const char* format : {"alsa-info", "json"}) {
        auto run = run_program({bin(), "report", "--root", fixture(), "--user", "robin", "--format",
                                format, "--anonymize"},
                               {{"USER", "robin"}, {"SUDO_USER", "kestrel-admin"}});
        ASSERT_EQ(run.exit_code, 0) << run.err;
        for (const auto& original : k_originals)
            EXPECT_EQ(run.out.find(original), std::string::npos) << format << ": " << original;
        EXPECT_NE(run.out.find("<user-1>"), std::string::npos) << format;
        EXPECT_NE(run.out.find("<host-1>"), std::string::npos) << format;
        EXPECT_NE(run.out.find("<mac-1>"), std::string::npos) << format;
        EXPECT_NE(run.out.find("<serial-"), std::string::npos) << format;
        EXPECT_NE(run.out.find("<uuid-1>"), std::string::npos) << format;
        // The rest of the report is untouched.
        EXPECT_NE(run.out.find("Realtek ALC269VB"), std::string::npos) << format;
    }
}

TEST(ReportCommand, AnonymizeGivesOnePlaceholderPerOriginal) {
    auto run =
        run_program({bin(), "report", "--root", fixture(), "--user", "robin", "--anonymize"}, {});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    // robin is named in etc/asound.conf and ~/.asoundrc: one placeholder for both, and none
    // other for users.
    auto conf = run.out.find("!!System wide config file (/etc/asound.conf)");
    ASSERT_NE(conf, std::string::npos);
    EXPECT_NE(run.out.find("# <user-1> set this up on <host-1>", conf), std::string::npos);
    EXPECT_NE(run.out.find("# <user-1>: "), std::string::npos);
    EXPECT_EQ(run.out.find("<user-2>"), std::string::npos);
}

TEST(ReportCommand, OutputFileHoldsWhatStdoutWouldShow) {
    testing::TempDir dir;
    auto file = dir.path() / "alsa-info.txt";
    auto to_file = run_program({bin(), "report", "--demo", "-o", file.string()});
    ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
    EXPECT_EQ(to_file.out, "");
    auto to_stdout = run_program({bin(), "report", "--demo"});
    // The two runs differ in their time line only.
    auto without_time = [](std::string text) {
        auto at = text.find("!!Script ran on: ");
        return text.erase(at, text.find('\n', at) - at);
    };
    EXPECT_EQ(without_time(read_file(file)), without_time(to_stdout.out));
    EXPECT_NE(to_stdout.out.find("VirMIDI"), std::string::npos);
    // No temporary file is left beside it.
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                            std::filesystem::directory_iterator()),
              1);
}

TEST(ReportCommand, ReExportsAReportItRead) {
    testing::TempDir dir;
    auto file = dir.path() / "alsa-info.txt";
    auto written =
        run_program({bin(), "report", "--root", fixture(), "--user", "robin", "-o", file.string()});
    ASSERT_EQ(written.exit_code, 0) << written.err;
    auto run = run_program({bin(), "report", "--report", file.string(), "--format", "json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto json = nlohmann::json::parse(run.out);
    EXPECT_EQ(json["source"], "report");
    EXPECT_EQ(json["root"], file.string());
    std::map<std::string, nlohmann::json> sections;
    for (const auto& section : json["sections"])
        sections[section["title"]] = section;
    EXPECT_EQ(sections["Soundcards recognised by ALSA"]["cards"][0]["id"], "PCH");
    EXPECT_EQ(sections["HDA-Intel Codec information"]["codecs"][0]["name"], "Realtek ALC269VB");
    EXPECT_EQ(sections["Loaded sound module options"]["modules"][0]["parameters"]["model"],
              "asus-zenbook");
    EXPECT_EQ(sections["Modprobe options (Sound related)"]["options"][0]["options"],
              "model=asus-zenbook power_save=1");
    // What a report cannot say about its machine is left out, not made up.
    EXPECT_EQ(sections.count("Sound Servers on this system"), 0u);
}

TEST(ReportCommand, OutputToAPipeOrDeviceIsWrittenIntoNotReplaced) {
    // `-o /dev/null` or a fifo: an atomic rename would leave a regular file in the node's place
    // (this once turned a machine's /dev/null into a file). A fifo stands in for the device; it
    // is held open read-write here, so the program's open never waits and the demo's report
    // (5 KiB) fits the pipe's buffer.
    testing::TempDir dir;
    auto fifo = dir.path() / "pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    UniqueFd held(::open(fifo.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC));
    ASSERT_TRUE(held);
    auto run = run_program({bin(), "report", "--demo", "-o", fifo.string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    struct stat st {};
    ASSERT_EQ(::stat(fifo.c_str(), &st), 0);
    EXPECT_TRUE(S_ISFIFO(st.st_mode)) << "the fifo was replaced";
    std::string received(65536, '\0');
    ssize_t got = ::read(held.get(), received.data(), received.size());
    received.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    EXPECT_NE(received.find("!!Soundcards recognised by ALSA"), std::string::npos);
}

TEST(ReportCommand, UsageErrors) {
    auto format = run_program({bin(), "report", "--format", "xml"});
    EXPECT_EQ(format.exit_code, 64);
    EXPECT_NE(format.err.find("--format is alsa-info or json"), std::string::npos);
    auto stray = run_program({bin(), "check", "--anonymize"});
    EXPECT_EQ(stray.exit_code, 64);
    auto unwritable = run_program({bin(), "report", "--demo", "-o", "/nonexistent-dir/r.txt"});
    EXPECT_NE(unwritable.exit_code, 0);
    EXPECT_NE(unwritable.err.find("/nonexistent-dir"), std::string::npos) << unwritable.err;
}

}  // namespace
}  // namespace sndoctor
