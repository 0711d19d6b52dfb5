#include "fixes/hda_patch.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_config.hpp"
#include "facts/modprobe_config.hpp"
#include "fixes/sndoctor_conf.hpp"
#include "hda/patch_file.hpp"

namespace sndoctor::fixes::hda_patch {

namespace {

constexpr const char* k_patch_name = "sndoctor-hda.fw";
constexpr const char* k_patch_path = "/lib/firmware/sndoctor-hda.fw";
constexpr const char* k_driver = "snd_hda_intel";

/// Which entry of snd-hda-intel's patch= list is `card`'s: the driver numbers the controllers
/// it probes, which is their order among its cards. Without a card list (an emulated session
/// on a tree without /proc), the card number itself.
std::size_t patch_slot(const CardList& list, int card) {
    if (list.cards.empty())
        return static_cast<std::size_t>(card);
    const Card* target = list.find(card);
    if (target == nullptr)
        throw InputError(CardList::k_path, "has no card " + std::to_string(card));
    if (target->module != k_driver)
        throw InputError(CardList::k_modules_path,
                         "card " + std::to_string(card) + " is driven by " +
                             (target->module.empty() ? "a built-in driver" : target->module) +
                             ", and patch= is an snd-hda-intel option");
    return static_cast<std::size_t>(
        std::count_if(list.cards.begin(), list.cards.end(),
                      [&](const Card& c) { return c.module == k_driver && c.index < card; }));
}

/// The patch= value with `slot` naming our file, other slots kept as configured.
std::string patch_value(const ModprobeConfig& config, std::size_t slot) {
    std::vector<std::string> names;
    if (auto setting = sndoctor_conf::configured_param(config, k_driver, "patch"))
        for (auto name : split_commas(setting->value))
            names.emplace_back(name);
    if (names.size() <= slot)
        names.resize(slot + 1);
    names[slot] = k_patch_name;
    std::string value;
    for (std::size_t i = 0; i < names.size(); ++i)
        value += (i == 0 ? "" : ",") + names[i];
    return value;
}

/// The initramfs configuration line that puts snd-hda-intel into the initramfs, when one does
/// (initramfs-tools, dracut, mkinitcpio); the patch file must then be in there too.
std::optional<Evidence> initramfs_driver(const Root& root) {
    std::vector<std::string> files = {"/etc/initramfs-tools/modules", "/etc/dracut.conf",
                                      "/etc/mkinitcpio.conf"};
    for (const auto& entry : root.list("/etc/dracut.conf.d"))
        files.push_back(join_path("/etc/dracut.conf.d", entry.name));
    for (const auto& file : files) {
        std::string content = root.read(file).value_or("");
        for (const auto& line : split_lines(content)) {
            std::string_view text = trim(line.text);
            if (text.empty() || text.front() == '#')
                continue;
            if (module_name(text).find(k_driver) != std::string::npos)
                return Evidence{file, line.number, std::string(text)};
        }
    }
    return std::nullopt;
}

}  // namespace

void plan_persist(Facts& facts, int card, const hda::SessionChanges& changes,
                  PlanBuilder& builder) {
    const KernelConfig* config = nullptr;
    try {
        config = &facts.get<KernelConfig>();
    } catch (const InputError& e) {
        builder.manual_step("The kernel configuration could not be read (" + std::string(e.what()) +
                            "): check that it has CONFIG_SND_HDA_PATCH_LOADER=y.");
    }
    if (config && config->found && config->value("CONFIG_SND_HDA_PATCH_LOADER") != "y")
        throw InputError(config->path,
                         "does not set CONFIG_SND_HDA_PATCH_LOADER=y: this kernel ignores "
                         "snd-hda-intel's patch= option and would never read a patch file (build "
                         "it with that option, which selects CONFIG_SND_HDA_RECONFIG and "
                         "CONFIG_FW_LOADER)");
    bool built_in = config && config->found && config->value("CONFIG_SND_HDA_INTEL") == "y";

    const hda::PatchCodec& patch = changes.patch;
    auto existing = builder.current(k_patch_path);
    hda::PatchFile file =
        existing ? hda::parse_patch_file(*existing, k_patch_path) : hda::PatchFile{};
    file = hda::with_codec(std::move(file), patch);
    builder.write_file(
        k_patch_path,
        hda::render_patch_file(file,
                               "Written by sndoctor (hda persist): loaded by snd-hda-intel through "
                               "its patch= option.\n'sndoctor history' says when; 'sndoctor undo' "
                               "takes it back."),
        "Write the patch file for codec " + hex(patch.vendor_id, 8) + " (subsystem " +
            hex(patch.subsystem_id, 8) + ", address " + std::to_string(patch.address) +
            "): " + plural(patch.pincfg.size(), "pin configuration", "pin configurations") + ", " +
            plural(patch.verbs.size(), "init verb", "init verbs") + ", " +
            plural(patch.hints.size(), "hint", "hints"));

    std::size_t slot = patch_slot(facts.get<CardList>(), card);
    const auto& modprobe = facts.get<ModprobeConfig>();
    std::string value = patch_value(modprobe, slot);
    std::string slot_text = "card " + std::to_string(card) + " is snd-hda-intel's " +
                            (slot == 0 ? std::string("first") : "slot " + std::to_string(slot)) +
                            " controller";
    if (built_in)
        builder.manual_step(
            "snd-hda-intel is built into this kernel (CONFIG_SND_HDA_INTEL=y), so "
            "modprobe options never reach it: add snd_hda_intel.patch=" +
            value +
            " to the kernel command line, and build the file into the kernel "
            "(CONFIG_EXTRA_FIRMWARE) or the initramfs, since the driver loads "
            "before the root file system (" +
            slot_text + ").");
    else
        sndoctor_conf::set_param(builder, modprobe, k_driver, "patch", value, slot_text);

    if (auto line = initramfs_driver(builder.root()))
        builder.manual_step("snd-hda-intel loads from the initramfs (" + line->path + ":" +
                            std::to_string(line->line) + ": " + line->text +
                            "): rebuild it so that it carries the file and the option "
                            "(update-initramfs -u, dracut -f or mkinitcpio -P).");
    else
        builder.manual_step(
            "If snd-hda-intel loads from the initramfs, rebuild it "
            "(update-initramfs -u, dracut -f or mkinitcpio -P).");
    builder.manual_step(
        "It takes effect when snd-hda-intel probes again: reboot, or 'sndoctor fix " +
        std::string("cards.reload-modules") +
        "'. The [verb] lines run at every probe and resume before the codec "
        "driver's own set-up, which may set a GPIO or EAPD bit again: check with "
        "'sndoctor hda gpio' afterwards.");
    if (!changes.not_carried.empty()) {
        std::string list;
        for (const auto& text : changes.not_carried)
            list += (list.empty() ? "" : "; ") + text;
        builder.manual_step(
            "Not carried into the patch file (the driver sets these itself; "
            "mixer levels stay with 'alsactl store'): " +
            list + ".");
    }
}

}  // namespace sndoctor::fixes::hda_patch
