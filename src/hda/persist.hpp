#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/root.hpp"
#include "hda/codec.hpp"
#include "hda/experiment_log.hpp"
#include "hda/patch_file.hpp"

/// Turning an experiment into a boot fix: the pin overrides and the GPIO/EAPD writes of a
/// session with a codec, as the patch file section that makes the driver apply them at every
/// probe and resume.
namespace sndoctor::hda {

/// What a session left on a codec that a patch file can carry, and what it cannot.
struct SessionChanges {
    PatchCodec patch;  ///< [codec] with [pincfg], [verb] and [hint]
    /// The other writes, in words ("SET_AMP_GAIN_MUTE 0xb080 on node 0x02"): a patch file could
    /// replay them, but the driver owns them (mixer levels are saved by alsactl store).
    std::vector<std::string> not_carried;

    bool empty() const {
        return patch.pincfg.empty() && patch.verbs.empty() && patch.hints.empty();
    }
};

/// The changes of a session with `codec`: the pin overrides the driver already uses
/// (`user_pins`, from sysfs user_pin_configs, and `hints`), then the log's writes that the codec
/// took: configuration-default bytes (0x71c-0x71f, folded into whole values per pin), GPIO
/// mask, direction and data on the function group (in that order, so a line is an output before
/// it is driven), and EAPD per pin. A register the session put back to its value before the
/// session is left out. Only entries for `codec`'s address count.
/// The pin overrides and hints the driver uses for a codec, from its sysfs files inside a root
/// (what `hda retask` writes): the user_pin_configs entries that differ from what the driver
/// would use without them (`hda retask --reset` leaves entries equal to its own values), and
/// the "key = value" lines of hints. A codec without the sysfs lists has none.
struct DriverOverrides {
    std::vector<std::pair<int, std::uint32_t>> pins;
    std::vector<std::pair<std::string, std::string>> hints;
    std::vector<ParseProblem> warnings;  ///< lines of user_pin_configs that could not be read
};
DriverOverrides read_driver_overrides(const Root& root, int card, int codec_address);

SessionChanges session_changes(const Codec& codec,
                               const std::vector<std::pair<int, std::uint32_t>>& user_pins,
                               const std::vector<std::pair<std::string, std::string>>& hints,
                               const std::vector<ExperimentEntry>& log);

}  // namespace sndoctor::hda
