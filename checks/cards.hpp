#pragma once

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "core/root.hpp"
#include "core/text.hpp"
#include "engine/check.hpp"
#include "engine/result.hpp"
#include "facts/card_list.hpp"

/// What the cards checks share: what kind of sound card a line of /proc/asound/cards is (they
/// care which card holds index 0, the default device of every program that does not choose one),
/// and how a card is named in summaries and evidence.
namespace sndoctor::checks {

enum class CardKind {
    analog,  ///< a card with its own outputs: onboard HD-Audio, a PCI card, a DSP
    usb,     ///< a USB audio device
    hdmi,    ///< HDMI or DisplayPort only: sound goes to a monitor, which may have no speakers
    virtual_card,  ///< no hardware at all (VirMIDI, Dummy, Loopback)
};

constexpr std::string_view to_string(CardKind kind) {
    switch (kind) {
        case CardKind::analog:
            return "analog";
        case CardKind::usb:
            return "USB";
        case CardKind::hdmi:
            return "HDMI/DisplayPort-only";
        case CardKind::virtual_card:
            return "virtual";
    }
    return "analog";
}

/// Which part of a card a rule looks at: the driver (exact), the module from
/// /proc/asound/modules (exact), or the id, short and long names (contains, any case).
enum class CardField { driver, module, names };

constexpr std::string_view to_string(CardField field) {
    switch (field) {
        case CardField::driver:
            return "driver";
        case CardField::module:
            return "module";
        case CardField::names:
            return "name";
    }
    return "name";
}

struct CardKindRule {
    CardField field;
    std::string_view text;
    CardKind kind;
};

inline constexpr std::string_view k_virmidi_driver = "VirMIDI";
inline constexpr std::string_view k_virmidi_module = "snd_virmidi";

/// The first rule that matches decides; a card no rule matches is analog. Virtual drivers come
/// first (their names say nothing about hardware), then USB, then the names HD-Audio drivers give
/// controllers that only feed HDMI/DisplayPort ("HDA NVidia", "HDA ATI HDMI", "HDA Intel HDMI",
/// "vc4-hdmi").
inline constexpr CardKindRule k_card_kind_rules[] = {
    {CardField::driver, k_virmidi_driver, CardKind::virtual_card},
    {CardField::module, k_virmidi_module, CardKind::virtual_card},
    {CardField::driver, "Dummy", CardKind::virtual_card},
    {CardField::module, "snd_dummy", CardKind::virtual_card},
    {CardField::driver, "Loopback", CardKind::virtual_card},
    {CardField::module, "snd_aloop", CardKind::virtual_card},
    {CardField::driver, "USB-Audio", CardKind::usb},
    {CardField::module, "snd_usb_audio", CardKind::usb},
    {CardField::module, "snd_usb_caiaq", CardKind::usb},
    {CardField::module, "snd_ua101", CardKind::usb},
    {CardField::names, "HDMI", CardKind::hdmi},
    {CardField::names, "DisplayPort", CardKind::hdmi},
    {CardField::names, "HDA NVidia", CardKind::hdmi},
};

inline bool contains_ignoring_case(std::string_view text, std::string_view part) {
    auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
    return std::search(text.begin(), text.end(), part.begin(), part.end(),
                       [&](char a, char b) { return lower(a) == lower(b); }) != text.end();
}

inline bool rule_matches(const CardKindRule& rule, const Card& card) {
    switch (rule.field) {
        case CardField::driver:
            return card.driver == rule.text;
        case CardField::module:
            return card.module == rule.text;
        case CardField::names:
            return contains_ignoring_case(card.id, rule.text) ||
                   contains_ignoring_case(card.short_name, rule.text) ||
                   contains_ignoring_case(card.long_name, rule.text);
    }
    return false;
}

/// The kind of a card and the rule that said so (nullptr for the analog default).
struct CardClass {
    CardKind kind = CardKind::analog;
    const CardKindRule* rule = nullptr;
};

inline CardClass classify_card(const Card& card) {
    for (const auto& rule : k_card_kind_rules)
        if (rule_matches(rule, card))
            return {rule.kind, &rule};
    return {};
}

/// A card that plays sound somewhere (anything but a virtual card).
inline bool is_real_card(const Card& card) {
    return classify_card(card).kind != CardKind::virtual_card;
}

inline bool is_virmidi_card(const Card& card) {
    return card.driver == k_virmidi_driver || card.module == k_virmidi_module;
}

/// "1 PCH (HDA Intel PCH)"
inline std::string describe(const Card& card) {
    std::string text = std::to_string(card.index) + " " + card.id;
    if (!card.short_name.empty() && card.short_name != card.id)
        text += " (" + card.short_name + ")";
    return text;
}

/// The card's line in /proc/asound/cards.
inline Evidence card_evidence(const Card& card) {
    return {CardList::k_path, card.line, card.text};
}

/// Adds a sentence to the finding's system-specific guidance.
inline void append_detail(Finding& finding, std::string_view text) {
    if (text.empty())
        return;
    if (!finding.detail.empty())
        finding.detail += ' ';
    finding.detail += text;
}

/// The line of /proc/asound/modules that names the card's module (" 0 snd_virmidi"), for
/// evidence; nullopt when the file does not name it.
inline std::optional<Evidence> module_evidence(const Root& root, const Card& card) {
    if (card.module.empty())
        return std::nullopt;
    auto text = root.read(CardList::k_modules_path);
    if (!text)
        return std::nullopt;
    for (const auto& line : split_lines(*text)) {
        auto words = split_words(line.text);
        if (words.size() == 2 && parse_int(words[0]) == card.index && words[1] == card.module)
            return Evidence{CardList::k_modules_path, line.number, std::string(trim(line.text))};
    }
    return std::nullopt;
}

}  // namespace sndoctor::checks
