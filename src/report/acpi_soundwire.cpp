#include "report/acpi_soundwire.hpp"

#include "core/text.hpp"
#include "report/section_files.hpp"

namespace sndoctor::report {

std::string_view soundwire_vendor(std::uint64_t address) {
    // _ADR of a SoundWire peripheral: link id in bits 51..48, SoundWire version and unique id
    // in 47..40, the MIPI manufacturer id in 39..24, part id and class below. alsa-info matches
    // the manufacturer digits of the 16-digit text the kernel prints for such addresses; the
    // number says the same without depending on the text's width.
    switch ((address >> 24) & 0xffff) {
        case 0x025d:
            return "Realtek";
        case 0x01fa:
            return "Cirrus Logic";
        case 0x0102:
            return "TI";
        default:
            return {};
    }
}

std::optional<Section> soundwire_section(const AcpiAddresses& acpi,
                                         std::vector<ParseProblem>& problems) {
    if (!acpi.present)
        return std::nullopt;
    std::string text;
    for (const auto& address : acpi.addresses) {
        const std::string& path = address.path;
        if (address.error) {
            problems.push_back(
                {address.error->path(), address.error->line(), address.error->reason()});
            continue;
        }
        if (!address.text)
            continue;
        const std::string& content = *address.text;
        std::string adr(trim(std::string_view(content).substr(0, content.find('\n'))));
        auto value = parse_int(adr);
        if (!value) {
            if (!adr.empty())
                problems.push_back({path, 1, "\"" + clip(adr, 40) + "\" is no address"});
            continue;
        }
        auto vendor = soundwire_vendor(static_cast<std::uint64_t>(*value));
        if (!vendor.empty())
            text += std::string(vendor) + " " + adr + "\n";  // `echo $SWVENDOR $ACPI_ADR`
    }
    return Section{std::string(k_soundwire_title), text, {}, 0};
}

}  // namespace sndoctor::report
