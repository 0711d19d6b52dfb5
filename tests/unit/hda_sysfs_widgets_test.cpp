// The widget sysfs tree read through a root: the fixture tests/hda/model/sysfs-root holds one
// codec as Linux shows it (the device directory reached through the bus link).
#include <gtest/gtest.h>

#include "core/root.hpp"
#include "hda/sysfs_widgets.hpp"
#include "temp_dir.hpp"

namespace sndoctor::hda {
namespace {

std::unique_ptr<Root> fixture_root() {
    return open_dir_root(testing::required_env("SNDOCTOR_HDA_FIXTURES") + "/model/sysfs-root",
                         RootSource::dir);
}

TEST(HdaSysfsWidgets, ListsTheCodecDevicesOfACard) {
    auto root = fixture_root();
    auto devices = list_sysfs_codecs(*root, 0);
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(devices[0].card, 0);
    EXPECT_EQ(devices[0].address, 0);
    EXPECT_EQ(devices[0].path, "/sys/bus/hdaudio/devices/hdaudioC0D0");
    EXPECT_TRUE(list_sysfs_codecs(*root, 1).empty());
    EXPECT_EQ(list_sysfs_codecs(*root, std::nullopt).size(), 1u);
}

TEST(HdaSysfsWidgets, ListingSkipsOtherNamesAndOrdersByAddress) {
    MemoryRoot root("memory");
    for (const char* name : {"hdaudioC1D3", "hdaudioC1D0", "hdaudioC0D2", "ehdaudio0D0",
                             "hdaudioCxD1", "hdaudioC1D0x2"})
        root.add_file(std::string(k_hdaudio_devices) + "/" + name + "/vendor_id", "0x1\n");
    auto devices = list_sysfs_codecs(root, 1);
    ASSERT_EQ(devices.size(), 2u);
    EXPECT_EQ(devices[0].address, 0);
    EXPECT_EQ(devices[1].address, 3);
    EXPECT_EQ(list_sysfs_codecs(root, std::nullopt).size(), 3u);
}

TEST(HdaSysfsWidgets, ReadsIdsNamesAndTheAfg) {
    auto root = fixture_root();
    Codec codec = read_sysfs_codec(*root, list_sysfs_codecs(*root, 0).at(0));
    EXPECT_EQ(codec.name, "Realtek ALC269VB");
    EXPECT_EQ(codec.address, 0);
    EXPECT_EQ(codec.vendor_id, 0x10ec0269u);
    EXPECT_EQ(codec.subsystem_id, 0x17aa21fau);
    EXPECT_EQ(codec.revision_id, 0x100100u);
    EXPECT_EQ(codec.afg_nid, 1);
    EXPECT_EQ(codec.afg_function_id, 1u);
    EXPECT_FALSE(codec.mfg_nid);
    ASSERT_TRUE(codec.default_pcm);
    EXPECT_EQ(codec.default_pcm->rates, 0x5f0u);
    EXPECT_EQ(codec.default_pcm->bits, 0xeu);
    EXPECT_FALSE(codec.default_amp_out_caps);  // 0 reads as N/A, as in the dump
    EXPECT_EQ(codec.afg_power_caps, 0xc000000fu);
    ASSERT_TRUE(codec.gpio);
    EXPECT_EQ(codec.gpio->io, 2);
    EXPECT_TRUE(codec.gpio->unsolicited);
    EXPECT_TRUE(codec.gpio->lines.empty());
}

TEST(HdaSysfsWidgets, ReadsTheWidgets) {
    auto root = fixture_root();
    Codec codec = read_sysfs_codec(*root, list_sysfs_codecs(*root, 0).at(0));
    ASSERT_EQ(codec.widgets.size(), 4u);  // 02 0b 14 18; 1a has no readable caps
    const Widget* dac = codec.widget(0x02);
    ASSERT_NE(dac, nullptr);
    EXPECT_EQ(dac->type, WidgetType::audio_output);
    ASSERT_TRUE(dac->amp_out && dac->amp_out->caps);
    EXPECT_EQ(dac->amp_out->caps->steps, 0x57);
    EXPECT_TRUE(dac->amp_out->values.empty());
    ASSERT_TRUE(dac->pcm);
    EXPECT_EQ(dac->pcm->rates, 0x560u);
    EXPECT_TRUE(dac->connections.empty());
    const Widget* mixer = codec.widget(0x0b);
    ASSERT_NE(mixer, nullptr);
    EXPECT_EQ(mixer->connections, (std::vector<int>{0x18, 0x19, 0x1a}));
    ASSERT_TRUE(mixer->amp_in && mixer->amp_in->caps);
    EXPECT_TRUE(mixer->amp_in->caps->mute);
    EXPECT_EQ(mixer->amp_in->caps->offset, 0x17);
    EXPECT_FALSE(mixer->pin);
    const Widget* speaker = codec.widget(0x14);
    ASSERT_NE(speaker, nullptr);
    ASSERT_TRUE(speaker->pin);
    EXPECT_EQ(speaker->pin->pincap, 0x0001003cu);
    EXPECT_EQ(speaker->pin->default_config, 0x90170110u);
    EXPECT_FALSE(speaker->pin->vref_caps);
    EXPECT_FALSE(speaker->pin->pin_ctls);
    EXPECT_EQ(speaker->connections, (std::vector<int>{0x0c, 0x0d}));
    EXPECT_FALSE(speaker->selected);
    EXPECT_EQ(speaker->power_caps, 0x8000000fu);
    const Widget* mic = codec.widget(0x18);
    ASSERT_NE(mic, nullptr);
    EXPECT_EQ(mic->pin->vref_caps, 0x37u);
}

TEST(HdaSysfsWidgets, UnreadableValuesAreWarningsNamingTheFile) {
    auto root = fixture_root();
    Codec codec = read_sysfs_codec(*root, list_sysfs_codecs(*root, 0).at(0));
    std::string device = "/sys/bus/hdaudio/devices/hdaudioC0D0";
    ASSERT_EQ(codec.warnings.size(), 2u);
    EXPECT_EQ(codec.warnings[0].path, device + "/widgets/18/pin_cfg");
    EXPECT_EQ(codec.warnings[1].path, device + "/widgets/1a/caps");
    EXPECT_NE(codec.warnings[1].reason.find("zz"), std::string::npos);
}

TEST(HdaSysfsWidgets, ADirectoryWithoutVendorIdIsNotACodec) {
    MemoryRoot root("memory");
    root.add_file("/sys/bus/hdaudio/devices/hdaudioC0D0/widgets/02/caps", "0x41d\n");
    SysfsCodecDevice device{0, 0, "/sys/bus/hdaudio/devices/hdaudioC0D0"};
    try {
        read_sysfs_codec(root, device);
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), device.path);
        EXPECT_NE(e.reason().find("vendor_id"), std::string::npos);
    }
}

TEST(HdaSysfsWidgets, NamesAreNotSetWhenMissing) {
    MemoryRoot root("memory");
    root.add_file("/sys/bus/hdaudio/devices/hdaudioC0D3/vendor_id", "0x80862806\n");
    Codec codec = read_sysfs_codec(root, {0, 3, "/sys/bus/hdaudio/devices/hdaudioC0D3"});
    EXPECT_EQ(codec.name, "Not Set");
    EXPECT_EQ(codec.address, 3);
    EXPECT_EQ(codec.vendor_id, 0x80862806u);
    EXPECT_TRUE(codec.widgets.empty());
    EXPECT_TRUE(codec.warnings.empty());
}

}  // namespace
}  // namespace sndoctor::hda
