#include "facts/pci_devices.hpp"

#include <fcntl.h>

extern "C" {
#include <pci/pci.h>
}

#include <algorithm>
#include <cctype>
#include <csetjmp>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>

#include "core/root.hpp"
#include "core/text.hpp"
#include "core/unique_fd.hpp"
#include "facts/facts.hpp"
#include "facts/udev_hwdb_names.hpp"

namespace sndoctor {

std::string PciDevice::ids() const {
    char text[16];
    std::snprintf(text, sizeof text, "%04x:%04x", vendor_id, device_id);
    return text;
}

std::vector<const PciDevice*> PciDevices::of_class(
    std::initializer_list<PciAudioClass> classes) const {
    std::vector<const PciDevice*> found;
    for (const auto& device : devices)
        if (std::find(classes.begin(), classes.end(), device.device_class) != classes.end())
            found.push_back(&device);
    return found;
}

namespace {

constexpr PciAudioClass k_audio_classes[] = {PciAudioClass::audio, PciAudioClass::hd_audio,
                                             PciAudioClass::other};

/// Where the pci.ids of a root may live (Debian and Gentoo use the first, Fedora the second).
constexpr const char* k_pci_ids_paths[] = {"/usr/share/misc/pci.ids", "/usr/share/hwdata/pci.ids"};

/// libpci reads sysfs attributes into a 1024-byte buffer and gives up (an error) on longer ones.
constexpr std::size_t k_attribute_max = 1023;
/// What the root may read of one: sysfs says every attribute is a page long (4 KiB, 64 KiB on
/// some machines) whatever it holds, and the root refuses files that claim more than the cap.
constexpr std::size_t k_attribute_read_cap = 64 * 1024;

/// The files libpci opens for every device when asked for its identity and class; it stops with
/// an error when one is missing, so the scan makes sure they are there first.
constexpr const char* k_mandatory_attributes[] = {"vendor", "device", "class"};
/// Read when present (libpci falls back to the config space, with a warning, when they are not).
constexpr const char* k_optional_attributes[] = {"subsystem_vendor", "subsystem_device"};

// libpci reports trouble through callbacks without a context argument, and its error callback
// must not return: the library is built with it marked noreturn and does not clean up after it
// (its default prints and calls exit). So the scan checks the tree first, which makes an error
// unreachable for any tree it accepts, and the error callback is the last resort for what that
// cannot foresee (a malformed pci.ids): it records the message and jumps back to the guarded call,
// which then fails cleanly. Only libpci's C frames and a lambda holding no objects with
// destructors lie between, so no destructor is skipped; what libpci had open at that moment leaks.
struct LibpciSession {
    std::jmp_buf on_error;
    char error[512] = {};
    std::vector<std::string> warnings;
};

thread_local LibpciSession* t_session = nullptr;

// The GNU attribute, not [[noreturn]]: libpci's callback type carries it, and clang checks
// that the function's type does too.
__attribute__((noreturn)) void on_libpci_error(char* format, ...) {
    va_list args;
    va_start(args, format);
    std::vsnprintf(t_session->error, sizeof t_session->error, format, args);
    va_end(args);
    std::longjmp(t_session->on_error, 1);
}

void on_libpci_warning(char* format, ...) {
    char text[512];
    va_list args;
    va_start(args, format);
    std::vsnprintf(text, sizeof text, format, args);
    va_end(args);
    t_session->warnings.emplace_back(text);
}

void on_libpci_debug(char*, ...) {}

/// Runs `step`, plain calls into libpci, and says whether it got through without an error.
/// `step` must hold no object with a destructor while it calls libpci (see LibpciSession).
template <class Step>
bool guarded(LibpciSession& session, const Step& step) {
    if (setjmp(session.on_error) != 0)
        return false;
    step();
    return true;
}

/// Makes the session the one the callbacks report to, for the length of a scan or a lookup.
class SessionScope {
  public:
    explicit SessionScope(LibpciSession& session) : m_previous(t_session) { t_session = &session; }
    ~SessionScope() { t_session = m_previous; }
    SessionScope(const SessionScope&) = delete;
    SessionScope& operator=(const SessionScope&) = delete;

  private:
    LibpciSession* m_previous;
};

struct AccessDeleter {
    void operator()(pci_access* access) const {
        // Cleaning up runs outside any scan, but the callbacks still need a session to report to.
        LibpciSession session;
        SessionScope scope(session);
        guarded(session, [&] { pci_cleanup(access); });
    }
};
using AccessPtr = std::unique_ptr<pci_access, AccessDeleter>;

/// "0000:00:1f.3", as the kernel names PCI functions in sysfs (domain:bus:device.function), with
/// the domain in the range libpci accepts.
bool is_pci_address(std::string_view name) {
    auto hex = [](std::string_view part, std::size_t min, std::size_t max) {
        return part.size() >= min && part.size() <= max &&
               std::all_of(part.begin(), part.end(),
                           [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
    };
    auto colon = name.find(':');
    auto second = colon == std::string_view::npos ? colon : name.find(':', colon + 1);
    auto dot = second == std::string_view::npos ? second : name.find('.', second + 1);
    if (dot == std::string_view::npos || dot + 2 != name.size())
        return false;
    std::string_view domain = name.substr(0, colon);
    auto domain_value = parse_int("0x" + std::string(domain));
    return hex(domain, 4, 8) && domain_value && *domain_value <= 0x7fffffff &&
           hex(name.substr(colon + 1, second - colon - 1), 2, 2) &&
           hex(name.substr(second + 1, dot - second - 1), 2, 2) && name[dot + 1] >= '0' &&
           name[dot + 1] <= '7';
}

/// libpci opens the root's sysfs path joined by plain string, links resolved by the host.
/// Whether that reaches the same file as the root's own resolution of `path` (under
/// sys/bus/pci): it does not when a link there leads out of the root, which the kernel tells
/// without looking outside (leads_out_of).
bool libpci_sees_the_root(const Root& root, const std::string& host_sysfs, std::string_view path) {
    auto top = root.host_path("/");
    if (top && *top == "/")
        return true;  // "/" has no outside to lead to
    if (!top || !host_sysfs.starts_with(*top + "/"))
        return false;
    UniqueFd top_fd(::open(top->c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    std::string relative = host_sysfs.substr(top->size() + 1) +
                           std::string(path.substr(std::strlen(PciDevices::k_sysfs_dir)));
    return top_fd && !leads_out_of(top_fd.get(), relative);
}

/// Everything libpci will stop on with an error, checked through the root; the reason when the
/// tree is not one libpci can scan.
std::optional<std::string> unscannable(const Root& root, const std::string& host_sysfs) {
    // The running kernel's own sysfs needs no vetting: nothing leads out of "/", and its
    // attributes are what libpci is written for (reading them twice would only cost a report
    // some hundred system calls).
    bool live = root.source() == RootSource::live;
    for (const auto& entry : root.list(PciDevices::k_devices_dir)) {
        if (entry.name.front() == '.')
            continue;  // libpci skips these too
        std::string dir = join_path(PciDevices::k_devices_dir, entry.name);
        if (!is_pci_address(entry.name))
            return dir + " is not named as a PCI function (domain:bus:device.function)";
        if (live)
            continue;
        if (!libpci_sees_the_root(root, host_sysfs, dir))
            return dir + " is a link that leads out of the root";
        for (const char* attribute : k_mandatory_attributes) {
            std::string path = join_path(dir, attribute);
            std::optional<std::string> text;
            try {
                text = root.read(path, k_attribute_read_cap);
            } catch (const InputError& e) {
                return path + ": " + e.reason();
            }
            if (!text)
                return path + " is missing";
            if (text->size() > k_attribute_max)
                return path + " is longer than the " + std::to_string(k_attribute_max) +
                       " bytes libpci reads";
            if (!libpci_sees_the_root(root, host_sysfs, path))
                return path + " is a link that leads out of the root";
        }
        for (const char* attribute : k_optional_attributes) {
            std::string path = join_path(dir, attribute);
            if (!libpci_sees_the_root(root, host_sysfs, path))
                return path + " is a link that leads out of the root";
        }
    }
    return std::nullopt;
}

/// A libpci message names host paths; evidence names paths inside the root.
std::string in_root_terms(std::string message, const std::string& host_path,
                          std::string_view in_root) {
    for (auto at = message.find(host_path); at != std::string::npos;
         at = message.find(host_path, at + in_root.size()))
        message.replace(at, host_path.size(), in_root);
    return clip(trim(message));
}

bool is_audio_class(unsigned device_class) {
    return std::any_of(std::begin(k_audio_classes), std::end(k_audio_classes),
                       [&](PciAudioClass c) { return static_cast<unsigned>(c) == device_class; });
}

std::string address_of(const pci_dev* dev) {
    char text[32];
    std::snprintf(text, sizeof text, "%04x:%02x:%02x.%d", static_cast<unsigned>(dev->domain),
                  dev->bus, dev->dev, dev->func);
    return text;
}

}  // namespace

/// libpci kept after the scan for the names, which it reads from pci.ids on the first lookup;
/// on the live system udev's hwdb is asked first (udev_hwdb_names.hpp says why).
class PciNameSource {
  public:
    /// `root_ids` is the in-root path of the root's own pci.ids; empty when libpci reads its own.
    PciNameSource(AccessPtr access, std::string root_ids, std::unique_ptr<UdevHwdbNames> hwdb)
        : m_access(std::move(access)), m_root_ids(std::move(root_ids)), m_hwdb(std::move(hwdb)) {}

    PciNames look_up(std::uint16_t vendor_id, std::uint16_t device_id) {
        if (m_hwdb) {
            auto names = m_hwdb->look_up(vendor_id, device_id);
            if (!names.vendor.empty() && !names.device.empty())
                return {std::move(names.vendor), std::move(names.device)};
        }
        if (m_problem)
            return {};
        constexpr int flags = PCI_LOOKUP_NO_NUMBERS | PCI_LOOKUP_NO_HWDB;
        LibpciSession session;
        SessionScope scope(session);
        pci_access* access = m_access.get();
        char vendor[256];
        char device[256];
        const char* vendor_found = nullptr;
        const char* device_found = nullptr;
        bool ok = guarded(session, [&] {
            vendor_found = pci_lookup_name(access, vendor, sizeof vendor, flags | PCI_LOOKUP_VENDOR,
                                           vendor_id);
            device_found = pci_lookup_name(access, device, sizeof device, flags | PCI_LOOKUP_DEVICE,
                                           vendor_id, device_id);
        });
        if (!ok) {
            // libpci may have changed the file name (pci.ids.gz → pci.ids): ask it which it read.
            std::string read = access->id_file_name;
            std::string path = m_root_ids.empty() ? read : m_root_ids;
            m_problem = ParseProblem{
                path, 0, "libpci cannot use it: " + in_root_terms(session.error, read, path)};
            return {};
        }
        return {vendor_found ? vendor_found : "", device_found ? device_found : ""};
    }

    const std::optional<ParseProblem>& problem() const { return m_problem; }

  private:
    AccessPtr m_access;
    std::string m_root_ids;
    std::unique_ptr<UdevHwdbNames> m_hwdb;  ///< the live system's only
    std::optional<ParseProblem> m_problem;
};

PciNames PciDevices::names(const PciDevice& device) const {
    return m_names ? m_names->look_up(device.vendor_id, device.device_id) : PciNames{};
}

std::string PciDevices::name(const PciDevice& device) const {
    PciNames found = names(device);
    std::string named = found.vendor;
    if (!found.device.empty())
        named += (named.empty() ? "" : " ") + found.device;
    return named.empty() ? "[" + device.ids() + "]" : named + " [" + device.ids() + "]";
}

std::optional<ParseProblem> PciDevices::names_problem() const {
    return m_names ? m_names->problem() : std::nullopt;
}

PciDevices PciDevices::scan(const Root& root) {
    PciDevices found;
    if (!root.host_path("/")) {
        found.unavailable_reason = "PCI devices are not available in this source";
        return found;
    }
    auto host_sysfs = root.host_path(k_sysfs_dir);
    if (!host_sysfs || !root.is_dir(k_devices_dir)) {
        found.unavailable_reason = std::string("there is no ") + k_devices_dir + " in this root";
        return found;
    }
    if (auto reason = unscannable(root, *host_sysfs)) {
        found.unavailable_reason = "libpci cannot scan it: " + *reason;
        return found;
    }

    LibpciSession session;
    SessionScope scope(session);
    AccessPtr access(pci_alloc());
    access->error = on_libpci_error;
    access->warning = on_libpci_warning;
    access->debug = on_libpci_debug;
    access->method = PCI_ACCESS_SYS_BUS_PCI;
    // No lookups in the cache under $HOME, in udev's hwdb or on the network: names come from
    // pci.ids alone, the same for every run of the same root.
    access->id_lookup_mode = 0;
    pci_set_param(access.get(), const_cast<char*>("sysfs.path"), host_sysfs->data());
    std::string root_ids;
    for (const char* candidate : k_pci_ids_paths) {
        if (auto host_ids = root.host_path(candidate)) {
            pci_set_name_list_path(access.get(), ::strdup(host_ids->c_str()), 1);
            root_ids = candidate;
            break;
        }
    }

    pci_access* raw = access.get();
    bool scanned = guarded(session, [&] {
        pci_init(raw);
        pci_scan_bus(raw);
        for (pci_dev* dev = raw->devices; dev != nullptr; dev = dev->next) {
            pci_fill_info(dev, PCI_FILL_IDENT | PCI_FILL_CLASS);
            if (is_audio_class(dev->device_class))
                pci_fill_info(dev, PCI_FILL_SUBSYS | PCI_FILL_DRIVER);
        }
    });
    for (const auto& warning : session.warnings)
        found.problems.push_back(
            {k_sysfs_dir, 0, in_root_terms(warning, *host_sysfs, k_sysfs_dir)});
    session.warnings.clear();
    if (!scanned) {
        found.unavailable_reason =
            "libpci cannot scan it: " + in_root_terms(session.error, *host_sysfs, k_sysfs_dir);
        return found;
    }

    found.available = true;
    for (pci_dev* dev = raw->devices; dev != nullptr; dev = dev->next) {
        if (!is_audio_class(dev->device_class))
            continue;
        PciDevice device;
        device.address = address_of(dev);
        device.sysfs_path = join_path(k_devices_dir, device.address);
        device.vendor_id = dev->vendor_id;
        device.device_id = dev->device_id;
        device.device_class = static_cast<PciAudioClass>(dev->device_class);
        if (dev->known_fields & PCI_FILL_SUBSYS) {
            device.subsystem_vendor_id = dev->subsys_vendor_id;
            device.subsystem_device_id = dev->subsys_id;
        }
        if (const char* driver = pci_get_string_property(dev, PCI_FILL_DRIVER))
            device.driver = driver;
        found.devices.push_back(std::move(device));
    }
    std::sort(found.devices.begin(), found.devices.end(),
              [](const PciDevice& a, const PciDevice& b) { return a.address < b.address; });

    found.m_names = std::make_shared<PciNameSource>(
        std::move(access), std::move(root_ids),
        root.source() == RootSource::live ? UdevHwdbNames::open() : nullptr);
    return found;
}

PciDevices PciDevices::load(Facts& facts) {
    return scan(facts.root());
}

}  // namespace sndoctor
