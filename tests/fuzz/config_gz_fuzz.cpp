// Fuzz target: the gzip reader (/proc/config.gz, .ko.gz modules), capped as the program caps it, on
// any bytes. Bad input may be refused with an InputError naming the file; anything else (a crash,
// another exception, a sanitizer report) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "core/gzip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        sndoctor::gunzip("/proc/config.gz", text, 1 << 20, "the fuzz cap");
    } catch (const sndoctor::InputError&) {
        // A refusal that names the file is what bad input must get.
    }
    return 0;
}
