// Fuzz target: Gentoo's package.mask, and each of its lines as a package atom, on any bytes. Bad
// input may be refused with an InputError naming the file; anything else (a crash, another
// exception, a sanitizer report) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "core/text.hpp"
#include "facts/portage_state.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        sndoctor::PortageState::parse_mask_file("/etc/portage/package.mask", text);
        for (const auto& line : sndoctor::split_lines(text))
            sndoctor::PackageAtom::parse(line.text);
    } catch (const sndoctor::InputError&) {
        // A refusal that names the file is what bad input must get.
    }
    return 0;
}
