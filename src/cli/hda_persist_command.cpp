// sndoctor hda persist: the pin overrides and GPIO/EAPD writes of a session with a codec, made
// to stick at boot as a kernel patch file and an snd-hda-intel patch= option, through the fix
// engine (preview, journal, undo).
#include <algorithm>
#include <iostream>

#include "cli/fix_session.hpp"
#include "cli/hda_commands.hpp"
#include "cli/hda_session.hpp"
#include "cli/hda_source.hpp"
#include "core/environment.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "engine/executor.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_config.hpp"
#include "facts/modprobe_config.hpp"
#include "fixes/sndoctor_conf.hpp"
#include "hda/persist.hpp"
#include "hda/sysfs_pins.hpp"

namespace sndoctor::cli {

namespace {

constexpr const char* k_patch_name = "sndoctor-hda.fw";
constexpr const char* k_patch_path = "/lib/firmware/sndoctor-hda.fw";
constexpr const char* k_driver = "snd_hda_intel";

/// The pin overrides the driver uses (sysfs user_pin_configs) that differ from what it would use
/// without them: `hda retask --reset` leaves entries equal to the driver's own values. A codec
/// without the sysfs lists (no CONFIG_SND_HDA_HWDEP) has none.
std::vector<std::pair<int, std::uint32_t>> user_pin_overrides(const Root& root,
                                                              const std::string& dir) {
    std::vector<std::pair<int, std::uint32_t>> pins;
    if (!root.is_dir(dir))
        return pins;
    hda::SysfsPinConfigs configs = hda::read_sysfs_pin_configs(root, dir);
    for (const auto& problem : configs.warnings)
        std::cerr << "sndoctor: " << problem.path << ":" << problem.line << ": " << problem.reason
                  << "\n";
    for (const auto& entry : configs.user)
        if (configs.without_user(entry.nid) != entry.value)
            pins.emplace_back(entry.nid, entry.value);
    return pins;
}

/// "key = value" lines of the sysfs hints file.
std::vector<std::pair<std::string, std::string>> read_hints(const Root& root,
                                                            const std::string& path) {
    std::vector<std::pair<std::string, std::string>> hints;
    std::string text = root.read(path).value_or("");
    for (const auto& line : split_lines(text)) {
        auto eq = line.text.find('=');
        if (eq != std::string_view::npos && !trim(line.text.substr(0, eq)).empty())
            hints.emplace_back(std::string(trim(line.text.substr(0, eq))),
                               std::string(trim(line.text.substr(eq + 1))));
    }
    return hints;
}

/// The session to persist: the codec, the card it sits on, and what was changed.
struct PersistSession {
    hda::Codec codec;
    int card = 0;
    std::string log_location;
    hda::SessionChanges changes;
};

/// A live (or --root) codec: its log in the root, and the overrides sysfs shows the driver
/// using (user_pin_configs and hints, which `hda retask` writes).
PersistSession live_session(const Options& options, const ChosenRoot& chosen) {
    PersistSession session;
    session.card = options.card.value_or(0);
    CodecSource source = load_card(*chosen.root, session.card, options.codec);
    session.codec = only_codec(source).codec;
    SessionLog log = open_live_log(chosen, session.card, session.codec.address);
    session.log_location = log.location;
    std::string sysfs = hda::sysfs_codec_dir(session.card, session.codec.address);
    session.changes =
        hda::session_changes(session.codec, user_pin_overrides(*chosen.root, sysfs),
                             read_hints(*chosen.root, sysfs + "/hints"), log.log->entries());
    return session;
}

/// An emulated session (--emulate FILE): its log in the state directory; the patch is for card
/// --card N (default 0) of the root.
PersistSession emulated_session(const Options& options) {
    PersistSession session;
    session.card = options.card.value_or(0);
    CodecSource source = load_dump(*options.emulate, options.codec);
    session.codec = only_codec(source).codec;
    SessionLog log = open_emulated_log(*options.emulate, session.codec.address);
    session.log_location = log.location.empty() ? "(no state directory)" : log.location;
    session.changes = hda::session_changes(session.codec, {}, {}, log.log->entries());
    return session;
}

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
    auto lines = fixes::sndoctor_conf::param_lines(config, k_driver, "patch");
    if (!lines.empty())
        for (const auto& param : split_module_params(lines.back()->argument))
            if (fixes::sndoctor_conf::is_param(param, "patch"))
                for (std::size_t start = 0;;) {
                    auto comma = param.value.find(',', start);
                    names.push_back(param.value.substr(start, comma - start));
                    if (comma == std::string::npos)
                        break;
                    start = comma + 1;
                }
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

void plan_persist(Facts& facts, const PersistSession& session, PlanBuilder& builder) {
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

    const hda::PatchCodec& patch = session.changes.patch;
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

    std::size_t slot = patch_slot(facts.get<CardList>(), session.card);
    const auto& modprobe = facts.get<ModprobeConfig>();
    std::string value = patch_value(modprobe, slot);
    std::string slot_text = "card " + std::to_string(session.card) + " is snd-hda-intel's " +
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
        fixes::sndoctor_conf::set_param(builder, modprobe, k_driver, "patch", value, slot_text);

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
    if (!session.changes.not_carried.empty()) {
        std::string list;
        for (const auto& text : session.changes.not_carried)
            list += (list.empty() ? "" : "; ") + text;
        builder.manual_step(
            "Not carried into the patch file (the driver sets these itself; "
            "mixer levels stay with 'alsactl store'): " +
            list + ".");
    }
}

}  // namespace

int run_hda_persist(const Options& options) {
    if (!options.arguments.empty())
        throw UsageError("hda persist takes no arguments (--card N --codec M, or --emulate FILE)");
    if (options.dump)
        throw UsageError(
            "hda persist makes a session's changes stick: name the live codec "
            "(--card N --codec M) or the emulated one (--emulate FILE), not --dump");
    WritableRoot writable = open_writable_root(options);
    const ChosenRoot& chosen = writable.chosen;
    PersistSession session =
        options.emulate ? emulated_session(options) : live_session(options, chosen);
    if (session.changes.empty()) {
        std::cout << "Nothing to persist: the session log (" << session.log_location
                  << ") holds no pin configuration, GPIO or EAPD write the codec took, and the "
                     "driver uses no pin override or hint.\n";
        return fix_done;
    }

    bool live = chosen.header.source == RootSource::live;
    Environment env = environment_from_process(options.user, live);
    Facts facts(*chosen.root, env);
    Plan plan;
    plan.fix_id = "hda.persist";
    plan.check_id = "hda";
    plan.title = "Make the codec changes stick at boot";
    try {
        PlanBuilder builder(*chosen.root, plan);
        plan_persist(facts, session, builder);
    } catch (const InputError& e) {
        std::cout << "No plan can be made: " << e.what() << "\n";
        return fix_still_failing;
    }
    std::cout << describe_plan(plan) << "\n";
    if (options.dry_run)
        return fix_done;
    std::vector<Plan> plans = {plan};
    if (auto refused = unwritable_paths(plans, *writable.disk); !refused.empty()) {
        std::cout << "Nothing was changed: these need root privileges to write:\n";
        for (const auto& path : refused)
            std::cout << "  " << path << "\n";
        std::string command = "hda persist --yes";
        if (options.emulate)
            command += " --emulate " + *options.emulate;
        command += " --card " + std::to_string(session.card) + " --codec " +
                   std::to_string(session.codec.address);
        std::cout << "Run it as root: " << as_root_command(options, command) << "\n";
        return fix_needs_root;
    }
    if (!options.yes && !confirm())
        return fix_cancelled;
    auto runner = system_command_runner();
    JournalEntry entry = apply_plans(plans, *writable.disk, *runner, {.now = env.now});
    if (entry.state == JournalState::failed) {
        std::cout << "Stopped: " << entry.failure << "\nNothing is lost: 'sndoctor undo "
                  << entry.id << "' puts every file back as it was.\n";
        return fix_stopped;
    }
    std::cout << "Applied; journal entry " << entry.id << " ('sndoctor undo' takes it back).\n";
    return fix_done;
}

}  // namespace sndoctor::cli
