#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/root.hpp"

/// A codec's pin configurations as the driver keeps them, in its sysfs directory
/// /sys/class/sound/hwC<card>D<address> (../shared/knowledge/hda.md section 4): the BIOS values
/// (init_pin_configs), the codec driver's fixups (driver_pin_configs) and the values written
/// to user_pin_configs, each line `0x%02x 0x%08x`. The driver uses user over driver over init.
namespace sndoctor::hda {

/// The codec's sysfs directory inside the root, made with CONFIG_SND_HDA_HWDEP.
std::string sysfs_codec_dir(int card, int codec_address);

/// One entry of a pin configuration list.
struct PinConfigEntry {
    int nid = 0;
    std::uint32_t value = 0;

    bool operator==(const PinConfigEntry&) const = default;
};

/// "0x14 0x90170110\n": an entry as the kernel prints it, and as user_pin_configs takes it.
std::string pin_config_line(int nid, std::uint32_t value);

/// Reads a list. A line that is not a node id (1-0x7f) and a 32-bit value becomes a problem
/// naming `path` and the line, and the rest is read. A node listed twice keeps its last value
/// (the kernel replaces an entry for the same node).
std::vector<PinConfigEntry> parse_pin_config_list(std::string_view text, const std::string& path,
                                                  std::vector<ParseProblem>& problems);

/// The three lists of one codec.
struct SysfsPinConfigs {
    std::string dir;                     ///< /sys/class/sound/hwC<card>D<address>
    std::vector<PinConfigEntry> init;    ///< every pin with its BIOS value, in node order
    std::vector<PinConfigEntry> driver;  ///< values the codec driver changed
    std::vector<PinConfigEntry> user;    ///< values written to user_pin_configs or by a patch
    std::vector<ParseProblem> warnings;

    /// The pins: the nodes init_pin_configs lists.
    std::vector<int> pins() const;
    /// What the driver uses for `nid`: user over driver over init; nullopt for a node that is
    /// no pin.
    std::optional<std::uint32_t> effective(int nid) const;
    /// What the driver would use without the user's value: driver over init.
    std::optional<std::uint32_t> without_user(int nid) const;
    std::optional<std::uint32_t> user_value(int nid) const;
};

/// Reads the lists of the codec in `dir` through the root. A missing driver or user list reads
/// as empty (old kernels, or a kernel without CONFIG_SND_HDA_RECONFIG, have no user list).
/// Throws InputError when init_pin_configs is missing or a list cannot be read.
SysfsPinConfigs read_sysfs_pin_configs(const Root& root, const std::string& dir);

}  // namespace sndoctor::hda
