// The strace log parser that the confinement proof rests on: a path it missed would be a path
// the proof never checked.
#include "file_trace.hpp"

#include <gtest/gtest.h>

namespace sndoctor::testing {
namespace {

std::vector<std::string> paths_of(const std::string& line) {
    std::vector<std::string> paths;
    for (const auto& touched : touched_paths_of_line(line, "/cwd"))
        paths.push_back(touched.path);
    return paths;
}

using Paths = std::vector<std::string>;

TEST(FileTrace, APlainOpenNamesItsPathAndTheFileReached) {
    EXPECT_EQ(
        paths_of(
            R"(openat(AT_FDCWD</cwd>, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3</etc/ld.so.cache>)"),
        (Paths{"/etc/ld.so.cache", "/etc/ld.so.cache"}));
}

TEST(FileTrace, ALinkFollowedOutIsSeenInTheDescriptorTheCallReturns) {
    EXPECT_EQ(
        paths_of(
            R"(openat(AT_FDCWD</cwd>, "/r/etc/modprobe.d/x.conf", O_RDONLY) = 4</outside/secret.conf>)"),
        (Paths{"/outside/secret.conf", "/r/etc/modprobe.d/x.conf"}));
}

TEST(FileTrace, ARelativeNameJoinsItsDirectoryDescriptor) {
    EXPECT_EQ(
        paths_of(R"(newfstatat(5</r/lib>, "modules/../x", {st_mode=S_IFREG|0644, ...}, 0) = 0)"),
        (Paths{"/r/lib", "/r/lib/x"}));
    EXPECT_EQ(
        paths_of(
            R"(openat(AT_FDCWD</cwd>, "rel", O_RDONLY) = -1 ENOENT (No such file or directory))"),
        (Paths{"/cwd/rel"}));
}

TEST(FileTrace, ResolveInRootKeepsDotDotAtTheTop) {
    EXPECT_EQ(
        paths_of(
            R"(openat2(3</r>, "../../etc/x", {flags=O_RDONLY|O_CLOEXEC, resolve=RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT}, 24) = -1 ENOENT (No such file or directory))"),
        (Paths{"/r", "/r/etc/x"}));
}

TEST(FileTrace, EmptyPathMeansTheDescriptorItself) {
    EXPECT_EQ(
        paths_of(
            R"(newfstatat(4</r/etc/group>, "", {st_mode=S_IFREG|0644, st_size=1, ...}, AT_EMPTY_PATH) = 0)"),
        (Paths{"/r/etc/group", "/r/etc/group"}));
}

TEST(FileTrace, OnlyTheNamesUsedCountNotALinksTargetOrAnAttributeName) {
    EXPECT_EQ(paths_of(R"(readlink("/proc/self/fd/3", "/r/x", 4096) = 4)"),
              (Paths{"/proc/self/fd/3"}));
    EXPECT_EQ(paths_of(R"(symlinkat("/anywhere", 3</r/etc>, ".tmp-x") = 0)"),
              (Paths{"/r/etc", "/r/etc/.tmp-x"}));
    EXPECT_EQ(
        paths_of(
            R"(getxattr("/r/dev/snd/controlC0", "system.posix_acl_access", 0x7ff, 1024) = -1 ENODATA)"),
        (Paths{"/r/dev/snd/controlC0"}));
}

TEST(FileTrace, BothPathsOfARenameCount) {
    EXPECT_EQ(paths_of(R"(renameat(3</r/etc>, ".tmp", 4</o>, "x") = 0)"),
              (Paths{"/r/etc", "/o", "/r/etc/.tmp", "/o/x"}));
}

TEST(FileTrace, EscapedNamesAreUnescaped) {
    EXPECT_EQ(
        paths_of(
            R"(openat(AT_FDCWD</cwd>, "/r/a\"b\\c\x41", O_RDONLY) = -1 ENOENT (No such file or directory))"),
        (Paths{"/r/a\"b\\cA"}));
}

TEST(FileTrace, AnUnknownCallHasEveryStringTakenAsAPath) {
    EXPECT_EQ(paths_of(R"(fanotify_mark(3, FAN_MARK_ADD, FAN_OPEN, AT_FDCWD</cwd>, "/x") = 0)"),
              (Paths{"/x"}));
}

}  // namespace
}  // namespace sndoctor::testing
