#include "facts/kernel_config.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "core/root.hpp"
#include "core/unique_fd.hpp"
#include "facts/facts.hpp"
#include "file_text.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

using testing::gzip;

const std::string k_config =
    "#\n# Automatically generated file; DO NOT EDIT.\n#\nCONFIG_MODULES=y\n"
    "CONFIG_SND=y\nCONFIG_SND_VIRMIDI=y\nCONFIG_SND_HDA_INTEL=m\n# CONFIG_SND_DUMMY is not set\n"
    "CONFIG_SND_MAX_CARDS=32\nCONFIG_LOCALVERSION=\"-gentoo\"\n";

KernelConfig load(const MemoryRoot& root) {
    Facts facts(root, Environment{});
    return KernelConfig::load(facts);
}

TEST(KernelConfigParse, ValuesLinesAndEvidence) {
    auto config = KernelConfig::parse("/boot/config-6.6.30-gentoo", k_config);
    EXPECT_TRUE(config.found);
    EXPECT_EQ(config.path, "/boot/config-6.6.30-gentoo");
    EXPECT_EQ(config.value("CONFIG_SND_VIRMIDI"), "y");
    EXPECT_EQ(config.value("CONFIG_SND_HDA_INTEL"), "m");
    EXPECT_EQ(config.value("CONFIG_SND_DUMMY"), "n");
    EXPECT_EQ(config.value("CONFIG_SND_MAX_CARDS"), "32");
    EXPECT_EQ(config.value("CONFIG_LOCALVERSION"), "\"-gentoo\"");
    EXPECT_FALSE(config.value("CONFIG_SND_SOC"));
    auto virmidi = config.evidence("CONFIG_SND_VIRMIDI");
    EXPECT_EQ(virmidi.path, "/boot/config-6.6.30-gentoo");
    EXPECT_EQ(virmidi.line, 6);
    EXPECT_EQ(virmidi.text, "CONFIG_SND_VIRMIDI=y");
    EXPECT_EQ(config.evidence("CONFIG_SND_DUMMY").text, "# CONFIG_SND_DUMMY is not set");
    auto absent = config.evidence("CONFIG_SND_SOC");
    EXPECT_EQ(absent.line, 0);
    EXPECT_EQ(absent.text, "");
    EXPECT_TRUE(config.problems.empty());
}

TEST(KernelConfigParse, LaterLineWinsAndCrlfIsRead) {
    auto config =
        KernelConfig::parse("/c", "CONFIG_SND=m\r\n# CONFIG_SND is not set\r\nCONFIG_SND=y\r\n");
    EXPECT_EQ(config.value("CONFIG_SND"), "y");
    EXPECT_EQ(config.evidence("CONFIG_SND").line, 3);
}

TEST(KernelConfigParse, ThousandsOfShortSettingsAreAllFound) {
    // Short lines fill the index past the size guessed from the text, so it grows while filled;
    // every name must still be found with its own line, and a repeated one with its last.
    std::string text;
    for (int i = 0; i < 3000; ++i)
        text += "CONFIG_" + std::to_string(i) + "=" + (i % 2 ? "y" : "m") + "\n";
    text += "CONFIG_17=m\n# CONFIG_18 is not set\n";
    auto config = KernelConfig::parse("/c", text);
    for (int i = 0; i < 3000; ++i) {
        std::string name = "CONFIG_" + std::to_string(i);
        if (i == 17 || i == 18)
            continue;
        ASSERT_EQ(config.value(name), i % 2 ? "y" : "m") << name;
        ASSERT_EQ(config.evidence(name).line, i + 1) << name;
    }
    EXPECT_EQ(config.value("CONFIG_17"), "m");
    EXPECT_EQ(config.evidence("CONFIG_17").line, 3001);
    EXPECT_EQ(config.value("CONFIG_18"), "n");
    EXPECT_EQ(config.evidence("CONFIG_18").text, "# CONFIG_18 is not set");
    EXPECT_FALSE(config.value("CONFIG_3000"));
    EXPECT_FALSE(config.value("CONFIG_"));
}

TEST(KernelConfigParse, TruncatedAndGarbageLinesAreProblems) {
    auto config = KernelConfig::parse("/c", "CONFIG_SND=y\nhello world\nCONFIG_SND_HDA_INT");
    EXPECT_EQ(config.value("CONFIG_SND"), "y");
    ASSERT_EQ(config.problems.size(), 2u);
    EXPECT_EQ(config.problems[0].path, "/c");
    EXPECT_EQ(config.problems[0].line, 2);
    EXPECT_EQ(config.problems[1].line, 3);
    // A comment that only looks like a setting is a comment.
    EXPECT_FALSE(KernelConfig::parse("/c", "# CONFIG_SND is set\n").value("CONFIG_SND"));
}

TEST(KernelConfigParse, BlanksAroundLinesAndOddSpacingAreRead) {
    auto config = KernelConfig::parse(
        "/c",
        "  CONFIG_SND=y \t\n\tCONFIG_SND_HDA=m\n#   CONFIG_SND_USB  is \tnot set\n"
        "# CONFIG_SND_A CONFIG_SND_B is not set\n");
    EXPECT_EQ(config.value("CONFIG_SND"), "y");
    EXPECT_EQ(config.value("CONFIG_SND_HDA"), "m");
    EXPECT_EQ(config.value("CONFIG_SND_USB"), "n");
    EXPECT_EQ(config.evidence("CONFIG_SND_USB").line, 3);
    EXPECT_FALSE(config.value("CONFIG_SND_A"));
    EXPECT_TRUE(config.problems.empty());
}

TEST(KernelConfigParse, AnOverlongNameIsAProblemNotASetting) {
    // No Kconfig symbol is anywhere near this long: a garbage line, not a setting.
    std::string name = "CONFIG_" + std::string(2000, 'A');
    auto config = KernelConfig::parse(
        "/c", "CONFIG_SND=y\n" + name + "=y\n# " + name + " is not set\nCONFIG_SND_HDA=m\n");
    EXPECT_FALSE(config.value(name));
    EXPECT_EQ(config.value("CONFIG_SND"), "y");
    EXPECT_EQ(config.value("CONFIG_SND_HDA"), "m");
    ASSERT_EQ(config.problems.size(), 1u);
    EXPECT_EQ(config.problems[0].line, 2);
}

TEST(KernelConfigParse, BinaryIsAnError) {
    try {
        KernelConfig::parse("/boot/config-x", std::string("CONFIG_SND=y\0\0\0", 15));
        FAIL() << "binary configuration accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), "/boot/config-x");
    }
}

// Rewritten in place while it is mapped (FileText): what was parsed is not the file, so it is an
// error naming it rather than a configuration with settings missing.
TEST(KernelConfigParse, ACopyCutShortWhileMappedIsAnError) {
    testing::TempDir dir;
    std::string text;
    for (int i = 0; text.size() < 100 * 1024; ++i)
        text += "CONFIG_SYMBOL_" + std::to_string(i) + "=m\n";
    auto path = dir.write("config-6.1.0", text);
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    auto mapped = FileText::map(fd.get(), text.size());
    ASSERT_TRUE(mapped);
    auto whole = KernelConfig::parse("/boot/config-6.1.0", FileText(text));
    EXPECT_EQ(whole.value("CONFIG_SYMBOL_4000"), "m");
    ASSERT_EQ(::truncate(path.c_str(), 0), 0);
    try {
        KernelConfig::parse("/boot/config-6.1.0", std::move(*mapped));
        FAIL() << "a configuration cut short was taken as whole";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), "/boot/config-6.1.0");
        EXPECT_NE(std::string(e.what()).find("cut short"), std::string::npos) << e.what();
    }
}

TEST(KernelConfigLoad, ProcConfigGzComesFirst) {
    MemoryRoot root("test");
    root.add_file("/proc/sys/kernel/osrelease", "6.6.30-gentoo\n");
    root.add_file("/proc/config.gz", gzip(k_config));
    root.add_file("/boot/config-6.6.30-gentoo", "CONFIG_SND_VIRMIDI=m\n");
    auto config = load(root);
    EXPECT_EQ(config.path, "/proc/config.gz");
    EXPECT_EQ(config.value("CONFIG_SND_VIRMIDI"), "y");
    EXPECT_EQ(config.evidence("CONFIG_SND_VIRMIDI").line, 6);
}

TEST(KernelConfigLoad, BootConfigOfTheRunningRelease) {
    MemoryRoot root("test");
    root.add_file("/proc/sys/kernel/osrelease", "6.6.30-gentoo\n");
    root.add_file("/boot/config-6.6.21-gentoo", "CONFIG_SND_VIRMIDI=m\n");
    root.add_file("/boot/config-6.6.30-gentoo", k_config);
    auto config = load(root);
    EXPECT_EQ(config.path, "/boot/config-6.6.30-gentoo");
    EXPECT_EQ(config.value("CONFIG_SND_VIRMIDI"), "y");
}

TEST(KernelConfigLoad, SourceTreeOnlyWhenBuiltAsTheRunningRelease) {
    MemoryRoot matching("test");
    matching.add_file("/proc/sys/kernel/osrelease", "6.6.30-gentoo\n");
    matching.add_file("/usr/src/linux-6.6.30-gentoo/include/config/kernel.release",
                      "6.6.30-gentoo\n");
    matching.add_file("/usr/src/linux-6.6.30-gentoo/.config", k_config);
    matching.add_link("/usr/src/linux", "linux-6.6.30-gentoo");
    auto config = load(matching);
    EXPECT_EQ(config.path, "/usr/src/linux/.config");
    EXPECT_EQ(config.value("CONFIG_SND_HDA_INTEL"), "m");

    MemoryRoot other("test");
    other.add_file("/proc/sys/kernel/osrelease", "6.6.30-gentoo\n");
    other.add_file("/usr/src/linux-6.6.32-gentoo/include/config/kernel.release", "6.6.32-gentoo\n");
    other.add_file("/usr/src/linux-6.6.32-gentoo/.config", k_config);
    other.add_link("/usr/src/linux", "linux-6.6.32-gentoo");
    EXPECT_FALSE(load(other).found);
}

TEST(KernelConfigLoad, NothingFound) {
    MemoryRoot root("test");
    root.add_file("/proc/sys/kernel/osrelease", "6.6.30-gentoo\n");
    auto config = load(root);
    EXPECT_FALSE(config.found);
    EXPECT_FALSE(config.value("CONFIG_SND"));
}

TEST(KernelConfigBadInput, CorruptGzipNamesTheFile) {
    MemoryRoot root("test");
    std::string data = gzip(k_config);
    data[data.size() / 2] ^= 0x5a;
    data[data.size() / 2 + 1] ^= 0x33;
    root.add_file("/proc/config.gz", data);
    try {
        load(root);
        FAIL() << "corrupt gzip accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), "/proc/config.gz");
    }
}

TEST(KernelConfigBadInput, NotGzipAtAll) {
    MemoryRoot root("test");
    root.add_file("/proc/config.gz", "CONFIG_SND=y\n");
    EXPECT_THROW(load(root), InputError);
}

TEST(KernelConfigBadInput, TruncatedGzipSaysSo) {
    MemoryRoot root("test");
    std::string data = gzip(k_config);
    root.add_file("/proc/config.gz", data.substr(0, data.size() / 2));
    try {
        load(root);
        FAIL() << "truncated gzip accepted";
    } catch (const InputError& e) {
        EXPECT_NE(e.reason().find("truncated"), std::string::npos) << e.reason();
    }
    MemoryRoot empty("test");
    empty.add_file("/proc/config.gz", "");
    EXPECT_THROW(load(empty), InputError);
}

TEST(KernelConfigBadInput, GzipBombStopsAtTheCap) {
    MemoryRoot root("test");
    // 64 MiB of one byte compresses to some 64 KiB: far past the cap once inflated.
    root.add_file("/proc/config.gz", gzip(std::string(64 * 1024 * 1024, '#')));
    try {
        load(root);
        FAIL() << "gzip bomb accepted";
    } catch (const InputError& e) {
        EXPECT_NE(e.reason().find("limit"), std::string::npos) << e.reason();
    }
}

TEST(KernelConfigBadInput, OversizedPlainConfig) {
    MemoryRoot root("test");
    root.add_file("/proc/sys/kernel/osrelease", "6.6.30-gentoo\n");
    root.add_file("/boot/config-6.6.30-gentoo", std::string(9 * 1024 * 1024, '#'));
    EXPECT_THROW(load(root), InputError);
}

TEST(KernelConfigBadInput, BinaryBootConfig) {
    MemoryRoot root("test");
    root.add_file("/proc/sys/kernel/osrelease", "6.6.30-gentoo\n");
    root.add_file("/boot/config-6.6.30-gentoo", std::string("\x7f"
                                                            "ELF\0\0",
                                                            6));
    EXPECT_THROW(load(root), InputError);
}

}  // namespace
}  // namespace sndoctor
