#pragma once

#include <filesystem>

namespace sndoctor {

/// Copies a tree with links as links, keeping modes and times (times matter to some checks:
/// depmod staleness). The assistant works on such a copy of the demo; tests copy fixtures.
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace sndoctor
