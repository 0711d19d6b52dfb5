#include "facts/mixer_levels.hpp"

#include <algorithm>
#include <iterator>

#include "core/error.hpp"
#include "core/text.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "report/live_alsa.hpp"
#include "report/section_files.hpp"

namespace sndoctor {

namespace {

/// Paths every sound of the card passes through: silent here, silent everywhere.
constexpr std::string_view k_common_paths[] = {"Master", "PCM"};
/// The outputs a card plays through; the card is silent only when all of them are. Front and
/// Line Out are there so that a desktop whose headphone switch is off (as PulseAudio leaves it
/// while nothing is plugged in) is not called silent while its rear output plays.
constexpr std::string_view k_output_paths[] = {"Speaker", "Headphone", "Front", "Line Out"};

/// How alsactl writes a boolean that is off (it also accepts these on restore).
constexpr std::string_view k_off_values[] = {"false", "off", "no", "0"};

/// "Master" for "Master Playback Switch" or "Master Playback Volume"; empty for other names.
std::string_view path_of(const StateControl& control, std::string_view suffix) {
    std::string_view name = control.name;
    auto ends_with = [&](std::string_view text, std::string_view end) {
        return text.size() > end.size() && text.substr(text.size() - end.size()) == end;
    };
    if (!ends_with(name, suffix))
        return {};
    std::string_view base = name.substr(0, name.size() - suffix.size());
    for (std::string_view known : k_common_paths)
        if (base == known)
            return known;
    for (std::string_view known : k_output_paths)
        if (base == known)
            return known;
    return {};
}

bool contains(const std::vector<std::string>& items, std::string_view item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

}  // namespace

bool switch_all_off(const StateControl& control) {
    return !control.values.empty() &&
           std::all_of(control.values.begin(), control.values.end(), [](const std::string& v) {
               return std::find(std::begin(k_off_values), std::end(k_off_values), v) !=
                      std::end(k_off_values);
           });
}

bool volume_at_floor(const StateControl& control) {
    if (control.min && control.max && *control.max <= *control.min)
        return false;
    std::int64_t floor = control.min.value_or(0);
    return !control.values.empty() &&
           std::all_of(control.values.begin(), control.values.end(), [&](const std::string& v) {
               auto value = parse_int(v);
               return value && *value <= floor;
           });
}

CardPlayback playback_of(const StateCard& card) {
    CardPlayback playback;
    playback.card = &card;
    std::vector<std::string> silent_paths;
    for (const auto& control : card.controls) {
        if (!control.iface.empty() && control.iface != "MIXER")
            continue;
        if (control.name == "Auto-Mute Mode") {
            playback.auto_mute = &control;
            continue;
        }
        std::string_view path = path_of(control, " Playback Switch");
        auto kind = SilencedControl::Kind::switch_off;
        bool silent = !path.empty() && switch_all_off(control);
        if (path.empty()) {
            path = path_of(control, " Playback Volume");
            kind = SilencedControl::Kind::volume_zero;
            silent = !path.empty() && volume_at_floor(control);
        }
        if (path.empty())
            continue;
        if (!contains(playback.paths, path))
            playback.paths.emplace_back(path);
        if (!silent)
            continue;
        playback.silenced.push_back({kind, &control});
        if (!contains(silent_paths, path))
            silent_paths.emplace_back(path);
    }
    bool common_silent = std::any_of(std::begin(k_common_paths), std::end(k_common_paths),
                                     [&](std::string_view p) { return contains(silent_paths, p); });
    bool has_output = false;
    bool every_output_silent = true;
    for (std::string_view output : k_output_paths) {
        if (!contains(playback.paths, output))
            continue;
        has_output = true;
        every_output_silent = every_output_silent && contains(silent_paths, output);
    }
    playback.all_silent = common_silent || (has_output && every_output_silent);
    return playback;
}

std::optional<std::vector<std::string>> unmuted_values(const SilencedControl& silenced) {
    const StateControl& control = *silenced.control;
    if (silenced.kind == SilencedControl::Kind::switch_off)
        return std::vector<std::string>(control.values.size(), "true");
    if (!control.min || !control.max)
        return std::nullopt;
    std::int64_t level = *control.min + (*control.max - *control.min) / 2;
    return std::vector<std::string>(control.values.size(), std::to_string(level));
}

std::string MixerLevels::evidence_path(const StateCard& card) const {
    for (const auto& [id, index] : live_indexes)
        if (id == card.id)
            return "/dev/snd/controlC" + std::to_string(index);
    return file ? file->path : std::string();
}

bool MixerLevels::restored(const StateCard& card) const {
    return present_ids.empty() ||
           std::find(present_ids.begin(), present_ids.end(), card.id) != present_ids.end();
}

MixerLevels MixerLevels::load(Facts& facts) {
    const Root& root = facts.root();
    MixerLevels levels;
    switch (root.source()) {
        case RootSource::live: {
            const auto& [section, problems] = facts.get<report::LiveAlsactl>();
            // A control device this user may not open (no audio group, no seat) is what
            // user.audio-group reports; here it only means the levels cannot be seen.
            if (!problems.empty()) {
                levels.missing = "the mixer cannot be read: " + problems.front().path + ": " +
                                 problems.front().reason;
                return levels;
            }
            if (!section) {
                levels.missing = "no sound card, so no mixer to read";
                return levels;
            }
            levels.file = StateFile::parse("/dev/snd", section->text);
            for (const auto& card : facts.get<CardList>().cards)
                levels.live_indexes.emplace_back(card.id, card.index);
            break;
        }
        case RootSource::dir: {
            const AlsaState& state = facts.get<AlsaState>();
            if (!state.current) {
                levels.missing = std::string("no saved mixer state (") + AlsaState::k_path +
                                 ") to read the levels from";
                return levels;
            }
            levels.file = *state.current;
            try {
                for (const auto& card : facts.get<CardList>().cards)
                    levels.present_ids.push_back(card.id);
            } catch (const InputError&) {
                // cards.present reports an unreadable card list; every block counts then.
            }
            break;
        }
        case RootSource::report: {
            std::string path(report::k_alsactl_path);
            auto text = root.read(path);
            if (!text) {
                levels.missing = "the mixer controls (Alsactl output) are not in the report";
                return levels;
            }
            levels.file = StateFile::parse(path, *text);
            break;
        }
    }
    if (levels.file->problem) {
        levels.missing = levels.file->path + " cannot be read: " + levels.file->problem->reason;
        levels.file.reset();
    }
    return levels;
}

}  // namespace sndoctor
