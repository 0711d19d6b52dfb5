// Fuzz target: a kernel configuration (.config, /boot/config-*), on any bytes. Bad input may be
// refused with an InputError naming the file; anything else (a crash, another exception, a
// sanitizer report) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "facts/kernel_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        sndoctor::KernelConfig::parse("/boot/config-6.1.0", std::string(text));
    } catch (const sndoctor::InputError&) {
        // A refusal that names the file is what bad input must get.
    }
    return 0;
}
