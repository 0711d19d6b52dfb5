#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

struct udev;
struct udev_hwdb;

namespace sndoctor {

/// PCI names from udev's hardware database (hwdb.bin) of this machine: pci.ids compiled into an
/// index that answers one device at a time. libpci instead loads the whole 1.3 MB pci.ids on its
/// first look-up, some 20 ms, more than the rest of `sndoctor report`. The database is the
/// host's, so only the live system's names may come from it.
class UdevHwdbNames {
  public:
    /// nullptr when this machine has no hwdb.bin (a container, a system without udev).
    static std::unique_ptr<UdevHwdbNames> open();

    struct Names {
        std::string vendor;  ///< "Intel Corporation"; empty when the database does not know it
        std::string device;  ///< "82801I (ICH9 Family) HD Audio Controller"
    };
    /// What the database says of a PCI vendor and device (its `pci:vXXXXXXXXdXXXXXXXX` entry).
    Names look_up(std::uint16_t vendor_id, std::uint16_t device_id) const;

    ~UdevHwdbNames();
    UdevHwdbNames(const UdevHwdbNames&) = delete;
    UdevHwdbNames& operator=(const UdevHwdbNames&) = delete;

  private:
    UdevHwdbNames(udev* context, udev_hwdb* hwdb) : m_udev(context), m_hwdb(hwdb) {}

    udev* m_udev;
    udev_hwdb* m_hwdb;
};

}  // namespace sndoctor
