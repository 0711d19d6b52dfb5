#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/file_text.hpp"
#include "core/unique_fd.hpp"

namespace sndoctor {

/// Where the view of the system comes from (DESIGN.md, "Root").
enum class RootSource { live, dir, report };

/// "live", "dir", "report": as the JSON views name the source.
std::string_view to_string(RootSource source);

enum class FileType { regular, directory, symlink, other };

struct FileInfo {
    FileType type = FileType::regular;
    std::uint64_t size = 0;
    std::int64_t mtime = 0;  ///< seconds since the epoch
    std::uint32_t mode = 0;  ///< permission bits
};

struct DirEntry {
    std::string name;
    FileType type = FileType::regular;  ///< the entry itself; a link is `symlink`
};

/// Default cap for one read: far above any file a check reads (a codec dump is ~100 KiB), far
/// below what would hurt if a fixture or a broken /proc offered a huge or endless file.
inline constexpr std::size_t k_default_read_cap = 4 * 1024 * 1024;

/// The read-only view of a system that every check reads through. Paths are absolute inside the
/// root ("/proc/asound/cards"); links are resolved inside it, so a link to /etc/passwd in a
/// fixture tree means DIR/etc/passwd and never the host's file.
class Root {
  public:
    virtual ~Root() = default;

    virtual RootSource source() const = 0;
    /// What the user named: "/", the directory, or the report file.
    virtual std::string origin() const = 0;

    /// Reads a whole regular file. Missing → nullopt. Unreadable, not a regular file, or larger
    /// than `cap` → InputError naming the path.
    virtual std::optional<std::string> read(std::string_view path,
                                            std::size_t cap = k_default_read_cap) const = 0;
    /// What read() gives, as a FileText: for a reader that keeps a large file or scans it once
    /// (a kernel configuration, modules.order), which a directory root maps rather than copies.
    virtual std::optional<FileText> read_text(std::string_view path,
                                              std::size_t cap = k_default_read_cap) const;
    /// Opens a regular file for reading, for readers that need only parts of a large file (a
    /// module's .modinfo). Missing → an empty UniqueFd. Unreadable or not a regular file →
    /// InputError naming the path. `info`, when given, gets the file's size and times from the
    /// same fstat that found it regular (a survey of every sound module saves one call each).
    virtual UniqueFd open_file(std::string_view path, FileInfo* info = nullptr) const = 0;
    /// Follows links (inside the root). Missing → nullopt.
    virtual std::optional<FileInfo> stat(std::string_view path) const = 0;
    /// Does not follow a link in the last component.
    virtual std::optional<FileInfo> lstat(std::string_view path) const = 0;
    virtual std::optional<std::string> read_link(std::string_view path) const = 0;
    /// Entries of a directory, sorted by name; empty when it is missing or not a directory.
    virtual std::vector<DirEntry> list(std::string_view path) const = 0;
    /// The path on this machine's file system, with links resolved inside the root, for the
    /// libraries that only open real files (libkmod, libpci). nullopt for a root that lives in
    /// memory (a report), or when the path does not exist.
    virtual std::optional<std::string> host_path(std::string_view path) const = 0;

    bool exists(std::string_view path) const { return stat(path).has_value(); }
    bool is_dir(std::string_view path) const;
};

/// Whether a plain open() of `relative` below the directory `top` (what a library given a host
/// path does: libkmod, libpci) would be led out of `top` by a link: an absolute target, or ".."
/// past it. The kernel decides (openat2 RESOLVE_BENEATH) without looking at anything outside;
/// a missing path does not lead out.
bool leads_out_of(int top, const std::string& relative);

/// Opens the live system ("/") or a directory tree as a root. Throws InputError when `dir` is
/// not a readable directory.
std::unique_ptr<Root> open_dir_root(const std::string& dir, RootSource source);

/// A root held in memory: an alsa-info report read back, or a test's small tree.
class MemoryRoot : public Root {
  public:
    explicit MemoryRoot(std::string origin) : m_origin(std::move(origin)) {}

    void add_file(std::string path, std::string content, std::int64_t mtime = 0);
    void add_link(std::string path, std::string target);

    RootSource source() const override { return RootSource::report; }
    std::string origin() const override { return m_origin; }
    std::optional<std::string> read(std::string_view path,
                                    std::size_t cap = k_default_read_cap) const override;
    UniqueFd open_file(std::string_view path, FileInfo* info = nullptr) const override;
    std::optional<FileInfo> stat(std::string_view path) const override;
    std::optional<FileInfo> lstat(std::string_view path) const override;
    std::optional<std::string> read_link(std::string_view path) const override;
    std::vector<DirEntry> list(std::string_view path) const override;
    std::optional<std::string> host_path(std::string_view) const override { return std::nullopt; }

  private:
    struct Node {
        std::string content;  ///< file content, or the link target
        FileType type = FileType::regular;
        std::int64_t mtime = 0;
    };
    /// Resolves links and "..", staying inside the root; nullopt when the path is missing.
    std::optional<std::string> resolve(std::string_view path, bool follow_last) const;

    std::string m_origin;
    std::map<std::string, Node> m_nodes;  ///< normalised absolute paths; directories implied
};

/// Joins an absolute in-root path and a name: join("/proc/asound", "cards").
std::string join_path(std::string_view dir, std::string_view name);

/// The last component of a path ("snd-hda-intel.ko" for "/lib/modules/x/snd-hda-intel.ko").
std::string_view base_name(std::string_view path);

}  // namespace sndoctor
