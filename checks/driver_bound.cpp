// pci.driver-bound: every PCI audio device has a driver bound. A device without one makes no
// card at all, and the reasons differ in their cure: no driver for this kernel (build one), a
// blacklist (take it back), a driver that was never loaded (load it), or one that is loaded but
// whose probe failed (the kernel log says why). udev loads drivers by the device's modalias, so
// the check asks libkmod the same question with the same string.
#include "checks/driver_bound.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "checks/card_order.hpp"
#include "checks/cards.hpp"
#include "checks/checks.hpp"
#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_config.hpp"
#include "facts/kernel_log.hpp"
#include "facts/kmod_context.hpp"
#include "facts/loaded_modules.hpp"
#include "facts/modprobe_config.hpp"
#include "facts/pci_devices.hpp"

namespace sndoctor::checks {

namespace {

/// Kernel log lines shown per device: the probe's own error and its context, not a whole boot.
constexpr std::size_t k_max_log_lines = 6;

/// Commands whose only effect is to succeed or fail without loading anything.
constexpr std::string_view k_refusing_commands[] = {"/bin/true",      "/bin/false", "/usr/bin/true",
                                                    "/usr/bin/false", "true",       "false"};

/// The line that says `module` is loaded: /proc/modules (an unreadable one is as good as absent
/// here), else (a copy without /proc) the /sys/module/<name>/initstate that only loaded modules
/// have.
std::optional<Evidence> loaded_line(const Root& root, const LoadedModules& loaded,
                                    const std::string& module) {
    if (auto line = loaded.line_of(module))
        return line;
    std::string initstate = "/sys/module/" + module + "/initstate";
    if (root.exists(initstate))
        return Evidence{initstate, 0, module + " is loaded"};
    return std::nullopt;
}

/// The sysfs attribute as a number ("0x8086\n"); nullopt when missing or not a number.
std::optional<std::int64_t> attribute(const Root& root, const std::string& path) {
    try {
        if (auto text = root.read(path, 4096))
            return parse_int(trim(*text));
    } catch (const InputError&) {
    }
    return std::nullopt;
}

/// The device's modalias: the kernel's own file, else the same string made from the ids and the
/// class the way the kernel makes it (drivers/pci/pci-sysfs.c, modalias_show), for copies of
/// sysfs that left the file out.
std::string modalias_of(const Root& root, const PciDevice& device, Evidence& where) {
    std::string path = join_path(device.sysfs_path, "modalias");
    std::optional<std::string> text;
    try {
        text = root.read(path, 4096);
    } catch (const InputError&) {
    }
    if (text && !trim(*text).empty() && !looks_binary(*text)) {
        std::string alias(trim(*text));
        where = {path, 1, alias};
        return alias;
    }
    auto class_code = attribute(root, join_path(device.sysfs_path, "class"))
                          .value_or(static_cast<std::int64_t>(device.device_class) << 8);
    char made[96];
    std::snprintf(made, sizeof made, "pci:v%08Xd%08Xsv%08Xsd%08Xbc%02Xsc%02Xi%02X",
                  unsigned{device.vendor_id}, unsigned{device.device_id},
                  unsigned{device.subsystem_vendor_id}, unsigned{device.subsystem_device_id},
                  static_cast<unsigned>((class_code >> 16) & 0xff),
                  static_cast<unsigned>((class_code >> 8) & 0xff),
                  static_cast<unsigned>(class_code & 0xff));
    where = {device.sysfs_path, 0, std::string("modalias (made from its ids): ") + made};
    return made;
}

/// Why the modules cannot be looked up in this root; empty when they can.
std::string lookup_unavailable(const Root& root, const KmodContext& kmod) {
    if (!kmod.available())
        return kmod.unavailable_reason();
    if (kmod.release().empty())
        return "the running kernel's release is not known (no /proc/sys/kernel/osrelease)";
    std::string dir = "/lib/modules/" + kmod.release();
    if (!root.is_dir(dir))
        return "there is no " + dir + " for the running kernel";
    if (!root.exists(dir + "/modules.alias") && !root.exists(dir + "/modules.alias.bin"))
        return dir + " has no modules.alias: depmod has not indexed it";
    return {};
}

UnboundCause cause_of(const std::vector<Claimant>& claimants) {
    if (claimants.empty())
        return UnboundCause::no_module;
    if (std::any_of(claimants.begin(), claimants.end(), [](const Claimant& c) {
            return c.loaded || c.location == ModuleLocation::builtin;
        }))
        return UnboundCause::probe_failed;
    if (std::all_of(claimants.begin(), claimants.end(),
                    [](const Claimant& c) { return !c.disabling.empty(); }))
        return UnboundCause::disabled;
    return UnboundCause::not_loaded;
}

void add_fix(Finding& finding, std::string_view fix) {
    if (std::find(finding.fixes.begin(), finding.fixes.end(), fix) == finding.fixes.end())
        finding.fixes.push_back(fix);
}

std::string where_text(const Evidence& where) {
    return where.path + ":" + std::to_string(where.line);
}

std::string module_list(const std::vector<const Claimant*>& claimants) {
    std::vector<std::string> names;
    for (const auto* claimant : claimants)
        names.push_back(claimant->module);
    return join(names, ", ");
}

/// What to call the device: class 0x0480 is "multimedia controller", not always sound.
std::string kind_of(const PciDevice& device) {
    return device.device_class == PciAudioClass::other ? "PCI multimedia controller"
                                                       : "PCI audio device";
}

bool is_intel_dsp(const PciDevice& device) {
    return device.vendor_id == 0x8086 && device.device_class != PciAudioClass::hd_audio;
}

/// The kernel options that give the device a driver, with the running configuration's lines as
/// evidence when the root has it (the facts come from the kernel's sources: hda_intel.c claims
/// the class 0x0403 devices of Intel, AMD, ATI, NVIDIA and others by id; Intel DSPs are
/// HD-Audio in legacy mode or Sound Open Firmware).
std::string kernel_options_advice(Facts& facts, const PciDevice& device, Finding& finding) {
    std::vector<std::string_view> options;
    std::string advice;
    if (device.device_class == PciAudioClass::hd_audio) {
        options = {"CONFIG_SND_HDA_INTEL"};
        advice =
            "snd-hda-intel drives HD-Audio controllers (class 0x0403: every one of Intel, AMD, "
            "ATI and NVIDIA, and others by id): build the kernel with CONFIG_SND_HDA_INTEL=m and "
            "the codec drivers (CONFIG_SND_HDA_CODEC_*)";
    } else if (is_intel_dsp(device)) {
        options = {"CONFIG_SND_HDA_INTEL", "CONFIG_SND_SOC_SOF_PCI",
                   "CONFIG_SND_SOC_SOF_INTEL_TOPLEVEL"};
        advice =
            "an Intel audio DSP is driven by snd-hda-intel in legacy mode (CONFIG_SND_HDA_INTEL) "
            "or by Sound Open Firmware (CONFIG_SND_SOC_SOF_TOPLEVEL, CONFIG_SND_SOC_SOF_PCI, "
            "CONFIG_SND_SOC_SOF_INTEL_TOPLEVEL and the platform's CONFIG_SND_SOC_SOF_<PLATFORM>)";
    } else {
        advice = "no driver of this kernel knows [" + device.ids() +
                 "]: look the id up in a newer kernel's sources (the pci_device_id tables "
                 "under sound/) and build that driver, or run a kernel that has it";
    }
    try {
        const auto& config = facts.get<KernelConfig>();
        if (config.found)
            for (auto option : options) {
                auto value = config.value(option);
                if (value && *value != "n") {
                    finding.with(config.evidence(option));
                    advice += "; " + std::string(option) + "=" + *value +
                              " in the configuration, yet no module claims the device: run "
                              "depmod, or the modules installed are not this configuration's";
                } else {
                    Evidence line = config.evidence(option);
                    if (line.line == 0)
                        line = {config.path, 0, std::string(option) + " is not set"};
                    finding.with(line);
                }
            }
    } catch (const InputError&) {
        // kernel.sound-config reports an unreadable configuration; here it only costs evidence.
    }
    return advice;
}

/// What the kernel said about the device: the lines naming its address.
std::vector<Evidence> log_lines(Facts& facts, const PciDevice& device, std::string& unreadable) {
    try {
        const auto& log = facts.get<KernelLog>();
        if (!log.available) {
            unreadable = log.unavailable_reason;
            return {};
        }
        auto lines = log.find(device.address);
        if (lines.size() > k_max_log_lines)
            lines.erase(lines.begin(), lines.end() - k_max_log_lines);  // the latest probe
        return lines;
    } catch (const InputError& e) {
        unreadable = e.what();
        return {};
    }
}

/// One unbound device as a sentence, its evidence, its detail and its fix.
std::string describe_unbound(Facts& facts, const PciDevices& pci, const UnboundDevice& u,
                             Finding& finding, std::string_view unavailable) {
    const PciDevice& device = *u.device;
    finding.with({device.sysfs_path, 0, pci.name(device) + ": no driver bound"});
    finding.with(u.modalias_where);
    std::string device_text =
        kind_of(device) + " " + device.address + " (" + pci.name(device) + ")";
    std::vector<const Claimant*> all;
    for (const auto& claimant : u.claimants)
        all.push_back(&claimant);

    switch (u.cause) {
        case UnboundCause::unknown:
            append_detail(finding, device_text +
                                       " has no driver; which module would claim it "
                                       "could not be looked up: " +
                                       std::string(unavailable) + ".");
            return "which module would claim it is unknown (" + std::string(unavailable) + ")";
        case UnboundCause::no_module: {
            std::string advice = kernel_options_advice(facts, device, finding);
            append_detail(finding, device_text + ": no module of this kernel claims " + u.modalias +
                                       ". Enable the driver and rebuild: " + advice + ".");
            return "no module of this kernel claims it (the driver is not built)";
        }
        case UnboundCause::probe_failed: {
            std::vector<const Claimant*> present;
            for (const auto& claimant : u.claimants) {
                if (claimant.loaded)
                    finding.with(*claimant.loaded);
                if (claimant.loaded || claimant.location == ModuleLocation::builtin)
                    present.push_back(&claimant);
            }
            bool builtin = std::all_of(present.begin(), present.end(), [](const Claimant* c) {
                return !c->loaded && c->location == ModuleLocation::builtin;
            });
            std::string unreadable;
            auto lines = log_lines(facts, device, unreadable);
            for (auto& line : lines)
                finding.with(std::move(line));
            std::string what = module_list(present) + (builtin ? " is built in" : " is loaded");
            if (!lines.empty())
                append_detail(finding, what + " but did not bind " + device.address +
                                           ": its probe failed, and the kernel log lines "
                                           "naming the device say why (often firmware the "
                                           "driver could not load, or a DSP driver that "
                                           "declined the device for another).");
            else
                append_detail(
                    finding,
                    what + " but did not bind " + device.address + ": its probe failed. " +
                        (unreadable.empty()
                             ? "The kernel log names no line for the device; "
                               "reload the driver and read dmesg."
                             : "The kernel log could not be read (" + unreadable +
                                   "); run dmesg as root and look for " + device.address + "."));
            if (!builtin) {
                // A probe that failed at boot (a GPU still powered down, firmware that came
                // later) is tried again when the driver loads again.
                add_fix(finding, k_reload_fix);
                append_detail(finding,
                              "Reloading the sound drivers (the fix) probes the device "
                              "again; if it fails again, the kernel log says why.");
            }
            return what + " but did not bind it: the probe failed";
        }
        case UnboundCause::disabled: {
            std::vector<std::string> lines;
            for (const auto& claimant : u.claimants)
                for (const auto* entry : claimant.disabling) {
                    finding.with(entry->where);
                    lines.push_back(where_text(entry->where));
                }
            add_fix(finding, k_enable_driver_fix);
            bool blacklist_only = std::all_of(u.claimants.begin(), u.claimants.end(), [](auto& c) {
                return std::all_of(c.disabling.begin(), c.disabling.end(), [](auto* entry) {
                    return entry->command == ModprobeCommand::blacklist;
                });
            });
            append_detail(finding,
                          module_list(all) + " would drive " + device.address +
                              ", but the modprobe configuration keeps it from loading (" +
                              join(lines, ", ") +
                              "): a blacklist stops udev from loading a driver for a device, an "
                              "`install ... /bin/false` line stops every load. The fix comments "
                              "the line out and, on the running system, loads the driver.");
            return module_list(all) + (blacklist_only ? " is blacklisted (" : " is disabled (") +
                   join(lines, ", ") + ")";
        }
        case UnboundCause::not_loaded: {
            auto load = u.to_load();
            finding.with({LoadedModules::k_path, 0, "no " + module_list(load)});
            add_fix(finding, k_enable_driver_fix);
            std::string text = module_list(load) + " would drive " + device.address +
                               " but is not loaded: `sudo modprobe " + load.front()->module +
                               "` loads it (the fix does, on the running system). udev loads it "
                               "at boot by the modalias; when it did not, udev may not run, or "
                               "an initramfs made before the module was installed booted.";
            for (const auto& claimant : u.claimants)
                for (const auto* entry : claimant.disabling) {
                    finding.with(entry->where);
                    text += " " + claimant.module + " is disabled at " + where_text(entry->where) +
                            " and stays so.";
                }
            append_detail(finding, text);
            return module_list(load) + " claims it but is not loaded";
        }
    }
    return {};
}

Finding run(Facts& facts) {
    if (facts.root().source() == RootSource::report)
        return make_finding(Status::skip,
                            "not in the report: its PCI section (lspci's first two lines of each "
                            "device) does not say which driver is bound");
    DriverReview review = review_pci_drivers(facts);
    if (!review.unavailable_reason.empty())
        return make_finding(Status::skip, review.unavailable_reason);
    const auto& pci = facts.get<PciDevices>();
    if (review.bound.empty() && review.unbound.empty())
        return make_finding(Status::skip,
                            "no PCI audio device (class 0x0401, 0x0403 or 0x0480): the sound "
                            "hardware is on another bus (USB, I2C) or switched off in the firmware",
                            {{PciDevices::k_devices_dir, 0, "no audio-class device"}});

    if (review.unbound.empty()) {
        // The ids, not the names: naming reads all of pci.ids (a second under QEMU without
        // udev's hwdb), which a passing verdict on every run need not pay for.
        Finding finding;
        std::vector<std::string> bound;
        for (const auto* device : review.bound) {
            finding.with({join_path(device->sysfs_path, "driver"), 0,
                          "[" + device->ids() + "] bound to " + device->driver});
            bound.push_back(device->address + " " + device->driver);
        }
        finding.summary = (review.bound.size() == 1 ? "the PCI audio device has a driver: "
                                                    : "every PCI audio device has a driver: ") +
                          join(bound, ", ");
        return finding;
    }

    std::string unavailable = lookup_unavailable(facts.root(), facts.get<KmodContext>());
    Finding finding;
    finding.status = Status::warn;
    std::vector<std::string> sentences;
    for (const auto& u : review.unbound) {
        sentences.push_back(
            kind_of(*u.device) + " " + u.device->address + " (" + pci.name(*u.device) +
            ") has no driver: " + describe_unbound(facts, pci, u, finding, unavailable));
        // A "multimedia controller" no driver claims may be a TV or capture card, not sound.
        bool maybe_not_sound =
            u.device->device_class == PciAudioClass::other && u.cause == UnboundCause::no_module;
        if (!maybe_not_sound)
            finding.status = Status::fail;
    }
    if (finding.status == Status::warn)
        append_detail(finding,
                      "Class 0x0480 (multimedia controller) devices are often sound DSPs but may "
                      "be other multimedia hardware (video capture), so this is a warning.");
    finding.summary = sentences.front();
    if (sentences.size() > 1)
        finding.summary += " (and " + plural(sentences.size() - 1, "more device", "more devices") +
                           " without a driver)";
    for (const auto* device : review.bound)
        finding.with({join_path(device->sysfs_path, "driver"), 0,
                      pci.name(*device) + ": bound to " + device->driver});
    if (auto problem = pci.names_problem())
        finding.with({problem->path, problem->line, problem->reason});
    return finding;
}

}  // namespace

std::vector<const Claimant*> UnboundDevice::to_load() const {
    std::vector<const Claimant*> load;
    for (const auto& claimant : claimants) {
        if (claimant.location != ModuleLocation::file || claimant.loaded)
            continue;
        if (cause == UnboundCause::disabled || claimant.disabling.empty())
            load.push_back(&claimant);
    }
    return load;
}

bool refuses_to_load(const ModprobeEntry& entry) {
    if (entry.command != ModprobeCommand::install)
        return false;
    auto words = split_words(entry.argument);
    return !words.empty() &&
           std::find(std::begin(k_refusing_commands), std::end(k_refusing_commands),
                     words.front()) != std::end(k_refusing_commands);
}

DriverReview review_pci_drivers(Facts& facts) {
    DriverReview review;
    const Root& root = facts.root();
    const auto& pci = facts.get<PciDevices>();
    if (!pci.available) {
        review.unavailable_reason = pci.unavailable_reason;
        return review;
    }
    const auto& kmod = facts.get<KmodContext>();
    const auto& config = facts.get<ModprobeConfig>();
    bool can_look_up = lookup_unavailable(root, kmod).empty();
    const auto& loaded = facts.get<LoadedModules>();
    for (const auto& device : pci.devices) {
        if (!device.driver.empty()) {
            review.bound.push_back(&device);
            continue;
        }
        UnboundDevice u;
        u.device = &device;
        u.modalias = modalias_of(root, device, u.modalias_where);
        if (!can_look_up) {
            review.unbound.push_back(std::move(u));
            continue;
        }
        for (auto& match : kmod.modules_for_alias(u.modalias)) {
            Claimant claimant;
            claimant.module = std::move(match.name);
            claimant.location = match.location;
            claimant.loaded = loaded_line(root, loaded, claimant.module);
            // A driver that holds another device is loaded, whatever the root's /proc says
            // (sysfs names the PCI driver, which for most sound drivers is the module's name).
            for (const auto& other : pci.devices)
                if (!claimant.loaded && module_name(other.driver) == claimant.module)
                    claimant.loaded =
                        Evidence{join_path(other.sysfs_path, "driver"), 0,
                                 claimant.module + " is loaded: it drives " + other.address};
            for (const auto& entry : config.entries)
                if (entry.module == claimant.module &&
                    (entry.command == ModprobeCommand::blacklist || refuses_to_load(entry)))
                    claimant.disabling.push_back(&entry);
            u.claimants.push_back(std::move(claimant));
        }
        u.cause = cause_of(u.claimants);
        review.unbound.push_back(std::move(u));
    }
    return review;
}

const CheckDescriptor driver_bound = {
    .id = "pci.driver-bound",
    .title = "PCI audio devices have a driver",
    .area = "modules",
    .needs = {},
    .explanation =
        "A sound card exists only once a driver has taken the PCI device (an HD-Audio controller "
        "or an audio DSP) and registered it with ALSA. At boot udev reads each device's modalias "
        "and asks modprobe for the modules that claim it. A device stays without a driver when "
        "no module of the running kernel claims it (the driver was not built), when the modprobe "
        "configuration blacklists the driver or replaces its loading with /bin/false, when the "
        "driver was simply never loaded, or when the driver is loaded but its probe failed (the "
        "kernel log names the device and the reason, often firmware). Blacklists are often left "
        "from an old workaround or a guide for another machine.",
    .fixes = {{k_enable_driver_fix, k_enable_driver_title, true},
              {k_reload_fix, k_reload_title, true}},
    .run = run,
};

}  // namespace sndoctor::checks
