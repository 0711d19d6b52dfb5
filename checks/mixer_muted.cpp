// mixer.muted: the playback controls of each card as they are now (live) or as they were saved
// or reported (failure-modes.md A8, M7): a master, speaker, headphone or PCM path switched off
// or at zero plays silence while everything else looks fine.
#include "checks/checks.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "facts/mixer_levels.hpp"
#include "report/section_files.hpp"

namespace sndoctor::checks {

namespace {

constexpr std::string_view k_unmute = "mixer.unmute";

Evidence evidence_for(const MixerLevels& levels, const StateCard& card,
                      const StateControl& control) {
    return {levels.evidence_path(card), levels.evidence_line(control),
            "card " + card.id + ": " + control.name + " = " + join(control.values, " ")};
}

/// "Master Playback Switch off" or "Speaker Playback Volume at 0".
std::string what_silences(const SilencedControl& silenced) {
    const StateControl& control = *silenced.control;
    if (silenced.kind == SilencedControl::Kind::switch_off)
        return control.name + " off";
    return control.name + " at " + (control.values.empty() ? "0" : control.values.front());
}

Finding run(Facts& facts) {
    const MixerLevels& levels = facts.get<MixerLevels>();
    if (!levels.file)
        return make_finding(Status::skip, levels.missing);
    if (levels.file->cards.empty())
        return make_finding(Status::skip, levels.file->path + " holds no card's mixer controls",
                            {{levels.file->path, 0, "no state.<card> block"}});

    std::vector<std::string> not_restored;
    Finding finding;
    std::vector<std::string> silent_cards;
    std::vector<std::string> partly_silent;
    std::vector<std::string> fine_cards;
    std::vector<Evidence> notes;
    for (const auto& card : levels.file->cards) {
        if (!levels.restored(card)) {
            not_restored.push_back(card.id);
            continue;
        }
        CardPlayback playback = playback_of(card);
        if (playback.paths.empty())
            continue;  // HDMI-only and other cards with none of these controls
        std::vector<std::string> named;
        for (const auto& silenced : playback.silenced) {
            named.push_back(what_silences(silenced));
            finding.with(evidence_for(levels, card, *silenced.control));
        }
        if (playback.auto_mute != nullptr)
            notes.push_back(evidence_for(levels, card, *playback.auto_mute));
        if (playback.silenced.empty())
            fine_cards.push_back(card.id);
        else if (playback.all_silent)
            silent_cards.push_back(card.id + " (" + join(named, ", ") + ")");
        else
            partly_silent.push_back(card.id + " (" + join(named, ", ") + ")");
    }
    for (auto& note : notes)
        finding.with(std::move(note));

    if (silent_cards.empty() && partly_silent.empty()) {
        if (fine_cards.empty() && !not_restored.empty())
            return make_finding(Status::skip,
                                "the saved levels are only for cards not present (" +
                                    join(not_restored, ", ") + "); see alsa.state-file",
                                {{levels.file->path, 0, "state for " + join(not_restored, ", ")}});
        finding.status = Status::pass;
        finding.summary = fine_cards.empty()
                              ? "no card has master, speaker, headphone or PCM playback controls"
                              : "the playback controls of " + join(fine_cards, ", ") + " are on";
        return finding;
    }
    finding.fixes = {k_unmute};
    if (!silent_cards.empty()) {
        finding.status = Status::fail;
        finding.summary = "every playback path is muted or at zero on " + join(silent_cards, "; ");
        if (!partly_silent.empty())
            finding.summary += "; some on " + join(partly_silent, "; ");
    } else {
        finding.status = Status::warn;
        finding.summary =
            "some playback paths are muted or at zero on " + join(partly_silent, "; ");
    }
    if (!notes.empty())
        finding.detail =
            "The card has an Auto-Mute Mode: while it is enabled the driver also "
            "mutes the speaker whenever a headphone jack reads plugged, which no "
            "mixer level shows.";
    return finding;
}

}  // namespace

const CheckDescriptor mixer_muted = {
    .id = "mixer.muted",
    .title = "Muted playback",
    .area = "state",
    .needs = {},
    .report_needs = {report::k_alsactl_path},
    .explanation =
        "A card can be found, loaded and opened by every program and still play nothing: its "
        "master, PCM, speaker or headphone playback switch is off, or the volume sits at zero. "
        "The drivers start most cards muted, and a state saved muted by 'alsactl store' mutes "
        "them again at every boot. sndoctor reads the controls of every card: live through "
        "alsa-lib, on a copy of a system from /var/lib/alsa/asound.state (what the next boot "
        "restores), from a report its alsactl output. Master and PCM carry every sound, so one "
        "of them off silences the card; the speaker and headphone outputs silence it only when "
        "all of them are off. HD-Audio cards also have an Auto-Mute Mode that mutes the "
        "speaker while a headphone jack reads plugged; it is shown as evidence. The fix "
        "unmutes the switches and raises zero volumes to half their range (never above 70 %), "
        "then saves the levels as 'alsactl store' does.",
    .fixes = {{k_unmute, "Unmute the playback controls", true}},
    .run = run,
};

}  // namespace sndoctor::checks
