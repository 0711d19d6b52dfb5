#include "facts/portage_state.hpp"

#include <gtest/gtest.h>

#include "core/root.hpp"
#include "facts/facts.hpp"

namespace sndoctor {
namespace {

PortageState load(const MemoryRoot& root) {
    Facts facts(root, Environment{});
    return PortageState::load(facts);
}

MemoryRoot gentoo_root() {
    MemoryRoot root("test");
    root.add_file("/etc/gentoo-release", "Gentoo Base System release 2.14\n");
    return root;
}

// --- atoms --------------------------------------------------------------------------------

TEST(PackageAtomParse, PlainAtom) {
    auto atom = PackageAtom::parse("media-sound/alsa-driver");
    ASSERT_TRUE(atom);
    EXPECT_EQ(atom->category, "media-sound");
    EXPECT_EQ(atom->name, "alsa-driver");
    EXPECT_EQ(atom->op, "");
    EXPECT_EQ(atom->version, "");
    EXPECT_TRUE(atom->names("media-sound", "alsa-driver"));
    EXPECT_FALSE(atom->names("media-sound", "alsa-driver-extra"));
    EXPECT_FALSE(atom->names("media-libs", "alsa-driver"));
}

TEST(PackageAtomParse, EveryVersionOperator) {
    for (std::string op : {"=", ">=", "<=", "<", ">", "~"}) {
        auto atom = PackageAtom::parse(op + "media-sound/alsa-driver-1.0.25");
        ASSERT_TRUE(atom) << op;
        EXPECT_EQ(atom->op, op);
        EXPECT_EQ(atom->name, "alsa-driver") << op;
        EXPECT_EQ(atom->version, "1.0.25") << op;
        EXPECT_TRUE(atom->names("media-sound", "alsa-driver")) << op;
    }
}

TEST(PackageAtomParse, VersionsSlotsRepositoriesAndUseFlags) {
    auto atom = PackageAtom::parse(">=media-sound/alsa-driver-1.0.25_rc2-r1:0/1.0::gentoo[midi]");
    ASSERT_TRUE(atom);
    EXPECT_EQ(atom->version, "1.0.25_rc2-r1");
    EXPECT_EQ(atom->slot, "0/1.0");
    EXPECT_EQ(atom->repo, "gentoo");
    auto glob = PackageAtom::parse("=media-sound/alsa-driver-1.0*");
    ASSERT_TRUE(glob);
    EXPECT_EQ(glob->version, "1.0*");
    auto slot_only = PackageAtom::parse("media-sound/alsa-driver:0");
    ASSERT_TRUE(slot_only);
    EXPECT_EQ(slot_only->name, "alsa-driver");
    EXPECT_EQ(slot_only->slot, "0");
    // A name with digits after a dash is still a name when no valid version follows.
    auto digits = PackageAtom::parse("media-fonts/font-adobe-75dpi");
    ASSERT_TRUE(digits);
    EXPECT_EQ(digits->name, "font-adobe-75dpi");
}

TEST(PackageAtomParse, Wildcards) {
    for (std::string text : {"media-sound/*", "*/alsa-driver", "media-sound/alsa-*", "*/*"}) {
        auto atom = PackageAtom::parse(text);
        ASSERT_TRUE(atom) << text;
        EXPECT_TRUE(atom->names("media-sound", "alsa-driver")) << text;
    }
    EXPECT_FALSE(PackageAtom::parse("media-sound/alsa-u*")->names("media-sound", "alsa-driver"));
}

TEST(PackageAtomParse, InvalidAtoms) {
    for (std::string text :
         {"alsa-driver", "media-sound/alsa-driver-1.0.25", ">=media-sound/alsa-driver",
          "media-sound/alsa-driver::", "media-sound/alsa-driver:", "a/b/c", "/alsa-driver",
          "media-sound/", "media-sound/alsa driver", "media-sound/alsa-driver[midi",
          ">=media-sound/alsa-driver-1.0.25-rx", "!media-sound/alsa-driver"})
        EXPECT_FALSE(PackageAtom::parse(text)) << text;
}

// --- package.mask files -------------------------------------------------------------------

TEST(MaskFileParse, CommentsTrailingCommentsAndUnmasks) {
    auto file = PortageState::parse_mask_file(
        "/etc/portage/package.mask",
        "# media-sound/alsa-driver\n\n  >=media-sound/alsa-driver-1.0.20:0::gentoo   # old\r\n"
        "-dev-lang/python:3.13\nmedia-libs/foo#not-a-comment\n");
    ASSERT_EQ(file.lines.size(), 2u);
    EXPECT_EQ(file.lines[0].action, MaskAction::mask);
    EXPECT_EQ(file.lines[0].atom.text, ">=media-sound/alsa-driver-1.0.20:0::gentoo");
    EXPECT_EQ(file.lines[0].where.path, "/etc/portage/package.mask");
    EXPECT_EQ(file.lines[0].where.line, 3);
    EXPECT_EQ(file.lines[0].where.text, ">=media-sound/alsa-driver-1.0.20:0::gentoo   # old");
    EXPECT_EQ(file.lines[1].action, MaskAction::unmask);
    EXPECT_EQ(file.lines[1].atom.text, "dev-lang/python:3.13");
    // '#' inside a word is no comment: portage rejects that atom.
    ASSERT_EQ(file.problems.size(), 1u);
    EXPECT_EQ(file.problems[0].line, 5);
}

TEST(MaskFileParse, TwoAtomsOnALineAndTruncatedLastLine) {
    auto file = PortageState::parse_mask_file(
        "/m", "media-sound/alsa-driver media-sound/alsa-tools\nmedia-sound/alsa-dr");
    ASSERT_EQ(file.problems.size(), 1u);
    EXPECT_EQ(file.problems[0].line, 1);
    // The cut line is an atom of another package: no mask for alsa-driver.
    ASSERT_EQ(file.lines.size(), 1u);
    EXPECT_FALSE(file.lines[0].atom.names("media-sound", "alsa-driver"));
}

TEST(MaskFileParse, BinaryIsAnError) {
    EXPECT_THROW(PortageState::parse_mask_file("/m", std::string("\x1f\x8b\x08\0\0", 5)),
                 InputError);
}

TEST(PortageSplit, NameAndVersion) {
    auto split = PortageState::split_name_version("alsa-driver-1.0.25-r1");
    ASSERT_TRUE(split);
    EXPECT_EQ(split->first, "alsa-driver");
    EXPECT_EQ(split->second, "1.0.25-r1");
    EXPECT_EQ(PortageState::split_name_version("foo-1-bar-2.0b_p3")->first, "foo-1-bar");
    EXPECT_FALSE(PortageState::split_name_version("alsa-driver"));
    EXPECT_FALSE(PortageState::split_name_version("-1.0"));
}

// --- loading a root -----------------------------------------------------------------------

TEST(PortageLoad, NotGentoo) {
    MemoryRoot root("test");
    root.add_file("/etc/debian_version", "12.5\n");
    root.add_file("/var/db/pkg/media-sound/alsa-driver-1.0.25/PF", "alsa-driver-1.0.25\n");
    auto state = load(root);
    EXPECT_FALSE(state.gentoo);
    EXPECT_TRUE(state.installed.empty());
}

TEST(PortageLoad, GentooByReleaseFileOrPortageDirectory) {
    auto by_release = load(gentoo_root());
    EXPECT_TRUE(by_release.gentoo);
    EXPECT_EQ(by_release.marker.path, "/etc/gentoo-release");
    EXPECT_EQ(by_release.marker.text, "Gentoo Base System release 2.14");

    MemoryRoot by_dir("test");
    by_dir.add_file("/etc/portage/make.conf", "USE=\"alsa\"\n");
    auto state = load(by_dir);
    EXPECT_TRUE(state.gentoo);
    EXPECT_EQ(state.marker.path, "/etc/portage");

    MemoryRoot binary_release("test");
    binary_release.add_file("/etc/gentoo-release", std::string("\0\0", 2));
    auto odd = load(binary_release);
    EXPECT_TRUE(odd.gentoo);
    EXPECT_EQ(odd.marker.line, 0);
}

TEST(PortageLoad, MaskFile) {
    auto root = gentoo_root();
    root.add_file("/etc/portage/package.mask", "# masks\nmedia-sound/alsa-driver\n");
    auto state = load(root);
    EXPECT_EQ(state.mask_files, (std::vector<std::string>{"/etc/portage/package.mask"}));
    auto masks = state.masks_for("media-sound", "alsa-driver");
    ASSERT_EQ(masks.size(), 1u);
    EXPECT_EQ(masks[0]->where.line, 2);
}

TEST(PortageLoad, MaskDirectoryAsPortageReadsIt) {
    auto root = gentoo_root();
    root.add_file("/etc/portage/package.mask/sound/legacy", ">=media-sound/alsa-driver-1.0:0\n");
    root.add_file("/etc/portage/package.mask/00-first", "dev-lang/python:3.13\n");
    // Skipped: backups, hidden files and directories, version-control directories. Each would
    // remove the mask if it were read.
    root.add_file("/etc/portage/package.mask/sound/legacy~", "->=media-sound/alsa-driver-1.0:0\n");
    root.add_file("/etc/portage/package.mask/zz/.hidden", "->=media-sound/alsa-driver-1.0:0\n");
    root.add_file("/etc/portage/package.mask/.old/x", "->=media-sound/alsa-driver-1.0:0\n");
    root.add_file("/etc/portage/package.mask/CVS/Entries", "->=media-sound/alsa-driver-1.0:0\n");
    auto state = load(root);
    EXPECT_EQ(state.mask_files,
              (std::vector<std::string>{"/etc/portage/package.mask/00-first",
                                        "/etc/portage/package.mask/sound/legacy"}));
    auto masks = state.masks_for("media-sound", "alsa-driver");
    ASSERT_EQ(masks.size(), 1u);
    EXPECT_EQ(masks[0]->where.path, "/etc/portage/package.mask/sound/legacy");
    EXPECT_TRUE(state.problems.empty());
}

TEST(PortageLoad, LaterUnmaskRemovesTheSameAtom) {
    auto root = gentoo_root();
    root.add_file("/etc/portage/package.mask/a",
                  "media-sound/alsa-driver::gentoo\n"
                  ">=media-sound/alsa-driver-2\n");
    root.add_file("/etc/portage/package.mask/b", "-media-sound/alsa-driver\n");
    auto state = load(root);
    // "-cat/pkg" removes "cat/pkg::repo" too, but not the versioned atom.
    auto masks = state.masks_for("media-sound", "alsa-driver");
    ASSERT_EQ(masks.size(), 1u);
    EXPECT_EQ(masks[0]->atom.text, ">=media-sound/alsa-driver-2");
}

TEST(PortageLoad, BadFilesAreProblemsAndTheRestIsStillRead) {
    auto root = gentoo_root();
    root.add_file("/etc/portage/package.mask/junk", std::string("\x1f\x8b\x08\0\0\0", 6));
    root.add_file("/etc/portage/package.mask/huge", std::string(2 * 1024 * 1024, '#'));
    root.add_file("/etc/portage/package.mask/sound", "media-sound/alsa-driver\nnot an atom\n");
    auto state = load(root);
    EXPECT_EQ(state.masks_for("media-sound", "alsa-driver").size(), 1u);
    ASSERT_EQ(state.problems.size(), 3u);
    EXPECT_EQ(state.problems[0].path, "/etc/portage/package.mask/huge");
    EXPECT_EQ(state.problems[1].path, "/etc/portage/package.mask/junk");
    EXPECT_NE(state.problems[1].reason.find("binary"), std::string::npos);
    EXPECT_EQ(state.problems[2].path, "/etc/portage/package.mask/sound");
    EXPECT_EQ(state.problems[2].line, 2);
}

TEST(PortageLoad, LinkLoopInMaskDirectoryEnds) {
    auto root = gentoo_root();
    root.add_file("/etc/portage/package.mask/sound", "media-sound/alsa-driver\n");
    root.add_link("/etc/portage/package.mask/loop", ".");
    auto state = load(root);
    EXPECT_FALSE(state.masks_for("media-sound", "alsa-driver").empty());
    EXPECT_FALSE(state.problems.empty());
}

TEST(PortageLoad, InstalledSoundPackages) {
    auto root = gentoo_root();
    root.add_file("/var/db/pkg/media-sound/alsa-driver-1.0.25-r1/PF", "alsa-driver-1.0.25-r1\n");
    root.add_file("/var/db/pkg/media-sound/alsa-utils-1.2.11/PF", "alsa-utils-1.2.11\n");
    root.add_file("/var/db/pkg/media-sound/-MERGING-alsa-driver-1.0.26/PF", "x\n");
    root.add_file("/var/db/pkg/media-sound/alsa-driver-extra-1.0/PF", "x\n");
    root.add_file("/var/db/pkg/media-sound/stray-file", "x\n");
    auto state = load(root);
    ASSERT_EQ(state.installed.size(), 3u);
    auto driver = state.installed_as("media-sound", "alsa-driver");
    ASSERT_EQ(driver.size(), 1u);
    EXPECT_EQ(driver[0]->version, "1.0.25-r1");
    EXPECT_EQ(driver[0]->path, "/var/db/pkg/media-sound/alsa-driver-1.0.25-r1");
}

}  // namespace
}  // namespace sndoctor
