// The alsa-info reader on both layouts and on every way a report gets mangled on its way to us:
// quoted in a reply ("> ", "> > "), quoted-printable, CRLF, pasted into a mail or an issue with
// text around it, cut off, without its fold markers. Each mangled form must give the same
// sections as the clean report.
#include <gtest/gtest.h>

#include <string>

#include "report/alsa_info_reader.hpp"

namespace sndoctor::report {
namespace {

// A 0.5.x report: upload line, DMI, `uname -v` as the kernel release, modules with their card.
const std::string k_new_layout = R"(upload=true&script=true&cardinfo=
!!################################
!!ALSA Information Script v 0.5.4
!!################################

!!Script ran on: Sat Nov 21 09:00:00 UTC 2026


!!DMI Information
!!---------------

Manufacturer:      LENOVO
Product Name:      20KH006JGE


!!Kernel Information
!!------------------

Kernel release:    #1 SMP PREEMPT_DYNAMIC Debian 6.1.55-1 (2023-09-29)
Operating System:  GNU/Linux


!!ALSA Version
!!------------

Driver version:     k6.1.0-13-amd64
Library version:    1.2.8


!!Loaded ALSA modules
!!-------------------

snd_hda_intel (card 0)


!!Soundcards recognised by ALSA
!!-----------------------------

 0 [PCH            ]: HDA-Intel - HDA Intel PCH
                      HDA Intel PCH at 0xf7e30000 irq 35


!!Loaded sound module options
!!---------------------------

!!Module: snd_hda_intel
	power_save : 1
	model : (null)


!!HDA-Intel Codec information
!!---------------------------
--startcollapse--

Codec: Realtek ALC257
Address: 0
Vendor Id: 0x10ec0257
--endcollapse--


!!Amixer output
!!-------------

!!-------Mixer controls for card PCH

Card hw:0 'PCH'/'HDA Intel PCH at 0xf7e30000 irq 35'
  Mixer name	: 'Realtek ALC257'
)";

// A 0.4.48 report: pastebin first line, no DMI, the release itself, module names alone.
const std::string k_old_layout =
    R"(name=root&type=33&description=/tmp/alsa-info.txt&expiry=&s=Submit+Post&content=
!!################################
!!ALSA Information Script v 0.4.48
!!################################

!!Script ran on: Sun Nov 16 16:35:33 SGT 2008


!!Kernel Information
!!------------------

Kernel release:    2.6.27.4-2-pae


!!ALSA Version
!!------------

Driver version:     1.0.17


!!Loaded ALSA modules
!!-------------------

snd_hda_intel


!!Advanced information - PCI Vendor/Device/Susbsystem ID's
!!--------------------------------------------------------

00:1b.0 0403: 8086:2668 (rev 04)
	Subsystem: 8086:2668


!!Sysfs Files
!!-----------

/sys/class/sound/hwC0D0/init_pin_configs:
0x05 0x01014010

/sys/class/sound/hwC0D0/user_pin_configs:

)";

/// What a report reads as, flattened: version, then every (sub)section's title and text.
std::string outline(const Report& report) {
    std::string text = "version " + report.script_version + "\n";
    for (const auto& section : report.sections) {
        text += "[" + section.title + "]\n" + section.text;
        for (const auto& sub : section.subsections)
            text += "  [" + sub.title + "]\n" + sub.text;
    }
    return text;
}

/// Every line prefixed as a mail client quotes it.
std::string quoted(const std::string& text, const std::string& prefix) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        std::string line = text.substr(pos, end - pos);
        out += (line.empty() ? prefix.substr(0, prefix.find_last_not_of(' ') + 1) : prefix) + line +
               "\n";
        pos = end + 1;
    }
    return out;
}

/// Quoted-printable as mail agents write it (RFC 2045): '=' and non-ASCII escaped, lines longer
/// than 76 characters broken with a soft "=" break.
std::string quoted_printable(const std::string& text) {
    static const char* k_hex = "0123456789ABCDEF";
    std::string out;
    std::size_t column = 0;
    for (char c : text) {
        if (c == '\n') {
            out += '\n';
            column = 0;
            continue;
        }
        std::string piece(1, c);
        if (c == '=' || static_cast<unsigned char>(c) > 126 || (c < 32 && c != '\t'))
            piece = std::string("=") + k_hex[static_cast<unsigned char>(c) >> 4] +
                    k_hex[static_cast<unsigned char>(c) & 15];
        if (column + piece.size() > 75) {
            out += "=\n";
            column = 0;
        }
        out += piece;
        column += piece.size();
    }
    return out;
}

std::string crlf(const std::string& text) {
    std::string out;
    for (char c : text)
        out += c == '\n' ? std::string("\r\n") : std::string(1, c);
    return out;
}

/// Header, rule and marker lines with blanks after them, as a paste through a web page leaves them.
std::string trailing_blanks(const std::string& text) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        std::string line = text.substr(pos, end - pos);
        bool header = line.starts_with("!!") || line.starts_with("--");
        out += line + (header ? "  \t" : "") + "\n";
        pos = end + 1;
    }
    return out;
}

std::string without_markers(std::string text) {
    for (const std::string marker : {"--startcollapse--\n", "--endcollapse--\n"})
        text.erase(text.find(marker), marker.size());
    return text;
}

TEST(AlsaInfoReader, NewLayoutSectionsAndSubsections) {
    Report report = read_alsa_info(k_new_layout, "new.txt");
    EXPECT_EQ(report.script_version, "0.5.4");
    EXPECT_TRUE(report.problems.empty());
    ASSERT_NE(report.find("Script ran on"), nullptr);
    EXPECT_EQ(report.find("Script ran on")->text, "Sat Nov 21 09:00:00 UTC 2026\n");
    ASSERT_NE(report.find("Soundcards recognised by ALSA"), nullptr);
    EXPECT_EQ(report.find("Soundcards recognised by ALSA")->text,
              " 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n"
              "                      HDA Intel PCH at 0xf7e30000 irq 35\n");
    const Section* codecs = report.find("HDA-Intel Codec information");
    ASSERT_NE(codecs, nullptr);
    EXPECT_EQ(codecs->text, "Codec: Realtek ALC257\nAddress: 0\nVendor Id: 0x10ec0257\n");
    EXPECT_EQ(codecs->line, 51);
    const Section* options = report.find("Loaded sound module options");
    ASSERT_NE(options, nullptr);
    ASSERT_EQ(options->subsections.size(), 1u);
    EXPECT_EQ(options->subsections[0].title, "Module: snd_hda_intel");
    EXPECT_EQ(options->subsections[0].text, "\tpower_save : 1\n\tmodel : (null)\n");
    const Section* amixer = report.find("Amixer output");
    ASSERT_NE(amixer, nullptr);
    ASSERT_EQ(amixer->subsections.size(), 1u);
    EXPECT_EQ(amixer->subsections[0].title, "-------Mixer controls for card PCH");
    EXPECT_EQ(amixer->text, "");
}

TEST(AlsaInfoReader, OldLayoutSections) {
    Report report = read_alsa_info(k_old_layout, "old.txt");
    EXPECT_EQ(report.script_version, "0.4.48");
    EXPECT_TRUE(report.problems.empty());
    std::vector<std::string> titles;
    for (const auto& section : report.sections)
        titles.push_back(section.title);
    EXPECT_EQ(titles,
              (std::vector<std::string>{
                  "Script ran on", "Kernel Information", "ALSA Version", "Loaded ALSA modules",
                  "Advanced information - PCI Vendor/Device/Susbsystem ID's", "Sysfs Files"}));
    EXPECT_EQ(report.find("Sysfs Files")->text,
              "/sys/class/sound/hwC0D0/init_pin_configs:\n0x05 0x01014010\n\n"
              "/sys/class/sound/hwC0D0/user_pin_configs:\n");
}

TEST(AlsaInfoReader, ManglingsReadAsTheCleanReport) {
    for (const auto& clean : {k_new_layout, k_old_layout}) {
        std::string expected = outline(read_alsa_info(clean, "clean.txt"));
        struct Case {
            std::string name;
            std::string text;
        };
        std::vector<Case> cases = {
            {"quoted", "On Monday Bob wrote:\n" + quoted(clean, "> ") + "\nThanks, Alice\n"},
            {"quoted twice", "Alice wrote:\n" + quoted(clean, "> > ") + "> \n> Any idea?\n"},
            {"quoted-printable", quoted_printable(clean)},
            {"quoted-printable, then quoted", quoted(quoted_printable(clean), "> ")},
            {"CRLF", crlf(clean)},
            {"trailing blanks", trailing_blanks(clean)},
            {"in a mail", "Hello,\n\nhere is my report:\n\n" + clean + "-- \nBob\n"},
            {"in an issue", "### Report\n<details>\n\n```\n" + clean + "```\n</details>\n"},
        };
        for (const auto& c : cases) {
            Report report = read_alsa_info(c.text, c.name);
            EXPECT_EQ(outline(report), expected) << c.name;
            EXPECT_TRUE(report.problems.empty()) << c.name << ": " << report.problems[0].reason;
        }
    }
}

TEST(AlsaInfoReader, QuotedPrintableDecodesEscapesAndSoftBreaks) {
    std::string text =
        "upload=3Dtrue&script=3Dtrue&cardinfo=3D\n"
        "!!ALSA Information Script v 0.5.4\n"
        "!!Soundcards recognised by ALSA\n"
        "!!-----------------------------\n"
        " 0 [PCH            ]: HDA-Intel - HDA Intel PCH=20\n"
        "                      HDA Intel PCH at 0xf7e30000 irq=\n"
        " 35\n";
    Report report = read_alsa_info(text, "qp.eml");
    ASSERT_NE(report.find("Soundcards recognised by ALSA"), nullptr);
    EXPECT_EQ(report.find("Soundcards recognised by ALSA")->text,
              " 0 [PCH            ]: HDA-Intel - HDA Intel PCH \n"
              "                      HDA Intel PCH at 0xf7e30000 irq 35\n");
}

TEST(AlsaInfoReader, MarkersRemovedReadTheSame) {
    EXPECT_EQ(outline(read_alsa_info(without_markers(k_new_layout), "a.txt")),
              outline(read_alsa_info(k_new_layout, "b.txt")));
}

TEST(AlsaInfoReader, CutOffInsideACollapsedSectionIsAProblem) {
    std::string cut = k_new_layout.substr(0, k_new_layout.find("Vendor Id:"));
    Report report = read_alsa_info(cut, "cut.txt");
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_EQ(report.problems[0].path, "cut.txt");
    EXPECT_EQ(report.problems[0].line, 53);  // the --startcollapse-- line
    EXPECT_NE(report.problems[0].reason.find("\"HDA-Intel Codec information\" is cut off"),
              std::string::npos)
        << report.problems[0].reason;
    ASSERT_NE(report.find("HDA-Intel Codec information"), nullptr);
    EXPECT_EQ(report.find("HDA-Intel Codec information")->text,
              "Codec: Realtek ALC257\nAddress: 0\n");
}

TEST(AlsaInfoReader, CutOffAfterAHeaderIsAProblem) {
    std::string cut = k_old_layout.substr(0, k_old_layout.find("!!-----------\n\n/sys"));
    Report report = read_alsa_info(cut, "cut.txt");
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_NE(report.problems[0].reason.find("cut off after the header of \"Sysfs Files\""),
              std::string::npos)
        << report.problems[0].reason;
}

TEST(AlsaInfoReader, NoHeaderIsAnInputErrorNamingTheFile) {
    try {
        read_alsa_info("Codec: Realtek ALC257\nAddress: 0\n", "/home/bob/dump.txt");
        FAIL() << "a codec dump was taken for a report";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), "/home/bob/dump.txt");
        EXPECT_NE(e.reason().find("not an alsa-info report"), std::string::npos) << e.reason();
    }
}

TEST(AlsaInfoReader, TheUploadLineAloneStartsAReport) {
    Report report = read_alsa_info(
        "upload=true&script=true&cardinfo=\n!!Loaded ALSA modules\n!!-------\n\nsnd_usb_audio\n",
        "bare.txt");
    EXPECT_EQ(report.script_version, "");
    ASSERT_EQ(report.sections.size(), 1u);
    EXPECT_EQ(report.sections[0].text, "snd_usb_audio\n");
    EXPECT_EQ(report.sections[0].line, 2);
}

}  // namespace
}  // namespace sndoctor::report
