#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/plan.hpp"

#include "engine/disk.hpp"

namespace sndoctor {

/// Where applied fixes are recorded, inside the root they changed.
inline constexpr const char* k_journal_dir = "/var/lib/sndoctor/journal";

/// One path a plan touches, as it was before the first change.
struct JournalRecord {
    std::string path;
    FileState before;
    std::string saved;     ///< journal-relative copy of a regular file's bytes ("originals/0")
    std::string moved_to;  ///< journal-relative place a moved-aside file went ("moved/0")
};

struct JournalOperation {
    std::string description;
    std::string path;
    bool done = false;
    /// A set_control step's control with the values it had: undo sets them back when done.
    std::optional<ControlSetting> undo_control;
};

/// A check's status after the fix, as the verification run saw it.
struct Verification {
    std::string check;
    std::string status;
    std::string summary;
};

enum class JournalState { applying, applied, failed, undone };

/// One applied (or interrupted, or undone) set of fixes: `sndoctor history` lists these and
/// `sndoctor undo` restores one byte for byte.
struct JournalEntry {
    std::string id;  ///< "20261121-051233-cards.order-real-first"
    std::int64_t created = 0;
    std::int64_t undone_at = 0;
    std::vector<std::string> fixes;
    std::vector<std::string> checks;
    JournalState state = JournalState::applying;
    std::string failure;  ///< why an apply stopped
    std::vector<JournalRecord> records;
    std::vector<JournalOperation> operations;
    std::vector<std::string> created_dirs;  ///< directories the fix made, parents first
    std::vector<Verification> verify;
    std::vector<Verification> verify_after_undo;

    std::string dir() const { return std::string(k_journal_dir) + "/" + id; }
};

std::string to_string(JournalState state);

/// The entry `undo` without an id takes back: the newest one that changed files and is not
/// undone. An entry that only ran commands (reloading the drivers after a fix) has nothing to
/// put back, so it reaches past it to the fix before it. nullptr when there is none.
JournalEntry* newest_undoable(std::vector<JournalEntry>& entries);
/// Why there is nothing to undo when newest_undoable() finds nothing: no fix was ever applied
/// here, or every one was undone.
std::string nothing_to_undo(const std::vector<JournalEntry>& entries);

/// Reads and writes journal entries through the disk (manifest.json in each entry's directory,
/// written atomically and fsynced, so an entry survives a crash at any point).
class Journal {
  public:
    explicit Journal(Disk& disk) : m_disk(disk) {}

    /// A new, unused entry id for `now` and the first fix.
    std::string new_id(std::int64_t now, const std::string& label) const;
    void save(const JournalEntry& entry);
    /// Oldest first. A manifest that cannot be read is reported in `problems`, never dropped
    /// silently.
    std::vector<JournalEntry> entries(std::vector<std::string>* problems = nullptr) const;
    std::optional<JournalEntry> find(const std::string& id) const;

  private:
    Disk& m_disk;
};

}  // namespace sndoctor
