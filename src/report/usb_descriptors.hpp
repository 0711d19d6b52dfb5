#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "core/root.hpp"
#include "report/report.hpp"

/// The "USB Descriptors" section: what alsa-info gets from `lsusb -v -s BUS:DEV` for every
/// card*/usbbus, made in-process from the binary sysfs `descriptors` file of the device and its
/// string attributes (manufacturer, product, serial, configuration, interface).
namespace sndoctor::report {

/// Names from usb.ids (vendors, products, classes, audio terminal types), as lsusb shows them.
class UsbIds {
  public:
    /// Parses the text of usb.ids; lines it does not know are skipped.
    static UsbIds parse(std::string_view text);

    std::string vendor(std::uint16_t vendor_id) const;
    std::string product(std::uint16_t vendor_id, std::uint16_t product_id) const;
    std::string device_class(std::uint8_t base) const;
    std::string subclass(std::uint8_t base, std::uint8_t sub) const;
    std::string protocol(std::uint8_t base, std::uint8_t sub, std::uint8_t protocol) const;
    std::string audio_terminal(std::uint16_t type) const;

  private:
    std::unordered_map<std::uint32_t, std::string> m_vendors;   ///< vendor id
    std::unordered_map<std::uint32_t, std::string> m_products;  ///< vendor << 16 | product
    /// level << 24 | class << 16 | subclass << 8 | protocol; level 1 names a class, 2 a
    /// subclass, 3 a protocol.
    std::unordered_map<std::uint32_t, std::string> m_classes;
    std::unordered_map<std::uint32_t, std::string> m_terminals;
};

/// One USB device as sysfs shows it.
struct UsbDevice {
    int bus = 0;
    int device = 0;
    /// The `descriptors` file: the 18-byte device descriptor, then every configuration's raw
    /// descriptors (wTotalLength bytes each).
    std::string descriptors;
    /// String descriptors sysfs carries, by their index in the descriptors (iManufacturer ->
    /// `manufacturer`, ...): lsusb would ask the device for them, which needs it opened.
    std::map<int, std::string> strings;
    /// Where `descriptors` was read, for the problems.
    std::string path;
};

/// The `lsusb -v` text of one device (the blank line and "Bus ... ID vvvv:pppp ..." line, the
/// device, configuration, interface and endpoint descriptors, and the USB Audio Class 1
/// interface and endpoint descriptors). What needs the device opened (Device Status, Device
/// Qualifier, strings sysfs does not carry) is left out. A descriptor that runs past the end of
/// the data is a problem naming the file; the text up to it is kept.
std::string lsusb_verbose(const UsbDevice& device, const UsbIds* names,
                          std::vector<ParseProblem>& problems);

/// The section for every card of /proc/asound with a `usbbus` file, the devices found by their
/// busnum/devnum under /sys/bus/usb/devices; names come from the root's usb.ids
/// (/usr/share/misc or /usr/share/hwdata) when it has one. nullopt when no card is on USB.
std::optional<Section> usb_descriptors_section(const Root& root,
                                               std::vector<ParseProblem>& problems);

}  // namespace sndoctor::report
