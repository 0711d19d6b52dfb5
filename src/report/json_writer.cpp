#include "report/json_writer.hpp"

#include "core/text.hpp"
#include "facts/card_list.hpp"
#include "hda/codec_parser.hpp"
#include "report/collector.hpp"
#include "report/section_files.hpp"

namespace sndoctor::report {

namespace {

using Json = nlohmann::ordered_json;

Json cards_json(const std::string& text) {
    Json cards = Json::array();
    try {
        for (const auto& card : CardList::parse(text, std::nullopt).cards)
            cards.push_back({{"index", card.index},
                             {"id", card.id},
                             {"driver", card.driver},
                             {"short_name", card.short_name},
                             {"long_name", card.long_name}});
    } catch (const InputError&) {
        // Binary junk in the section: the raw text is all there is to show.
    }
    return cards;
}

/// "snd_hda_intel (card 0)" lines (0.4.x: the module name alone).
Json card_modules_json(const std::string& text) {
    Json modules = Json::array();
    for (const auto& line : split_lines(text)) {
        auto words = split_words(line.text);
        if (words.empty())
            continue;
        Json module = {{"module", std::string(words[0])}, {"card", nullptr}};
        if (words.size() == 3 && words[1] == "(card" && words[2].ends_with(")"))
            if (auto card = parse_int(words[2].substr(0, words[2].size() - 1)))
                module["card"] = *card;
        modules.push_back(std::move(module));
    }
    return modules;
}

/// "snd_hda_intel: model=auto" (alsa-info's form) or "options snd-hda-intel model=auto".
Json modprobe_options_json(const std::string& text) {
    Json options = Json::array();
    for (const auto& line : split_lines(text)) {
        std::string_view rest = trim(line.text);
        if (rest.rfind("options ", 0) == 0)
            rest = trim(rest.substr(8));
        auto end = rest.find_first_of(": \t");
        if (rest.empty() || end == std::string_view::npos)
            continue;
        std::string module = module_name(rest.substr(0, end));
        rest.remove_prefix(end);
        if (!rest.empty() && rest.front() == ':')
            rest.remove_prefix(1);
        options.push_back({{"module", module}, {"options", std::string(trim(rest))}});
    }
    return options;
}

/// `!!Module: x` subsections of "<param> : <value>" lines.
Json module_parameters_json(const Section& section) {
    Json modules = Json::array();
    for (const auto& subsection : section.subsections) {
        if (subsection.title.rfind(k_module_prefix, 0) != 0)
            continue;
        Json parameters = Json::object();
        for (const auto& line : split_lines(subsection.text)) {
            auto colon = line.text.find(':');
            if (colon == std::string_view::npos)
                continue;
            parameters[std::string(trim(line.text.substr(0, colon)))] =
                std::string(trim(line.text.substr(colon + 1)));
        }
        modules.push_back({{"module", subsection.title.substr(k_module_prefix.size())},
                           {"parameters", std::move(parameters)}});
    }
    return modules;
}

Json codecs_json(const std::string& text) {
    Json codecs = Json::array();
    for (const auto& codec : hda::parse_codec_dump(text, k_codecs_title)) {
        Json pins = Json::array();
        for (const auto& widget : codec.widgets)
            if (widget.pin)
                pins.push_back({{"nid", hex(static_cast<std::uint64_t>(widget.nid), 2)},
                                {"default_config", hex(widget.pin->default_config, 8)}});
        codecs.push_back({{"name", codec.name},
                          {"address", codec.address},
                          {"vendor_id", hex(codec.vendor_id, 8)},
                          {"subsystem_id", hex(codec.subsystem_id, 8)},
                          {"revision_id", hex(codec.revision_id, 8)},
                          {"nodes", codec.widgets.size()},
                          {"pins", std::move(pins)},
                          {"warnings", codec.warnings.size()}});
    }
    return codecs;
}

Json section_json(const Section& section) {
    Json json = {{"title", section.title}, {"type", "text"}, {"text", section.text}};
    if (section.title == k_cards_title) {
        json["type"] = "cards";
        json["cards"] = cards_json(section.text);
    } else if (section.title == k_card_modules_title) {
        json["type"] = "card_modules";
        json["modules"] = card_modules_json(section.text);
    } else if (section.title == k_modprobe_title) {
        json["type"] = "modprobe_options";
        json["options"] = modprobe_options_json(section.text);
    } else if (section.title == k_module_options_title) {
        json["type"] = "module_parameters";
        json["modules"] = module_parameters_json(section);
    } else if (section.title == k_codecs_title) {
        json["type"] = "codecs";
        json["codecs"] = codecs_json(section.text);
    }
    if (!section.subsections.empty()) {
        Json subsections = Json::array();
        for (const auto& subsection : section.subsections)
            subsections.push_back({{"title", subsection.title}, {"text", subsection.text}});
        json["subsections"] = std::move(subsections);
    }
    return json;
}

}  // namespace

std::string write_json(const Report& report, const nlohmann::ordered_json& check_document) {
    Json sections = Json::array();
    for (const auto& section : report.sections)
        sections.push_back(section_json(section));
    Json problems = Json::array();
    for (const auto& problem : report.problems)
        problems.push_back(
            {{"path", problem.path}, {"line", problem.line}, {"reason", problem.reason}});
    Json document = {{"schema", "sndoctor.report/1"},
                     {"tool_version", SNDOCTOR_VERSION},
                     {"script_version", report.script_version},
                     {"root", check_document.value("root", "")},
                     {"source", check_document.value("source", "")},
                     {"demo", check_document.value("demo", false)},
                     {"sections", std::move(sections)},
                     {"problems", std::move(problems)},
                     {"checks", check_document.value("checks", Json::array())},
                     {"counts", check_document.value("counts", Json::object())}};
    // A report may carry any bytes of a broken file: invalid UTF-8 must not abort the output.
    return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace sndoctor::report
