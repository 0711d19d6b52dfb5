#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sndoctor {

/// Where the user name a check looks at came from.
enum class UserSource { option, sudo, login, none };

/// Everything a check may want to know about the process and the moment, gathered once at the top
/// so that no check calls getuid(), time() or getenv() itself (tests set these fields).
struct Environment {
    std::string user;  ///< the user whose sound is being diagnosed; empty when unknown
    UserSource user_source = UserSource::none;
    std::int64_t now = 0;     ///< seconds since the epoch
    bool privileged = false;  ///< running with an effective uid of 0
    /// Group ids the current process holds (live system only): lets a check tell "in
    /// /etc/group but not yet in this login session".
    std::optional<std::vector<std::uint32_t>> session_gids;
    /// The real uid of the process (live system only): whether `session_gids` are the user's.
    std::optional<std::uint32_t> uid;
};

/// Reads the environment of this process: `user_option` (from --user) wins over SUDO_USER, which
/// wins over the login name. `live` says whether the root is this machine's "/", where the
/// process's own groups mean something.
Environment environment_from_process(const std::string& user_option, bool live);

}  // namespace sndoctor
