// kernel.relink-source: point /usr/src/linux at the built tree of the running kernel.
#include "core/error.hpp"
#include "core/root.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_identity.hpp"
#include "facts/kernel_tree.hpp"
#include "fixes/fixes.hpp"

namespace sndoctor::fixes {

namespace {

void plan(Facts& facts, const Result&, PlanBuilder& builder) {
    const auto& kernel = facts.get<KernelIdentity>();
    const auto& tree = facts.get<KernelTree>();
    auto matching = tree.trees_for(kernel.release);
    if (matching.empty())
        throw InputError(KernelTree::k_link_path,
                         "no tree under /usr/src was built as " + kernel.release +
                             "; build it, or boot the kernel /usr/src/linux was built as");
    if (tree.link == KernelTree::Link::directory || tree.link == KernelTree::Link::other)
        // A real directory holds someone's sources: sndoctor does not move a whole tree.
        throw InputError(KernelTree::k_link_path,
                         "is a directory, not a link; rename it yourself, then run the fix again");
    const SourceTree& target = *matching.front();
    builder.make_link(
        KernelTree::k_link_path, std::string(base_name(target.path)),
        "Point /usr/src/linux at " + target.path + ", the tree built as " + kernel.release);
}

}  // namespace

const FixDefinition relink_source = {
    .id = "kernel.relink-source",
    .check_id = "kernel.build-match",
    .title = "Point /usr/src/linux at the tree of the running kernel",
    .needs_root = true,
    .plan = plan,
};

}  // namespace sndoctor::fixes
