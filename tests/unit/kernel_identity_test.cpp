#include "facts/kernel_identity.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/root.hpp"
#include "facts/facts.hpp"

namespace sndoctor {
namespace {

const std::string k_debian_version =
    "Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) "
    "12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 "
    "(2024-02-01)";

KernelIdentity load(const MemoryRoot& root) {
    Facts facts(root, Environment{});
    return KernelIdentity::load(facts);
}

TEST(KernelIdentityParse, ProcVersionGivesReleaseAndBuildString) {
    auto identity = KernelIdentity::parse_proc_version(k_debian_version);
    ASSERT_TRUE(identity);
    EXPECT_EQ(identity->release, "6.1.0-18-amd64");
    EXPECT_EQ(identity->version, "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)");
}

TEST(KernelIdentityParse, ProcVersionWithoutBuildStringKeepsTheRelease) {
    auto identity = KernelIdentity::parse_proc_version("Linux version 2.6.32-old (gcc 4.4.5)");
    ASSERT_TRUE(identity);
    EXPECT_EQ(identity->release, "2.6.32-old");
    EXPECT_EQ(identity->version, "");
}

TEST(KernelIdentityParse, OtherTextIsNotAProcVersion) {
    EXPECT_FALSE(KernelIdentity::parse_proc_version("FreeBSD 14.0-RELEASE"));
    EXPECT_FALSE(KernelIdentity::parse_proc_version("Linux version "));
    EXPECT_FALSE(KernelIdentity::parse_proc_version("Linux version  (no release)"));
    EXPECT_FALSE(KernelIdentity::parse_proc_version(""));
}

TEST(KernelIdentityLoad, ReadsOsreleaseAndVersionWithEvidence) {
    MemoryRoot root("test");
    root.add_file("/proc/sys/kernel/osrelease", "6.6.30-gentoo\n");
    root.add_file("/proc/sys/kernel/version",
                  "#1 SMP PREEMPT_DYNAMIC Tue May 14 10:12:03 CEST 2024\n");
    root.add_file("/proc/version", "Linux version 9.9.9-ignored (x) #9 SMP\n");
    auto identity = load(root);
    EXPECT_EQ(identity.release, "6.6.30-gentoo");
    EXPECT_EQ(identity.version, "#1 SMP PREEMPT_DYNAMIC Tue May 14 10:12:03 CEST 2024");
    EXPECT_EQ(identity.release_evidence.path, "/proc/sys/kernel/osrelease");
    EXPECT_EQ(identity.release_evidence.line, 1);
    EXPECT_EQ(identity.version_evidence.path, "/proc/sys/kernel/version");
}

TEST(KernelIdentityLoad, FallsBackToProcVersion) {
    MemoryRoot root("test");
    root.add_file("/proc/version", k_debian_version + "\r\n");
    auto identity = load(root);
    EXPECT_EQ(identity.release, "6.1.0-18-amd64");
    EXPECT_EQ(identity.version, "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)");
    EXPECT_EQ(identity.release_evidence.path, "/proc/version");
    EXPECT_EQ(identity.version_evidence.path, "/proc/version");
}

TEST(KernelIdentityLoad, FillsOnlyWhatIsMissingFromProcVersion) {
    MemoryRoot root("test");
    root.add_file("/proc/sys/kernel/osrelease", "6.6.30-gentoo\n");
    root.add_file("/proc/version", k_debian_version + "\n");
    auto identity = load(root);
    EXPECT_EQ(identity.release, "6.6.30-gentoo");
    EXPECT_EQ(identity.release_evidence.path, "/proc/sys/kernel/osrelease");
    EXPECT_EQ(identity.version, "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)");
    EXPECT_EQ(identity.version_evidence.path, "/proc/version");
}

TEST(KernelIdentityLoad, NothingKnownIsEmptyNotAnError) {
    MemoryRoot root("test");
    auto identity = load(root);
    EXPECT_EQ(identity.release, "");
    EXPECT_EQ(identity.version, "");
}

TEST(KernelIdentityBadInput, BinaryOsreleaseNamesTheFile) {
    MemoryRoot root("test");
    root.add_file("/proc/sys/kernel/osrelease", std::string("\x7f"
                                                            "ELF\0\0\x01",
                                                            7));
    try {
        load(root);
        FAIL() << "binary osrelease accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), "/proc/sys/kernel/osrelease");
        EXPECT_NE(e.reason().find("binary"), std::string::npos);
    }
}

TEST(KernelIdentityBadInput, EmptyOrTruncatedFilesAreErrors) {
    MemoryRoot empty("test");
    empty.add_file("/proc/sys/kernel/osrelease", "\n");
    EXPECT_THROW(load(empty), InputError);

    MemoryRoot cut("test");
    cut.add_file("/proc/version", "Linux vers");
    EXPECT_THROW(load(cut), InputError);
}

TEST(KernelIdentityBadInput, OversizedFileIsAnError) {
    MemoryRoot root("test");
    root.add_file("/proc/sys/kernel/osrelease", std::string(100 * 1024, '6'));
    EXPECT_THROW(load(root), InputError);
}

// Checks build paths from the release (/lib/modules/<release>); a release that is no single
// word, or that climbs out of the directory, must not get that far.
TEST(KernelIdentityBadInput, ReleaseThatIsNoSingleWordIsRefused) {
    for (std::string bad : {"6.6.30 gentoo", "../../etc", "..", "6.6/30"}) {
        MemoryRoot root("test");
        root.add_file("/proc/sys/kernel/osrelease", bad + "\n");
        EXPECT_THROW(load(root), InputError) << bad;
    }
    MemoryRoot proc_version("test");
    proc_version.add_file("/proc/version", "Linux version ../../etc (x) #1 SMP\n");
    EXPECT_THROW(load(proc_version), InputError);
}

TEST(KernelIdentityBadInput, LongBuildStringIsClippedInEvidence) {
    MemoryRoot root("test");
    root.add_file("/proc/sys/kernel/osrelease", "6.6.30-gentoo\n");
    root.add_file("/proc/sys/kernel/version", "#1 SMP " + std::string(5000, 'x') + "\n");
    auto identity = load(root);
    EXPECT_EQ(identity.version.size(), 5007u);
    EXPECT_LT(identity.version_evidence.text.size(), 300u);
}

}  // namespace
}  // namespace sndoctor
