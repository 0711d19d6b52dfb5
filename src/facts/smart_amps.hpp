#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sndoctor {

/// The HD-Audio "side codec" smart amplifiers: chips on I2C or SPI that drive the speakers of
/// many laptops, declared in ACPI and bound to the HDA codec driver, each with a DSP whose
/// firmware and tuning come from linux-firmware, named after the laptop's subsystem id.
enum class AmpFamily { cs35l41, cs35l56, tas2781, aw88399 };

/// One ACPI hardware id a side-codec driver claims (the acpi_device_id tables of the kernel's
/// sound/hda/codecs/side-codecs/*_i2c.c and *_spi.c, formerly sound/pci/hda).
struct AmpHid {
    std::string_view hid;  ///< "CSC3551"
    AmpFamily family;
    std::string_view chip;    ///< "CS35L41", for summaries
    std::string_view module;  ///< the kernel module that drives it ("snd_hda_scodec_cs35l41_i2c")
};

std::span<const AmpHid> amp_hids();
const AmpHid* find_amp_hid(std::string_view hid);

/// Which of the firmware files a family asks for this subsystem id are in one directory.
struct AmpFirmwareMatch {
    std::string dir;                 ///< under the firmware directory: "cirrus", or "" for the top
    std::string wanted;              ///< what the driver asks for, as a pattern for people
    std::vector<std::string> found;  ///< the matching names (without compression suffix)
    bool complete = false;           ///< everything the driver needs for this id is there
};

/// The firmware directory (relative to /lib/firmware) where `family`'s files live.
std::string_view amp_firmware_dir(AmpFamily family);

/// Matches the names of amp_firmware_dir(family) against what the driver asks for `ssid`
/// (eight hex digits, vendor then device: "103c8c17"), from the drivers' request code:
///  cs35l41: cirrus/cs35l41-dsp1-spk-prot-<ssid>[-spkidN][-<amp>].wmfw and .bin (cs35l41_hda.c);
///  cs35l54/56/57: cirrus/cs35l5x-<rev>-dsp1-misc-<ssid>[...].bin, the .wmfw optional since the
///  chip runs from ROM without one (cs35l56_hda.c);
///  tas2781/tas2563: TAS2XXX<device id in upper-case hex>[N|-N].bin at the top
///  (tas2781_hda_i2c.c, tas2781_hda_spi.c, "TAS2XXX%04X.bin" of the codec's subsystem id);
///  aw88399: aw88399_acf.bin, one file for all machines (aw88399_hda.c MODULE_FIRMWARE).
AmpFirmwareMatch match_amp_firmware(AmpFamily family, std::string_view ssid,
                                    const std::vector<std::string>& names);

}  // namespace sndoctor
