#include "facts/card_list.hpp"

#include "core/file_read.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"

namespace sndoctor {

const Card* CardList::find(int index) const {
    for (const auto& card : cards)
        if (card.index == index)
            return &card;
    return nullptr;
}

namespace {

/// The kernel numbers cards below SNDRV_CARDS, which CONFIG_SND_MAX_CARDS caps at 256; a larger
/// number is not a card line (and would wrap when narrowed to int, posing as another card).
constexpr std::int64_t k_max_cards = 256;

/// " 0 [PCH            ]: HDA-Intel - HDA Intel PCH" → a Card; nullopt when not that shape.
std::optional<Card> parse_card_line(std::string_view line) {
    std::string_view rest = trim(line);
    auto bracket = rest.find(" [");
    if (bracket == std::string_view::npos)
        return std::nullopt;
    auto index = parse_int(rest.substr(0, bracket));
    auto close = rest.find("]: ", bracket);
    if (!index || *index < 0 || *index >= k_max_cards || close == std::string_view::npos)
        return std::nullopt;
    Card card;
    card.index = static_cast<int>(*index);
    card.id = std::string(trim(rest.substr(bracket + 2, close - bracket - 2)));
    std::string_view names = rest.substr(close + 3);
    auto dash = names.find(" - ");
    card.driver = std::string(trim(names.substr(0, dash)));
    if (dash != std::string_view::npos)
        card.short_name = std::string(trim(names.substr(dash + 3)));
    return card;
}

}  // namespace

CardList CardList::parse(const std::string& cards_text,
                         const std::optional<std::string>& modules_text) {
    if (looks_binary(cards_text))
        throw InputError(k_path, "holds binary data, not the card list");
    CardList list;
    list.alsa_present = true;
    list.text = cards_text;
    for (const auto& line : split_lines(cards_text)) {
        std::string_view text = trim(line.text);
        if (text.empty() || text == "--- no soundcards ---")
            continue;
        if (auto card = parse_card_line(line.text)) {
            card->line = line.number;
            card->text = std::string(trim(line.text));
            list.cards.push_back(std::move(*card));
        } else if (!list.cards.empty() && line.text.size() > 0 &&
                   (line.text.front() == ' ' || line.text.front() == '\t') &&
                   list.cards.back().long_name.empty()) {
            list.cards.back().long_name = std::string(text);
        } else {
            list.problems.push_back({k_path, line.number, "not a card line: " + clip(text, 80)});
        }
    }
    if (modules_text && !looks_binary(*modules_text)) {
        // " 0 snd_hda_intel"
        for (const auto& line : split_lines(*modules_text)) {
            auto words = split_words(line.text);
            if (words.size() != 2)
                continue;
            if (auto index = parse_int(words[0]))
                for (auto& card : list.cards)
                    if (card.index == *index)
                        card.module = std::string(words[1]);
        }
    }
    return list;
}

CardList CardList::load(Facts& facts) {
    auto cards = facts.root().read(k_path);
    if (!cards)
        return CardList{};
    // The module names only add to the list: an unreadable /proc/asound/modules costs them,
    // not the cards (nor the report's copy of the card list).
    auto modules = FileRead::of(facts.root(), k_modules_path);
    CardList list = parse(*cards, modules.text);
    if (modules.error)
        list.problems.push_back(
            {modules.error->path(), modules.error->line(), modules.error->reason()});
    return list;
}

}  // namespace sndoctor
