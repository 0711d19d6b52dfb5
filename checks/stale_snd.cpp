// modules.stale-snd: sound modules that do not belong to the kernel whose directory holds them.

#include <algorithm>
#include <ctime>
#include <map>

#include "checks/stale_snd.hpp"

#include "checks/checks.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/unique_fd.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_identity.hpp"
#include "facts/kmod_context.hpp"
#include "facts/module_trees.hpp"

namespace sndoctor::checks {

namespace {

constexpr std::string_view k_quarantine_fix = "modules.quarantine-stale";
/// The briefs of a modules.dep problem, which the summary words differently.
constexpr std::string_view k_dep_missing = "missing";
constexpr std::string_view k_dep_stale = "stale";

/// How much a tree's problems weigh: the running kernel's are failures, another bootable
/// kernel's are warnings, and a directory without a kernel image is only a left-over.
enum class TreeRole { running, installed, left_over };

enum class ProblemKind { stale_module, alsa_driver_dir, unreadable, depmod, left_over };

struct Problem {
    Status status = Status::warn;
    ProblemKind kind = ProblemKind::stale_module;
    Evidence evidence;
    std::string release;  ///< the module tree it was found in
    std::string brief;    ///< a few words for the summary, where the kind needs them
};

struct Survey {
    /// Set when there is nothing to survey; the check reports it as it is.
    std::optional<Finding> skip;
    std::vector<Problem> problems;
    int modules_checked = 0;
    int trees_checked = 0;
    bool running_dir_present = false;
    std::vector<std::string> releases_to_depmod;  ///< trees whose modules.dep is stale

    void add(Status status, ProblemKind kind, const ModuleTree& tree, std::string path,
             std::string text, std::string brief = {}) {
        problems.push_back(
            {status, kind, {std::move(path), 0, std::move(text)}, tree.release, std::move(brief)});
    }
};

/// What the fix repairs: it moves stale modules and alsa-driver directories aside and reruns
/// depmod; an unreadable module or a left-over directory is the user's to judge.
bool repairable(const Problem& problem) {
    return problem.kind == ProblemKind::stale_module ||
           problem.kind == ProblemKind::alsa_driver_dir || problem.kind == ProblemKind::depmod;
}

std::string_view parent_dir(std::string_view path) {
    auto slash = path.rfind('/');
    return slash == 0 || slash == std::string_view::npos ? "/" : path.substr(0, slash);
}

/// The deepest directory holding every path ("/lib/modules/6.1/updates" for two files in it).
std::string common_dir(const std::vector<std::string_view>& paths) {
    std::string_view common = parent_dir(paths.front());
    for (std::string_view path : paths) {
        std::string_view dir = parent_dir(path);
        while (common != "/" && !(dir == common || dir.starts_with(std::string(common) + "/")))
            common = parent_dir(common);
    }
    return std::string(common);
}

TreeRole role_of(const ModuleTree& tree, const std::string& running_release) {
    if (tree.release == running_release)
        return TreeRole::running;
    return tree.boot_image.empty() ? TreeRole::left_over : TreeRole::installed;
}

/// A module file as the survey reads it.
struct ModuleRead {
    std::optional<std::string> vermagic;  ///< nullopt when it cannot be read as a module
    std::optional<std::int64_t> mtime;    ///< nullopt when it cannot be opened
};

/// Reads a module through the root: one open serves its vermagic and its time (the survey reads
/// every sound module of a tree, 286 on a distribution kernel).
ModuleRead read_module(const Root& root, const KmodContext& kmod, const std::string& path) {
    ModuleRead read;
    try {
        FileInfo file_info;
        UniqueFd file = root.open_file(path, &file_info);
        if (!file)
            return read;  // a dangling link
        read.mtime = file_info.mtime;
        read.vermagic = kmod.vermagic_from_file(file.get(), path);
    } catch (const InputError&) {
        // Not readable or not a file: reported below as a module that cannot be read.
    }
    return read;
}

/// Reads one module of a checked tree and records why it is stale or unreadable, if it is.
/// Returns when the file was written (nullopt when it cannot be opened).
std::optional<std::int64_t> survey_module(const Root& root, const KmodContext& kmod,
                                          const ModuleTree& tree, const SoundModuleFile& module,
                                          Status stale_status, Survey& survey) {
    std::vector<std::string> reasons;
    if (!module.alsa_driver_dir.empty())
        reasons.push_back("installed by an out-of-tree alsa-driver (" + module.alsa_driver_dir +
                          ")");
    auto [vermagic, mtime] = read_module(root, kmod, module.path);
    if (module.place != ModulePlace::in_kernel) {
        auto own = tree.in_kernel.find(module.name);
        if (own != tree.in_kernel.end()) {
            std::string reason = "shadows the kernel's own " + own->second;
            // For the running kernel, libkmod's index tells which copy modprobe loads now.
            if (tree.release == kmod.release() && vermagic) {
                auto chosen = kmod.info_by_name(module.name);
                if (chosen && chosen->path == root.host_path(module.path))
                    reason += " (modprobe loads this copy)";
            }
            reasons.push_back(std::move(reason));
        }
    }
    if (!vermagic) {
        survey.add(Status::warn, ProblemKind::unreadable, tree, module.path,
                   "libkmod cannot read it as a kernel module (not an ELF module, truncated, or "
                   "a dangling link)");
    } else if (vermagic->empty()) {
        survey.add(Status::warn, ProblemKind::unreadable, tree, module.path,
                   "its .modinfo has no vermagic");
    } else if (vermagic_release(*vermagic) != tree.release) {
        reasons.push_back("vermagic \"" + clip(trim(*vermagic), 120) + "\" is for " +
                          vermagic_release(*vermagic) + ", not " + tree.release);
    }
    if (!reasons.empty()) {
        std::string text = reasons.front();
        for (std::size_t i = 1; i < reasons.size(); ++i)
            text += "; " + reasons[i];
        survey.add(stale_status, ProblemKind::stale_module, tree, module.path, std::move(text));
    }
    return mtime;
}

/// The running or another bootable kernel's tree: every sound module is read and compared.
void survey_tree(const Root& root, const KmodContext& kmod, const ModuleTree& tree, TreeRole role,
                 Survey& survey) {
    const Status stale_status = role == TreeRole::running ? Status::fail : Status::warn;
    ++survey.trees_checked;
    const SoundModuleFile* newest = nullptr;
    std::int64_t newest_mtime = 0;
    for (const auto& module : tree.sound_modules) {
        ++survey.modules_checked;
        auto mtime = survey_module(root, kmod, tree, module, stale_status, survey);
        if (mtime && (newest == nullptr || *mtime > newest_mtime)) {
            newest = &module;
            newest_mtime = *mtime;
        }
    }
    for (const auto& dir : tree.alsa_driver_dirs) {
        auto held = std::count_if(
            tree.sound_modules.begin(), tree.sound_modules.end(),
            [&](const SoundModuleFile& module) { return module.alsa_driver_dir == dir; });
        std::string count = plural(static_cast<std::size_t>(held), "sound module", "sound modules");
        survey.add(stale_status, ProblemKind::alsa_driver_dir, tree, dir,
                   "left by an out-of-tree alsa-driver build; it holds " + count, count);
    }
    if (newest == nullptr)
        return;
    std::string dep_path = join_path(tree.path, "modules.dep");
    if (!tree.modules_dep_mtime) {
        survey.add(Status::warn, ProblemKind::depmod, tree, dep_path,
                   "missing: depmod never ran for " + tree.release +
                       ", so modprobe cannot find its " +
                       plural(tree.sound_modules.size(), "sound module", "sound modules"),
                   std::string(k_dep_missing));
        survey.releases_to_depmod.push_back(tree.release);
    } else if (*tree.modules_dep_mtime < newest_mtime) {
        survey.add(Status::warn, ProblemKind::depmod, tree, dep_path,
                   "written " + format_utc(*tree.modules_dep_mtime) +
                       ", before the newest sound module: depmod was not run after it was "
                       "installed",
                   std::string(k_dep_stale));
        survey.add(Status::warn, ProblemKind::depmod, tree, newest->path,
                   "installed " + format_utc(newest_mtime));
        survey.releases_to_depmod.push_back(tree.release);
    }
}

std::vector<std::string_view> paths_of(const std::vector<const Problem*>& problems) {
    std::vector<std::string_view> paths;
    for (const auto* problem : problems)
        paths.push_back(problem->evidence.path);
    return paths;
}

bool inside(std::string_view path, std::string_view dir) {
    return path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/';
}

/// One line for the problems of the worst status, one clause per kind. The modules of an
/// alsa-driver directory are told with the directory, not again as stale modules.
std::string summarize(const std::vector<const Problem*>& worst) {
    std::map<ProblemKind, std::vector<const Problem*>> by_kind;
    for (const auto* problem : worst)
        by_kind[problem->kind].push_back(problem);
    if (by_kind.contains(ProblemKind::alsa_driver_dir) &&
        by_kind.contains(ProblemKind::stale_module)) {
        auto& stale = by_kind[ProblemKind::stale_module];
        std::erase_if(stale, [&](const Problem* module) {
            return std::any_of(by_kind[ProblemKind::alsa_driver_dir].begin(),
                               by_kind[ProblemKind::alsa_driver_dir].end(),
                               [&](const Problem* dir) {
                                   return inside(module->evidence.path, dir->evidence.path);
                               });
        });
        if (stale.empty())
            by_kind.erase(ProblemKind::stale_module);
    }
    std::vector<std::string> clauses;
    for (const auto& [kind, problems] : by_kind) {
        const std::size_t n = problems.size();
        const std::string& first = problems.front()->evidence.path;
        switch (kind) {
            case ProblemKind::stale_module:
                clauses.push_back(plural(n, "stale sound module", "stale sound modules") + " in " +
                                  common_dir(paths_of(problems)));
                break;
            case ProblemKind::alsa_driver_dir:
                clauses.push_back(n == 1 ? "out-of-tree alsa-driver directory " + first + " (" +
                                               problems.front()->brief + ")"
                                         : std::to_string(n) +
                                               " out-of-tree alsa-driver directories in " +
                                               common_dir(paths_of(problems)));
                break;
            case ProblemKind::unreadable:
                clauses.push_back(n == 1
                                      ? "cannot read the sound module " + first
                                      : "cannot read " + std::to_string(n) + " sound modules in " +
                                            common_dir(paths_of(problems)));
                break;
            case ProblemKind::depmod:
                // One clause per modules.dep; the newest module beside it is only evidence.
                for (const auto* problem : problems) {
                    std::string dir(parent_dir(problem->evidence.path));
                    if (problem->brief == k_dep_missing)
                        clauses.push_back("no modules.dep in " + dir + " (depmod never ran)");
                    else if (problem->brief == k_dep_stale)
                        clauses.push_back("modules.dep in " + dir +
                                          " is older than its sound modules (depmod not run)");
                }
                break;
            case ProblemKind::left_over:
                clauses.push_back(n == 1 ? first + " has no kernel image in /boot (left over)"
                                         : std::to_string(n) +
                                               " module directories have no kernel image in "
                                               "/boot (left over)");
                break;
        }
    }
    std::string summary = clauses.front();
    for (std::size_t i = 1; i < clauses.size(); ++i)
        summary += "; " + clauses[i];
    return summary;
}

/// "6 sound modules checked in 1 kernel module directory, none stale".
std::string checked_clause(const Survey& survey) {
    return plural(static_cast<std::size_t>(survey.modules_checked), "sound module",
                  "sound modules") +
           " checked in " +
           plural(static_cast<std::size_t>(survey.trees_checked), "kernel module directory",
                  "kernel module directories") +
           ", none stale";
}

std::string guidance(const Survey& survey, const std::string& running_release,
                     bool running_dir_present) {
    std::string detail;
    auto add = [&](const std::string& text) { detail += (detail.empty() ? "" : "\n") + text; };
    auto any = [&](ProblemKind kind) {
        return std::any_of(survey.problems.begin(), survey.problems.end(),
                           [&](const Problem& p) { return p.kind == kind; });
    };
    if (running_release.empty())
        add("The running kernel's release is unknown (neither /proc/sys/kernel/osrelease nor "
            "/proc/version says), so no module directory counts as the running kernel's and "
            "problems are only warnings.");
    else if (!running_dir_present)
        add("There is no /lib/modules/" + running_release +
            " for the running kernel (kernel.build-match reports it).");
    if (any(ProblemKind::stale_module) || any(ProblemKind::alsa_driver_dir))
        add("Remove what installed the stale copies (on Gentoo `emerge --unmerge "
            "media-sound/alsa-driver`, for a DKMS package `dkms remove`), or move the files "
            "aside, then run depmod for that kernel so modprobe uses the kernel's own modules.");
    for (const auto& release : survey.releases_to_depmod)
        add("Run `depmod " + release + "` as root so modprobe's index for " + release +
            " matches the module files on disk.");
    if (any(ProblemKind::unreadable))
        add("A module file libkmod cannot read cannot be loaded either: reinstall the package "
            "that owns it, or move it aside.");
    if (any(ProblemKind::left_over))
        add("A module directory without a kernel image belongs to a kernel that was removed; "
            "nothing loads from it, and it can be deleted once you are sure you do not boot "
            "that kernel from elsewhere.");
    return detail;
}

/// Every module tree of the root, surveyed; the check and its fix both start here.
Survey survey_system(Facts& facts) {
    Survey survey;
    const ModuleTrees& trees = facts.get<ModuleTrees>();
    if (!trees.has_modules_dir) {
        survey.skip = make_finding(Status::skip,
                                   "no /lib/modules in this root: there are no module files to "
                                   "check (a missing directory for the running kernel is "
                                   "kernel.build-match's finding)");
        return survey;
    }
    const KernelIdentity& identity = facts.get<KernelIdentity>();
    const KmodContext& kmod = facts.get<KmodContext>();
    if (!kmod.available()) {
        survey.skip = make_finding(Status::skip,
                                   "cannot read module files here: " + kmod.unavailable_reason());
        return survey;
    }
    for (const auto& tree : trees.trees) {
        TreeRole role = role_of(tree, identity.release);
        survey.running_dir_present = survey.running_dir_present || role == TreeRole::running;
        if (role == TreeRole::left_over) {
            survey.add(
                Status::info, ProblemKind::left_over, tree, tree.path,
                "no kernel image for " + tree.release + " in /boot; " +
                    plural(tree.sound_modules.size(), "sound module is", "sound modules are") +
                    " left here");
            continue;
        }
        survey_tree(facts.root(), kmod, tree, role, survey);
    }
    return survey;
}

Finding run(Facts& facts) {
    Survey survey = survey_system(facts);
    if (survey.skip)
        return *survey.skip;
    const KernelIdentity& identity = facts.get<KernelIdentity>();

    std::stable_sort(
        survey.problems.begin(), survey.problems.end(),
        [](const Problem& a, const Problem& b) { return severity(a.status) > severity(b.status); });
    Finding finding;
    if (survey.problems.empty()) {
        finding = make_finding(Status::pass, checked_clause(survey));
    } else {
        Status worst = survey.problems.front().status;
        std::vector<const Problem*> worst_problems;
        for (const auto& problem : survey.problems)
            if (problem.status == worst)
                worst_problems.push_back(&problem);
        std::string summary = summarize(worst_problems);
        if (worst == Status::info && survey.trees_checked > 0)
            summary += "; " + checked_clause(survey);
        finding = make_finding(worst, std::move(summary));
        // The running release decided which directory's problems are failures.
        if (worst == Status::fail && !identity.release_evidence.path.empty())
            finding.with(identity.release_evidence);
        for (const auto& problem : survey.problems)
            finding.with(problem.evidence);
        if (std::any_of(survey.problems.begin(), survey.problems.end(), repairable))
            finding.fixes.push_back(k_quarantine_fix);
    }
    finding.detail = guidance(survey, identity.release, survey.running_dir_present);
    return finding;
}

}  // namespace

StaleSndRepair stale_snd_repair(Facts& facts) {
    Survey survey = survey_system(facts);
    StaleSndRepair repair;
    auto needs_depmod = [&](const std::string& release) {
        if (std::find(repair.depmod_releases.begin(), repair.depmod_releases.end(), release) ==
            repair.depmod_releases.end())
            repair.depmod_releases.push_back(release);
    };
    // A directory moves with every module in it, so its modules are not moved one by one.
    for (const auto& problem : survey.problems)
        if (problem.kind == ProblemKind::alsa_driver_dir)
            repair.move_aside.push_back({problem.evidence.path, problem.evidence.text});
    const std::size_t dirs = repair.move_aside.size();
    for (const auto& problem : survey.problems) {
        if (problem.kind == ProblemKind::stale_module &&
            std::none_of(
                repair.move_aside.begin(), repair.move_aside.begin() + dirs,
                [&](const StaleItem& dir) { return inside(problem.evidence.path, dir.path); }))
            repair.move_aside.push_back({problem.evidence.path, problem.evidence.text});
        if (repairable(problem))
            needs_depmod(problem.release);
    }
    return repair;
}

const CheckDescriptor stale_snd = {
    .id = "modules.stale-snd",
    .title = "Stale or out-of-tree sound modules",
    .area = "modules",
    .needs = {},
    .report_needs = {"/lib/modules"},
    .explanation =
        "Each kernel loads its modules from /lib/modules/<release>. An out-of-tree ALSA build "
        "(the old media-sound/alsa-driver package, a vendor driver, a DKMS package) installs its "
        "own copies of the sound modules in updates/, extra/ or misc/, or in an alsa-driver "
        "directory, next to the kernel's own modules under kernel/sound. modprobe may then load "
        "those copies instead, and after a kernel upgrade they are stale: they fail with "
        "\"Unknown symbol\" or \"disagrees about version of symbol\", or load old bugs. The "
        "kernel tests a module before loading it: the release in its vermagic, or on kernels "
        "with CONFIG_MODVERSIONS (most distributions) the versions (CRCs) of the symbols it uses, "
        "and its signature where modules must be signed; a copy that fails does not load at "
        "all, and the real driver stays unloaded with it. modprobe finds modules through "
        "modules.dep, which depmod writes: when it is older than the module files, what is on "
        "disk is not what modprobe sees. A module directory whose kernel has no image in /boot "
        "is left over from a removed kernel; nothing loads from it.",
    .fixes = {{.id = k_quarantine_fix,
               .title = "Move stale sound modules aside and run depmod",
               .needs_root = true}},
    .run = run,
};

}  // namespace sndoctor::checks
