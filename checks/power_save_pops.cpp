// power.save-pops: snd_hda_intel's power saving (failure-modes.md M11) powers the codec down
// after a few idle seconds, and on many machines the power-up is heard as a pop or a click.
// Info, not a fault: power saving is what laptops want, and the option is for who hears it.
#include <algorithm>

#include "checks/checks.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_config.hpp"
#include "facts/loaded_modules.hpp"
#include "facts/modprobe_config.hpp"
// The checks read the options lines the way the fix writes them (one helper for both).
#include "fixes/sndoctor_conf.hpp"

namespace sndoctor::checks {

namespace {

constexpr const char* k_module = "snd_hda_intel";
constexpr const char* k_param_path = "/sys/module/snd_hda_intel/parameters/power_save";
constexpr std::string_view k_fix = "power.disable-power-save";

/// A setting of power_save and where it was read.
struct Setting {
    std::optional<std::int64_t> seconds;  ///< nullopt when the text is not a number
    std::string text;
    Evidence where;
};

bool loaded(Facts& facts) {
    const Root& root = facts.root();
    if (root.is_dir("/sys/module/snd_hda_intel"))
        return true;
    // /proc/modules names every loaded module; /proc/asound/modules ("1 snd_hda_intel") the
    // card drivers, and is what a root or report without /proc/modules may still hold. An
    // unreadable /proc/modules is this check's error.
    const auto& modules = facts.get<LoadedModules>();
    if (modules.file.read() && modules.line_of(k_module))
        return true;
    if (auto card_modules = root.read("/proc/asound/modules"))
        for (const auto& line : split_lines(*card_modules)) {
            auto words = split_words(line.text);
            if (words.size() >= 2 && module_name(words[1]) == k_module)
                return true;
        }
    return false;
}

/// What the running driver uses now (the sysfs parameter), when the root has it.
std::optional<Setting> running_setting(const Root& root) {
    auto text = root.read(k_param_path, 4096);
    if (!text)
        return std::nullopt;
    std::string value(trim(*text));
    return Setting{looks_binary(*text) ? std::nullopt : parse_int(value),
                   clip(value, 40),
                   {k_param_path, 1, "power_save = " + clip(value, 40)}};
}

/// The last power_save= kmod passes to snd_hda_intel: the value of its next load.
std::optional<Setting> configured_setting(const ModprobeConfig& config) {
    auto setting = fixes::sndoctor_conf::configured_param(config, k_module, "power_save");
    if (!setting)
        return std::nullopt;
    return Setting{parse_int(setting->value), setting->value, setting->entry->where};
}

Finding on(const Setting& setting, std::string summary) {
    Finding finding = make_finding(Status::info, std::move(summary), {setting.where});
    finding.detail =
        "If you hear a pop or click when sound starts or stops, turn power saving off: "
        "`options snd-hda-intel power_save=0` in /etc/modprobe.d (the fix writes it), or now, "
        "until the next boot, `echo 0 | sudo tee " +
        std::string(k_param_path) +
        "`. TLP (SOUND_POWER_SAVE_ON_AC/BAT in /etc/tlp.conf) and power-profiles tools may set "
        "it again at run time. Leave it on if nothing is heard: it saves battery.";
    finding.fixes = {k_fix};
    return finding;
}

Finding run(Facts& facts) {
    const Root& root = facts.root();
    if (!loaded(facts))
        return make_finding(Status::skip, "snd_hda_intel is not loaded");
    auto running = running_setting(root);
    auto configured = configured_setting(facts.get<ModprobeConfig>());

    if (configured && !configured->seconds) {
        Finding finding =
            make_finding(Status::warn,
                         "power_save=" + configured->text + " is not a number of seconds (" +
                             configured->where.path + ")",
                         {configured->where});
        finding.detail =
            "snd_hda_intel refuses to load with a parameter it cannot read, or "
            "ignores it. The fix writes power_save=0 in sndoctor's file and "
            "comments out this line.";
        finding.fixes = {k_fix};
        return finding;
    }
    if (running && !running->seconds)
        return make_finding(
            Status::warn,
            std::string(k_param_path) + " holds \"" + running->text + "\", not a number of seconds",
            {running->where});

    if (running) {
        if (*running->seconds <= 0) {
            Finding finding =
                make_finding(Status::pass, "power saving is off (power_save=0)", {running->where});
            if (configured && *configured->seconds > 0)
                finding.summary +=
                    ", though " + configured->where.path + " turns it on at the next load";
            return finding;
        }
        std::string now = "power saving is on: the codec powers down after " +
                          std::to_string(*running->seconds) + " s idle";
        if (configured && *configured->seconds <= 0) {
            // The fix (or the user) wrote power_save=0: the driver reads it when it loads.
            Finding finding = make_finding(Status::info,
                                           now + " until snd_hda_intel loads again (" +
                                               configured->where.path + " turns it off)",
                                           {running->where, configured->where});
            return finding;
        }
        Finding finding = on(*running, now);
        if (configured)
            finding.with(configured->where);
        return finding;
    }
    if (configured) {
        if (*configured->seconds <= 0)
            return make_finding(Status::pass, "power saving is off (power_save=0)",
                                {configured->where});
        return on(*configured, "power saving is on: power_save=" + configured->text +
                                   " in the modprobe configuration");
    }
    // Neither says: the kernel's built-in default decides.
    try {
        const KernelConfig& config = facts.get<KernelConfig>();
        auto value = config.value("CONFIG_SND_HDA_POWER_SAVE_DEFAULT");
        auto seconds = value ? parse_int(*value) : std::nullopt;
        if (config.found && seconds && *seconds > 0)
            return on(
                {seconds, *value, {config.path, 0, "CONFIG_SND_HDA_POWER_SAVE_DEFAULT=" + *value}},
                "power saving is on by the kernel's default (" + *value + " s)");
    } catch (const InputError&) {
        // kernel.sound-config reports an unreadable configuration; here it only means "unknown".
    }
    return make_finding(Status::pass, "no power_save option is set for snd_hda_intel");
}

}  // namespace

const CheckDescriptor power_save_pops = {
    .id = "power.save-pops",
    .title = "HD-Audio power saving (pops and clicks)",
    .area = "modprobe",
    .needs = {},
    .report_needs = {"/sys/module"},
    .explanation =
        "snd_hda_intel can power the codec down after some idle seconds (its power_save "
        "parameter; many distributions and TLP turn it on for laptops). Powering up again "
        "charges the amplifier's capacitors, and on many machines that is heard as a pop or a "
        "click when a sound starts, or a crackle every few seconds. The kernel's HD-Audio notes "
        "say it: if you hear noises, suspect power saving first. It is reported as information, "
        "since it saves battery where nothing is heard; the fix sets power_save=0.",
    .fixes = {{k_fix, "Turn off snd-hda-intel power saving (power_save=0)", true}},
    .run = run,
};

}  // namespace sndoctor::checks
