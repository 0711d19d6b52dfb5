// cards.default-analog: makes the analog card ALSA's default with `defaults.pcm.card N` and
// `defaults.ctl.card N` in /etc/asound.conf (N the card's id where that is stable, else its
// number).
//
// Chosen over cards.order-real-first (modprobe index options) because it acts at once, for the
// next program started, with no driver reload or reboot; it works where one driver runs both
// the HDMI and the analog card (snd-hda-intel index=1,0 follows a probe order sndoctor cannot
// know, and order-real-first refuses it); and it also corrects a default that a configuration
// file itself points at the HDMI card, which no card order changes.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "checks/cards.hpp"
#include "checks/hdmi_default.hpp"
#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/alsa_defaults.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "fixes/fixes.hpp"

namespace sndoctor::fixes {

namespace {

constexpr const char* k_disabled_prefix = "# disabled by sndoctor: ";

/// How the setting names the card: by its id ("PCH") when that id is its own, so that the
/// default stays on it when the drivers load in another order (cards.order-real-first may move
/// the cards at the next boot); by its number when the id is one ALSA made unique by numbering
/// ("Generic_1": which card gets it follows the order too) or is not a plain word.
std::string card_name(const CardList& list, const Card& card) {
    const std::string& id = card.id;
    auto underscore = id.rfind('_');
    bool numbered = underscore != std::string::npos && underscore + 1 < id.size() &&
                    parse_int(std::string_view(id).substr(underscore + 1)).has_value();
    bool plain = !id.empty() && std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-';
    });
    bool digits = !id.empty() && std::all_of(id.begin(), id.end(),
                                             [](unsigned char c) { return std::isdigit(c); });
    auto same_id = std::count_if(list.cards.begin(), list.cards.end(),
                                 [&](const Card& other) { return other.id == id; });
    if (numbered || !plain || digits || same_id != 1)
        return std::to_string(card.index);
    return id;
}

void plan(Facts& facts, const Result&, PlanBuilder& builder) {
    auto analog = checks::analog_cards(facts);
    const Card* card = analog.empty() ? nullptr : analog.front();
    if (card == nullptr)
        throw InputError(CardList::k_path, "has no analog card to make the default");
    const auto& defaults = facts.get<AlsaDefaults>();
    // Every earlier choice of the default is commented out (never deleted), in every file that
    // makes one: a pcm.!default definition beats defaults.pcm.card wherever it is, and the
    // user's ~/.asoundrc is read after /etc/asound.conf. Each file is written once, so the
    // preview shows one diff per file.
    std::map<std::string, std::set<int>> disabled;
    for (const auto& setting : defaults.settings)
        for (int line = setting.first_line; line <= setting.last_line; ++line)
            disabled[setting.path].insert(line);
    std::string n = card_name(facts.get<CardList>(), *card);
    std::string system_path = AlsaDefaults::k_system_path;
    disabled.try_emplace(system_path);
    for (const auto& [path, lines] : disabled) {
        std::string before = builder.current(path).value_or("");
        std::string after;
        for (const auto& line : split_lines(before)) {
            bool off = lines.count(line.number) != 0 && !line.text.starts_with(k_disabled_prefix);
            after += (off ? k_disabled_prefix : "") + std::string(line.text) + "\n";
        }
        if (path == system_path)
            after +=
                "# sndoctor: the analog card is ALSA's default (sndoctor undo takes it "
                "back)\ndefaults.pcm.card " +
                n + "\ndefaults.ctl.card " + n + "\n";
        builder.write_file(path, after,
                           path == system_path
                               ? "ALSA's default device: card " + checks::describe(*card)
                               : "comment out the earlier choice of ALSA's default device");
    }
    builder.manual_step(
        "Programs started from now on play to card " + checks::describe(*card) +
        "; restart the ones that are open. Card numbers follow the order the drivers load in: "
        "if they change after a reboot, cards.present and this check say so.");
}

}  // namespace

const FixDefinition default_analog = {
    .id = "cards.default-analog",
    .check_id = "cards.hdmi-default",
    .title = "Make the analog card ALSA's default",
    .needs_root = true,
    .plan = plan,
};

}  // namespace sndoctor::fixes
