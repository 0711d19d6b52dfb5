#pragma once

#include <memory>
#include <string>

#include "cli/options.hpp"
#include "cli/root_choice.hpp"
#include "engine/disk.hpp"
#include "hda/backend.hpp"
#include "hda/experiment_log.hpp"

/// A session with one codec: the codec that answers verbs (live through its hwdep device, or
/// emulated from a dump) and the experiment log every verb goes into. `hda verb`, `gpio` and
/// `eapd` talk through it; `hda persist` reads the same logs.
namespace sndoctor::cli {

/// An experiment log and where it is kept.
struct SessionLog {
    std::unique_ptr<Disk> disk;  ///< null for a log kept in memory only
    std::unique_ptr<hda::ExperimentLog> log;
    /// The log file as this machine names it; empty for a log kept in memory.
    std::string location;
    /// Why the log is kept in memory only (no state directory); empty when it is a file.
    std::string unkept_reason;
};

/// The log of the emulated session of the codec at `codec_address` in `dump`: one file per dump
/// contents and codec under $XDG_STATE_HOME/sndoctor/hda (else ~/.local/state), so that an
/// edited dump starts afresh; in memory when there is no state directory.
SessionLog open_emulated_log(const std::string& dump, int codec_address);

/// The live codec's log inside the chosen root (/var/lib/sndoctor/hda/experiment-C-D.jsonl).
SessionLog open_live_log(const ChosenRoot& chosen, int card, int codec);

/// The codec the command talks to, and the log every verb goes into.
struct Session {
    std::unique_ptr<hda::Backend> device;
    SessionLog log;
    std::unique_ptr<hda::LoggingBackend> backend;
    /// Said before the output in text mode (where an emulated codec's state comes from).
    std::string notice;
};

/// --emulate FILE [--codec M]: the emulated codec with its earlier writes replayed; otherwise
/// the live codec --card N --codec M (default 0, 0) through the root's hwdep node. Throws
/// hda::BackendError when the codec cannot be reached or its log cannot be written (nothing is
/// sent that the log could not keep), UsageError for contradicting options.
Session open_session(const Options& options);

}  // namespace sndoctor::cli
