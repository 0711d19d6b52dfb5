#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "core/root.hpp"

/// Writing to a codec's sysfs attributes (user_pin_configs, reconfig). These are not files to
/// replace atomically but kernel entry points: each write() is one command, and the kernel's
/// store functions read only the first line of it, so every entry is a write of its own. Kept
/// behind an interface so the retask logic can be tested with a recording writer.
namespace sndoctor::hda {

/// A write the kernel (or the file system) refused: which attribute, the errno, and what it
/// means there.
class SysfsWriteError : public std::runtime_error {
  public:
    SysfsWriteError(std::string path, int error_number, const std::string& explanation)
        : std::runtime_error(path + ": " + explanation),
          m_path(std::move(path)),
          m_error_number(error_number) {}

    const std::string& path() const { return m_path; }
    int error_number() const { return m_error_number; }

  private:
    std::string m_path;
    int m_error_number;
};

/// What an errno from writing a codec attribute means: EBUSY (the card is in use), EACCES and
/// EPERM (root only), ENOENT (the kernel has no such attribute), EINVAL (the kernel did not
/// take the entry), anything else as the system says it.
std::string explain_sysfs_errno(int error_number);

class SysfsWriter {
  public:
    virtual ~SysfsWriter() = default;

    /// Writes `text` (one entry, ending in a newline) to the attribute at `path` (inside the
    /// root) in a single write(). Throws SysfsWriteError.
    virtual void write(const std::string& path, const std::string& text) = 0;
    /// Whether this process may write the attribute at `path`; false means it needs root.
    virtual bool can_write(const std::string& path) const = 0;
};

/// The writer for the files of `root` (the live system, or a directory tree): each write
/// opens the path as resolved inside the root, write-only and never creating it (a missing
/// attribute is the kernel's answer, not a file to make), writes once and closes.
std::unique_ptr<SysfsWriter> open_sysfs_writer(const Root& root);

}  // namespace sndoctor::hda
