#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.hpp"
#include "facts/kmod_context.hpp"

namespace sndoctor {
class Facts;
struct ModprobeEntry;
struct PciDevice;
}  // namespace sndoctor

/// What pci.driver-bound finds, shared with its fix (pci.enable-driver), which acts on the same
/// review instead of reading the system a second way.
namespace sndoctor::checks {

inline constexpr std::string_view k_enable_driver_fix = "pci.enable-driver";
inline constexpr std::string_view k_enable_driver_title =
    "Let the PCI audio device's driver load (comment out its blacklist) and load it";

/// Why a PCI audio device has no driver, from the first question that has an answer.
enum class UnboundCause {
    unknown,       ///< the root has no module directory to ask (the modules cannot be looked up)
    no_module,     ///< no module of the running release claims the device's modalias
    probe_failed,  ///< a module that claims it is loaded or built in, yet none is bound
    disabled,      ///< every module that claims it is blacklisted or has a refusing install line
    not_loaded,    ///< a module that claims it exists and may load, but is not loaded
};

/// A module that claims an unbound device.
struct Claimant {
    std::string module;  ///< kmod's form ("snd_hda_intel")
    ModuleLocation location = ModuleLocation::file;
    std::optional<Evidence> loaded;  ///< its /proc/modules line (or sysfs entry) when loaded
    /// The `blacklist` and refusing `install` lines that keep udev (or modprobe) from loading it.
    std::vector<const ModprobeEntry*> disabling;
};

/// One PCI audio device without a driver, and why.
struct UnboundDevice {
    const PciDevice* device = nullptr;
    std::string modalias;  ///< "pci:v00008086d00002668sv...": what udev asks modprobe for
    Evidence modalias_where;
    UnboundCause cause = UnboundCause::unknown;
    std::vector<Claimant> claimants;  ///< in kmod's order

    /// The claimants the fix would load: for `disabled` the disabled ones, for `not_loaded`
    /// the ones that are free to load (a driver blacklisted beside them stays so).
    std::vector<const Claimant*> to_load() const;
};

/// Every PCI audio device of the root and, for those without a driver, why.
struct DriverReview {
    /// Why the devices could not be listed (the check then skips); empty when they were.
    std::string unavailable_reason;
    std::vector<const PciDevice*> bound;
    std::vector<UnboundDevice> unbound;
};

/// Reads the devices, their modaliases, the modules that claim them and the modprobe
/// configuration. Pointers are into the run's facts.
DriverReview review_pci_drivers(Facts& facts);

/// Whether a modprobe.d `install` command makes its module impossible to load
/// (`install snd_hda_intel /bin/false`, the other way to disable a driver than a blacklist).
bool refuses_to_load(const ModprobeEntry& entry);

}  // namespace sndoctor::checks
