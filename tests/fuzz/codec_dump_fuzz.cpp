// Fuzz target: the HD-Audio codec dump parser (/proc/asound/cardN/codec#M), on any bytes. Bad input
// may be refused with an InputError naming the file; anything else (a crash, another exception, a
// sanitizer report) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "hda/codec_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        sndoctor::hda::parse_codec_dump(text, "/proc/asound/card0/codec#0");
    } catch (const sndoctor::InputError&) {
        // A refusal that names the file is what bad input must get.
    }
    return 0;
}
