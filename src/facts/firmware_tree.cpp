#include "facts/firmware_tree.hpp"

#include <algorithm>

#include "core/root.hpp"
#include "core/text.hpp"

namespace sndoctor::firmware_tree {

std::optional<std::string> find(const Root& root, std::string_view name) {
    // A name with ".." could climb out of the firmware tree; the kernel refuses those too.
    if (name.empty() || name.find("..") != std::string_view::npos)
        return std::nullopt;
    for (const char* dir : k_dirs)
        for (const char* suffix : k_suffixes) {
            std::string path = join_path(dir, std::string(name) + suffix);
            auto info = root.stat(path);
            if (info && info->type == FileType::regular)
                return path;
        }
    return std::nullopt;
}

bool any_dir(const Root& root) {
    return std::any_of(std::begin(k_dirs), std::end(k_dirs),
                       [&](const char* dir) { return root.is_dir(dir); });
}

std::vector<std::string> names_in(const Root& root, std::string_view dir) {
    std::vector<std::string> names;
    for (const char* base : k_dirs)
        for (const auto& entry :
             root.list(dir.empty() ? std::string(base) : join_path(base, dir))) {
            if (entry.type == FileType::directory)
                continue;
            std::string name = entry.name;
            for (const char* suffix : {".zst", ".xz"})
                if (name.ends_with(suffix))
                    name.resize(name.size() - std::string_view(suffix).size());
            names.push_back(std::move(name));
        }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

std::string main_dir(const Root& root) {
    return root.is_dir(k_dirs[1]) || !root.is_dir(k_dirs[3]) ? k_dirs[1] : k_dirs[3];
}

std::string searched(const Root& root) {
    std::vector<std::string> dirs;
    for (const char* dir : k_dirs)
        if (root.is_dir(dir))
            dirs.emplace_back(dir);
    return dirs.empty()
               ? std::string("no firmware directory (") + k_dirs[1] + ", " + k_dirs[3] + ")"
               : join(dirs, ", ");
}

}  // namespace sndoctor::firmware_tree
