#include "core/gzip.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include "core/error.hpp"

namespace sndoctor {
namespace {

std::string gzip(const std::string& text) {
    z_stream stream{};
    EXPECT_EQ(
        deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
        Z_OK);
    std::string out(deflateBound(&stream, text.size()), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    stream.avail_in = static_cast<uInt>(text.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

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
