// portage.mask-alsa-driver: mask media-sound/alsa-driver so that no update brings it back.
#include "core/root.hpp"
#include "facts/facts.hpp"
#include "facts/portage_state.hpp"
#include "fixes/fixes.hpp"

namespace sndoctor::fixes {

namespace {

constexpr const char* k_atom = "media-sound/alsa-driver";

void plan(Facts& facts, const Result&, PlanBuilder& builder) {
    const auto& portage = facts.get<PortageState>();
    if (portage.masks_for("media-sound", "alsa-driver").empty()) {
        std::string mask = PortageState::k_mask_path;
        std::string comment =
            "# added by sndoctor: in-kernel ALSA and alsa-driver exclude each other";
        if (builder.root().is_dir(mask)) {
            // Portage reads every file of a package.mask directory: one of our own is cleanest.
            builder.write_file(mask + "/sndoctor", comment + "\n" + k_atom + "\n",
                               "Mask " + std::string(k_atom) + " in " + mask + "/sndoctor");
        } else {
            builder.append_line(mask, comment, "Say why the mask is there");
            builder.append_line(mask, k_atom, "Mask " + std::string(k_atom) + " in " + mask);
        }
    }
    for (const auto* package : portage.installed_as("media-sound", "alsa-driver"))
        builder.manual_step("Remove the installed " + package->category + "/" + package->name +
                            "-" + package->version +
                            " (sndoctor never runs the package manager): emerge --ask --unmerge "
                            "media-sound/alsa-driver, then run depmod -a and reboot");
}

}  // namespace

const FixDefinition mask_alsa_driver = {
    .id = "portage.mask-alsa-driver",
    .check_id = "portage.alsa-driver-mask",
    .title = "Mask media-sound/alsa-driver in package.mask",
    .needs_root = true,
    .plan = plan,
};

}  // namespace sndoctor::fixes
