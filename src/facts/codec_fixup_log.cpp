#include "facts/codec_fixup_log.hpp"

#include "core/text.hpp"

namespace sndoctor {

namespace {

/// The chip name before `at` in "... hdaudioC0D0: ALC287: picked" or "hda_codec: ALC662 rev1:
/// BIOS auto-probing.": the text after the previous ": " (chip names may hold a blank).
std::string chip_before(std::string_view line, std::size_t at) {
    std::string_view head = line.substr(0, at);
    while (!head.empty() && (head.back() == ' ' || head.back() == ':'))
        head.remove_suffix(1);
    auto colon = head.rfind(": ");
    std::string_view chip;
    if (colon != std::string_view::npos) {
        chip = head.substr(colon + 2);
    } else {
        auto start = head.find_last_of(" ]");
        chip = start == std::string_view::npos ? head : head.substr(start + 1);
    }
    chip = trim(chip);
    // "hda_codec" and a device name are who printed it, not the chip.
    if (chip == "hda_codec" || chip.starts_with("hdaudioC") || chip.starts_with("ehdaudio"))
        return "";
    return std::string(chip);
}

/// "hdaudioC0D2" (or SOF's "ehdaudio0D2") anywhere in the line → card and address.
void device_of(std::string_view line, FixupLine& parsed) {
    for (std::string_view prefix : {"hdaudioC", "ehdaudio"}) {
        auto at = line.find(prefix);
        if (at == std::string_view::npos)
            continue;
        std::string_view rest = line.substr(at + prefix.size());
        auto d = rest.find('D');
        auto end = rest.find_first_not_of("0123456789", d == std::string_view::npos ? 0 : d + 1);
        if (d == std::string_view::npos || d == 0)
            continue;
        auto card = parse_int(rest.substr(0, d));
        auto address = parse_int(rest.substr(
            d + 1, end == std::string_view::npos ? std::string_view::npos : end - d - 1));
        if (card && address && *card >= 0 && *address >= 0 && *card < 0x10000 && *address < 16) {
            parsed.card = static_cast<int>(*card);
            parsed.address = static_cast<int>(*address);
            return;
        }
    }
}

}  // namespace

std::optional<FixupLine> parse_fixup_line(std::string_view line) {
    FixupLine parsed;
    if (auto at = line.find(": picked no fixup"); at != std::string_view::npos) {
        parsed.event = FixupEvent::no_fixup;
        parsed.chip = chip_before(line, at);
        parsed.matched = "nofixup specified";
    } else if (auto at = line.find(": picked fixup "); at != std::string_view::npos) {
        parsed.event = FixupEvent::picked;
        parsed.chip = chip_before(line, at);
        std::string_view rest = line.substr(at + std::string_view(": picked fixup ").size());
        // "<name> for PCI SSID 17aa:38bb" (the name may hold blanks), or "<name> (pin match)".
        if (auto paren = rest.rfind(" ("); paren != std::string_view::npos && rest.ends_with(")")) {
            parsed.fixup = std::string(trim(rest.substr(0, paren)));
            parsed.matched = std::string(rest.substr(paren + 2, rest.size() - paren - 3));
        } else if (auto for_at = rest.rfind("for ");
                   for_at != std::string_view::npos && (for_at == 0 || rest[for_at - 1] == ' ')) {
            parsed.fixup = std::string(trim(rest.substr(0, for_at)));
            parsed.matched = std::string(trim(rest.substr(for_at + 4)));
        } else {
            parsed.fixup = std::string(trim(rest));
        }
    } else if (auto at = line.find("autoconfig for "); at != std::string_view::npos) {
        parsed.event = FixupEvent::autoconfig;
        std::string_view rest = line.substr(at + std::string_view("autoconfig for ").size());
        auto colon = rest.find(':');
        if (colon == std::string_view::npos)
            return std::nullopt;
        parsed.chip = std::string(rest.substr(0, colon));
    } else if (line.find("autoconfig: line_outs=") != std::string_view::npos) {
        parsed.event = FixupEvent::autoconfig;
    } else if (auto at = line.find(": BIOS auto-probing."); at != std::string_view::npos) {
        parsed.event = FixupEvent::bios_auto_probing;
        parsed.chip = chip_before(line, at);
    } else if (auto at = line.find("hda_codec: model '"); at != std::string_view::npos) {
        std::string_view rest = line.substr(at + std::string_view("hda_codec: model '").size());
        auto quote = rest.find("' is selected");
        if (quote == std::string_view::npos)
            return std::nullopt;
        parsed.event = FixupEvent::model_selected;
        parsed.fixup = std::string(rest.substr(0, quote));
        parsed.matched = std::string(trim(rest.substr(quote + 13)));
    } else {
        return std::nullopt;
    }
    device_of(line, parsed);
    return parsed;
}

}  // namespace sndoctor
