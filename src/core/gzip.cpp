#include "core/gzip.hpp"

#include <zlib.h>

#include "core/error.hpp"

namespace sndoctor {

std::string gunzip(const std::string& path, std::string_view data, std::size_t cap,
                   std::string_view what) {
    z_stream stream{};
    // 16 + MAX_WBITS: a gzip header and trailer, nothing else.
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        throw InputError(path, "cannot start zlib");
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char buffer[65536];
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<Bytef*>(buffer);
        stream.avail_out = sizeof buffer;
        status = inflate(&stream, Z_NO_FLUSH);
        std::size_t produced = sizeof buffer - stream.avail_out;
        if (status != Z_OK && status != Z_STREAM_END) {
            std::string reason = status == Z_BUF_ERROR ? "the gzip data ends early (truncated)"
                                 : stream.msg != nullptr
                                     ? std::string("not valid gzip data: ") + stream.msg
                                     : "not valid gzip data";
            inflateEnd(&stream);
            throw InputError(path, reason);
        }
        if (out.size() + produced > cap) {
            inflateEnd(&stream);
            throw InputError(path, "expands to more than the " + std::to_string(cap) +
                                       "-byte limit for " + std::string(what));
        }
        out.append(buffer, produced);
    }
    inflateEnd(&stream);
    return out;
}

}  // namespace sndoctor
