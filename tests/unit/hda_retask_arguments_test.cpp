// The pin arguments `hda pins` and `hda retask` share: their forms, the usage errors, and what
// they make of a codec's pin.
#include <gtest/gtest.h>

#include "cli/hda_pin_arguments.hpp"
#include "cli/options.hpp"

namespace sndoctor {
namespace {

using cli::PinArgument;

std::string usage_error(const std::string& argument) {
    try {
        cli::parse_pin_argument(argument, "retask");
    } catch (const cli::UsageError& e) {
        return e.what();
    }
    return "";
}

TEST(HdaPinArguments, ReadsEveryForm) {
    PinArgument hex = cli::parse_pin_argument("0x14=0x90170110", "retask");
    EXPECT_EQ(hex.nid, 0x14);
    EXPECT_EQ(hex.spec, "0x90170110");
    EXPECT_EQ(hex.codec_address, std::nullopt);
    EXPECT_EQ(hex.text, "0x14=0x90170110");
    EXPECT_EQ(cli::parse_pin_argument("20=as=1 seq=15", "retask").spec, "as=1 seq=15");
    EXPECT_EQ(cli::parse_pin_argument("nid20=as=1", "retask").nid, 20);
    PinArgument hint =
        cli::parse_pin_argument("hint.hdac.0.cad2.nid26.config=\"as=1 seq=15\"", "retask");
    EXPECT_EQ(hint.nid, 26) << "FreeBSD's node numbers are decimal";
    EXPECT_EQ(hint.codec_address, 2);
    EXPECT_EQ(hint.spec, "as=1 seq=15");
}

TEST(HdaPinArguments, WhatIsNoPinArgumentIsAUsageError) {
    EXPECT_NE(usage_error("as1").find("retask takes hints as NID=SPEC"), std::string::npos);
    EXPECT_NE(usage_error("0x80=0x1").find("is not a node id"), std::string::npos);
    EXPECT_NE(usage_error("hint.hdaa.0.config=\"as=1\"").find("is not a pin hint"),
              std::string::npos);
}

TEST(HdaPinArguments, TheTargetMustBeAPinOfThisCodec) {
    const std::vector<int> pins = {0x14, 0x21};
    EXPECT_NO_THROW(cli::check_pin_target(cli::parse_pin_argument("0x14=0x1", "retask"),
                                          "Realtek ALC269VB", 0, pins));
    try {
        cli::check_pin_target(cli::parse_pin_argument("0x30=0x1", "retask"), "Realtek ALC269VB", 0,
                              pins);
        ADD_FAILURE() << "0x30 taken for a pin";
    } catch (const cli::PinArgumentError& e) {
        EXPECT_STREQ(e.what(),
                     "'0x30=0x1': Realtek ALC269VB has no pin 0x30 (its pins: 0x14 0x21)");
    }
    try {
        cli::check_pin_target(cli::parse_pin_argument("hint.hdac.0.cad2.nid20.config=0x1", "x"),
                              "Realtek ALC269VB", 0, pins);
        ADD_FAILURE() << "a hint for codec 2 taken for codec 0";
    } catch (const cli::PinArgumentError& e) {
        EXPECT_NE(std::string(e.what()).find("is for the codec at address 2"), std::string::npos);
    }
}

TEST(HdaPinArguments, AHintChangesTheCurrentValue) {
    auto hint = cli::apply_pin_argument(
        cli::parse_pin_argument("0x1a=as=2 seq=15 device=Headphones conn=Jack loc=Left", "x"),
        0x411111f0);
    EXPECT_EQ(hint.value, 0x0321112fu);  // misc (NO_PRESENCE), ctype and colour kept
    EXPECT_THROW(cli::apply_pin_argument(cli::parse_pin_argument("0x14=device=Banana", "x"), 0),
                 cli::PinArgumentError);
}

}  // namespace
}  // namespace sndoctor
