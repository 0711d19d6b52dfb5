#include "hda/persist.hpp"

#include <gtest/gtest.h>

namespace sndoctor::hda {
namespace {

Codec codec_with_pin() {
    Codec codec;
    codec.vendor_id = 0x10ec0272;
    codec.subsystem_id = 0x1028040b;
    codec.address = 0;
    Widget pin;
    pin.nid = 0x15;
    pin.type = WidgetType::pin_complex;
    pin.pin = Pin{};
    pin.pin->default_config = 0x411111f0;
    codec.widgets.push_back(pin);
    return codec;
}

ExperimentEntry set(int nid, std::uint32_t verb, std::uint32_t payload,
                    std::optional<std::uint32_t> before, std::uint32_t response = 0,
                    int codec = 0) {
    ExperimentEntry entry;
    entry.codec = codec;
    entry.verb = {nid, verb, payload};
    entry.response = response;
    entry.before = before;
    return entry;
}

TEST(HdaPersist, GpioLinesBecomeVerbsInMaskDirectionDataOrder) {
    auto changes = session_changes(
        codec_with_pin(), {}, {},
        {set(1, 0x715, 0x01, 0x00), set(1, 0x716, 0x01, 0x00), set(1, 0x717, 0x01, 0x00),
         set(1, 0x715, 0x03, 0x01), set(1, 0x716, 0x03, 0x01), set(1, 0x717, 0x03, 0x01)});
    EXPECT_EQ(changes.patch.verbs,
              (std::vector<InitVerb>{{1, 0x716, 3}, {1, 0x717, 3}, {1, 0x715, 3}}));
    EXPECT_EQ(changes.patch.vendor_id, 0x10ec0272u);
    EXPECT_TRUE(changes.not_carried.empty());
}

TEST(HdaPersist, ConfigurationBytesFoldIntoOneValuePerPin) {
    auto changes =
        session_changes(codec_with_pin(), {}, {},
                        {set(0x15, 0x71c, 0x20, 0x411111f0), set(0x15, 0x71d, 0x01, 0x411111f0),
                         set(0x15, 0x71e, 0x17, 0x411101f0), set(0x15, 0x71f, 0x90, 0x411701f0)});
    ASSERT_EQ(changes.patch.pincfg.size(), 1u);
    EXPECT_EQ(changes.patch.pincfg[0], (std::pair<int, std::uint32_t>{0x15, 0x90170120}));
}

TEST(HdaPersist, WhatWasPutBackOrRefusedOrForAnotherCodecIsLeftOut) {
    auto changes = session_changes(
        codec_with_pin(), {}, {},
        {set(0x14, 0x70c, 0x00, 0x02), set(0x14, 0x70c, 0x02, 0x00),  // EAPD off, then on
         set(1, 0x716, 0x04, 0x00, k_no_response),                    // refused
         set(1, 0x716, 0x08, 0x00, 0, 2),                             // codec 2
         set(0x15, 0x71f, 0x90, 0x411111f0), set(0x15, 0x71f, 0x41, 0x901111f0)});
    EXPECT_TRUE(changes.empty());
}

TEST(HdaPersist, SysfsOverridesComeFirstAndTheLogWins) {
    auto changes = session_changes(
        codec_with_pin(), {{0x15, 0x01014010}, {0x1b, 0x0321403f}}, {{"jack_detect", "no"}},
        {set(0x15, 0x71f, 0x90, 0x01014010), set(0x02, 0x300, 0xb080, 0)});
    EXPECT_EQ(changes.patch.pincfg,
              (std::vector<std::pair<int, std::uint32_t>>{{0x15, 0x90014010}, {0x1b, 0x0321403f}}));
    EXPECT_EQ(changes.patch.hints.size(), 1u);
    ASSERT_EQ(changes.not_carried.size(), 1u);
    EXPECT_EQ(changes.not_carried[0], "SET_AMP_GAIN_MUTE 0xb080 on node 0x02");
}

}  // namespace
}  // namespace sndoctor::hda
