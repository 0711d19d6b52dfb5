// The operations the commands run over any backend: node discovery, GPIO read-modify-write,
// EAPD switching; here on emulated codecs, including a codec that keeps nothing (like QEMU's).
#include "hda/codec_operations.hpp"

#include <gtest/gtest.h>

#include "hda/emulated_codec.hpp"

namespace sndoctor::hda {
namespace {

Codec gpio_codec() {
    Codec c;
    c.name = "Test";
    c.afg_nid = 1;
    c.afg_function_id = 1;
    c.gpio = Gpio{.io = 3, .o = 0, .i = 0, .unsolicited = true};
    c.gpio->lines = {GpioLine{.index = 0}, GpioLine{.index = 1, .enable = true, .dir = true},
                     GpioLine{.index = 2}};
    Widget speaker;
    speaker.nid = 0x14;
    speaker.type = WidgetType::pin_complex;
    speaker.wcaps = 0x40018d;
    speaker.pin = Pin{.pincap = 0x00010014, .eapd = 0x3, .default_config = 0x90170110};
    Widget headphone;
    headphone.nid = 0x15;
    headphone.type = WidgetType::pin_complex;
    headphone.wcaps = 0x40018d;
    headphone.pin = Pin{.pincap = 0x0000001c, .default_config = 0x0321101f};
    Widget dac;
    dac.nid = 0x02;
    dac.type = WidgetType::audio_output;
    dac.wcaps = 0x1d;
    c.widgets = {dac, speaker, headphone};
    return c;
}

/// Takes every verb and keeps nothing: every read answers 0 (QEMU's codec for GPIO and EAPD).
class ForgetfulCodec : public Backend {
  public:
    explicit ForgetfulCodec(EmulatedCodec& reads) : m_reads(reads) {}
    std::uint32_t execute(const Verb& verb) override {
        if (verb.verb == 0xf00)
            return m_reads.execute(verb);  // the topology is real
        return 0;
    }
    std::string description() const override { return "forgetful"; }
    int codec_address() const override { return 0; }

  private:
    EmulatedCodec& m_reads;
};

class NoAnswer : public Backend {
  public:
    std::uint32_t execute(const Verb&) override { return k_no_response; }
    std::string description() const override { return "no answer"; }
    int codec_address() const override { return 0; }
};

TEST(HdaCodecOperations, DiscoversTheNodeTree) {
    EmulatedCodec codec(gpio_codec(), "test");
    CodecNodes nodes = discover_nodes(codec);
    ASSERT_EQ(nodes.groups.size(), 1u);
    EXPECT_EQ(nodes.groups[0].nid, 1);
    EXPECT_EQ(nodes.groups[0].type, 1);
    EXPECT_EQ(nodes.groups[0].first_widget, 0x02);
    EXPECT_EQ(nodes.groups[0].widget_count, 0x14);
    EXPECT_EQ(nodes.audio_group(), 1);
    EXPECT_TRUE(nodes.exists(0x00));
    EXPECT_TRUE(nodes.exists(0x01));
    EXPECT_TRUE(nodes.exists(0x15));
    EXPECT_FALSE(nodes.exists(0x16));
    EXPECT_FALSE(nodes.exists(0x7f));
    EXPECT_TRUE(nodes.is_function_group(0x01));
    EXPECT_FALSE(nodes.is_function_group(0x14));
}

TEST(HdaCodecOperations, ReadsGpioCapsAndLines) {
    EmulatedCodec codec(gpio_codec(), "test");
    Gpio gpio = read_gpio(codec, 1);
    EXPECT_EQ(gpio.io, 3);
    EXPECT_TRUE(gpio.unsolicited);
    ASSERT_EQ(gpio.lines.size(), 3u);
    EXPECT_TRUE(gpio.lines[1].enable);
    EXPECT_TRUE(gpio.lines[1].dir);
    EXPECT_FALSE(gpio.lines[0].enable);
}

TEST(HdaCodecOperations, DrivesOneGpioLineAndKeepsTheOthers) {
    EmulatedCodec codec(gpio_codec(), "test");
    GpioChange on = drive_gpio_line(codec, 1, 0, Level::high);
    EXPECT_EQ(on.before, (GpioDrive{.mask = 0x2, .direction = 0x2, .data = 0x0}));
    EXPECT_EQ(on.after, (GpioDrive{.mask = 0x3, .direction = 0x3, .data = 0x1}));
    GpioChange two = drive_gpio_line(codec, 1, 2, Level::high);
    EXPECT_EQ(two.after, (GpioDrive{.mask = 0x7, .direction = 0x7, .data = 0x5}));
    GpioChange off = drive_gpio_line(codec, 1, 0, Level::low);
    EXPECT_EQ(off.after, (GpioDrive{.mask = 0x7, .direction = 0x7, .data = 0x4}));
}

TEST(HdaCodecOperations, WritesWholeRegistersInKernelOrder) {
    EmulatedCodec codec(gpio_codec(), "test");
    write_gpio_drive(codec, 1, 0x1, std::nullopt, 0x1);
    EXPECT_EQ(read_gpio_drive(codec, 1), (GpioDrive{.mask = 0x1, .direction = 0x2, .data = 0x1}));
}

TEST(HdaCodecOperations, SwitchesEapdKeepingTheOtherBits) {
    EmulatedCodec codec(gpio_codec(), "test");
    EXPECT_TRUE(pin_has_eapd(codec, 0x14));
    EXPECT_FALSE(pin_has_eapd(codec, 0x15));  // a pin without the capability
    EXPECT_FALSE(pin_has_eapd(codec, 0x02));  // not a pin
    EapdChange off = switch_eapd(codec, 0x14, Eapd::off);
    EXPECT_EQ(off.before, 0x3u);
    EXPECT_EQ(off.after, 0x1u);  // BTL stays
    EapdChange on = switch_eapd(codec, 0x14, Eapd::on);
    EXPECT_EQ(on.after, 0x3u);
}

TEST(HdaCodecOperations, ReportsWhatAForgetfulCodecReadsBack) {
    EmulatedCodec topology(gpio_codec(), "test");
    ForgetfulCodec codec(topology);
    GpioChange change = drive_gpio_line(codec, 1, 0, Level::high);
    EXPECT_EQ(change.after, GpioDrive{});
    EXPECT_EQ(switch_eapd(codec, 0x14, Eapd::on).after, 0u);
}

TEST(HdaCodecOperations, NoAnswerStopsTheOperation) {
    NoAnswer codec;
    EXPECT_THROW(discover_nodes(codec), NoResponse);
    try {
        read_gpio(codec, 1);
        FAIL() << "an unanswered read went through";
    } catch (const NoResponse& e) {
        EXPECT_NE(std::string(e.what()).find("PARAMETERS"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace sndoctor::hda
