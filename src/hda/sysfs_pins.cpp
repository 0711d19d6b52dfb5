#include "hda/sysfs_pins.hpp"

#include <algorithm>
#include <cstdio>

#include "core/text.hpp"

namespace sndoctor::hda {

namespace {

/// A pin list holds one short line per pin (at most 0x7f); far more is not one.
constexpr std::size_t k_list_cap = 64 * 1024;

std::optional<std::uint32_t> find_value(const std::vector<PinConfigEntry>& list, int nid) {
    for (const auto& entry : list)
        if (entry.nid == nid)
            return entry.value;
    return std::nullopt;
}

std::vector<PinConfigEntry> read_list(const Root& root, const std::string& path,
                                      std::vector<ParseProblem>& problems) {
    auto text = root.read(path, k_list_cap);
    if (!text)
        return {};
    return parse_pin_config_list(*text, path, problems);
}

}  // namespace

std::string sysfs_codec_dir(int card, int codec_address) {
    return "/sys/class/sound/hwC" + std::to_string(card) + "D" + std::to_string(codec_address);
}

std::string pin_config_line(int nid, std::uint32_t value) {
    char line[32];
    std::snprintf(line, sizeof line, "0x%02x 0x%08x\n", nid, value);
    return line;
}

std::vector<PinConfigEntry> parse_pin_config_list(std::string_view text, const std::string& path,
                                                  std::vector<ParseProblem>& problems) {
    std::vector<PinConfigEntry> entries;
    for (const auto& line : split_lines(text)) {
        if (trim(line.text).empty())
            continue;
        auto words = split_words(line.text);
        auto nid = words.size() == 2 ? parse_int(words[0]) : std::nullopt;
        auto value = words.size() == 2 ? parse_int(words[1]) : std::nullopt;
        if (!nid || !value || *nid < 1 || *nid > 0x7f || *value < 0 || *value > 0xffffffffLL) {
            problems.push_back({path, line.number,
                                "not a pin configuration ('NID VALUE', as 0x14 0x90170110): '" +
                                    clip(line.text, 80) + "'"});
            continue;
        }
        PinConfigEntry entry{static_cast<int>(*nid), static_cast<std::uint32_t>(*value)};
        auto same = std::find_if(entries.begin(), entries.end(),
                                 [&](const PinConfigEntry& e) { return e.nid == entry.nid; });
        if (same != entries.end())
            same->value = entry.value;
        else
            entries.push_back(entry);
    }
    return entries;
}

std::vector<int> SysfsPinConfigs::pins() const {
    std::vector<int> nids;
    for (const auto& entry : init)
        nids.push_back(entry.nid);
    return nids;
}

std::optional<std::uint32_t> SysfsPinConfigs::effective(int nid) const {
    if (!find_value(init, nid))
        return std::nullopt;
    if (auto value = find_value(user, nid))
        return value;
    return without_user(nid);
}

std::optional<std::uint32_t> SysfsPinConfigs::without_user(int nid) const {
    if (auto value = find_value(driver, nid))
        return value;
    return find_value(init, nid);
}

std::optional<std::uint32_t> SysfsPinConfigs::user_value(int nid) const {
    return find_value(user, nid);
}

SysfsPinConfigs read_sysfs_pin_configs(const Root& root, const std::string& dir) {
    SysfsPinConfigs configs;
    configs.dir = dir;
    std::string init_path = join_path(dir, "init_pin_configs");
    if (!root.exists(init_path))
        throw InputError(init_path, "is missing: the codec's sysfs directory lists no pins");
    configs.init = read_list(root, init_path, configs.warnings);
    configs.driver = read_list(root, join_path(dir, "driver_pin_configs"), configs.warnings);
    configs.user = read_list(root, join_path(dir, "user_pin_configs"), configs.warnings);
    return configs;
}

}  // namespace sndoctor::hda
