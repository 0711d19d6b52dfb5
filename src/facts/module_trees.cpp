#include "facts/module_trees.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <unordered_set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"

namespace sndoctor {

namespace {

constexpr std::string_view k_modules_dir = "/lib/modules";
constexpr std::string_view k_boot_dir = "/boot";

/// The endings kmod accepts for a module file (compressed ones since kmod 5 / 28).
constexpr std::string_view k_module_suffixes[] = {".ko", ".ko.xz", ".ko.zst", ".ko.gz"};
/// Sound modules are named snd* (the ALSA core and drivers) and sound* (soundcore, the OSS-era
/// registry every ALSA card still goes through, and the soundwire bus of newer laptops).
constexpr std::string_view k_sound_module_prefixes[] = {"snd", "sound"};
/// Where module packages and `make install` of out-of-tree drivers put their files; depmod's
/// default search order makes updates/ win over the kernel's own copy.
constexpr std::string_view k_out_of_tree_dirs[] = {"updates", "extra", "misc"};
/// The names installkernel, distribution packages and genkernel give a kernel image in /boot:
/// "<prefix>-<release>", or genkernel's "kernel-genkernel-x86_64-<release>".
constexpr std::string_view k_boot_image_prefixes[] = {"vmlinuz", "vmlinux", "kernel", "bzImage"};
/// The image Arch and Fedora packages keep inside the module directory.
constexpr std::string_view k_module_dir_image = "vmlinuz";
/// Where the kernel's own sound modules live under kernel/: the ALSA tree and the SoundWire bus.
/// Other kernel/ directories hold sound modules only in a few configurations (the Raspberry
/// Pi's staging driver); modules.order names those, see kernel_sound_dirs().
constexpr std::string_view k_kernel_sound_dirs[] = {"kernel/sound", "kernel/drivers/soundwire"};
/// Far deeper than any real module tree (kernel/sound/soc/intel/avs/boards is 6); a guard
/// against a tree built to make the walk run for ever.
constexpr int k_max_depth = 32;

bool is_file_like(FileType type) {
    return type == FileType::regular || type == FileType::symlink;
}

/// Hashes a std::string and a string_view alike, so a set of strings is searched by a view.
struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
        return std::hash<std::string_view>{}(text);
    }
};
using ViewSet = std::unordered_set<std::string, ViewHash, std::equal_to<>>;

/// The directories under kernel/ (release-relative) that hold the kernel's sound modules, and
/// the directories on the way to them: each directory of the walk is looked up, not compared
/// with some eighty of these (about 900 directories under kernel/ are asked about).
struct KernelSoundDirs {
    ViewSet holding;     ///< "kernel/sound/pci/hda"
    ViewSet on_the_way;  ///< "kernel", "kernel/drivers"

    void add(std::string_view dir) {
        if (holding.contains(dir))
            return;  // modules.order names some 290 sound modules in some 80 directories
        for (auto slash = dir.rfind('/'); slash != std::string_view::npos;
             slash = dir.rfind('/', slash - 1)) {
            on_the_way.emplace(dir.substr(0, slash));
            if (slash == 0)
                break;
        }
        holding.emplace(dir);
    }
};

/// The directories under kernel/ that hold the kernel's sound modules: the fixed ones plus
/// every directory of a sound module modules.order lists. nullopt when the tree has no readable
/// modules.order, and then all of kernel/ is walked.
std::optional<KernelSoundDirs> kernel_sound_dirs(const Root& root, const std::string& tree_path) {
    std::optional<FileText> order;
    try {
        order = root.read_text(join_path(tree_path, "modules.order"));
    } catch (const InputError&) {
        // Unreadable: the full walk finds the same modules, only slower.
    }
    if (!order)
        return std::nullopt;
    KernelSoundDirs dirs;
    for (std::string_view dir : k_kernel_sound_dirs)
        dirs.add(dir);
    // Line by line, without a list of its 6,000 lines (a distribution's modules.order is some
    // 160 KiB, and every report reads it).
    LineCursor lines(order->view());
    NumberedLine line;
    while (lines.next(line)) {
        std::string_view path = trim(line.text);
        // memrchr(), not rfind(), which steps back byte by byte: 6,000 lines of some 40 bytes.
        const auto* slash = static_cast<const char*>(::memrchr(path.data(), '/', path.size()));
        if (slash == nullptr || !path.starts_with("kernel/"))
            continue;
        auto slash_at = static_cast<std::size_t>(slash - path.data());
        if (!sound_module_name(path.substr(slash_at + 1)))
            continue;
        dirs.add(path.substr(0, slash_at));
    }
    // Cut short while it was scanned (rewritten meanwhile): as if unreadable.
    if (!order->intact())
        return std::nullopt;
    return dirs;
}

/// True when `relative` (a directory relative to the release directory) is to be entered:
/// everything outside kernel/, and inside it the sound directories, their subdirectories and
/// the directories on the way to them. Skipping the rest of kernel/ saves some 800 directory
/// listings on a distribution kernel, which was most of a report's time (issue 6).
bool enters(std::string_view relative, const std::optional<KernelSoundDirs>& sound_dirs) {
    if (!sound_dirs || !(relative == "kernel" || relative.starts_with("kernel/")))
        return true;
    if (sound_dirs->on_the_way.contains(relative))
        return true;
    // Inside a sound directory: it or a directory above it holds sound modules.
    for (std::string_view dir = relative;;) {
        if (sound_dirs->holding.contains(dir))
            return true;
        auto slash = dir.rfind('/');
        if (slash == std::string_view::npos)
            return false;
        dir = dir.substr(0, slash);
    }
}

/// Collects the sound modules of one release directory, listing directories only.
class TreeWalker {
  public:
    TreeWalker(const Root& root, ModuleTree& tree, std::optional<KernelSoundDirs> kernel_sound_dirs)
        : m_root(root), m_tree(tree), m_kernel_sound_dirs(std::move(kernel_sound_dirs)) {}

    void walk(const std::string& dir, const std::string& relative,
              const std::vector<DirEntry>& entries, const std::string& alsa_driver_dir, int depth) {
        for (const auto& entry : entries) {
            std::string path = join_path(dir, entry.name);
            std::string child_relative =
                relative.empty() ? entry.name : relative + "/" + entry.name;
            if (entry.type == FileType::directory) {
                // A link to a directory (build/, source/) is a symlink entry and is never entered.
                // One install is one finding: a directory nested in another is part of it.
                std::string child_alsa_driver_dir = alsa_driver_dir;
                if (child_alsa_driver_dir.empty() && is_alsa_driver_dir(entry.name)) {
                    m_tree.alsa_driver_dirs.push_back(path);
                    child_alsa_driver_dir = path;
                }
                if (depth < k_max_depth && enters(child_relative, m_kernel_sound_dirs))
                    walk(path, child_relative, m_root.list(path), child_alsa_driver_dir, depth + 1);
            } else if (is_file_like(entry.type)) {
                add_module(path, entry.name, child_relative, alsa_driver_dir);
            }
        }
    }

  private:
    void add_module(const std::string& path, std::string_view file_name, std::string_view relative,
                    const std::string& alsa_driver_dir) {
        auto name = sound_module_name(file_name);
        if (!name)
            return;
        ModulePlace place = module_place(relative);
        if (place == ModulePlace::in_kernel && alsa_driver_dir.empty())
            m_tree.in_kernel.emplace(*name, path);  // a kernel builds each name once
        m_tree.sound_modules.push_back({path, std::move(*name), place, alsa_driver_dir});
    }

    const Root& m_root;
    ModuleTree& m_tree;
    std::optional<KernelSoundDirs> m_kernel_sound_dirs;
};

}  // namespace

std::optional<std::string> sound_module_name(std::string_view file_name) {
    // The prefixes hold neither '-' nor '_', so the file name shows them as the module name
    // does. Asked first, before a name is built: modules.order names some 6,000 modules, and
    // every report asks this of each.
    if (std::none_of(std::begin(k_sound_module_prefixes), std::end(k_sound_module_prefixes),
                     [&](std::string_view prefix) { return file_name.starts_with(prefix); }))
        return std::nullopt;
    for (std::string_view suffix : k_module_suffixes)
        if (file_name.size() > suffix.size() && file_name.ends_with(suffix))
            return module_name(file_name.substr(0, file_name.size() - suffix.size()));
    return std::nullopt;
}

ModulePlace module_place(std::string_view relative_path) {
    std::string_view top = relative_path.substr(0, relative_path.find('/'));
    if (top == "kernel")
        return ModulePlace::in_kernel;
    for (std::string_view dir : k_out_of_tree_dirs)
        if (top == dir)
            return ModulePlace::out_of_tree;
    return ModulePlace::other;
}

bool is_alsa_driver_dir(std::string_view dir_name) {
    return dir_name == "alsa-driver" || dir_name.starts_with("alsa-driver-");
}

std::string boot_image_for(std::string_view release, const std::vector<DirEntry>& boot_entries,
                           const std::vector<DirEntry>& module_dir_entries) {
    if (release.empty())
        return {};
    std::string ending = "-" + std::string(release);
    for (const auto& entry : boot_entries) {
        if (!is_file_like(entry.type))
            continue;
        std::string_view name = entry.name;
        for (std::string_view prefix : k_boot_image_prefixes) {
            if (!name.starts_with(prefix) || name.size() < prefix.size() + ending.size())
                continue;
            // "vmlinuz-<release>" exactly, or genkernel's "kernel-<words>-<release>".
            bool exact = name.substr(prefix.size()) == ending;
            bool with_words = name[prefix.size()] == '-' && name.ends_with(ending);
            if (exact || with_words)
                return join_path(k_boot_dir, name);
        }
    }
    for (const auto& entry : module_dir_entries)
        if (entry.name == k_module_dir_image && is_file_like(entry.type))
            return join_path(join_path(k_modules_dir, release), entry.name);
    return {};
}

ModuleTrees ModuleTrees::scan(const Root& root) {
    ModuleTrees result;
    result.has_modules_dir = root.is_dir(k_modules_dir);
    if (!result.has_modules_dir)
        return result;
    const std::vector<DirEntry> boot_entries = root.list(k_boot_dir);
    for (const auto& release_entry : root.list(k_modules_dir)) {
        // A link named like a release (an alias some distributions add) would be walked twice.
        if (release_entry.type != FileType::directory)
            continue;
        ModuleTree tree;
        tree.release = release_entry.name;
        tree.path = join_path(k_modules_dir, tree.release);
        std::vector<DirEntry> entries = root.list(tree.path);
        tree.boot_image = boot_image_for(tree.release, boot_entries, entries);
        auto dep = std::find_if(entries.begin(), entries.end(), [](const DirEntry& entry) {
            return entry.name == "modules.dep" && is_file_like(entry.type);
        });
        if (dep != entries.end())
            if (auto info = root.stat(join_path(tree.path, dep->name)))
                tree.modules_dep_mtime = info->mtime;
        TreeWalker(root, tree, kernel_sound_dirs(root, tree.path))
            .walk(tree.path, "", entries, "", 1);
        result.trees.push_back(std::move(tree));
    }
    return result;
}

ModuleTrees ModuleTrees::load(Facts& facts) {
    return scan(facts.root());
}

}  // namespace sndoctor
