// The data and parsers behind kernel.sound-config and codec.quirk: the shipped model list
// (data/hda-models.txt), its parser's errors, the codec driver fixup lines of the kernel log,
// the vendor → Kconfig symbol table, and the codec list read from dumps or from sysfs.
#include <gtest/gtest.h>

#include <algorithm>

#include "checks/sound_config_table.hpp"
#include "core/root.hpp"
#include "facts/codec_fixup_log.hpp"
#include "facts/facts.hpp"
#include "facts/hda_codecs.hpp"
#include "facts/hda_models.hpp"

namespace sndoctor {
namespace {

bool has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

HdaModels shipped() {
    MemoryRoot root("test");
    Facts facts(root, Environment{});
    return HdaModels::load(facts);
}

TEST(HdaModels, ShippedListCoversTheCodecFamilies) {
    HdaModels models = shipped();
    EXPECT_TRUE(models.path.ends_with("hda-models.txt"));
    EXPECT_GE(models.sections.size(), 30u);

    const auto* alc287 = models.for_codec(0x10ec0287);
    ASSERT_NE(alc287, nullptr);
    EXPECT_TRUE(alc287->title.starts_with("ALC22x/23x/25x/269"));
    EXPECT_TRUE(has(alc287->models, "tpt460"));
    EXPECT_TRUE(has(alc287->models, "alc295-hp-x360"));  // the last of the section
    EXPECT_FALSE(has(alc287->models, "6stack-dig"));

    const auto* alc892 = models.for_codec(0x10ec0892);
    ASSERT_NE(alc892, nullptr);
    EXPECT_EQ(alc892->title, "ALC66x/67x/892");

    // An exact id wins over the vendor's wildcard.
    ASSERT_NE(models.for_codec(0x14f15051), nullptr);
    EXPECT_EQ(models.for_codec(0x14f15051)->title, "Conexant 5051");
    ASSERT_NE(models.for_codec(0x14f15069), nullptr);
    EXPECT_EQ(models.for_codec(0x14f15069)->title, "Conexant 5066");

    const auto* idt = models.for_codec(0x111d7605);  // 92HD81B1X5
    ASSERT_NE(idt, nullptr);
    EXPECT_EQ(idt->title, "STAC92HD83*");

    // A family models.rst marks N/A has a section and no names.
    ASSERT_NE(models.for_codec(0x10ec0680), nullptr);
    EXPECT_TRUE(models.for_codec(0x10ec0680)->models.empty());

    // HDMI codecs have no model list.
    EXPECT_EQ(models.for_codec(0x8086280b), nullptr);
    EXPECT_EQ(models.for_codec(0x10de0083), nullptr);
}

TEST(HdaModels, ParseErrorsNameTheFileAndLine) {
    auto bad = [](const std::string& text) {
        try {
            HdaModels::parse("/x/hda-models.txt", text);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(bad("# c\nmodels = a\n"), "/x/hda-models.txt:2: models before the first [section]");
    EXPECT_NE(bad("[A]\ncodecs = 10ec02\n").find("/x/hda-models.txt:2: \"10ec02\" is not a codec"),
              std::string::npos);
    EXPECT_NE(bad("[A]\nnames = a b\n").find(":2: expected"), std::string::npos);
    EXPECT_NE(bad("[A\n").find(":1: a section title"), std::string::npos);
    EXPECT_NE(bad(std::string("[A]\n\0\1\2", 7)).find("binary"), std::string::npos);

    auto models = HdaModels::parse("m", "[A]\ncodecs = 10EC0269 14f1*\nmodels = x y\nmodels = z\n");
    ASSERT_EQ(models.sections.size(), 1u);
    EXPECT_EQ(models.sections[0].codecs, (std::vector<std::string>{"10ec0269", "14f1*"}));
    EXPECT_EQ(models.sections[0].models, (std::vector<std::string>{"x", "y", "z"}));
    EXPECT_EQ(models.for_codec(0x10ec0269), &models.sections[0]);
    EXPECT_EQ(models.for_codec(0x10ec0268), nullptr);
}

TEST(HdaModels, GenericModels) {
    EXPECT_TRUE(is_generic_model("auto"));
    EXPECT_TRUE(is_generic_model("generic"));
    EXPECT_TRUE(is_generic_model("nofixup"));
    EXPECT_TRUE(is_generic_model("17aa:38bb"));
    EXPECT_FALSE(is_generic_model("17aa-38bb"));
    EXPECT_FALSE(is_generic_model("tpt460"));
}

TEST(FixupLog, ModernLines) {
    auto unnamed = parse_fixup_line(
        "[    4.2] snd_hda_codec_realtek hdaudioC0D0: ALC287: picked fixup  for PCI SSID "
        "17aa:38bb");
    ASSERT_TRUE(unnamed);
    EXPECT_EQ(unnamed->event, FixupEvent::picked);
    EXPECT_EQ(unnamed->chip, "ALC287");
    EXPECT_EQ(unnamed->card, 0);
    EXPECT_EQ(unnamed->address, 0);
    EXPECT_EQ(unnamed->fixup, "");
    EXPECT_EQ(unnamed->matched, "PCI SSID 17aa:38bb");

    auto named = parse_fixup_line(
        "snd_hda_codec_alc269 hdaudioC1D2: ALC245: picked fixup HP Laptop 15 for codec SSID "
        "103c:8a0f");
    ASSERT_TRUE(named);
    EXPECT_EQ(named->fixup, "HP Laptop 15");
    EXPECT_EQ(named->matched, "codec SSID 103c:8a0f");
    EXPECT_EQ(named->card, 1);
    EXPECT_EQ(named->address, 2);

    auto pin = parse_fixup_line("hdaudioC0D0: ALC256: picked fixup  (pin match)");
    ASSERT_TRUE(pin);
    EXPECT_EQ(pin->fixup, "");
    EXPECT_EQ(pin->matched, "pin match");

    auto model = parse_fixup_line("hdaudioC0D0: ALC287: picked fixup tpt460 (model specified)");
    ASSERT_TRUE(model);
    EXPECT_EQ(model->fixup, "tpt460");

    auto none = parse_fixup_line("hdaudioC0D0: ALC287: picked no fixup (nofixup specified)");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->event, FixupEvent::no_fixup);

    auto autoconfig = parse_fixup_line(
        "snd_hda_codec_conexant hdaudioC0D1: autoconfig for CX20585: line_outs=1 "
        "(0x1f/0x0/0x0/0x0/0x0) type:speaker");
    ASSERT_TRUE(autoconfig);
    EXPECT_EQ(autoconfig->event, FixupEvent::autoconfig);
    EXPECT_EQ(autoconfig->chip, "CX20585");
    EXPECT_EQ(autoconfig->address, 1);

    EXPECT_FALSE(parse_fixup_line("snd_hda_intel 0000:00:1f.3: enabling device"));
    EXPECT_FALSE(parse_fixup_line(""));
}

TEST(FixupLog, OldKernelLines) {
    auto probing = parse_fixup_line("[   24.5] hda_codec: ALC662 rev1: BIOS auto-probing.");
    ASSERT_TRUE(probing);
    EXPECT_EQ(probing->event, FixupEvent::bios_auto_probing);
    EXPECT_EQ(probing->chip, "ALC662 rev1");
    EXPECT_EQ(probing->card, -1);

    auto selected = parse_fixup_line(
        "ALSA hda_codec.c:3727: hda_codec: model 'm51va' is selected for config 1043:1878 "
        "(ASUS M51VA)");
    ASSERT_TRUE(selected);
    EXPECT_EQ(selected->event, FixupEvent::model_selected);
    EXPECT_EQ(selected->fixup, "m51va");
    EXPECT_EQ(selected->matched, "for config 1043:1878 (ASUS M51VA)");
    EXPECT_EQ(selected->chip, "");

    auto autoconfig = parse_fixup_line("ALSA hda_codec.c:4358: autoconfig: line_outs=1 (0x11/0x0)");
    ASSERT_TRUE(autoconfig);
    EXPECT_EQ(autoconfig->event, FixupEvent::autoconfig);
    EXPECT_EQ(autoconfig->chip, "");
}

TEST(SoundConfigTable, CodecDrivers) {
    using checks::codec_driver_for;
    EXPECT_EQ(codec_driver_for(0x10ec0287).symbol.name, "CONFIG_SND_HDA_CODEC_REALTEK");
    EXPECT_EQ(codec_driver_for(0x14f15069).symbol.name, "CONFIG_SND_HDA_CODEC_CONEXANT");
    EXPECT_EQ(codec_driver_for(0x111d7605).symbol.name, "CONFIG_SND_HDA_CODEC_SIGMATEL");
    EXPECT_EQ(codec_driver_for(0x83847690).symbol.name, "CONFIG_SND_HDA_CODEC_SIGMATEL");
    EXPECT_EQ(codec_driver_for(0x10138409).symbol.name, "CONFIG_SND_HDA_CODEC_CS8409");
    EXPECT_EQ(codec_driver_for(0x10134206).symbol.name, "CONFIG_SND_HDA_CODEC_CIRRUS");
    EXPECT_EQ(codec_driver_for(0x11020011).symbol.name, "CONFIG_SND_HDA_CODEC_CA0132");
    const auto& intel_hdmi = codec_driver_for(0x8086280b);
    EXPECT_EQ(intel_hdmi.symbol.name, "CONFIG_SND_HDA_CODEC_HDMI");
    EXPECT_EQ(intel_hdmi.split.name, "CONFIG_SND_HDA_CODEC_HDMI_INTEL");
    EXPECT_EQ(codec_driver_for(0x10de0083).split.name, "CONFIG_SND_HDA_CODEC_HDMI_NVIDIA");
    EXPECT_EQ(codec_driver_for(0x1002aa01).split.name, "CONFIG_SND_HDA_CODEC_HDMI_ATI");
    // A vendor without a driver of its own gets the generic parser.
    EXPECT_EQ(codec_driver_for(0x12345678).symbol.name, "CONFIG_SND_HDA_GENERIC");
    EXPECT_FALSE(checks::k_hda_intel.prompt.empty());
}

TEST(HdaCodecs, FromDumpsAndFromSysfs) {
    MemoryRoot dumps("test");
    dumps.add_file("/proc/asound/card1/codec#2",
                   "Codec: Realtek ALC287\nAddress: 2\nAFG Function Id: 0x1 (unsol 1)\n"
                   "Vendor Id: 0x10ec0287\nSubsystem Id: 0x17aa38bb\nRevision Id: 0x100002\n");
    dumps.add_file("/proc/asound/card1/codec#3", "nothing here\n");
    Facts facts(dumps, Environment{});
    const auto& found = facts.get<HdaCodecs>();
    EXPECT_EQ(found.dumps, 2u);
    ASSERT_EQ(found.codecs.size(), 1u);
    EXPECT_EQ(found.codecs[0].card, 1);
    EXPECT_EQ(found.codecs[0].address, 2);
    EXPECT_EQ(found.codecs[0].vendor_id, 0x10ec0287u);
    EXPECT_EQ(found.codecs[0].subsystem_id, 0x17aa38bbu);
    EXPECT_EQ(found.codecs[0].subsystem_where.line, 5);
    EXPECT_EQ(found.codecs[0].label(), "card 1 codec 2 (Realtek ALC287)");
    ASSERT_EQ(found.unreadable.size(), 1u);
    EXPECT_EQ(found.unreadable[0].path, "/proc/asound/card1/codec#3");

    MemoryRoot sysfs("test");
    sysfs.add_file("/sys/bus/hdaudio/devices/hdaudioC0D1/vendor_id", "0x14f15069\n");
    sysfs.add_file("/sys/bus/hdaudio/devices/hdaudioC0D1/subsystem_id", "0x17aa21cf\n");
    sysfs.add_file("/sys/bus/hdaudio/devices/hdaudioC0D1/vendor_name", "Conexant\n");
    sysfs.add_file("/sys/bus/hdaudio/devices/hdaudioC0D1/chip_name", "CX20585\n");
    sysfs.add_file("/sys/bus/hdaudio/devices/hdaudioC0D1/afg", "0x1\n");
    Facts sysfs_facts(sysfs, Environment{});
    const auto& from_sysfs = sysfs_facts.get<HdaCodecs>();
    EXPECT_EQ(from_sysfs.dumps, 0u);
    ASSERT_EQ(from_sysfs.codecs.size(), 1u);
    EXPECT_EQ(from_sysfs.codecs[0].address, 1);
    EXPECT_EQ(from_sysfs.codecs[0].name, "Conexant CX20585");
    EXPECT_EQ(from_sysfs.codecs[0].subsystem_id, 0x17aa21cfu);
    EXPECT_EQ(from_sysfs.codecs[0].where.path, "/sys/bus/hdaudio/devices/hdaudioC0D1/vendor_id");
    EXPECT_TRUE(from_sysfs.codecs[0].audio);
}

}  // namespace
}  // namespace sndoctor
