// The codec dump parser: the current kernel's format line by line, and every variation of old
// kernels and hand-pasted dumps that ../shared/knowledge/hda.md section 1.3 lists.
#include <gtest/gtest.h>

#include <string>

#include "hda/codec_parser.hpp"

namespace sndoctor::hda {
namespace {

/// A current kernel's dump (sound/hda/common/proc.c), shortened: header, AFG state, GPIO, a
/// converter, a mixer, a pin with everything a pin prints, a processing widget.
constexpr const char* k_current_dump = R"(Codec: Realtek ALC269VB
Address: 0
AFG Function Id: 0x1 (unsol 1)
Vendor Id: 0x10ec0269
Subsystem Id: 0x10431517
Revision Id: 0x100100
No Modem Function Group found
Default PCM:
    rates [0x5f0]: 32000 44100 48000 88200 96000 192000
    bits [0xe]: 16 20 24
    formats [0x1]: PCM
Default Amp-In caps: N/A
Default Amp-Out caps: N/A
State of AFG node 0x01:
  Power states:  D0 D1 D2 D3 CLKSTOP EPSS
  Power: setting=D0, actual=D0, Clock-stop-OK
GPIO: io=2, o=0, i=0, unsolicited=1, wake=0
  IO[0]: enable=1, dir=1, wake=0, sticky=0, data=1, unsol=0
  IO[1]: enable=0, dir=0, wake=0, sticky=0, data=0, unsol=1
  Control: name="Mute-LED Mode", index=0, device=0
Node 0x02 [Audio Output] wcaps 0x41d: Stereo Amp-Out
  Control: name="Speaker Playback Volume", index=0, device=0
    ControlAmp: chs=3, dir=Out, idx=0, ofs=0
  Device: name="ALC269VB Analog", type="Audio", device=0
  Amp-Out caps: ofs=0x57, nsteps=0x57, stepsize=0x02, mute=0
  Amp-Out vals:  [0x4b 0x4b]
  Converter: stream=5, channel=0
  PCM:
    rates [0x560]: 44100 48000 96000 192000
    bits [0xe]: 16 20 24
    formats [0x1]: PCM
  Power states:  D0 D1 D2 D3 EPSS
  Power: setting=D0, actual=D0
Node 0x0b [Audio Mixer] wcaps 0x20010b: Stereo Amp-In
  Amp-In caps: ofs=0x17, nsteps=0x1f, stepsize=0x05, mute=1
  Amp-In vals:  [0x97 0x97] [0x80 0x80] [0x00 0x00]
  Connection: 3
     0x18 0x19 0x1a
Node 0x14 [Pin Complex] wcaps 0x40018d: Stereo Amp-Out
  Control: name="Speaker Playback Switch", index=0, device=0
    ControlAmp: chs=3, dir=Out, idx=0, ofs=0
  Amp-Out caps: ofs=0x00, nsteps=0x00, stepsize=0x00, mute=1
  Amp-Out vals:  [0x00 0x00]
  Pincap 0x0001003c: IN OUT HP EAPD Detect
    Vref caps: HIZ 50 GRD 80 100
  EAPD 0x2: EAPD
  Pin Default 0x90170110: [Fixed] Speaker at Int N/A
    Conn = Analog, Color = Unknown
    DefAssociation = 0x1, Sequence = 0x0
    Misc = NO_PRESENCE
  Pin-ctls: 0x40: OUT VREF_HIZ
  Unsolicited: tag=3f, enabled=1
  Power states:  D0 D1 D2 D3 EPSS
  Power: setting=D3, actual=D3
  Connection: 2
     0x0c 0x0d*
  In-driver Connection: 1
     0x0c
Node 0x20 [Vendor Defined Widget] wcaps 0xf00040: Mono
  Processing caps: benign=0, ncoeff=2
    Coeff 0x00: 0x8003
    Coeff 0x01: 0x0000
)";

std::vector<Codec> parse(std::string_view text) {
    return parse_codec_dump(text, "codec#0");
}

const Widget& node(const Codec& codec, int nid) {
    const Widget* widget = codec.widget(nid);
    if (widget == nullptr)
        throw std::runtime_error("no node " + std::to_string(nid));
    return *widget;
}

TEST(HdaCodecParser, ReadsTheHeaderOfACurrentDump) {
    auto codecs = parse(k_current_dump);
    ASSERT_EQ(codecs.size(), 1u);
    const Codec& codec = codecs[0];
    EXPECT_TRUE(codec.warnings.empty()) << codec.warnings[0].reason;
    EXPECT_EQ(codec.name, "Realtek ALC269VB");
    EXPECT_EQ(codec.line, 1);
    EXPECT_EQ(codec.address, 0);
    EXPECT_EQ(codec.afg_function_id, 1u);
    EXPECT_TRUE(codec.afg_unsol);
    EXPECT_FALSE(codec.mfg_function_id);
    EXPECT_EQ(codec.vendor_id, 0x10ec0269u);
    EXPECT_EQ(codec.subsystem_id, 0x10431517u);
    EXPECT_EQ(codec.revision_id, 0x100100u);
    ASSERT_TRUE(codec.default_pcm);
    EXPECT_EQ(codec.default_pcm->rates, 0x5f0u);
    EXPECT_EQ(codec.default_pcm->bits, 0xeu);
    EXPECT_EQ(codec.default_pcm->formats, 0x1u);
    EXPECT_FALSE(codec.default_amp_in_caps);
    EXPECT_EQ(codec.afg_nid, 1);
    EXPECT_EQ(codec.afg_power_caps, 0xf | 1u << 30 | 1u << 31);
    ASSERT_TRUE(codec.afg_power);
    EXPECT_EQ(codec.afg_power->flags, std::vector<std::string>{"Clock-stop-OK"});
    ASSERT_EQ(codec.afg_controls.size(), 1u);
    EXPECT_EQ(codec.afg_controls[0].name, "Mute-LED Mode");
}

TEST(HdaCodecParser, ReadsGpioLines) {
    const Codec codec = parse(k_current_dump).at(0);
    ASSERT_TRUE(codec.gpio);
    EXPECT_EQ(codec.gpio->io, 2);
    EXPECT_TRUE(codec.gpio->unsolicited);
    EXPECT_FALSE(codec.gpio->wake);
    ASSERT_EQ(codec.gpio->lines.size(), 2u);
    const GpioLine& first = codec.gpio->lines[0];
    EXPECT_EQ(first.index, 0);
    EXPECT_TRUE(first.enable && first.dir && first.data);
    EXPECT_FALSE(first.wake || first.sticky || first.unsol);
    EXPECT_TRUE(codec.gpio->lines[1].unsol);
    EXPECT_FALSE(codec.gpio->lines[1].enable);
}

TEST(HdaCodecParser, ReadsAConverter) {
    const Codec codec = parse(k_current_dump).at(0);
    ASSERT_EQ(codec.widgets.size(), 4u);
    const Widget& dac = node(codec, 0x02);
    EXPECT_EQ(dac.type, WidgetType::audio_output);
    EXPECT_EQ(dac.wcaps, 0x41du);
    EXPECT_EQ(dac.line, 21);
    EXPECT_EQ(dac.channels(), 2);
    EXPECT_TRUE(dac.has(WidgetCap::out_amp));
    EXPECT_FALSE(dac.has(WidgetCap::in_amp));
    ASSERT_EQ(dac.controls.size(), 1u);
    ASSERT_TRUE(dac.controls[0].amp);
    EXPECT_EQ(dac.controls[0].amp->channels, 3);
    EXPECT_EQ(dac.controls[0].amp->direction, AmpDirection::output);
    ASSERT_EQ(dac.pcm_devices.size(), 1u);
    EXPECT_EQ(dac.pcm_devices[0].name, "ALC269VB Analog");
    EXPECT_EQ(dac.pcm_devices[0].type, "Audio");
    ASSERT_TRUE(dac.amp_out && dac.amp_out->caps);
    EXPECT_EQ(dac.amp_out->caps->offset, 0x57);
    EXPECT_EQ(dac.amp_out->caps->steps, 0x57);
    EXPECT_EQ(dac.amp_out->caps->step_size, 2);
    EXPECT_FALSE(dac.amp_out->caps->mute);
    EXPECT_EQ(dac.amp_out->caps->raw, 0x00025757u);
    EXPECT_EQ(dac.amp_out->values, (std::vector<std::vector<int>>{{0x4b, 0x4b}}));
    ASSERT_TRUE(dac.converter);
    EXPECT_EQ(dac.converter->stream, 5);
    ASSERT_TRUE(dac.pcm);
    EXPECT_EQ(dac.pcm->rates, 0x560u);
    ASSERT_TRUE(dac.power);
    EXPECT_EQ(dac.power->setting, "D0");
}

TEST(HdaCodecParser, ReadsAMixerWithOneAmpValuePerInput) {
    const Widget mixer = node(parse(k_current_dump).at(0), 0x0b);
    EXPECT_EQ(mixer.type, WidgetType::audio_mixer);
    ASSERT_TRUE(mixer.amp_in && mixer.amp_in->caps);
    EXPECT_TRUE(mixer.amp_in->caps->mute);
    EXPECT_EQ(mixer.amp_in->values,
              (std::vector<std::vector<int>>{{0x97, 0x97}, {0x80, 0x80}, {0, 0}}));
    EXPECT_EQ(mixer.connections, (std::vector<int>{0x18, 0x19, 0x1a}));
    EXPECT_FALSE(mixer.selected);
}

TEST(HdaCodecParser, ReadsEverythingAPinPrints) {
    const Widget pin = node(parse(k_current_dump).at(0), 0x14);
    EXPECT_EQ(pin.type, WidgetType::pin_complex);
    ASSERT_TRUE(pin.pin);
    EXPECT_EQ(pin.pin->pincap, 0x0001003cu);
    EXPECT_EQ(pin.pin->vref_caps, 0x37u);
    EXPECT_EQ(pin.pin->eapd, 0x2u);
    EXPECT_EQ(pin.pin->default_config, 0x90170110u);
    EXPECT_EQ(pin.pin->pin_ctls, 0x40u);
    ASSERT_TRUE(pin.unsol);
    EXPECT_EQ(pin.unsol->tag, 0x3f);
    EXPECT_TRUE(pin.unsol->enabled);
    ASSERT_TRUE(pin.power);
    EXPECT_EQ(pin.power->setting, "D3");
    EXPECT_EQ(pin.power->actual, "D3");
    EXPECT_EQ(pin.connections, (std::vector<int>{0x0c, 0x0d}));
    EXPECT_EQ(pin.selected, 1);
    ASSERT_TRUE(pin.driver_connections);
    EXPECT_EQ(*pin.driver_connections, std::vector<int>{0x0c});
}

TEST(HdaCodecParser, ReadsProcessingCoefficients) {
    const Widget vendor = node(parse(k_current_dump).at(0), 0x20);
    EXPECT_EQ(vendor.type, WidgetType::vendor_defined);
    ASSERT_TRUE(vendor.processing);
    EXPECT_EQ(vendor.processing->coefficient_count, 2);
    EXPECT_FALSE(vendor.processing->benign);
    ASSERT_EQ(vendor.processing->coefficients.size(), 2u);
    EXPECT_EQ(vendor.processing->coefficients[0], (std::pair<int, std::uint32_t>{0, 0x8003}));
}

TEST(HdaCodecParser, TextOutsideCodecsIsPassedOver) {
    std::string text =
        "upload=true&script=true\n!!ALSA Information Script v 0.4.60\n"
        "!!HDA-Intel Codec information\n--startcollapse--\n\n" +
        std::string(k_current_dump) +
        "--endcollapse--\n\n!!ALSA Device nodes\ncrw-rw---- 1 root audio\n"
        "Simple mixer control 'Master',0\n  Capabilities: pvolume\n";
    auto codecs = parse(text);
    ASSERT_EQ(codecs.size(), 1u);
    EXPECT_TRUE(codecs[0].warnings.empty()) << codecs[0].warnings[0].reason;
    EXPECT_EQ(codecs[0].line, 6);
    EXPECT_EQ(codecs[0].widgets.size(), 4u);
}

TEST(HdaCodecParser, SplitsSeveralCodecsOnTheirCodecLines) {
    std::string text = std::string(k_current_dump) +
                       "Codec: Intel PantherPoint HDMI\nAddress: 3\nVendor Id: 0x80862806\n"
                       "Node 0x05 [Pin Complex] wcaps 0x40778d: 8-Channels Digital Amp-Out CP\n"
                       "  Pincap 0x0b000094: OUT Detect HBR HDMI DP\n"
                       "  Pin Default 0x18560010: [Jack] Digital Out at Int HDMI\n";
    auto codecs = parse(text);
    ASSERT_EQ(codecs.size(), 2u);
    EXPECT_EQ(codecs[1].address, 3);
    EXPECT_EQ(codecs[1].vendor_id, 0x80862806u);
    ASSERT_EQ(codecs[1].widgets.size(), 1u);
    EXPECT_EQ(codecs[1].widgets[0].channels(), 8);
    EXPECT_EQ(codecs[1].widgets[0].pin->pincap, 0x0b000094u);
    EXPECT_EQ(codecs[0].widgets.size(), 4u);
}

// hda.md 1.3, item 1: "Function Id: 0x1" without AFG/MFG and "(unsol N)".
TEST(HdaCodecParser, OldFunctionIdLineIsTheAudioGroup) {
    auto codecs = parse(
        "Codec: Analog Devices AD1983\nAddress: 0\nFunction Id: 0x1\n"
        "Vendor Id: 0x11d41983\n");
    ASSERT_EQ(codecs.size(), 1u);
    EXPECT_EQ(codecs[0].afg_function_id, 1u);
    EXPECT_FALSE(codecs[0].afg_unsol);
    auto modem = parse("Codec: Si3054\nAddress: 1\nFunction Id: 0x2\nVendor Id: 0x11c13026\n");
    EXPECT_EQ(modem.at(0).mfg_function_id, 2u);
    EXPECT_FALSE(modem.at(0).afg_function_id);
}

// Item 2: ids without zero padding.
TEST(HdaCodecParser, UnpaddedIdsRead) {
    auto codecs = parse(
        "Codec: Realtek ALC880\nAddress: 0\nVendor Id: 0x10ec0880\n"
        "Subsystem Id: 0x0\nRevision Id: 0x800\n");
    EXPECT_EQ(codecs.at(0).subsystem_id, 0u);
    EXPECT_EQ(codecs.at(0).revision_id, 0x800u);
    EXPECT_TRUE(codecs.at(0).warnings.empty());
}

// Item 3: single-line PCM.
TEST(HdaCodecParser, SingleLinePcmReads) {
    auto codecs = parse(
        "Codec: Realtek ALC880\nVendor Id: 0x10ec0880\n"
        "Default PCM: rates 0x560, bits 0x0e, types 0x1\n"
        "Node 0x02 [Audio Output] wcaps 0x11: Stereo\n"
        "  PCM: rates 0x160, bits 0x1e, types 0x5\n");
    const Codec& codec = codecs.at(0);
    EXPECT_TRUE(codec.warnings.empty()) << codec.warnings[0].reason;
    ASSERT_TRUE(codec.default_pcm);
    EXPECT_EQ(codec.default_pcm->rates, 0x560u);
    EXPECT_EQ(codec.default_pcm->bits, 0x0eu);
    ASSERT_TRUE(codec.widgets.at(0).pcm);
    EXPECT_EQ(codec.widgets[0].pcm->bits, 0x1eu);
    EXPECT_EQ(codec.widgets[0].pcm->formats, 0x5u);
}

TEST(HdaCodecParser, PcmNotAvailableLeavesNoFormats) {
    auto codecs = parse("Codec: X\nVendor Id: 0x1\nDefault PCM:\nN/A\n");
    EXPECT_FALSE(codecs.at(0).default_pcm);
    EXPECT_TRUE(codecs[0].warnings.empty());
}

// Item 4: amp values without brackets, grouped by the widget's channels.
TEST(HdaCodecParser, BracketlessAmpValuesGroupByChannels) {
    auto codecs = parse(
        "Codec: X\nVendor Id: 0x1\n"
        "Node 0x0c [Audio Mixer] wcaps 0x20010f: Stereo Amp-In Amp-Out\n"
        "  Amp-In vals: 0x00 0x00 0x80 0x80\n"
        "  Amp-Out vals: 0x1c 0x1c\n"
        "Node 0x0d [Audio Selector] wcaps 0x300104: Mono Amp-Out\n"
        "  Amp-Out vals: 0x8f\n");
    const Codec& codec = codecs.at(0);
    EXPECT_TRUE(codec.warnings.empty()) << codec.warnings[0].reason;
    EXPECT_EQ(codec.widgets[0].amp_in->values,
              (std::vector<std::vector<int>>{{0, 0}, {0x80, 0x80}}));
    EXPECT_EQ(codec.widgets[0].amp_out->values, (std::vector<std::vector<int>>{{0x1c, 0x1c}}));
    EXPECT_EQ(codec.widgets[1].amp_out->values, (std::vector<std::vector<int>>{{0x8f}}));
}

// Item 5: the "Pincap 0x08%x" printf typo of early kernels.
TEST(HdaCodecParser, PincapTypoDropsTheLiteral08) {
    auto codecs = parse(
        "Codec: X\nVendor Id: 0x1\n"
        "Node 0x05 [Pin Complex] wcaps 0x400187: Stereo\n"
        "  Pincap 0x081173f: IN OUT HP EAPD Detect\n"
        "  Pin Default 0x92174110: [Fixed] Speaker at Int Front\n"
        "Node 0x06 [Pin Complex] wcaps 0x400185: Stereo\n"
        "  Pincap 0x0834: OUT HP\n"
        "  Pin Default 0x0321201f: [Jack] HP Out at Ext Left\n"
        "Node 0x07 [Pin Complex] wcaps 0x400185: Stereo\n"
        "  Pincap 0x0800003f: IN OUT HP\n"
        "  Pin Default 0x0321201f: [Jack] HP Out at Ext Left\n");
    const Codec& codec = codecs.at(0);
    EXPECT_EQ(codec.widgets.at(0).pin->pincap, 0x1173fu);
    EXPECT_EQ(codec.widgets.at(1).pin->pincap, 0x34u);
    // Exactly ten characters is a correctly printed value that happens to start with 08.
    EXPECT_EQ(codec.widgets.at(2).pin->pincap, 0x0800003fu);
    EXPECT_TRUE(codec.warnings.empty());
}

// Items 6 and 7: raw "Power: 0x0" and old "EAPD: 0x0".
TEST(HdaCodecParser, OldRawPowerAndEapdRead) {
    auto codecs = parse(
        "Codec: X\nVendor Id: 0x1\n"
        "Node 0x03 [Audio Output] wcaps 0x441: Stereo\n"
        "  Power: 0x30\n"
        "Node 0x05 [Pin Complex] wcaps 0x40058d: Stereo\n"
        "  Pincap 0x0001003f: IN OUT\n"
        "  EAPD: 0x2\n"
        "  Pin Default 0x92174110: [Fixed] Speaker at Int Front\n");
    const Codec& codec = codecs.at(0);
    ASSERT_TRUE(codec.widgets.at(0).power);
    EXPECT_EQ(codec.widgets[0].power->setting, "D0");
    EXPECT_EQ(codec.widgets[0].power->actual, "D3");
    EXPECT_EQ(codec.widgets.at(1).pin->eapd, 0x2u);
    EXPECT_TRUE(codec.warnings.empty()) << codec.warnings[0].reason;
}

// Items 8 and 9: no DefAssociation line; old typos "UNKOWN Widget", "Digitial In", "Copyright".
TEST(HdaCodecParser, OldSpellingsAndMissingLinesRead) {
    auto codecs = parse(
        "Codec: X\nVendor Id: 0x1\n"
        "Node 0x02 [Audio Output] wcaps 0x30311: Stereo Digital\n"
        "  Digital: Preemphasis Copyright\n"
        "  Digital category: 0x2\n"
        "Node 0x0e [UNKOWN Widget] wcaps 0x800000: Mono\n"
        "Node 0x12 [Pin Complex] wcaps 0x400200: Mono Digital\n"
        "  Pincap 0x00000020: IN\n"
        "  Pin Default 0x01d19032: [Jack] Digitial In at Ext Rear\n"
        "    Conn = 1/8, Color = Unknown\n");
    const Codec& codec = codecs.at(0);
    EXPECT_TRUE(codec.warnings.empty()) << codec.warnings[0].reason;
    ASSERT_TRUE(codec.widgets.at(0).digital);
    EXPECT_EQ(codec.widgets[0].digital->dig1, 0x18u);
    EXPECT_EQ(codec.widgets[0].digital->category, 2);
    EXPECT_EQ(codec.widgets.at(1).type, WidgetType::unknown);
    EXPECT_EQ(codec.widgets.at(2).pin->default_config, 0x01d19032u);
}

// Item 10: IO lines without unsol, no GPIO line at all.
TEST(HdaCodecParser, OldGpioLinesWithoutUnsolRead) {
    auto codecs = parse(
        "Codec: X\nVendor Id: 0x1\nGPIO: io=1, o=0, i=0, unsolicited=0, wake=0\n"
        "  IO[0]: enable=1, dir=1, wake=0, sticky=0, data=1\n"
        "Codec: Y\nVendor Id: 0x2\n");
    ASSERT_EQ(codecs.size(), 2u);
    ASSERT_TRUE(codecs[0].gpio);
    ASSERT_EQ(codecs[0].gpio->lines.size(), 1u);
    EXPECT_TRUE(codecs[0].gpio->lines[0].data);
    EXPECT_FALSE(codecs[0].gpio->lines[0].unsol);
    EXPECT_TRUE(codecs[0].warnings.empty());
    EXPECT_FALSE(codecs[1].gpio);
}

// Item 11: "Connection: -22" and the empty line after "Connection: 0".
TEST(HdaCodecParser, FailedConnectionReadIsAWarningAndNoList) {
    auto codecs = parse(
        "Codec: X\nVendor Id: 0x1\n"
        "Node 0x23 [Audio Mixer] wcaps 0x20010b: Stereo Amp-In\n"
        "  Connection: -22\n"
        "Node 0x24 [Audio Mixer] wcaps 0x200100: Stereo\n"
        "  Connection: 0\n"
        "     \n"
        "Node 0x25 [Audio Selector] wcaps 0x300101: Stereo\n"
        "  Connection: 1\n"
        "     0x24\n");
    const Codec& codec = codecs.at(0);
    ASSERT_EQ(codec.widgets.size(), 3u);
    EXPECT_TRUE(codec.widgets[0].connections.empty());
    EXPECT_TRUE(codec.widgets[1].connections.empty());
    EXPECT_EQ(codec.widgets[2].connections, std::vector<int>{0x24});
    ASSERT_EQ(codec.warnings.size(), 1u);
    EXPECT_EQ(codec.warnings[0].line, 4);
    EXPECT_NE(codec.warnings[0].reason.find("-22"), std::string::npos);
}

// Item 12: vendor lines at the codec level and old processing coefficients under a node.
TEST(HdaCodecParser, VendorLinesAreKept) {
    auto codecs = parse(
        "Codec: IDT 92HD71B7X\nVendor Id: 0x111d76b2\n"
        "GPIO: io=5, o=0, i=0, unsolicited=1, wake=0\n"
        "Power-Map: 0x04\nAnalog Loopback: 0xf0\n"
        "Node 0x20 [Vendor Defined Widget] wcaps 0xf00040: Mono\n"
        "  Processing caps: benign=0, ncoeff=17\n"
        "  Processing Coefficient: 0x40\n"
        "  Coefficient Index: 0x0a\n");
    const Codec& codec = codecs.at(0);
    EXPECT_TRUE(codec.warnings.empty()) << codec.warnings[0].reason;
    EXPECT_EQ(codec.extra, (std::vector<std::string>{"Power-Map: 0x04", "Analog Loopback: 0xf0"}));
    ASSERT_TRUE(codec.widgets.at(0).processing);
    EXPECT_EQ(codec.widgets[0].processing->coefficient_value, 0x40u);
    EXPECT_EQ(codec.widgets[0].processing->coefficient_index, 0x0au);
}

// Item 13: CRLF, one-space and tab indents, trailing blanks, wrapped amp values, a garbled line.
TEST(HdaCodecParser, HandPastedDumpReads) {
    auto codecs = parse(
        "Codec: Realtek ALC889A\r\n"
        "Address: 0        \r\n"
        "Vendor Id: 0x10ec0885\r\n"
        "Node 0x0b [Audio Mixer] wcaps 0x20010b: Stereo Amp-In\r\n"
        " Amp-In caps: ofs=0x17, nsteps=0x1f, stepsize=0x05, mute=1\r\n"
        " Amp-In vals:  [0x80 0x80] [0x97 0x97]=\r\n"
        " [0x00 0x00]\r\n"
        "\tConnection: 3\r\n"
        "\t   0x18 0x19*\r\n"
        "\t   0x1a\r\n"
        " Pinx Default 0xb7d6005e: [Fixed] Digitial In\r\n");
    const Codec& codec = codecs.at(0);
    EXPECT_EQ(codec.address, 0);
    const Widget& mixer = codec.widgets.at(0);
    EXPECT_EQ(mixer.amp_in->values,
              (std::vector<std::vector<int>>{{0x80, 0x80}, {0x97, 0x97}, {0, 0}}));
    EXPECT_EQ(mixer.connections, (std::vector<int>{0x18, 0x19, 0x1a}));
    EXPECT_EQ(mixer.selected, 1);
    ASSERT_EQ(codec.warnings.size(), 1u);
    EXPECT_EQ(codec.warnings[0].path, "codec#0");
    EXPECT_EQ(codec.warnings[0].line, 11);
    EXPECT_NE(codec.warnings[0].reason.find("Pinx Default"), std::string::npos);
    EXPECT_EQ(mixer.extra.size(), 1u);
}

TEST(HdaCodecParser, UnknownLinesAreWarningsAndTheParseGoesOn) {
    auto codecs = parse(
        "Codec: X\nVendor Id: 0x1\n"
        "Node 0x02 [Audio Output] wcaps 0x41d: Stereo Amp-Out\n"
        "  Frobnication: yes\n"
        "  Amp-Out caps: ofs=zz, nsteps=0x57\n"
        "  Amp-Out vals:  [0x4b 0x4b]\n"
        "Node 0x03 [Audio Output] wcaps 0x41d: Stereo Amp-Out\n");
    const Codec& codec = codecs.at(0);
    ASSERT_EQ(codec.widgets.size(), 2u);
    ASSERT_EQ(codec.warnings.size(), 2u);
    EXPECT_EQ(codec.warnings[0].line, 4);
    EXPECT_EQ(codec.warnings[1].line, 5);
    EXPECT_NE(codec.warnings[1].reason.find("amplifier caps"), std::string::npos);
    EXPECT_EQ(codec.widgets[0].amp_out->values, (std::vector<std::vector<int>>{{0x4b, 0x4b}}));
}

TEST(HdaCodecParser, ListShorterThanDeclaredIsAWarning) {
    auto codecs = parse(
        "Codec: X\nVendor Id: 0x1\n"
        "Node 0x0b [Audio Mixer] wcaps 0x20010b: Stereo Amp-In\n"
        "  Connection: 3\n"
        "     0x18 0x19\n"
        "Node 0x0c [Audio Mixer] wcaps 0x20010b: Stereo Amp-In\n");
    const Codec& codec = codecs.at(0);
    EXPECT_EQ(codec.widgets.at(0).connections, (std::vector<int>{0x18, 0x19}));
    ASSERT_EQ(codec.warnings.size(), 1u);
    EXPECT_EQ(codec.warnings[0].line, 4);
}

TEST(HdaCodecParser, PinWithoutDefaultAndCodecWithoutVendorAreWarnings) {
    auto codecs = parse(
        "Codec: X\nAddress: 2\n"
        "Node 0x14 [Pin Complex] wcaps 0x40018d: Stereo Amp-Out\n"
        "  Pincap 0x00000010: OUT\n");
    const Codec& codec = codecs.at(0);
    ASSERT_EQ(codec.warnings.size(), 2u);
    EXPECT_EQ(codec.warnings[0].line, 3);  // the pin's node line
    EXPECT_EQ(codec.warnings[1].line, 1);  // the codec line
}

TEST(HdaCodecParser, ReadsVolumeKnobsAndDpMstDevices) {
    auto codecs = parse(
        "Codec: X\nVendor Id: 0x1\n"
        "Node 0x21 [Volume Knob Widget] wcaps 0x600080: Mono\n"
        "  Volume-Knob: delta=1, steps=127, direct=1, val=108\n"
        "  Connection: 2\n"
        "     0x02 0x03\n"
        "Node 0x05 [Pin Complex] wcaps 0x40778d: 8-Channels Digital Amp-Out CP\n"
        "  Pincap 0x0b000094: OUT Detect HBR HDMI DP\n"
        "  Pin Default 0x18560010: [Jack] Digital Out at Int HDMI\n"
        "  Devices: 2\n"
        "     Dev 00: PD = 0, ELDV = 0, IA = 0, Connections [ 0x02 0x03 ]\n"
        "    *Dev 01: PD = 1, ELDV = 1, IA = 0, Connections [ 0x02 0x03* ]\n");
    const Codec& codec = codecs.at(0);
    EXPECT_TRUE(codec.warnings.empty()) << codec.warnings[0].reason;
    ASSERT_TRUE(codec.widgets.at(0).volume_knob);
    EXPECT_EQ(codec.widgets[0].volume_knob->value, 108);
    EXPECT_EQ(codec.widgets[0].volume_knob->steps, 127);
    const auto& devices = codec.widgets.at(1).mst_devices;
    ASSERT_EQ(devices.size(), 2u);
    EXPECT_FALSE(devices[0].current);
    EXPECT_FALSE(devices[0].selected);
    EXPECT_TRUE(devices[1].current && devices[1].presence && devices[1].eld_valid);
    EXPECT_EQ(devices[1].connections, (std::vector<int>{2, 3}));
    EXPECT_EQ(devices[1].selected, 1);
}

TEST(HdaCodecParser, NoCodecLineMeansNoCodec) {
    EXPECT_TRUE(parse("").empty());
    EXPECT_TRUE(parse("Node 0x02 [Audio Output] wcaps 0x41d: Stereo\n").empty());
    EXPECT_TRUE(parse(std::string("\0\x01\x02binary", 9)).empty());
}

TEST(HdaCodecParser, ModelHelpersFollowTheWidgetCaps) {
    EXPECT_EQ(widget_type_of(0x40018d), WidgetType::pin_complex);
    EXPECT_EQ(widget_type_of(0xf00000), WidgetType::vendor_defined);
    EXPECT_EQ(widget_type_of(0x800000), WidgetType::unknown);
    EXPECT_EQ(widget_type_of(0), WidgetType::unknown);
    EXPECT_EQ(channel_count(0x40018c), 1);
    EXPECT_EQ(channel_count(0x40018d), 2);
    EXPECT_EQ(channel_count(0x40778d), 8);
    EXPECT_EQ(delay_samples(0x1d0541), 13);
    EXPECT_EQ(widget_type_name(WidgetType::pin_complex), "Pin Complex");
    AmpCaps caps = decode_amp_caps(0x80053f3d);
    EXPECT_EQ(caps.offset, 0x3d);
    EXPECT_EQ(caps.steps, 0x3f);
    EXPECT_EQ(caps.step_size, 5);
    EXPECT_TRUE(caps.mute);
}

}  // namespace
}  // namespace sndoctor::hda
