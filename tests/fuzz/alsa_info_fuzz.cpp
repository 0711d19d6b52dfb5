// Fuzz target: the alsa-info report reader, up to the in-memory root the checks read, on any bytes.
// Bad input may be refused with an InputError naming the file; anything else (a crash, another
// exception, a sanitizer report) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "report/alsa_info_reader.hpp"
#include "report/report_root.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        auto root = sndoctor::report::build_report_root(
            sndoctor::report::read_alsa_info(text, "report.txt"), "report.txt");
    } catch (const sndoctor::InputError&) {
        // A refusal that names the file is what bad input must get.
    }
    return 0;
}
