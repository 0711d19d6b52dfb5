// The alsa-info text layout, byte for byte, on a small report: banner, time line, rules as long
// as their titles, subsections, and the collapse markers where alsa-info.sh puts them.
#include <gtest/gtest.h>

#include "report/alsa_info_writer.hpp"

namespace sndoctor::report {
namespace {

TEST(AlsaInfoWriter, LaysOutSectionsAsAlsaInfoDoes) {
    Report report;
    report.script_version = "sndoctor 9.9";
    report.sections = {
        {"Script ran on: Mon Oct  7 08:55:48 UTC 2013", "", {}, 0},
        {"Loaded ALSA modules", "snd_hda_intel (card 0)\n", {}, 0},
        {"Loaded sound module options",
         "",
         {{"Module: snd_hda_intel", "\tmodel : auto\n", {}, 0}},
         0},
        {"HDA-Intel Codec information", "Codec: Realtek ALC269VB\nAddress: 0", {}, 0},
        {"Alsactl output", "state.PCH {\n}\n", {}, 0},
    };
    EXPECT_EQ(write_alsa_info(report),
              "!!################################\n"
              "!!ALSA Information Script v sndoctor 9.9\n"
              "!!################################\n"
              "\n"
              "!!Script ran on: Mon Oct  7 08:55:48 UTC 2013\n"
              "\n\n"
              "!!Loaded ALSA modules\n"
              "!!-------------------\n"
              "\n"
              "snd_hda_intel (card 0)\n"
              "\n\n"
              "!!Loaded sound module options\n"
              "!!---------------------------\n"
              "\n"
              "!!Module: snd_hda_intel\n"
              "\tmodel : auto\n"
              "\n"
              "\n"
              "!!HDA-Intel Codec information\n"
              "!!---------------------------\n"
              "--startcollapse--\n"
              "\n"
              "Codec: Realtek ALC269VB\n"
              "Address: 0\n"
              "--endcollapse--\n"
              "\n\n"
              "!!Alsactl output\n"
              "!!--------------\n"
              "\n"
              "--startcollapse--\n"
              "state.PCH {\n"
              "}\n"
              "--endcollapse--\n"
              "\n\n");
}

}  // namespace
}  // namespace sndoctor::report
