// kernel.sound-config: the running kernel's configuration has the drivers the sound hardware
// found here needs (issue 8). A driver that is not built cannot be loaded, and nothing short of
// rebuilding the kernel brings it: so there is no fix, only the menuconfig entry to enable.
#include <algorithm>
#include <set>

#include "checks/checks.hpp"
#include "checks/sound_config_table.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "facts/hda_codecs.hpp"
#include "facts/kernel_config.hpp"
#include "facts/kernel_identity.hpp"
#include "facts/pci_devices.hpp"

namespace sndoctor::checks {

namespace {

/// One piece of hardware and the symbol it needs.
struct Need {
    KconfigSymbol symbol;
    std::string hardware;  ///< "card 0 codec 0 (Realtek ALC287)"
    Evidence where;        ///< what showed the hardware
};

bool is_set(const KernelConfig& config, std::string_view symbol) {
    auto value = config.value(symbol);
    return value && (*value == "y" || *value == "m");
}

void pci_needs(Facts& facts, std::vector<Need>& needs) {
    const PciDevices* pci = nullptr;
    try {
        pci = &facts.get<PciDevices>();
    } catch (const InputError&) {
        return;  // cards.present reports an unreadable PCI bus
    }
    for (const auto& device : pci->devices) {
        Evidence where{device.sysfs_path + "/class", 1, pci->name(device)};
        bool intel_dsp =
            device.vendor_id == 0x8086 && (device.device_class == PciAudioClass::audio ||
                                           device.device_class == PciAudioClass::other);
        // A DSP that snd_intel_dspcfg handed to the legacy driver (dsp_driver=1, or its table)
        // is bound to snd_hda_intel and needs that; otherwise it needs SOF.
        if (intel_dsp && device.driver != "snd_hda_intel") {
            needs.push_back({k_sof_pci, "the Intel audio DSP " + device.address, where});
            needs.push_back({k_sof_intel_toplevel, "the Intel audio DSP " + device.address, where});
        } else if (device.device_class == PciAudioClass::hd_audio || intel_dsp) {
            needs.push_back({k_hda_intel, "the HD-Audio controller " + device.address, where});
        }
    }
}

void codec_needs(Facts& facts, const KernelConfig& config, std::vector<Need>& needs) {
    for (const auto& codec : facts.get<HdaCodecs>().codecs) {
        const CodecDriverRow& row = codec_driver_for(codec.vendor_id);
        Evidence where = codec.where;
        where.text += " (Vendor Id " + hex(codec.vendor_id, 8) + ")";
        needs.push_back({row.symbol, codec.label(), where});
        // A configuration of the newer layout names the split symbol; an older one does not know
        // it.
        if (!row.split.name.empty() && config.value(row.split.name))
            needs.push_back({row.split, codec.label(), where});
    }
}

/// USB Audio Class interfaces (bInterfaceClass 01) in sysfs, or a USB card in the card list.
void usb_needs(Facts& facts, std::vector<Need>& needs) {
    const Root& root = facts.root();
    for (const auto& entry : root.list("/sys/bus/usb/devices")) {
        if (entry.name.find(':') == std::string::npos)
            continue;  // a device, not one of its interfaces
        std::string path = "/sys/bus/usb/devices/" + entry.name + "/bInterfaceClass";
        auto text = root.read(path, 64);
        if (text && trim(*text) == "01") {
            needs.push_back(
                {k_usb_audio, "the USB audio interface " + entry.name, {path, 1, "01 (Audio)"}});
            return;  // one is enough to need the driver
        }
    }
    for (const auto& card : facts.get<CardList>().cards)
        if (card.driver == "USB-Audio") {
            needs.push_back(
                {k_usb_audio, "a USB audio card", {CardList::k_path, card.line, clip(card.text)}});
            return;
        }
}

std::string looked_in(Facts& facts) {
    std::string release;
    try {
        release = facts.get<KernelIdentity>().release;
    } catch (const InputError&) {
    }
    return "/proc/config.gz, /boot/config-" + (release.empty() ? "<release>" : release) +
           ", /usr/src/linux/.config";
}

Finding run(Facts& facts) {
    const KernelConfig& config = facts.get<KernelConfig>();
    if (!config.found)
        return make_finding(
            Status::skip,
            "no configuration of the running kernel found (looked in " + looked_in(facts) + ")");
    std::vector<Need> needs;
    pci_needs(facts, needs);
    codec_needs(facts, config, needs);
    usb_needs(facts, needs);
    if (needs.empty())
        return make_finding(Status::skip,
                            "no sound hardware seen (no PCI audio device, HD-Audio codec or USB "
                            "audio interface in this root)");

    std::vector<const Need*> missing;
    std::set<std::string_view> seen;
    Finding finding;
    for (const auto& need : needs) {
        if (!is_set(config, need.symbol.name))
            missing.push_back(&need);
        else if (seen.insert(need.symbol.name).second)
            finding.with(config.evidence(need.symbol.name));
    }
    if (missing.empty()) {
        finding.status = Status::pass;
        finding.summary = "the kernel builds the drivers the sound hardware here needs (" +
                          plural(seen.size(), "symbol", "symbols") + ": ";
        std::string names;
        for (auto name : seen)
            names += (names.empty() ? "" : ", ") + std::string(name);
        finding.summary += names + ")";
        return finding;
    }

    finding = Finding{};
    finding.status = Status::fail;
    const Need& first = *missing.front();
    auto value = config.value(first.symbol.name);
    std::string state = value ? (*value == "n" ? "is not set" : "is " + *value) : "is absent";
    std::set<std::string_view> missing_symbols;
    for (const auto* need : missing)
        missing_symbols.insert(need->symbol.name);
    finding.summary = std::string(first.symbol.name) + " " + state + " in " + config.path +
                      ", but " + first.hardware + " needs it";
    if (missing_symbols.size() > 1)
        finding.summary += " (+" + std::to_string(missing_symbols.size() - 1) + " more)";
    std::string detail;
    std::set<std::string_view> explained;
    std::set<std::string> shown;  // a DSP needs two symbols: show it once
    for (const auto* need : missing) {
        if (shown.insert(need->where.path + ":" + std::to_string(need->where.line)).second)
            finding.with(need->where);
        Evidence line = config.evidence(need->symbol.name);
        if (line.line == 0)
            line = {config.path, 0, std::string(need->symbol.name) + " is absent"};
        if (explained.insert(need->symbol.name).second) {
            finding.with(line);
            detail += (detail.empty() ? "" : "\n") + std::string("- ") +
                      std::string(need->symbol.name) + " (for " + need->hardware +
                      "): in menuconfig, Device Drivers → Sound card support → Advanced Linux "
                      "Sound Architecture → " +
                      std::string(need->symbol.prompt) + ", as <M> or <*>.";
        }
    }
    finding.detail = detail +
                     "\nThen rebuild and install the kernel and its modules, and boot it; no "
                     "option or package of the running kernel can add a driver it was built "
                     "without.";
    if (!config.problems.empty()) {
        // A file cut short (a full disk while the kernel was installed) or edited by hand lacks
        // symbols the kernel has: the finding is only as good as the file.
        const ParseProblem& first_problem = config.problems.front();
        finding.summary += "; the file is damaged (line " + std::to_string(first_problem.line) +
                           " is no configuration line)";
        finding.with({first_problem.path, first_problem.line, first_problem.reason});
        std::string line = "line " + std::to_string(first_problem.line);
        std::string which = config.problems.size() == 1
                                ? line + " is not configuration"
                                : std::to_string(config.problems.size()) +
                                      " lines are not configuration (the first is " + line + ")";
        finding.detail += "\nBut " + config.path + " is damaged: " + which +
                          ", so it may be cut short or edited by hand. Compare it with the "
                          "kernel's own copy (/proc/config.gz, or the kernel package's) before "
                          "rebuilding.";
    }
    return finding;
}

}  // namespace

const CheckDescriptor sound_config = {
    .id = "kernel.sound-config",
    .title = "Kernel configuration has the sound drivers",
    .area = "kernel",
    .needs = {},
    .report_needs = {"/proc/config.gz"},
    .explanation =
        "A sound device works only if the running kernel was built with its driver: "
        "snd-hda-intel for an HD-Audio controller, a codec driver for each codec on it "
        "(Realtek, Conexant, HDMI, ...; codecs without one fall back to the generic parser), "
        "Sound Open Firmware for Intel audio DSPs, snd-usb-audio for USB audio. A self-built "
        "kernel (Gentoo, a custom .config) easily misses one, and then the card is absent or "
        "an output is dead with no error anywhere. This reads the running kernel's "
        "configuration (/proc/config.gz, /boot/config-<release>, or /usr/src/linux/.config "
        "when that tree is the running build) and checks each driver the hardware found here "
        "needs is =y or =m. There is no automatic fix: the kernel must be rebuilt.",
    .fixes = {},
    .run = run,
};

}  // namespace sndoctor::checks
