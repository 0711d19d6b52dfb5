// sndoctor hda verb | gpio | eapd: talk to a codec, live through its hwdep device or emulated
// from a dump, with every verb in the experiment log.
#include <cerrno>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/hda_commands.hpp"
#include "cli/hda_session.hpp"
#include "cli/hda_source.hpp"
#include "core/text.hpp"
#include "hda/codec_operations.hpp"
#include "hda/experiment_log.hpp"

namespace sndoctor::cli {

namespace {

// Exit codes of the three commands (also in usage_text and the man page).
constexpr int k_done = 0;
constexpr int k_refused = 1;      // not sent: needs --force, or the node cannot do it
constexpr int k_unreachable = 2;  // no device, busy, not hwdep, or the codec did not answer
constexpr int k_needs_root = 4;

/// Runs a command body, turning the ways a codec cannot be reached into messages and exit codes.
template <typename Body>
int guarded(const Options& options, Body body) {
    try {
        Session session = open_session(options);
        if (!options.json && !session.notice.empty())
            std::cout << session.notice << "\n";
        return body(session);
    } catch (const hda::BackendError& e) {
        std::cerr << "sndoctor: " << e.what() << "\n";
        if (!e.hint().empty())
            std::cerr << "  " << e.hint() << "\n";
        return e.failure() == hda::BackendFailure::permission ? k_needs_root : k_unreachable;
    } catch (const hda::NoResponse& e) {
        std::cerr << "sndoctor: " << e.what() << "\n";
        return k_unreachable;
    }
}

int refuse(const std::string& why) {
    std::cerr << "sndoctor: not sent: " << why << ".\n  Add --force to send it anyway.\n";
    return k_refused;
}

std::string node_text(int nid) {
    return hex(static_cast<std::uint32_t>(nid), 2);
}

std::string describe_nodes(const hda::CodecNodes& nodes) {
    std::string text = "root 0x00";
    for (const auto& group : nodes.groups) {
        text += ", function group " + node_text(group.nid);
        if (group.widget_count > 0)
            text += " (widgets " + node_text(group.first_widget) + "-" +
                    node_text(group.first_widget + group.widget_count - 1) + ")";
    }
    return text;
}

/// Refuses a verb to a node the codec does not report (hda.md 3.5), unless forced.
std::optional<std::string> missing_node_reason(const hda::CodecNodes& nodes, int nid) {
    if (nodes.exists(nid))
        return std::nullopt;
    return "node " + node_text(nid) + " does not exist on this codec (it has " +
           describe_nodes(nodes) +
           "); a verb to a missing node can go unanswered, and the driver may then fall back to "
           "single_cmd mode or reset the bus";
}

int parse_nid(const std::string& text) {
    auto number = parse_int(text);
    if (!number || *number < 0 || *number > hda::k_max_nid)
        throw UsageError("'" + text + "' is not a node id (0x00-0x7f)");
    return static_cast<int>(*number);
}

std::uint32_t parse_register(const std::string& option, const std::string& text) {
    auto number = parse_int(text);
    if (!number || *number < 0 || *number > 0xff)
        throw UsageError(option + " needs an 8-bit mask (0x00-0xff, bit n = GPIO n), not '" + text +
                         "'");
    return static_cast<std::uint32_t>(*number);
}

void print_names() {
    std::cout << "Verbs (hda verb NID VERB [PARAM]; names are case-insensitive, a unique prefix "
                 "is enough):\n";
    for (const auto& entry : hda::verb_names())
        std::cout << "  " << hex(entry.value, 3) << "  " << entry.name << "\n";
    std::cout << "Parameters (hda verb NID PARAMETERS NAME):\n";
    for (const auto& entry : hda::parameter_names())
        std::cout << "  " << hex(entry.value, 2) << "  " << entry.name << "\n";
}

hda::Verb parse_verb_arguments(const std::vector<std::string>& args) {
    if (args.size() < 2 || args.size() > 3)
        throw UsageError(
            "hda verb takes NID VERB [PARAM] (e.g. 'hda verb 0x01 PARAMETERS GPIO_CAP'), or "
            "'list' for the names");
    int nid = parse_nid(args[0]);
    try {
        std::uint32_t verb = hda::parse_verb(args[1]);
        std::int64_t payload = 0;
        if (args.size() == 3) {
            if (verb == 0xf00) {
                payload = hda::parse_parameter(args[2]);
            } else {
                auto number = parse_int(args[2]);
                if (!number)
                    throw UsageError("PARAM '" + args[2] +
                                     "' is not a number (parameter names go with PARAMETERS)");
                payload = *number;
            }
        }
        return hda::make_verb(nid, verb, payload);
    } catch (const hda::VerbError& e) {
        throw UsageError(e.what());
    }
}

std::string verb_label(const hda::Verb& verb) {
    std::string text = hex(verb.verb, 3);
    if (auto name = hda::verb_name(verb.verb))
        text += " (" + std::string(*name) + ")";
    return text;
}

std::string payload_label(const hda::Verb& verb) {
    std::string text =
        hex(verb.payload, hda::verb_width(verb.verb) == hda::VerbWidth::four_bit ? 4 : 2);
    if (verb.verb == 0xf00)
        if (auto name = hda::parameter_name(verb.payload))
            text += " (" + std::string(*name) + ")";
    return text;
}

void print_logged(const Session& session) {
    if (!session.log.location.empty())
        std::cout << "Logged in " << session.log.location << ".\n";
}

nlohmann::ordered_json gpio_json(const hda::Gpio& gpio) {
    nlohmann::ordered_json lines = nlohmann::ordered_json::array();
    for (const auto& line : gpio.lines)
        lines.push_back({{"index", line.index},
                         {"enable", line.enable},
                         {"output", line.dir},
                         {"data", line.data},
                         {"wake", line.wake},
                         {"sticky", line.sticky},
                         {"unsolicited", line.unsol}});
    return {{"io", gpio.io},     {"o", gpio.o},   {"i", gpio.i}, {"unsolicited", gpio.unsolicited},
            {"wake", gpio.wake}, {"lines", lines}};
}

nlohmann::ordered_json drive_json(const hda::GpioDrive& drive) {
    return {{"mask", drive.mask}, {"direction", drive.direction}, {"data", drive.data}};
}

/// "mask 0x00 -> 0x01, direction 0x00 -> 0x01, data 0x00 -> 0x01", naming only what changed
/// (or what should have and did not).
std::string drive_change_text(const hda::GpioDrive& before, const hda::GpioDrive& after) {
    std::string text;
    auto add = [&](const char* name, std::uint32_t from, std::uint32_t to) {
        text += std::string(text.empty() ? "" : ", ") + name + " " + hex(from, 2) +
                (from == to ? " (unchanged)" : " -> " + hex(to, 2));
    };
    add("mask", before.mask, after.mask);
    add("direction", before.direction, after.direction);
    add("data", before.data, after.data);
    return text;
}

struct LineSetting {
    int line = 0;
    hda::Level level = hda::Level::high;
};

LineSetting parse_line_setting(const std::string& text) {
    auto eq = text.find('=');
    auto line = parse_int(eq == std::string::npos ? text : text.substr(0, eq));
    std::string state = eq == std::string::npos ? "" : text.substr(eq + 1);
    if (!line || *line < 0 || *line > 7 ||
        (state != "on" && state != "off" && state != "high" && state != "low" && state != "1" &&
         state != "0"))
        throw UsageError("--set takes LINE=on or LINE=off (LINE 0-7), not '" + text + "'");
    bool high = state == "on" || state == "high" || state == "1";
    return {static_cast<int>(*line), high ? hda::Level::high : hda::Level::low};
}

}  // namespace

int run_hda_verb(const Options& options) {
    if (options.arguments.size() == 1 && options.arguments.front() == "list") {
        print_names();
        return k_done;
    }
    if (options.gpio_mask || options.gpio_dir || options.gpio_data || !options.gpio_set.empty())
        throw UsageError("--mask, --dir, --data and --set go with hda gpio");
    hda::Verb verb = parse_verb_arguments(options.arguments);
    return guarded(options, [&](Session& session) {
        hda::CodecNodes nodes = hda::discover_nodes(*session.backend);
        if (!options.force) {
            if (auto why = missing_node_reason(nodes, verb.nid))
                return refuse(*why);
            if (auto why = hda::risky_verb_reason(verb, nodes.is_function_group(verb.nid)))
                return refuse(*why);
        }
        std::uint32_t response = session.backend->execute(verb);
        bool answered = response != hda::k_no_response;
        if (options.json) {
            nlohmann::ordered_json doc = {
                {"schema", "sndoctor.hda-verb/1"},
                {"codec", session.backend->description()},
                {"address", session.backend->codec_address()},
                {"nid", verb.nid},
                {"verb", verb.verb},
                {"verb_name", std::string(hda::verb_name(verb.verb).value_or(""))},
                {"payload", verb.payload},
                {"command", hda::command_word(session.backend->codec_address(), verb)},
                {"answered", answered},
                {"response", response},
            };
            if (verb.verb == 0xf00)
                doc["parameter_name"] = std::string(hda::parameter_name(verb.payload).value_or(""));
            std::cout << doc.dump(2) << "\n";
        } else {
            std::cout << "nid = " << node_text(verb.nid) << ", verb = " << verb_label(verb)
                      << ", payload = " << payload_label(verb) << "\n";
            if (answered)
                std::cout << "value = " << hex(response, 8) << "\n";
            if (answered && hda::verb_direction(verb.verb) == hda::VerbDirection::set)
                print_logged(session);
        }
        if (!answered) {
            std::cerr << "sndoctor: no answer (0xffffffff): the driver refused the command or the "
                         "codec did not respond\n";
            return k_unreachable;
        }
        return k_done;
    });
}

int run_hda_gpio(const Options& options) {
    if (!options.arguments.empty())
        throw UsageError(
            "hda gpio takes options only: --mask M --dir D --data V, or --set LINE=on");
    bool registers = options.gpio_mask || options.gpio_dir || options.gpio_data;
    if (registers && !options.gpio_set.empty())
        throw UsageError("give either --mask/--dir/--data (whole registers) or --set LINE=on|off");
    std::optional<std::uint32_t> mask, direction, data;
    if (options.gpio_mask)
        mask = parse_register("--mask", *options.gpio_mask);
    if (options.gpio_dir)
        direction = parse_register("--dir", *options.gpio_dir);
    if (options.gpio_data)
        data = parse_register("--data", *options.gpio_data);
    std::vector<LineSetting> settings;
    for (const auto& text : options.gpio_set)
        settings.push_back(parse_line_setting(text));

    return guarded(options, [&](Session& session) {
        hda::Backend& backend = *session.backend;
        hda::CodecNodes nodes = hda::discover_nodes(backend);
        auto afg = nodes.audio_group();
        if (!afg) {
            std::cerr << "sndoctor: this codec has no audio function group, so no GPIO lines ("
                      << describe_nodes(nodes) << ")\n";
            return k_refused;
        }
        hda::Gpio caps = hda::read_gpio(backend, *afg);
        bool changing = registers || !settings.empty();
        if (changing && !options.force) {
            if (caps.io == 0)
                return refuse("the codec has no GPIO lines (GPIO_CAP io=0)");
            for (const auto& setting : settings)
                if (setting.line >= caps.io)
                    return refuse("GPIO " + std::to_string(setting.line) +
                                  " does not exist: the codec has " +
                                  plural(static_cast<std::size_t>(caps.io), "line", "lines") +
                                  " (GPIO_CAP io=" + std::to_string(caps.io) + ")");
        }
        nlohmann::ordered_json changes = nlohmann::ordered_json::array();
        std::vector<std::string> change_lines;
        if (registers) {
            hda::GpioDrive before = hda::read_gpio_drive(backend, *afg);
            hda::write_gpio_drive(backend, *afg, mask, direction, data);
            hda::GpioDrive after = hda::read_gpio_drive(backend, *afg);
            changes.push_back({{"before", drive_json(before)}, {"after", drive_json(after)}});
            change_lines.push_back("GPIO registers: " + drive_change_text(before, after));
            hda::GpioDrive wanted{mask.value_or(before.mask), direction.value_or(before.direction),
                                  data.value_or(before.data)};
            if (after != wanted)
                change_lines.push_back(
                    "  The codec reads back other values than were written: "
                    "it did not keep them.");
        }
        for (const auto& setting : settings) {
            auto change = hda::drive_gpio_line(backend, *afg, setting.line, setting.level);
            bool high = setting.level == hda::Level::high;
            changes.push_back({{"line", setting.line},
                               {"level", high ? "high" : "low"},
                               {"before", drive_json(change.before)},
                               {"after", drive_json(change.after)}});
            change_lines.push_back("GPIO " + std::to_string(setting.line) + " driven " +
                                   (high ? "high" : "low") + ": " +
                                   drive_change_text(change.before, change.after));
            std::uint32_t bit = 1u << setting.line;
            bool kept = (change.after.mask & bit) && (change.after.direction & bit) &&
                        ((change.after.data & bit) != 0) == high;
            if (!kept)
                change_lines.push_back(
                    "  The codec reads back other values than were written: "
                    "it did not keep them.");
        }
        hda::Gpio gpio = changing ? hda::read_gpio(backend, *afg) : caps;
        if (options.json) {
            nlohmann::ordered_json doc = {{"schema", "sndoctor.hda-gpio/1"},
                                          {"codec", backend.description()},
                                          {"function_group", *afg},
                                          {"gpio", gpio_json(gpio)},
                                          {"changes", changes}};
            std::cout << doc.dump(2) << "\n";
            return k_done;
        }
        for (const auto& line : change_lines)
            std::cout << line << "\n";
        std::cout << "GPIO of function group " << node_text(*afg) << ": io=" << gpio.io
                  << ", o=" << gpio.o << ", i=" << gpio.i << ", unsolicited=" << gpio.unsolicited
                  << ", wake=" << gpio.wake << "\n";
        for (const auto& line : gpio.lines)
            std::cout << "  IO[" << line.index << "]: enable=" << line.enable
                      << ", dir=" << line.dir << ", wake=" << line.wake
                      << ", sticky=" << line.sticky << ", data=" << line.data
                      << ", unsol=" << line.unsol << "\n";
        if (gpio.io > 8)
            std::cout << "  (GPIO verbs carry 8 bits: lines 8 and up are not shown)\n";
        if (changing)
            print_logged(session);
        return k_done;
    });
}

int run_hda_eapd(const Options& options) {
    const auto& args = options.arguments;
    if (args.empty() || args.size() > 2)
        throw UsageError("hda eapd takes NID [on|off] (e.g. 'hda eapd 0x14 on')");
    int nid = parse_nid(args[0]);
    std::optional<hda::Eapd> wanted;
    if (args.size() == 2) {
        if (args[1] == "on" || args[1] == "1")
            wanted = hda::Eapd::on;
        else if (args[1] == "off" || args[1] == "0")
            wanted = hda::Eapd::off;
        else
            throw UsageError("hda eapd takes on or off, not '" + args[1] + "'");
    }
    return guarded(options, [&](Session& session) {
        hda::Backend& backend = *session.backend;
        hda::CodecNodes nodes = hda::discover_nodes(backend);
        if (!options.force) {
            if (auto why = missing_node_reason(nodes, nid))
                return refuse(*why);
            if (wanted && !hda::pin_has_eapd(backend, nid))
                return refuse("node " + node_text(nid) +
                              " has no EAPD capability (it is not a pin, or its pin caps lack "
                              "the EAPD bit 16), so the EAPD bit means nothing there");
        }
        hda::EapdChange change;
        if (wanted) {
            change = hda::switch_eapd(backend, nid, *wanted);
        } else {
            change.before = change.after = hda::send(backend, hda::Verb{nid, 0xf0c, 0}) & 0xff;
        }
        auto state = [](std::uint32_t value) { return (value & 2u) != 0 ? "on" : "off"; };
        bool kept = !wanted || ((change.after & 2u) != 0) == (*wanted == hda::Eapd::on);
        if (options.json) {
            nlohmann::ordered_json doc = {{"schema", "sndoctor.hda-eapd/1"},
                                          {"codec", backend.description()},
                                          {"nid", nid},
                                          {"before", change.before},
                                          {"after", change.after},
                                          {"eapd", (change.after & 2u) != 0},
                                          {"kept", kept}};
            std::cout << doc.dump(2) << "\n";
            return k_done;
        }
        if (!wanted) {
            std::cout << "EAPD of node " << node_text(nid) << " is " << state(change.after)
                      << " (EAPD/BTL register " << hex(change.after, 2) << ")\n";
            return k_done;
        }
        std::cout << "EAPD of node " << node_text(nid) << ": " << state(change.before) << " -> "
                  << state(change.after) << " (EAPD/BTL register " << hex(change.before, 2)
                  << " -> " << hex(change.after, 2) << ")\n";
        if (!kept)
            std::cout << "  The codec reads back another value than was written: it did not keep "
                         "it.\n";
        print_logged(session);
        return k_done;
    });
}

}  // namespace sndoctor::cli
