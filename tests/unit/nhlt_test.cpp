#include "facts/nhlt.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"

namespace sndoctor {
namespace {

void put32(std::string& out, std::uint32_t value) {
    for (int i = 0; i < 4; ++i)
        out += static_cast<char>((value >> (8 * i)) & 0xff);
}

/// An endpoint descriptor with no link configuration (23 bytes).
std::string endpoint(std::uint8_t link, std::uint8_t direction) {
    std::string e;
    put32(e, 23);
    e += static_cast<char>(link);
    e += '\0';                        // instance
    e += std::string("\x86\x80", 2);  // vendor 8086
    e += std::string("\x20\xae", 2);  // device
    e += std::string("\x01\x00", 2);  // revision
    put32(e, 0);                      // subsystem
    e += '\0';                        // device type
    e += static_cast<char>(direction);
    e += '\0';    // virtual bus
    put32(e, 0);  // configuration size
    return e;
}

std::string table(const std::vector<std::string>& endpoints) {
    std::string body(1, static_cast<char>(endpoints.size()));
    for (const auto& e : endpoints)
        body += e;
    std::string t = "NHLT";
    put32(t, static_cast<std::uint32_t>(36 + body.size()));
    t += std::string(28, 'x');  // revision, checksum, OEM ids: not read
    return t + body;
}

TEST(Nhlt, FindsTheDigitalMicrophoneLink) {
    Nhlt nhlt = Nhlt::parse(table({endpoint(3, 0), endpoint(2, 1)}));
    ASSERT_EQ(nhlt.endpoints.size(), 2u);
    EXPECT_EQ(nhlt.endpoints[0].link, NhltLink::ssp);
    EXPECT_EQ(nhlt.endpoints[1].link, NhltLink::pdm);
    EXPECT_EQ(nhlt.endpoints[1].direction, 1);
    EXPECT_TRUE(nhlt.has_dmic());
}

TEST(Nhlt, SspOnlyHasNoDmic) {
    Nhlt nhlt = Nhlt::parse(table({endpoint(3, 0), endpoint(3, 1)}));
    EXPECT_FALSE(nhlt.has_dmic());
    EXPECT_FALSE(Nhlt::parse(table({})).has_dmic());
}

TEST(Nhlt, MalformedTablesAreRefusedWithAReason) {
    EXPECT_THROW(Nhlt::parse(""), InputError);
    EXPECT_THROW(Nhlt::parse(std::string(64, '\0')), InputError);
    std::string good = table({endpoint(2, 1)});
    // Cut inside the endpoint: the header's length no longer fits.
    EXPECT_THROW(Nhlt::parse(good.substr(0, good.size() - 5)), InputError);
    // An endpoint whose length runs past the table.
    std::string bad = table({endpoint(2, 1)});
    bad[37] = static_cast<char>(200);
    try {
        Nhlt::parse(bad);
        FAIL() << "a bad endpoint length was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("endpoint 1"), std::string::npos) << e.what();
        EXPECT_EQ(e.path(), Nhlt::k_path);
    }
}

}  // namespace
}  // namespace sndoctor
