#include "hda/pin_config.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/text.hpp"

namespace sndoctor::hda {
namespace {

/// A decode with the dump text Linux prints for it (../shared/knowledge/hda.md section 2).
struct WorkedDecode {
    std::uint32_t value;
    Connectivity connectivity;
    int location;
    PinDevice device;
    int connection_type;
    int color;
    int misc;
    int association;
    int sequence;
    const char* linux_text;
    const char* conn_color;
};

class WorkedDecodes : public ::testing::TestWithParam<WorkedDecode> {};

TEST_P(WorkedDecodes, DecodeEveryFieldAndPrintAsLinuxDoes) {
    const WorkedDecode& expected = GetParam();
    PinConfig config = PinConfig::decode(expected.value);
    EXPECT_EQ(config.connectivity, expected.connectivity);
    EXPECT_EQ(config.location, expected.location);
    EXPECT_EQ(config.device, expected.device);
    EXPECT_EQ(config.connection_type, expected.connection_type);
    EXPECT_EQ(config.color, expected.color);
    EXPECT_EQ(config.misc, expected.misc);
    EXPECT_EQ(config.association, expected.association);
    EXPECT_EQ(config.sequence, expected.sequence);
    EXPECT_EQ(config.encode(), expected.value);
    EXPECT_EQ(linux_pin_default_text(config), expected.linux_text);
    EXPECT_EQ(linux_conn_color_text(config), expected.conn_color);
}

using C = Connectivity;
using D = PinDevice;

// The two values hda.md works through, then hdajackretask's presets (hda.md section 2).
INSTANTIATE_TEST_SUITE_P(
    HdaMd, WorkedDecodes,
    ::testing::Values(WorkedDecode{0x411111f0, C::none, 0x01, D::speaker, 1, 1, 1, 0xf, 0,
                                   "[N/A] Speaker at Ext Rear", "Conn = 1/8, Color = Black"},
                      WorkedDecode{0x90170110, C::fixed, 0x10, D::speaker, 7, 0, 1, 1, 0,
                                   "[Fixed] Speaker at Int N/A", "Conn = Analog, Color = Unknown"},
                      WorkedDecode{0x0321403f, C::jack, 0x03, D::headphone, 1, 4, 0, 3, 0xf,
                                   "[Jack] HP Out at Ext Left", "Conn = 1/8, Color = Green"},
                      WorkedDecode{0x03a19020, C::jack, 0x03, D::mic, 1, 9, 0, 2, 0,
                                   "[Jack] Mic at Ext Left", "Conn = 1/8, Color = Pink"},
                      WorkedDecode{0x01014010, C::jack, 0x01, D::line_out, 1, 4, 0, 1, 0,
                                   "[Jack] Line Out at Ext Rear", "Conn = 1/8, Color = Green"},
                      WorkedDecode{0x01014011, C::jack, 0x01, D::line_out, 1, 4, 0, 1, 1,
                                   "[Jack] Line Out at Ext Rear", "Conn = 1/8, Color = Green"},
                      WorkedDecode{0x01014012, C::jack, 0x01, D::line_out, 1, 4, 0, 1, 2,
                                   "[Jack] Line Out at Ext Rear", "Conn = 1/8, Color = Green"},
                      WorkedDecode{0x01014013, C::jack, 0x01, D::line_out, 1, 4, 0, 1, 3,
                                   "[Jack] Line Out at Ext Rear", "Conn = 1/8, Color = Green"},
                      WorkedDecode{0x0181304f, C::jack, 0x01, D::line_in, 1, 3, 0, 4, 0xf,
                                   "[Jack] Line In at Ext Rear", "Conn = 1/8, Color = Blue"},
                      WorkedDecode{0x90170150, C::fixed, 0x10, D::speaker, 7, 0, 1, 5, 0,
                                   "[Fixed] Speaker at Int N/A", "Conn = Analog, Color = Unknown"},
                      WorkedDecode{0x90a60160, C::fixed, 0x10, D::mic, 6, 0, 1, 6, 0,
                                   "[Fixed] Mic at Int N/A", "Conn = Digital, Color = Unknown"},
                      WorkedDecode{0x18560070, C::jack, 0x18, D::digital_out, 6, 0, 0, 7, 0,
                                   "[Jack] Digital Out at Int HDMI",
                                   "Conn = Digital, Color = Unknown"},
                      WorkedDecode{0x014b1180, C::jack, 0x01, D::spdif_out, 0xb, 1, 1, 8, 0,
                                   "[Jack] SPDIF Out at Ext Rear", "Conn = Comb, Color = Black"},
                      WorkedDecode{0x01cb6190, C::jack, 0x01, D::spdif_in, 0xb, 6, 1, 9, 0,
                                   "[Jack] SPDIF In at Ext Rear", "Conn = Comb, Color = Orange"},
                      WorkedDecode{0x222140af, C::jack, 0x22, D::headphone, 1, 4, 0, 0xa, 0xf,
                                   "[Jack] HP Out at Sep Front", "Conn = 1/8, Color = Green"},
                      WorkedDecode{0x22a190a0, C::jack, 0x22, D::mic, 1, 9, 0, 0xa, 0,
                                   "[Jack] Mic at Sep Front", "Conn = 1/8, Color = Pink"},
                      WorkedDecode{0x220140b0, C::jack, 0x22, D::line_out, 1, 4, 0, 0xb, 0,
                                   "[Jack] Line Out at Sep Front", "Conn = 1/8, Color = Green"},
                      WorkedDecode{0x228130bf, C::jack, 0x22, D::line_in, 1, 3, 0, 0xb, 0xf,
                                   "[Jack] Line In at Sep Front", "Conn = 1/8, Color = Blue"},
                      WorkedDecode{0x40f000f0, C::none, 0x00, D::other, 0, 0, 0, 0xf, 0,
                                   "[N/A] Other at Ext N/A", "Conn = Unknown, Color = Unknown"}));

TEST(PinConfig, EachFieldSitsInItsOwnBits) {
    PinConfig config;
    config.connectivity = Connectivity::both;
    EXPECT_EQ(config.encode(), 0xc0000000u);
    config = {};
    config.location = 0x3f;
    EXPECT_EQ(config.encode(), 0x3f000000u);
    config = {};
    config.device = PinDevice::other;
    EXPECT_EQ(config.encode(), 0x00f00000u);
    config = {};
    config.connection_type = 0xf;
    EXPECT_EQ(config.encode(), 0x000f0000u);
    config = {};
    config.color = 0xf;
    EXPECT_EQ(config.encode(), 0x0000f000u);
    config = {};
    config.misc = 0xf;
    EXPECT_EQ(config.encode(), 0x00000f00u);
    config = {};
    config.association = 0xf;
    EXPECT_EQ(config.encode(), 0x000000f0u);
    config = {};
    config.sequence = 0xf;
    EXPECT_EQ(config.encode(), 0x0000000fu);
}

TEST(PinConfig, EveryValueOfEveryFieldRoundTrips) {
    // Each field through its whole range, the others at a value of their own, both ways.
    PinConfig base = PinConfig::decode(0x9ba5c3d7);
    for (int c = 0; c < 4; ++c) {
        PinConfig config = base;
        config.connectivity = static_cast<Connectivity>(c);
        EXPECT_EQ(PinConfig::decode(config.encode()), config);
    }
    for (int value = 0; value < 64; ++value) {
        PinConfig config = base;
        config.location = static_cast<std::uint8_t>(value);
        EXPECT_EQ(PinConfig::decode(config.encode()), config);
    }
    for (int value = 0; value < 16; ++value) {
        auto bits = static_cast<std::uint8_t>(value);
        for (auto field : {&PinConfig::connection_type, &PinConfig::color, &PinConfig::misc,
                           &PinConfig::association, &PinConfig::sequence}) {
            PinConfig config = base;
            config.*field = bits;
            EXPECT_EQ(PinConfig::decode(config.encode()), config);
        }
        PinConfig config = base;
        config.device = static_cast<PinDevice>(value);
        EXPECT_EQ(PinConfig::decode(config.encode()), config);
    }
}

TEST(PinConfig, AnyRegisterValueRoundTrips) {
    std::uint32_t value = 1;
    for (int i = 0; i < 100000; ++i) {
        value = value * 1664525u + 1013904223u;  // a fixed pseudo-random walk over the values
        ASSERT_EQ(PinConfig::decode(value).encode(), value) << hex(value, 8);
    }
    EXPECT_EQ(PinConfig::decode(0xffffffff).encode(), 0xffffffffu);
    EXPECT_EQ(PinConfig::decode(0).encode(), 0u);
}

TEST(PinConfig, EncodeMasksAFieldSetOutOfRange) {
    PinConfig config;
    config.association = 0x1f;  // only the low four bits belong to the association
    EXPECT_EQ(config.encode(), 0x000000f0u);
}

TEST(PinConfig, NoPresenceIsMiscBitZero) {
    EXPECT_TRUE(PinConfig::decode(0x411111f0).no_presence());
    EXPECT_TRUE(PinConfig::decode(0x99130110).no_presence());
    EXPECT_FALSE(PinConfig::decode(0x01014020).no_presence());
    EXPECT_FALSE(PinConfig::decode(0x02a1983f).no_presence());  // misc 8: bit 0 clear
}

TEST(LinuxNames, SpecialLocationsAndUnnamedValues) {
    EXPECT_EQ(linux_location_name(0x07), "Ext Rear Panel");
    EXPECT_EQ(linux_location_name(0x08), "Ext Drive Bar");
    EXPECT_EQ(linux_location_name(0x17), "Int Riser");
    EXPECT_EQ(linux_location_name(0x18), "Int HDMI");
    EXPECT_EQ(linux_location_name(0x19), "Int ATAPI");
    EXPECT_EQ(linux_location_name(0x37), "Oth Mobile-In");
    EXPECT_EQ(linux_location_name(0x38), "Oth Mobile-Out");
    EXPECT_EQ(linux_location_name(0x09), "Ext UNKNOWN");
    // Below 7 the geometric word comes from the low nibble under any gross location.
    EXPECT_EQ(linux_location_name(0x36), "Oth Bottom");
    EXPECT_EQ(linux_location_name(0x24), "Sep Right");
    EXPECT_EQ(linux_color_name(0xa), "UNKNOWN");
    EXPECT_EQ(linux_color_name(0xe), "White");
    EXPECT_EQ(linux_connection_type_name(0xa), "RJ11");
    EXPECT_EQ(linux_connection_type_name(0xc), "UNKNOWN");
    EXPECT_EQ(linux_device_name(PinDevice::modem_handset), "Modem Hand");
    EXPECT_EQ(linux_connectivity_name(Connectivity::none), "N/A");
}

TEST(FreebsdNames, AsTheDriverPrintsThem) {
    EXPECT_EQ(freebsd_connectivity_name(Connectivity::none), "None");
    EXPECT_EQ(freebsd_device_name(PinDevice::headphone), "Headphones");
    EXPECT_EQ(freebsd_device_name(PinDevice::reserved), "Res.E");
    EXPECT_EQ(freebsd_connection_type_name(0xb), "Combo");
    EXPECT_EQ(freebsd_connection_type_name(0xc), "0xc");
    EXPECT_EQ(freebsd_color_name(0xa), "Res.A");
    EXPECT_EQ(freebsd_location_name(0x01), "Rear");
    EXPECT_EQ(freebsd_location_name(0x19), "Onboard");
    EXPECT_EQ(freebsd_location_name(0x36), "Other-Bott");
    EXPECT_EQ(freebsd_location_name(0x00), "0x00");
    EXPECT_EQ(freebsd_location_name(0x27), "0x27");
}

TEST(FreebsdHint, PrintsEveryFieldInSysctlOrder) {
    EXPECT_EQ(freebsd_hint_text(PinConfig::decode(0x01014020)),
              "as=2 seq=0 device=Line-out conn=Jack ctype=1/8 loc=Rear color=Green misc=0");
    EXPECT_EQ(freebsd_hint_text(PinConfig::decode(0x99130110)),
              "as=1 seq=0 device=Speaker conn=Fixed ctype=ATAPI loc=Onboard color=Unknown misc=1");
}

TEST(FreebsdHint, ItsOwnTextReadsBackToTheSameValueFromAnyBase) {
    std::uint32_t value = 7;
    for (int i = 0; i < 20000; ++i) {
        value = value * 1664525u + 1013904223u;
        std::string text = freebsd_hint_text(PinConfig::decode(value));
        PinHint hint = parse_freebsd_hint(text, ~value, "test");
        ASSERT_EQ(hint.value, value) << text;
        ASSERT_TRUE(hint.warnings.empty()) << text;
    }
}

TEST(FreebsdHint, WholeValueReplacesTheBase) {
    EXPECT_EQ(parse_freebsd_hint("0x90170110", 0x411111f0, "t").value, 0x90170110u);
    EXPECT_EQ(parse_freebsd_hint("  0X411111F0 ", 0, "t").value, 0x411111f0u);
}

TEST(FreebsdHint, PairsChangeOnlyTheirFields) {
    // snd_hda(4), Example 1 and 2 on the HP Compaq DX2300's line out (nid 20).
    EXPECT_EQ(parse_freebsd_hint("as=1", 0x01014020, "t").value, 0x01014010u);
    EXPECT_EQ(parse_freebsd_hint("as=1 seq=15 device=Headphones", 0x01014020, "t").value,
              0x0121401fu);
    EXPECT_EQ(parse_freebsd_hint("conn=None", 0x01014020, "t").value, 0x41014020u);
    EXPECT_EQ(parse_freebsd_hint("misc=1\tcolor=Black", 0x01014020, "t").value, 0x01011120u);
}

TEST(FreebsdHint, NamesInAnyCaseAndNumbersDecimalOrHex) {
    EXPECT_EQ(parse_freebsd_hint("device=headphones conn=FIXED", 0, "t").value,
              parse_freebsd_hint("device=2 conn=2", 0, "t").value);
    EXPECT_EQ(parse_freebsd_hint("loc=0x19", 0, "t").value, 0x19000000u);
    EXPECT_EQ(parse_freebsd_hint("loc=25", 0, "t").value, 0x19000000u);
    EXPECT_EQ(parse_freebsd_hint("loc=onboard", 0, "t").value, 0x19000000u);
    EXPECT_EQ(parse_freebsd_hint("ctype=rj-11 color=res.a", 0, "t").value, 0x000aa000u);
}

TEST(FreebsdHint, ALaterPairWins) {
    EXPECT_EQ(parse_freebsd_hint("as=1 as=3", 0, "t").value, 0x30u);
}

TEST(FreebsdHint, UnknownKeysAreWarnedAboutAndChangeNothing) {
    PinHint hint = parse_freebsd_hint("foo=1 as=2 AS=3", 0x01014010, "device.hints", 7);
    EXPECT_EQ(hint.value, 0x01014020u);
    ASSERT_EQ(hint.warnings.size(), 2u);
    EXPECT_EQ(hint.warnings[0].path, "device.hints");
    EXPECT_EQ(hint.warnings[0].line, 7);
    EXPECT_NE(hint.warnings[0].reason.find("'foo'"), std::string::npos);
    EXPECT_NE(hint.warnings[1].reason.find("'AS'"), std::string::npos);
}

/// The message of the InputError a hint raises, or "" when it parses.
std::string hint_error(const std::string& spec) {
    try {
        parse_freebsd_hint(spec, 0x01014020, "--pin 0x14", 3);
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), "--pin 0x14");
        EXPECT_EQ(e.line(), 3);
        return e.reason();
    }
    return "";
}

TEST(FreebsdHint, ErrorsNameThePairAndWhatWasWrong) {
    EXPECT_NE(hint_error("").find("empty"), std::string::npos);
    EXPECT_NE(hint_error("   ").find("empty"), std::string::npos);
    EXPECT_NE(hint_error("as 1").find("'as' is not key=value"), std::string::npos);
    EXPECT_NE(hint_error("as=").find("'as=' has no value"), std::string::npos);
    EXPECT_NE(hint_error("as=16").find("as takes 0-15"), std::string::npos);
    EXPECT_NE(hint_error("seq=-1").find("seq takes 0-15"), std::string::npos);
    EXPECT_NE(hint_error("conn=4").find("conn takes 0-3"), std::string::npos);
    EXPECT_NE(hint_error("loc=64").find("loc takes 0-63"), std::string::npos);
    EXPECT_NE(hint_error("as=one").find("as takes a number"), std::string::npos);
    std::string device = hint_error("device=Headphone");
    EXPECT_NE(device.find("'device=Headphone': not a device type"), std::string::npos);
    EXPECT_NE(device.find("Headphones"), std::string::npos);
    EXPECT_NE(hint_error("0x123456789").find("at most 8 hex digits"), std::string::npos);
    EXPECT_NE(hint_error("0xZZ").find("at most 8 hex digits"), std::string::npos);
    EXPECT_EQ(hint_error("as=1"), "");
}

TEST(PinConfigJson, CarriesBothNamesAndTheTexts) {
    auto json = to_json(PinConfig::decode(0x0221401f));
    EXPECT_EQ(json["value"], "0x0221401f");
    EXPECT_EQ(json["connectivity"]["linux"], "Jack");
    EXPECT_EQ(json["device"]["value"], 2);
    EXPECT_EQ(json["device"]["linux"], "HP Out");
    EXPECT_EQ(json["device"]["freebsd"], "Headphones");
    EXPECT_EQ(json["location"]["linux"], "Ext Front");
    EXPECT_EQ(json["location"]["freebsd"], "Front");
    EXPECT_EQ(json["color"]["freebsd"], "Green");
    EXPECT_EQ(json["association"], 1);
    EXPECT_EQ(json["sequence"], 15);
    EXPECT_EQ(json["no_presence"], false);
    EXPECT_EQ(json["linux"], "[Jack] HP Out at Ext Front");
    EXPECT_EQ(json["freebsd_hint"],
              "as=1 seq=15 device=Headphones conn=Jack ctype=1/8 loc=Front color=Green misc=0");
}

TEST(PinConfigNames, FreebsdNamesOfAFieldAreDistinct) {
    // The hint parser finds a value by its name, so no two values of a field share one.
    std::set<std::string> devices, colors, types, locations;
    for (int value = 0; value < 16; ++value) {
        auto bits = static_cast<std::uint8_t>(value);
        devices.insert(std::string(freebsd_device_name(static_cast<PinDevice>(value))));
        colors.insert(std::string(freebsd_color_name(bits)));
        types.insert(std::string(freebsd_connection_type_name(bits)));
    }
    for (int value = 0; value < 64; ++value)
        locations.insert(freebsd_location_name(static_cast<std::uint8_t>(value)));
    EXPECT_EQ(devices.size(), 16u);
    EXPECT_EQ(colors.size(), 16u);
    EXPECT_EQ(types.size(), 16u);
    EXPECT_EQ(locations.size(), 64u);
}

}  // namespace
}  // namespace sndoctor::hda
