// The emulated codec: parameters and state verbs answered from a codec model, what is set kept
// and read back, missing nodes answering 0.
#include "hda/emulated_codec.hpp"

#include <gtest/gtest.h>

namespace sndoctor::hda {
namespace {

/// A small laptop codec: AFG 0x01 with two GPIOs, a DAC, a mixer, a speaker pin with EAPD, an
/// unused pin without it, and Realtek's vendor node 0x20 with coefficients.
Codec laptop_codec() {
    Codec c;
    c.name = "Realtek ALC269VB";
    c.address = 0;
    c.vendor_id = 0x10ec0269;
    c.subsystem_id = 0x10431517;
    c.revision_id = 0x100100;
    c.afg_function_id = 1;
    c.afg_unsol = true;
    c.afg_nid = 1;
    c.default_pcm = PcmCaps{.rates = 0x560, .bits = 0xe, .formats = 0x1};
    c.afg_power_caps = 0xe000000f;
    c.afg_power = PowerState{.setting = "D0", .actual = "D0"};
    c.gpio = Gpio{.io = 2, .o = 0, .i = 0, .unsolicited = true, .wake = false};
    c.gpio->lines = {GpioLine{.index = 0}, GpioLine{.index = 1, .enable = true}};

    Widget dac;
    dac.nid = 0x02;
    dac.type = WidgetType::audio_output;
    dac.wcaps = 0x1d;  // stereo, amp-out, format override
    dac.amp_out = Amp{.caps = AmpCaps{.raw = 0x00025757}, .values = {{0x57, 0x57}}};
    dac.converter = Converter{.stream = 8, .channel = 0};
    Widget mixer;
    mixer.nid = 0x0b;
    mixer.type = WidgetType::audio_mixer;
    mixer.wcaps = 0x20010b;  // stereo, amp-in, conn list
    mixer.amp_in = Amp{.caps = AmpCaps{.raw = 0x80051f17}, .values = {{0x80, 0x80}, {0x17, 0x16}}};
    mixer.connections = {0x18, 0x19, 0x1a, 0x1b, 0x1d};
    Widget speaker;
    speaker.nid = 0x14;
    speaker.type = WidgetType::pin_complex;
    speaker.wcaps = 0x40018d;
    speaker.pin =
        Pin{.pincap = 0x00010014, .eapd = 0x2, .default_config = 0x90170110, .pin_ctls = 0x40};
    speaker.connections = {0x0c, 0x0d};
    speaker.selected = 0;
    speaker.unsol = Unsolicited{.tag = 0, .enabled = false};
    speaker.power = PowerState{.setting = "D0", .actual = "D0"};
    speaker.power_caps = 0x1;
    Widget unused;
    unused.nid = 0x18;
    unused.type = WidgetType::pin_complex;
    unused.wcaps = 0x40018f;
    unused.pin = Pin{.pincap = 0x0000373c, .default_config = 0x411111f0, .pin_ctls = 0x20};
    Widget vendor;
    vendor.nid = 0x20;
    vendor.type = WidgetType::vendor_defined;
    vendor.wcaps = 0xf00040;
    vendor.processing = Processing{.benign = false, .coefficient_count = 0x3f};
    vendor.processing->coefficients = {{0x07, 0x8003}};
    c.widgets = {dac, mixer, speaker, unused, vendor};
    return c;
}

std::uint32_t get(EmulatedCodec& codec, int nid, std::uint32_t verb, std::uint32_t payload = 0) {
    return codec.execute(Verb{nid, verb, payload});
}

TEST(HdaEmulatedCodec, AnswersTheIdentityAndNodeCounts) {
    EmulatedCodec codec(laptop_codec(), "test");
    EXPECT_EQ(get(codec, 0x00, 0xf00, 0x00), 0x10ec0269u);
    EXPECT_EQ(get(codec, 0x00, 0xf00, 0x01), 0x10431517u);
    EXPECT_EQ(get(codec, 0x00, 0xf00, 0x02), 0x100100u);
    EXPECT_EQ(get(codec, 0x00, 0xf00, 0x04), 0x00010001u);  // one group, at 0x01
    EXPECT_EQ(get(codec, 0x01, 0xf00, 0x04), 0x0002001fu);  // widgets 0x02..0x20
    EXPECT_EQ(get(codec, 0x01, 0xf00, 0x05), 0x101u);       // audio, unsolicited capable
    EXPECT_EQ(get(codec, 0x01, 0xf20), 0x10431517u);
}

TEST(HdaEmulatedCodec, AnswersCapabilityParameters) {
    EmulatedCodec codec(laptop_codec(), "test");
    EXPECT_EQ(get(codec, 0x01, 0xf00, 0x11), 0x40000002u);  // GPIO_CAP: io=2, unsolicited
    EXPECT_EQ(get(codec, 0x01, 0xf00, 0x0a), 0x000e0560u);  // PCM: rates and bits
    EXPECT_EQ(get(codec, 0x01, 0xf00, 0x0b), 0x1u);
    EXPECT_EQ(get(codec, 0x01, 0xf00, 0x0f), 0xe000000fu);
    EXPECT_EQ(get(codec, 0x14, 0xf00, 0x09), 0x40018du);
    EXPECT_EQ(get(codec, 0x14, 0xf00, 0x0c), 0x00010014u);
    EXPECT_EQ(get(codec, 0x14, 0xf00, 0x0f), 0x1u);
    EXPECT_EQ(get(codec, 0x02, 0xf00, 0x12), 0x00025757u);
    EXPECT_EQ(get(codec, 0x02, 0xf00, 0x0a), 0x000e0560u);  // a converter: the AFG's formats
    EXPECT_EQ(get(codec, 0x0b, 0xf00, 0x0d), 0x80051f17u);
    EXPECT_EQ(get(codec, 0x0b, 0xf00, 0x0e), 5u);
    EXPECT_EQ(get(codec, 0x20, 0xf00, 0x10), 0x3f00u);
}

TEST(HdaEmulatedCodec, AnswersConnectionListEntriesFourAtATime) {
    EmulatedCodec codec(laptop_codec(), "test");
    EXPECT_EQ(get(codec, 0x0b, 0xf02, 0), 0x1b1a1918u);
    EXPECT_EQ(get(codec, 0x0b, 0xf02, 4), 0x0000001du);
    EXPECT_EQ(get(codec, 0x14, 0xf01), 0u);
    codec.execute({0x14, 0x701, 1});
    EXPECT_EQ(get(codec, 0x14, 0xf01), 1u);
    codec.execute({0x14, 0x701, 7});  // no 8th entry: the selection stays
    EXPECT_EQ(get(codec, 0x14, 0xf01), 1u);
}

TEST(HdaEmulatedCodec, KeepsGpioMaskDirectionAndData) {
    EmulatedCodec codec(laptop_codec(), "test");
    EXPECT_EQ(get(codec, 0x01, 0xf16), 0x2u);  // GPIO 1 enabled in the dump
    EXPECT_EQ(get(codec, 0x01, 0xf15), 0x0u);
    EXPECT_EQ(codec.execute({0x01, 0x716, 0x3}), 0u);  // SET verbs answer 0
    codec.execute({0x01, 0x717, 0x1});
    codec.execute({0x01, 0x715, 0x1});
    EXPECT_EQ(get(codec, 0x01, 0xf16), 0x3u);
    EXPECT_EQ(get(codec, 0x01, 0xf17), 0x1u);
    EXPECT_EQ(get(codec, 0x01, 0xf15), 0x1u);
    // Bits above the codec's GPIO count are not kept.
    codec.execute({0x01, 0x715, 0xff});
    EXPECT_EQ(get(codec, 0x01, 0xf15), 0x3u);
    const GpioLine& line0 = codec.codec().gpio->lines.at(0);
    EXPECT_TRUE(line0.enable && line0.dir && line0.data);
}

TEST(HdaEmulatedCodec, TogglesEapd) {
    EmulatedCodec codec(laptop_codec(), "test");
    EXPECT_EQ(get(codec, 0x14, 0xf0c), 0x2u);
    codec.execute({0x14, 0x70c, 0x0});
    EXPECT_EQ(get(codec, 0x14, 0xf0c), 0x0u);
    codec.execute({0x14, 0x70c, 0x2});
    EXPECT_EQ(get(codec, 0x14, 0xf0c), 0x2u);
    EXPECT_EQ(codec.codec().widget(0x14)->pin->eapd, 0x2u);
}

TEST(HdaEmulatedCodec, RetasksAPinThroughTheFourConfigBytes) {
    EmulatedCodec codec(laptop_codec(), "test");
    EXPECT_EQ(get(codec, 0x18, 0xf1c), 0x411111f0u);
    // Make the unused pin a headphone jack: 0x0321403f (hdajackretask's preset), byte by byte.
    codec.execute({0x18, 0x71c, 0x3f});
    codec.execute({0x18, 0x71d, 0x40});
    codec.execute({0x18, 0x71e, 0x21});
    EXPECT_EQ(get(codec, 0x18, 0xf1c), 0x4121403fu);  // three bytes in, the top one old
    codec.execute({0x18, 0x71f, 0x03});
    EXPECT_EQ(get(codec, 0x18, 0xf1c), 0x0321403fu);
    EXPECT_EQ(codec.codec().widget(0x18)->pin->default_config, 0x0321403fu);
    EXPECT_EQ(get(codec, 0x14, 0xf1c), 0x90170110u);  // the other pin untouched
}

TEST(HdaEmulatedCodec, KeepsAmpGainAndMutePerChannelAndIndex) {
    EmulatedCodec codec(laptop_codec(), "test");
    EXPECT_EQ(get(codec, 0x02, 0xb00, 0xa000), 0x57u);  // output, left
    EXPECT_EQ(get(codec, 0x0b, 0xb00, 0x2001), 0x17u);  // input 1, left
    EXPECT_EQ(get(codec, 0x0b, 0xb00, 0x0001), 0x16u);  // input 1, right
    codec.execute({0x02, 0x300, 0xb080});               // output, both channels: mute, gain 0
    EXPECT_EQ(get(codec, 0x02, 0xb00, 0xa000), 0x80u);
    EXPECT_EQ(get(codec, 0x02, 0xb00, 0x8000), 0x80u);
    codec.execute({0x0b, 0x300, 0x5110});  // input 1, right only: gain 0x10
    EXPECT_EQ(get(codec, 0x0b, 0xb00, 0x0001), 0x10u);
    EXPECT_EQ(get(codec, 0x0b, 0xb00, 0x2001), 0x17u);
    EXPECT_EQ(get(codec, 0x0b, 0xb00, 0x2000), 0x80u);  // input 0 untouched
}

TEST(HdaEmulatedCodec, KeepsPinControlPowerUnsolicitedAndCoefficients) {
    EmulatedCodec codec(laptop_codec(), "test");
    EXPECT_EQ(get(codec, 0x14, 0xf07), 0x40u);
    codec.execute({0x14, 0x707, 0xc0});
    EXPECT_EQ(get(codec, 0x14, 0xf07), 0xc0u);
    EXPECT_EQ(get(codec, 0x14, 0xf05), 0x00u);
    codec.execute({0x14, 0x705, 0x3});
    EXPECT_EQ(get(codec, 0x14, 0xf05), 0x33u);  // setting and actual D3
    EXPECT_EQ(get(codec, 0x01, 0xf05), 0x00u);
    codec.execute({0x14, 0x708, 0x83});
    EXPECT_EQ(get(codec, 0x14, 0xf08), 0x83u);
    EXPECT_EQ(get(codec, 0x02, 0xf06), 0x80u);  // stream 8, channel 0
    codec.execute({0x20, 0x500, 0x07});
    EXPECT_EQ(get(codec, 0x20, 0xd00), 0x07u);
    EXPECT_EQ(get(codec, 0x20, 0xc00), 0x8003u);
    codec.execute({0x20, 0x400, 0x8005});
    EXPECT_EQ(get(codec, 0x20, 0xc00), 0x8005u);
    codec.execute({0x20, 0x500, 0x08});
    EXPECT_EQ(get(codec, 0x20, 0xc00), 0x0u);  // an index the dump did not list
}

TEST(HdaEmulatedCodec, MissingNodesAndUnmodelledVerbsAnswerZero) {
    EmulatedCodec codec(laptop_codec(), "test");
    EXPECT_EQ(get(codec, 0x50, 0xf00, 0x09), 0u);
    EXPECT_EQ(get(codec, 0x50, 0xf1c), 0u);
    EXPECT_EQ(codec.execute({0x50, 0x71c, 0x12}), 0u);
    EXPECT_EQ(get(codec, 0x14, 0xf09), 0u);  // pin sense is not modelled
    EXPECT_EQ(codec.execute({0x01, 0x7ff, 0}), 0u);
    EXPECT_EQ(get(codec, 0x14, 0xf1c), 0x90170110u);  // a reset changed nothing modelled
}

TEST(HdaEmulatedCodec, OldDumpsWithoutIoLinesStillHaveGpioRegisters) {
    Codec c = laptop_codec();
    c.gpio->io = 3;
    c.gpio->lines.clear();
    EmulatedCodec codec(std::move(c), "old");
    codec.execute({0x01, 0x716, 0x7});
    EXPECT_EQ(get(codec, 0x01, 0xf16), 0x7u);
    EXPECT_EQ(codec.codec().gpio->lines.size(), 3u);
}

TEST(HdaEmulatedCodec, DescribesItself) {
    EmulatedCodec codec(laptop_codec(), "alc269.txt");
    EXPECT_EQ(codec.description(), "codec 0 (Realtek ALC269VB) emulated from alc269.txt");
    EXPECT_EQ(codec.codec_address(), 0);
}

}  // namespace
}  // namespace sndoctor::hda
