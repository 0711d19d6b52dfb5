#pragma once

#include <string>
#include <vector>

namespace sndoctor {
class Facts;
}

/// What modules.stale-snd decides and its fix modules.quarantine-stale acts on: one survey of the
/// module trees, so that the fix moves exactly what the check reports.
namespace sndoctor::checks {

/// A file or directory the fix moves aside, and why the check calls it stale.
struct StaleItem {
    std::string path;    ///< in-root: a module file, or an alsa-driver directory
    std::string reason;  ///< the check's evidence text for it
};

/// The repairable part of the check's findings. Unreadable modules and left-over directories of
/// removed kernels are not in it: they are not the fix's to move.
struct StaleSndRepair {
    /// alsa-driver directories first, then stale modules that do not lie in one of them.
    std::vector<StaleItem> move_aside;
    /// Releases whose depmod index must be rebuilt (something moved, or modules.dep is missing
    /// or older than the modules), in release order, each once.
    std::vector<std::string> depmod_releases;

    bool empty() const { return move_aside.empty() && depmod_releases.empty(); }
};

/// The repair for the run's root, from the same survey the check reports (empty when the check
/// skips or passes). Throws InputError as the check does on unreadable input.
StaleSndRepair stale_snd_repair(Facts& facts);

}  // namespace sndoctor::checks
