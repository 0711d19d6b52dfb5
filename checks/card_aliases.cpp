// modprobe.card-aliases: the modprobe configuration's sound lines (card indexes, options,
// blacklists), read as kmod reads them and held against the modules of the running kernel and
// the cards that are present.
#include <algorithm>
#include <map>

#include "checks/card_aliases.hpp"
#include "checks/checks.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "facts/kmod_context.hpp"
#include "facts/modprobe_config.hpp"

namespace sndoctor::checks {

namespace {

// What counts as a sound module, as data: "snd", "soundcore", every "snd_*" name, and any module
// whose file lies in the kernel's sound tree (lib/modules/<release>/kernel/sound/..., where
// ac97_bus and the like live). Names are in kmod's form ('-' → '_'). Out-of-tree copies in
// updates/ or extra/ are snd_* by name anyway.
constexpr std::string_view k_sound_module_names[] = {"snd", "soundcore"};
constexpr std::string_view k_sound_module_prefix = "snd_";
/// The media drivers' ALSA halves (cx88_alsa, saa7134_alsa, em28xx_alsa) register sound cards
/// from outside the sound tree; Debian's own aliases.conf keeps cx88_alsa off card 0.
constexpr std::string_view k_sound_module_suffix = "_alsa";
constexpr std::string_view k_sound_tree = "kernel/sound/";

/// Parameters the kernel accepts for every module besides its own (kernel/module/main.c,
/// unknown_module_param_cb() and dynamic debug).
constexpr std::string_view k_params_of_every_module[] = {"async_probe", "dyndbg"};

/// install commands that make a module impossible to load (the other way to disable a driver).
constexpr std::string_view k_refusing_commands[] = {"/bin/true",      "/bin/false", "/usr/bin/true",
                                                    "/usr/bin/false", "true",       "false"};

/// The per-card aliases of the old ALSA init scripts: "alias snd-card-0 snd-hda-intel".
constexpr std::string_view k_card_alias_prefix = "snd_card_";

/// The ALSA core module and its `slots` option, which reserves card slots for named modules.
constexpr std::string_view k_core_module = "snd";

/// The fix that writes a clean 50-sndoctor.conf for the sound drivers.
constexpr std::string_view k_fix = "modprobe.write-sndoctor-conf";

/// The directories a distribution's packages fill (Debian's kmod ships aliases.conf there with
/// "options snd-pcsp index=-2" and the like). Their lines are written for every kernel the
/// distribution may run, so one naming a module the running kernel lacks, or has built in, is
/// no fault of this system: a kernel built without the PC speaker driver is fine.
constexpr std::string_view k_distribution_dirs[] = {"/usr/lib/modprobe.d/", "/lib/modprobe.d/"};

bool from_distribution(const ModprobeEntry& entry) {
    return std::any_of(std::begin(k_distribution_dirs), std::end(k_distribution_dirs),
                       [&](std::string_view dir) { return entry.where.path.starts_with(dir); });
}

std::string at(const Evidence& where) {
    return where.path + ":" + std::to_string(where.line);
}

class Review {
  public:
    explicit Review(Facts& facts) : m_facts(facts), m_config(facts.get<ModprobeConfig>()) {
        find_modules();
    }

    Finding run() {
        review();
        return finding();
    }

    /// Finds every issue (the work of run(), without the finding).
    AliasReview review() {
        for (const auto& problem : m_config.problems) {
            Evidence where{problem.path, problem.line, problem.reason};
            add({.kind = AliasProblem::config_problem,
                 .status = Status::warn,
                 .text = (problem.line > 0 ? at(where) : where.path) + ": " + problem.reason,
                 .evidence = {where}});
        }
        read_indexes();
        check_index_collisions();
        check_slots();
        if (m_modules_missing_reason.empty()) {
            check_module_names();
            check_parameters();
        }
        check_disabled_drivers();
        return {m_issues, m_claims};
    }

  private:
    /// Whether module names can be looked up for the running release, and if not, why.
    void find_modules() {
        try {
            m_kmod = &m_facts.get<KmodContext>();
        } catch (const InputError& e) {
            m_modules_missing_reason =
                std::string("the running kernel is unknown (") + e.what() + ")";
            return;
        }
        const Root& root = m_facts.root();
        std::string release_dir = "/lib/modules/" + m_kmod->release();
        if (!m_kmod->available())
            m_modules_missing_reason = m_kmod->unavailable_reason();
        else if (m_kmod->release().empty())
            m_modules_missing_reason = "the running kernel release is unknown";
        else if (!root.is_dir(release_dir))
            m_modules_missing_reason = "there is no " + release_dir + " for the running kernel";
        else if (!root.exists(release_dir + "/modules.dep.bin"))
            m_modules_missing_reason =
                "depmod has not indexed " + release_dir + " (no modules.dep.bin)";
    }

    bool modules_known() const { return m_modules_missing_reason.empty(); }

    /// Whether the name alone says it is a sound module (snd-*, the media drivers' *_alsa, a
    /// few by name).
    static bool named_as_sound(const std::string& module) {
        return module.starts_with(k_sound_module_prefix) ||
               module.ends_with(k_sound_module_suffix) ||
               std::find(std::begin(k_sound_module_names), std::end(k_sound_module_names),
                         module) != std::end(k_sound_module_names);
    }

    /// Whether a line is about a sound module: by its name, or else by where the module lives
    /// (under kernel/sound/). A distribution's lines are judged by name alone: its packages
    /// give options to drivers of every kind (systemd's to bonding, dummy and ifb), and
    /// looking those up would load libkmod on every stock system.
    bool is_sound_module(const ModprobeEntry& entry) {
        const std::string& module = entry.module;
        if (named_as_sound(module))
            return true;
        if (from_distribution(entry))
            return false;
        if (auto it = m_is_sound.find(module); it != m_is_sound.end())
            return it->second;
        bool sound = false;
        if (modules_known() && !is_config_alias(module))
            if (auto info = m_kmod->info_by_name(module)) {
                // info.path is on the host: look at what follows lib/modules/<release>/.
                std::string release_dir = "/lib/modules/" + m_kmod->release() + "/";
                auto at_release = info->path.rfind(release_dir);
                sound =
                    at_release != std::string::npos && std::string_view(info->path)
                                                           .substr(at_release + release_dir.size())
                                                           .starts_with(k_sound_tree);
            }
        m_is_sound[module] = sound;
        return sound;
    }

    bool is_config_alias(const std::string& name) const {
        return std::any_of(m_config.entries.begin(), m_config.entries.end(), [&](const auto& e) {
            return e.command == ModprobeCommand::alias && e.alias == name;
        });
    }

    bool has_install_command(const std::string& module) const {
        return std::any_of(m_config.entries.begin(), m_config.entries.end(), [&](const auto& e) {
            return e.command == ModprobeCommand::install && e.module == module;
        });
    }

    std::vector<const ModprobeEntry*> sound_options() {
        std::vector<const ModprobeEntry*> found;
        for (const auto& entry : m_config.entries)
            if (entry.command == ModprobeCommand::options && is_sound_module(entry))
                found.push_back(&entry);
        return found;
    }

    void add(AliasIssue issue) { m_issues.push_back(std::move(issue)); }

    /// The `index` each sound module ends up with: options lines add up in kmod's order and a
    /// later `index=` overrides an earlier one, as the kernel's parameter parsing does.
    void read_indexes() {
        std::map<std::string, std::pair<std::string, const ModprobeEntry*>> last_index;
        for (const auto* entry : sound_options()) {
            // "options snd-card-0 index=0" is for whichever driver alias snd-card-0 names; with
            // no alias line to say which (a report carries none), it cannot be told apart from
            // that driver's own index, so it claims nothing.
            if (entry->module.starts_with(k_card_alias_prefix) && !is_config_alias(entry->module))
                continue;
            for (const auto& param : split_module_params(entry->argument))
                if (module_name(param.name) == "index")
                    last_index[entry->module] = {param.value, entry};
        }
        for (const auto& [module, setting] : last_index) {
            const auto& [value, entry] = setting;
            std::string_view rest = value;
            while (true) {
                auto comma = rest.find(',');
                std::string_view item = rest.substr(0, comma);
                // An empty item leaves that card's default (-1, any free slot).
                if (!item.empty()) {
                    auto number = parse_int(item);
                    if (!number) {
                        add({.kind = AliasProblem::bad_index,
                             .status = Status::fail,
                             .text = module + " gets index '" + std::string(item) +
                                     "', which is not a number: the kernel refuses to load it",
                             .evidence = {entry->where},
                             .entries = {entry}});
                    } else if (*number >= 0) {
                        // Negative values are slot masks (-2: any slot but 0), never a claim.
                        m_claims[static_cast<int>(*number)].push_back({module, entry});
                    }
                }
                if (comma == std::string_view::npos)
                    break;
                rest.remove_prefix(comma + 1);
            }
        }
    }

    void check_index_collisions() {
        for (auto [index, claims] : m_claims) {
            if (claims.size() < 2)
                continue;
            // In the order kmod reads the lines (entries live in one vector).
            std::sort(claims.begin(), claims.end(),
                      [](const IndexClaim& a, const IndexClaim& b) { return a.entry < b.entry; });
            std::vector<std::string> modules;
            std::vector<Evidence> evidence;
            std::vector<const ModprobeEntry*> entries;
            for (const auto& claim : claims) {
                if (std::find(modules.begin(), modules.end(), claim.module) == modules.end())
                    modules.push_back(claim.module);
                add_unique(evidence, claim.entry->where);
                if (std::find(entries.begin(), entries.end(), claim.entry) == entries.end())
                    entries.push_back(claim.entry);
            }
            std::string who = modules.size() == 1
                                  ? modules.front() + " gives it to two of its cards"
                                  : join(modules, " and ") +
                                        (modules.size() == 2 ? " both" : " all") + " ask for it";
            add({.kind = AliasProblem::index_taken,
                 .status = Status::fail,
                 .text = "card index " + std::to_string(index) + " is given twice: " + who +
                         "; the driver that loads second gets no card",
                 .evidence = std::move(evidence),
                 .entries = std::move(entries),
                 .index = index});
        }
    }

    /// `options snd slots=snd-hda-intel,...` keeps slot N for the named module when modules
    /// pick a free slot; another module that asks for index N outright takes it anyway.
    void check_slots() {
        const ModprobeEntry* slots_entry = nullptr;
        std::string slots;
        for (const auto& entry : m_config.entries)
            if (entry.command == ModprobeCommand::options && entry.module == k_core_module)
                for (const auto& param : split_module_params(entry.argument))
                    if (module_name(param.name) == "slots") {
                        slots = param.value;
                        slots_entry = &entry;
                    }
        if (slots_entry == nullptr)
            return;
        std::string_view rest = slots;
        for (int slot = 0;; ++slot) {
            auto comma = rest.find(',');
            std::string_view owner = trim(rest.substr(0, comma));
            // "!name" means "any module but this one": no reservation to collide with.
            if (!owner.empty() && owner.front() != '!') {
                std::string reserved_for = module_name(owner);
                if (auto it = m_claims.find(slot); it != m_claims.end())
                    for (const auto& claim : it->second)
                        if (claim.module != reserved_for)
                            add({.kind = AliasProblem::slot_taken,
                                 .status = Status::fail,
                                 .text = "snd slots keeps card " + std::to_string(slot) + " for " +
                                         reserved_for + ", but " + claim.module +
                                         " asks for index " + std::to_string(slot),
                                 .evidence = {slots_entry->where, claim.entry->where},
                                 .entries = {claim.entry},
                                 .index = slot,
                                 .reserved_for = reserved_for});
            }
            if (comma == std::string_view::npos)
                break;
            rest.remove_prefix(comma + 1);
        }
    }

    /// Options and card aliases that name a sound module the running kernel does not have,
    /// and options for a built-in module (modprobe never passes those on).
    void check_module_names() {
        std::map<std::string, std::vector<const ModprobeEntry*>> missing;
        std::map<std::string, std::vector<const ModprobeEntry*>> builtin;
        for (const auto& entry : m_config.entries) {
            bool options = entry.command == ModprobeCommand::options;
            bool card_alias = entry.command == ModprobeCommand::alias &&
                              entry.alias.starts_with(k_card_alias_prefix);
            // A name with a CR comes from a DOS line end, which the fact already reported.
            if ((!options && !card_alias) || entry.module.find('\r') != std::string::npos ||
                from_distribution(entry) || !is_sound_module(entry))
                continue;
            auto location = m_kmod->locate(entry.module);
            if (location == ModuleLocation::missing)
                missing[entry.module].push_back(&entry);
            else if (location == ModuleLocation::builtin && options &&
                     !is_config_alias(entry.module) && !has_install_command(entry.module))
                builtin[entry.module].push_back(&entry);
        }
        for (auto& [module, entries] : missing) {
            std::vector<Evidence> evidence = evidence_of(entries);
            std::string text = module + " is named at " + at(evidence.front()) +
                               " but there is no such module for " + m_kmod->release();
            add({.kind = AliasProblem::missing_module,
                 .status = Status::fail,
                 .text = std::move(text),
                 .evidence = std::move(evidence),
                 .entries = std::move(entries)});
        }
        for (auto& [module, entries] : builtin) {
            std::vector<Evidence> evidence = evidence_of(entries);
            std::string text = module + " is built into " + m_kmod->release() +
                               ": its options at " + at(evidence.front()) +
                               " are never used (give them on the kernel command line as " +
                               module + ".PARAM=VALUE)";
            add({.kind = AliasProblem::builtin_options,
                 .status = Status::warn,
                 .text = std::move(text),
                 .evidence = std::move(evidence),
                 .entries = std::move(entries)});
        }
    }

    /// Option names the module does not declare: the kernel ignores them ("unknown parameter
    /// ... ignored"), so the setting the author wanted never happens. A distribution's lines
    /// are its own, written for every kernel it ships, as in check_module_names(); leaving
    /// them out also spares a stock system (whose only sound options are those) from loading
    /// libkmod at all.
    void check_parameters() {
        for (const auto* entry : sound_options()) {
            if (is_config_alias(entry->module) || from_distribution(*entry))
                continue;
            auto info = m_kmod->info_by_name(entry->module);
            if (!info)
                continue;  // missing or unreadable: check_module_names() spoke about it
            std::vector<std::string> unknown;
            std::vector<std::string> names;
            for (const auto& param : split_module_params(entry->argument)) {
                std::string name = module_name(param.name);  // the kernel's '-' == '_' rule
                bool generic = std::find(std::begin(k_params_of_every_module),
                                         std::end(k_params_of_every_module),
                                         name) != std::end(k_params_of_every_module);
                if (!generic && !info->has_param(name)) {
                    unknown.push_back("'" + clip(param.name, 40) + "'");
                    names.push_back(param.name);
                }
            }
            if (unknown.empty())
                continue;
            std::string text = entry->module + " has no parameter " + join(unknown, ", ") + " (" +
                               at(entry->where) + ")";
            bool comment = std::any_of(unknown.begin(), unknown.end(),
                                       [](const std::string& n) { return n.starts_with("'#"); });
            if (comment)
                text += ": a comment after options is passed to the module as a parameter";
            add({.kind = AliasProblem::unknown_parameter,
                 .status = Status::fail,
                 .text = std::move(text),
                 .evidence = {entry->where},
                 .entries = {entry},
                 .parameters = std::move(names)});
        }
    }

    /// A blacklisted (or `install ... /bin/false`) driver of a card that is present: blacklist
    /// stops udev from loading it by alias, so on a boot where nothing loads it by name the
    /// card disappears. The card is here now because something did load it (by hand, as a
    /// dependency, or from an initramfs made before the blacklist).
    void check_disabled_drivers() {
        const CardList* cards = nullptr;
        try {
            cards = &m_facts.get<CardList>();
        } catch (const InputError& e) {
            m_cards_unknown_reason = e.what();
            return;
        }
        for (const auto& card : cards->cards) {
            if (card.module.empty())
                continue;
            std::string module = module_name(card.module);
            for (const auto& entry : m_config.entries) {
                if (entry.module != module)
                    continue;
                std::string how;
                if (entry.command == ModprobeCommand::blacklist) {
                    how = "blacklisted";
                } else if (entry.command == ModprobeCommand::install) {
                    auto words = split_words(entry.argument);
                    if (words.empty() ||
                        std::find(std::begin(k_refusing_commands), std::end(k_refusing_commands),
                                  words.front()) == std::end(k_refusing_commands))
                        continue;
                    how = "disabled by an install command";
                } else {
                    continue;
                }
                add({.kind = AliasProblem::disabled_driver,
                     .status = Status::fail,
                     .text = module + ", the driver of card " + std::to_string(card.index) + " (" +
                             card.short_name + "), is " + how + " at " + at(entry.where),
                     .evidence = {entry.where,
                                  {CardList::k_path, card.line, card.text},
                                  {CardList::k_modules_path, 0,
                                   std::to_string(card.index) + " " + card.module}},
                     .entries = {&entry}});
            }
        }
    }

    Finding finding() {
        Finding result;
        std::string unchecked;
        if (!modules_known())
            unchecked = "module names and parameters were not checked: " + m_modules_missing_reason;
        if (!m_cards_unknown_reason.empty())
            unchecked += (unchecked.empty() ? "" : "; ") +
                         std::string("blacklists were not held against the cards: ") +
                         m_cards_unknown_reason;
        if (m_issues.empty())
            return quiet_finding(unchecked);
        auto worst = std::max_element(m_issues.begin(), m_issues.end(), [](auto& a, auto& b) {
            return severity(a.status) < severity(b.status);
        });
        result.status = worst->status;
        result.summary = worst->text;
        if (m_issues.size() > 1)
            result.summary += " (and " + std::to_string(m_issues.size() - 1) + " more)";
        for (const auto& issue : m_issues) {
            result.detail += "- " + issue.text + "\n";
            for (const auto& item : issue.evidence)
                add_unique(result.evidence, item);
        }
        if (!unchecked.empty())
            result.detail += "Not checked: " + unchecked + ".\n";
        result.detail += files_read();
        if (result.status == Status::fail)
            result.fixes.push_back(k_fix);
        return result;
    }

    /// Nothing wrong: pass, or info when part of the configuration could not be checked.
    Finding quiet_finding(const std::string& unchecked) {
        Finding result;
        std::vector<Evidence> card_aliases;
        for (const auto& entry : m_config.entries)
            if (entry.command == ModprobeCommand::alias &&
                entry.alias.starts_with(k_card_alias_prefix))
                card_aliases.push_back(entry.where);
        std::size_t sound_lines = sound_options().size();
        result.status = unchecked.empty() ? Status::pass : Status::info;
        result.summary = plural(sound_lines, "sound options line", "sound options lines") + ", ";
        if (card_aliases.empty())
            result.summary += "no alias snd-card-N lines (only old init scripts need them)";
        else
            result.summary +=
                plural(card_aliases.size(), "card alias", "card aliases") + ", no conflicts";
        result.evidence = std::move(card_aliases);
        if (!unchecked.empty()) {
            result.summary += "; " + unchecked;
            result.detail += "Not checked: " + unchecked + ".\n";
        }
        result.detail += files_read();
        return result;
    }

    std::string files_read() const {
        if (m_config.files.empty())
            return "No modprobe configuration file was found.";
        std::string text = "Files read, in kmod's order:";
        for (const auto& file : m_config.files) {
            text += "\n  " + file.path;
            for (const auto& hidden : file.hidden)
                text += " (hides " + hidden + ")";
        }
        return text;
    }

    static void add_unique(std::vector<Evidence>& list, const Evidence& item) {
        bool seen = std::any_of(list.begin(), list.end(), [&](const Evidence& e) {
            return e.path == item.path && e.line == item.line && e.text == item.text;
        });
        if (!seen)
            list.push_back(item);
    }

    static std::vector<Evidence> evidence_of(const std::vector<const ModprobeEntry*>& entries) {
        std::vector<Evidence> evidence;
        for (const auto* entry : entries)
            add_unique(evidence, entry->where);
        return evidence;
    }

    static std::string join(const std::vector<std::string>& items, std::string_view separator) {
        std::string out;
        for (const auto& item : items)
            out += (out.empty() ? "" : std::string(separator)) + item;
        return out;
    }

    Facts& m_facts;
    const ModprobeConfig& m_config;
    const KmodContext* m_kmod = nullptr;
    std::string m_modules_missing_reason;
    std::string m_cards_unknown_reason;
    std::map<std::string, bool> m_is_sound;           ///< look-ups made for the system's own lines
    std::map<int, std::vector<IndexClaim>> m_claims;  ///< index → who asks for it, in order
    std::vector<AliasIssue> m_issues;
};

Finding run(Facts& facts) {
    return Review(facts).run();
}

}  // namespace

AliasReview review_card_aliases(Facts& facts) {
    return Review(facts).review();
}

const CheckDescriptor card_aliases = {
    .id = "modprobe.card-aliases",
    .title = "Sound driver options in the modprobe configuration",
    .area = "modprobe",
    .needs = {},
    .report_needs = {"/etc/modprobe.d"},
    .explanation =
        "When the kernel loads a sound driver, modprobe hands it the options written for it in "
        "/etc/modprobe.d, /run/modprobe.d, /usr/local/lib/modprobe.d, /usr/lib/modprobe.d, "
        "/lib/modprobe.d (only files ending in .conf; a file in an earlier directory hides a "
        "file of the same name in a later one) and the old /etc/modprobe.conf. These lines "
        "decide which card becomes card 0, the default device. Two drivers that both ask for "
        "the same index cannot both get it: whichever loads first takes it and the other card "
        "is missing. An option the driver does not have is ignored with only a line in the "
        "kernel log, so the intended setting (a codec model, a card order) silently never "
        "happens; a comment written after the options on the same line is such an option. "
        "Options for a module that does not exist for the running kernel do nothing (the "
        "distribution's own files in /usr/lib/modprobe.d and /lib/modprobe.d are written for "
        "every kernel it may run, so their lines for absent modules, and their parameters, are "
        "not counted, and a line of theirs is taken as a sound driver's by its name alone: "
        "snd-*, or *_alsa for a media driver's sound half). A "
        "blacklisted driver is not loaded automatically, so its card can disappear on the "
        "next boot. The per-card 'alias snd-card-N' lines are only read by old init scripts; "
        "their absence is noted, not a fault. Negative index values are slot masks (-2 means "
        "any card number but 0), not card numbers, and never collide.",
    .fixes = {{k_fix,
               "Write /etc/modprobe.d/50-sndoctor.conf with one index per sound driver and "
               "comment out the conflicting lines",
               true}},
    .run = run,
};

}  // namespace sndoctor::checks
