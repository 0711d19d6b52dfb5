// Export and read back: the report `sndoctor report` writes for the fixture root and for the
// demo, read by the reader into a memory root, gives the same facts as the tree it came from
// (cards, card modules, codec names, kernel release, module parameters, sound modprobe options),
// and exporting that memory root again as JSON keeps them.
#include <gtest/gtest.h>

#include "checks/checks.hpp"
#include "core/root.hpp"
#include "engine/runner.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_identity.hpp"
#include "facts/modprobe_config.hpp"
#include "hda/codec_parser.hpp"
#include "report/alsa_info_reader.hpp"
#include "report/alsa_info_writer.hpp"
#include "report/collector.hpp"
#include "report/report_root.hpp"
#include "report/section_files.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

using testing::required_env;

Environment environment(const std::string& user) {
    Environment env;
    env.user = user;
    env.user_source = UserSource::option;
    env.now = 1381136148;
    return env;
}

std::string exported(const Root& root, const std::string& user) {
    Facts facts(root, environment(user));
    auto results = run_checks(checks::registry(), facts);
    return report::write_alsa_info(report::collect_report(facts, results));
}

/// The facts both trees must agree on, as one comparable text.
std::string facts_of(const Root& root) {
    Facts facts(root, environment(""));
    std::string text;
    for (const auto& card : facts.get<CardList>().cards)
        text += "card " + std::to_string(card.index) + " " + card.id + " " + card.driver + " " +
                card.module + "\n";
    text += "kernel " + facts.get<KernelIdentity>().release + "\n";
    for (const auto& card : root.list("/proc/asound")) {
        for (const auto& entry : root.list("/proc/asound/" + card.name)) {
            if (entry.name.rfind("codec#", 0) != 0)
                continue;
            std::string path = "/proc/asound/" + card.name + "/" + entry.name;
            for (const auto& codec : hda::parse_codec_dump(root.read(path).value_or(""), path))
                text += path + " " + codec.name + "\n";
        }
    }
    for (const auto& entry : facts.get<ModprobeConfig>().entries)
        if (entry.command == ModprobeCommand::options && entry.module.rfind("snd_", 0) == 0)
            text += "options " + entry.module + " " + entry.argument + "\n";
    for (const auto& module : root.list("/sys/module"))
        for (const auto& parameter : root.list("/sys/module/" + module.name + "/parameters"))
            text += module.name + "." + parameter.name + "=" +
                    root.read("/sys/module/" + module.name + "/parameters/" + parameter.name)
                        .value_or("?") +
                    "\n";
    return text;
}

void expect_round_trip(const Root& original, const std::string& user) {
    std::string text = exported(original, user);
    auto read_back =
        report::build_report_root(report::read_alsa_info(text, "exported"), "exported");
    EXPECT_TRUE(read_back.report.problems.empty()) << read_back.report.problems.front().path << ": "
                                                   << read_back.report.problems.front().reason;
    EXPECT_EQ(read_back.report.script_version, "sndoctor " SNDOCTOR_VERSION);
    std::string before = facts_of(original);
    EXPECT_NE(before.find("card "), std::string::npos);  // there is something to compare
    EXPECT_EQ(facts_of(*read_back.root), before);
    // Exported again from the memory root, the shared sections come out the same.
    std::string again = exported(*read_back.root, user);
    auto first = report::read_alsa_info(text, "first");
    auto second = report::read_alsa_info(again, "second");
    for (const char* title : {"Soundcards recognised by ALSA", "Loaded ALSA modules",
                              "HDA-Intel Codec information", "Modprobe options (Sound related)"}) {
        const auto* a = first.find(title);
        const auto* b = second.find(title);
        ASSERT_EQ(a == nullptr, b == nullptr) << title;
        if (a) {
            EXPECT_EQ(a->text, b->text) << title;
        }
    }
}

TEST(RoundTrip, FixtureWithCodec) {
    auto root = open_dir_root(
        required_env("SNDOCTOR_SOURCE_ROOT") + "/tests/report/writer/hda-laptop", RootSource::dir);
    expect_round_trip(*root, "robin");
}

// The sections made from what a report cannot hold as the system's own files (sysfs
// descriptors, the kernel log, the package database, ACPI addresses) read back into files of
// their own, and export again unchanged.
TEST(RoundTrip, SectionsOfProgramsOutputsAreCarried) {
    testing::TempDir dir;
    dir.write("proc/asound/cards",
              " 0 [Audio          ]: USB-Audio - QEMU USB Audio\n"
              "                      QEMU QEMU USB Audio at usb-0000:00:03.0-1, full speed\n");
    dir.write("proc/asound/card0/usbbus", "001/002\n");
    // QEMU's usb-audio: a device descriptor and a configuration with one AudioControl
    // interface (the first 45 bytes of tests/report/usb_descriptors_test.cpp's).
    const unsigned char descriptors[] = {
        0x12, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x40, 0xf4, 0x46, 0x02, 0x00, 0x00, 0x00, 0x01,
        0x02, 0x03, 0x01, 0x09, 0x02, 0x1b, 0x00, 0x01, 0x01, 0x04, 0xc0, 0x32, 0x09, 0x04, 0x00,
        0x00, 0x00, 0x01, 0x01, 0x04, 0x05, 0x09, 0x24, 0x01, 0x00, 0x01, 0x09, 0x00, 0x01, 0x01};
    dir.write("sys/bus/usb/devices/1-1/descriptors",
              std::string(reinterpret_cast<const char*>(descriptors), sizeof descriptors));
    dir.write("sys/bus/usb/devices/1-1/busnum", "1\n");
    dir.write("sys/bus/usb/devices/1-1/devnum", "2\n");
    dir.write("sys/bus/usb/devices/1-1/product", "QEMU USB Audio\n");
    dir.write("sys/bus/acpi/devices/device:10/adr", "0x000030025d071101\n");
    dir.write("var/lib/dpkg/status",
              "Package: alsa-utils\nStatus: install ok installed\nArchitecture: amd64\n"
              "Version: 1.2.8-1\nDescription: Utilities for configuring and using ALSA\n");
    // A copied tree carries its log the way a report read back does.
    dir.write("run/sndoctor/report/dmesg.txt",
              "[    2.000001] usb 1-1: new full-speed USB device number 2 using xhci_hcd\n"
              "[    2.500000] usbcore: registered new interface driver snd-usb-audio\n");
    auto root = open_dir_root(dir.path().string(), RootSource::dir);
    std::string text = exported(*root, "");
    auto read_back =
        report::build_report_root(report::read_alsa_info(text, "exported"), "exported");
    EXPECT_TRUE(read_back.report.problems.empty()) << read_back.report.problems.front().reason;
    std::string again = exported(*read_back.root, "");
    auto first = report::read_alsa_info(text, "first");
    auto second = report::read_alsa_info(again, "second");
    for (auto title : {report::k_soundwire_title, report::k_usb_descriptors_title,
                       report::k_dmesg_title, report::k_packages_title}) {
        const auto* a = first.find(title);
        const auto* b = second.find(title);
        ASSERT_NE(a, nullptr) << title;
        ASSERT_NE(b, nullptr) << title;
        EXPECT_FALSE(a->text.empty()) << title;
        EXPECT_EQ(a->text, b->text) << title;
    }
    // In alsa-info.sh 0.5.4's order.
    std::vector<std::string> titles;
    for (const auto& section : first.sections)
        titles.push_back(section.title);
    EXPECT_EQ(
        titles,
        (std::vector<std::string>{
            titles[0], "ACPI Device Status Information", std::string(report::k_soundwire_title),
            "Sound Servers on this system", std::string(report::k_cards_title),
            std::string(report::k_usb_descriptors_title), std::string(report::k_dmesg_title),
            std::string(report::k_packages_title), "sndoctor findings"}));
    EXPECT_NE(first.find(report::k_usb_descriptors_title)
                  ->text.find("Bus 001 Device 002: ID 46f4:0002  QEMU USB Audio\n"),
              std::string::npos);
    EXPECT_EQ(first.find(report::k_packages_title)->text,
              "ii  alsa-utils 1.2.8-1 amd64 Utilities for configuring and using ALSA\n");
}

TEST(RoundTrip, Demo) {
    auto root = open_dir_root(required_env("SNDOCTOR_DEMO"), RootSource::dir);
    expect_round_trip(*root, "alex");
}

}  // namespace
}  // namespace sndoctor
