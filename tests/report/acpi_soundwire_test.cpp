// The ACPI SoundWire Device Status Information section: the vendors alsa-info names from an
// _ADR's manufacturer id, and an address file that is no number.
#include <gtest/gtest.h>

#include "core/root.hpp"
#include "report/acpi_soundwire.hpp"
#include "report/section_files.hpp"

namespace sndoctor {
namespace {

TEST(AcpiSoundWire, VendorFromTheManufacturerId) {
    // The RT711/RT1316/RT714 laptop of alsa-utils PR #264.
    EXPECT_EQ(report::soundwire_vendor(0x000030025d071101), "Realtek");
    EXPECT_EQ(report::soundwire_vendor(0x000331025d131601), "Realtek");
    EXPECT_EQ(report::soundwire_vendor(0x00003301fa355601), "Cirrus Logic");  // CS35L56
    EXPECT_EQ(report::soundwire_vendor(0x0000300102278101), "TI");
    EXPECT_EQ(report::soundwire_vendor(0x0000300106123401), "");  // another vendor
    EXPECT_EQ(report::soundwire_vendor(0), "");
    EXPECT_EQ(report::soundwire_vendor(0x00000003), "");  // a PCI _ADR (device 0, function 3)
}

TEST(AcpiSoundWire, SectionListsKnownVendorsAndReportsGarbage) {
    MemoryRoot root("memory");
    root.add_file("/sys/bus/acpi/devices/device:10/adr", "0x000030025d071101\n");
    root.add_file("/sys/bus/acpi/devices/device:11/adr", "0x000331025d131601\n");
    root.add_file("/sys/bus/acpi/devices/device:12/adr", "0x001f0003\n");
    root.add_file("/sys/bus/acpi/devices/device:13/adr", "zzz\n");
    root.add_file("/sys/bus/acpi/devices/PNP0C0A:00/status", "31\n");
    std::vector<ParseProblem> problems;
    auto section = report::soundwire_section(AcpiAddresses::read(root), problems);
    ASSERT_TRUE(section);
    EXPECT_EQ(section->title, report::k_soundwire_title);
    EXPECT_EQ(section->text, "Realtek 0x000030025d071101\nRealtek 0x000331025d131601\n");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].path, "/sys/bus/acpi/devices/device:13/adr");
}

TEST(AcpiSoundWire, NoAcpiNoSection) {
    MemoryRoot root("memory");
    std::vector<ParseProblem> problems;
    EXPECT_FALSE(report::soundwire_section(AcpiAddresses::read(root), problems));
}

}  // namespace
}  // namespace sndoctor
