#include "checks/card_order.hpp"

#include <algorithm>

#include "checks/cards.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "facts/modprobe_config.hpp"

namespace sndoctor::checks {

namespace {

/// The last value kmod passes for `param` of `module` (later options override earlier ones, as
/// the kernel parses them left to right), with the line that sets it; for a list ("index=-2,1")
/// the first item, which is the module's first card.
struct Setting {
    std::string value;
    const ModprobeEntry* entry = nullptr;
};

std::optional<Setting> last_setting(const ModprobeConfig& config, const std::string& module,
                                    std::string_view param) {
    std::optional<Setting> found;
    for (const auto& entry : config.entries) {
        if (entry.command != ModprobeCommand::options || entry.module != module)
            continue;
        for (const auto& p : split_module_params(entry.argument))
            if (p.has_value && module_name(p.name) == param)
                found = Setting{p.value.substr(0, p.value.find(',')), &entry};
    }
    return found;
}

/// A module compiled into the kernel has a /sys/module entry without initstate. A tree without
/// /sys/module cannot say, and counts as loadable.
bool built_in(const Root& root, const std::string& module) {
    std::string dir = join_path("/sys/module", module);
    return root.is_dir(dir) && !root.exists(join_path(dir, "initstate"));
}

std::size_t cards_of(const CardList& list, const std::string& module) {
    return static_cast<std::size_t>(std::count_if(
        list.cards.begin(), list.cards.end(), [&](const Card& c) { return c.module == module; }));
}

}  // namespace

bool index_avoids_zero(std::int64_t value) {
    return value > 0 || (value < 0 && (value & 1) == 0);
}

std::optional<Evidence> configured_reorder(Facts& facts, const CardList& list, const Card& first,
                                           const Card& better) {
    std::string module = first.module;
    if (module.empty() && is_virmidi_card(first))
        module = k_virmidi_module;
    if (module.empty() || built_in(facts.root(), module) || cards_of(list, module) > 1)
        return std::nullopt;
    const auto& config = facts.get<ModprobeConfig>();
    auto index = last_setting(config, module, "index");
    std::optional<std::int64_t> value = index ? parse_int(index->value) : std::nullopt;
    if (value && index_avoids_zero(*value))
        return index->entry->where;
    if (value && *value >= 0)
        return std::nullopt;  // an explicit slot (0) is taken whatever slots= reserves
    // snd's slots= names a module per slot; a card that leaves the choice to ALSA skips a slot
    // reserved for another module.
    auto slots = last_setting(config, "snd", "slots");
    if (slots && !better.module.empty() && module_name(slots->value) == better.module)
        return slots->entry->where;
    return std::nullopt;
}

void report_pending_reorder(Finding& finding, const std::string& now, const Card& better,
                            const Evidence& line) {
    finding.status = Status::info;
    finding.summary = now + " until the sound drivers load again: " + line.path + ":" +
                      std::to_string(line.line) + " gives card 0 to " + better.id +
                      " then (fixed at the next module load or boot)";
    finding.with(line);
    finding.fixes.clear();
    finding.fixes.push_back(k_reload_fix);
    append_detail(finding,
                  "The configuration is right; the running kernel still has the old order. "
                  "'sndoctor fix " +
                      std::string(k_reload_fix) +
                      "' reloads the sound drivers when no program has a sound device open, or "
                      "reboot. If the drivers load from the initramfs, rebuild it first "
                      "(update-initramfs -u, dracut -f or genkernel) so that it carries the new "
                      "options.");
}

}  // namespace sndoctor::checks
