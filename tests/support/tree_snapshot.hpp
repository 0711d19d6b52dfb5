#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "core/tree_copy.hpp"

namespace sndoctor::testing {

/// Everything about a tree that undo must restore: for each path its type, permission bits,
/// owner, bytes (files) or target (links), and a file's modification time.
struct TreeEntry {
    char type = '?';  ///< f, l, d
    unsigned mode = 0;
    unsigned uid = 0;
    unsigned gid = 0;
    long long mtime_ns = 0;  ///< files and links only
    std::string content;     ///< a file's bytes or a link's target

    bool operator==(const TreeEntry&) const = default;
};

using TreeSnapshot = std::map<std::string, TreeEntry>;

/// Reads the tree below `dir`. The journal (var/lib/sndoctor) is left out, and so are the
/// directories that exist only to hold it.
TreeSnapshot snapshot_tree(const std::filesystem::path& dir);

/// A readable account of how two snapshots differ (empty when they are the same).
std::string describe_difference(const TreeSnapshot& expected, const TreeSnapshot& actual);

/// Copies a tree with links as links, keeping modes and times (the product's own copy).
using sndoctor::copy_tree;

}  // namespace sndoctor::testing
