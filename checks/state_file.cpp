// alsa.state-file: the mixer state alsactl restores at boot (failure-modes.md A6, A8): is there
// one, is it for the cards present now, and does it bring the outputs up muted or silent?
#include <algorithm>

#include "checks/checks.hpp"
#include "core/text.hpp"
#include "facts/alsa_state.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "facts/mixer_levels.hpp"

namespace sndoctor::checks {

namespace {

/// The output controls that silence a card when saved muted or at zero: the playback path of
/// HD-Audio and most other drivers runs through them (ArchWiki ALSA: "upstream sources mute
/// all channels by default").
constexpr std::string_view k_output_controls[] = {"Master", "Speaker", "Headphone", "PCM"};

/// How a boolean value reads when alsactl stores it off (alsactl also accepts these on restore).

constexpr std::string_view k_move_stale_state = "alsa.move-stale-state";

struct Problem {
    Status status = Status::warn;
    std::string summary;
    std::vector<Evidence> evidence;
    std::string advice;
    bool moves_state = false;  ///< the fix alsa.move-stale-state applies
};

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : std::string(separator)) + item;
    return out;
}

std::vector<std::string> ids_of(const StateFile& file) {
    std::vector<std::string> ids;
    for (const auto& card : file.cards)
        ids.push_back(card.id);
    return ids;
}

/// The ids of the cards present now, in card order: from /proc/asound/cards, and from
/// /proc/asound/card<N>/id, which holds the id as the driver set it when the list is padded or
/// cut.
std::vector<std::string> present_ids(const Root& root, const CardList& cards) {
    std::vector<std::string> ids;
    auto add = [&](std::string id) {
        if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end())
            ids.push_back(std::move(id));
    };
    for (const auto& card : cards.cards) {
        add(card.id);
        std::string id_path = "/proc/asound/card" + std::to_string(card.index) + "/id";
        if (auto text = root.read(id_path, 256); text && !looks_binary(*text))
            add(std::string(trim(*text)));
    }
    return ids;
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

/// "Master Playback Switch is off" for a saved output control that silences the card; empty
/// when the control does not.
std::string silencing(const StateControl& control) {
    if (!control.iface.empty() && control.iface != "MIXER")
        return {};
    for (std::string_view base : k_output_controls) {
        std::string name(base);
        if (control.name == name + " Playback Switch" && switch_all_off(control))
            return control.name + " off";
        if (control.name == name + " Playback Volume" && volume_at_floor(control))
            return control.name + " at " +
                   (control.min ? "its minimum (" + std::to_string(*control.min) + ")" : "0");
    }
    return {};
}

void add_silenced_outputs(const StateFile& file, const std::vector<std::string>& present,
                          std::vector<Problem>& problems) {
    for (const auto& card : file.cards) {
        Problem problem;
        std::vector<std::string> named;
        for (const auto& control : card.controls) {
            std::string what = silencing(control);
            if (what.empty())
                continue;
            named.push_back(what);
            problem.evidence.push_back(
                {file.path, control.line,
                 "state." + card.id + ": " + control.name + " = " + joined(control.values, " ")});
        }
        if (named.empty())
            continue;
        bool here = contains(present, card.id);
        problem.summary = "the saved state for " + card.id + (here ? "" : " (not present)") +
                          " keeps " + joined(named, ", ");
        problem.advice =
            here ? "Unmute and raise the outputs (alsamixer, or amixer -c " + card.id +
                       " sset Master unmute 80%), then save them with 'alsactl store' so the "
                       "next boot restores them."
                 : "This block is not restored while " + card.id +
                       " is missing, but it would bring the outputs up silent if the card came "
                       "back or the block were renamed to a present card's id.";
        problems.push_back(std::move(problem));
    }
}

Finding combine(std::vector<Problem> problems, Finding pass) {
    if (problems.empty())
        return pass;
    std::stable_sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) {
        return severity(a.status) > severity(b.status);
    });
    Finding finding;
    finding.status = problems.front().status;
    finding.summary = problems.front().summary;
    if (problems.size() > 1)
        finding.summary += " (+" + std::to_string(problems.size() - 1) + " more)";
    std::vector<std::string> advice;
    for (auto& problem : problems) {
        for (auto& item : problem.evidence)
            finding.with(std::move(item));
        if (problems.size() > 1)
            advice.push_back("- " + problem.summary + ". " + problem.advice);
        else
            advice.push_back(problem.advice);
        if (problem.moves_state && finding.fixes.empty())
            finding.fixes = {k_move_stale_state};
    }
    finding.detail = joined(advice, "\n");
    return finding;
}

Finding run(Facts& facts) {
    const AlsaState& state = facts.get<AlsaState>();
    std::vector<Problem> problems;

    if (state.legacy) {
        std::vector<std::string> ids = ids_of(*state.legacy);
        Evidence evidence{AlsaState::k_legacy_path, 0,
                          ids.empty() ? "legacy state file" : "state for " + joined(ids, ", ")};
        if (!state.current)
            problems.push_back(
                {Status::warn,
                 std::string("only the legacy ") + AlsaState::k_legacy_path +
                     " holds mixer state; boot restores " + AlsaState::k_path,
                 {evidence},
                 "The alsasound init script and alsa-restore restore " +
                     std::string(AlsaState::k_path) + " only, so nothing is restored at boot. " +
                     "Move the old file aside, set the levels and run 'alsactl store'.",
                 true});
        else
            problems.push_back({Status::info,
                                std::string("the legacy ") + AlsaState::k_legacy_path +
                                    " is still there but nothing reads it",
                                {evidence},
                                "It is left from old alsa-utils; moving it aside avoids "
                                "confusion with the state that is restored.",
                                true});
    }
    if (!state.current) {
        if (problems.empty())
            return make_finding(Status::info, "no saved mixer state; alsactl store writes one",
                                {{AlsaState::k_path, 0, "file not found"}});
        return combine(std::move(problems), {});
    }

    const StateFile& file = *state.current;
    if (file.problem) {
        problems.push_back({Status::warn,
                            file.path + " cannot be used: " + file.problem->reason,
                            {{file.path, file.problem->line, file.problem->reason}},
                            "alsactl restore fails on it at boot and leaves the mixers at the "
                            "driver defaults. Move it aside, set the levels and run 'alsactl "
                            "store' (or 'alsactl init' to start from sane defaults).",
                            false});
        return combine(std::move(problems), {});
    }
    if (file.cards.empty()) {
        problems.push_back({Status::info,
                            file.path + " holds no card state; alsactl store writes it",
                            {{file.path, 0, "no state.<card> block"}},
                            "",
                            false});
        return combine(std::move(problems), {});
    }

    std::vector<std::string> stored = ids_of(file);
    std::vector<std::string> present;
    std::vector<Evidence> card_evidence;
    std::string cards_trouble;
    try {
        const CardList& cards = facts.get<CardList>();
        present = present_ids(facts.root(), cards);
        for (const auto& card : cards.cards)
            card_evidence.push_back({CardList::k_path, card.line, card.text});
    } catch (const InputError& e) {
        // cards.present reports the card list itself; here it only means "cannot match".
        cards_trouble = e.path() + " is unreadable (" + e.reason() + ")";
    }

    std::vector<std::string> matched;
    std::vector<std::string> gone;
    std::vector<Evidence> gone_evidence;
    for (const auto& card : file.cards) {
        if (contains(present, card.id)) {
            matched.push_back(card.id);
        } else {
            gone.push_back(card.id);
            gone_evidence.push_back({file.path, card.line, "state." + card.id});
        }
    }

    if (present.empty()) {
        problems.push_back(
            {Status::info,
             "the saved state for " + joined(stored, ", ") + " cannot be matched: " +
                 (cards_trouble.empty() ? "no sound card is present" : cards_trouble),
             {{file.path, file.cards.front().line, "state." + file.cards.front().id}},
             "Once the cards are there (see cards.present), run sndoctor again.",
             false});
    } else if (matched.empty()) {
        Problem stale{Status::warn,
                      "the saved mixer state is only for " + joined(gone, ", ") +
                          ", not for the cards present now (" + joined(present, ", ") + ")",
                      gone_evidence,
                      "alsactl restore finds no state for the present cards ('No state is present "
                      "for card …') and leaves their mixers at the driver defaults, often muted; "
                      "this happens after a hardware or kernel change renamed the card. Move the "
                      "old state aside, set the levels (alsamixer) and run 'alsactl store'.",
                      true};
        stale.evidence.insert(stale.evidence.end(), card_evidence.begin(), card_evidence.end());
        problems.push_back(std::move(stale));
    }
    add_silenced_outputs(file, present, problems);

    Finding pass = make_finding(Status::pass, "the saved mixer state for " + joined(matched, ", ") +
                                                  " matches the present cards");
    if (!gone.empty())
        pass.summary += " (it also holds state for " + joined(gone, ", ") + ", not present)";
    for (const auto& card : file.cards)
        if (contains(present, card.id))
            pass.with({file.path, card.line, "state." + card.id});
    return combine(std::move(problems), std::move(pass));
}

}  // namespace

const CheckDescriptor state_file = {
    .id = "alsa.state-file",
    .title = "Saved mixer state",
    .area = "state",
    .needs = {},
    .report_needs = {"/var/lib/alsa"},
    .explanation =
        "At boot, 'alsactl restore' sets every mixer control to what 'alsactl store' saved in "
        "/var/lib/alsa/asound.state, one block per card id (state.PCH { ... }). When the cards "
        "change (new hardware, or a kernel that names the card differently) the old blocks no "
        "longer match and the mixers come up at the driver's defaults, which are often muted. A "
        "state that saved the master, speaker, headphone or PCM output muted or at zero brings "
        "the silence back on every boot. Old alsa-utils kept the file as /etc/asound.state, "
        "which the alsasound init script no longer reads.",
    .fixes = {{k_move_stale_state, "Move the stale mixer state aside", true}},
    .run = run,
};

}  // namespace sndoctor::checks
