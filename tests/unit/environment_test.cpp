// environment_from_process: whose sound is diagnosed (--user, then SUDO_USER, then the login).
#include "core/environment.hpp"

#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace sndoctor {
namespace {

/// Sets (or unsets) an environment variable for one test and puts the old value back after it,
/// so no test sees another's SUDO_USER.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, std::optional<std::string> value) : m_name(name) {
        if (const char* old = std::getenv(name))
            m_old = old;
        if (value)
            ::setenv(name, value->c_str(), 1);
        else
            ::unsetenv(name);
    }
    ~ScopedEnv() {
        if (m_old)
            ::setenv(m_name, m_old->c_str(), 1);
        else
            ::unsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

  private:
    const char* m_name;
    std::optional<std::string> m_old;
};

/// The name the process logs in as, the way the environment falls back to it.
std::string login_name() {
    if (const char* login = ::getlogin(); login && *login)
        return login;
    const passwd* pw = ::getpwuid(::getuid());
    return pw && pw->pw_name ? pw->pw_name : "";
}

TEST(Environment, TheUserOptionWinsOverSudoUser) {
    ScopedEnv sudo("SUDO_USER", "bob");
    Environment env = environment_from_process("alice", false);
    EXPECT_EQ(env.user, "alice");
    EXPECT_EQ(env.user_source, UserSource::option);
}

TEST(Environment, SudoUserWinsOverTheLogin) {
    ScopedEnv sudo("SUDO_USER", "bob");
    Environment env = environment_from_process("", false);
    EXPECT_EQ(env.user, "bob");
    EXPECT_EQ(env.user_source, UserSource::sudo);
}

TEST(Environment, WithoutOptionOrSudoUserTheLoginIsTheUser) {
    ScopedEnv sudo("SUDO_USER", std::nullopt);
    Environment env = environment_from_process("", false);
    if (login_name().empty()) {
        EXPECT_EQ(env.user_source, UserSource::none);  // a uid without a passwd entry
        EXPECT_EQ(env.user, "");
    } else {
        EXPECT_EQ(env.user_source, UserSource::login);
        EXPECT_EQ(env.user, login_name());
    }
}

TEST(Environment, AnEmptySudoUserCountsAsUnset) {
    ScopedEnv sudo("SUDO_USER", "");
    Environment env = environment_from_process("", false);
    EXPECT_NE(env.user_source, UserSource::sudo);
    EXPECT_EQ(env.user, login_name());
}

TEST(Environment, SessionGroupsOnlyForTheLiveSystem) {
    EXPECT_FALSE(environment_from_process("alice", false).session_gids.has_value());
    Environment live = environment_from_process("alice", true);
    ASSERT_TRUE(live.session_gids.has_value());
    const auto& gids = *live.session_gids;
    EXPECT_NE(std::find(gids.begin(), gids.end(), static_cast<std::uint32_t>(::getgid())),
              gids.end());
}

TEST(Environment, TimeAndPrivilegeComeFromTheProcess) {
    std::int64_t before = static_cast<std::int64_t>(std::time(nullptr));
    Environment env = environment_from_process("alice", false);
    std::int64_t after = static_cast<std::int64_t>(std::time(nullptr));
    EXPECT_GE(env.now, before);
    EXPECT_LE(env.now, after);
    EXPECT_EQ(env.privileged, ::geteuid() == 0);
}

}  // namespace
}  // namespace sndoctor
