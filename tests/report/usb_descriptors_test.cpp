// The USB Descriptors section (lsusb -v made from sysfs) on the descriptor bytes of QEMU's
// usb-audio device as a Linux 6.1 guest's sysfs gives them (tests/vm/scenarios/usb-audio.sh
// prints them), on cut-off data, and on a root whose card names no device.
#include <gtest/gtest.h>

#include "core/root.hpp"
#include "report/section_files.hpp"
#include "report/usb_descriptors.hpp"

namespace sndoctor {
namespace {

/// /sys/bus/usb/devices/1-1/descriptors of QEMU's usb-audio (46f4:0002, USB Audio Class 1):
/// the device descriptor, one configuration with an AudioControl interface (whose protocol QEMU
/// sets to 4, where UAC1 says 0) and an AudioStreaming interface of two settings (zero
/// bandwidth, 48 kHz stereo 16-bit).
constexpr const char* k_qemu_usb_audio =
    "12 01 00 01 00 00 00 40 f4 46 02 00 00 00 01 02 03 01 09 02 71 00 02 01 04 c0 32 09 04 00 "
    "00 00 01 01 04 05 09 24 01 00 01 2b 00 01 01 0c 24 02 01 01 01 00 02 03 00 00 06 0d 24 06 "
    "02 01 02 01 00 02 00 02 00 07 09 24 03 03 01 03 00 02 08 09 04 01 00 00 01 02 00 09 09 04 "
    "01 01 01 01 02 00 0a 07 24 01 01 00 01 00 0b 24 02 01 02 02 10 01 80 bb 00 09 05 01 0d c0 "
    "00 01 00 00 07 25 01 00 00 00 00";

std::string bytes_of(std::string_view hex) {
    std::string bytes;
    for (std::size_t at = 0; at + 2 <= hex.size(); at += 3)
        bytes += static_cast<char>(std::stoi(std::string(hex.substr(at, 2)), nullptr, 16));
    return bytes;
}

/// The usb.ids lines lsusb would use for this device (from usbutils' usb.ids).
constexpr const char* k_usb_ids =
    "# comment\n"
    "1d6b  Linux Foundation\n"
    "\t0002  2.0 root hub\n"
    "46f4  CRF Inc.\n"
    "C 00  (Defined at Interface level)\n"
    "C 01  Audio\n"
    "\t01  Control Device\n"
    "\t02  Streaming\n"
    "\t03  MIDI Streaming\n"
    "AT 0101  USB Streaming\n"
    "AT 0301  Speaker\n"
    "HID 00  Undefined\n";

report::UsbDevice qemu_device() {
    report::UsbDevice device;
    device.bus = 1;
    device.device = 2;
    device.descriptors = bytes_of(k_qemu_usb_audio);
    device.strings = {
        {1, "QEMU"}, {2, "QEMU USB Audio"}, {3, "1-0000:00:03.0-1"}, {5, "Audio Control"}};
    device.path = "/sys/bus/usb/devices/1-1/descriptors";
    return device;
}

TEST(UsbIds, NamesVendorsProductsClassesAndTerminals) {
    auto ids = report::UsbIds::parse(k_usb_ids);
    EXPECT_EQ(ids.vendor(0x1d6b), "Linux Foundation");
    EXPECT_EQ(ids.product(0x1d6b, 0x0002), "2.0 root hub");
    EXPECT_EQ(ids.product(0x46f4, 0x0002), "");
    EXPECT_EQ(ids.device_class(1), "Audio");
    EXPECT_EQ(ids.subclass(1, 2), "Streaming");
    EXPECT_EQ(ids.protocol(1, 2, 0), "");
    EXPECT_EQ(ids.audio_terminal(0x0301), "Speaker");
    EXPECT_EQ(ids.vendor(0x0000), "");
}

TEST(UsbDescriptors, QemuUsbAudioInLsusbLayout) {
    auto ids = report::UsbIds::parse(k_usb_ids);
    std::vector<ParseProblem> problems;
    std::string text = report::lsusb_verbose(qemu_device(), &ids, problems);
    EXPECT_TRUE(problems.empty());
    // usb.ids knows the vendor but not the product: the device's own string stands in.
    EXPECT_EQ(text.substr(0, text.find('\n', 1) + 1),
              "\nBus 001 Device 002: ID 46f4:0002 CRF Inc. QEMU USB Audio\n");
    for (const char* line : {"Device Descriptor:\n"
                             "  bLength                18\n"
                             "  bDescriptorType         1\n"
                             "  bcdUSB               1.00\n"
                             "  bDeviceClass            0 (Defined at Interface level)\n",
                             "  idVendor           0x46f4 CRF Inc.\n"
                             "  idProduct          0x0002 \n"
                             "  bcdDevice            0.00\n"
                             "  iManufacturer           1 QEMU\n"
                             "  iProduct                2 QEMU USB Audio\n"
                             "  iSerial                 3 1-0000:00:03.0-1\n"
                             "  bNumConfigurations      1\n"
                             "  Configuration Descriptor:\n"
                             "    bLength                 9\n"
                             "    bDescriptorType         2\n"
                             "    wTotalLength       0x0071\n"
                             "    bNumInterfaces          2\n"
                             "    bConfigurationValue     1\n"
                             "    iConfiguration          4 \n"
                             "    bmAttributes         0xc0\n"
                             "      Self Powered\n"
                             "    MaxPower              100mA\n"
                             "    Interface Descriptor:\n",
                             "      bInterfaceClass         1 Audio\n"
                             "      bInterfaceSubClass      1 Control Device\n"
                             "      bInterfaceProtocol      4 \n"
                             "      iInterface              5 Audio Control\n"
                             "      AudioControl Interface Descriptor:\n"
                             "        bLength                 9\n"
                             "        bDescriptorType        36\n"
                             "        bDescriptorSubtype      1 (HEADER)\n"
                             "        bcdADC               1.00\n"
                             "        wTotalLength           43\n"
                             "        bInCollection           1\n"
                             "        baInterfaceNr( 0)       1\n",
                             "        bDescriptorSubtype      2 (INPUT_TERMINAL)\n"
                             "        bTerminalID             1\n"
                             "        wTerminalType      0x0101 USB Streaming\n"
                             "        bAssocTerminal          0\n"
                             "        bNrChannels             2\n"
                             "        wChannelConfig     0x0003\n"
                             "          Left Front (L)\n"
                             "          Right Front (R)\n",
                             "        bDescriptorSubtype      6 (FEATURE_UNIT)\n"
                             "        bUnitID                 2\n"
                             "        bSourceID               1\n"
                             "        bControlSize            2\n"
                             "        bmaControls( 0)      0x01\n"
                             "        bmaControls( 0)      0x00\n"
                             "          Mute Control\n",
                             "        wTerminalType      0x0301 Speaker\n",
                             "        bDescriptorSubtype      2 (FORMAT_TYPE)\n"
                             "        bFormatType             1 (FORMAT_TYPE_I)\n"
                             "        bNrChannels             2\n"
                             "        bSubframeSize           2\n"
                             "        bBitResolution         16\n"
                             "        bSamFreqType            1 Discrete\n"
                             "        tSamFreq[ 0]        48000\n"
                             "      Endpoint Descriptor:\n"
                             "        bLength                 9\n"
                             "        bDescriptorType         5\n"
                             "        bEndpointAddress     0x01  EP 1 OUT\n"
                             "        bmAttributes           13\n"
                             "          Transfer Type            Isochronous\n"
                             "          Synch Type               Synchronous\n"
                             "          Usage Type               Data\n"
                             "        wMaxPacketSize     0x00c0  1x 192 bytes\n"
                             "        bInterval               1\n"
                             "        bRefresh                0\n"
                             "        bSynchAddress           0\n"
                             "        AudioStreaming Endpoint Descriptor:\n"
                             "          bLength                 7\n"
                             "          bDescriptorType        37\n"
                             "          bDescriptorSubtype      1 (EP_GENERAL)\n"
                             "          bmAttributes         0x00\n"
                             "          bLockDelayUnits         0 Undefined\n"
                             "          wLockDelay              0 Undefined\n"}) {
        EXPECT_NE(text.find(line), std::string::npos) << line << "\nin:\n" << text;
    }
    EXPECT_EQ(text.find("UNRECOGNIZED"), std::string::npos);
    EXPECT_EQ(text.find("Undecoded"), std::string::npos);
}

TEST(UsbDescriptors, WithoutUsbIdsTheNamesAreTheDevicesOwn) {
    std::vector<ParseProblem> problems;
    std::string text = report::lsusb_verbose(qemu_device(), nullptr, problems);
    EXPECT_EQ(text.substr(0, text.find('\n', 1) + 1),
              "\nBus 001 Device 002: ID 46f4:0002 QEMU QEMU USB Audio\n");
    EXPECT_NE(text.find("  bDeviceClass            0 \n"), std::string::npos);
}

TEST(UsbDescriptors, ACutOffDescriptorIsAProblemNamingTheFile) {
    auto device = qemu_device();
    device.descriptors.resize(18 + 9 + 9 + 5);  // the AudioControl header loses 4 of its 9 bytes
    std::vector<ParseProblem> problems;
    std::string text = report::lsusb_verbose(device, nullptr, problems);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].path, "/sys/bus/usb/devices/1-1/descriptors");
    EXPECT_NE(problems[0].reason.find("byte 36 claims 9 bytes and 5 remain"), std::string::npos)
        << problems[0].reason;
    // What came before is kept.
    EXPECT_NE(text.find("      iInterface              5 Audio Control\n"), std::string::npos);
    EXPECT_EQ(text.find("AudioControl Interface Descriptor"), std::string::npos);
}

TEST(UsbDescriptors, NoWholeDeviceDescriptorLeavesTheIdLineOnly) {
    auto device = qemu_device();
    device.descriptors.resize(12);
    std::vector<ParseProblem> problems;
    std::string text = report::lsusb_verbose(device, nullptr, problems);
    EXPECT_EQ(text, "\nBus 001 Device 002: ID 46f4:0002  \n");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].path, "/sys/bus/usb/devices/1-1/descriptors");
}

/// The sysfs files of the QEMU device under a card's usbbus, as the guest has them.
void add_qemu_card(MemoryRoot& root, const std::string& descriptors) {
    root.add_file("/proc/asound/card0/usbbus", "001/002\n");
    root.add_file("/sys/bus/usb/devices/1-1/busnum", "1\n");
    root.add_file("/sys/bus/usb/devices/1-1/devnum", "2\n");
    root.add_file("/sys/bus/usb/devices/1-1/descriptors", descriptors);
    root.add_file("/sys/bus/usb/devices/1-1/manufacturer", "QEMU\n");
    root.add_file("/sys/bus/usb/devices/1-1/product", "QEMU USB Audio\n");
    root.add_file("/sys/bus/usb/devices/1-1:1.1/bInterfaceNumber", "01\n");
    root.add_file("/sys/bus/usb/devices/1-1:1.1/bAlternateSetting", " 1\n");
    root.add_file("/sys/bus/usb/devices/1-1:1.1/interface", "Audio Output - 48 kHz Stereo\n");
    root.add_file("/sys/bus/usb/devices/usb1/busnum", "1\n");
    root.add_file("/sys/bus/usb/devices/usb1/devnum", "1\n");
}

TEST(UsbDescriptors, SectionOfTheCardsOnUsb) {
    MemoryRoot root("memory");
    add_qemu_card(root, bytes_of(k_qemu_usb_audio));
    root.add_file("/usr/share/hwdata/usb.ids", k_usb_ids);
    std::vector<ParseProblem> problems;
    auto section = report::usb_descriptors_section(root, problems);
    ASSERT_TRUE(section);
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(section->title, report::k_usb_descriptors_title);
    // The writer puts the blank line lsusb starts with after --startcollapse--.
    EXPECT_EQ(section->text.rfind("Bus 001 Device 002: ID 46f4:0002 CRF Inc. QEMU USB Audio\n", 0),
              0u);
    // The string of the interface's current setting comes from its sysfs directory.
    EXPECT_NE(section->text.find("      iInterface             10 Audio Output - 48 kHz Stereo\n"),
              std::string::npos)
        << section->text;
}

TEST(UsbDescriptors, ACardWhoseDeviceIsGoneIsAProblem) {
    MemoryRoot root("memory");
    root.add_file("/proc/asound/card0/usbbus", "003/007\n");
    root.add_file("/proc/asound/card1/usbbus", "garbage\n");
    std::vector<ParseProblem> problems;
    EXPECT_FALSE(report::usb_descriptors_section(root, problems));
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].path, "/proc/asound/card1/usbbus");
    EXPECT_EQ(problems[1].path, "/sys/bus/usb/devices");
    EXPECT_NE(problems[1].reason.find("bus 3 device 7"), std::string::npos);
}

TEST(UsbDescriptors, NoUsbCardNoSection) {
    MemoryRoot root("memory");
    root.add_file("/proc/asound/card0/id", "PCH\n");
    std::vector<ParseProblem> problems;
    EXPECT_FALSE(report::usb_descriptors_section(root, problems));
    EXPECT_TRUE(problems.empty());
}

}  // namespace
}  // namespace sndoctor
