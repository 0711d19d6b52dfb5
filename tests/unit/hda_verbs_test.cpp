// Verb encoding and decoding, the names of verbs and parameters, the range rules, and which
// verbs need --force.
#include "hda/verbs.hpp"

#include <gtest/gtest.h>

#include "core/text.hpp"

namespace sndoctor::hda {
namespace {

TEST(HdaVerbs, WidthAndDirectionFollowTheTopNibble) {
    EXPECT_EQ(verb_width(0xf00), VerbWidth::twelve_bit);
    EXPECT_EQ(verb_width(0x715), VerbWidth::twelve_bit);
    EXPECT_EQ(verb_width(0x300), VerbWidth::four_bit);
    EXPECT_EQ(verb_width(0xb00), VerbWidth::four_bit);
    EXPECT_EQ(verb_direction(0xf1c), VerbDirection::get);
    EXPECT_EQ(verb_direction(0xa00), VerbDirection::get);
    EXPECT_EQ(verb_direction(0x71f), VerbDirection::set);
    EXPECT_EQ(verb_direction(0x200), VerbDirection::set);
}

TEST(HdaVerbs, EncodesTwelveBitVerbs) {
    Verb verb = make_verb(0x01, 0xf00, 0x11);  // PARAMETERS GPIO_CAP on the AFG
    EXPECT_EQ(verb_field(verb), 0xf0011u);
    EXPECT_EQ(command_word(0, verb), 0x001f0011u);
    EXPECT_EQ(command_word(2, verb), 0x201f0011u);
    EXPECT_EQ(hwdep_word(verb), 0x010f0011u);
}

TEST(HdaVerbs, EncodesFourBitVerbsWithTheirSixteenBitPayload) {
    // Unmute both channels of an output amp at gain 0x00 (hda.md 3.1: 0x300 + 0xb080 -> 0x3b080).
    Verb verb = make_verb(0x14, 0x300, 0xb080);
    EXPECT_EQ(verb_field(verb), 0x3b080u);
    EXPECT_EQ(command_word(0, verb), 0x0143b080u);
    EXPECT_EQ(hwdep_word(verb), 0x1403b080u);
}

TEST(HdaVerbs, FoldsTheHdaVerbStyleOfAFourBitVerb) {
    // hda-verb accepts "0x3b0 0x80": the payload's high byte inside the verb.
    EXPECT_EQ(make_verb(0x14, 0x3b0, 0x80), (Verb{0x14, 0x300, 0xb080}));
    EXPECT_THROW(make_verb(0x14, 0x3b0, 0x180), VerbError);
}

TEST(HdaVerbs, DecodesWhatItEncodes) {
    for (const Verb& verb :
         {Verb{0x01, 0xf00, 0x11}, Verb{0x14, 0x300, 0xb080}, Verb{0x7f, 0x71f, 0xff},
          Verb{0x00, 0xa00, 0xffff}, Verb{0x20, 0x500, 0x0007}}) {
        for (int codec : {0, 3, 15}) {
            DecodedCommand decoded = decode_command(command_word(codec, verb));
            EXPECT_EQ(decoded.codec_address, codec);
            EXPECT_EQ(decoded.verb, verb) << hex(command_word(codec, verb), 8);
        }
    }
    // The kernel tracepoint's example word (hda.md 3.1): codec 0, NID 0x0e, SET_AMP_GAIN_MUTE
    // of the left output amp, gain 0x19.
    DecodedCommand traced = decode_command(0x00e3a019);
    EXPECT_EQ(traced.verb, (Verb{0x0e, 0x300, 0xa019}));
}

TEST(HdaVerbs, RangeRules) {
    EXPECT_NO_THROW(make_verb(0x7f, 0xf00, 0));
    EXPECT_THROW(make_verb(0x80, 0xf00, 0), VerbError);  // NID > 0x7f
    EXPECT_THROW(make_verb(-1, 0xf00, 0), VerbError);
    EXPECT_THROW(make_verb(0x01, 0x1000, 0), VerbError);     // verb > 0xfff
    EXPECT_THROW(make_verb(0x01, 0x715, 0x100), VerbError);  // 12-bit verb, payload > 0xff
    EXPECT_NO_THROW(make_verb(0x01, 0x715, 0xff));
    EXPECT_THROW(make_verb(0x14, 0x300, 0x10000), VerbError);  // 4-bit verb, payload > 0xffff
    EXPECT_NO_THROW(make_verb(0x14, 0x300, 0xffff));
    EXPECT_THROW(make_verb(0x14, 0x300, -5), VerbError);
    try {
        make_verb(0x01, 0xf1c, 0x100);
        FAIL() << "a 9-bit payload on a 12-bit verb was taken";
    } catch (const VerbError& e) {
        EXPECT_NE(std::string(e.what()).find("8 bits"), std::string::npos) << e.what();
    }
}

TEST(HdaVerbs, NamesEveryVerbAndParameterOfTheTables) {
    EXPECT_EQ(verb_name(0xf00).value(), "PARAMETERS");
    EXPECT_EQ(verb_name(0x715).value(), "SET_GPIO_DATA");
    EXPECT_EQ(verb_name(0x71f).value(), "SET_CONFIG_DEFAULT_BYTES_3");
    EXPECT_EQ(verb_name(0x7ff).value(), "SET_CODEC_RESET");
    EXPECT_EQ(verb_name(0x720).value(), "SET_SUBSYSTEM_ID1");
    EXPECT_EQ(verb_name(0xf36).value(), "GET_DEVICE_LIST");
    EXPECT_FALSE(verb_name(0xfec));  // IDT's vendor verb has no standard name
    EXPECT_EQ(parameter_name(0x00).value(), "VENDOR_ID");
    EXPECT_EQ(parameter_name(0x11).value(), "GPIO_CAP");
    EXPECT_EQ(parameter_name(0x20).value(), "HDMI_LPCM_CAP");
    EXPECT_FALSE(parameter_name(0x03));
    // Each name leads back to its own value.
    for (const auto& entry : verb_names())
        EXPECT_EQ(parse_verb(entry.name), entry.value) << entry.name;
    for (const auto& entry : parameter_names())
        EXPECT_EQ(parse_parameter(entry.name), entry.value) << entry.name;
    EXPECT_GE(verb_names().size(), 80u);
    EXPECT_EQ(parameter_names().size(), 19u);
}

TEST(HdaVerbs, ParsesNamesLikeHdaVerbAndNumbers) {
    EXPECT_EQ(parse_verb("GET_PARAMETERS"), 0xf00u);
    EXPECT_EQ(parse_verb("parameters"), 0xf00u);
    EXPECT_EQ(parse_verb("AC_VERB_SET_GPIO_MASK"), 0x716u);
    EXPECT_EQ(parse_verb("set_gpio_data"), 0x715u);
    EXPECT_EQ(parse_verb("set_a"), 0x300u);     // hda-verb README: "2 set_a 0xb080"
    EXPECT_EQ(parse_verb("SET_EAPD"), 0x788u);  // exact beats being a prefix of SET_EAPD_BTLENABLE
    EXPECT_EQ(parse_verb("0xf1c"), 0xf1cu);
    EXPECT_EQ(parse_verb("3840"), 0xf00u);
    EXPECT_EQ(parse_parameter("gpio_cap"), 0x11u);
    EXPECT_EQ(parse_parameter("AC_PAR_VENDOR_ID"), 0x00u);
    EXPECT_EQ(parse_parameter("0x0c"), 0x0cu);
    EXPECT_THROW(parse_verb("SET_FROBNICATE"), VerbError);
    EXPECT_THROW(parse_verb("0x1000"), VerbError);
    EXPECT_THROW(parse_verb("12abc"), VerbError);
    EXPECT_THROW(parse_verb(""), VerbError);
    EXPECT_THROW(parse_parameter("0x100"), VerbError);
    try {
        parse_verb("set_gpio");
        FAIL() << "an ambiguous prefix was taken";
    } catch (const VerbError& e) {
        std::string message = e.what();
        EXPECT_NE(message.find("SET_GPIO_DATA"), std::string::npos) << message;
        EXPECT_NE(message.find("SET_GPIO_MASK"), std::string::npos) << message;
    }
}

TEST(HdaVerbs, ReadbackOfEachSetReadsWhatItChanges) {
    EXPECT_EQ(readback_verb({0x01, 0x715, 0x03}), (Verb{0x01, 0xf15, 0}));
    EXPECT_EQ(readback_verb({0x14, 0x70c, 0x02}), (Verb{0x14, 0xf0c, 0}));
    for (std::uint32_t byte = 0x71c; byte <= 0x71f; ++byte)
        EXPECT_EQ(readback_verb({0x18, byte, 0x90}), (Verb{0x18, 0xf1c, 0}));
    EXPECT_EQ(readback_verb({0x01, 0x722, 0x12}), (Verb{0x01, 0xf20, 0}));
    // Amp: output, right channel, as the set names it; input index 2 left.
    EXPECT_EQ(readback_verb({0x0c, 0x300, 0x9000 | 0x1f}), (Verb{0x0c, 0xb00, 0x8000}));
    EXPECT_EQ(readback_verb({0x0b, 0x300, 0x6280}), (Verb{0x0b, 0xb00, 0x2002}));
    EXPECT_EQ(readback_verb({0x20, 0x500, 0x07}), (Verb{0x20, 0xd00, 0}));
    EXPECT_FALSE(readback_verb({0x01, 0x7ff, 0}));
    EXPECT_FALSE(readback_verb({0x14, 0x709, 0}));
    EXPECT_FALSE(readback_verb({0x01, 0xf15, 0}));  // a GET has nothing to read back
    EXPECT_FALSE(readback_verb({0x20, 0x7a0, 0}));  // vendor verb: its get is unknown
}

TEST(HdaVerbs, ResetAndFunctionGroupPowerDownNeedForce) {
    EXPECT_TRUE(risky_verb_reason({0x01, 0x7ff, 0}, true));
    EXPECT_TRUE(risky_verb_reason({0x14, 0x7ff, 0}, false));
    EXPECT_TRUE(risky_verb_reason({0x01, 0x705, 3}, true));
    EXPECT_TRUE(risky_verb_reason({0x01, 0x705, 4}, true));
    EXPECT_FALSE(risky_verb_reason({0x01, 0x705, 0}, true));   // D0 wakes it: fine
    EXPECT_FALSE(risky_verb_reason({0x14, 0x705, 3}, false));  // a widget, not the group
    EXPECT_FALSE(risky_verb_reason({0x01, 0x715, 1}, true));
    auto reason = risky_verb_reason({0x01, 0x705, 4}, true);
    ASSERT_TRUE(reason);
    EXPECT_NE(reason->find("D3cold"), std::string::npos) << *reason;
}

TEST(HdaVerbs, HexUsesTheGivenWidth) {
    EXPECT_EQ(hex(0x1, 2), "0x01");
    EXPECT_EQ(hex(0xf00, 3), "0xf00");
    EXPECT_EQ(hex(0x10ec0269, 8), "0x10ec0269");
    EXPECT_EQ(hex(0, 0), "0x0");
}

}  // namespace
}  // namespace sndoctor::hda
