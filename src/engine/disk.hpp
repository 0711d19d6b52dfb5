#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/root.hpp"

namespace sndoctor {

/// What a path is, completely enough to put it back byte for byte: kind, content owner and mode,
/// modification time, and a link's target.
struct FileState {
    enum class Kind { missing, regular, symlink, directory, other };
    Kind kind = Kind::missing;
    std::uint32_t mode = 0;  ///< permission bits
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
    std::int64_t mtime_sec = 0;
    std::int64_t mtime_nsec = 0;
    std::string link_target;  ///< for a symlink
};

/// The only way anything is written (STYLE.md: fixes plan, one executor acts, through a disk
/// interface). Paths are absolute inside the root. A directory root refuses any path that a link
/// would lead out of it (RESOLVE_BENEATH): a fix never writes outside the root.
class Disk {
  public:
    virtual ~Disk() = default;

    virtual std::string origin() const = 0;
    /// The path itself (a link is not followed). WriteError when a link on the way leads out of
    /// a directory root.
    virtual FileState state(std::string_view path) const = 0;
    virtual std::optional<std::string> read(std::string_view path) const = 0;
    /// Names in a directory, sorted; empty when it is missing.
    virtual std::vector<std::string> list(std::string_view path) const = 0;
    /// Replaces the file atomically: a temporary file in the same directory, fsync, rename, fsync
    /// of the directory. Owner and mode come from `like` (the file it replaces), else 0644.
    virtual void write_atomic(std::string_view path, std::string_view content,
                              const FileState& like) = 0;
    /// Replaces (or creates) a symlink atomically.
    virtual void symlink_atomic(std::string_view target, std::string_view path) = 0;
    /// Creates missing directories (mode 0755 for the new ones).
    virtual void make_dirs(std::string_view path) = 0;
    /// Removes a directory only when it is empty (undo of a directory a fix created).
    virtual void remove_empty_dir(std::string_view path) = 0;
    /// Removes a file sndoctor wrote into its own journal (the copies of an entry it could not
    /// complete); never used on the user's files, which are only ever moved.
    virtual void remove_journal_file(std::string_view path) = 0;
    /// Renames within the root (never a copy: nothing is lost halfway).
    virtual void rename(std::string_view from, std::string_view to) = 0;
    /// Sets owner, mode and times of a path as recorded (links: owner and times only).
    virtual void apply_meta(std::string_view path, const FileState& state) = 0;
    /// Whether this process may create or replace entries in the directory of `path`.
    virtual bool can_write(std::string_view path) const = 0;
};

/// A disk over a directory (or "/" for the live system). Throws InputError when `dir` cannot be
/// opened.
std::unique_ptr<Disk> open_disk(const std::string& dir, RootSource source);

/// Thrown when a write would leave the root or the disk refuses it; says which path and why.
class WriteError : public std::runtime_error {
  public:
    WriteError(std::string path, const std::string& reason)
        : std::runtime_error(path + ": " + reason), m_path(std::move(path)) {}
    const std::string& path() const { return m_path; }

  private:
    std::string m_path;
};

}  // namespace sndoctor
