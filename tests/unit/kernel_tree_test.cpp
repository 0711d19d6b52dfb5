#include "facts/kernel_tree.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "core/error.hpp"
#include "core/root.hpp"
#include "facts/facts.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

constexpr std::int64_t k_hour = 3600;
/// Tue May 14 10:12:03 CEST 2024 = 08:12:03 UTC.
constexpr std::int64_t k_may14 = 1715674323;

KernelTree load(const Root& root) {
    Facts facts(root, Environment{});
    return KernelTree::load(facts);
}

/// A built 6.6 tree (UTS_VERSION in utsversion.h) at `dir`.
void add_tree(MemoryRoot& root, const std::string& dir, const std::string& release,
              const std::string& uts, std::int64_t image_time) {
    root.add_file(dir + "/include/config/kernel.release", release + "\n");
    root.add_file(dir + "/include/generated/compile.h", "#define UTS_MACHINE \"x86_64\"\n");
    root.add_file(dir + "/include/generated/utsversion.h", "#define UTS_VERSION \"" + uts + "\"\n");
    root.add_file(dir + "/arch/x86/boot/bzImage", "image", image_time);
}

// --- build times -------------------------------------------------------------------------

TEST(BuildTime, DateCommandFormWithAKnownZoneIsExact) {
    auto time = parse_build_time("#1 SMP PREEMPT_DYNAMIC Tue May 14 10:12:03 CEST 2024");
    ASSERT_TRUE(time);
    EXPECT_EQ(time->precision, BuildTime::Precision::zoned_time);
    EXPECT_EQ(time->earliest, k_may14);
    EXPECT_EQ(time->latest, k_may14);
    EXPECT_EQ(time->text, "Tue May 14 10:12:03 CEST 2024");
}

TEST(BuildTime, PaddedDayAndUtc) {
    auto time = parse_build_time("#1 SMP PREEMPT_DYNAMIC Thu May  2 18:59:36 UTC 2024");
    ASSERT_TRUE(time);
    EXPECT_EQ(time->earliest, 1714676376);
    EXPECT_EQ(time->text, "Thu May  2 18:59:36 UTC 2024");
}

TEST(BuildTime, Rfc2822FormWithNumericOffset) {
    auto utc = parse_build_time("#2 SMP PREEMPT Thu, 01 Feb 2024 12:34:56 +0000");
    ASSERT_TRUE(utc);
    EXPECT_EQ(utc->precision, BuildTime::Precision::zoned_time);
    EXPECT_EQ(utc->earliest, 1706790896);
    EXPECT_EQ(utc->text, "Thu, 01 Feb 2024 12:34:56 +0000");
    auto west = parse_build_time("#2 SMP PREEMPT Thu, 01 Feb 2024 12:34:56 -0700");
    ASSERT_TRUE(west);
    EXPECT_EQ(west->earliest, 1706790896 + 7 * k_hour);
}

TEST(BuildTime, AmbiguousOrMissingZoneWidensTheWindow) {
    // CST is both China (+8) and US Central (-6): every zone on earth stays possible.
    auto cst = parse_build_time("#1 SMP Tue May 14 10:12:03 CST 2024");
    ASSERT_TRUE(cst);
    EXPECT_EQ(cst->precision, BuildTime::Precision::local_time);
    std::int64_t local = k_may14 + 2 * k_hour;  // 10:12:03 read as UTC
    EXPECT_EQ(cst->earliest, local - 14 * k_hour);
    EXPECT_EQ(cst->latest, local + 12 * k_hour);
    auto bare = parse_build_time("#1 SMP Tue May 14 10:12:03 2024");
    ASSERT_TRUE(bare);
    EXPECT_EQ(bare->precision, BuildTime::Precision::local_time);
    EXPECT_EQ(bare->text, "Tue May 14 10:12:03 2024");
}

TEST(BuildTime, DebianStampIsADateOnly) {
    auto time = parse_build_time("#1 SMP PREEMPT_DYNAMIC Debian 6.1.90-1 (2024-05-03)");
    ASSERT_TRUE(time);
    EXPECT_EQ(time->precision, BuildTime::Precision::date);
    std::int64_t midnight = 1714694400;  // 2024-05-03 00:00 UTC
    EXPECT_EQ(time->earliest, midnight - 14 * k_hour);
    EXPECT_EQ(time->latest, midnight + 24 * k_hour - 1 + 12 * k_hour);
    EXPECT_EQ(time->text, "2024-05-03");
}

TEST(BuildTime, AWordBeforeTheMonthIsNoWeekday) {
    auto time = parse_build_time("#1 SMP May 14 10:12:03 UTC 2024");
    ASSERT_TRUE(time);
    EXPECT_EQ(time->text, "May 14 10:12:03 UTC 2024");
}

TEST(BuildTime, StringsWithoutAValidDateGiveNothing) {
    EXPECT_FALSE(parse_build_time("#1 SMP PREEMPT_DYNAMIC"));
    EXPECT_FALSE(parse_build_time(""));
    EXPECT_FALSE(parse_build_time("#1 SMP Fri Feb 30 10:00:00 UTC 2024"));  // no such day
    EXPECT_FALSE(parse_build_time("#1 SMP Tue May 14 25:12:03 UTC 2024"));  // no such hour
    EXPECT_FALSE(parse_build_time("#1 SMP Tue May 14 10:12:03 CEST"));      // cut short
    EXPECT_FALSE(parse_build_time("#1 SMP (2024-13-03)"));
    EXPECT_FALSE(parse_build_time(std::string("May\0\x01\x02 14", 9)));
}

// --- kernel.release and UTS_VERSION -------------------------------------------------------

TEST(KernelReleaseParse, OneWordWithOrWithoutNewline) {
    EXPECT_EQ(KernelTree::parse_kernel_release("/p", "6.6.30-gentoo\n"), "6.6.30-gentoo");
    EXPECT_EQ(KernelTree::parse_kernel_release("/p", "6.6.30-gentoo\r\n"), "6.6.30-gentoo");
    EXPECT_EQ(KernelTree::parse_kernel_release("/p", "6.6.30-gentoo"), "6.6.30-gentoo");
}

TEST(KernelReleaseParse, BinaryEmptyAndGarbageAreErrors) {
    EXPECT_THROW(KernelTree::parse_kernel_release("/p", std::string("\0\0\x13\x37", 4)),
                 InputError);
    EXPECT_THROW(KernelTree::parse_kernel_release("/p", ""), InputError);
    EXPECT_THROW(KernelTree::parse_kernel_release("/p", "\n\n"), InputError);
    EXPECT_THROW(KernelTree::parse_kernel_release("/p", "6.6.30 gentoo\n"), InputError);
    EXPECT_THROW(KernelTree::parse_kernel_release("/p", "../../etc\n"), InputError);
}

TEST(UtsVersionParse, OldCompileHHoldsIt) {
    auto uts = KernelTree::parse_uts_version(
        "/c.h",
        "/* This file is auto generated, version 2 */\n/* SMP */\n#define UTS_MACHINE "
        "\"x86_64\"\n#define UTS_VERSION \"#2 SMP Mon Jun 3 19:02:11 CEST 2024\"\n");
    ASSERT_TRUE(uts);
    EXPECT_EQ(uts->value, "#2 SMP Mon Jun 3 19:02:11 CEST 2024");
    EXPECT_EQ(uts->evidence.path, "/c.h");
    EXPECT_EQ(uts->evidence.line, 4);
    EXPECT_EQ(uts->evidence.text, "#define UTS_VERSION \"#2 SMP Mon Jun 3 19:02:11 CEST 2024\"");
}

TEST(UtsVersionParse, NewCompileHHasNoneAndEscapesAreRead) {
    EXPECT_FALSE(KernelTree::parse_uts_version("/c.h", "#define UTS_MACHINE \"x86_64\"\n"));
    auto uts = KernelTree::parse_uts_version("/u.h", "#define UTS_VERSION \"#1 \\\"odd\\\"\"");
    ASSERT_TRUE(uts);
    EXPECT_EQ(uts->value, "#1 \"odd\"");
}

TEST(UtsVersionParse, TruncatedAndBinaryAreErrorsWithTheLine) {
    try {
        KernelTree::parse_uts_version("/u.h", "\n#define UTS_VERSION \"#1 SMP PREEMPT_DYNAMIC Tue");
        FAIL() << "a cut UTS_VERSION was accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), "/u.h");
        EXPECT_EQ(e.line(), 2);
    }
    EXPECT_THROW(KernelTree::parse_uts_version("/u.h", "#define UTS_VERSION\n"), InputError);
    EXPECT_THROW(KernelTree::parse_uts_version("/u.h", std::string("#define\0UTS", 11)),
                 InputError);
}

TEST(LoaderImages, GrubLiloAndSystemdBootEntries) {
    auto grub = KernelTree::parse_loader_images(
        "menuentry 'Gentoo' {\n\tlinux\t/vmlinuz-6.6.30-gentoo root=UUID=x ro\n}\n"
        "menuentry 'old' {\n\tlinux /vmlinuz-6.6.21-gentoo ro\n\tlinux /vmlinuz-6.6.30-gentoo\n}");
    EXPECT_EQ(grub, (std::vector<std::string>{"vmlinuz-6.6.30-gentoo", "vmlinuz-6.6.21-gentoo"}));
    auto lilo = KernelTree::parse_loader_images("image=/boot/vmlinuz-6.6.30-gentoo\n  label=g\n");
    EXPECT_EQ(lilo, (std::vector<std::string>{"vmlinuz-6.6.30-gentoo"}));
    auto genkernel =
        KernelTree::parse_loader_images("linux /kernel-genkernel-x86_64-6.6.30-gentoo\n");
    EXPECT_EQ(genkernel, (std::vector<std::string>{"kernel-genkernel-x86_64-6.6.30-gentoo"}));
    // "kernel-" inside a word, and a bare prefix, name nothing.
    EXPECT_TRUE(KernelTree::parse_loader_images("title linux-kernel-6.6\nvmlinuz- x").empty());
}

// --- loading a root -----------------------------------------------------------------------

TEST(KernelTreeLoad, LinkedTreeAndTheOthers) {
    MemoryRoot root("test");
    add_tree(root, "/usr/src/linux-6.6.32-gentoo", "6.6.32-gentoo", "#1 SMP Mon May 27", 2000);
    add_tree(root, "/usr/src/linux-6.6.30-gentoo", "6.6.30-gentoo", "#1 SMP Tue May 14", 1000);
    root.add_file("/usr/src/linux-6.6.21-gentoo/Makefile", "VERSION = 6\n");
    root.add_link("/usr/src/linux", "linux-6.6.32-gentoo");
    auto tree = load(root);
    EXPECT_EQ(tree.link, KernelTree::Link::symlink);
    EXPECT_EQ(tree.link_target, "linux-6.6.32-gentoo");
    EXPECT_EQ(tree.target_path, "/usr/src/linux-6.6.32-gentoo");
    ASSERT_TRUE(tree.current);
    EXPECT_TRUE(tree.current->built());
    EXPECT_EQ(tree.current->release, "6.6.32-gentoo");
    EXPECT_EQ(tree.current->release_evidence.path, "/usr/src/linux/include/config/kernel.release");
    EXPECT_EQ(tree.current->uts_version, "#1 SMP Mon May 27");
    EXPECT_EQ(tree.current->uts_version_evidence.path,
              "/usr/src/linux/include/generated/utsversion.h");
    ASSERT_TRUE(tree.current->image);
    EXPECT_EQ(tree.current->image->path, "/usr/src/linux/arch/x86/boot/bzImage");
    EXPECT_EQ(tree.current->image->mtime, 2000);
    // The linked tree is not among the others; the unbuilt one is, but never as a candidate.
    ASSERT_EQ(tree.others.size(), 2u);
    EXPECT_EQ(tree.others[0].path, "/usr/src/linux-6.6.21-gentoo");
    EXPECT_FALSE(tree.others[0].built());
    auto matching = tree.trees_for("6.6.30-gentoo");
    ASSERT_EQ(matching.size(), 1u);
    EXPECT_EQ(matching[0]->path, "/usr/src/linux-6.6.30-gentoo");
    EXPECT_TRUE(tree.trees_for("6.6.32-gentoo").empty());
    EXPECT_TRUE(tree.trees_for("6.6.21-gentoo").empty());
}

TEST(KernelTreeLoad, AbsoluteAndDotDotTargetsAreNormalised) {
    MemoryRoot root("test");
    add_tree(root, "/usr/src/linux-6.6.30-gentoo", "6.6.30-gentoo", "#1", 1);
    root.add_link("/usr/src/linux", "/usr/src/../src/./linux-6.6.30-gentoo");
    auto tree = load(root);
    EXPECT_EQ(tree.target_path, "/usr/src/linux-6.6.30-gentoo");
    EXPECT_TRUE(tree.others.empty());
}

TEST(KernelTreeLoad, MissingDanglingDirectoryAndFile) {
    MemoryRoot none("test");
    EXPECT_EQ(load(none).link, KernelTree::Link::missing);
    EXPECT_FALSE(load(none).current);

    MemoryRoot dangling("test");
    dangling.add_link("/usr/src/linux", "linux-6.6.99-gentoo");
    auto tree = load(dangling);
    EXPECT_EQ(tree.link, KernelTree::Link::dangling);
    EXPECT_EQ(tree.target_path, "/usr/src/linux-6.6.99-gentoo");
    EXPECT_FALSE(tree.current);

    MemoryRoot directory("test");
    add_tree(directory, "/usr/src/linux", "6.6.30-gentoo", "#1", 1);
    tree = load(directory);
    EXPECT_EQ(tree.link, KernelTree::Link::directory);
    ASSERT_TRUE(tree.current);
    EXPECT_EQ(tree.current->release, "6.6.30-gentoo");
    EXPECT_TRUE(tree.others.empty());

    MemoryRoot file("test");
    file.add_file("/usr/src/linux", "not a tree");
    EXPECT_EQ(load(file).link, KernelTree::Link::other);
}

TEST(KernelTreeLoad, OldTreeKeepsUtsVersionInCompileH) {
    MemoryRoot root("test");
    root.add_file("/usr/src/linux/include/config/kernel.release", "5.15.158-gentoo\n");
    root.add_file("/usr/src/linux/include/generated/compile.h",
                  "#define UTS_MACHINE \"x86_64\"\n#define UTS_VERSION \"#2 SMP Mon Jun 3\"\n");
    auto tree = load(root);
    ASSERT_TRUE(tree.current);
    EXPECT_EQ(tree.current->uts_version, "#2 SMP Mon Jun 3");
    EXPECT_EQ(tree.current->uts_version_evidence.line, 2);
    EXPECT_FALSE(tree.current->image);
}

TEST(KernelTreeLoad, NewestImageOfAnyArchitecture) {
    MemoryRoot root("test");
    root.add_file("/usr/src/linux/include/config/kernel.release", "6.6.30\n");
    root.add_file("/usr/src/linux/arch/x86/boot/bzImage", "x", 100);
    root.add_file("/usr/src/linux/arch/arm64/boot/Image", "a", 300);
    root.add_file("/usr/src/linux/arch/arm64/boot/dts/foo.dtb", "d", 900);
    auto tree = load(root);
    ASSERT_TRUE(tree.current && tree.current->image);
    EXPECT_EQ(tree.current->image->path, "/usr/src/linux/arch/arm64/boot/Image");
}

TEST(KernelTreeLoad, BadTreeFilesBecomeProblemsNotErrors) {
    MemoryRoot root("test");
    root.add_file("/usr/src/linux/include/config/kernel.release", std::string("\0\x01\x02", 3));
    root.add_file("/usr/src/linux/include/generated/utsversion.h",
                  "#define UTS_VERSION \"#1 SMP cut");
    root.add_file("/usr/src/linux-old/include/config/kernel.release", std::string(8192, 'x'));
    auto tree = load(root);
    ASSERT_TRUE(tree.current);
    EXPECT_FALSE(tree.current->built());
    EXPECT_FALSE(tree.current->uts_version);
    ASSERT_EQ(tree.current->problems.size(), 2u);
    EXPECT_EQ(tree.current->problems[0].path, "/usr/src/linux/include/config/kernel.release");
    EXPECT_NE(tree.current->problems[0].reason.find("binary"), std::string::npos);
    EXPECT_EQ(tree.current->problems[1].path, "/usr/src/linux/include/generated/utsversion.h");
    EXPECT_EQ(tree.current->problems[1].line, 1);
    // An oversized file in another tree is that tree's problem.
    ASSERT_EQ(tree.others.size(), 1u);
    ASSERT_EQ(tree.others[0].problems.size(), 1u);
    EXPECT_NE(tree.others[0].problems[0].reason.find("limit"), std::string::npos);
}

TEST(KernelTreeLoad, BootImagesFstabMountsAndLoaders) {
    MemoryRoot root("test");
    root.add_file("/boot/vmlinuz-6.6.30-gentoo", "k", 500);
    root.add_file("/boot/vmlinuz-6.6.21-gentoo.old", "k", 400);
    root.add_file("/boot/config-6.6.30-gentoo", "CONFIG_SND=y\n");
    root.add_file("/boot/System.map-6.6.30-gentoo", "map");
    root.add_file("/etc/fstab",
                  "# /dev/sda1 /boot ext2 defaults 0 0\n/dev/sda1  /boot  ext2  noauto,noatime "
                  "1 2\n/dev/sda2 / ext4 noatime 0 1\n");
    root.add_file("/proc/mounts", "/dev/sda2 / ext4 rw 0 0\n");
    root.add_file("/boot/grub/grub.cfg", "linux /vmlinuz-6.6.30-gentoo ro\n");
    root.add_file("/boot/loader/entries/gentoo.conf", "linux /vmlinuz-6.6.32-gentoo\n");
    root.add_file("/boot/loader/entries/notes.txt", "linux /vmlinuz-9.9.9\n");
    auto boot = load(root).boot;
    ASSERT_EQ(boot.images.size(), 2u);
    ASSERT_TRUE(boot.image_for("6.6.30-gentoo"));
    EXPECT_EQ(boot.image_for("6.6.30-gentoo")->mtime, 500);
    EXPECT_FALSE(boot.image_for("6.6.21-gentoo"));  // only the ".old" copy is there
    ASSERT_TRUE(boot.fstab_line);
    EXPECT_EQ(boot.fstab_line->line, 2);
    EXPECT_TRUE(boot.fstab_noauto);
    EXPECT_EQ(boot.mounted, false);
    ASSERT_EQ(boot.loaders.size(), 2u);
    EXPECT_EQ(boot.loaders[0].path, "/boot/grub/grub.cfg");
    EXPECT_TRUE(boot.loaders[0].names_release("6.6.30-gentoo"));
    EXPECT_FALSE(boot.loaders[0].names_release("6.6.32-gentoo"));
    EXPECT_EQ(boot.loaders[1].path, "/boot/loader/entries/gentoo.conf");
    EXPECT_TRUE(boot.loaders[1].names_release("6.6.32-gentoo"));
}

TEST(KernelTreeLoad, BinaryOrOversizedAdviceFilesAreIgnored) {
    MemoryRoot root("test");
    root.add_file("/etc/fstab", std::string("/dev/sda1 /boot\0\0\0", 18));
    root.add_file("/boot/grub/grub.cfg", std::string("\0\0vmlinuz-1", 11));
    root.add_file("/proc/mounts", "/dev/sda1 /boot vfat rw 0 0\n" + std::string(2 << 20, ' '));
    auto boot = load(root).boot;
    EXPECT_FALSE(boot.fstab_line);
    EXPECT_FALSE(boot.mounted);
    EXPECT_TRUE(boot.loaders.empty());
}

TEST(KernelTreeLoad, OversizedHeaderIsAProblem) {
    MemoryRoot root("test");
    root.add_file("/usr/src/linux/include/config/kernel.release", "6.6.30\n");
    root.add_file("/usr/src/linux/include/generated/utsversion.h",
                  "#define UTS_VERSION \"#1\"\n" + std::string(100 * 1024, '/'));
    auto tree = load(root);
    ASSERT_TRUE(tree.current);
    EXPECT_TRUE(tree.current->built());
    EXPECT_FALSE(tree.current->uts_version);
    ASSERT_EQ(tree.current->problems.size(), 1u);
    EXPECT_EQ(tree.current->problems[0].path, "/usr/src/linux/include/generated/utsversion.h");
}

TEST(KernelTreeLoad, RealDirectoryTreeWithLinkAndTimes) {
    TempDir dir;
    dir.write("usr/src/linux-6.6.30-gentoo/include/config/kernel.release", "6.6.30-gentoo\n");
    auto image = dir.write("usr/src/linux-6.6.30-gentoo/arch/x86/boot/bzImage", "image");
    timespec times[2] = {{k_may14, 0}, {k_may14, 0}};
    ASSERT_EQ(::utimensat(AT_FDCWD, image.c_str(), times, 0), 0);
    fs::create_symlink("linux-6.6.30-gentoo", dir.path() / "usr/src/linux");
    auto root = open_dir_root(dir.path().string(), RootSource::dir);
    auto tree = load(*root);
    EXPECT_EQ(tree.link, KernelTree::Link::symlink);
    ASSERT_TRUE(tree.current && tree.current->image);
    EXPECT_EQ(tree.current->image->mtime, k_may14);
    EXPECT_TRUE(tree.others.empty());
}

}  // namespace
}  // namespace sndoctor
