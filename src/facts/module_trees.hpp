#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/root.hpp"

namespace sndoctor {

class Facts;

/// Where a module file sits inside its release directory; it tells who installed it.
enum class ModulePlace {
    in_kernel,    ///< under kernel/: installed with the kernel (`make modules_install`, a package)
    out_of_tree,  ///< under updates/ (dkms too), extra/ or misc/: added later by something else
    other,        ///< anywhere else (a vendor's own directory, an alsa-driver tree, ...)
};

/// One sound module file (snd*, sound*; .ko, .ko.xz, .ko.zst, .ko.gz) found in a module tree.
struct SoundModuleFile {
    std::string path;  ///< in-root: "/lib/modules/6.1.0-18-amd64/updates/snd-hda-intel.ko"
    std::string name;  ///< the module name modprobe knows it by: "snd_hda_intel"
    ModulePlace place = ModulePlace::other;
    /// The alsa-driver directory it lies in (in-root path); empty when it is not in one.
    std::string alsa_driver_dir;
};

/// One /lib/modules/<release> directory as found on disk. Only directories are listed and only
/// sound modules are kept, so a tree of thousands of modules costs one listing per directory.
struct ModuleTree {
    std::string release;  ///< the directory's name: "6.1.0-18-amd64"
    std::string path;     ///< "/lib/modules/6.1.0-18-amd64"
    /// The kernel image this release boots from (in-root path); empty when there is none, which
    /// marks a directory left behind by a kernel that was removed.
    std::string boot_image;
    std::vector<SoundModuleFile> sound_modules;  ///< in directory order
    /// In-root paths of alsa-driver directories (the outermost one where they nest).
    std::vector<std::string> alsa_driver_dirs;
    /// Module name → in-root path of the kernel's own copy (under kernel/), for shadow look-ups.
    std::map<std::string, std::string, std::less<>> in_kernel;
    /// When depmod last wrote modules.dep; nullopt when there is none (depmod never ran).
    std::optional<std::int64_t> modules_dep_mtime;
};

/// Every module tree under /lib/modules with its sound modules (DESIGN.md "Facts": module trees).
struct ModuleTrees {
    bool has_modules_dir = false;   ///< false when the root has no /lib/modules at all
    std::vector<ModuleTree> trees;  ///< sorted by release

    /// The fact for this run: scan() of the run's root.
    static ModuleTrees load(Facts& facts);
    /// Walks /lib/modules of any root (a directory or an in-memory tree); never follows a link
    /// to a directory, so the build/ and source/ links into kernel sources are not entered.
    static ModuleTrees scan(const Root& root);
};

/// The module name a file stands for when it is a sound module ("snd-hda-intel.ko.xz" →
/// "snd_hda_intel", "soundcore.ko" → "soundcore"); nullopt for any other file.
std::optional<std::string> sound_module_name(std::string_view file_name);

/// The place a module has from its path relative to the release directory
/// ("updates/dkms/snd-foo.ko" → out_of_tree).
ModulePlace module_place(std::string_view relative_path);

/// True for a directory an out-of-tree alsa-driver build installs into ("alsa-driver",
/// "alsa-driver-1.0.25").
bool is_alsa_driver_dir(std::string_view dir_name);

/// The in-root path of the kernel image a release boots from, given the entries of /boot and of
/// its module directory (Arch and Fedora keep a copy there as "vmlinuz"); empty when none.
std::string boot_image_for(std::string_view release, const std::vector<DirEntry>& boot_entries,
                           const std::vector<DirEntry>& module_dir_entries);

}  // namespace sndoctor
