// firmware.sof: an Intel audio DSP run by Sound Open Firmware needs its firmware and a topology
// file from /lib/firmware, and without them the card never appears: "Dummy Output" only
// (failure-modes.md M1). The kernel's log names the exact files when it can be read; else the
// platform's defaults (sof_platforms.cpp, from the kernel's pci-*.c) say what it would ask for.
#include <algorithm>

#include "checks/checks.hpp"
#include "checks/firmware_hint.hpp"
#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "facts/firmware_tree.hpp"
#include "facts/kernel_log.hpp"
#include "facts/loaded_modules.hpp"
#include "facts/pci_devices.hpp"
#include "facts/sof_log.hpp"
#include "facts/sof_platforms.hpp"

namespace sndoctor::checks {

namespace {

constexpr std::string_view k_driver_prefix = "sof-audio-pci-intel-";
constexpr std::uint16_t k_intel = 0x8086;

/// A PCI device SOF drives (or loaded for and failed to bind).
struct SofDevice {
    const PciDevice* device = nullptr;
    const SofPlatform* platform = nullptr;  ///< nullptr when the table does not know the id
    std::string driver;
    Evidence where;
};

/// "sof-audio-pci-intel-tgl" → "snd_sof_pci_intel_tgl": the PCI driver's module.
std::string module_of(std::string_view driver) {
    return "snd_sof_pci_intel_" + std::string(driver.substr(k_driver_prefix.size()));
}

std::vector<SofDevice> sof_devices(const PciDevices& pci, const LoadedModules& modules) {
    std::vector<SofDevice> found;
    for (const auto& device : pci.devices) {
        if (device.vendor_id != k_intel)
            continue;
        const SofPlatform* platform = find_sof_platform(device.device_id);
        std::string driver_path = device.sysfs_path + "/driver";
        if (device.driver.starts_with(k_driver_prefix)) {
            found.push_back({&device,
                             platform,
                             device.driver,
                             {driver_path, 0, device.address + " is bound to " + device.driver}});
            continue;
        }
        if (!device.driver.empty() || !platform)
            continue;
        // With its probe failed early the driver lets go of the device, but its module stays
        // loaded: the device is still SOF's. An unreadable /proc/modules counts as absent: only
        // the bound drivers decide then.
        if (auto line = modules.line_of(module_of(platform->driver)))
            found.push_back({&device,
                             platform,
                             std::string(platform->driver),
                             {line->path, line->line,
                              module_of(platform->driver) + " is loaded; " + device.address +
                                  " has no driver bound"}});
    }
    return found;
}

bool present(const Root& root, const SofLogFile& file) {
    if (file.kind == SofFileKind::library_dir) {
        for (const char* dir : firmware_tree::k_dirs)
            if (root.is_dir(join_path(dir, file.name)))
                return true;
        return false;
    }
    return firmware_tree::find(root, file.name).has_value();
}

std::string missing_detail(const Root& root) {
    return "Looked in " + firmware_tree::searched(root) +
           " (also for .xz and .zst forms). To repair: " + sof_package_hint(root) +
           ", then reboot (or reload the driver: sudo modprobe -r snd_sof_pci_intel_* && sudo "
           "modprobe the one for this machine). A topology that no release has yet needs a newer "
           "sof-firmware and sometimes a newer kernel.";
}

/// The verdict from what the kernel's log says it asked for.
Finding from_log(const Root& root, const SofLog& log, const std::vector<SofDevice>& devices) {
    std::vector<Evidence> evidence;
    std::vector<std::string> missing;
    for (const auto& device : devices)
        evidence.push_back(device.where);
    for (const auto& file : log.files)
        if (!present(root, file)) {
            missing.push_back(file.name);
            evidence.push_back(file.line);
        }
    if (log.not_found)
        evidence.push_back(*log.not_found);
    if (!missing.empty()) {
        Finding finding =
            make_finding(Status::fail,
                         plural(missing.size(), "SOF file", "SOF files") + " the kernel asks for " +
                             (missing.size() == 1 ? "is" : "are") +
                             " missing: " + clip(join(missing, ", "), 160),
                         std::move(evidence));
        finding.detail = missing_detail(root);
        return finding;
    }
    bool failed = log.not_found || std::any_of(log.files.begin(), log.files.end(),
                                               [](const SofLogFile& f) { return f.failed; });
    if (failed) {
        Finding finding = make_finding(
            Status::warn,
            "the kernel did not find its SOF firmware or topology when it looked, but the files "
            "are there now: reboot (or reload the SOF driver) to load them",
            std::move(evidence));
        for (const auto& file : log.files)
            if (file.failed)
                finding.with(file.line);
        finding.detail =
            "The log's lines are from the driver's start; the files were installed "
            "(or a link fixed) since. Looked in " +
            firmware_tree::searched(root) + ".";
        return finding;
    }
    std::vector<std::string> names;
    for (const auto& file : log.files) {
        names.push_back(file.name);
        evidence.push_back(file.line);
    }
    return make_finding(
        Status::pass,
        "the SOF files the kernel loaded are present: " + clip(join(names, ", "), 160),
        std::move(evidence));
}

/// The verdict from the platform's defaults, for a device the log says nothing about.
Finding from_table(const Root& root, const SofDevice& sof) {
    const SofPlatform& platform = *sof.platform;
    std::vector<Evidence> evidence = {sof.where};
    std::vector<std::string> missing;
    std::string firmware = std::string(platform.fw_dir) + "/" + std::string(platform.fw_file);
    // Firmware signed with the community key lives in a "community" subdirectory (the
    // driver's fw_path_postfix), e.g. on Chromebooks and some boards.
    std::string community =
        std::string(platform.fw_dir) + "/community/" + std::string(platform.fw_file);
    auto found = firmware_tree::find(root, firmware);
    if (!found)
        found = firmware_tree::find(root, community);
    if (found)
        evidence.push_back({*found, 0, "firmware for " + std::string(platform.platform)});
    else
        missing.push_back(firmware);
    std::vector<std::string> topologies;
    for (const auto& name : firmware_tree::names_in(root, platform.tplg_dir))
        if (name.ends_with(".tplg"))
            topologies.push_back(name);
    if (topologies.empty())
        missing.push_back(std::string(platform.tplg_dir) + "/*.tplg");
    bool library_missing = false;
    if (!platform.lib_dir.empty() &&
        !present(root, {SofFileKind::library_dir, std::string(platform.lib_dir), {}, false})) {
        library_missing = true;
        missing.push_back(std::string(platform.lib_dir) + "/");
    }
    std::string device = sof.device->address + " (" + std::string(platform.platform) + ", " +
                         sof.device->ids() + ")";
    if (!missing.empty()) {
        for (const auto& name : missing)
            evidence.push_back({join_path(firmware_tree::main_dir(root), name), 0, "missing"});
        // Without the IPC4 libraries the firmware still boots; only the topologies that use
        // a loadable module fail.
        Status status = missing.size() == 1 && library_missing ? Status::warn : Status::fail;
        Finding finding = make_finding(status,
                                       plural(missing.size(), "SOF file", "SOF files") + " for " +
                                           device + " missing: " + join(missing, ", "),
                                       std::move(evidence));
        finding.detail =
            "The kernel's log names no SOF file (or could not be read), so these are the "
            "defaults the kernel's driver asks for on this platform (IPC" +
            std::to_string(platform.ipc) + "). " + missing_detail(root);
        return finding;
    }
    return make_finding(Status::pass,
                        "SOF firmware and " + plural(topologies.size(), "topology", "topologies") +
                            " for " + device + " are present",
                        std::move(evidence));
}

Finding run(Facts& facts) {
    const Root& root = facts.root();
    const KernelLog& kernel_log = facts.get<KernelLog>();
    SofLog log = kernel_log.available ? read_sof_log(kernel_log.lines, kernel_log.path) : SofLog{};

    if (root.source() == RootSource::report) {
        // A report carries the kernel's words but not the firmware tree: a file the kernel said
        // it could not find is the finding; anything else cannot be judged.
        std::vector<Evidence> failures;
        std::vector<std::string> names;
        for (const auto& file : log.files)
            if (file.failed) {
                failures.push_back(file.line);
                names.push_back(file.name);
            }
        if (log.not_found)
            failures.insert(failures.begin(), *log.not_found);
        if (failures.empty())
            return make_finding(Status::skip,
                                "not in the report: it holds no /lib/firmware, and its kernel log "
                                "shows no SOF firmware failure");
        Finding finding =
            make_finding(Status::fail,
                         "the kernel could not find its SOF firmware or topology" +
                             (names.empty() ? std::string() : ": " + clip(join(names, ", "), 160)),
                         std::move(failures));
        finding.detail =
            "The report does not show the firmware directory, only the kernel's "
            "lines. To repair on that machine: " +
            sof_package_hint(root) + ", then reboot.";
        return finding;
    }

    const PciDevices& pci = facts.get<PciDevices>();
    if (!pci.available)
        return make_finding(Status::skip, "no PCI devices to look at: " + pci.unavailable_reason);
    auto devices = sof_devices(pci, facts.get<LoadedModules>());
    if (devices.empty()) {
        // The drivers that do run the audio devices, so the skip shows what was looked at.
        Finding finding =
            make_finding(Status::skip, "no audio device uses Sound Open Firmware (SOF)");
        for (const auto& device : pci.devices)
            finding.with({device.sysfs_path + "/driver", 0,
                          device.address + " [" + device.ids() +
                              "]: " + (device.driver.empty() ? "no driver" : device.driver)});
        return finding;
    }
    if (!log.empty())
        return from_log(root, log, devices);

    Finding worst = make_finding(Status::pass, "");
    std::vector<std::string> unknown;
    for (const auto& device : devices) {
        if (!device.platform) {
            unknown.push_back(device.device->ids());
            continue;
        }
        Finding finding = from_table(root, device);
        if (worst.summary.empty() || severity(finding.status) > severity(worst.status))
            worst = std::move(finding);
    }
    if (worst.summary.empty()) {
        Finding finding = make_finding(
            Status::skip,
            "the SOF device " + join(unknown, ", ") +
                " is not in sndoctor's table of platforms, and the kernel's log (" +
                (kernel_log.available ? "no SOF lines" : kernel_log.unavailable_reason) +
                ") does not name its files");
        finding.evidence.push_back(devices.front().where);
        return finding;
    }
    if (!kernel_log.available && !kernel_log.unavailable_reason.empty())
        worst.detail += (worst.detail.empty() ? "" : " ") + std::string("(The kernel log: ") +
                        kernel_log.unavailable_reason + ".)";
    return worst;
}

}  // namespace

const CheckDescriptor sof_firmware = {
    .id = "firmware.sof",
    .title = "Sound Open Firmware files",
    .area = "firmware",
    .needs = {},
    .explanation =
        "Most Intel laptops since 2019 route their speakers, microphones and headphones through "
        "an audio DSP that runs Sound Open Firmware (SOF). The kernel's driver loads the DSP's "
        "firmware (intel/sof/sof-<platform>.ri, or intel/sof-ipc4/<platform>/ on newer "
        "machines) and a topology file that describes the machine's audio paths "
        "(intel/sof-tplg/, intel/sof-ace-tplg/, intel/sof-ipc4-tplg/) from /lib/firmware. These "
        "files come in a package of their own, not with the kernel; when one is missing no "
        "sound card appears and the desktop shows only \"Dummy Output\".",
    .fixes = {},
    .run = run,
};

}  // namespace sndoctor::checks
