#include "core/gzip.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "file_text.hpp"

namespace sndoctor {
namespace {

using testing::gzip;

std::string reason_of(const std::string& data, std::size_t cap) {
    try {
        gunzip("/proc/config.gz", data, cap, "a kernel configuration");
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), "/proc/config.gz");
        return e.reason();
    }
    return "no error";
}

TEST(Gzip, InflatesWhatGzipWrote) {
    std::string text(200000, 'x');
    text += "CONFIG_SND=m\n";
    EXPECT_EQ(gunzip("f.gz", gzip(text), 1 << 20, "a test"), text);
}

TEST(Gzip, NamesWhatIsWrongWithBadData) {
    std::string packed = gzip(std::string(100000, 'y'));
    EXPECT_EQ(reason_of(packed.substr(0, packed.size() / 2), 1 << 20),
              "the gzip data ends early (truncated)");
    EXPECT_NE(reason_of("CONFIG_SND=m\n", 1 << 20).find("not valid gzip data"), std::string::npos);
    EXPECT_EQ(reason_of(packed, 1000),
              "expands to more than the 1000-byte limit for a kernel configuration");
}

}  // namespace
}  // namespace sndoctor
