// alsa.version-match: the sound driver's version (/proc/asound/version) against the running
// kernel and against alsa-lib (failure-modes.md A3): an out-of-tree alsa-driver built for
// another kernel, or an alsa-lib far older than the kernel's driver.
#include <algorithm>

#include "checks/checks.hpp"
#include "facts/alsa_version.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_identity.hpp"

namespace sndoctor::checks {

namespace {

/// An alsa-lib older than `library` misses what kernels from `kernel` on rely on. Kept to the
/// step that left real systems silent, not every protocol bump: an alsa-lib a release or two
/// behind the driver (alsa-lib 1.0.25 on kernel 3.9 in the corpus) works.
struct LibraryFloor {
    std::vector<int> kernel;
    std::vector<int> library;
    std::string_view reason;
};

const LibraryFloor k_library_floors[] = {
    {{5, 5},
     {1, 2, 1},
     "UCM2, which SOF and SoundWire laptops need for any sound from kernel 5.5 on, came with "
     "alsa-lib 1.2.1"},
};

const LibraryFloor* floor_for(const std::vector<int>& kernel) {
    for (const auto& floor : k_library_floors)
        if (kernel >= floor.kernel)
            return &floor;
    return nullptr;
}

std::string dotted(const std::vector<int>& numbers) {
    std::string out;
    for (int n : numbers)
        out += (out.empty() ? "" : ".") + std::to_string(n);
    return out;
}

/// The alsa-lib half: warn when the library is older than the kernel's driver needs.
void judge_library(const AlsaVersion& version, const std::string& kernel, Finding& finding) {
    if (version.library.empty()) {
        finding.summary += "; alsa-lib's version is not known here";
        return;
    }
    if (!version.library_evidence.path.empty())
        finding.with(version.library_evidence);
    auto library = version_numbers(version.library);
    const LibraryFloor* floor = floor_for(version_numbers(kernel));
    if (floor == nullptr || library.empty() || library >= floor->library) {
        finding.summary += "; alsa-lib " + version.library;
        return;
    }
    if (finding.status == Status::pass || finding.status == Status::info)
        finding.status = Status::warn;
    finding.summary += "; alsa-lib " + version.library + " is older than " +
                       dotted(floor->library) + ", which kernel " + kernel + " needs";
    finding.detail += (finding.detail.empty() ? "" : " ") + std::string("alsa-lib ") +
                      version.library +
                      " is too old for this kernel's driver: " + std::string(floor->reason) +
                      ". Update alsa-lib (and alsa-ucm-conf, alsa-utils) from the "
                      "distribution.";
}

Finding run(Facts& facts) {
    const AlsaVersion& version = facts.get<AlsaVersion>();
    if (!version.present)
        return make_finding(Status::skip,
                            facts.root().source() == RootSource::live
                                ? "no /proc/asound/version: the ALSA sound core is not loaded"
                                : "no /proc/asound/version in this root");
    const KernelIdentity& kernel = facts.get<KernelIdentity>();
    const std::string& running = kernel.release;
    Finding finding = make_finding(Status::pass, "", {version.driver_evidence});
    if (!running.empty())
        finding.with(kernel.release_evidence);

    // The kernel whose driver this is: its own release, the one it was compiled for, or (a
    // numbered driver without that line) the running one.
    std::string driver_kernel = running;
    if (!version.kernel_release.empty()) {
        driver_kernel = version.kernel_release;
        if (running.empty() || running == version.kernel_release) {
            finding.summary = "the kernel's own ALSA driver (k" + version.kernel_release + ")";
        } else {
            finding.status = Status::warn;
            finding.summary = "the ALSA driver is the kernel's own for " + version.kernel_release +
                              ", but the running kernel is " + running;
            finding.detail =
                "Both files come from the running kernel, so they should agree: this copy of the "
                "system mixes files from two boots. Take the files (or the alsa-info report) "
                "again from one boot.";
        }
    } else if (!version.compiled_for.empty()) {
        finding.with(version.compiled_evidence);
        driver_kernel = version.compiled_for;
        if (running.empty() || running == version.compiled_for) {
            finding.status = Status::info;
            finding.summary = "out-of-tree alsa-driver " + version.number + ", built for " +
                              (running.empty() ? version.compiled_for : "this kernel");
            finding.detail =
                "It replaces the kernel's own sound drivers and must be rebuilt for every new "
                "kernel; modules.stale-snd lists its modules.";
        } else {
            finding.status = Status::fail;
            finding.summary = "out-of-tree alsa-driver " + version.number +
                              " was built for kernel " + version.compiled_for +
                              ", but the running kernel is " + running;
            finding.detail =
                "Its modules do not match this kernel: they fail to load (\"unknown symbol\", "
                "\"disagrees about version of symbol\") or shadow the kernel's own drivers. "
                "Remove the package (emerge --unmerge media-sound/alsa-driver, dkms remove, or "
                "the vendor's uninstall), run depmod -a, and use the kernel's own ALSA "
                "(CONFIG_SND_*); modules.stale-snd lists the modules it left.";
        }
    } else {
        auto numbers = version_numbers(running);
        bool modern = !numbers.empty() && numbers >= std::vector<int>{3, 7};
        if (modern) {
            // Since 3.7 the kernel prints k<release>; a number means another driver tree.
            finding.status = Status::warn;
            finding.summary = "the ALSA driver reports version " + version.number +
                              ", not the kernel's own k" + running;
            finding.detail =
                "Kernels since 3.7 print their release as the ALSA version, so this driver "
                "comes from outside the kernel (an alsa-driver package or a vendor backport). "
                "It must be rebuilt for every kernel; remove it and use the kernel's own "
                "ALSA unless the vendor's driver is needed. modules.stale-snd lists its modules.";
        } else {
            finding.summary = "ALSA driver " + version.number +
                              (running.empty() ? "" : " of kernel " + running) +
                              " (kernels before 3.7 printed the ALSA version)";
        }
    }
    judge_library(version, driver_kernel, finding);
    return finding;
}

}  // namespace

const CheckDescriptor version_match = {
    .id = "alsa.version-match",
    .title = "ALSA driver and library versions",
    .area = "modules",
    .needs = {},
    .report_needs = {AlsaVersion::k_path},
    .explanation =
        "/proc/asound/version says which sound driver is running. The kernel's own ALSA "
        "(every kernel since 3.7) prints the kernel release after a 'k'; the out-of-tree "
        "alsa-driver package prints its own number and the kernel it was compiled for. That "
        "package replaces the kernel's drivers and breaks with every kernel upgrade: built for "
        "another kernel, its modules fail to load or misbehave. alsa-lib, the library every "
        "sound program uses, must not be far older than the driver either: an alsa-lib from "
        "before UCM2 (1.2.1) leaves modern laptops (SOF, SoundWire) without a usable profile.",
    .fixes = {},
    .run = run,
};

}  // namespace sndoctor::checks
