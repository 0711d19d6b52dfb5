// sndoctor hda pins: the pins' default configurations as a table like the FreeBSD driver's
// verbose output, and how their associations group them into playback and capture devices.
// Pin values can be changed for the view with FreeBSD hints given as arguments, to see what a
// hint (or a retask) would make of the codec before anything is written.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/hda_commands.hpp"
#include "cli/hda_pin_arguments.hpp"
#include "cli/hda_source.hpp"
#include "core/text.hpp"
#include "hda/associations.hpp"
#include "hda/pin_config.hpp"

namespace sndoctor::cli {

namespace {

using Json = nlohmann::ordered_json;

/// Pin capabilities bit 2 (parameter 0x0c): the jack reports whether something is plugged in.
constexpr std::uint32_t k_pincap_presence_detect = 1u << 2;

/// A pin value changed by a hint on the command line.
struct Change {
    int nid = 0;
    std::uint32_t before = 0;
    std::uint32_t after = 0;
    std::string hint;  ///< the hint as given
};

/// One codec as the command shows it: after the hints, with what they changed and said.
struct PinView {
    const SourcedCodec* sourced = nullptr;
    hda::Codec codec;
    std::vector<Change> changes;
    std::vector<ParseProblem> hint_warnings;
    hda::AssociationLayout layout;
};

/// The pins of a codec, in node order.
std::vector<int> pin_nids(const hda::Codec& codec) {
    std::vector<int> pins;
    for (const auto& widget : codec.widgets)
        if (widget.pin)
            pins.push_back(widget.nid);
    return pins;
}

void apply_hint(PinView& view, const PinArgument& hint) {
    try {
        check_pin_target(hint, view.codec.name, view.codec.address, pin_nids(view.codec));
        for (auto& widget : view.codec.widgets) {
            if (widget.nid != hint.nid || !widget.pin)
                continue;
            std::uint32_t before = widget.pin->default_config;
            hda::PinHint parsed = apply_pin_argument(hint, before);
            widget.pin->default_config = parsed.value;
            view.changes.push_back({hint.nid, before, parsed.value, hint.text});
            view.hint_warnings.insert(view.hint_warnings.end(), parsed.warnings.begin(),
                                      parsed.warnings.end());
            return;
        }
    } catch (const PinArgumentError& e) {
        throw UsageError(e.what());
    }
}

std::vector<PinView> build_views(const CodecSource& source, const Options& options) {
    std::vector<PinArgument> hints;
    for (const auto& argument : options.arguments)
        hints.push_back(parse_pin_argument(argument, "pins"));
    std::vector<PinView> views;
    if (!hints.empty()) {
        // A hint names a node of one codec: with several, --codec says which.
        const SourcedCodec& sourced = only_codec(source);
        views.push_back({&sourced, sourced.codec, {}, {}, {}});
    } else {
        for (const auto& sourced : source.codecs)
            views.push_back({&sourced, sourced.codec, {}, {}, {}});
    }
    for (auto& view : views) {
        for (const auto& hint : hints)
            apply_hint(view, hint);
        view.layout = hda::group_associations(view.codec);
    }
    return views;
}

// --- text -------------------------------------------------------------------------------------

/// The pin at `sequence` in an association.
const hda::AssociationPin* at_sequence(const hda::Association& association, int sequence) {
    for (const auto& pin : association.pins)
        if (pin.config.sequence == sequence)
            return &pin;
    return nullptr;
}

/// Whether the jack of `nid` can tell when something is plugged in: the pin detects presence
/// (pincap bit 2) and its configuration does not deny it (misc bit 0).
bool detects_presence(const hda::Codec& codec, int nid) {
    const hda::Widget* widget = codec.widget(nid);
    if (!widget || !widget->pin)
        return false;
    return (widget->pin->pincap & k_pincap_presence_detect) != 0 &&
           !hda::PinConfig::decode(widget->pin->default_config).no_presence();
}

std::string pin_list(const hda::Association& association) {
    std::string text;
    for (const auto& pin : association.pins)
        text += (text.empty() ? "" : ", ") + hex(pin.nid, 2) + " " +
                std::string(hda::freebsd_device_name(pin.config.device)) + " seq " +
                std::to_string(pin.config.sequence);
    return text;
}

/// What the association does beyond its list of pins, one line each.
std::vector<std::string> association_notes(const hda::Codec& codec,
                                           const hda::Association& association) {
    std::vector<std::string> notes;
    for (const auto& problem : association.problems)
        notes.push_back("disabled by FreeBSD: " + problem);
    if (association.headphone_redirect) {
        const hda::AssociationPin* headphones = at_sequence(association, 15);
        const hda::AssociationPin* first =
            at_sequence(association, *association.headphone_redirect);
        if (headphones && first)
            notes.push_back("the headphones at " + hex(headphones->nid, 2) + " play what " +
                            hex(first->nid, 2) + " plays" +
                            (detects_presence(codec, headphones->nid)
                                 ? " and mute it when plugged in"
                                 : "; the jack cannot detect a plug, so nothing is muted"));
    }
    if (association.direction == hda::Direction::capture && association.pins.size() > 1)
        notes.push_back(association.mixed ? "one ADC: the pins are its sources, chosen or mixed"
                                          : "an ADC for each pin: they record side by side");
    return notes;
}

std::string render_table(const PinView& view) {
    std::string out;
    char line[200];
    std::snprintf(line, sizeof line, "  %-5s %-10s %3s %3s  %-13s %-5s %-7s %-10s %-7s %4s\n",
                  "nid", "value", "as", "seq", "device", "conn", "jack", "loc", "colour", "misc");
    out += line;
    for (const auto& widget : view.codec.widgets) {
        if (widget.type != hda::WidgetType::pin_complex || !widget.pin)
            continue;
        auto config = hda::PinConfig::decode(widget.pin->default_config);
        bool changed = std::any_of(view.changes.begin(), view.changes.end(),
                                   [&](const Change& change) { return change.nid == widget.nid; });
        std::snprintf(
            line, sizeof line, "  %-5s %-10s %3d %3d  %-13s %-5s %-7s %-10s %-7s %4d%s\n",
            hex(widget.nid, 2).c_str(), hex(widget.pin->default_config, 8).c_str(),
            config.association, config.sequence,
            std::string(hda::freebsd_device_name(config.device)).c_str(),
            std::string(hda::freebsd_connectivity_name(config.connectivity)).c_str(),
            std::string(hda::freebsd_connection_type_name(config.connection_type)).c_str(),
            hda::freebsd_location_name(config.location).c_str(),
            std::string(hda::freebsd_color_name(config.color)).c_str(), config.misc,
            changed ? "  (hint)" : "");
        out += line;
    }
    return out;
}

std::string render_layout(const PinView& view) {
    const hda::AssociationLayout& layout = view.layout;
    std::string out;
    if (layout.associations.empty()) {
        out += "  No associations: no pin is connected with an association of 1 to 15.\n";
    } else {
        out += "  Associations:\n";
        for (const auto& association : layout.associations) {
            char head[64];
            std::snprintf(head, sizeof head, "    as %-2d %-8s %s", association.number,
                          std::string(hda::to_string(association.direction)).c_str(),
                          association.digital ? "digital " : "");
            out += head + pin_list(association) + "\n";
            for (const auto& note : association_notes(view.codec, association))
                out += "             " + note + "\n";
        }
    }
    if (!layout.devices.empty()) {
        out += "  Devices, as FreeBSD pairs the associations:\n";
        for (const auto& device : layout.devices) {
            std::string parts;
            auto part = [&](const char* what, const std::optional<std::size_t>& slot) {
                if (slot)
                    parts += (parts.empty() ? "" : ", ") + std::string(what) + " as " +
                             std::to_string(layout.associations[*slot].number);
            };
            part("playback", device.playback);
            part("capture", device.capture);
            out += "    pcm" + std::to_string(device.index) + "  " + parts +
                   (device.digital ? " (digital)" : "") + "\n";
        }
    }
    std::map<hda::SkipReason, std::string> skipped;
    for (const auto& pin : layout.skipped)
        skipped[pin.reason] += " " + hex(pin.nid, 2);
    for (const auto& [reason, nids] : skipped)
        out += "  Not grouped (" + std::string(hda::to_string(reason)) + "):" + nids + "\n";
    return out;
}

std::string render_text(const CodecSource& source, const std::vector<PinView>& views) {
    std::string out = describe(source) + "\n";
    for (const auto& view : views) {
        const hda::Codec& codec = view.codec;
        out += "\nCodec " + std::to_string(codec.address) + ": " + codec.name + " (" +
               view.sourced->path + ")\n";
        for (const auto& change : view.changes)
            out += "  hint " + change.hint + ": " + hex(change.before, 8) + " -> " +
                   hex(change.after, 8) + "\n";
        bool has_pins =
            std::any_of(codec.widgets.begin(), codec.widgets.end(), [](const hda::Widget& widget) {
                return widget.type == hda::WidgetType::pin_complex && widget.pin;
            });
        if (!has_pins) {
            out += "  No pin complexes.\n";
            continue;
        }
        out += render_table(view);
        out += render_layout(view);
    }
    return out;
}

// --- JSON -------------------------------------------------------------------------------------

Json optional_index(const std::optional<std::size_t>& slot) {
    return slot ? Json(*slot) : Json(nullptr);
}

Json warnings_json(const std::vector<ParseProblem>& problems) {
    Json list = Json::array();
    for (const auto& problem : problems)
        list.push_back(
            {{"path", problem.path}, {"line", problem.line}, {"reason", problem.reason}});
    return list;
}

Json codec_json(const PinView& view) {
    const hda::Codec& codec = view.codec;
    Json pins = Json::array();
    for (const auto& widget : codec.widgets) {
        if (widget.type != hda::WidgetType::pin_complex || !widget.pin)
            continue;
        Json pin = {{"nid", widget.nid}};
        pin.update(hda::to_json(hda::PinConfig::decode(widget.pin->default_config)));
        for (const auto& change : view.changes)
            if (change.nid == widget.nid)
                pin["changed_from"] = hex(change.before, 8);
        pins.push_back(std::move(pin));
    }
    Json associations = Json::array();
    for (std::size_t i = 0; i < view.layout.associations.size(); ++i) {
        const auto& association = view.layout.associations[i];
        Json members = Json::array();
        for (const auto& pin : association.pins)
            members.push_back({{"nid", pin.nid}, {"sequence", pin.config.sequence}});
        bool capture = association.direction == hda::Direction::capture;
        associations.push_back({{"index", i},
                                {"number", association.number},
                                {"direction", hda::to_string(association.direction)},
                                {"digital", association.digital},
                                {"enabled", association.enabled()},
                                {"problems", association.problems},
                                {"pins", std::move(members)},
                                {"headphone_redirect", association.headphone_redirect
                                                           ? Json(*association.headphone_redirect)
                                                           : Json(nullptr)},
                                {"mixed", capture ? Json(association.mixed) : Json(nullptr)}});
    }
    Json devices = Json::array();
    for (const auto& device : view.layout.devices)
        devices.push_back({{"index", device.index},
                           {"playback", optional_index(device.playback)},
                           {"capture", optional_index(device.capture)},
                           {"digital", device.digital}});
    Json skipped = Json::array();
    for (const auto& pin : view.layout.skipped)
        skipped.push_back({{"nid", pin.nid}, {"reason", hda::to_string(pin.reason)}});
    std::vector<ParseProblem> warnings = codec.warnings;
    warnings.insert(warnings.end(), view.hint_warnings.begin(), view.hint_warnings.end());
    return {{"address", codec.address},
            {"name", codec.name},
            {"path", view.sourced->path},
            {"vendor_id", hex(codec.vendor_id, 8)},
            {"subsystem_id", hex(codec.subsystem_id, 8)},
            {"pins", std::move(pins)},
            {"associations", std::move(associations)},
            {"devices", std::move(devices)},
            {"skipped", std::move(skipped)},
            {"warnings", warnings_json(warnings)}};
}

std::string render_json(const CodecSource& source, const std::vector<PinView>& views) {
    Json codecs = Json::array();
    for (const auto& view : views)
        codecs.push_back(codec_json(view));
    Json document = {{"schema", "sndoctor.hda-pins/1"},
                     {"tool_version", SNDOCTOR_VERSION},
                     {"origin", describe(source)},
                     {"codecs", std::move(codecs)}};
    // Names from a hand-edited dump may not be UTF-8: replace rather than abort the output.
    return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

int run_hda_pins(const Options& options) {
    CodecSource source = load_codecs(options);
    std::vector<PinView> views = build_views(source, options);
    // What the parse or a hint found wrong goes to stderr with the text view; the JSON carries
    // it in each codec's "warnings".
    if (!options.json)
        for (const auto& view : views) {
            for (const auto& warning : view.codec.warnings)
                std::cerr << "sndoctor: warning: " << warning.path
                          << (warning.line > 0 ? ":" + std::to_string(warning.line) : "") << ": "
                          << warning.reason << "\n";
            for (const auto& warning : view.hint_warnings)
                std::cerr << "sndoctor: warning: " << warning.path << ": " << warning.reason
                          << "\n";
        }
    std::cout << (options.json ? render_json(source, views) : render_text(source, views));
    return 0;
}

}  // namespace sndoctor::cli
