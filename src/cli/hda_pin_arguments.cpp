#include "cli/hda_pin_arguments.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "cli/options.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace sndoctor::cli {

namespace {

/// The decimal number right after `marker` ("20" after ".nid" in "hint.hdaa.0.nid20.config").
std::optional<int> number_after(std::string_view text, std::string_view marker) {
    auto at = text.find(marker);
    if (at == std::string_view::npos)
        return std::nullopt;
    at += marker.size();
    auto end = at;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])))
        ++end;
    auto number = parse_int(text.substr(at, end - at));
    if (!number)
        return std::nullopt;
    return static_cast<int>(*number);
}

}  // namespace

PinArgument parse_pin_argument(const std::string& argument, std::string_view command) {
    auto equals = argument.find('=');
    if (equals == std::string::npos)
        throw UsageError(std::string(command) +
                         " takes hints as NID=SPEC (0x14=\"as=1 seq=15\" or 0x14=0x90170110), "
                         "not '" +
                         argument + "'");
    PinArgument parsed;
    parsed.text = argument;
    std::string_view target = std::string_view(argument).substr(0, equals);
    std::string_view spec = std::string_view(argument).substr(equals + 1);
    if (target.rfind("hint.", 0) == 0) {
        auto nid = number_after(target, ".nid");
        if (!nid || target.size() < 7 || target.substr(target.size() - 7) != ".config")
            throw UsageError("'" + argument +
                             "' is not a pin hint (hint.hdaa.0.nid20.config=\"...\")");
        parsed.nid = *nid;
        parsed.codec_address = number_after(target, ".cad");
        if (spec.size() >= 2 && spec.front() == '"' && spec.back() == '"')
            spec = spec.substr(1, spec.size() - 2);
    } else {
        std::optional<std::int64_t> nid =
            target.rfind("nid", 0) == 0 ? parse_int(target.substr(3)) : parse_int(target);
        if (!nid || *nid < 0 || *nid > 0x7f)
            throw UsageError("'" + std::string(target) + "' in '" + argument +
                             "' is not a node id (0x14, 20 or nid20)");
        parsed.nid = static_cast<int>(*nid);
    }
    parsed.spec = std::string(spec);
    return parsed;
}

void check_pin_target(const PinArgument& argument, std::string_view codec_name, int codec_address,
                      const std::vector<int>& pins) {
    if (argument.codec_address && *argument.codec_address != codec_address)
        throw PinArgumentError("'" + argument.text + "' is for the codec at address " +
                               std::to_string(*argument.codec_address) + ", not " +
                               std::string(codec_name) + " at " + std::to_string(codec_address));
    if (std::find(pins.begin(), pins.end(), argument.nid) != pins.end())
        return;
    std::string list;
    for (int pin : pins)
        list += " " + hex(pin, 2);
    throw PinArgumentError("'" + argument.text + "': " + std::string(codec_name) + " has no pin " +
                           hex(argument.nid, 2) + " (its pins:" + (list.empty() ? " none" : list) +
                           ")");
}

hda::PinHint apply_pin_argument(const PinArgument& argument, std::uint32_t base) {
    try {
        return hda::parse_freebsd_hint(argument.spec, base, "hint for " + hex(argument.nid, 2));
    } catch (const InputError& e) {
        throw PinArgumentError(e.what());
    }
}

}  // namespace sndoctor::cli
