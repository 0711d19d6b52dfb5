#include "core/environment.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>

namespace sndoctor {

Environment environment_from_process(const std::string& user_option, bool live) {
    Environment env;
    env.now = static_cast<std::int64_t>(std::time(nullptr));
    env.privileged = ::geteuid() == 0;
    if (!user_option.empty()) {
        env.user = user_option;
        env.user_source = UserSource::option;
    } else if (const char* sudo_user = std::getenv("SUDO_USER"); sudo_user && *sudo_user) {
        env.user = sudo_user;
        env.user_source = UserSource::sudo;
    } else if (const char* login = ::getlogin(); login && *login) {
        env.user = login;
        env.user_source = UserSource::login;
    } else if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name) {
        env.user = pw->pw_name;
        env.user_source = UserSource::login;
    }
    if (live) {
        int count = ::getgroups(0, nullptr);
        std::vector<gid_t> gids(count > 0 ? static_cast<std::size_t>(count) : 0);
        if (count > 0)
            count = ::getgroups(count, gids.data());
        std::vector<std::uint32_t> session(gids.begin(), gids.begin() + (count > 0 ? count : 0));
        session.push_back(::getgid());
        env.session_gids = std::move(session);
        env.uid = ::getuid();
    }
    return env;
}

}  // namespace sndoctor
