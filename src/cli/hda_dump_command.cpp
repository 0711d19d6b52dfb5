// sndoctor hda dump: the parsed codec model, as JSON (schema "sndoctor.codec/1") or a summary.
#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/hda_commands.hpp"
#include "cli/hda_source.hpp"
#include "core/text.hpp"
#include "hda/pin_config.hpp"

namespace sndoctor::cli {

namespace {

using Json = nlohmann::ordered_json;

template <class T, class Convert>
Json optional_json(const std::optional<T>& value, Convert convert) {
    return value ? convert(*value) : Json(nullptr);
}

std::string_view source_name(const CodecSource& source) {
    return source.kind == CodecSourceKind::dump ? "dump" : to_string(source.root_source);
}

Json amp_caps_json(const hda::AmpCaps& caps) {
    return {{"raw", hex(caps.raw, 8)},
            {"offset", caps.offset},
            {"steps", caps.steps},
            {"step_size", caps.step_size},
            {"mute", caps.mute}};
}

Json amp_json(const hda::Amp& amp) {
    return {{"caps", optional_json(amp.caps, amp_caps_json)}, {"values", amp.values}};
}

Json pcm_json(const hda::PcmCaps& pcm) {
    return {
        {"rates", hex(pcm.rates, 3)}, {"bits", hex(pcm.bits, 2)}, {"formats", hex(pcm.formats, 1)}};
}

Json power_json(const hda::PowerState& power) {
    return {{"setting", power.setting}, {"actual", power.actual}, {"flags", power.flags}};
}

Json controls_json(const std::vector<hda::Control>& controls) {
    Json list = Json::array();
    for (const auto& control : controls)
        list.push_back({{"name", control.name},
                        {"index", control.index},
                        {"device", control.device},
                        {"amp", optional_json(control.amp, [](const hda::ControlAmp& amp) {
                             return Json{{"channels", amp.channels},
                                         {"direction",
                                          amp.direction == hda::AmpDirection::input ? "in" : "out"},
                                         {"index", amp.index},
                                         {"offset", amp.offset}};
                         })}});
    return list;
}

/// The fields every widget has (null when the widget lacks one), then the details only some
/// widgets have, left out when absent.
Json widget_json(const hda::Widget& widget) {
    Json json = {
        {"nid", widget.nid},
        {"type", hda::widget_type_name(widget.type)},
        {"wcaps", hex(widget.wcaps, 8)},
        {"channels", widget.channels()},
        {"line", widget.line},
        {"amps",
         {{"in", optional_json(widget.amp_in, amp_json)},
          {"out", optional_json(widget.amp_out, amp_json)}}},
        {"connections", widget.connections},
        {"selected", optional_json(widget.selected, [](int index) { return Json(index); })},
        {"power", optional_json(widget.power, power_json)},
        {"unsol", optional_json(widget.unsol,
                                [](const hda::Unsolicited& unsol) {
                                    return Json{{"tag", unsol.tag}, {"enabled", unsol.enabled}};
                                })},
        {"controls", controls_json(widget.controls)},
    };
    if (widget.power_caps)
        json["power_caps"] = hex(*widget.power_caps, 8);
    if (widget.driver_connections)
        json["driver_connections"] = *widget.driver_connections;
    if (!widget.pcm_devices.empty()) {
        Json devices = Json::array();
        for (const auto& device : widget.pcm_devices)
            devices.push_back(
                {{"name", device.name}, {"type", device.type}, {"device", device.device}});
        json["pcm_devices"] = std::move(devices);
    }
    if (widget.converter)
        json["converter"] = {{"stream", widget.converter->stream},
                             {"channel", widget.converter->channel}};
    if (widget.sdi_select)
        json["sdi_select"] = *widget.sdi_select;
    if (widget.digital)
        json["digital"] = {{"dig1", hex(widget.digital->dig1, 2)},
                           {"category", widget.digital->category},
                           {"coding_type", widget.digital->coding_type},
                           {"keep_alive", widget.digital->keep_alive}};
    if (widget.pcm)
        json["pcm"] = pcm_json(*widget.pcm);
    if (widget.volume_knob)
        json["volume_knob"] = {{"delta", widget.volume_knob->delta},
                               {"steps", widget.volume_knob->steps},
                               {"direct", widget.volume_knob->direct},
                               {"value", widget.volume_knob->value}};
    if (widget.processing) {
        const auto& processing = *widget.processing;
        Json coefficients = Json::array();
        for (const auto& [index, value] : processing.coefficients)
            coefficients.push_back({{"index", index}, {"value", hex(value, 4)}});
        json["processing"] = {
            {"benign", processing.benign},
            {"coefficient_count", processing.coefficient_count},
            {"coefficients", std::move(coefficients)},
            {"coefficient_index",
             optional_json(processing.coefficient_index,
                           [](std::uint32_t value) { return Json(hex(value, 2)); })},
            {"coefficient_value", optional_json(processing.coefficient_value,
                                                [](std::uint32_t v) { return Json(hex(v, 4)); })}};
    }
    if (!widget.mst_devices.empty()) {
        Json devices = Json::array();
        for (const auto& device : widget.mst_devices)
            devices.push_back(
                {{"index", device.index},
                 {"current", device.current},
                 {"presence", device.presence},
                 {"eld_valid", device.eld_valid},
                 {"inactive", device.inactive},
                 {"connections", device.connections},
                 {"selected", optional_json(device.selected, [](int i) { return Json(i); })}});
        json["mst_devices"] = std::move(devices);
    }
    if (!widget.extra.empty())
        json["extra"] = widget.extra;
    return json;
}

/// A pin: the raw registers and the default configuration decoded with the kernel's names.
Json pin_json(const hda::Widget& widget) {
    const hda::Pin& pin = *widget.pin;
    auto config = hda::PinConfig::decode(pin.default_config);
    return {
        {"nid", widget.nid},
        {"default_config", hex(pin.default_config, 8)},
        {"connectivity", hda::linux_connectivity_name(config.connectivity)},
        {"location", hda::linux_location_name(config.location)},
        {"device", hda::linux_device_name(config.device)},
        {"connection_type", hda::linux_connection_type_name(config.connection_type)},
        {"color", hda::linux_color_name(config.color)},
        {"misc", config.misc},
        {"no_presence", config.no_presence()},
        {"association", config.association},
        {"sequence", config.sequence},
        {"pincap", hex(pin.pincap, 8)},
        {"vref_caps",
         optional_json(pin.vref_caps, [](std::uint32_t v) { return Json(hex(v, 2)); })},
        {"pin_ctls", optional_json(pin.pin_ctls, [](std::uint32_t v) { return Json(hex(v, 2)); })},
        {"eapd", optional_json(pin.eapd, [](std::uint32_t v) { return Json(hex(v, 1)); })},
    };
}

Json gpio_json(const hda::Gpio& gpio) {
    Json lines = Json::array();
    for (const auto& line : gpio.lines)
        lines.push_back({{"index", line.index},
                         {"enable", line.enable},
                         {"dir", line.dir},
                         {"wake", line.wake},
                         {"sticky", line.sticky},
                         {"data", line.data},
                         {"unsol", line.unsol}});
    return {{"io", gpio.io},     {"o", gpio.o},
            {"i", gpio.i},       {"unsolicited", gpio.unsolicited},
            {"wake", gpio.wake}, {"lines", std::move(lines)}};
}

Json codec_json(const SourcedCodec& sourced) {
    const hda::Codec& codec = sourced.codec;
    Json widgets = Json::array();
    Json pins = Json::array();
    for (const auto& widget : codec.widgets) {
        widgets.push_back(widget_json(widget));
        if (widget.pin)
            pins.push_back(pin_json(widget));
    }
    Json warnings = Json::array();
    for (const auto& warning : codec.warnings)
        warnings.push_back(
            {{"path", warning.path}, {"line", warning.line}, {"reason", warning.reason}});
    auto hex_id = [](std::uint32_t value) { return Json(hex(value, 1)); };
    return {
        {"address", codec.address},
        {"path", sourced.path},
        {"card", optional_json(sourced.card, [](int card) { return Json(card); })},
        {"line", codec.line},
        {"name", codec.name},
        {"vendor_id", hex(codec.vendor_id, 8)},
        {"subsystem_id", hex(codec.subsystem_id, 8)},
        {"revision_id", hex(codec.revision_id, 8)},
        {"afg_function_id", optional_json(codec.afg_function_id, hex_id)},
        {"afg_unsol", codec.afg_unsol},
        {"mfg_function_id", optional_json(codec.mfg_function_id, hex_id)},
        {"mfg_unsol", codec.mfg_unsol},
        {"afg_nid", codec.afg_nid},
        {"mfg_nid", optional_json(codec.mfg_nid, [](int nid) { return Json(nid); })},
        {"default_pcm", optional_json(codec.default_pcm, pcm_json)},
        {"default_amp_in_caps", optional_json(codec.default_amp_in_caps, amp_caps_json)},
        {"default_amp_out_caps", optional_json(codec.default_amp_out_caps, amp_caps_json)},
        {"afg_power", optional_json(codec.afg_power, power_json)},
        {"afg_power_caps",
         optional_json(codec.afg_power_caps, [](std::uint32_t v) { return Json(hex(v, 8)); })},
        {"afg_controls", controls_json(codec.afg_controls)},
        {"nodes", codec.widgets.size()},
        {"widgets", std::move(widgets)},
        {"pins", std::move(pins)},
        {"gpio", optional_json(codec.gpio, gpio_json)},
        {"extra", codec.extra},
        {"warnings", std::move(warnings)},
    };
}

std::string render_json(const CodecSource& source) {
    Json codecs = Json::array();
    for (const auto& codec : source.codecs)
        codecs.push_back(codec_json(codec));
    Json document = {{"schema", "sndoctor.codec/1"},
                     {"tool_version", SNDOCTOR_VERSION},
                     {"source", source_name(source)},
                     {"origin", source.location},
                     {"card", optional_json(source.card, [](int card) { return Json(card); })},
                     {"codecs", std::move(codecs)}};
    // Text from a hand-edited dump may not be UTF-8: replace it rather than abort the output.
    return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

/// "35 nodes: 2 Audio Output, 2 Audio Input, ...", in the kernel's type order.
std::string node_summary(const hda::Codec& codec) {
    std::map<hda::WidgetType, int> counts;
    for (const auto& widget : codec.widgets)
        ++counts[widget.type];
    std::string text = plural(codec.widgets.size(), "node", "nodes");
    std::string separator = ": ";
    for (const auto& [type, count] : counts) {
        text += separator + std::to_string(count) + " " + std::string(hda::widget_type_name(type));
        separator = ", ";
    }
    return text;
}

std::string gpio_summary(const hda::Gpio& gpio) {
    std::string text = "  GPIO: io=" + std::to_string(gpio.io) + ", o=" + std::to_string(gpio.o) +
                       ", i=" + std::to_string(gpio.i) + "\n";
    for (const auto& line : gpio.lines)
        text += "    IO[" + std::to_string(line.index) + "] enable=" + std::to_string(line.enable) +
                " dir=" + std::to_string(line.dir) + " data=" + std::to_string(line.data) + "\n";
    return text;
}

std::string render_text(const CodecSource& source) {
    std::string out =
        describe(source) + ": " + plural(source.codecs.size(), "codec", "codecs") + "\n";
    for (const auto& sourced : source.codecs) {
        const hda::Codec& codec = sourced.codec;
        out += "\nCodec " + std::to_string(codec.address) + ": " + codec.name + " (" +
               sourced.path + ")\n";
        out += "  vendor " + hex(codec.vendor_id, 8) + ", subsystem " + hex(codec.subsystem_id, 8) +
               ", revision " + hex(codec.revision_id, 8) + "\n";
        out += "  " + node_summary(codec) + "\n";
        bool pins_seen = false;
        for (const auto& widget : codec.widgets) {
            if (!widget.pin)
                continue;
            if (!pins_seen)
                out += "  pins:\n";
            pins_seen = true;
            const hda::Pin& pin = *widget.pin;
            auto config = hda::PinConfig::decode(pin.default_config);
            out += "    " + hex(static_cast<std::uint32_t>(widget.nid), 2) + "  " +
                   hex(pin.default_config, 8) + "  " + hda::linux_pin_default_text(config);
            if (pin.pin_ctls)
                out += ", pin-ctls " + hex(*pin.pin_ctls, 2);
            if (pin.eapd)
                out += ", EAPD " + hex(*pin.eapd, 1);
            out += "\n";
        }
        if (codec.gpio)
            out += gpio_summary(*codec.gpio);
        if (!codec.warnings.empty()) {
            out += "  " + plural(codec.warnings.size(), "warning", "warnings") + ":\n";
            for (const auto& warning : codec.warnings)
                out += "    " + warning.path +
                       (warning.line > 0 ? ":" + std::to_string(warning.line) : "") + ": " +
                       warning.reason + "\n";
        }
    }
    return out;
}

}  // namespace

int run_hda_dump(const Options& options) {
    if (!options.arguments.empty())
        throw UsageError("hda dump takes no arguments (use --dump FILE or --card N --codec M)");
    CodecSource source = load_codecs(options);
    std::cout << (options.json ? render_json(source) : render_text(source));
    return 0;
}

}  // namespace sndoctor::cli
