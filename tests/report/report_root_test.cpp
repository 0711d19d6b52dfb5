// A report read back into files: each section becomes the file(s) section_files.hpp names, in the
// format the facts parse on a live system; the codec section splits per codec and card; 0.5.x's
// `uname -v` release is not taken for the release. Through the binary: `check --report --json` on
// two corpus reports names the report as its source and finds the card in /proc/asound/cards.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_identity.hpp"
#include "report/alsa_info_reader.hpp"
#include "report/report_root.hpp"
#include "report/section_files.hpp"
#include "run_program.hpp"
#include "temp_dir.hpp"

namespace sndoctor::report {
namespace {

// Two HD-Audio cards (codecs at 0 and 1 on card 0, then 0 on card 1) and every shared section.
const std::string k_report = R"(upload=true&script=true&cardinfo=
!!################################
!!ALSA Information Script v 0.4.60
!!################################

!!Kernel Information
!!------------------

Kernel release:    3.2.0-4-amd64

!!ALSA Version
!!------------

Driver version:     k3.2.0-4-amd64

!!Loaded ALSA modules
!!-------------------

snd_hda_intel
snd_hda_intel

!!Soundcards recognised by ALSA
!!-----------------------------

 0 [PCH            ]: HDA-Intel - HDA Intel PCH
                      HDA Intel PCH at 0xf7e30000 irq 35
 1 [NVidia         ]: HDA-Intel - HDA NVidia
                      HDA NVidia at 0xf7080000 irq 17

!!Modprobe options (Sound related)
!!--------------------------------

snd-hda-intel: model=auto index=1,0
snd-pcsp: index=-2

!!Loaded sound module options
!!--------------------------

!!Module: snd_hda_intel
	power_save : 1
	bdl_pos_adj :
1,-1,-1
-ne 	
single_cmd : N

!!HDA-Intel Codec information
!!---------------------------
--startcollapse--

Codec: Realtek ALC269VC
Address: 0
Vendor Id: 0x10ec0269
Codec: Conexant ID 2c06
Address: 1
Vendor Id: 0x14f12c06
Codec: Nvidia GPU 14 HDMI/DP
Address: 0
Vendor Id: 0x10de0014
--endcollapse--

!!ALSA Device nodes
!!-----------------

crw-rw---- 1 root audio 116, 7 Nov 16 16:34 /dev/snd/controlC0

!!Aplay/Arecord output
!!------------

APLAY

!!Amixer output
!!-------------

!!-------Mixer controls for card 0 [PCH]

Card hw:0 'PCH'/'HDA Intel PCH at 0xf7e30000 irq 35'

!!Alsactl output
!!-------------

--startcollapse--
state.PCH {
}
--endcollapse--

!!All Loaded Modules
!!------------------

Module
snd_hda_intel
snd

!!Sysfs Files
!!-----------

/sys/class/sound/hwC0D0/init_pin_configs:
0x12 0x90a60140
0x14 0x90170110

/sys/class/sound/hwC0D0/user_pin_configs:

)";

std::string file(const Root& root, std::string_view path) {
    auto text = root.read(path);
    return text ? *text : "<missing " + std::string(path) + ">";
}

TEST(ReportRoot, EverySharedSectionBecomesItsFiles) {
    ReportRoot loaded = build_report_root(read_alsa_info(k_report, "r.txt"), "r.txt");
    const Root& root = *loaded.root;
    EXPECT_TRUE(loaded.report.problems.empty()) << loaded.report.problems[0].reason;
    EXPECT_EQ(root.source(), RootSource::report);
    EXPECT_EQ(file(root, "/proc/sys/kernel/osrelease"), "3.2.0-4-amd64\n");
    EXPECT_EQ(file(root, "/proc/asound/version"),
              "Advanced Linux Sound Architecture Driver Version k3.2.0-4-amd64.\n");
    EXPECT_EQ(file(root, "/proc/asound/card0/id"), "PCH\n");
    EXPECT_EQ(file(root, "/proc/asound/card1/id"), "NVidia\n");
    EXPECT_EQ(file(root, "/proc/asound/modules"), " 0 snd_hda_intel\n 1 snd_hda_intel\n");
    std::string conf = file(root, k_modprobe_conf_path);
    EXPECT_NE(
        conf.find("\noptions snd-hda-intel model=auto index=1,0\noptions snd-pcsp index=-2\n"),
        std::string::npos)
        << conf;
    EXPECT_EQ(file(root, "/sys/module/snd_hda_intel/parameters/power_save"), "1\n");
    EXPECT_EQ(file(root, "/sys/module/snd_hda_intel/parameters/bdl_pos_adj"), "1,-1,-1\n");
    // Written by a shell whose echo printed "-ne" (a 0.4.x script run by sh).
    EXPECT_EQ(file(root, "/sys/module/snd_hda_intel/parameters/single_cmd"), "N\n");
    EXPECT_EQ(file(root, "/sys/module/snd_hda_intel/initstate"), "live\n");
    EXPECT_EQ(file(root, "/proc/asound/card0/codec#0"),
              "Codec: Realtek ALC269VC\nAddress: 0\nVendor Id: 0x10ec0269\n");
    EXPECT_EQ(file(root, "/proc/asound/card0/codec#1"),
              "Codec: Conexant ID 2c06\nAddress: 1\nVendor Id: 0x14f12c06\n");
    EXPECT_EQ(file(root, "/proc/asound/card1/codec#0"),
              "Codec: Nvidia GPU 14 HDMI/DP\nAddress: 0\nVendor Id: 0x10de0014\n");
    EXPECT_EQ(file(root, "/proc/modules"),
              "snd 0 0 - Live 0x0000000000000000\nsnd_hda_intel 0 0 - Live 0x0000000000000000\n");
    EXPECT_EQ(file(root, "/sys/class/sound/hwC0D0/init_pin_configs"),
              "0x12 0x90a60140\n0x14 0x90170110\n");
    EXPECT_EQ(file(root, "/sys/class/sound/hwC0D0/user_pin_configs"), "");
    EXPECT_EQ(file(root, k_device_nodes_path),
              "crw-rw---- 1 root audio 116, 7 Nov 16 16:34 /dev/snd/controlC0\n");
    EXPECT_EQ(file(root, k_aplay_path), "APLAY\n");
    EXPECT_EQ(file(root, std::string(k_amixer_dir) + "/0"),
              "Card hw:0 'PCH'/'HDA Intel PCH at 0xf7e30000 irq 35'\n");
    EXPECT_EQ(file(root, k_alsactl_path), "state.PCH {\n}\n");

    Facts facts(root, Environment{});
    const auto& cards = facts.get<CardList>();
    ASSERT_EQ(cards.cards.size(), 2u);
    EXPECT_EQ(cards.cards[1].module, "snd_hda_intel");
    EXPECT_EQ(facts.get<KernelIdentity>().release, "3.2.0-4-amd64");
}

TEST(ReportRoot, NewScriptsUnameVIsNotTheRelease) {
    std::string text =
        "!!ALSA Information Script v 0.5.4\n"
        "!!Kernel Information\n!!------------------\n\n"
        "Kernel release:    #1 SMP PREEMPT_DYNAMIC Debian 6.1.55-1 (2023-09-29)\n\n"
        "!!ALSA Version\n!!------------\n\nDriver version:     k6.1.0-13-amd64\n";
    ReportRoot loaded = build_report_root(read_alsa_info(text, "new.txt"), "new.txt");
    EXPECT_EQ(file(*loaded.root, "/proc/sys/kernel/osrelease"), "6.1.0-13-amd64\n");
    EXPECT_EQ(file(*loaded.root, "/proc/sys/kernel/version"),
              "#1 SMP PREEMPT_DYNAMIC Debian 6.1.55-1 (2023-09-29)\n");
}

TEST(ReportRoot, BuiltInModuleHasNoInitstate) {
    // snd_hda_intel has parameters but is not among the loaded modules: built into the kernel.
    std::string text =
        "!!ALSA Information Script v 0.4.60\n"
        "!!Loaded sound module options\n!!----\n\n!!Module: snd_hda_intel\n\tpower_save : 1\n\n"
        "!!All Loaded Modules\n!!----\n\nModule\nsnd\n";
    ReportRoot loaded = build_report_root(read_alsa_info(text, "b.txt"), "b.txt");
    EXPECT_TRUE(loaded.root->exists("/sys/module/snd_hda_intel/parameters/power_save"));
    EXPECT_FALSE(loaded.root->exists("/sys/module/snd_hda_intel/initstate"));
}

TEST(ReportRoot, CodecsPastTheCardsAreKeptWithAProblem) {
    std::string text =
        "!!ALSA Information Script v 0.4.60\n"
        "!!Soundcards recognised by ALSA\n!!----\n\n"
        " 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n"
        "                      HDA Intel PCH at 0xf7e30000 irq 35\n\n"
        "!!HDA-Intel Codec information\n!!----\n\n"
        "Codec: Realtek ALC269VC\nAddress: 0\nCodec: Intel HDMI\nAddress: 0\n";
    ReportRoot loaded = build_report_root(read_alsa_info(text, "c.txt"), "c.txt");
    EXPECT_TRUE(loaded.root->exists("/proc/asound/card0/codec#0"));
    EXPECT_TRUE(loaded.root->exists("/proc/asound/card1/codec#0"));
    ASSERT_EQ(loaded.report.problems.size(), 1u);
    EXPECT_NE(loaded.report.problems[0].reason.find("\"Intel HDMI\" at address 0 is on no"),
              std::string::npos)
        << loaded.report.problems[0].reason;
}

TEST(ReportRoot, OpenRefusesBinaryAndMissingFiles) {
    testing::TempDir dir;
    auto binary = dir.write("junk.bin", std::string("\x7f"
                                                    "ELF\0\0\0\x01",
                                                    8));
    try {
        open_report_root(binary.string());
        FAIL() << "binary data was read as a report";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), binary.string());
        EXPECT_NE(e.reason().find("binary data"), std::string::npos) << e.reason();
    }
    EXPECT_THROW(open_report_root((dir.path() / "absent.txt").string()), InputError);
}

TEST(ReportCheckCommand, JsonOnCorpusReports) {
    std::string corpus = testing::required_env("SNDOCTOR_CORPUS") + "/hda-emu/";
    for (const char* name : {"alc269vc-lenovo-thinkpad-t530", "cs4206-macbook-pro-81"}) {
        auto out = testing::run_program(
            {testing::required_env("SNDOCTOR_BIN"), "check", "--report", corpus + name, "--json"});
        auto json = nlohmann::json::parse(out.out);
        EXPECT_EQ(json["source"], "report") << name;
        EXPECT_EQ(json["root"], corpus + name) << name;
        bool found = false;
        for (const auto& check : json["checks"]) {
            if (check["id"] != "cards.present")
                continue;
            found = true;
            EXPECT_EQ(check["status"], "pass") << name << ": " << check["summary"];
            ASSERT_FALSE(check["evidence"].empty()) << name;
            EXPECT_EQ(check["evidence"][0]["path"], "/proc/asound/cards") << name;
        }
        EXPECT_TRUE(found) << name;
    }
}

TEST(ReportCheckCommand, CommandsThatChangeTheSystemRefuseAReport) {
    std::string report = testing::required_env("SNDOCTOR_CORPUS") + "/hda-emu/ad1882-sparta";
    for (std::vector<std::string> command : {std::vector<std::string>{"fix", "--all"},
                                             {"undo"},
                                             {"history"},
                                             {"hda", "retask", "0x12=0x90170110"}}) {
        command.insert(command.begin(), testing::required_env("SNDOCTOR_BIN"));
        command.insert(command.end(), {"--report", report});
        auto out = testing::run_program(command);
        EXPECT_EQ(out.exit_code, 64) << command[1];
        EXPECT_NE(out.err.find("a report is read, never changed"), std::string::npos)
            << command[1] << ": " << out.err;
    }
}

TEST(ReportCheckCommand, HdaReadsTheCodecsOfTheReportsCards) {
    std::string report =
        testing::required_env("SNDOCTOR_CORPUS") + "/hda-emu/alc269vc-lenovo-thinkpad-t530";
    std::string bin = testing::required_env("SNDOCTOR_BIN");
    auto out = testing::run_program(
        {bin, "hda", "dump", "--report", report, "--card", "1", "--codec", "2"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_NE(out.out.find("Codec 2: Nvidia GPU 14 HDMI/DP (/proc/asound/card1/codec#2)"),
              std::string::npos)
        << out.out;
    auto both = testing::run_program({bin, "hda", "dump", "--report", report, "--dump", report});
    EXPECT_EQ(both.exit_code, 64);
    EXPECT_NE(both.err.find("--report name a system"), std::string::npos) << both.err;
}

TEST(ReportCheckCommand, NoReportIsAClearError) {
    testing::TempDir dir;
    auto dump = dir.write("codec.txt", "Codec: Realtek ALC269VC\nAddress: 0\n");
    auto out = testing::run_program(
        {testing::required_env("SNDOCTOR_BIN"), "check", "--report", dump.string()});
    EXPECT_NE(out.exit_code, 0);
    EXPECT_NE(out.err.find(dump.string() + ": not an alsa-info report"), std::string::npos)
        << out.err;
}

}  // namespace
}  // namespace sndoctor::report
