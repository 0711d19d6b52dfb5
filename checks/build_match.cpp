// kernel.build-match: is the running kernel the one built in /usr/src/linux, and are its
// modules installed? (Gentoo's "check the date shown by uname -a against ls -l /usr/src/linux".)
#include <algorithm>

#include "checks/checks.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_config.hpp"
#include "facts/kernel_identity.hpp"
#include "facts/kernel_tree.hpp"

namespace sndoctor::checks {

namespace {

constexpr std::string_view k_relink = "kernel.relink-source";
/// A build writes the image a few minutes after it stamps UTS_VERSION; an image more than an
/// hour younger than the latest moment the running kernel can have been built is another build.
constexpr std::int64_t k_image_margin = 3600;

/// Collects what was found; the worst status wins and its summaries make the summary line.
class Verdict {
  public:
    void add(Status status, std::string summary, std::vector<Evidence> evidence) {
        if (severity(status) > severity(m_finding.status)) {
            m_finding.status = status;
            m_summaries.clear();
        }
        if (status == m_finding.status)
            m_summaries.push_back(std::move(summary));
        for (auto& item : evidence)
            evidence_once(std::move(item));
    }
    void evidence_once(Evidence item) {
        if (item.path.empty())
            return;
        for (const auto& known : m_finding.evidence)
            if (known.path == item.path && known.line == item.line)
                return;
        m_finding.evidence.push_back(std::move(item));
    }
    void detail(std::string line) { m_detail.push_back(std::move(line)); }
    void link_fix() { m_finding.fixes = {k_relink}; }

    Finding finish(std::string pass_summary) {
        std::string summary;
        for (const auto& part : m_summaries)
            summary += (summary.empty() ? "" : "; ") + part;
        m_finding.summary = summary.empty() ? std::move(pass_summary) : summary;
        for (const auto& line : m_detail)
            m_finding.detail += (m_finding.detail.empty() ? "" : "\n") + line;
        return std::move(m_finding);
    }

  private:
    Finding m_finding = make_finding(Status::pass, "");
    std::vector<std::string> m_summaries;
    std::vector<std::string> m_detail;
};

/// "#1 SMP PREEMPT_DYNAMIC  Tue ..." and "#1 SMP PREEMPT_DYNAMIC Tue ..." are the same build.
std::string words_of(std::string_view text) {
    std::string out;
    for (auto word : split_words(text))
        out += (out.empty() ? "" : " ") + std::string(word);
    return out;
}

/// "Tue May 14 10:12:03 CEST 2024", or the build string itself when it carries no date.
std::string describe_build(const std::string& build) {
    auto time = parse_build_time(build);
    return time ? time->text : "\"" + clip(build, 60) + "\"";
}

/// "/usr/src/linux (→ linux-6.6.32-gentoo)".
std::string describe_link(const KernelTree& tree) {
    std::string name = KernelTree::k_link_path;
    if (tree.link == KernelTree::Link::symlink || tree.link == KernelTree::Link::dangling)
        name += " (→ " + tree.link_target + ")";
    return name;
}

Evidence link_evidence(const KernelTree& tree) {
    switch (tree.link) {
        case KernelTree::Link::missing:
            return {KernelTree::k_link_path, 0, "missing"};
        case KernelTree::Link::directory:
            return {KernelTree::k_link_path, 0, "a directory, not a symbolic link"};
        case KernelTree::Link::other:
            return {KernelTree::k_link_path, 0, "not a symbolic link to a directory"};
        default:
            return {KernelTree::k_link_path, 0, "→ " + tree.link_target};
    }
}

Evidence image_evidence(const KernelImage& image) {
    return {image.path, 0, "written " + format_utc(image.mtime)};
}

/// Whether the kernel was configured without loadable modules (it then needs no
/// /lib/modules/<release>). A configuration that cannot be read counts as "not known".
const KernelConfig* config_without_modules(Facts& facts) {
    try {
        const auto& config = facts.get<KernelConfig>();
        return config.found && config.value("CONFIG_MODULES") == "n" ? &config : nullptr;
    } catch (const InputError&) {
        return nullptr;
    }
}

void check_modules_dir(Facts& facts, const KernelIdentity& kernel, Verdict& verdict) {
    std::string modules = "/lib/modules/" + kernel.release;
    if (facts.root().is_dir(modules))
        return;
    if (const auto* config = config_without_modules(facts)) {
        auto line = config->evidence("CONFIG_MODULES");
        verdict.detail("There is no " + modules + ", and none is needed: " + line.path + ":" +
                       std::to_string(line.line) + " builds this kernel without modules.");
        return;
    }
    verdict.add(Status::fail, modules + " is missing: no module of the running kernel can load",
                {kernel.release_evidence, {modules, 0, "missing"}});
    std::string present;
    for (const auto& entry : facts.root().list("/lib/modules"))
        present += (present.empty() ? "" : ", ") + entry.name;
    verdict.detail(
        "The running kernel's modules are not installed in " + modules + " (" +
        (present.empty() ? "/lib/modules is empty or missing" : "/lib/modules holds: " + present) +
        "). If you built this kernel, run `make modules_install` in its tree; if it "
        "came from a package, reinstall that package. Or boot the kernel whose "
        "modules are there.");
}

/// Advice for booting the kernel built in the tree: the image copied to /boot, /boot mounted,
/// a boot loader entry, modules installed (each with the paths this system has).
void boot_advice(Facts& facts, const KernelTree& tree, const SourceTree& built, Verdict& verdict) {
    const BootState& boot = tree.boot;
    const std::string& release = *built.release;
    verdict.detail("To run the kernel built in " + describe_link(tree) + ", check:");

    std::string held;
    for (const auto& image : boot.images)
        held += (held.empty() ? "" : ", ") + std::string(base_name(image.path)) + " " +
                format_utc(image.mtime);
    std::string wanted = "/boot/vmlinuz-" + release;
    if (const auto* installed = boot.image_for(release)) {
        bool stale = built.image && installed->mtime + k_image_margin < built.image->mtime;
        verdict.detail("- the image in /boot: " + installed->path + " (written " +
                       format_utc(installed->mtime) + ")" +
                       (stale ? " is older than " + built.image->path +
                                    ": copy the new image again (`make install`)."
                              : " is there."));
    } else {
        verdict.detail("- the image in /boot: there is no " + wanted + " (/boot holds " +
                       (held.empty() ? std::string("no kernel image") : held) +
                       "): install it (`make install` in the tree, or copy " +
                       (built.image ? built.image->path : std::string("arch/<arch>/boot/bzImage")) +
                       " to " + wanted + ").");
    }

    if (boot.fstab_line) {
        std::string mounted = !boot.mounted   ? ""
                              : *boot.mounted ? " and is mounted now"
                                              : " but is not mounted now (/proc/mounts)";
        verdict.detail("- /boot is mounted: /etc/fstab:" + std::to_string(boot.fstab_line->line) +
                       " mounts it" + (boot.fstab_noauto ? " with noauto (not at boot)" : "") +
                       mounted +
                       ". Run `mount /boot` before installing, or the image lands on the root "
                       "file system where the boot loader does not look.");
    } else {
        verdict.detail(
            "- /boot: /etc/fstab names no separate /boot file system, so there is "
            "nothing to mount first.");
    }

    if (boot.loaders.empty()) {
        verdict.detail(
            "- the boot loader entry: no configuration found (/boot/grub/grub.cfg, "
            "/boot/loader/entries/*.conf, /etc/lilo.conf, ...): make sure your boot "
            "loader has an entry for /boot/vmlinuz-" +
            release + ".");
    }
    for (const auto& loader : boot.loaders) {
        bool grub = loader.path.find("grub") != std::string::npos;
        verdict.detail(
            "- the boot loader entry: " + loader.path +
            (loader.names_release(release)
                 ? " names the " + release + " image; choose that entry when booting."
                 : " has no entry for " + release + ": " +
                       (grub ? "regenerate it (`grub-mkconfig -o " + loader.path + "`)."
                             : std::string("add one (and run `lilo` if you use LILO)."))));
    }

    std::string modules = "/lib/modules/" + release;
    verdict.detail(
        "- its modules: " + modules +
        (facts.root().is_dir(modules) ? " is there." : " is missing: run `make modules_install`."));
    verdict.detail("Then reboot; `uname -r` and `uname -v` should show " + release +
                   " and the tree's build.");
}

/// Compares the running kernel with the built tree behind /usr/src/linux; true when they differ.
bool compare_tree(Facts& facts, const KernelIdentity& kernel, const KernelTree& tree,
                  const SourceTree& built, Verdict& verdict) {
    std::string name = describe_link(tree);
    std::vector<Evidence> tree_side = {built.release_evidence, built.uts_version_evidence};
    if (built.image)
        tree_side.push_back(image_evidence(*built.image));

    if (*built.release != kernel.release) {
        tree_side.insert(tree_side.begin(), kernel.release_evidence);
        verdict.add(Status::fail,
                    "the running kernel is " + kernel.release + ", but " + name + " was built as " +
                        *built.release,
                    tree_side);
        boot_advice(facts, tree, built, verdict);
        return true;
    }
    // UTS_VERSION names one build exactly ("#3 SMP ... <time>"); the image's time only stands
    // in when the tree has no UTS_VERSION left, since copying a tree resets file times.
    if (built.uts_version && !kernel.version.empty()) {
        if (words_of(*built.uts_version) != words_of(kernel.version)) {
            verdict.add(Status::fail,
                        "a different build of " + kernel.release + " is running (" +
                            describe_build(kernel.version) + ") than the one in " +
                            KernelTree::k_link_path + " (" + describe_build(*built.uts_version) +
                            ")",
                        {kernel.version_evidence, built.uts_version_evidence});
            boot_advice(facts, tree, built, verdict);
            return true;
        }
        verdict.evidence_once(built.release_evidence);
        verdict.evidence_once(built.uts_version_evidence);
        return false;
    }
    auto running = parse_build_time(kernel.version);
    if (built.image && running && built.image->mtime > running->latest + k_image_margin) {
        verdict.add(Status::fail,
                    built.image->path + " (written " + format_utc(built.image->mtime) +
                        ") is newer than the running " + kernel.release + " (built " +
                        running->text + "): the tree was rebuilt but not booted",
                    {kernel.version_evidence, image_evidence(*built.image)});
        boot_advice(facts, tree, built, verdict);
        return true;
    }
    verdict.evidence_once(built.release_evidence);
    if (!running || !built.image)
        verdict.detail("Only the release could be compared: " +
                       std::string(!running ? "the running kernel's build string carries no "
                                              "date"
                                            : "the tree has no UTS_VERSION and no built image") +
                       ".");
    return false;
}

Finding run(Facts& facts) {
    const auto& kernel = facts.get<KernelIdentity>();
    if (kernel.release.empty())
        return make_finding(Status::skip,
                            "the running kernel is unknown: this root has no "
                            "/proc/sys/kernel/osrelease or /proc/version");
    const auto& tree = facts.get<KernelTree>();
    Verdict verdict;
    verdict.evidence_once(kernel.release_evidence);
    check_modules_dir(facts, kernel, verdict);

    std::string name = describe_link(tree);
    bool tree_problem = true;
    switch (tree.link) {
        case KernelTree::Link::missing:
            tree_problem = false;
            verdict.add(Status::info,
                        "no /usr/src/linux: nothing to compare the running " + kernel.release +
                            " with (a distribution kernel?)",
                        {link_evidence(tree)});
            break;
        case KernelTree::Link::dangling:
            verdict.add(Status::warn,
                        "/usr/src/linux points to " + tree.target_path + ", which does not exist",
                        {link_evidence(tree)});
            verdict.detail(
                "The tree it named is gone (removed with its sources package?). "
                "Point the link at an existing tree (`eselect kernel set`).");
            break;
        case KernelTree::Link::directory:
        case KernelTree::Link::other:
            verdict.add(Status::warn, "/usr/src/linux is not a symbolic link to a kernel tree",
                        {link_evidence(tree)});
            verdict.detail(
                "Tools expect /usr/src/linux to be a symbolic link to a tree "
                "/usr/src/linux-<version> (`eselect kernel` manages it); anything else "
                "there cannot be switched to another tree, and it is easy to lose "
                "track of which kernel it holds.");
            break;
        case KernelTree::Link::symlink:
            tree_problem = false;
            break;
    }
    if (tree.current) {
        const SourceTree& current = *tree.current;
        for (const auto& problem : current.problems) {
            tree_problem = true;
            verdict.add(Status::warn, problem.path + ": " + problem.reason,
                        {{problem.path, problem.line, problem.reason}});
        }
        // A kernel.release that is there but unreadable is a problem above, not "never built".
        bool release_unreadable =
            std::any_of(current.problems.begin(), current.problems.end(), [&](const auto& p) {
                return p.path == current.path + "/include/config/kernel.release";
            });
        if (!current.built() && !release_unreadable) {
            tree_problem = true;
            verdict.add(Status::warn, name + " was never built (no include/config/kernel.release)",
                        {link_evidence(tree),
                         {current.path + "/include/config/kernel.release", 0, "missing"}});
            verdict.detail("The tree behind " + name +
                           " was never configured and built: build it (`make olddefconfig && "
                           "make && make modules_install install`), or point the link at the "
                           "tree of the running kernel.");
        } else if (current.built()) {
            tree_problem = compare_tree(facts, kernel, tree, current, verdict) || tree_problem;
        }
    }

    auto matching = tree.trees_for(kernel.release);
    if (tree_problem && !matching.empty()) {
        const SourceTree& target = *matching.front();
        bool same_build =
            target.uts_version && words_of(*target.uts_version) == words_of(kernel.version);
        verdict.link_fix();
        verdict.detail("The running kernel's own tree is here: " + target.path + " was built as " +
                       kernel.release + (same_build ? ", the very build that is running" : "") +
                       ". Pointing " + KernelTree::k_link_path + " at it (fix " +
                       std::string(k_relink) +
                       ") makes out-of-tree modules build against the kernel that runs.");
    }
    return verdict.finish("the running kernel " + kernel.release + " is the one built in " + name);
}

}  // namespace

const CheckDescriptor build_match = {
    .id = "kernel.build-match",
    .title = "Running kernel matches /usr/src/linux",
    .area = "kernel",
    .needs = {},
    .report_needs = {"/lib/modules"},
    .explanation =
        "The kernel that runs is the one the boot loader started, which is not always the one "
        "you built last. When you build your own kernel (Gentoo's /usr/src/linux), it is easy "
        "to build a new one and go on booting the old: /boot was not mounted when the image was "
        "copied, the image was never copied, or the boot loader still points at the old file. "
        "Sound drivers built or installed afterwards then belong to a kernel that is not "
        "running, and modprobe cannot find or load them. This check compares the running "
        "kernel's release and build stamp (`uname -r`, `uname -v`) with the tree behind "
        "/usr/src/linux (include/config/kernel.release, UTS_VERSION, the built image) and makes "
        "sure /lib/modules has a directory for the running release.",
    .fixes = {{k_relink, "Point /usr/src/linux at the tree of the running kernel", true}},
    .run = run,
};

}  // namespace sndoctor::checks
