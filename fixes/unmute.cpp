// mixer.unmute: switch the silenced playback controls on and raise the zero volumes to a safe
// level: on the running system through alsa-lib (each step undone by setting the old value
// back), then saved as `alsactl store` saves it; on a copy of a system in its state file.
#include <algorithm>

#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/alsa_state.hpp"
#include "facts/facts.hpp"
#include "facts/mixer_levels.hpp"
#include "fixes/fixes.hpp"

namespace sndoctor::fixes {

namespace {

/// One control to change: where it is and the values it gets.
struct Change {
    const StateCard* card;
    const StateControl* control;
    std::vector<std::string> values;
};

/// The changes that unmute every silenced control; a volume whose range is unknown cannot be
/// raised to a known level and becomes a manual step.
std::vector<Change> changes_for(const MixerLevels& levels, const StateFile& file,
                                PlanBuilder& builder) {
    std::vector<Change> changes;
    for (const auto& card : file.cards) {
        if (!levels.restored(card))
            continue;
        CardPlayback playback = playback_of(card);
        for (const auto& silenced : playback.silenced) {
            if (auto values = unmuted_values(silenced))
                changes.push_back({&card, silenced.control, std::move(*values)});
            else
                builder.manual_step("Raise " + silenced.control->name + " of " + card.id +
                                    " yourself (alsamixer): its range is not known");
        }
    }
    return changes;
}

/// amixer's words for a boolean ("on", "off"); other values as they are.
std::string amixer_values(const std::vector<std::string>& values) {
    std::vector<std::string> words;
    for (const auto& value : values)
        words.push_back(value == "true" ? "on" : value == "false" ? "off" : value);
    return join(words, ",");
}

void plan_live(const MixerLevels& levels, const std::vector<Change>& changes,
               PlanBuilder& builder) {
    for (const auto& change : changes) {
        auto index =
            std::find_if(levels.live_indexes.begin(), levels.live_indexes.end(),
                         [&](const auto& entry) { return entry.first == change.card->id; });
        if (index == levels.live_indexes.end())
            throw InputError("/proc/asound/cards", "does not list card " + change.card->id);
        // In process through alsa-lib, as amixer cset would; the journal keeps the old values.
        ControlSetting after{index->second, change.control->name, change.control->index,
                             change.values};
        ControlSetting before = after;
        before.values = change.control->values;
        builder.set_control(std::move(after), std::move(before),
                            "Set " + change.control->name + " of card " +
                                std::to_string(index->second) + " " + change.card->id + " to " +
                                amixer_values(change.values) + " (it is " +
                                amixer_values(change.control->values) + ")");
    }
    builder.run_command({"alsactl", "store"}, {AlsaState::k_path},
                        std::string("Save the levels as ") + AlsaState::k_path +
                            " (alsactl store), so that the next boot restores them unmuted");
}

/// Rewrites the value lines ("value false", "value.1 0") of the control whose name is on line
/// `name_line`, up to its comment block or its end; false when it has none to rewrite.
bool rewrite_values(std::vector<std::string>& lines, int name_line,
                    const std::vector<std::string>& values) {
    bool rewritten = false;
    for (std::size_t i = static_cast<std::size_t>(name_line); i < lines.size(); ++i) {
        std::string& line = lines[i];
        auto start = line.find_first_not_of(" \t");
        if (start == std::string::npos)
            continue;
        std::string_view rest = std::string_view(line).substr(start);
        if (rest.starts_with("comment") || rest.starts_with("}") || rest.starts_with("control"))
            break;
        if (!rest.starts_with("value"))
            continue;
        auto gap = rest.find_first_of(" \t");
        if (gap == std::string_view::npos)
            continue;
        std::string_view key = rest.substr(0, gap);
        auto channel = key == "value"              ? std::optional<std::int64_t>(0)
                       : key.starts_with("value.") ? parse_int(key.substr(6))
                                                   : std::nullopt;
        if (!channel || *channel < 0 || static_cast<std::size_t>(*channel) >= values.size())
            continue;
        auto value_at = rest.find_first_not_of(" \t", gap);
        line = line.substr(0, start + value_at) + values[static_cast<std::size_t>(*channel)];
        rewritten = true;
    }
    return rewritten;
}

void plan_file(const MixerLevels& levels, PlanBuilder& builder) {
    const std::string& path = levels.file->path;
    // Parsed again from the file as the earlier plans of this run leave it, so that the lines
    // edited are the lines there.
    auto text = builder.current(path);
    if (!text)
        throw InputError(path, "is gone (an earlier fix of this run moves it)");
    StateFile file = StateFile::parse(path, *text);
    if (file.problem)
        throw InputError(path, file.problem->reason, file.problem->line);
    std::vector<Change> changes = changes_for(levels, file, builder);
    if (changes.empty())
        throw InputError(path, "keeps no playback control muted or at zero");

    std::vector<std::string> lines;
    for (std::size_t from = 0; from <= text->size();) {
        auto end = text->find('\n', from);
        if (end == std::string::npos) {
            if (from < text->size())
                lines.push_back(text->substr(from));
            break;
        }
        lines.push_back(text->substr(from, end - from));
        from = end + 1;
    }
    std::vector<std::string> named;
    for (const auto& change : changes) {
        if (change.control->line == 0 ||
            !rewrite_values(lines, change.control->line, change.values))
            throw InputError(path, "the value of " + change.control->name + " in state." +
                                       change.card->id + " is not written as alsactl writes it");
        named.push_back(change.card->id + " " + change.control->name + " → " +
                        join(change.values, " "));
    }
    std::string after;
    for (std::size_t i = 0; i < lines.size(); ++i)
        after += lines[i] + (i + 1 < lines.size() || text->ends_with('\n') ? "\n" : "");
    builder.write_file(path, std::move(after),
                       "Unmute the saved playback controls (" + join(named, ", ") +
                           "), so that the next boot restores them audible");
    builder.manual_step(
        "On that machine, after the next boot (or 'alsactl restore'), check the "
        "levels with alsamixer");
}

void plan(Facts& facts, const Result&, PlanBuilder& builder) {
    const Root& root = builder.root();
    if (root.source() == RootSource::report)
        throw InputError(root.origin(),
                         "is an alsa-info report: its mixer belongs to the machine it came from, "
                         "so unmute there (sndoctor fix mixer.unmute)");
    const MixerLevels& levels = facts.get<MixerLevels>();
    if (!levels.file)
        throw InputError(root.origin(), levels.missing);
    if (root.source() == RootSource::dir) {
        plan_file(levels, builder);
        return;
    }
    std::vector<Change> changes = changes_for(levels, *levels.file, builder);
    if (changes.empty())
        throw InputError(levels.file->path, "no playback control is muted or at zero");
    plan_live(levels, changes, builder);
}

}  // namespace

const FixDefinition unmute = {
    .id = "mixer.unmute",
    .check_id = "mixer.muted",
    .title = "Unmute the playback controls",
    .needs_root = true,
    .plan = plan,
};

}  // namespace sndoctor::fixes
