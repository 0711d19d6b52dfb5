// As a user who may not write the root: every fix that has something to change stops before its
// first change with the exact command to run as root, undo stops the same way, and a codec's
// hwdep node that cannot be opened is explained (CAP_SYS_RAWIO and the audio group).
//
// The unprivileged user: when the suite runs as root (scripts/test in CI), each sndoctor run
// drops to uid and gid 65534 (nobody on Debian) with no supplementary groups through setpriv
// (util-linux). That is how the suite "creates" its user: it adds none to the host's /etc, which
// tests never touch (DESIGN.md). When the suite does not run as root it is unprivileged already
// and runs sndoctor as it is.
#include <grp.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "fixture_cases.hpp"
#include "run_program.hpp"
#include "temp_dir.hpp"
#include "tree_snapshot.hpp"

namespace sndoctor {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::FixtureCase;
using testing::journal_manifests;
using testing::required_env;
using testing::run_program;
using testing::snapshot_tree;
using testing::TempDir;
using testing::with_user;

constexpr const char* k_nobody = "65534";
constexpr int k_needs_root = 4;  // fix, undo and hda verb: needs root, nothing was changed
const std::string k_journal_dir = "/var/lib/sndoctor/journal";

bool running_as_root() {
    return ::geteuid() == 0;
}

/// setpriv's full path (run_program does not search PATH); empty, with a failure, when missing.
std::string setpriv_path() {
    std::istringstream path(std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin");
    for (std::string dir; std::getline(path, dir, ':');)
        if (!dir.empty() && ::access((fs::path(dir) / "setpriv").c_str(), X_OK) == 0)
            return (fs::path(dir) / "setpriv").string();
    ADD_FAILURE() << "setpriv (util-linux) is not on PATH; scripts/install-deps --test";
    return {};
}

/// `argv` run as the unprivileged user (see the top of this file). Without a terminal and with
/// SUDO_USER empty, as the fixes suite runs the fixes: the user comes from --user.
testing::ProgramOutput run_unprivileged(std::vector<std::string> argv) {
    if (running_as_root()) {
        std::vector<std::string> dropped = {setpriv_path(), std::string("--reuid=") + k_nobody,
                                            std::string("--regid=") + k_nobody, "--clear-groups",
                                            "--"};
        dropped.insert(dropped.end(), argv.begin(), argv.end());
        argv = std::move(dropped);
    }
    return run_program(argv, {{"SUDO_USER", ""}});
}

/// A temporary directory the unprivileged user can walk into and read (mkdtemp makes it 0700);
/// what is below it decides what that user may write. Fails the test when a directory above it
/// is closed to others (a TMPDIR under /root), which would make every run a read error instead.
class SharedWorkDir {
  public:
    SharedWorkDir() {
        fs::permissions(m_dir.path(), fs::perms(0755));
        if (!running_as_root())
            return;
        for (fs::path dir = m_dir.path().parent_path(); dir != dir.root_path();
             dir = dir.parent_path()) {
            struct stat st {};
            if (::stat(dir.c_str(), &st) == 0 && (st.st_mode & S_IXOTH) == 0)
                ADD_FAILURE() << dir << " cannot be entered by uid " << k_nobody
                              << "; set TMPDIR to a directory others can enter";
        }
    }
    const fs::path& path() const { return m_dir.path(); }

  private:
    TempDir m_dir;
};

/// While it lives, no directory below `root` can be written by the unprivileged user: every
/// write bit is cleared (as root the copy is root's already, and clearing the group and other
/// bits also covers a fixture's world-writable directory; as a normal user the owner's bit is
/// what matters). The modes come back afterwards, so the tree can be removed or written again.
class ReadOnlyDirectories {
  public:
    explicit ReadOnlyDirectories(const fs::path& root) {
        m_modes[root] = fs::status(root).permissions();
        for (const auto& entry : fs::recursive_directory_iterator(root))
            if (entry.is_directory() && !entry.is_symlink())
                m_modes[entry.path()] = entry.status().permissions();
        for (const auto& [dir, mode] : m_modes)
            fs::permissions(dir, mode & ~fs::perms::owner_write & ~fs::perms::group_write &
                                     ~fs::perms::others_write);
    }
    ~ReadOnlyDirectories() {
        for (const auto& [dir, mode] : m_modes)
            fs::permissions(dir, mode);
    }
    ReadOnlyDirectories(const ReadOnlyDirectories&) = delete;
    ReadOnlyDirectories& operator=(const ReadOnlyDirectories&) = delete;

  private:
    std::map<fs::path, fs::perms> m_modes;
};

/// The journal's own files (snapshot_tree leaves them out); empty when there is none, so a
/// journal that appears is a difference.
testing::TreeSnapshot journal_snapshot(const fs::path& root) {
    fs::path dir = root / "var/lib/sndoctor";
    return fs::exists(dir) ? snapshot_tree(dir) : testing::TreeSnapshot{};
}

/// The lines fix_command.cpp prints when the plan writes where this user may not: the heading,
/// one indented line per path, and the command that repeats this one as root, word for word
/// ("sudo PROGRAM fix ID --yes --root DIR [--user U]", cli::as_root_command; PROGRAM is the
/// binary's full path, as sudo's secure_path does not reach the build tree).
std::string refusal_text(const std::set<std::string>& paths, const std::string& command) {
    std::string text = "Nothing was changed: these need root privileges to write:\n";
    for (const auto& path : paths)
        text += "  " + path + "\n";
    return text + "Run it as root: " + command + "\n";
}

std::string user_words(const FixtureCase& c) {
    return c.expect.contains("user") ? " --user " + c.expect["user"].get<std::string>() : "";
}

class FixWithoutRoot : public ::testing::TestWithParam<FixtureCase> {};

// One case, three runs on the same copy: the fix as the unprivileged user (refused), the fix as
// the test process (which may write; it tells what the plan changes), then undo as the
// unprivileged user (refused). The second run is the oracle for the first: a plan that changes
// files must be refused as a whole; a plan of manual steps only changes nothing and needs no
// root, so it must not be refused.
TEST_P(FixWithoutRoot, StopsBeforeItsFirstChangeWithTheCommandToRunAsRoot) {
    const FixtureCase& c = GetParam();
    const std::string bin = required_env("SNDOCTOR_BIN");
    const std::string program = fs::canonical(bin).string();
    SharedWorkDir work;
    const fs::path copy = work.path() / "root";
    // As root the copy is root's: copy_tree keeps the fixture's modes, and the owner is the one
    // who copies.
    testing::copy_tree(c.root, copy);
    const std::vector<std::string> fix_argv =
        with_user({bin, "fix", c.check, "--yes", "--root", copy.string()}, c.expect);

    const testing::TreeSnapshot original = snapshot_tree(copy);
    testing::ProgramOutput refused;
    {
        ReadOnlyDirectories read_only(copy);
        const testing::TreeSnapshot locked = snapshot_tree(copy);
        const testing::TreeSnapshot journal = journal_snapshot(copy);
        refused = run_unprivileged(fix_argv);
        EXPECT_EQ(testing::describe_difference(locked, snapshot_tree(copy)), "")
            << "the refused fix changed the tree\n"
            << refused.out;
        EXPECT_EQ(testing::describe_difference(journal, journal_snapshot(copy)), "")
            << "the refused fix wrote a journal\n"
            << refused.out;
    }

    // Whoever may write the copy (root in CI, the owner otherwise) applies it.
    auto applied = run_program(fix_argv, {{"SUDO_USER", ""}});
    auto manifests = journal_manifests(copy);
    if (manifests.empty()) {
        // A plan of manual steps only (ucm.install-ucm-conf, userspace.one-pulse-server, a
        // built-in driver that wants the kernel command line): nothing is written, by anyone,
        // so root is not asked for and the unprivileged user gets the very same steps and exit
        // code as root.
        ASSERT_NE(applied.out.find("sndoctor leaves these to you"), std::string::npos)
            << "the fix wrote no journal and named no manual steps: " << applied.out << applied.err;
        EXPECT_EQ(refused.exit_code, applied.exit_code) << refused.out << refused.err;
        EXPECT_EQ(refused.out.find("Run it as root"), std::string::npos) << refused.out;
        EXPECT_NE(refused.out.find("sndoctor leaves these to you"), std::string::npos)
            << refused.out;
        EXPECT_EQ(testing::describe_difference(original, snapshot_tree(copy)), "");
        return;
    }
    ASSERT_EQ(manifests.size(), 1u) << applied.out;

    // The fix: refused as a whole, naming every path it would have changed (the journal first
    // of all) and the command that repeats it as root.
    EXPECT_EQ(refused.exit_code, k_needs_root) << refused.out << refused.err;
    std::set<std::string> paths = {k_journal_dir};
    for (const auto& record : manifests[0]["records"])
        paths.insert(record["path"].get<std::string>());
    const std::string fix_command =
        "sudo " + program + " fix " + c.check + " --yes --root " + copy.string() + user_words(c);
    EXPECT_NE(refused.out.find(refusal_text(paths, fix_command)), std::string::npos)
        << "wanted:\n"
        << refusal_text(paths, fix_command) << "got:\n"
        << refused.out << refused.err;
    EXPECT_EQ(refused.out.find("Applied"), std::string::npos) << refused.out;

    // Undo of what root applied: refused before it restores anything.
    ReadOnlyDirectories read_only(copy);
    auto applied_tree = snapshot_tree(copy);
    auto applied_journal = journal_snapshot(copy);
    auto undo = run_unprivileged({bin, "undo", "--root", copy.string()});
    EXPECT_EQ(undo.exit_code, k_needs_root) << undo.out << undo.err;
    const std::string entry = manifests[0]["id"];
    EXPECT_EQ(undo.out,
              "Nothing was changed: undo needs root privileges here.\n"
              "Run it as root: sudo " +
                  program + " undo " + entry + " --root " + copy.string() + "\n")
        << undo.err;
    EXPECT_EQ(testing::describe_difference(applied_tree, snapshot_tree(copy)), "") << "after undo";
    EXPECT_EQ(testing::describe_difference(applied_journal, journal_snapshot(copy)), "")
        << "the journal changed";
    EXPECT_EQ(journal_manifests(copy)[0]["state"], "applied");
}

std::string case_name(const ::testing::TestParamInfo<FixtureCase>& info) {
    return testing::test_name_of(info.param);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixWithoutRoot,
                         ::testing::ValuesIn(testing::discover_fix_cases()), case_name);

// The list above is every fix case of the fixes suite; an empty one would prove nothing.
TEST(FixWithoutRoot, CoversTheFixCases) {
    EXPECT_GE(testing::discover_fix_cases().size(), 10u);
}

// `hda verb --root DIR` opens DIR/dev/snd/hwC0D0: here a file the unprivileged user may not
// open (root's, mode 0600; as a normal user, the user's own with mode 0000). The open fails
// with EACCES as it would on a real node, and the message must say what is missing: the node,
// CAP_SYS_RAWIO, and that the audio group is not enough. Nothing is written (no experiment
// log), and the exit code is 4.
TEST(HwdepWithoutPermission, NamesTheNodeCapSysRawioAndTheAudioGroup) {
    SharedWorkDir work;
    const fs::path root = work.path() / "root";
    fs::create_directories(root / "dev/snd");
    const fs::path node = root / "dev/snd/hwC0D0";
    std::ofstream(node) << "";
    const char* mode = running_as_root() ? "0600" : "0000";
    fs::permissions(node, running_as_root() ? fs::perms(0600) : fs::perms::none);
    auto before = snapshot_tree(root);

    auto verb =
        run_unprivileged({required_env("SNDOCTOR_BIN"), "hda", "verb", "--root", root.string(),
                          "--card", "0", "--codec", "0", "0x00", "PARAMETERS", "VENDOR_ID"});
    EXPECT_EQ(verb.exit_code, k_needs_root) << verb.out << verb.err;
    const std::string shown = node.string();
    EXPECT_TRUE(verb.err.starts_with("sndoctor: " + shown + ": permission denied\n")) << verb.err;
    // The owner and group as the message names them (root:root when the suite runs as root).
    struct stat st {};
    ASSERT_EQ(::stat(node.c_str(), &st), 0);
    const struct passwd* pw = ::getpwuid(st.st_uid);
    const struct group* gr = ::getgrgid(st.st_gid);
    const std::string owner = (pw ? std::string(pw->pw_name) : std::to_string(st.st_uid)) + ":" +
                              (gr ? std::string(gr->gr_name) : std::to_string(st.st_gid));
    EXPECT_NE(verb.err.find("the node is " + shown + " (mode " + mode + ", " + owner + ")"),
              std::string::npos)
        << verb.err;
    EXPECT_NE(verb.err.find("CAP_SYS_RAWIO"), std::string::npos) << verb.err;
    EXPECT_NE(verb.err.find("the audio group is not enough"), std::string::npos) << verb.err;
    EXPECT_NE(verb.err.find("Run it again as root (sudo)"), std::string::npos) << verb.err;
    EXPECT_EQ(verb.out, "");
    EXPECT_EQ(testing::describe_difference(before, snapshot_tree(root)), "");
}

}  // namespace
}  // namespace sndoctor
