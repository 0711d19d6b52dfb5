// modules.quarantine-stale: move stale sound modules aside and rebuild modprobe's index.
#include <algorithm>

#include "checks/stale_snd.hpp"
#include "core/error.hpp"
#include "core/root.hpp"
#include "facts/facts.hpp"
#include "fixes/fixes.hpp"

namespace sndoctor::fixes {

namespace {

/// The files depmod (kmod 30, and modules.weakdep since kmod 33) writes in
/// lib/modules/<release>: all journaled first, so undo gives back the old index byte for byte.
constexpr const char* k_depmod_outputs[] = {
    "modules.dep",         "modules.dep.bin",     "modules.alias",
    "modules.alias.bin",   "modules.softdep",     "modules.symbols",
    "modules.symbols.bin", "modules.builtin.bin", "modules.builtin.alias.bin",
    "modules.devname",     "modules.weakdep",
};

/// Where depmod reads its configuration (kmod's order), as in-root paths.
constexpr const char* k_depmod_config_dirs[] = {
    "/etc/depmod.d",     "/run/depmod.d", "/usr/local/lib/depmod.d",
    "/usr/lib/depmod.d", "/lib/depmod.d",
};

/// depmod for one release. On a directory root, -b points it at the root's /lib/modules and -C
/// at the root's own depmod.d directories: without -C it would read the host's configuration,
/// whose search order and overrides belong to another system.
std::vector<std::string> depmod_command(const Root& root, const std::string& release) {
    if (root.source() == RootSource::live)
        return {"depmod", release};
    auto base = root.host_path("/");
    if (!base)
        throw InputError(root.origin(), "is not a directory on this machine; depmod needs one");
    std::vector<std::string> argv = {"depmod", "-b", *base};
    std::vector<std::string> seen;
    for (const char* dir : k_depmod_config_dirs) {
        // /lib is often a link to /usr/lib: the same directory is read once.
        auto host = root.is_dir(dir) ? root.host_path(dir) : std::nullopt;
        if (host && std::find(seen.begin(), seen.end(), *host) == seen.end()) {
            seen.push_back(*host);
            argv.insert(argv.end(), {"-C", *host});
        }
    }
    if (seen.empty())
        argv.insert(argv.end(), {"-C", "/dev/null"});  // no configuration rather than the host's
    argv.push_back(release);
    return argv;
}

void plan(Facts& facts, const Result&, PlanBuilder& builder) {
    checks::StaleSndRepair repair = checks::stale_snd_repair(facts);
    if (repair.empty())
        throw InputError("/lib/modules",
                         "has no stale sound module, alsa-driver directory or outdated "
                         "modules.dep to repair");
    for (const auto& item : repair.move_aside)
        builder.move_aside(item.path, "Set aside " + item.path + ": " + item.reason);
    for (const auto& release : repair.depmod_releases) {
        std::string dir = join_path("/lib/modules", release);
        std::vector<std::string> writes;
        for (const char* file : k_depmod_outputs)
            writes.push_back(join_path(dir, file));
        builder.run_command(
            depmod_command(builder.root(), release), std::move(writes),
            "Rebuild modprobe's index for " + release + " (depmod writes " + dir + "/modules.*)");
    }
    if (!repair.move_aside.empty())
        builder.manual_step(
            "Reload the sound modules or reboot: a stale copy already loaded "
            "stays in memory until then");
}

}  // namespace

const FixDefinition quarantine_stale = {
    .id = "modules.quarantine-stale",
    .check_id = "modules.stale-snd",
    .title = "Move stale sound modules aside and run depmod",
    .needs_root = true,
    .plan = plan,
};

}  // namespace sndoctor::fixes
