// pci.enable-driver: give a PCI audio device without a driver the driver that claims it, for the
// two causes a user can take back without building a kernel: the modprobe configuration
// blacklists the driver (or replaces its loading with /bin/false), or it was never loaded.
#include <algorithm>
#include <chrono>
#include <thread>

#include "checks/driver_bound.hpp"
#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "facts/modprobe_config.hpp"
#include "facts/pci_devices.hpp"
#include "fixes/fixes.hpp"
#include "fixes/sndoctor_conf.hpp"

namespace sndoctor::fixes {

namespace {

using checks::UnboundCause;

/// How long a device may take to be bound after modprobe returns. PCI drivers probe while they
/// register, so it is at once unless the kernel defers the probe (a driver waiting on another).
constexpr auto k_bind_timeout = std::chrono::seconds(15);

void plan(Facts& facts, const Result&, PlanBuilder& builder) {
    const bool live = builder.root().source() == RootSource::live;
    auto review = checks::review_pci_drivers(facts);
    if (!review.unavailable_reason.empty())
        throw InputError(PciDevices::k_devices_dir, review.unavailable_reason);

    std::vector<std::string> load;
    std::vector<std::string> devices;
    const ModprobeEntry* first_disabling = nullptr;
    for (const auto& u : review.unbound) {
        if (u.cause != UnboundCause::disabled && u.cause != UnboundCause::not_loaded)
            continue;
        if (u.cause == UnboundCause::disabled)
            for (const auto& claimant : u.claimants)
                for (const auto* entry : claimant.disabling) {
                    // A second device of the same driver finds the line already commented out
                    // (disable() leaves lines it switched off alone).
                    sndoctor_conf::disable(
                        builder, *entry,
                        "it keeps " + claimant.module + " from driving " + u.device->address);
                    if (first_disabling == nullptr)
                        first_disabling = entry;
                }
        for (const auto* claimant : u.to_load())
            if (std::find(load.begin(), load.end(), claimant->module) == load.end())
                load.push_back(claimant->module);
        devices.push_back(u.device->address);
    }
    if (devices.empty())
        throw InputError(PciDevices::k_devices_dir,
                         "has no audio device whose driver is blacklisted or merely not loaded; "
                         "the check's detail says what the other causes need");
    if (load.empty())
        return;
    if (!live) {
        if (first_disabling == nullptr)
            throw InputError(builder.root().origin(),
                             "is a copy of a system, and loading a driver acts on the running "
                             "kernel only: run the fix there without --root");
        builder.manual_step("Load the driver on the running system: sudo modprobe -a " +
                            join(load, " ") + " (or reboot: udev loads it by the modalias).");
        return;
    }
    std::vector<std::string> command = {"modprobe", "-a"};
    command.insert(command.end(), load.begin(), load.end());
    // No undo command: unloading would fail while a program holds the new card, and the
    // journal's undo puts the configuration back, which takes effect at the next boot.
    builder.run_command(std::move(command), {},
                        "Load " + join(load, ", ") + " for " + join(devices, ", ") +
                            " (undo restores the configuration; the driver stays loaded until "
                            "the next boot or modprobe -r)");
}

/// Waits until every device the plan was for has a driver.
std::string wait_for_binding(Facts& before) {
    const Root& root = before.root();
    if (root.source() != RootSource::live)
        return {};  // nothing was loaded: on a copy the plan only edits files
    auto review = checks::review_pci_drivers(before);
    std::vector<std::string> waiting;
    for (const auto& u : review.unbound)
        if (u.cause == UnboundCause::disabled || u.cause == UnboundCause::not_loaded)
            waiting.push_back(join_path(u.device->sysfs_path, "driver"));
    auto deadline = std::chrono::steady_clock::now() + k_bind_timeout;
    for (;;) {
        waiting.erase(std::remove_if(waiting.begin(), waiting.end(),
                                     [&](const std::string& link) { return root.exists(link); }),
                      waiting.end());
        if (waiting.empty() || std::chrono::steady_clock::now() >= deadline)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (waiting.empty())
        return {};
    return "After " + std::to_string(k_bind_timeout.count()) + " s there is still no " +
           join(waiting, ", ") +
           ": the driver loaded but did not take the device (dmesg says why).";
}

}  // namespace

const FixDefinition enable_pci_driver = {
    .id = checks::k_enable_driver_fix,
    .check_id = "pci.driver-bound",
    .title = checks::k_enable_driver_title,
    .needs_root = true,
    .plan = plan,
    .after_apply = wait_for_binding,
};

}  // namespace sndoctor::fixes
