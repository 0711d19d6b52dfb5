#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/disk.hpp"
#include "engine/journal.hpp"
#include "engine/plan.hpp"

namespace sndoctor {

struct CommandOutcome {
    int exit_code = 0;
    std::string output;  ///< standard output and error together
};

/// What a plan does to the running system beyond its files: programs (depmod, gpasswd) and
/// mixer controls; tests give a recording one.
class CommandRunner {
  public:
    virtual ~CommandRunner() = default;
    virtual CommandOutcome run(const std::vector<std::string>& argv) = 0;
    /// Sets a control of a running card; throws WriteError naming its control device when the
    /// card, the control or a value is not there.
    virtual void set_control(const ControlSetting& setting) = 0;
};

/// Runs programs with fork/exec (no shell), searching /usr/sbin, /sbin and PATH, and sets
/// mixer controls through alsa-lib.
std::unique_ptr<CommandRunner> system_command_runner();

struct ApplyOptions {
    std::int64_t now = 0;
    /// Test-only fault injection: the process kills itself (SIGKILL, as a crash or power loss
    /// would) right after this many operations have been carried out.
    std::optional<int> kill_after_operations;
};

/// Paths a plan would change that this process may not write: when not empty, nothing is done
/// and the user is told to run the fix as root.
std::vector<std::string> unwritable_paths(const std::vector<Plan>& plans, const Disk& disk);

/// Applies plans in order as one journal entry: every original is recorded (and fsynced) before
/// the first change, each change is atomic, removals are moves into the journal. When a step
/// fails the entry is left as `failed` with the reason, and `undo` restores it.
JournalEntry apply_plans(const std::vector<Plan>& plans, Disk& disk, CommandRunner& runner,
                         const ApplyOptions& options);

/// Puts every path of the entry back as it was before the apply (bytes, mode, owner, times,
/// links), also when the apply was interrupted at any point. Files the apply created are moved
/// into the journal, never deleted. Then the mixer controls the steps that were carried out
/// set get their old values back, newest first, through `runner` (alsa-lib when none is
/// given).
void undo_entry(JournalEntry& entry, Disk& disk, std::int64_t now, CommandRunner* runner = nullptr);

}  // namespace sndoctor
