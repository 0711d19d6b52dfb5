#include "hda/associations.hpp"

#include <gtest/gtest.h>

namespace sndoctor::hda {
namespace {

constexpr std::uint32_t k_analog_pin_wcaps = 0x40058f;   // Stereo Amp-In Amp-Out
constexpr std::uint32_t k_digital_pin_wcaps = 0x400781;  // Stereo Digital

Widget pin_widget(int nid, std::uint32_t config, std::uint32_t wcaps = k_analog_pin_wcaps) {
    Widget widget;
    widget.nid = nid;
    widget.type = WidgetType::pin_complex;
    widget.wcaps = wcaps;
    widget.pin = Pin{};
    widget.pin->default_config = config;
    return widget;
}

/// The HP Compaq DX2300's Realtek ALC888 as the FreeBSD snd_hda(4) manual lists its pins
/// (EXAMPLES): nid 20-28, 30, 31 with their default configurations.
Codec dx2300() {
    Codec codec;
    codec.name = "Realtek ALC888";
    codec.vendor_id = 0x10ec0888;
    Widget dac;
    dac.nid = 0x02;
    dac.type = WidgetType::audio_output;
    dac.wcaps = 0x411;
    codec.widgets.push_back(dac);
    for (auto [nid, config] :
         std::initializer_list<std::pair<int, std::uint32_t>>{{20, 0x01014020},
                                                              {21, 0x99130110},
                                                              {22, 0x411111f0},
                                                              {23, 0x411111f0},
                                                              {24, 0x01a19830},
                                                              {25, 0x02a1983f},
                                                              {26, 0x01813031},
                                                              {27, 0x0221401f},
                                                              {28, 0x411111f0}})
        codec.widgets.push_back(pin_widget(nid, config));
    codec.widgets.push_back(pin_widget(30, 0x411111f0, k_digital_pin_wcaps));
    codec.widgets.push_back(pin_widget(31, 0x411111f0, k_digital_pin_wcaps));
    return codec;
}

/// Applies a FreeBSD hint to the pin at `nid` (decimal, as FreeBSD's hints name it).
void hint(Codec& codec, int nid, const std::string& spec) {
    for (auto& widget : codec.widgets)
        if (widget.nid == nid)
            widget.pin->default_config =
                parse_freebsd_hint(spec, widget.pin->default_config, "test").value;
}

/// An association as "as 1 playback: 21/0 27/15", pins as decimal nid/sequence, the way the
/// manual lists them.
std::string describe(const Association& association) {
    std::string text = "as " + std::to_string(association.number) + " " +
                       std::string(to_string(association.direction)) + ":";
    for (const auto& pin : association.pins)
        text += " " + std::to_string(pin.nid) + "/" + std::to_string(pin.config.sequence);
    return text;
}

std::vector<std::string> describe(const AssociationLayout& layout) {
    std::vector<std::string> lines;
    for (const auto& association : layout.associations)
        lines.push_back(describe(association));
    return lines;
}

/// The devices as "pcm0: as 1 + as 3" (association numbers), "-" for an empty slot.
std::vector<std::string> devices(const AssociationLayout& layout) {
    std::vector<std::string> lines;
    auto number = [&](const std::optional<std::size_t>& slot) {
        return slot ? "as " + std::to_string(layout.associations[*slot].number) : "-";
    };
    for (const auto& device : layout.devices)
        lines.push_back("pcm" + std::to_string(device.index) + ": " + number(device.playback) +
                        " + " + number(device.capture));
    return lines;
}

using Lines = std::vector<std::string>;

TEST(Associations, TheManualsDx2300GroupsAsTheManualSays) {
    AssociationLayout layout = group_associations(dx2300());
    // snd_hda(4): "Association 0 (1) out: nid=21 seq=0, nid=27 seq=15; Association 1 (2) out:
    // nid=20 seq=0; Association 2 (3) in: nid=24 seq=0, nid=26 seq=1, nid=25 seq=15".
    EXPECT_EQ(describe(layout), (Lines{"as 1 playback: 21/0 27/15", "as 2 playback: 20/0",
                                       "as 3 capture: 24/0 26/1 25/15"}));
    // Association 1 becomes pcm0 playback with the headphones muting the speaker, association 2
    // pcm1 playback, association 3 pcm0 recording.
    EXPECT_EQ(devices(layout), (Lines{"pcm0: as 1 + as 3", "pcm1: as 2 + -"}));
    EXPECT_EQ(layout.associations[0].headphone_redirect, 0);
    EXPECT_FALSE(layout.associations[1].headphone_redirect);
    EXPECT_TRUE(layout.associations[2].mixed);
    for (const auto& association : layout.associations)
        EXPECT_TRUE(association.enabled()) << describe(association);
    // "Pins with nids 22, 23, 28, 30 and 31 will be disabled by driver due to None
    // connectivity."
    ASSERT_EQ(layout.skipped.size(), 5u);
    std::vector<int> skipped;
    for (const auto& pin : layout.skipped) {
        skipped.push_back(pin.nid);
        EXPECT_EQ(pin.reason, SkipReason::no_connection);
    }
    EXPECT_EQ(skipped, (std::vector<int>{22, 23, 28, 30, 31}));
}

TEST(Associations, ManualExample1SwapsLineOutAndSpeaker) {
    Codec codec = dx2300();
    hint(codec, 20, "as=1");
    hint(codec, 21, "as=2");
    AssociationLayout layout = group_associations(codec);
    // pcm0 plays to the line-out and headphones jacks, line-out muted by the headphones;
    // pcm1 to the internal speaker; recording stays on pcm0.
    EXPECT_EQ(describe(layout), (Lines{"as 1 playback: 20/0 27/15", "as 2 playback: 21/0",
                                       "as 3 capture: 24/0 26/1 25/15"}));
    EXPECT_EQ(devices(layout), (Lines{"pcm0: as 1 + as 3", "pcm1: as 2 + -"}));
    EXPECT_EQ(layout.associations[0].headphone_redirect, 0);
}

TEST(Associations, ManualExample2SplitsAHeadset) {
    Codec codec = dx2300();
    hint(codec, 20, "as=1 seq=15 device=Headphones");
    hint(codec, 27, "as=2 seq=0");
    hint(codec, 25, "as=4 seq=0");
    AssociationLayout layout = group_associations(codec);
    // pcm0: speaker and line-out (speaker muted on line-out connection), one mic and line-in;
    // pcm1: the front headphones and mic.
    EXPECT_EQ(describe(layout), (Lines{"as 1 playback: 21/0 20/15", "as 2 playback: 27/0",
                                       "as 3 capture: 24/0 26/1", "as 4 capture: 25/0"}));
    EXPECT_EQ(devices(layout), (Lines{"pcm0: as 1 + as 3", "pcm1: as 2 + as 4"}));
    EXPECT_EQ(layout.associations[0].headphone_redirect, 0);
    EXPECT_FALSE(layout.associations[2].mixed);  // two pins at 0 and 1: an ADC each
    EXPECT_TRUE(layout.associations[3].mixed);   // one pin
}

TEST(Associations, ManualExample3GivesFourDevices) {
    Codec codec = dx2300();
    hint(codec, 20, "as=1 seq=0");
    hint(codec, 26, "as=2 seq=0");
    hint(codec, 27, "as=3 seq=0");
    hint(codec, 25, "as=4 seq=0");
    hint(codec, 24, "as=5 seq=0 device=Line-out");
    hint(codec, 21, "as=6 seq=0");
    AssociationLayout layout = group_associations(codec);
    // pcm0 line-out and line-in, pcm1 headphones and mic, pcm2 the retasked rear mic jack as a
    // line-out, pcm3 the internal speaker.
    EXPECT_EQ(devices(layout), (Lines{"pcm0: as 1 + as 2", "pcm1: as 3 + as 4", "pcm2: as 5 + -",
                                      "pcm3: as 6 + -"}));
}

TEST(Associations, ManualExample4MakesFivePointOne) {
    Codec codec = dx2300();
    hint(codec, 20, "as=1 seq=0");
    hint(codec, 24, "as=1 seq=1 device=Line-out");
    hint(codec, 26, "as=1 seq=2 device=Line-out");
    hint(codec, 21, "as=2 seq=0");
    AssociationLayout layout = group_associations(codec);
    // pcm0: 5.1 on the three rear jacks with the front headphones muting them, the front mic;
    // pcm1: the internal speaker.
    EXPECT_EQ(describe(layout), (Lines{"as 1 playback: 20/0 24/1 26/2 27/15", "as 2 playback: 21/0",
                                       "as 3 capture: 25/15"}));
    EXPECT_EQ(devices(layout), (Lines{"pcm0: as 1 + as 3", "pcm1: as 2 + -"}));
    EXPECT_EQ(layout.associations[0].headphone_redirect, 0);
}

TEST(Associations, TwoPinsOnOneSequenceDisableTheAssociation) {
    Codec codec;
    codec.widgets = {pin_widget(0x14, 0x01014010), pin_widget(0x15, 0x01011010),
                     pin_widget(0x18, 0x01a19020)};
    AssociationLayout layout = group_associations(codec);
    ASSERT_EQ(layout.associations.size(), 2u);
    ASSERT_EQ(layout.associations[0].problems.size(), 1u);
    EXPECT_EQ(layout.associations[0].problems[0], "pins 0x14 and 0x15 share sequence 0");
    // A disabled association gets no device; the capture one still does.
    EXPECT_EQ(devices(layout), (Lines{"pcm0: - + as 2"}));
}

TEST(Associations, PinsOfBothDirectionsDisableTheAssociation) {
    Codec codec;
    codec.widgets = {pin_widget(0x18, 0x01a19030), pin_widget(0x1b, 0x0221403f)};
    AssociationLayout layout = group_associations(codec);
    ASSERT_EQ(layout.associations.size(), 1u);
    const Association& association = layout.associations[0];
    EXPECT_EQ(association.direction, Direction::capture);  // the first pin decides
    ASSERT_EQ(association.problems.size(), 1u);
    EXPECT_EQ(association.problems[0], "0x1b (Headphones) is an output in a capture association");
    EXPECT_TRUE(layout.devices.empty());
}

TEST(Associations, EachPinOfAssociation15StandsAloneAfterTheOthers) {
    Codec codec;
    codec.widgets = {pin_widget(0x12, 0x90a601f0), pin_widget(0x14, 0x90170110),
                     pin_widget(0x1b, 0x022140f0), pin_widget(0x21, 0x022110ff)};
    AssociationLayout layout = group_associations(codec);
    EXPECT_EQ(describe(layout), (Lines{"as 1 playback: 20/0", "as 15 capture: 18/0",
                                       "as 15 playback: 27/0", "as 15 playback: 33/15"}));
    EXPECT_EQ(devices(layout), (Lines{"pcm0: as 1 + as 15", "pcm1: as 15 + -", "pcm2: as 15 + -"}));
    // A lone headphone at sequence 15 duplicates nothing.
    EXPECT_FALSE(layout.associations[3].headphone_redirect);
}

TEST(Associations, DigitalAndAnalogNeverShareADevice) {
    Codec codec;
    codec.widgets = {
        pin_widget(0x14, 0x01014010), pin_widget(0x1e, 0x01452120, k_digital_pin_wcaps),
        pin_widget(0x18, 0x01a19030), pin_widget(0x1f, 0x01c46140, k_digital_pin_wcaps)};
    AssociationLayout layout = group_associations(codec);
    EXPECT_EQ(devices(layout), (Lines{"pcm0: as 1 + as 3", "pcm1: as 2 + as 4"}));
    EXPECT_FALSE(layout.devices[0].digital);
    EXPECT_TRUE(layout.devices[1].digital);
    EXPECT_TRUE(layout.associations[1].digital);
}

TEST(Associations, AssociationZeroAndNoConnectionAreSkipped) {
    Codec codec;
    codec.widgets = {pin_widget(0x14, 0x01014000), pin_widget(0x15, 0x40014010),
                     pin_widget(0x16, 0x01014010)};
    AssociationLayout layout = group_associations(codec);
    ASSERT_EQ(layout.skipped.size(), 2u);
    EXPECT_EQ(layout.skipped[0].nid, 0x14);
    EXPECT_EQ(layout.skipped[0].reason, SkipReason::association_zero);
    EXPECT_EQ(layout.skipped[1].nid, 0x15);
    EXPECT_EQ(layout.skipped[1].reason, SkipReason::no_connection);
    EXPECT_EQ(describe(layout), (Lines{"as 1 playback: 22/0"}));
}

TEST(Associations, CaptureIsMixedWithOnePinOrASequence14Or15) {
    Codec codec;
    codec.widgets = {pin_widget(0x18, 0x01a19020), pin_widget(0x19, 0x02a1902e),
                     pin_widget(0x1a, 0x01813030), pin_widget(0x1b, 0x01813031)};
    AssociationLayout layout = group_associations(codec);
    ASSERT_EQ(layout.associations.size(), 2u);
    EXPECT_TRUE(layout.associations[0].mixed);   // sequence 14 in it
    EXPECT_FALSE(layout.associations[1].mixed);  // 0 and 1: multichannel
}

TEST(Associations, HeadphonesDuplicateTheLowestSequence) {
    Codec codec;
    codec.widgets = {pin_widget(0x14, 0x01014012), pin_widget(0x15, 0x01014014),
                     pin_widget(0x1b, 0x0221401f)};
    AssociationLayout layout = group_associations(codec);
    ASSERT_EQ(layout.associations.size(), 1u);
    EXPECT_EQ(layout.associations[0].headphone_redirect, 2);
}

TEST(Associations, OnlyPinComplexesWithAPinCount) {
    Codec codec;
    Widget mixer;
    mixer.nid = 0x0b;
    mixer.type = WidgetType::audio_mixer;
    Widget pin_without_config = pin_widget(0x13, 0x01014010);
    pin_without_config.pin.reset();
    codec.widgets = {mixer, pin_without_config, pin_widget(0x14, 0x01014010)};
    AssociationLayout layout = group_associations(codec);
    EXPECT_EQ(describe(layout), (Lines{"as 1 playback: 20/0"}));
    EXPECT_TRUE(layout.skipped.empty());
}

TEST(Associations, DirectionFollowsFreebsd) {
    EXPECT_EQ(device_direction(PinDevice::line_out), Direction::playback);
    EXPECT_EQ(device_direction(PinDevice::headphone), Direction::playback);
    EXPECT_EQ(device_direction(PinDevice::digital_out), Direction::playback);
    EXPECT_EQ(device_direction(PinDevice::cd), Direction::capture);
    EXPECT_EQ(device_direction(PinDevice::modem_line), Direction::capture);
    EXPECT_EQ(device_direction(PinDevice::other), Direction::capture);
}

}  // namespace
}  // namespace sndoctor::hda
