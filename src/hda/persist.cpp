#include "hda/persist.hpp"

#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "hda/sysfs_pins.hpp"
#include "hda/verbs.hpp"

namespace sndoctor::hda {

namespace {

constexpr std::uint32_t k_set_eapd = 0x70c;
constexpr std::uint32_t k_set_gpio_data = 0x715;
constexpr std::uint32_t k_set_gpio_mask = 0x716;
constexpr std::uint32_t k_set_gpio_direction = 0x717;
constexpr std::uint32_t k_set_config_byte_0 = 0x71c;
constexpr std::uint32_t k_set_config_byte_3 = 0x71f;

/// A register the session wrote: its value before the first write and after the last.
struct Written {
    std::uint32_t before = 0;
    std::uint32_t after = 0;
};

std::string describe(const ExperimentEntry& entry) {
    auto name = verb_name(entry.verb.verb);
    return (name ? std::string(*name) : hex(entry.verb.verb, 3)) + " " +
           hex(entry.verb.payload, 2) + " on node " +
           hex(static_cast<std::uint32_t>(entry.verb.nid), 2);
}

}  // namespace

SessionChanges session_changes(const Codec& codec,
                               const std::vector<std::pair<int, std::uint32_t>>& user_pins,
                               const std::vector<std::pair<std::string, std::string>>& hints,
                               const std::vector<ExperimentEntry>& log) {
    SessionChanges changes;
    changes.patch.vendor_id = codec.vendor_id;
    changes.patch.subsystem_id = codec.subsystem_id;
    changes.patch.address = codec.address;
    changes.patch.hints = hints;

    std::map<int, std::uint32_t> pins(user_pins.begin(), user_pins.end());
    std::map<int, Written> configs;                           // by nid
    std::map<std::pair<int, std::uint32_t>, Written> simple;  // (nid, verb): GPIO and EAPD
    for (const auto& entry : log) {
        const Verb& verb = entry.verb;
        if (entry.codec != codec.address || verb_direction(verb.verb) != VerbDirection::set ||
            !entry.response || *entry.response == k_no_response)
            continue;
        if (verb.verb >= k_set_config_byte_0 && verb.verb <= k_set_config_byte_3) {
            // One byte of the 32-bit value per verb; the first write's read-back is the whole
            // value before the session, the codec's dump value when the log has none.
            auto [it, first] = configs.try_emplace(verb.nid);
            if (first) {
                const Widget* widget = codec.widget(verb.nid);
                std::uint32_t start =
                    entry.before.value_or(widget && widget->pin ? widget->pin->default_config : 0);
                it->second = {start, start};
            }
            unsigned shift = (verb.verb - k_set_config_byte_0) * 8;
            it->second.after = (it->second.after & ~(0xffu << shift)) | (verb.payload << shift);
            continue;
        }
        bool gpio = verb.nid == codec.afg_nid &&
                    (verb.verb == k_set_gpio_mask || verb.verb == k_set_gpio_direction ||
                     verb.verb == k_set_gpio_data);
        if (gpio || verb.verb == k_set_eapd) {
            auto [it, first] = simple.try_emplace({verb.nid, verb.verb});
            if (first)
                it->second.before = entry.before.value_or(~verb.payload);
            it->second.after = verb.payload;
            continue;
        }
        changes.not_carried.push_back(describe(entry));
    }

    for (const auto& [nid, written] : configs)
        if (written.after != written.before)
            pins[nid] = written.after;
    changes.patch.pincfg.assign(pins.begin(), pins.end());
    for (std::uint32_t verb : {k_set_gpio_mask, k_set_gpio_direction, k_set_gpio_data}) {
        auto it = simple.find({codec.afg_nid, verb});
        if (it != simple.end() && it->second.after != it->second.before)
            changes.patch.verbs.push_back({codec.afg_nid, verb, it->second.after});
    }
    for (const auto& [key, written] : simple)
        if (key.second == k_set_eapd && written.after != written.before)
            changes.patch.verbs.push_back({key.first, k_set_eapd, written.after});
    return changes;
}

DriverOverrides read_driver_overrides(const Root& root, int card, int codec_address) {
    DriverOverrides out;
    std::string dir = sysfs_codec_dir(card, codec_address);
    if (!root.is_dir(dir))
        return out;
    SysfsPinConfigs configs = read_sysfs_pin_configs(root, dir);
    out.warnings = configs.warnings;
    for (const auto& entry : configs.user)
        if (configs.without_user(entry.nid) != entry.value)
            out.pins.emplace_back(entry.nid, entry.value);
    std::string text = root.read(dir + "/hints").value_or("");
    for (const auto& line : split_lines(text)) {
        auto eq = line.text.find('=');
        if (eq != std::string_view::npos && !trim(line.text.substr(0, eq)).empty())
            out.hints.emplace_back(std::string(trim(line.text.substr(0, eq))),
                                   std::string(trim(line.text.substr(eq + 1))));
    }
    return out;
}

}  // namespace sndoctor::hda
