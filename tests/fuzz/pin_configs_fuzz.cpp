// Fuzz target: the pin configuration lists of sysfs (init_pin_configs, user_pin_configs) and
// FreeBSD pin hints, each line also read as a hint, on any bytes. Bad input may be refused with an
// InputError naming the file; anything else (a crash, another exception, a sanitizer report) is a
// bug.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"
#include "hda/pin_config.hpp"
#include "hda/sysfs_pins.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        std::vector<sndoctor::ParseProblem> problems;
        sndoctor::hda::parse_pin_config_list(text, "/sys/class/sound/hwC0D0/user_pin_configs",
                                             problems);
        for (const auto& line : sndoctor::split_lines(text)) {
            try {
                sndoctor::hda::parse_freebsd_hint(line.text, 0x411111f0, "hint", line.number);
            } catch (const sndoctor::InputError&) {
            }
        }
    } catch (const sndoctor::InputError&) {
        // A refusal that names the file is what bad input must get.
    }
    return 0;
}
