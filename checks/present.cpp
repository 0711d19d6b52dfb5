// cards.present: does ALSA have sound cards, can programs reach them, and is card 0 a real one?
#include <algorithm>

#include "checks/card_order.hpp"
#include "checks/cards.hpp"
#include "checks/checks.hpp"
#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "facts/pci_devices.hpp"
#include "facts/udev_state.hpp"

namespace sndoctor::checks {

namespace {

constexpr std::string_view k_order_fix = "cards.order-real-first";
constexpr const char* k_asound_dir = "/proc/asound";

/// The PCI classes whose devices should make a card (0x0480 devices may be other multimedia).
std::vector<const PciDevice*> sound_devices(const PciDevices& pci) {
    return pci.of_class({PciAudioClass::hd_audio, PciAudioClass::audio});
}

/// A pci.ids that could not be read costs the device names only: said as evidence, no verdict.
void note_names_problem(const PciDevices& pci, Finding& finding) {
    if (auto problem = pci.names_problem())
        finding.with({problem->path, problem->line, problem->reason});
}

/// What the PCI bus says when ALSA has no card: the audio devices and their drivers.
void add_pci_findings(Facts& facts, Finding& finding) {
    const auto& pci = facts.get<PciDevices>();
    if (!pci.available) {
        append_detail(finding,
                      "The PCI audio devices could not be listed: " + pci.unavailable_reason + ".");
        return;
    }
    auto devices = sound_devices(pci);
    if (devices.empty()) {
        finding.summary += "; no PCI audio device either";
        finding.with({PciDevices::k_devices_dir, 0, "no device of class 0x0403 or 0x0401"});
        append_detail(finding, "There is no PCI audio device (class 0x0403 or 0x0401) in " +
                                   std::string(PciDevices::k_devices_dir) +
                                   ": the sound hardware is on another bus (USB, or I2C and ACPI "
                                   "on some laptops) or disabled in the firmware setup.");
        return;
    }
    std::vector<const PciDevice*> unbound;
    std::vector<const PciDevice*> bound;
    for (const auto* device : devices) {
        if (device->driver.empty()) {
            unbound.push_back(device);
            finding.with({device->sysfs_path, 0, pci.name(*device) + ": no driver bound"});
        } else {
            bound.push_back(device);
            finding.with({join_path(device->sysfs_path, "driver"), 0,
                          pci.name(*device) + ": bound to " + device->driver + ", but no card"});
        }
    }
    if (unbound.size() == 1) {
        finding.summary += "; PCI audio device " + unbound.front()->address + " (" +
                           pci.name(*unbound.front()) + ") has no driver bound";
    } else if (!unbound.empty()) {
        finding.summary +=
            "; " + std::to_string(unbound.size()) + " PCI audio devices have no driver bound";
    } else if (bound.size() == 1) {
        finding.summary += "; PCI audio device " + bound.front()->address + " has driver " +
                           bound.front()->driver + " but it registered no card";
    } else {
        finding.summary += "; " + std::to_string(bound.size()) +
                           " PCI audio devices have drivers but registered no card";
    }
    if (!unbound.empty())
        append_detail(finding,
                      "A PCI audio device without a driver means the driver is not loaded or not "
                      "built: for an HD-Audio controller (class 0x0403) load snd-hda-intel "
                      "(modprobe snd-hda-intel) or build CONFIG_SND_HDA_INTEL; an audio DSP (class "
                      "0x0401) needs snd-intel-dspcfg with the SOF driver (snd-sof-pci-intel-*) "
                      "and its firmware.");
    if (!bound.empty())
        append_detail(finding,
                      "A driver that is bound but registered no card failed while probing: the "
                      "kernel log (dmesg) says why, often missing firmware (SOF) or a codec that "
                      "did not answer.");
    note_names_problem(pci, finding);
}

Finding no_card(Facts& facts, const CardList& list) {
    const Root& root = facts.root();
    Finding finding;
    finding.status = Status::fail;
    if (list.alsa_present) {
        finding.summary = "no sound card: /proc/asound/cards lists none";
        auto text = root.read(CardList::k_path);
        finding.with({CardList::k_path, 0, clip(trim(text.value_or("")), 80)});
    } else if (root.is_dir(k_asound_dir)) {
        finding.summary = "no /proc/asound/cards: the ALSA core shows no card list";
        finding.with({CardList::k_path, 0, "missing"});
    } else {
        finding.summary = "no /proc/asound: the ALSA sound core (snd) is not loaded";
        finding.with({k_asound_dir, 0, "missing"});
        append_detail(finding,
                      "Without /proc/asound the kernel has no ALSA at all: load the sound core "
                      "and a driver (modprobe snd-hda-intel) or build the kernel with CONFIG_SOUND "
                      "and CONFIG_SND.");
    }
    add_pci_findings(facts, finding);
    return finding;
}

/// "mknod /dev/snd/controlC0 c 116 2" from the numbers sysfs still shows for a missing node
/// (/sys/class/sound/controlC0/dev holds "116:2"); empty when the root does not have them.
std::string mknod_command(const Root& root, const std::string& node, const Card& card,
                          Finding& finding) {
    std::string numbers_path = "/sys/class/sound/controlC" + std::to_string(card.index) + "/dev";
    std::optional<std::string> numbers;
    try {
        numbers = root.read(numbers_path, 64);
    } catch (const InputError&) {
        return {};  // a broken sysfs copy only costs the hint
    }
    std::string text(trim(numbers.value_or("")));
    auto colon = text.find(':');
    if (colon == std::string::npos || !parse_int(text.substr(0, colon)) ||
        !parse_int(text.substr(colon + 1)))
        return {};
    finding.with({numbers_path, 1, text});
    return "mknod " + node + " c " + text.substr(0, colon) + " " + text.substr(colon + 1);
}

/// Cards whose control node is missing from /dev/snd. Only a tree that has /dev can say: a report
/// holds no device nodes, and a partial copy without /dev says nothing about them.
std::optional<Finding> missing_nodes(Facts& facts, const CardList& list) {
    const Root& root = facts.root();
    if (root.source() == RootSource::report || !root.is_dir("/dev"))
        return std::nullopt;
    Finding finding;
    std::vector<const Card*> missing;
    std::vector<std::string> missing_paths;
    std::vector<std::string> commands;
    for (const auto& card : list.cards) {
        std::string node = "/dev/snd/controlC" + std::to_string(card.index);
        if (root.exists(node))
            continue;
        missing.push_back(&card);
        missing_paths.push_back(node);
        finding.with(card_evidence(card));
        finding.with({node, 0, "missing"});
        if (auto command = mknod_command(root, node, card, finding); !command.empty())
            commands.push_back(command);
    }
    if (missing.empty())
        return std::nullopt;

    const auto& udev = facts.get<UdevState>();
    finding.with(udev.evidence);
    finding.status = Status::fail;
    std::string why =
        udev.running ? "udev is running but did not create it" : "udev is not running";
    finding.summary = missing.size() == 1 ? "card " + describe(*missing.front()) + " has no " +
                                                missing_paths.front() + " (" + why + ")"
                                          : plural(missing.size(), "card", "cards") +
                                                " have no control node in /dev/snd (" + why + ")";
    bool known_to_udev = std::any_of(missing_paths.begin(), missing_paths.end(), [&](auto& path) {
        return std::find(udev.sound_nodes.begin(), udev.sound_nodes.end(), path) !=
               udev.sound_nodes.end();
    });
    if (!udev.running)
        append_detail(
            finding,
            "Programs open the cards through /dev/snd, and on a dynamic /dev udev (or "
            "eudev) creates those nodes. Start it (rc-update add udev sysinit on OpenRC; "
            "systemd always runs it), then run 'udevadm trigger --subsystem-match=sound'.");
    else if (known_to_udev)
        append_detail(finding,
                      "udev's database lists the node, so this /dev is not the one udev manages "
                      "(a static /dev, or a chroot without a devtmpfs mount).");
    else
        append_detail(finding,
                      "udev runs but made no sound nodes: replay the kernel's events with "
                      "'udevadm trigger --subsystem-match=sound' and look for rule errors in its "
                      "log.");
    if (!commands.empty()) {
        std::string joined;
        for (const auto& command : commands)
            joined += (joined.empty() ? "" : "; ") + command;
        append_detail(finding, "As a last resort the nodes can be made by hand: " + joined + ".");
    }
    return finding;
}

/// Which card takes the place of the default device, when card 0 is not a real output.
struct WrongDefault {
    const Card* first = nullptr;
    CardClass first_class;
    const Card* better = nullptr;
};

std::optional<WrongDefault> wrong_default(const CardList& list) {
    const Card* first = list.find(0);
    if (first == nullptr)
        return std::nullopt;
    CardClass first_class = classify_card(*first);
    if (first_class.kind != CardKind::hdmi && first_class.kind != CardKind::virtual_card)
        return std::nullopt;
    for (const auto& card : list.cards) {
        auto kind = classify_card(card).kind;
        if (kind == CardKind::analog || kind == CardKind::usb)
            return WrongDefault{first, first_class, &card};
    }
    return std::nullopt;
}

/// How to give `better` index 0 instead of `first`, as concrete as the module names allow.
std::string order_advice(const Card& first, const Card& better) {
    std::string asound_conf = "defaults.pcm.card " + std::to_string(better.index) +
                              " and defaults.ctl.card " + std::to_string(better.index) +
                              " in /etc/asound.conf";
    if (first.module.empty() || better.module.empty())
        return "Give the real card index 0 with an 'options <module> index=0' line in "
               "/etc/modprobe.d (and index=-2, any slot but 0, for card 0's module), or set " +
               asound_conf + ".";
    if (first.module == better.module)
        return "Both cards come from " + first.module +
               ", so its index option takes one value per card in probe order (index=1,0); or "
               "set " +
               asound_conf + ".";
    return "In /etc/modprobe.d: 'options " + better.module + " index=0' and 'options " +
           first.module + " index=-2' (any slot but 0); or set " + asound_conf + ".";
}

/// PCI audio devices no driver has taken while cards exist: worth knowing (a second controller
/// that stays silent), not a verdict. Nothing when the bus cannot be read.
void note_unbound_devices(Facts& facts, Finding& finding) {
    const auto& pci = facts.get<PciDevices>();
    for (const auto* device : sound_devices(pci)) {
        if (!device->driver.empty())
            continue;
        finding.with({device->sysfs_path, 0, pci.name(*device) + ": no driver bound"});
        append_detail(finding, "PCI audio device " + device->address + " (" + pci.name(*device) +
                                   ") has no driver bound, so it makes no card.");
    }
    note_names_problem(pci, finding);
}

Finding run(Facts& facts) {
    const auto& list = facts.get<CardList>();
    if (!list.alsa_present || list.cards.empty())
        return no_card(facts, list);
    if (auto finding = missing_nodes(facts, list))
        return *finding;

    Finding finding;
    std::vector<std::string> warnings;
    auto wrong = wrong_default(list);
    std::optional<Evidence> reorder;  // the configuration already corrects card 0
    if (wrong) {
        std::string kind(to_string(wrong->first_class.kind));
        finding.with(card_evidence(*wrong->first));
        if (auto module = module_evidence(facts.root(), *wrong->first))
            finding.with(*module);
        finding.with(card_evidence(*wrong->better));
        reorder = configured_reorder(facts, list, *wrong->first, *wrong->better);
        if (!reorder) {
            warnings.push_back("card " + describe(*wrong->first) + " is " + kind +
                               ", so the default device misses card " + describe(*wrong->better));
            finding.fixes.push_back(k_order_fix);
            append_detail(finding, "Card 0 counts as " + kind + " by its " +
                                       std::string(to_string(wrong->first_class.rule->field)) +
                                       " '" + std::string(wrong->first_class.rule->text) +
                                       "'. Programs that do not choose a card play to card 0. " +
                                       order_advice(*wrong->first, *wrong->better));
        }
    }
    for (const auto& problem : list.problems) {
        warnings.push_back(problem.path + ":" + std::to_string(problem.line) + ": " +
                           problem.reason);
        finding.with({problem.path, problem.line, problem.reason});
    }
    note_unbound_devices(facts, finding);
    if (!warnings.empty()) {
        finding.status = Status::warn;
        finding.summary = first_of_problems(warnings);
        return finding;
    }
    if (reorder) {
        report_pending_reorder(finding,
                               "card " + describe(*wrong->first) + " is " +
                                   std::string(to_string(wrong->first_class.kind)),
                               *wrong->better, *reorder);
        return finding;
    }

    finding.status = Status::pass;
    finding.summary = plural(list.cards.size(), "card", "cards") + ":";
    for (const auto& card : list.cards) {
        finding.summary += (&card == &list.cards.front() ? " " : ", ") + describe(card);
        finding.with(card_evidence(card));
    }
    return finding;
}

}  // namespace

const CheckDescriptor present = {
    .id = "cards.present",
    .title = "Sound cards present and reachable",
    .area = "cards",
    .needs = {},
    .explanation =
        "The kernel's sound core (ALSA) lists every sound card it has registered in "
        "/proc/asound/cards. With no card there, no program can make a sound, whatever the mixer "
        "or the sound server shows; the usual causes are a driver that is not loaded or not built "
        "into the kernel, and a PCI audio device that no driver has taken. Programs reach a card "
        "through its device nodes in /dev/snd (controlC0, pcmC0D0p, ...), which udev creates: "
        "without udev they are missing and the card looks absent to everyone. And programs that "
        "do not choose a card play to card 0: when card 0 is an HDMI output or a virtual card "
        "while a real analog or USB card exists, the sound goes where nobody hears it.",
    .fixes = {{k_order_fix, "Give the real sound card index 0", true},
              {k_reload_fix, k_reload_title, true}},
    .run = run,
};

}  // namespace sndoctor::checks
