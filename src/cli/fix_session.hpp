#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/options.hpp"
#include "cli/root_choice.hpp"
#include "engine/disk.hpp"
#include "engine/journal.hpp"
#include "engine/result.hpp"

namespace sndoctor::cli {

/// Exit codes of fix and undo (--help and the man page say the same).
enum FixExit {
    fix_done = 0,
    fix_cancelled = 1,
    fix_still_failing = 2,
    fix_stopped = 3,
    fix_needs_root = 4
};

/// The root a fix or undo writes to, with its disk. The bundled demo is refused: it is shared by
/// every run; copy it and use --root.
struct WritableRoot {
    ChosenRoot chosen;
    std::unique_ptr<Disk> disk;
};
WritableRoot open_writable_root(const Options& options);

/// Every check run again on a fresh view of the root: the statuses of the checks asked about,
/// and their whole results (which may link a fix that finishes the work).
struct Recheck {
    std::vector<Verification> statuses;
    std::vector<Result> results;
};
Recheck verify_checks(const Options& options, const std::vector<std::string>& check_ids);

/// "cards.virmidi-index: pass (VirMIDI no longer holds index 0)" lines and whether any of them
/// still warns, fails or errs.
bool print_verifications(const std::vector<Verification>& verifications);

/// Asks "Apply these changes? [y/N]" on the terminal; false without a terminal (scripts say
/// --yes), and for any answer but yes.
bool confirm();

/// The arguments that repeat `command` ("fix ID --yes") on this system: its words, then the
/// --root and --user of `options`.
std::vector<std::string> root_command_arguments(const Options& options, const std::string& command);

/// The command that repeats this one as root ("sudo sndoctor fix ID --yes --root DIR", with
/// the full path of a binary that sudo would not find).
std::string as_root_command(const Options& options, const std::string& command);

}  // namespace sndoctor::cli
