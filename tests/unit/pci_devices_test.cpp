// PciDevices: libpci pointed at a fixture tree's sys/bus/pci, never at the host's.
#include "facts/pci_devices.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/root.hpp"
#include "temp_dir.hpp"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

namespace sndoctor {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

constexpr const char* k_pci_ids =
    "# a small pci.ids, in the format of the PCI ID Repository\n"
    "8086  Intel Corporation\n"
    "\t9d70  Sunrise Point-LP HD Audio\n"
    "\ta348  Cannon Lake PCH cAVS\n"
    "10de  NVIDIA Corporation\n"
    "\t0fbc  GM107 High Definition Audio Controller [GeForce 940MX]\n";

struct Attributes {
    std::string vendor;
    std::string device;
    std::string device_class;
    std::string driver;  ///< empty: no driver link
};

class PciDevicesTest : public ::testing::Test {
  protected:
    /// A PCI function as the kernel shows it: one directory of attribute files and a driver link
    /// (relative, as in a real sysfs; the driver's directory exists, as libpci resolves the link).
    void add_device(const std::string& address, const Attributes& a) {
        std::string dir = "sys/bus/pci/devices/" + address + "/";
        m_dir.write(dir + "vendor", a.vendor + "\n");
        m_dir.write(dir + "device", a.device + "\n");
        m_dir.write(dir + "class", a.device_class + "\n");
        m_dir.write(dir + "subsystem_vendor", "0x17aa\n");
        m_dir.write(dir + "subsystem_device", "0x2245\n");
        if (!a.driver.empty()) {
            m_dir.write("sys/bus/pci/drivers/" + a.driver + "/bind", "");
            fs::create_symlink("../../../../bus/pci/drivers/" + a.driver,
                               m_dir.path() / dir / "driver");
        }
    }
    void add_typical_laptop() {
        add_device("0000:00:00.0", {"0x8086", "0x1904", "0x060000", "skl_uncore"});
        add_device("0000:01:00.1", {"0x10de", "0x0fbc", "0x040300", ""});
        add_device("0000:00:1f.3", {"0x8086", "0x9d70", "0x040300", "snd_hda_intel"});
        m_dir.write("usr/share/misc/pci.ids", k_pci_ids);
    }
    PciDevices scan() {
        auto root = open_dir_root(m_dir.path().string(), RootSource::dir);
        return PciDevices::scan(*root);
    }

    TempDir m_dir;
};

TEST_F(PciDevicesTest, FindsTheAudioDevicesWithIdsDriversAndNames) {
    add_typical_laptop();
    auto pci = scan();
    ASSERT_TRUE(pci.available) << pci.unavailable_reason;
    ASSERT_EQ(pci.devices.size(), 2u);  // the host bridge (class 0x0600) is not audio
    const PciDevice& hda = pci.devices[0];
    EXPECT_EQ(hda.address, "0000:00:1f.3");
    EXPECT_EQ(hda.sysfs_path, "/sys/bus/pci/devices/0000:00:1f.3");
    EXPECT_EQ(hda.vendor_id, 0x8086);
    EXPECT_EQ(hda.device_id, 0x9d70);
    EXPECT_EQ(hda.device_class, PciAudioClass::hd_audio);
    EXPECT_EQ(hda.subsystem_vendor_id, 0x17aa);
    EXPECT_EQ(hda.subsystem_device_id, 0x2245);
    EXPECT_EQ(hda.driver, "snd_hda_intel");
    EXPECT_EQ(pci.names(hda).vendor, "Intel Corporation");
    EXPECT_EQ(pci.names(hda).device, "Sunrise Point-LP HD Audio");
    EXPECT_EQ(pci.name(hda), "Intel Corporation Sunrise Point-LP HD Audio [8086:9d70]");
    const PciDevice& hdmi = pci.devices[1];
    EXPECT_EQ(hdmi.address, "0000:01:00.1");
    EXPECT_EQ(hdmi.driver, "");
    EXPECT_EQ(pci.names(hdmi).device, "GM107 High Definition Audio Controller [GeForce 940MX]");
    EXPECT_TRUE(pci.problems.empty());
    EXPECT_FALSE(pci.names_problem());
}

TEST_F(PciDevicesTest, SelectsByClass) {
    add_device("0000:00:1f.3", {"0x8086", "0xa348", "0x040100", "sof-audio-pci-intel-cnl"});
    add_device("0000:00:1f.4", {"0x8086", "0xa349", "0x048000", ""});
    add_device("0000:00:1f.5", {"0x8086", "0xa34a", "0x040380", ""});
    auto pci = scan();
    ASSERT_EQ(pci.devices.size(), 3u);
    EXPECT_EQ(pci.devices[0].device_class, PciAudioClass::audio);
    EXPECT_EQ(pci.devices[0].driver, "sof-audio-pci-intel-cnl");
    EXPECT_EQ(pci.devices[1].device_class, PciAudioClass::other);
    EXPECT_EQ(pci.devices[2].device_class, PciAudioClass::hd_audio);  // prog-if 0x80 ignored
    auto sound = pci.of_class({PciAudioClass::hd_audio, PciAudioClass::audio});
    ASSERT_EQ(sound.size(), 2u);
    EXPECT_EQ(sound[0]->address, "0000:00:1f.3");
    EXPECT_EQ(sound[1]->address, "0000:00:1f.5");
}

TEST_F(PciDevicesTest, NamesFallBackToTheNumbersWhenPciIdsDoesNotKnowThem) {
    add_device("0000:00:1f.3", {"0x8086", "0x1234", "0x040300", ""});
    add_device("0000:02:00.0", {"0x1af4", "0x1059", "0x040300", ""});
    m_dir.write("usr/share/hwdata/pci.ids", k_pci_ids);  // Fedora's place is read too
    auto pci = scan();
    ASSERT_EQ(pci.devices.size(), 2u);
    EXPECT_EQ(pci.name(pci.devices[0]), "Intel Corporation [8086:1234]");
    EXPECT_EQ(pci.name(pci.devices[1]), "[1af4:1059]");
}

TEST_F(PciDevicesTest, ADanglingDriverLinkIsNoDriver) {
    add_device("0000:00:1f.3", {"0x8086", "0x9d70", "0x040300", ""});
    fs::create_symlink("../../../../bus/pci/drivers/gone",
                       m_dir.path() / "sys/bus/pci/devices/0000:00:1f.3/driver");
    auto pci = scan();
    ASSERT_EQ(pci.devices.size(), 1u);
    EXPECT_EQ(pci.devices[0].driver, "");
}

TEST_F(PciDevicesTest, LinkedDeviceDirectoriesAsInARealSysfs) {
    // /sys/bus/pci/devices/<address> is a relative link into /sys/devices on a real system.
    std::string real = "sys/devices/pci0000:00/0000:00:1f.3/";
    m_dir.write(real + "vendor", "0x8086\n");
    m_dir.write(real + "device", "0x9d70\n");
    m_dir.write(real + "class", "0x040300\n");
    fs::create_directories(m_dir.path() / "sys/bus/pci/devices");
    fs::create_symlink("../../../devices/pci0000:00/0000:00:1f.3",
                       m_dir.path() / "sys/bus/pci/devices/0000:00:1f.3");
    auto pci = scan();
    ASSERT_TRUE(pci.available) << pci.unavailable_reason;
    ASSERT_EQ(pci.devices.size(), 1u);
    EXPECT_EQ(pci.devices[0].device_id, 0x9d70);
}

TEST_F(PciDevicesTest, AnAbsoluteLinkThatLibpciWouldFollowOutOfTheRootIsRefused) {
    // The root resolves /sys/devices/... inside the tree; libpci, opening host paths, would
    // read the host's /sys. The scan refuses rather than mix the two.
    std::string real = "sys/devices/pci0000:00/0000:00:1f.3/";
    m_dir.write(real + "vendor", "0x8086\n");
    m_dir.write(real + "device", "0x9d70\n");
    m_dir.write(real + "class", "0x040300\n");
    fs::create_directories(m_dir.path() / "sys/bus/pci/devices");
    fs::create_symlink("/sys/devices/pci0000:00/0000:00:1f.3",
                       m_dir.path() / "sys/bus/pci/devices/0000:00:1f.3");
    auto pci = scan();
    EXPECT_FALSE(pci.available);
    EXPECT_NE(pci.unavailable_reason.find("leads out of the root"), std::string::npos)
        << pci.unavailable_reason;
    EXPECT_NE(pci.unavailable_reason.find("/sys/bus/pci/devices/0000:00:1f.3"), std::string::npos);
}

TEST_F(PciDevicesTest, ARootInMemoryHasNoPciDevices) {
    MemoryRoot root("report.txt");
    root.add_file("/sys/bus/pci/devices/0000:00:1f.3/vendor", "0x8086\n");
    auto pci = PciDevices::scan(root);
    EXPECT_FALSE(pci.available);
    EXPECT_EQ(pci.unavailable_reason, "PCI devices are not available in this source");
}

TEST_F(PciDevicesTest, ATreeWithoutSysfsSaysSo) {
    m_dir.write("proc/asound/cards", "--- no soundcards ---\n");
    auto pci = scan();
    EXPECT_FALSE(pci.available);
    EXPECT_EQ(pci.unavailable_reason, "there is no /sys/bus/pci/devices in this root");
}

TEST_F(PciDevicesTest, AMissingAttributeStopsTheScanWithoutEndingTheProcess) {
    // libpci's own error handler would print and exit here.
    add_typical_laptop();
    fs::remove(m_dir.path() / "sys/bus/pci/devices/0000:01:00.1/device");
    auto pci = scan();
    EXPECT_FALSE(pci.available);
    EXPECT_NE(pci.unavailable_reason.find("/sys/bus/pci/devices/0000:01:00.1/device is missing"),
              std::string::npos)
        << pci.unavailable_reason;
}

TEST_F(PciDevicesTest, AnEntryThatIsNoPciAddressStopsTheScan) {
    add_typical_laptop();
    m_dir.write("sys/bus/pci/devices/not-a-device/vendor", "0x8086\n");
    auto pci = scan();
    EXPECT_FALSE(pci.available);
    EXPECT_NE(
        pci.unavailable_reason.find("/sys/bus/pci/devices/not-a-device is not named as a PCI"),
        std::string::npos)
        << pci.unavailable_reason;
}

TEST_F(PciDevicesTest, AnOversizedAttributeStopsTheScan) {
    add_typical_laptop();
    m_dir.write("sys/bus/pci/devices/0000:00:1f.3/class", "0x040300" + std::string(4096, ' '));
    auto pci = scan();
    EXPECT_FALSE(pci.available);
    EXPECT_NE(pci.unavailable_reason.find("/sys/bus/pci/devices/0000:00:1f.3/class"),
              std::string::npos)
        << pci.unavailable_reason;
}

TEST_F(PciDevicesTest, BinaryOrTruncatedAttributesReadAsNoAudioDevice) {
    add_device("0000:00:1f.3", {"0x8086", "0x9d70", std::string("\x7f\x45\x4c\x46\x00", 5), ""});
    add_device("0000:00:1f.4", {"0x8086", "0x9d70", "", ""});
    add_device("0000:00:1f.5", {"", "", "0x040300", ""});
    auto pci = scan();
    ASSERT_TRUE(pci.available) << pci.unavailable_reason;
    ASSERT_EQ(pci.devices.size(), 1u);  // only the one whose class is an audio class
    EXPECT_EQ(pci.devices[0].address, "0000:00:1f.5");
    EXPECT_EQ(pci.devices[0].ids(), "0000:0000");
}

TEST_F(PciDevicesTest, MissingSubsystemIdsAreAWarningFromLibpciInRootTerms) {
    add_device("0000:00:1f.3", {"0x8086", "0x9d70", "0x040300", "snd_hda_intel"});
    fs::remove(m_dir.path() / "sys/bus/pci/devices/0000:00:1f.3/subsystem_vendor");
    auto pci = scan();
    ASSERT_EQ(pci.devices.size(), 1u);
    EXPECT_EQ(pci.devices[0].driver, "snd_hda_intel");
    for (const auto& problem : pci.problems) {
        EXPECT_EQ(problem.path, "/sys/bus/pci");
        EXPECT_EQ(problem.reason.find(m_dir.path().string()), std::string::npos)
            << "a host path in: " << problem.reason;
    }
}

/// A pci.ids that libpci cannot parse makes its error handler run; the scan keeps the devices
/// and reports the file. libpci leaks the stream it had open then (it expects to exit), so the
/// leak checker is told to look away for this call.
std::string name_with_libpci_leaking(const PciDevices& pci, const PciDevice& device) {
#if defined(__SANITIZE_ADDRESS__)
    __lsan::ScopedDisabler leaks_expected;
#endif
    return pci.name(device);
}

TEST_F(PciDevicesTest, ABinaryPciIdsCostsTheNamesOnly) {
    add_typical_laptop();
    m_dir.write("usr/share/misc/pci.ids", std::string("\x1f\x8b\x08\x00\xff\xfe\x00\x01", 8));
    auto pci = scan();
    ASSERT_TRUE(pci.available);
    ASSERT_EQ(pci.devices.size(), 2u);
    EXPECT_EQ(name_with_libpci_leaking(pci, pci.devices[0]), "[8086:9d70]");
    EXPECT_EQ(pci.name(pci.devices[1]), "[10de:0fbc]");  // no second attempt
    auto problem = pci.names_problem();
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->path, "/usr/share/misc/pci.ids");
    EXPECT_EQ(problem->reason.find(m_dir.path().string()), std::string::npos) << problem->reason;
}

TEST_F(PciDevicesTest, ATruncatedPciIdsCostsTheNamesOnly) {
    add_typical_laptop();
    m_dir.write("usr/share/misc/pci.ids", "8086  Intel Corporation\n\t9d7");
    auto pci = scan();
    ASSERT_EQ(pci.devices.size(), 2u);
    EXPECT_EQ(name_with_libpci_leaking(pci, pci.devices[0]), "[8086:9d70]");
    ASSERT_TRUE(pci.names_problem());
    EXPECT_EQ(pci.names_problem()->path, "/usr/share/misc/pci.ids");
}

TEST_F(PciDevicesTest, ALargePciIdsIsReadAsAnyOther) {
    // pci.ids is some 1.3 MB; libpci streams it, so size alone is no problem.
    add_typical_laptop();
    add_device("0000:03:00.0", {"0xfffe", "0x0001", "0x040300", ""});
    std::string big = k_pci_ids;
    for (int vendor = 0x2000; vendor < 0xffff; ++vendor) {
        if (vendor == 0x8086)
            continue;  // already there; libpci refuses duplicates
        char line[64];
        std::snprintf(line, sizeof line, "%04x  Vendor %d\n\t0001  Device of %d\n", vendor, vendor,
                      vendor);
        big += line;
    }
    ASSERT_GT(big.size(), 2u * 1024 * 1024);
    m_dir.write("usr/share/misc/pci.ids", big);
    auto pci = scan();
    ASSERT_EQ(pci.devices.size(), 3u);
    EXPECT_EQ(pci.names(pci.devices[0]).vendor, "Intel Corporation");
    EXPECT_EQ(pci.name(pci.devices[2]), "Vendor 65534 Device of 65534 [fffe:0001]");
    EXPECT_FALSE(pci.names_problem());
}

}  // namespace
}  // namespace sndoctor
