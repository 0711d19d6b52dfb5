#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "temp_dir.hpp"

namespace sndoctor::testing {

/// A copy of a root (the demo, a fixture) in a private directory, with `outside/` beside it: the
/// place the hostile links lead to, which nothing may read or write. Paths named `relative` are
/// inside the root ("proc/asound/cards").
class HostileRoot {
  public:
    explicit HostileRoot(const std::filesystem::path& source);

    const std::filesystem::path& root() const { return m_root; }
    const std::filesystem::path& outside() const { return m_outside; }
    /// The private directory holding root/ and outside/ (and whatever else a test puts there).
    const std::filesystem::path& work() const { return m_work.path(); }
    std::filesystem::path at(std::string_view relative) const { return m_root / relative; }

    /// Replaces whatever is at `relative` (parents created) with a link to `target`.
    void link(std::string_view relative, const std::string& target) const;
    /// Replaces whatever is at `relative` with a fifo.
    void fifo(std::string_view relative) const;
    /// Replaces whatever is at `relative` with a character device (1,5: /dev/zero's numbers)
    /// when this process may make one (root); else with a unix socket, which is no regular file
    /// either. Returns "device" or "socket".
    std::string special_file(std::string_view relative) const;
    /// Replaces whatever is at `relative` with a sparse file of `size` bytes (no data blocks).
    void sparse(std::string_view relative, std::uint64_t size) const;
    /// "../" enough times to climb from the directory of `relative` to the root's parent, where
    /// outside/ is: a link at `relative` to climb_out(relative) + "outside/x" leads out.
    static std::string climb_out(std::string_view relative);
    /// Lets uid 65534 read the whole tree and reach it (the work directory is private, 0700).
    void open_to_others() const;

  private:
    void clear(std::string_view relative) const;

    TempDir m_work;
    std::filesystem::path m_root;
    std::filesystem::path m_outside;
};

}  // namespace sndoctor::testing
