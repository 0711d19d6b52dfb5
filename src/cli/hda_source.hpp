#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/options.hpp"
#include "core/root.hpp"
#include "hda/codec.hpp"

/// Where `sndoctor hda` commands get their codecs: the one place that turns --dump FILE, or
/// --card N / --codec M (through the root that --root, --demo or the live system gives), into
/// parsed codecs. Every problem comes back as an InputError naming the file and saying what
/// exists instead, or a UsageError for options that contradict each other.
namespace sndoctor::cli {

/// One codec and the file it was read from.
struct SourcedCodec {
    hda::Codec codec;
    /// The dump file as named on the command line, or the path inside the root:
    /// "/proc/asound/card0/codec#0", or "/sys/bus/hdaudio/devices/hdaudioC0D0" when the card has
    /// no codec files in /proc and the widget sysfs tree stood in.
    std::string path;
    std::optional<int> card;  ///< the card number; nullopt for a dump file
};

enum class CodecSourceKind { dump, card };

/// The codecs a command works on, in address order for a card and file order for a dump.
struct CodecSource {
    CodecSourceKind kind = CodecSourceKind::dump;
    /// For a card: what the root is (live, dir, report); meaningless for a dump.
    RootSource root_source = RootSource::live;
    std::string location;     ///< the dump file as named, or the root ("/" or the directory)
    std::optional<int> card;  ///< the card read; nullopt for a dump
    std::vector<SourcedCodec> codecs;
};

/// The codecs the options name: --dump FILE (every codec in it, or the one at --codec M), else
/// --card N (default 0) and --codec M (default: every codec of the card) through the root of
/// --root/--demo/the live system. --dump with --card is a UsageError.
CodecSource load_codecs(const Options& options);

/// The codecs of a dump file on this machine: a bare /proc codec dump, several in a row, or a
/// whole alsa-info report (gzip-compressed too). `address`: only the codec at that address.
/// Throws InputError when the file is missing or unreadable, holds no codec, or has none at
/// `address` (saying which addresses it has).
CodecSource load_dump(const std::string& file, std::optional<int> address);

/// The codecs of card `card` read through `root`: /proc/asound/card<card>/codec#<address>, or
/// the widget sysfs tree (/sys/bus/hdaudio/devices/hdaudioC<card>D<address>) when the card has
/// no codec files in /proc. `address`: only that codec. Throws InputError when the card or the
/// codec is missing (saying which exist) or a file cannot be read.
CodecSource load_card(const Root& root, int card, std::optional<int> address);

/// The single codec of a command that works on one: throws UsageError naming the addresses
/// when there are several (pick one with --codec M).
const SourcedCodec& only_codec(const CodecSource& source);

/// One line saying where the codecs came from: "dump FILE", "card 0 on this machine",
/// "card 0 in DIR".
std::string describe(const CodecSource& source);

}  // namespace sndoctor::cli
