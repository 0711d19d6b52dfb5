#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace sndoctor {

class Facts;
class Root;

/// The PCI classes of sound hardware (class << 8 | subclass, as libpci's device_class holds it).
enum class PciAudioClass : std::uint16_t {
    audio = 0x0401,     ///< "Multimedia audio controller" (Intel DSPs that need SOF say so too)
    hd_audio = 0x0403,  ///< "Audio device": an HD-Audio controller
    other = 0x0480,     ///< "Multimedia controller": a few DSPs announce themselves so
};

/// One PCI function of an audio class, as the kernel shows it in sys/bus/pci/devices/<address>.
struct PciDevice {
    std::string address;     ///< "0000:00:1f.3"
    std::string sysfs_path;  ///< "/sys/bus/pci/devices/0000:00:1f.3", inside the root
    std::uint16_t vendor_id = 0;
    std::uint16_t device_id = 0;
    PciAudioClass device_class = PciAudioClass::hd_audio;
    std::uint16_t subsystem_vendor_id = 0;  ///< 0 when the kernel does not say
    std::uint16_t subsystem_device_id = 0;
    std::string driver;  ///< the bound driver ("snd_hda_intel"); empty when none is bound

    /// "8086:a348"
    std::string ids() const;
};

/// What pci.ids calls a device; empty parts when it does not know them.
struct PciNames {
    std::string vendor;  ///< "Intel Corporation"
    std::string device;  ///< "Cannon Lake PCH cAVS"
};

class PciNameSource;

/// The PCI audio devices of the root, read with libpci from the root's sys/bus/pci (never the
/// host's) and named from pci.ids: the root's usr/share/misc/pci.ids or usr/share/hwdata/pci.ids
/// when it has one, else the library's own (names are data; the devices are the root's). On the
/// live system udev's hwdb names them first, and pci.ids only what it does not know.
struct PciDevices {
    static constexpr const char* k_sysfs_dir = "/sys/bus/pci";
    static constexpr const char* k_devices_dir = "/sys/bus/pci/devices";

    bool available = false;
    std::string unavailable_reason;      ///< why there are no devices when `available` is false
    std::vector<PciDevice> devices;      ///< audio-class devices, sorted by address
    std::vector<ParseProblem> problems;  ///< what libpci warned about; a pci.ids it could not use

    /// The devices of any of these classes.
    std::vector<const PciDevice*> of_class(std::initializer_list<PciAudioClass> classes) const;

    /// The names pci.ids gives the device. pci.ids (some 1.3 MB) is read on the first call only:
    /// reading it costs more than the whole scan, and most runs never show a device.
    PciNames names(const PciDevice& device) const;
    /// "Intel Corporation Cannon Lake PCH cAVS [8086:a348]", or "[8086:a348]" without names.
    std::string name(const PciDevice& device) const;
    /// Why there are no names, once one was asked for: a pci.ids libpci could not use.
    std::optional<ParseProblem> names_problem() const;

    static PciDevices load(Facts& facts);
    /// Scans the root's PCI bus. A root that lives in memory (a report) has none to scan.
    static PciDevices scan(const Root& root);

  private:
    std::shared_ptr<PciNameSource> m_names;  ///< libpci, kept for the names; null when unavailable
};

}  // namespace sndoctor
