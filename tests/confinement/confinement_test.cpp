// Root confinement: hostile roots built at run time (links out of the root, loops, fifos, device
// nodes, growing, unreadable and huge files) make the checks report the path and what is wrong,
// never hang or crash; fixes refuse to write through a link that leads out; and strace proves that
// check, report and fix touch nothing outside the root but what the program itself needs.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "file_text.hpp"
#include "file_trace.hpp"
#include "hostile_root.hpp"
#include "run_program.hpp"
#include "temp_dir.hpp"
#include "tree_snapshot.hpp"

namespace sndoctor {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::HostileRoot;
using testing::ProgramOutput;
using testing::required_env;

/// The demo's running release: its module directory is the one libkmod reads.
constexpr const char* k_release = "6.6.30-gentoo";
/// The demo's user (its /etc/passwd), so no run asks the host's user database who runs it.
constexpr const char* k_user = "alex";
constexpr const char* k_codec = "proc/asound/card1/codec#0";
constexpr const char* k_secret = "sndoctor-confinement-secret-7f3a9c";

enum class As { self, nobody };

/// sndoctor under `timeout`: a hang ends as exit 124 instead of stalling the suite. As nobody
/// (uid and gid 65534) when the suite runs as root, since root reads a mode-000 file anyway.
ProgramOutput sndoctor(std::vector<std::string> args, As who = As::self,
                       const std::map<std::string, std::string>& env = {}) {
    std::vector<std::string> argv = {"/usr/bin/timeout", "-k", "5", "20"};
    if (who == As::nobody && ::geteuid() == 0)
        argv.insert(argv.end(),
                    {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
    argv.push_back(required_env("SNDOCTOR_BIN"));
    argv.insert(argv.end(), args.begin(), args.end());
    return testing::run_program(argv, env);
}

/// The program ended by itself with one of `codes`: no hang, no signal, no sanitizer report.
void expect_ended_cleanly(const ProgramOutput& run, std::vector<int> codes) {
    EXPECT_NE(run.exit_code, 124) << "timed out: a hang\n" << run.out << run.err;
    EXPECT_LT(run.exit_code, 124) << "killed by a signal\n" << run.err;
    EXPECT_NE(std::find(codes.begin(), codes.end(), run.exit_code), codes.end())
        << "exit " << run.exit_code << "\n"
        << run.out << run.err;
    for (const char* report : {"runtime error:", "AddressSanitizer", "LeakSanitizer"})
        EXPECT_EQ(run.err.find(report), std::string::npos) << run.err;
}

json parse(const ProgramOutput& run) {
    auto doc = json::parse(run.out, nullptr, false);
    EXPECT_FALSE(doc.is_discarded()) << "not JSON:\n" << run.out << run.err;
    return doc;
}

json check_of(const json& doc, const std::string& id) {
    if (doc.is_object() && doc.contains("checks"))
        for (const auto& check : doc["checks"])
            if (check.value("id", "") == id)
                return check;
    ADD_FAILURE() << id << " is not in the output";
    return json::object();
}

/// One check on `root` as JSON, with the exit code it must end with.
json run_one(const HostileRoot& root, const std::string& id, int exit_code, As who = As::self) {
    auto run = sndoctor(
        {"check", "--root", root.root().string(), "--only", id, "--json", "--user", k_user}, who);
    expect_ended_cleanly(run, {exit_code});
    return check_of(parse(run), id);
}

/// Every check on `root` as JSON; the demo fails some checks whatever the test adds, so the
/// exit is 2 (or 3 when an error is all that is left).
json run_all(const HostileRoot& root) {
    auto run = sndoctor({"check", "--root", root.root().string(), "--json", "--user", k_user});
    expect_ended_cleanly(run, {2, 3});
    return parse(run);
}

/// The evidence line of `check` about `path`, or an empty string.
std::string evidence_about(const json& check, const std::string& path) {
    for (const auto& evidence : check.value("evidence", json::array()))
        if (evidence.value("path", "") == path)
            return evidence.value("text", "");
    return "";
}

/// `check` is an error whose summary names the in-root `path` and `reason`.
void expect_error_naming(const json& check, const std::string& path, const std::string& reason) {
    EXPECT_EQ(check.value("status", ""), "error") << check.dump(2);
    std::string summary = check.value("summary", "");
    EXPECT_NE(summary.find(path), std::string::npos) << summary;
    EXPECT_NE(summary.find(reason), std::string::npos) << summary;
}

fs::path demo() {
    return required_env("SNDOCTOR_DEMO");
}

// --- links out of the root -----------------------------------------------------------------

TEST(LinksOut, AnAbsoluteLinkIsResolvedInsideTheRoot) {
    // In the root, /proc/asound/cards → /proc/asound/cards is the link itself: a loop, never the
    // host's file.
    HostileRoot root(demo());
    root.link("proc/asound/cards", "/proc/asound/cards");
    auto check = run_one(root, "cards.present", 3);
    expect_error_naming(check, "/proc/asound/cards", "Too many levels of symbolic links");
}

TEST(LinksOut, ADotDotChainIsResolvedInsideTheRootAndNamed) {
    // In the root ".." stops at its top, so the chain leads back to the link itself: a loop,
    // never the host's /etc/modprobe.d, and the check says the directory was not read.
    HostileRoot root(demo());
    root.link("etc/modprobe.d", "../../../../../../etc/modprobe.d");
    auto check = run_one(root, "modprobe.card-aliases", 1);
    EXPECT_EQ(check.value("status", ""), "warn");
    const std::string reason = "/etc/modprobe.d: a link that leads nowhere inside the root";
    EXPECT_NE(check.value("summary", "").find(reason), std::string::npos) << check.dump(2);
}

/// The demo with links to outside/secret.conf by absolute path and by "../" chain where the
/// checks read (modprobe.d, the codec dump, asound.conf, the kernel log, a module index).
void add_secret_links(const HostileRoot& root) {
    std::ofstream(root.outside() / "secret.conf")
        << "options snd_hda_intel index=7 model=" << k_secret << "\n";
    const std::string absolute = (root.outside() / "secret.conf").string();
    auto by_chain = [](const std::string& at) {
        return HostileRoot::climb_out(at) + "outside/secret.conf";
    };
    root.link("etc/modprobe.d/a-absolute.conf", absolute);
    root.link("etc/modprobe.d/b-chain.conf", by_chain("etc/modprobe.d/b-chain.conf"));
    root.link(k_codec, absolute);
    root.link("etc/asound.conf", by_chain("etc/asound.conf"));
    root.link("var/log/dmesg", absolute);
    std::string alias = std::string("lib/modules/") + k_release + "/modules.alias";
    root.link(alias, by_chain(alias));
}

TEST(LinksOut, ASecretOutsideTheRootIsNeverShown) {
    HostileRoot root(demo());
    add_secret_links(root);
    // The links really lead to the secret for anyone who follows them on the host.
    ASSERT_NE(testing::read_file(root.at("etc/modprobe.d/b-chain.conf")).find(k_secret),
              std::string::npos);
    ASSERT_NE(testing::read_file(root.at("etc/modprobe.d/a-absolute.conf")).find(k_secret),
              std::string::npos);

    auto checked =
        sndoctor({"check", "--root", root.root().string(), "--json", "-v", "--user", k_user});
    expect_ended_cleanly(checked, {2, 3});
    EXPECT_EQ(checked.out.find(k_secret), std::string::npos) << checked.out;
    EXPECT_EQ(checked.err.find(k_secret), std::string::npos) << checked.err;
    // libkmod is refused the tree and says which link is why (the first it would read).
    auto stale = check_of(parse(checked), "modules.stale-snd");
    EXPECT_NE(stale.value("summary", "")
                  .find(std::string("/lib/modules/") + k_release +
                        "/modules.alias is a link that leads out of the root"),
              std::string::npos)
        << stale.dump(2);

    for (const char* format : {"alsa-info", "json"}) {
        fs::path report = root.work() / (std::string("report.") + format);
        auto reported = sndoctor({"report", "--root", root.root().string(), "--format", format,
                                  "-o", report.string(), "--user", k_user});
        expect_ended_cleanly(reported, {0});
        std::string text = testing::read_file(report);
        EXPECT_FALSE(text.empty()) << format;
        EXPECT_EQ(text.find(k_secret), std::string::npos) << format;
        EXPECT_EQ((reported.out + reported.err).find(k_secret), std::string::npos);
    }
}

// --- loops -------------------------------------------------------------------------------------

TEST(Loops, ALinkLoopWhereAFileIsExpectedIsAnErrorNamingIt) {
    HostileRoot root(demo());
    root.link("proc/asound/a", "b");
    root.link("proc/asound/b", "a");
    root.link("proc/asound/cards", "a");
    expect_error_naming(run_one(root, "cards.present", 3), "/proc/asound/cards",
                        "Too many levels of symbolic links");
    root.link("etc/group", "group2");
    root.link("etc/group2", "group");
    expect_error_naming(run_one(root, "user.audio-group", 3), "/etc/group",
                        "Too many levels of symbolic links");
}

TEST(Loops, ADirectoryLoopIsNotWalkedInto) {
    // Links back up the module tree: a walker that followed them would never end (or list the
    // same modules under ever longer paths).
    HostileRoot root(demo());
    std::string sound = std::string("lib/modules/") + k_release + "/kernel/sound";
    root.link(sound + "/up", "..");
    root.link(sound + "/core/loop", "../../sound");
    auto stale = check_of(run_all(root), "modules.stale-snd");
    EXPECT_EQ(stale.value("status", ""), "fail") << "the demo's stale module is still found";
    for (const auto& evidence : stale.value("evidence", json::array())) {
        std::string path = evidence.value("path", "");
        EXPECT_EQ(path.find("/up/"), std::string::npos) << path;
        EXPECT_EQ(path.find("/loop/"), std::string::npos) << path;
    }
}

// --- special files -----------------------------------------------------------------------------

TEST(SpecialFiles, AFifoWhereAFileIsExpectedNeitherHangsNorIsRead) {
    HostileRoot root(demo());
    root.fifo("proc/asound/cards");
    expect_error_naming(run_one(root, "cards.present", 3), "/proc/asound/cards",
                        "not a regular file");
    // libkmod opens its configuration and index without O_NONBLOCK, so a fifo there would
    // block it forever. In the configuration the fifo is left out of what libkmod gets (the
    // stale module is still found, through libkmod); as its index, libkmod is not started.
    root.fifo("etc/modprobe.d/fifo.conf");
    auto stale = check_of(run_all(root), "modules.stale-snd");
    EXPECT_EQ(stale.value("status", ""), "fail") << stale.dump(2);
    std::string index = std::string("lib/modules/") + k_release + "/modules.dep.bin";
    root.fifo(index);
    stale = check_of(run_all(root), "modules.stale-snd");
    EXPECT_EQ(stale.value("status", ""), "skip");
    EXPECT_NE(stale.value("summary", "").find("/" + index + " is not a regular file"),
              std::string::npos)
        << stale.dump(2);
}

TEST(SpecialFiles, ADeviceNodeWhereAFileIsExpectedIsAnErrorNamingIt) {
    HostileRoot root(demo());
    std::string made = root.special_file(k_codec);
    SCOPED_TRACE(made);
    // A device opens (O_NONBLOCK) and is refused as no regular file; a socket cannot be opened.
    expect_error_naming(run_one(root, "codec.eapd-off", 3), std::string("/") + k_codec,
                        made == "device" ? "not a regular file" : "No such device or address");
}

// --- growing, unreadable and huge files --------------------------------------------------------

TEST(Files, AFileThatGrowsWhileReadEndsTheRun) {
    HostileRoot root(demo());
    fs::path codec = root.at(k_codec);
    const auto start_size = fs::file_size(codec);
    std::atomic<bool> stop{false};
    std::atomic<std::uintmax_t> written{0};
    // Appends until the run is over (at most 256 MiB, so a stuck run cannot fill the disk).
    std::thread writer([&] {
        std::ofstream out(codec, std::ios::app | std::ios::binary);
        const std::string chunk(64 * 1024, '\n');
        while (!stop && written < 256u * 1024 * 1024) {
            out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
            out.flush();
            written += chunk.size();
        }
    });
    while (written == 0)
        std::this_thread::yield();
    auto run = sndoctor({"check", "--root", root.root().string(), "--only", "codec.eapd-off",
                         "--json", "--user", k_user});
    const auto size_at_end = fs::file_size(codec);
    stop = true;
    writer.join();
    EXPECT_GT(size_at_end, start_size) << "the file grew during the run";
    // Read at some moment (the demo's EAPD finding), or refused at the cap: either way named.
    expect_ended_cleanly(run, {1, 3});
    auto check = check_of(parse(run), "codec.eapd-off");
    if (check.value("status", "") == "error")
        expect_error_naming(check, std::string("/") + k_codec, "-byte limit");
    else
        EXPECT_EQ(check.value("status", ""), "warn") << check.dump(2);
}

TEST(Files, AnUnreadableFileIsAnErrorNamingIt) {
    HostileRoot root(demo());
    root.open_to_others();  // nobody must reach the tree to meet the one file it may not read
    fs::permissions(root.at("etc/group"), fs::perms::none);
    fs::permissions(root.at(k_codec), fs::perms::none);
    expect_error_naming(run_one(root, "user.audio-group", 3, As::nobody), "/etc/group",
                        "Permission denied");
    expect_error_naming(run_one(root, "codec.eapd-off", 3, As::nobody), std::string("/") + k_codec,
                        "Permission denied");
}

TEST(Files, AGibibyteSparseFileIsRefusedAtTheCapNotRead) {
    // Sparse: no disk used, and a reader that read it all would take 1 GiB of memory and time;
    // the suite's timeout bounds the run, no time is asserted.
    constexpr std::uint64_t k_gib = 1ull << 30;
    HostileRoot root(demo());
    root.sparse(k_codec, k_gib);
    expect_error_naming(run_one(root, "codec.eapd-off", 3), std::string("/") + k_codec,
                        "file is larger than the 4194304-byte limit");

    std::string config = std::string("boot/config-") + k_release;
    root.sparse(config, k_gib);
    expect_error_naming(run_one(root, "kernel.sound-config", 3), "/" + config, "-byte limit");

    std::string module =
        std::string("lib/modules/") + k_release + "/kernel/sound/pci/hda/snd-hda-intel.ko";
    root.sparse(module, k_gib);
    auto stale = check_of(run_all(root), "modules.stale-snd");
    EXPECT_NE(evidence_about(stale, "/" + module).find("cannot read it as a kernel module"),
              std::string::npos)
        << stale.dump(2);
}

// --- fixes refuse to write through a link out of the root --------------------------------------

struct RefusedFix {
    std::string fixture;   ///< <check>/<case> under SNDOCTOR_FIXTURES
    std::string dir;       ///< the directory the fix writes into, made a link out of the root
    std::string user;      ///< --user, when the expectation names one
    std::string reason;    ///< what the refusal says beside the path
    bool absolute = true;  ///< an absolute link, else a "../" chain
};

std::string refused_fix_name(const ::testing::TestParamInfo<RefusedFix>& info) {
    std::string name = info.param.fixture + (info.param.absolute ? "_absolute" : "_dotdot");
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    return name;
}

class FixesRefuse : public ::testing::TestWithParam<RefusedFix> {};

TEST_P(FixesRefuse, NothingOutsideIsWrittenAndUndoRestoresTheRoot) {
    const RefusedFix& c = GetParam();
    const std::string check = c.fixture.substr(0, c.fixture.find('/'));
    HostileRoot root(fs::path(required_env("SNDOCTOR_FIXTURES")) / c.fixture);
    // The link leads to outside/twin on the host. The same target read inside the root (where
    // "/" and ".." stay at its top) is a twin holding the same files, so the check still finds
    // what the fix would repair, and the fix has something to write.
    fs::path twin = root.outside() / "twin";
    std::string target =
        c.absolute ? twin.string() : HostileRoot::climb_out(c.dir) + "outside/twin";
    fs::path twin_in_root =
        c.absolute ? root.root() / twin.relative_path() : root.at("outside/twin");
    for (const fs::path& copy : {twin, twin_in_root}) {
        fs::create_directories(copy);
        if (fs::is_directory(root.at(c.dir)))
            fs::copy(root.at(c.dir), copy, fs::copy_options::recursive);
    }
    root.link(c.dir, target);
    ASSERT_TRUE(fs::equivalent(root.at(c.dir), twin)) << "the host follows the link out";

    std::vector<std::string> user;
    if (!c.user.empty())
        user = {"--user", c.user};
    std::vector<std::string> args = {"check", "--root", root.root().string(), "--only", check};
    args.insert(args.end(), user.begin(), user.end());
    // The check still warns or fails: the fix has work to do.
    expect_ended_cleanly(sndoctor(args), {1, 2});

    auto outside_before = testing::snapshot_tree(root.outside());
    auto root_before = testing::snapshot_tree(root.root());
    std::vector<std::string> fix = {"fix", check, "--yes", "--root", root.root().string()};
    fix.insert(fix.end(), user.begin(), user.end());
    auto applied = sndoctor(fix, As::self, {{"SUDO_USER", ""}});
    expect_ended_cleanly(applied, {3});
    std::string said = applied.out + applied.err;
    EXPECT_NE(said.find("/" + c.dir), std::string::npos) << said;
    EXPECT_NE(said.find(c.reason), std::string::npos) << said;
    EXPECT_EQ(testing::describe_difference(outside_before, testing::snapshot_tree(root.outside())),
              "")
        << "written outside the root";

    auto undone = sndoctor({"undo", "--root", root.root().string()});
    expect_ended_cleanly(undone, {0});
    EXPECT_EQ(testing::describe_difference(root_before, testing::snapshot_tree(root.root())), "");
    EXPECT_EQ(testing::describe_difference(outside_before, testing::snapshot_tree(root.outside())),
              "");
}

std::vector<RefusedFix> refused_fixes() {
    const std::string out = "refused: a link leads outside the root";
    std::vector<RefusedFix> cases = {
        {"cards.virmidi-index/fail-virmidi-first", "etc/modprobe.d", "", out},
        {"modprobe.card-aliases/fail-duplicate-index", "etc/modprobe.d", "", out},
        {"alsa.state-file/warn-gone-card", "var/lib/alsa", "", out},
        // The plan read /etc/group through the root (the twin); the executor's own look at it
        // is refused and it stops before its first change.
        {"user.audio-group/fail-not-member", "etc", "alice", out},
    };
    std::vector<RefusedFix> both;
    for (auto c : cases) {
        both.push_back(c);
        c.absolute = false;
        both.push_back(c);
    }
    return both;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixesRefuse, ::testing::ValuesIn(refused_fixes()),
                         refused_fix_name);

// --- the proof: every path touched, from strace ------------------------------------------------

/// What the program itself needs, outside any root. Each entry is read for the process, never
/// for the system it checks.
bool allowed_outside(const std::string& path, const std::string& touched_line, const fs::path& root,
                     const std::vector<std::string>& pids) {
    auto under = [&](const std::string& dir) { return path == dir || path.starts_with(dir + "/"); };
    // The dynamic loader: its cache, and the preload list it asks for (absent here).
    if (path == "/etc/ld.so.cache" || path == "/etc/ld.so.preload")
        return true;
    // Shared libraries (libc, libstdc++, libkmod, libpci, alsa-lib, ncurses, the sanitizers) in
    // the multiarch directories, with glibc's gconv modules below them; the loader in /lib64;
    // the locale archive. Not /lib/modules, /lib/modprobe.d or /lib/firmware.
    for (const std::string lib : {"/lib/", "/usr/lib/"})
        if (path.starts_with(lib) &&
            path.substr(lib.size(), path.find('/', lib.size()) - lib.size())
                .ends_with("-linux-gnu"))
            return true;
    if (under("/lib64") || under("/usr/lib/locale"))
        return true;
    // The time zone, for the report's and the journal's timestamps (localtime).
    if (path == "/etc/localtime" || under("/usr/share/zoneinfo"))
        return true;
    // The process's own /proc entries: /proc/self/fd/N names a descriptor opened inside the root
    // (Root::host_path), and the sanitizers read /proc/self/maps.
    if (under("/proc/self") || under("/proc/thread-self"))
        return true;
    for (const auto& pid : pids)
        if (under("/proc/" + pid))
            return true;
    // libkmod's kmod_new() parses the kernel command line for module options on every
    // context; sndoctor asks libkmod for no option or blacklist (it reads the root's own
    // /proc/cmdline through the root).
    if (path == "/proc/cmdline")
        return true;
    // run_program gives the child /dev/null as its standard input.
    if (path == "/dev/null")
        return true;
    // The program's data (data/hda-models.txt), beside the build it comes from.
    if (under(required_env("SNDOCTOR_SOURCE_ROOT") + "/data"))
        return true;
    // The root's own ancestors, as readlink() only: libpci resolves a device's driver link with
    // realpath(), which looks at every component of the root's path (that they are no links).
    if (touched_line.starts_with("readlink(") && root.string().starts_with(path + "/"))
        return true;
    // The program itself, executed.
    if (path == fs::weakly_canonical(required_env("SNDOCTOR_BIN")).string())
        return true;
    // The leak sanitizer's suppression file, under ASan.
    if (const char* lsan = std::getenv("LSAN_OPTIONS"))
        if (std::string options = lsan; options.find("suppressions=" + path) != std::string::npos)
            return true;
    return false;
}

/// Every path the traced runs in `log_dir` touched outside `root` and `own` (the directory of
/// the output file), as "path  ←  strace line".
std::vector<std::string> touched_outside(const fs::path& log_dir, const fs::path& root,
                                         const fs::path& own) {
    std::vector<std::string> outside;
    auto pids = testing::traced_pids(log_dir);
    auto inside = [](const std::string& path, const fs::path& dir) {
        return path == dir.string() || path.starts_with(dir.string() + "/");
    };
    for (const auto& touched : testing::touched_paths(log_dir))
        if (!inside(touched.path, root) && !inside(touched.path, own) &&
            !allowed_outside(touched.path, touched.line, root, pids))
            outside.push_back(touched.path + "  <-  " + touched.line);
    std::sort(outside.begin(), outside.end());
    outside.erase(std::unique(outside.begin(), outside.end()), outside.end());
    return outside;
}

/// The paths a test names as never to be touched, among those the runs in `log_dir` touched.
std::vector<std::string> forbidden_touched(const fs::path& log_dir, const fs::path& outside) {
    std::vector<std::string> hits;
    for (const auto& touched : testing::touched_paths(log_dir))
        for (const std::string& forbidden :
             {outside.string(), std::string("/etc/modprobe.d"), std::string("/proc/asound"),
              std::string("/sys/class/sound"), std::string("/lib/modules"), std::string("/sys"),
              std::string("/dev/snd"), std::string("/etc/passwd"), std::string("/etc/group")})
            if (touched.path == forbidden || touched.path.starts_with(forbidden + "/"))
                hits.push_back(touched.path + "  <-  " + touched.line);
    return hits;
}

TEST(Proof, CheckReportAndFixTouchNothingOutsideTheRoot) {
    HostileRoot root(demo());
    add_secret_links(root);
    fs::path own = root.work() / "own";
    fs::create_directories(own);
    fs::path logs = root.work() / "logs";
    const std::string bin = required_env("SNDOCTOR_BIN");

    auto checked = testing::run_traced(
        {bin, "check", "--root", root.root().string(), "--json", "-v", "--user", k_user},
        logs / "check");
    expect_ended_cleanly(checked, {2, 3});
    auto reported = testing::run_traced({bin, "report", "--root", root.root().string(), "-o",
                                         (own / "report.txt").string(), "--user", k_user},
                                        logs / "report");
    expect_ended_cleanly(reported, {0});

    // A fix that succeeds (it writes, journals and checks again) on a fixture with the same
    // links to the secret in the directory it writes into.
    HostileRoot fixture(fs::path(required_env("SNDOCTOR_FIXTURES")) /
                        "modprobe.card-aliases/fail-duplicate-index");
    add_secret_links(fixture);
    auto fixed = testing::run_traced({bin, "fix", "modprobe.card-aliases", "--yes", "--root",
                                      fixture.root().string(), "--user", k_user},
                                     logs / "fix", {{"SUDO_USER", ""}});
    expect_ended_cleanly(fixed, {0});
    EXPECT_NE(testing::read_file(fixture.at("etc/modprobe.d/alsa.conf")).find("sndoctor"),
              std::string::npos)
        << "the fix wrote inside the root\n"
        << fixed.out << fixed.err;

    for (const char* run : {"check", "report"}) {
        SCOPED_TRACE(run);
        // The trace saw the program read the root: an empty log would prove nothing.
        auto touched = testing::touched_paths(logs / run);
        EXPECT_TRUE(std::any_of(touched.begin(), touched.end(), [&](const auto& t) {
            return t.path == root.at("etc/modprobe.d/alsa.conf").string();
        }));
        std::string listed;
        for (const auto& line : touched_outside(logs / run, root.root(), own))
            listed += line + "\n";
        EXPECT_EQ(listed, "");
        listed.clear();
        for (const auto& line : forbidden_touched(logs / run, root.outside()))
            listed += line + "\n";
        EXPECT_EQ(listed, "");
    }
    std::string listed;
    for (const auto& line : touched_outside(logs / "fix", fixture.root(), own))
        listed += line + "\n";
    for (const auto& line : forbidden_touched(logs / "fix", fixture.outside()))
        listed += line + "\n";
    EXPECT_EQ(listed, "") << "fix";
}

}  // namespace
}  // namespace sndoctor
