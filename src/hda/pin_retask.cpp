#include "hda/pin_retask.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

#include "core/text.hpp"
#include "hda/pin_config.hpp"
#include "hda/verbs.hpp"

namespace sndoctor::hda {

namespace {

constexpr std::string_view k_user_pin_configs = "user_pin_configs";
constexpr std::string_view k_reconfig = "reconfig";

RetaskPlan empty_plan(const Codec& codec, int card, const SysfsPinConfigs& configs) {
    RetaskPlan plan;
    plan.card = card;
    plan.codec_address = codec.address;
    plan.codec_name = codec.name;
    plan.dir = configs.dir;
    return plan;
}

/// The codec with its pins set to `values` (pins not there keep the dump's value).
AssociationLayout layout_with(const Codec& codec, const std::map<int, std::uint32_t>& values) {
    Codec changed = codec;
    for (auto& widget : changed.widgets)
        if (auto it = values.find(widget.nid); widget.pin && it != values.end())
            widget.pin->default_config = it->second;
    return group_associations(changed);
}

/// Groups the pins with the values the driver uses now and with the plan's new ones.
void settle_layouts(RetaskPlan& plan, const Codec& codec, const SysfsPinConfigs& configs) {
    std::map<int, std::uint32_t> values;
    for (int nid : configs.pins())
        values[nid] = configs.effective(nid).value_or(0);
    plan.layout_before = layout_with(codec, values);
    for (const auto& change : plan.changes)
        values[change.nid] = change.after;
    plan.layout_after = layout_with(codec, values);
}

/// "as 1  playback  0x14 Speaker seq 0, 0x21 HP Out seq 15", one line per association.
std::vector<std::string> layout_lines(const AssociationLayout& layout) {
    std::vector<std::string> lines;
    for (const auto& association : layout.associations) {
        char head[48];
        std::snprintf(head, sizeof head, "as %-2d %-8s ", association.number,
                      std::string(to_string(association.direction)).c_str());
        std::string line = head;
        for (std::size_t i = 0; i < association.pins.size(); ++i) {
            const auto& pin = association.pins[i];
            line += (i == 0 ? "" : ", ") + hex(pin.nid, 2) + " " +
                    std::string(linux_device_name(pin.config.device)) + " seq " +
                    std::to_string(pin.config.sequence);
        }
        if (association.digital)
            line += " (digital)";
        for (const auto& problem : association.problems)
            line += "; disabled: " + problem;
        lines.push_back(std::move(line));
    }
    if (lines.empty())
        lines.push_back("none: no connected pin has an association of 1 to 15");
    return lines;
}

std::string device_list(const std::vector<CardHolder>& holders) {
    std::string text;
    for (const auto& holder : holders)
        text += "  " + holder.command + " (pid " + std::to_string(holder.pid) + ", " +
                holder.device + ")\n";
    return text;
}

}  // namespace

std::string describe_pin_value(std::uint32_t value) {
    PinConfig config = PinConfig::decode(value);
    char association[64];
    std::snprintf(association, sizeof association, "DefAssociation = 0x%x, Sequence = 0x%x",
                  config.association, config.sequence);
    return linux_pin_default_text(config) + "; " + linux_conn_color_text(config) + "; " +
           association + (config.no_presence() ? "; Misc = NO_PRESENCE" : "");
}

RetaskPlan plan_retask(const Codec& codec, int card, const SysfsPinConfigs& configs,
                       const std::vector<PinRequest>& requests) {
    RetaskPlan plan = empty_plan(codec, card, configs);
    // One change per pin, in the order the pins were first asked for.
    std::vector<PinChange> wanted;
    for (const auto& request : requests) {
        auto before = configs.effective(request.nid);
        if (!before)
            continue;
        auto same = std::find_if(wanted.begin(), wanted.end(),
                                 [&](const PinChange& c) { return c.nid == request.nid; });
        if (same == wanted.end()) {
            wanted.push_back({request.nid, *before, request.value, request.source});
        } else {
            same->after = request.value;
            same->source += ", " + request.source;
        }
    }
    for (const auto& change : wanted)
        (change.after == change.before ? plan.unchanged : plan.changes).push_back(change);
    settle_layouts(plan, codec, configs);
    return plan;
}

RetaskPlan plan_reset(const Codec& codec, int card, const SysfsPinConfigs& configs) {
    RetaskPlan plan = empty_plan(codec, card, configs);
    for (const auto& entry : configs.user) {
        auto underneath = configs.without_user(entry.nid);
        if (!underneath)
            continue;  // not a pin of this codec: the driver never reads it
        bool from_driver = std::any_of(configs.driver.begin(), configs.driver.end(),
                                       [&](const PinConfigEntry& e) { return e.nid == entry.nid; });
        PinChange change{entry.nid, entry.value, *underneath,
                         from_driver ? "reset to the driver's value" : "reset to the BIOS value"};
        (change.after == change.before ? plan.unchanged : plan.changes).push_back(change);
    }
    settle_layouts(plan, codec, configs);
    return plan;
}

std::string render_preview(const RetaskPlan& plan) {
    std::string out = "Card " + std::to_string(plan.card) + ", codec " +
                      std::to_string(plan.codec_address) + " (" + plan.codec_name + "), through " +
                      plan.dir + ":\n";
    for (const auto& change : plan.changes)
        out += "  " + hex(change.nid, 2) + "  " + hex(change.before, 8) + "  " +
               describe_pin_value(change.before) + "\n     -> " + hex(change.after, 8) + "  " +
               describe_pin_value(change.after) + "\n        (" + change.source + ")\n";
    for (const auto& same : plan.unchanged)
        out += "  " + hex(same.nid, 2) + "  " + hex(same.after, 8) +
               "  already so, nothing to write (" + same.source + ")\n";
    if (plan.changes.empty())
        return out;
    auto before = layout_lines(plan.layout_before);
    auto after = layout_lines(plan.layout_after);
    out +=
        "Associations, as FreeBSD's driver groups them (Linux's parser reads the same fields "
        "by its own rules):\n";
    if (before == after) {
        out += "  unchanged:\n";
        for (const auto& line : after)
            out += "    " + line + "\n";
        return out;
    }
    out += "  now:\n";
    for (const auto& line : before)
        out += "    " + line + "\n";
    out += "  after:\n";
    for (const auto& line : after)
        out += "    " + line + "\n";
    return out;
}

std::optional<std::string> live_retask_unavailable(const Root& root, const std::string& dir) {
    if (!root.is_dir(dir))
        return dir +
               " is missing: the kernel makes a codec's sysfs files only when built with "
               "CONFIG_SND_HDA_HWDEP, so its pins cannot be changed while it runs";
    std::vector<std::string> unusable;
    for (std::string_view name : {k_user_pin_configs, k_reconfig}) {
        auto info = root.stat(join_path(dir, name));
        if (!info)
            unusable.push_back(std::string(name) + " is missing");
        else if ((info->mode & 0222) == 0)
            unusable.push_back(std::string(name) + " is read-only");
    }
    if (unusable.empty())
        return std::nullopt;
    std::string what;
    for (const auto& item : unusable)
        what += (what.empty() ? "" : " and ") + item;
    return "in " + dir + " " + what +
           ": the kernel was built without CONFIG_SND_HDA_RECONFIG, so pins cannot be changed "
           "while it runs. A boot patch file ('sndoctor hda persist') sets them when the driver "
           "loads instead, but the kernel reads one only when built with "
           "CONFIG_SND_HDA_PATCH_LOADER, which turns CONFIG_SND_HDA_RECONFIG on too: either way "
           "this needs a kernel built with CONFIG_SND_HDA_PATCH_LOADER=y";
}

bool is_card_device(std::string_view device, int card) {
    std::string_view name = base_name(device);
    std::size_t at = 0;
    while (at < name.size() && std::islower(static_cast<unsigned char>(name[at])))
        ++at;
    if (at == 0 || at >= name.size() || name[at] != 'C')
        return false;
    std::size_t digits = ++at;
    while (at < name.size() && std::isdigit(static_cast<unsigned char>(name[at])))
        ++at;
    if (at == digits || (at < name.size() && name[at] != 'D'))
        return false;
    auto number = parse_int(name.substr(digits, at - digits));
    return number && *number == card;
}

std::vector<CardHolder> card_holders(const SoundUsers& users, int card) {
    std::vector<CardHolder> holders;
    for (const auto& user : users.users)
        for (const auto& device : user.devices)
            if (is_card_device(device, card)) {
                holders.push_back({user.pid, user.command, device});
                break;
            }
    return holders;
}

std::string explain_card_busy(const std::vector<CardHolder>& holders, int card) {
    std::string text =
        "The kernel reconfigures a codec only when no program has its card open "
        "(else it answers 'Device or resource busy')";
    if (holders.empty())
        return text + "; a program opened card " + std::to_string(card) +
               " and let it go again, or runs where this process cannot see it. Close the "
               "programs that play or record (" +
               std::string(stop_sound_server_advice()) + "), then run the command again.\n";
    return text + ", and these have card " + std::to_string(card) + " open:\n" +
           device_list(holders) + "Close them (" + std::string(stop_sound_server_advice()) +
           "), then run the command again.\n";
}

std::optional<ApplyFailure> apply_retask(const RetaskPlan& plan, SysfsWriter& writer) {
    std::string user_pin_configs = join_path(plan.dir, k_user_pin_configs);
    std::size_t written = 0;
    try {
        for (const auto& change : plan.changes) {
            writer.write(user_pin_configs, pin_config_line(change.nid, change.after));
            ++written;
        }
        writer.write(join_path(plan.dir, k_reconfig), "1\n");
    } catch (const SysfsWriteError& e) {
        return ApplyFailure{e.path(), e.error_number(), e.what(), written,
                            written == plan.changes.size()};
    }
    return std::nullopt;
}

std::vector<PinReadback> read_back(const RetaskPlan& plan, const Root& root) {
    SysfsPinConfigs now = read_sysfs_pin_configs(root, plan.dir);
    std::vector<PinReadback> pins;
    for (const auto& change : plan.changes)
        pins.push_back(
            {change.nid, change.after, now.user_value(change.nid), now.effective(change.nid)});
    return pins;
}

}  // namespace sndoctor::hda
