// cards.hdmi-default: ALSA's default device is an HDMI/DisplayPort card with no monitor on it
// (failure-modes.md M4), while an analog card exists: sound goes to an output nobody hears.
// cards.present says when card 0 is HDMI-only by its name; this check follows the configured
// default (asound.conf, ~/.asoundrc), tells HDMI-only cards by their codecs, and asks the HDMI
// codec's ELD whether a monitor is there.
#include "checks/hdmi_default.hpp"

#include <algorithm>

#include "checks/cards.hpp"
#include "checks/checks.hpp"
#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/alsa_defaults.hpp"
#include "facts/card_list.hpp"
#include "facts/codec_dumps.hpp"
#include "facts/facts.hpp"
#include "hda/codec_parser.hpp"
#include "hda/pin_config.hpp"

namespace sndoctor::checks {

namespace {

constexpr std::string_view k_fix = "cards.default-analog";

/// What a card's outputs are, from its codec dumps when it has any, else from its name.
struct Outputs {
    bool hdmi_only = false;
    bool analog = false;
    std::string how;  ///< "its codecs (Intel Kabylake HDMI)" or "its name"
    std::optional<Evidence> where;
};

Outputs outputs_of(const CodecDumps& dumps, const Card& card) {
    std::string dir = "card" + std::to_string(card.index);
    Outputs out;
    bool digital = false;
    std::vector<std::string> names;
    for (const auto& file : dumps.files) {
        if (file.card_dir != dir)
            continue;
        const std::string& path = file.path;
        const auto& text = file.read();
        if (!text || looks_binary(*text))
            continue;
        for (const auto& codec : hda::parse_codec_dump(*text, path)) {
            names.push_back(codec.name);
            if (!out.where)
                out.where = Evidence{path, 1, "Codec: " + codec.name};
            for (const auto& widget : codec.widgets) {
                if (widget.type != hda::WidgetType::pin_complex || !widget.pin)
                    continue;
                auto config = hda::PinConfig::decode(widget.pin->default_config);
                if (config.connectivity == hda::Connectivity::none)
                    continue;
                // HDMI and DisplayPort pins are digital widgets; an analog jack or speaker is
                // an output anyone can hear without a monitor.
                if (widget.has(hda::WidgetCap::digital))
                    digital = true;
                else if (config.device == hda::PinDevice::line_out ||
                         config.device == hda::PinDevice::speaker ||
                         config.device == hda::PinDevice::headphone)
                    out.analog = true;
            }
        }
    }
    if (!names.empty()) {
        out.hdmi_only = digital && !out.analog;
        out.how = "its codecs (" + join(names, ", ") + ")";
        // A card of digital-only codecs that are not HDMI (S/PDIF) is neither: no verdict.
        return out;
    }
    auto kind = classify_card(card).kind;
    out.hdmi_only = kind == CardKind::hdmi;
    out.analog = kind == CardKind::analog || kind == CardKind::usb;
    out.how = "its name";
    return out;
}

/// One ELD file of an HDMI codec: /proc/asound/cardN/eld#D.P.
struct Eld {
    std::string path;
    bool monitor_present = false;
    bool eld_valid = false;
    std::string monitor_name;
};

std::vector<Eld> elds_of(const Root& root, const Card& card) {
    std::string dir = "/proc/asound/card" + std::to_string(card.index);
    std::vector<Eld> elds;
    for (const auto& entry : root.list(dir)) {
        if (!entry.name.starts_with("eld#"))
            continue;
        Eld eld{join_path(dir, entry.name)};
        auto text = root.read(eld.path, 64 * 1024);
        if (!text || looks_binary(*text))
            continue;
        for (const auto& line : split_lines(*text)) {
            auto words = split_words(line.text);
            if (words.size() < 2)
                continue;
            if (words[0] == "monitor_present")
                eld.monitor_present = words[1] == "1";
            else if (words[0] == "eld_valid")
                eld.eld_valid = words[1] == "1";
            else if (words[0] == "monitor_name")
                eld.monitor_name = std::string(trim(line.text.substr(line.text.find(words[1]))));
        }
        elds.push_back(std::move(eld));
    }
    return elds;
}

/// The card a setting names: a number or a card id; nullptr when no card has it.
const Card* card_named(const CardList& list, const std::string& value) {
    if (auto index = parse_int(value))
        return list.find(static_cast<int>(*index));
    for (const auto& card : list.cards)
        if (card.id == value)
            return &card;
    return nullptr;
}

std::string source_of(const DefaultSetting* setting) {
    return setting == nullptr ? std::string("nothing configures another card")
                              : setting->path + ":" + std::to_string(setting->first_line);
}

Finding run(Facts& facts) {
    const Root& root = facts.root();
    const auto& list = facts.get<CardList>();
    if (list.cards.empty())
        return make_finding(Status::skip, "no sound card (cards.present says why)");
    const auto& defaults = facts.get<AlsaDefaults>();
    const DefaultSetting* decision = defaults.pcm_decision();

    Finding finding;
    if (decision != nullptr)
        finding.with(decision->where);
    if (decision != nullptr && decision->target == DefaultTarget::server)
        return make_finding(Status::skip,
                            "ALSA's default device is the " + decision->value + " sound server (" +
                                source_of(decision) + "), which picks its own output",
                            {decision->where});
    if (decision != nullptr && decision->target == DefaultTarget::other)
        return make_finding(Status::skip,
                            "ALSA's default device is a custom definition (" + source_of(decision) +
                                ") whose card sndoctor cannot tell",
                            {decision->where});

    auto analog = analog_cards(facts);

    const Card* chosen = decision != nullptr ? card_named(list, decision->value) : list.find(0);
    if (chosen == nullptr) {
        if (decision == nullptr)
            return make_finding(Status::skip, "no card 0 (cards.present says why)");
        Finding missing = make_finding(
            Status::warn, "the default device is card " + decision->value + " (" +
                              source_of(decision) + "), but no card has that number or id");
        missing.with(decision->where);
        for (const auto& card : list.cards)
            missing.with(card_evidence(card));
        if (!analog.empty()) {
            missing.fixes = {k_fix};
            append_detail(missing,
                          "Programs that play to the default device fail with \"cannot "
                          "find card\". The fix points the default at card " +
                              describe(*analog.front()) + ".");
        }
        return missing;
    }
    finding.with(card_evidence(*chosen));
    Outputs outputs = outputs_of(facts.get<CodecDumps>(), *chosen);
    if (outputs.where)
        finding.with(*outputs.where);
    if (!outputs.hdmi_only) {
        finding.status = Status::pass;
        finding.summary = "the default device is card " + describe(*chosen) + " (" +
                          source_of(decision) + "), not an HDMI-only card";
        return finding;
    }
    if (analog.empty()) {
        finding.status = Status::pass;
        finding.summary = "the default device is HDMI card " + describe(*chosen) +
                          ", and no analog card exists to play to instead";
        return finding;
    }
    auto elds = elds_of(root, *chosen);
    if (elds.empty()) {
        if (root.source() == RootSource::report)
            return make_finding(Status::skip,
                                "not in the report: the default card " + describe(*chosen) +
                                    " is HDMI-only, and the report holds no ELD (eld#*) to "
                                    "say whether a monitor is connected",
                                {card_evidence(*chosen)});
        return make_finding(
            Status::skip,
            "the default card " + describe(*chosen) + " is HDMI-only but has no /proc/asound/card" +
                std::to_string(chosen->index) + "/eld#* to say whether a monitor is connected",
            {card_evidence(*chosen)});
    }
    for (const auto& eld : elds) {
        finding.with({eld.path, 0,
                      "monitor_present " + std::string(eld.monitor_present ? "1" : "0") +
                          ", eld_valid " + (eld.eld_valid ? "1" : "0") +
                          (eld.monitor_name.empty() ? "" : ", " + eld.monitor_name)});
    }
    auto monitor = std::find_if(elds.begin(), elds.end(),
                                [](const Eld& e) { return e.monitor_present && e.eld_valid; });
    if (monitor != elds.end()) {
        finding.status = Status::pass;
        finding.summary = "the default device is HDMI card " + describe(*chosen) +
                          ", and a monitor is connected (" +
                          (monitor->monitor_name.empty() ? monitor->path : monitor->monitor_name) +
                          ")";
        append_detail(finding,
                      "Sound goes to the monitor's speakers. If it has none, choose "
                      "the analog card " +
                          describe(*analog.front()) + " as the default.");
        return finding;
    }
    // A monitor that is present with no valid ELD gave the graphics driver no audio
    // description: a monitor without audio, or one behind a switch that hides it.
    bool silent_monitor =
        std::any_of(elds.begin(), elds.end(), [](const Eld& e) { return e.monitor_present; });
    finding.status = Status::warn;
    finding.summary = "the default device is HDMI card " + describe(*chosen) + " (" +
                      source_of(decision) + "), and " +
                      (silent_monitor ? "the monitor on it announces no audio (eld_valid 0)"
                                      : "no monitor is connected to it") +
                      ", while card " + describe(*analog.front()) + " is analog";
    for (const auto* card : analog)
        finding.with(card_evidence(*card));
    finding.fixes = {k_fix};
    append_detail(finding,
                  "Card " + describe(*chosen) + " counts as HDMI-only by " + outputs.how +
                      ", and every ELD of it says no monitor is present (or a monitor that is "
                      "off or asleep). Programs that do not choose a device play there and "
                      "nothing is heard. The fix makes card " +
                      describe(*analog.front()) +
                      " the default with defaults.pcm.card and defaults.ctl.card in "
                      "/etc/asound.conf.");
    return finding;
}

}  // namespace

std::vector<const Card*> analog_cards(Facts& facts) {
    std::vector<const Card*> analog;
    for (const auto& card : facts.get<CardList>().cards)
        if (outputs_of(facts.get<CodecDumps>(), card).analog)
            analog.push_back(&card);
    return analog;
}

const CheckDescriptor hdmi_default = {
    .id = "cards.hdmi-default",
    .title = "Default device on an HDMI output without a monitor",
    .area = "cards",
    .needs = {},
    .explanation =
        "Programs that do not choose a device play to ALSA's default: card 0, unless "
        "defaults.pcm.card or pcm.!default in /etc/asound.conf or ~/.asoundrc names another. "
        "Many machines have a card that only feeds HDMI or DisplayPort (the graphics chip's "
        "audio). When that card is the default and no monitor is connected to it, or the "
        "monitor has no speakers, the sound goes nowhere although the analog card works. The "
        "HDMI codec's ELD (/proc/asound/cardN/eld#*) says whether a monitor is present.",
    .fixes = {{k_fix, "Make the analog card ALSA's default", true}},
    .run = run,
};

}  // namespace sndoctor::checks
