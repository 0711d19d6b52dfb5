// codec.quirk: whether the HD-Audio codec driver knew this machine (failure-modes.md M9). A
// codec driver picks a fixup (quirk) by the PCI or codec subsystem id; a machine it does not
// know gets the BIOS pin setup only, and a wrong one is the classic "headphones work, speakers
// or the mic are dead". The kernel log says which fixup was picked; models.rst lists the
// model= names to try by hand.
#include <algorithm>

#include "checks/checks.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/codec_fixup_log.hpp"
#include "facts/facts.hpp"
#include "facts/hda_codecs.hpp"
#include "facts/hda_models.hpp"
#include "facts/kernel_identity.hpp"
#include "facts/kernel_log.hpp"
#include "facts/modprobe_config.hpp"
#include "facts/pci_devices.hpp"
#include "fixes/sndoctor_conf.hpp"

namespace sndoctor::checks {

namespace {

constexpr std::size_t k_shown_models = 12;

/// A model= value given to snd_hda_intel, and the line that gives it.
struct ModelOption {
    std::vector<std::string> per_card;  ///< model=a,b: card 0 gets a, card 1 gets b
    Evidence where;

    /// The value for `card`; empty when none.
    std::string for_card(int card) const {
        if (per_card.size() == 1)
            return per_card.front();
        return card >= 0 && static_cast<std::size_t>(card) < per_card.size() ? per_card[card] : "";
    }
};

std::optional<ModelOption> model_option(Facts& facts) {
    const ModprobeConfig* config = nullptr;
    try {
        config = &facts.get<ModprobeConfig>();
    } catch (const InputError&) {
        return std::nullopt;  // modprobe.card-aliases reports the configuration itself
    }
    auto setting = fixes::sndoctor_conf::configured_param(*config, "snd_hda_intel", "model");
    if (!setting)
        return std::nullopt;
    ModelOption option;
    option.where = setting->entry->where;
    for (auto model : split_commas(setting->value))
        option.per_card.emplace_back(trim(model));
    return option;
}

/// The PCI subsystem id of card `card`'s controller: sys/class/sound/card<N>/device leads to the
/// PCI function; a root without that link but with one HD-Audio controller has it there.
std::optional<Evidence> pci_ssid(Facts& facts, int card) {
    const PciDevices* pci = nullptr;
    try {
        pci = &facts.get<PciDevices>();
    } catch (const InputError&) {
        return std::nullopt;
    }
    if (!pci->available || pci->devices.empty())
        return std::nullopt;
    const PciDevice* found = nullptr;
    if (auto link =
            facts.root().read_link("/sys/class/sound/card" + std::to_string(card) + "/device")) {
        std::string address = link->substr(link->find_last_of('/') + 1);
        for (const auto& device : pci->devices)
            if (device.address == address)
                found = &device;
    }
    if (!found && pci->devices.size() == 1)
        found = &pci->devices.front();
    if (!found || found->subsystem_vendor_id == 0)
        return std::nullopt;
    std::string ssid = hex(found->subsystem_vendor_id, 4).substr(2) + ":" +
                       hex(found->subsystem_device_id, 4).substr(2);
    return Evidence{found->sysfs_path + "/subsystem_device", 1,
                    found->address + " PCI SSID " + ssid};
}

/// Whether a log line is about `codec`: by its device name when the line has one, else by the
/// chip name the driver printed ("ALC287" of "Realtek ALC287"); a line that names neither is
/// the codec's only when it is the one codec with a model list.
enum class UnnamedLines { not_this_codec, this_codec };

bool about(const FixupLine& line, const HdaCodecId& codec, UnnamedLines unnamed) {
    if (line.card >= 0)
        return line.card == codec.card && line.address == codec.address;
    if (!line.chip.empty())
        return codec.name == line.chip || codec.name.ends_with(" " + line.chip);
    return unnamed == UnnamedLines::this_codec;
}

/// How much a line without a picked fixup says: the autoconfig lines only that the codec was
/// set up, the others that no fixup was chosen.
int telling(FixupEvent event) {
    return event == FixupEvent::autoconfig ? 0 : 1;
}

/// Whether the log shows the driver of `codec` selecting `model` (a kernel older than the list
/// may know names models.rst no longer has).
bool driver_took(const KernelLog& log, const HdaCodecId& codec, UnnamedLines unnamed,
                 const std::string& model) {
    for (const auto& text : log.lines) {
        auto line = parse_fixup_line(text);
        if (line && line->fixup == model && about(*line, codec, unnamed) &&
            (line->event == FixupEvent::picked || line->event == FixupEvent::model_selected))
            return true;
    }
    return false;
}

/// Before Linux 3.x the codec drivers had static model tables with names models.rst no longer
/// lists (6stack-dig, z71v, ...): on such a kernel a name outside the list may well be valid, so
/// it is information, not a warning. The release that says so, when the running kernel is older.
std::optional<std::string> older_than_model_list(Facts& facts) {
    try {
        const auto& release = facts.get<KernelIdentity>().release;
        auto major = parse_int(release.substr(0, release.find('.')));
        if (major && *major < 3)
            return "Linux " + release;
    } catch (const InputError&) {
    }
    return std::nullopt;
}

/// What one codec's review found.
struct CodecVerdict {
    Status status = Status::skip;
    std::string summary;
    std::vector<Evidence> evidence;
    std::string detail;
};

std::string candidates(const HdaModelSection& section) {
    if (section.models.empty())
        return "models.rst lists no model for " + section.title;
    std::string names;
    for (std::size_t i = 0; i < section.models.size() && i < k_shown_models; ++i)
        names += (i ? ", " : "") + section.models[i];
    if (section.models.size() > k_shown_models)
        names += " (+" + std::to_string(section.models.size() - k_shown_models) + " more)";
    return "models for " + section.title + ": " + names;
}

/// What review() needs besides the codec: the run's facts, read once.
struct ReviewContext {
    const KernelLog& log;
    const HdaModels& models;
    UnnamedLines unnamed;
    const std::optional<ModelOption>& option;
    /// Whether the model= of the codec's card is in the list of any codec of that card.
    bool card_knows_model;
    const std::optional<std::string>& old_kernel;
    std::optional<Evidence> pci;
};

CodecVerdict review(const HdaCodecId& codec, const HdaModelSection& section,
                    const ReviewContext& context) {
    const KernelLog& log = context.log;
    const HdaModels& models = context.models;
    const auto& option = context.option;
    const auto& old_kernel = context.old_kernel;
    const auto& pci = context.pci;
    CodecVerdict verdict;
    std::string ssid = "codec SSID " + hex(codec.subsystem_id, 8);
    std::vector<Evidence> ids = {codec.where, codec.subsystem_where};
    if (pci)
        ids.push_back(*pci);
    std::string model = option ? option->for_card(codec.card) : "";

    // The option reaches every codec of the card; a codec whose driver does not know the name
    // ignores it, so it is wrong only when no codec of the card knows it.
    if (!model.empty() && !is_generic_model(model) && !context.card_knows_model &&
        !driver_took(log, codec, context.unnamed, model)) {
        verdict.status = old_kernel ? Status::info : Status::warn;
        verdict.summary = "model=" + model + " (" + option->where.path +
                          ") is not a model the kernel documents for " + codec.label() + " (" +
                          section.title + ")";
        if (old_kernel)
            verdict.summary += " in current kernels; " + *old_kernel + " had its own list";
        verdict.evidence = {option->where, codec.where};
        verdict.detail =
            "The codec driver ignores a model it does not know and falls back to "
            "its quirk table, and the log does not show it taking this one. A few drivers know "
            "names models.rst has not caught up with: if `dmesg | grep 'picked fixup'` shows "
            "this name, it took. " +
            candidates(section) + " (" + models.path + ").";
        return verdict;
    }

    // The last line of each kind wins: a driver reloaded later picks again.
    std::optional<FixupLine> picked, probe;
    Evidence picked_line, probe_line;
    for (std::size_t i = 0; i < log.lines.size(); ++i) {
        auto line = parse_fixup_line(log.lines[i]);
        if (!line || !about(*line, codec, context.unnamed))
            continue;
        Evidence where{log.path, static_cast<int>(i + 1), clip(trim(log.lines[i]))};
        // Old kernels print "model 'auto' is selected" for the generic setup: no fixup.
        bool generic = line->event == FixupEvent::model_selected &&
                       (line->fixup == "auto" || line->fixup == "generic");
        if (!generic &&
            (line->event == FixupEvent::picked || line->event == FixupEvent::model_selected)) {
            picked = std::move(line);
            picked_line = std::move(where);
        } else if (!probe || telling(line->event) >= telling(probe->event)) {
            // "picked no fixup" or "BIOS auto-probing" says more than the autoconfig lines
            // that follow it.
            probe = std::move(line);
            probe_line = std::move(where);
        }
    }
    if (!model.empty())
        ids.push_back(option->where);

    if (picked) {
        verdict.status = Status::pass;
        std::string name = picked->fixup.empty()
                               ? std::string(
                                     "a fixup (its name is printed only by kernels built "
                                     "with CONFIG_SND_DEBUG_VERBOSE)")
                               : "fixup " + picked->fixup;
        verdict.summary = codec.label() + ": the driver picked " + name +
                          (picked->matched.empty() ? "" : " (" + picked->matched + ")");
        verdict.evidence = {picked_line, codec.where};
        return verdict;
    }
    if (!probe) {
        verdict.status = Status::skip;
        verdict.summary = "the kernel log (" + log.path + ") has no line about " + codec.label() +
                          "'s probe (the boot messages may have rotated out)";
        verdict.evidence = ids;
        return verdict;
    }
    verdict.status = Status::info;
    verdict.summary =
        codec.label() + (probe->event == FixupEvent::no_fixup
                             ? ": no fixup (model=nofixup)"
                             : ": the driver picked no fixup for this machine (" + ssid + ")");
    verdict.evidence = ids;
    verdict.evidence.insert(verdict.evidence.begin(), probe_line);
    verdict.detail =
        "The codec runs on the BIOS pin setup alone. If an output or the mic does not work, "
        "try a model: `options snd-hda-intel model=NAME` in a file of /etc/modprobe.d, then "
        "reload snd-hda-intel or reboot, and compare. " +
        candidates(section) + " (" + models.path +
        "). A newer kernel may know this machine; if none helps, send an alsa-info report "
        "upstream (the kernel's notes.rst, \"Sending a Bug Report\").";
    return verdict;
}

Finding run(Facts& facts) {
    const HdaCodecs& codecs = facts.get<HdaCodecs>();
    if (codecs.codecs.empty()) {
        if (!codecs.unreadable.empty()) {
            const auto& bad = codecs.unreadable.front();
            return make_finding(Status::warn,
                                bad.path + " cannot be read as a codec dump: " + bad.text, {bad});
        }
        return make_finding(Status::skip, "no HD-Audio codec dump (/proc/asound/card*/codec#*)");
    }
    const HdaModels& models = facts.get<HdaModels>();
    std::vector<std::pair<const HdaCodecId*, const HdaModelSection*>> candidates_found;
    for (const auto& codec : codecs.codecs)
        if (const auto* section = codec.audio ? models.for_codec(codec.vendor_id) : nullptr)
            candidates_found.emplace_back(&codec, section);
    if (candidates_found.empty())
        return make_finding(Status::skip, "no codec here has model= fixups (" +
                                              plural(codecs.codecs.size(), "codec", "codecs") +
                                              ", e.g. " + codecs.codecs.front().label() + ")");

    const KernelLog& log = facts.get<KernelLog>();
    auto option = model_option(facts);
    std::vector<CodecVerdict> verdicts;
    auto old_kernel = older_than_model_list(facts);
    auto card_knows = [&](int card) {
        std::string model = option ? option->for_card(card) : "";
        for (const auto& [codec, section] : candidates_found)
            if (codec->card == card && std::find(section->models.begin(), section->models.end(),
                                                 model) != section->models.end())
                return true;
        return false;
    };
    for (const auto& [codec, section] : candidates_found) {
        bool knows = card_knows(codec->card);
        if (!log.available) {
            // A bad model= is wrong whatever the log says.
            KernelLog none;
            CodecVerdict verdict =
                review(*codec, *section,
                       {none, models, UnnamedLines::not_this_codec, option, knows, old_kernel, {}});
            if (verdict.status != Status::warn)
                // The codec and its ids are still worth showing: they are what a bug report
                // or a quirk search needs.
                verdict = {Status::skip,
                           "the kernel log cannot be read: " + log.unavailable_reason,
                           {codec->where, codec->subsystem_where},
                           ""};
            verdicts.push_back(std::move(verdict));
            continue;
        }
        auto unnamed =
            candidates_found.size() == 1 ? UnnamedLines::this_codec : UnnamedLines::not_this_codec;
        verdicts.push_back(review(
            *codec, *section,
            {log, models, unnamed, option, knows, old_kernel, pci_ssid(facts, codec->card)}));
    }
    // The lead verdict: a warning first, then what needs a look, then what is fine.
    auto rank = [](Status status) {
        switch (status) {
            case Status::warn:
                return 0;
            case Status::info:
                return 1;
            case Status::pass:
                return 2;
            default:
                return 3;
        }
    };
    std::stable_sort(verdicts.begin(), verdicts.end(),
                     [&](const CodecVerdict& a, const CodecVerdict& b) {
                         return rank(a.status) < rank(b.status);
                     });
    const CodecVerdict& lead = verdicts.front();
    Finding finding = make_finding(lead.status, lead.summary, {});
    std::string detail = lead.detail;
    for (const auto& verdict : verdicts) {
        for (const auto& item : verdict.evidence)
            finding.with(item);
        if (&verdict != &lead && verdict.status != Status::skip)
            detail += (detail.empty() ? "" : "\n") + std::string("Also: ") + verdict.summary + ".";
    }
    if (verdicts.size() > 1)
        finding.summary += " (+" + std::to_string(verdicts.size() - 1) + " more)";
    finding.detail = detail;
    return finding;
}

}  // namespace

const CheckDescriptor codec_quirk = {
    .id = "codec.quirk",
    .title = "Codec fixup (quirk) for this machine",
    .area = "codecs",
    .needs = {},
    .report_needs = {"/proc/asound"},
    .explanation =
        "HD-Audio codec drivers (Realtek, Conexant, IDT, Analog Devices, Cirrus Logic, ...) "
        "know many machines by their subsystem id and apply a fixup for each: pins the BIOS "
        "describes wrongly, an amplifier behind a GPIO, a headset jack, a bass speaker. A "
        "machine newer than the driver gets none, and the usual result is headphones that work "
        "while the speakers or the mic stay dead. The kernel log says which fixup the driver "
        "picked ('picked fixup ... for PCI SSID ...'); when it picked none, the model= option "
        "of snd-hda-intel can try the fixups the kernel's models.rst lists for the codec.",
    .fixes = {},
    .run = run,
};

}  // namespace sndoctor::checks
