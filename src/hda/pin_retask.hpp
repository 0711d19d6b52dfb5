#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/root.hpp"
#include "facts/sound_users.hpp"
#include "hda/associations.hpp"
#include "hda/codec.hpp"
#include "hda/sysfs_pins.hpp"
#include "hda/sysfs_writer.hpp"

/// Live pin retasking (../shared/knowledge/hda.md sections 4, 5 and 7): new default
/// configurations go into the codec's sysfs user_pin_configs, one entry per write, and a write
/// to reconfig makes the driver parse the codec again with them, as hdajackretask's "Apply now"
/// does. The kernel refuses to reconfigure while any program has the card open, so the card's
/// holders are named before anything is written.
namespace sndoctor::hda {

/// The value wanted for one pin, and the argument that asked for it.
struct PinRequest {
    int nid = 0;
    std::uint32_t value = 0;
    std::string source;  ///< "0x14=0x90170110", or why a reset chose the value
};

/// One pin of a retask: its value as the driver uses it now, and the one to write.
struct PinChange {
    int nid = 0;
    std::uint32_t before = 0;
    std::uint32_t after = 0;
    std::string source;

    bool operator==(const PinChange&) const = default;
};

/// What a retask writes and what it makes of the codec.
struct RetaskPlan {
    int card = 0;
    int codec_address = 0;
    std::string codec_name;
    std::string dir;  ///< the codec's sysfs directory inside the root
    /// Pins whose value changes, in the order they were asked for (a pin asked for twice: once,
    /// with the last value). Only these are written.
    std::vector<PinChange> changes;
    /// Pins asked for that already have the value: nothing is written for them.
    std::vector<PinChange> unchanged;
    AssociationLayout layout_before;  ///< the pins grouped with the values in use now
    AssociationLayout layout_after;   ///< ... and with the new values
};

/// A retask to the requested values, each over the pin's effective value. Requests for nodes
/// that are no pin of `configs` are the caller's to refuse first; they are passed over here.
RetaskPlan plan_retask(const Codec& codec, int card, const SysfsPinConfigs& configs,
                       const std::vector<PinRequest>& requests);

/// Drops the user's values: every pin with a user value that differs from the driver's (or,
/// without one, the BIOS's) gets that value written back. The kernel has no way to delete one
/// user entry (`clear` drops them all, and the init verbs and hints with them), so the entries
/// stay, equal to what the driver would use without them.
RetaskPlan plan_reset(const Codec& codec, int card, const SysfsPinConfigs& configs);

/// The preview: per pin the old and new value, decoded with Linux's names, and the
/// associations before and after (FreeBSD's grouping, see associations.hpp).
std::string render_preview(const RetaskPlan& plan);

/// Why the pins of the codec in `dir` cannot be changed live, or nullopt when they can: the
/// directory is missing (a kernel without CONFIG_SND_HDA_HWDEP), or user_pin_configs and
/// reconfig are missing or read-only (without CONFIG_SND_HDA_RECONFIG).
std::optional<std::string> live_retask_unavailable(const Root& root, const std::string& dir);

/// A process with a device of the card open.
struct CardHolder {
    int pid = 0;
    std::string command;
    std::string device;  ///< the first of its devices of this card

    bool operator==(const CardHolder&) const = default;
};

/// Whether `device` (/dev/snd/controlC0, pcmC0D0p, hwC0D0, midiC0D0) belongs to `card`; the
/// sequencer and the timer belong to no card.
bool is_card_device(std::string_view device, int card);

/// The processes that hold a device of `card`.
std::vector<CardHolder> card_holders(const SoundUsers& users, int card);

/// Why reconfig cannot run now, naming the holders, and how to let the card go.
std::string explain_card_busy(const std::vector<CardHolder>& holders, int card);

/// Where an apply stopped: the write refused, and how many pin entries the kernel had taken
/// before it (they stay in user_pin_configs, and the next reconfig uses them).
struct ApplyFailure {
    std::string path;
    int error_number = 0;
    std::string message;
    std::size_t entries_written = 0;
    bool at_reconfig = false;  ///< every entry was taken; reconfig was refused
};

/// Writes each change to user_pin_configs (a write per entry), then "1" to reconfig; stops at
/// the first write refused and says where.
std::optional<ApplyFailure> apply_retask(const RetaskPlan& plan, SysfsWriter& writer);

/// A pin after the retask, as sysfs shows it.
struct PinReadback {
    int nid = 0;
    std::uint32_t wanted = 0;
    std::optional<std::uint32_t> user;       ///< its entry in user_pin_configs now
    std::optional<std::uint32_t> effective;  ///< what the driver uses now
    bool kept() const { return user == wanted && effective == wanted; }
};

/// Reads the codec's lists again and says, per change, what the driver uses now.
std::vector<PinReadback> read_back(const RetaskPlan& plan, const Root& root);

/// The decoded value in Linux's names: "[Fixed] Speaker at Int N/A; Conn = Analog, Color =
/// Unknown; DefAssociation = 0x1, Sequence = 0x0; Misc = NO_PRESENCE".
std::string describe_pin_value(std::uint32_t value);

}  // namespace sndoctor::hda
