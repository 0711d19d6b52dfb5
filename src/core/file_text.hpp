#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sndoctor {

/// A whole file's text, for a reader that keeps it or scans it once: held in a string, or, for
/// a large file read from a directory root, as a read-only mapping of the file. A mapping's pages
/// are the page cache's own, not fresh ones zeroed and then filled by a copy: in the test VM
/// every page a run first touches and every byte the kernel copies counts, and a kernel
/// configuration and modules.order read into strings (400 KiB) were 2% of a report.
///
/// A mapped file cut short while it is mapped (rewritten in place) would kill the program with
/// SIGBUS at the next read of a page past its new end. Here such a page reads as zeros from
/// then on, and intact() turns false.
class FileText {
  public:
    FileText() = default;
    explicit FileText(std::string text) : m_owned(std::move(text)) {}
    /// Maps the first `size` bytes (more than 0) of the open regular file `fd`; nullopt when it
    /// cannot be mapped (then the caller reads it).
    static std::optional<FileText> map(int fd, std::size_t size);

    FileText(FileText&& other) noexcept;
    FileText& operator=(FileText&& other) noexcept;
    FileText(const FileText&) = delete;
    FileText& operator=(const FileText&) = delete;
    ~FileText();

    std::string_view view() const {
        return m_mapped != nullptr ? std::string_view(m_mapped, m_size) : std::string_view(m_owned);
    }
    bool mapped() const { return m_mapped != nullptr; }
    /// False once part of the mapped file vanished while it was mapped: what was read since is
    /// not the file's text.
    bool intact() const;

  private:
    void unmap();

    std::string m_owned;
    const char* m_mapped = nullptr;
    std::size_t m_size = 0;
    int m_guard = -1;  ///< the slot that guards the mapping against SIGBUS
};

}  // namespace sndoctor
