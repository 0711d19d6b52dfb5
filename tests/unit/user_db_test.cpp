#include "facts/user_db.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "checks/checks.hpp"
#include "core/error.hpp"
#include "facts/facts.hpp"

namespace sndoctor {
namespace {

const std::string k_passwd =
    "root:x:0:0:root:/root:/bin/bash\n"
    "alex:x:1000:1000:Alex:/home/alex:/bin/bash\n"
    "mpd:x:105:18:Music Player Daemon:/var/lib/mpd:/usr/sbin/nologin\n";
const std::string k_group =
    "root:x:0:root\n"
    "audio:x:18:mpd, alex\n"
    "video:x:27:\n"
    "alex:x:1000:\n";

TEST(UserDb, ParsesUsersAndGroups) {
    auto db = UserDb::parse(k_passwd, k_group);
    EXPECT_TRUE(db.passwd_present);
    EXPECT_TRUE(db.group_present);
    EXPECT_TRUE(db.problems.empty());
    ASSERT_EQ(db.users.size(), 3u);
    const PasswdEntry* alex = db.find_user("alex");
    ASSERT_NE(alex, nullptr);
    EXPECT_EQ(alex->uid, 1000u);
    EXPECT_EQ(alex->gid, 1000u);
    EXPECT_EQ(alex->line, 2);
    EXPECT_EQ(alex->text, "alex:x:1000:1000:Alex:/home/alex:/bin/bash");
    EXPECT_EQ(alex->home, "/home/alex");
    EXPECT_EQ(db.find_user("mpd")->gid, 18u);

    const GroupEntry* audio = db.find_group("audio");
    ASSERT_NE(audio, nullptr);
    EXPECT_EQ(audio->gid, 18u);
    EXPECT_EQ(audio->line, 2);
    EXPECT_EQ(audio->members, (std::vector<std::string>{"mpd", "alex"}));
    EXPECT_TRUE(db.find_group("video")->members.empty());
    EXPECT_EQ(db.find_group("plugdev"), nullptr);
    EXPECT_EQ(db.find_user("nobody"), nullptr);
}

TEST(UserDb, TheFirstEntryOfANameWins) {
    auto db = UserDb::parse(std::nullopt, "audio:x:18:alex\naudio:x:63:\n");
    EXPECT_EQ(db.find_group("audio")->gid, 18u);
}

TEST(UserDb, MissingFilesAreNotedNotErrors) {
    auto db = UserDb::parse(std::nullopt, std::nullopt);
    EXPECT_FALSE(db.passwd_present);
    EXPECT_FALSE(db.group_present);
    EXPECT_TRUE(db.users.empty());
}

TEST(UserDb, SkipsBlankCommentAndNisLines) {
    auto db = UserDb::parse("# local users\n\n+@admins::::::\n" + k_passwd + "+\n",
                            "\n# groups\n" + k_group + "-badguys\n");
    EXPECT_TRUE(db.problems.empty());
    EXPECT_EQ(db.users.size(), 3u);
    EXPECT_EQ(db.groups.size(), 4u);
    EXPECT_EQ(db.find_group("audio")->line, 4);
}

TEST(UserDb, ReadsCrlfLines) {
    auto db = UserDb::parse("alex:x:1000:1000::/home/alex:/bin/sh\r\n", "audio:x:18:alex\r\n");
    EXPECT_TRUE(db.problems.empty());
    EXPECT_EQ(db.find_group("audio")->members, (std::vector<std::string>{"alex"}));
    EXPECT_EQ(db.find_user("alex")->text, "alex:x:1000:1000::/home/alex:/bin/sh");
}

TEST(UserDb, MalformedLinesBecomeProblemsWithTheirLines) {
    auto db = UserDb::parse(
        "root:x:0:0:root:/root:/bin/bash\n"
        "alex:x:1000\n"                            // too few fields
        "bob:x:-5:100::/home/bob:/bin/sh\n"        // negative uid
        "carol:x:4294967296:1::/home/c:/bin/sh\n"  // uid beyond 32 bits
        ":x:7:7::/:/bin/sh\n"                      // no name
        "dave:x:1001:1001:Dave:/home/dave:/bin/sh\n",
        "audio:x:eighteen:alex\n"
        "video:x:27:alex:extra\n"
        "plugdev:x:46:alex\n");
    EXPECT_EQ(db.users.size(), 2u);
    EXPECT_EQ(db.groups.size(), 1u);
    ASSERT_EQ(db.problems.size(), 6u);
    EXPECT_EQ(db.problems[0].path, UserDb::k_passwd_path);
    EXPECT_EQ(db.problems[0].line, 2);
    EXPECT_NE(db.problems[0].reason.find("alex:x:1000"), std::string::npos);
    EXPECT_EQ(db.problems[3].line, 5);
    EXPECT_EQ(db.problems[4].path, UserDb::k_group_path);
    EXPECT_EQ(db.problems[4].line, 1);
    EXPECT_EQ(db.problems[5].line, 2);
}

TEST(UserDb, TruncatedFilesKeepTheWholeLines) {
    std::string passwd = k_passwd.substr(0, k_passwd.find("mpd:x:1") + 7);
    std::string group = k_group.substr(0, k_group.find("video:x") + 7);
    auto db = UserDb::parse(passwd, group);
    EXPECT_EQ(db.users.size(), 2u);
    EXPECT_EQ(db.groups.size(), 2u);
    ASSERT_EQ(db.problems.size(), 2u);
    EXPECT_EQ(db.problems[0].line, 3);
    EXPECT_EQ(db.problems[1].line, 3);
}

TEST(UserDb, EveryPrefixParsesWithoutCrashing) {
    for (std::size_t size = 0; size <= k_passwd.size(); ++size)
        EXPECT_NO_THROW(UserDb::parse(k_passwd.substr(0, size), k_group.substr(0, size)));
}

TEST(UserDb, BinaryFilesAreInputErrorsNamingTheFile) {
    std::string binary(
        "\x7f"
        "ELF\x02\x01\x01\x00\x00\x00root:x:0:0",
        20);
    try {
        UserDb::parse(binary, k_group);
        FAIL() << "binary passwd accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), UserDb::k_passwd_path);
    }
    try {
        UserDb::parse(k_passwd, binary);
        FAIL() << "binary group accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), UserDb::k_group_path);
    }
}

TEST(UserDb, OversizedGroupFileIsAnInputError) {
    MemoryRoot root("test");
    root.add_file(UserDb::k_passwd_path, k_passwd);
    root.add_file(UserDb::k_group_path, std::string(k_default_read_cap + 1, 'a'));
    Facts facts(root, Environment{});
    EXPECT_THROW(facts.get<UserDb>(), InputError);
}

TEST(UserDb, LoadReadsBothFiles) {
    MemoryRoot root("test");
    root.add_file(UserDb::k_passwd_path, k_passwd);
    root.add_file(UserDb::k_group_path, k_group);
    Facts facts(root, Environment{});
    EXPECT_EQ(facts.get<UserDb>().find_group("audio")->members.size(), 2u);
}

/// The kernel's xattr form of an access ACL: version 2, then {tag, perm, id} entries.
std::string acl_bytes(const std::vector<std::array<std::uint32_t, 3>>& entries,
                      std::uint32_t version = 2) {
    std::string out;
    auto put = [&](std::uint32_t value, int bytes) {
        for (int i = 0; i < bytes; ++i)
            out += static_cast<char>((value >> (8 * i)) & 0xff);
    };
    put(version, 4);
    for (const auto& [tag, perm, id] : entries) {
        put(tag, 2);
        put(perm, 2);
        put(id, 4);
    }
    return out;
}

TEST(SeatAccess, ReadsTheUsersOfAnAccessAcl) {
    // user::rw- user:1000:rw- group::rw- mask::rw- other::---, as logind's uaccess leaves it.
    std::string value = acl_bytes({{0x01, 6, 0xffffffff},
                                   {0x02, 6, 1000},
                                   {0x04, 6, 0xffffffff},
                                   {0x10, 6, 0xffffffff},
                                   {0x20, 0, 0xffffffff}});
    auto users = SeatAccess::parse_acl_users(value);
    ASSERT_TRUE(users);
    EXPECT_EQ(*users, (std::vector<std::uint32_t>{1000}));
}

TEST(SeatAccess, AnAclWithoutUserEntriesNamesNobody) {
    auto users = SeatAccess::parse_acl_users(acl_bytes({{0x01, 6, 0xffffffff}, {0x20, 0, 0}}));
    ASSERT_TRUE(users);
    EXPECT_TRUE(users->empty());
}

TEST(SeatAccess, RejectsWhatIsNotAnAcl) {
    EXPECT_FALSE(SeatAccess::parse_acl_users(""));
    EXPECT_FALSE(SeatAccess::parse_acl_users("ab"));
    EXPECT_FALSE(SeatAccess::parse_acl_users(acl_bytes({{0x02, 6, 1000}}, 1)));
    std::string truncated = acl_bytes({{0x02, 6, 1000}});
    truncated.pop_back();
    EXPECT_FALSE(SeatAccess::parse_acl_users(truncated));
    EXPECT_FALSE(SeatAccess::parse_acl_users(std::string(64, '\xff')));
}

TEST(SeatAccess, SeesLogindSeatsInTheRootButNoAclsOutsideTheLiveSystem) {
    MemoryRoot root("test");
    root.add_file("/run/systemd/seats/seat0", "ACTIVE_UID=1000\n");
    root.add_file("/dev/snd/controlC0", "");
    Facts facts(root, Environment{});
    const auto& seats = facts.get<SeatAccess>();
    EXPECT_TRUE(seats.seats_present);
    EXPECT_TRUE(seats.device_acls.empty());
}

// The paths of user.audio-group that fixture roots cannot reach: they depend on the process
// (Environment), which the fixture runner cannot set.
class AudioGroupCheck : public ::testing::Test {
  protected:
    AudioGroupCheck() {
        m_root.add_file(UserDb::k_passwd_path, k_passwd);
        m_root.add_file(UserDb::k_group_path, k_group);
    }
    Finding run(Environment env) {
        Facts facts(m_root, std::move(env));
        return checks::audio_group.run(facts);
    }
    /// A process of uid `uid` holding `gids`, checking alex (uid 1000).
    static Environment login_session(std::vector<std::uint32_t> gids, std::uint32_t uid = 1000) {
        Environment env;
        env.user = "alex";
        env.user_source = UserSource::login;
        env.session_gids = std::move(gids);
        env.uid = uid;
        return env;
    }

    MemoryRoot m_root{"test"};
};

TEST_F(AudioGroupCheck, SkipsWithoutAUser) {
    auto finding = run(Environment{});
    EXPECT_EQ(finding.status, Status::skip);
    EXPECT_NE(finding.summary.find("--user"), std::string::npos);
}

TEST_F(AudioGroupCheck, WarnsWhenTheSessionHasNotPickedUpTheGroup) {
    auto finding = run(login_session({1000, 27}));
    EXPECT_EQ(finding.status, Status::warn);
    EXPECT_NE(finding.summary.find("not picked it up"), std::string::npos);
    EXPECT_FALSE(finding.evidence.empty());
}

TEST_F(AudioGroupCheck, PassesWhenTheSessionHoldsTheGroup) {
    EXPECT_EQ(run(login_session({1000, 18, 27})).status, Status::pass);
}

TEST_F(AudioGroupCheck, IgnoresTheProcessGroupsOfAnotherUser) {
    // Run through sudo: the process is root's, so its groups say nothing about alex's session.
    Environment env = login_session({0}, 0);
    env.user_source = UserSource::sudo;
    EXPECT_EQ(run(env).status, Status::pass);
    // su'd to another account from alex's terminal: the login name is alex, the groups are not.
    EXPECT_EQ(run(login_session({0, 10}, 0)).status, Status::pass);
    // alex names himself with --user: his own process, so his session counts.
    Environment own = login_session({1000, 27});
    own.user_source = UserSource::option;
    EXPECT_EQ(run(own).status, Status::warn);
}

TEST_F(AudioGroupCheck, FailsWithTheFixLinkedWhenNotAMember) {
    Environment env;
    env.user = "root";
    env.user_source = UserSource::option;
    auto finding = run(env);
    EXPECT_EQ(finding.status, Status::fail);
    EXPECT_EQ(finding.fixes, (std::vector<std::string_view>{"user.add-to-audio"}));
}

}  // namespace
}  // namespace sndoctor
