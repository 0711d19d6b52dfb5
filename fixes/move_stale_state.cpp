// alsa.move-stale-state: move mixer state that no boot will use into the journal.
#include <algorithm>

#include "core/error.hpp"
#include "facts/alsa_state.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "fixes/fixes.hpp"

namespace sndoctor::fixes {

namespace {

/// The saved state is for none of the cards present now (by card id).
bool only_for_gone_cards(const StateFile& file, const CardList& cards) {
    if (file.problem || file.cards.empty() || cards.cards.empty())
        return false;
    return std::none_of(file.cards.begin(), file.cards.end(), [&](const StateCard& saved) {
        return std::any_of(cards.cards.begin(), cards.cards.end(),
                           [&](const Card& card) { return card.id == saved.id; });
    });
}

void plan(Facts& facts, const Result&, PlanBuilder& builder) {
    const auto& state = facts.get<AlsaState>();
    if (state.legacy)
        builder.move_aside(AlsaState::k_legacy_path,
                           std::string("Move the legacy ") + AlsaState::k_legacy_path +
                               " aside: nothing restores it, and it only misleads");
    bool moved_current =
        state.current && only_for_gone_cards(*state.current, facts.get<CardList>());
    if (moved_current)
        builder.move_aside(AlsaState::k_path,
                           std::string("Move ") + AlsaState::k_path +
                               " aside: it holds state only for cards that are gone");
    if (builder.root().source() != RootSource::live) {
        builder.manual_step("On that machine: set the levels, then 'alsactl store'");
        return;
    }
    if (moved_current || !state.current)
        builder.run_command({"alsactl", "store"}, {AlsaState::k_path},
                            std::string("Save the levels of the cards present now as a fresh ") +
                                AlsaState::k_path + " (alsactl store)");
    builder.manual_step(
        "When the levels are not right yet, set them (alsamixer) and run 'alsactl store' again");
}

}  // namespace

const FixDefinition move_stale_state = {
    .id = "alsa.move-stale-state",
    .check_id = "alsa.state-file",
    .title = "Move the stale mixer state aside",
    .needs_root = true,
    .plan = plan,
};

}  // namespace sndoctor::fixes
