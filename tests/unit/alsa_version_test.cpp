// The /proc/asound/version parser: the in-kernel, the numbered and the out-of-tree forms, and
// text that is none of them.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "facts/alsa_version.hpp"

namespace sndoctor {
namespace {

TEST(AlsaVersion, InKernelFormNamesTheRelease) {
    auto version = AlsaVersion::parse(
        "Advanced Linux Sound Architecture Driver Version k6.1.0-18-amd64.\n", "/v");
    EXPECT_EQ(version.kernel_release, "6.1.0-18-amd64");
    EXPECT_TRUE(version.number.empty());
    EXPECT_EQ(version.driver_evidence.line, 1);
}

TEST(AlsaVersion, OutOfTreeFormNamesTheKernelItWasCompiledFor) {
    auto version = AlsaVersion::parse(
        "Advanced Linux Sound Architecture Driver Version 1.0.25.\n"
        "Compiled on Mar  3 2012 for kernel 2.6.32-5-amd64 (SMP).\n",
        "/v");
    EXPECT_EQ(version.number, "1.0.25");
    EXPECT_EQ(version.compiled_for, "2.6.32-5-amd64");
    EXPECT_EQ(version.compiled_evidence.line, 2);
}

TEST(AlsaVersion, TextThatIsNotTheVersionLineIsAnErrorNamingTheFile) {
    try {
        AlsaVersion::parse("hello\n", "/proc/asound/version");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), "/proc/asound/version");
    }
    EXPECT_THROW(AlsaVersion::parse("Advanced Linux Sound Architecture Driver Version ?.\n", "/v"),
                 InputError);
    EXPECT_THROW(AlsaVersion::parse(std::string("\x7f"
                                                "ELF\x01\x02\x00\x00",
                                                8),
                                    "/v"),
                 InputError);
}

TEST(AlsaVersion, LibraryHeaderGivesTheVersionString) {
    EXPECT_EQ(AlsaVersion::parse_library_header("#define SND_LIB_VERSION_STR\t\"1.2.8\"\n"),
              "1.2.8");
    EXPECT_EQ(AlsaVersion::parse_library_header("#define SND_LIB_MAJOR 1\n"), std::nullopt);
}

TEST(AlsaVersion, VersionNumbersOrderReleases) {
    EXPECT_EQ(version_numbers("1.0.25rc2"), (std::vector<int>{1, 0, 25}));
    EXPECT_EQ(version_numbers("6.1.0-18-amd64"), (std::vector<int>{6, 1, 0}));
    EXPECT_TRUE(version_numbers("k6.1").empty());
    EXPECT_LT(version_numbers("1.1.8"), version_numbers("1.2.1"));
}

}  // namespace
}  // namespace sndoctor
