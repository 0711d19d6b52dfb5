// portage.alsa-driver-mask: on Gentoo, the out-of-tree media-sound/alsa-driver must be neither
// installed nor installable (the Gentoo ALSA guide: it and the kernel's ALSA are mutually
// exclusive).
#include "checks/checks.hpp"
#include "facts/facts.hpp"
#include "facts/portage_state.hpp"

namespace sndoctor::checks {

namespace {

constexpr std::string_view k_mask_fix = "portage.mask-alsa-driver";
constexpr std::string_view k_category = "media-sound";
constexpr std::string_view k_package = "alsa-driver";

std::string where(const std::string& path, int line) {
    return line > 0 ? path + ":" + std::to_string(line) : path;
}

/// "; /etc/portage/package.mask/junk: holds binary data, not package atoms (and 2 more)".
std::string problem_note(const std::vector<ParseProblem>& problems) {
    if (problems.empty())
        return "";
    const auto& first = problems.front();
    std::string note = "; " + where(first.path, first.line) + ": " + first.reason;
    if (problems.size() > 1)
        note += " (and " + std::to_string(problems.size() - 1) + " more)";
    return note;
}

Finding run(Facts& facts) {
    const auto& portage = facts.get<PortageState>();
    if (!portage.gentoo)
        return make_finding(Status::skip,
                            "not a Gentoo system (no /etc/gentoo-release or /etc/portage)");
    const std::string atom = std::string(k_category) + "/" + std::string(k_package);
    auto masks = portage.masks_for(k_category, k_package);
    auto installed = portage.installed_as(k_category, k_package);

    const std::string mask_advice =
        "Mask it with the line `" + atom + "` in " + PortageState::k_mask_path +
        " (or in a file inside it when it is a directory), so that no overlay or old world "
        "entry can bring it back.";
    Finding finding = make_finding(Status::pass, "", {portage.marker});
    if (!installed.empty()) {
        finding.status = Status::fail;
        std::string versions;
        for (const auto* package : installed) {
            versions += (versions.empty() ? "" : ", ") + atom + "-" + package->version;
            finding.with({package->path, 0, "installed: " + atom + "-" + package->version});
        }
        finding.summary = versions + " is installed" + (masks.empty() ? " and not masked" : "") +
                          ": its modules replace the kernel's own sound drivers";
        finding.detail = "Remove it: `emerge --ask --unmerge " + atom +
                         "`, then `depmod -a`, and reboot (or reload the sound modules) so that "
                         "the kernel's own drivers (CONFIG_SND_*) are used; modules it left "
                         "behind under /lib/modules are what modules.stale-snd reports. " +
                         (masks.empty() ? mask_advice : "It is masked already.");
        finding.fixes = {k_mask_fix};
    } else if (masks.empty()) {
        finding.status = Status::warn;
        finding.summary = atom + " is not masked in " + PortageState::k_mask_path;
        for (const auto& file : portage.mask_files)
            finding.with({file, 0, "no atom for " + atom});
        if (portage.mask_files.empty())
            finding.with({PortageState::k_mask_path, 0, "missing"});
        finding.detail = "It is not installed now. " + mask_advice;
        finding.fixes = {k_mask_fix};
    } else {
        const Evidence& first = masks.front()->where;
        finding.summary = atom + " is masked (" + where(first.path, first.line) + ")";
    }
    for (const auto* mask : masks)
        finding.with(mask->where);
    if (!portage.problems.empty()) {
        // The verdict stands, but a file portage cannot use may hide a mask meant for it.
        if (finding.status == Status::pass)
            finding.status = Status::warn;
        finding.summary += problem_note(portage.problems);
        for (const auto& problem : portage.problems)
            finding.with({problem.path, problem.line, problem.reason});
    }
    return finding;
}

}  // namespace

const CheckDescriptor alsa_driver_mask = {
    .id = "portage.alsa-driver-mask",
    .title = "alsa-driver not installed and masked (Gentoo)",
    .area = "packages",
    .needs = {},
    .report_needs = {"/var/db/pkg"},
    .explanation =
        "ALSA comes in two forms that exclude each other: the drivers built with the kernel "
        "(CONFIG_SND_*) and the out-of-tree package media-sound/alsa-driver, which Gentoo once "
        "offered for kernels whose own drivers were too old. Gentoo's ALSA guide says it "
        "plainly: you cannot have ALSA compiled in your kernel and use media-sound/alsa-driver. "
        "When both are there, the package's modules shadow the kernel's own, go stale with every "
        "kernel upgrade, and fail with \"unknown symbol\" errors or the wrong driver version. No "
        "current kernel needs the package; masking it in /etc/portage/package.mask keeps it "
        "from ever being installed again.",
    .fixes = {{k_mask_fix, "Mask media-sound/alsa-driver in package.mask", true}},
    .run = run,
};

}  // namespace sndoctor::checks
