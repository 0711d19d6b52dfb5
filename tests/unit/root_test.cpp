#include "core/root.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "core/error.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

class DirRootTest : public ::testing::Test {
  protected:
    void SetUp() override {
        m_dir.write("etc/passwd", "fixture-passwd\n");
        m_dir.write("proc/asound/cards", " 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n");
        fs::create_directories(m_dir.path() / "usr/src/linux-6.1");
        fs::create_symlink("linux-6.1", m_dir.path() / "usr/src/linux");
    }
    std::unique_ptr<Root> open() { return open_dir_root(m_dir.path().string(), RootSource::dir); }

    TempDir m_dir;
};

TEST_F(DirRootTest, ReadsFilesByTheirPathInsideTheRoot) {
    auto root = open();
    EXPECT_EQ(root->read("/proc/asound/cards").value().substr(0, 4), " 0 [");
    EXPECT_FALSE(root->read("/proc/asound/modules").has_value());
    EXPECT_EQ(root->source(), RootSource::dir);
}

TEST_F(DirRootTest, AbsoluteLinkResolvesInsideTheRootNeverToTheHost) {
    fs::create_symlink("/etc/passwd", m_dir.path() / "escape");
    auto root = open();
    EXPECT_EQ(root->read("/escape").value(), "fixture-passwd\n");
}

TEST_F(DirRootTest, DotDotChainsStopAtTheRoot) {
    fs::create_symlink("../../../../../../etc/passwd", m_dir.path() / "usr/src/climb");
    auto root = open();
    EXPECT_EQ(root->read("/usr/src/climb").value(), "fixture-passwd\n");
    EXPECT_EQ(root->read("/../../../etc/passwd").value(), "fixture-passwd\n");
}

TEST_F(DirRootTest, LinkLoopIsMissingNotAHang) {
    fs::create_symlink("b", m_dir.path() / "a");
    fs::create_symlink("a", m_dir.path() / "b");
    auto root = open();
    EXPECT_THROW(root->read("/a"), InputError);
    EXPECT_FALSE(root->stat("/a").has_value());
}

TEST_F(DirRootTest, LstatAndReadLinkSeeTheLinkItself) {
    auto root = open();
    EXPECT_EQ(root->lstat("/usr/src/linux")->type, FileType::symlink);
    EXPECT_EQ(root->stat("/usr/src/linux")->type, FileType::directory);
    EXPECT_EQ(root->read_link("/usr/src/linux").value(), "linux-6.1");
    EXPECT_FALSE(root->read_link("/etc/passwd").has_value());
}

TEST_F(DirRootTest, ListIsSortedAndTyped) {
    auto root = open();
    auto entries = root->list("/usr/src");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].name, "linux");
    EXPECT_EQ(entries[0].type, FileType::symlink);
    EXPECT_EQ(entries[1].name, "linux-6.1");
    EXPECT_EQ(entries[1].type, FileType::directory);
    EXPECT_TRUE(root->list("/nowhere").empty());
}

TEST_F(DirRootTest, OversizedFileIsAnErrorNamingThePath) {
    m_dir.write("big", std::string(2000, 'x'));
    auto root = open();
    try {
        root->read("/big", 1000);
        FAIL() << "no error for an oversized file";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), "/big");
        EXPECT_NE(e.reason().find("1000"), std::string::npos);
    }
    EXPECT_EQ(root->read("/big", 2000)->size(), 2000u);
}

TEST_F(DirRootTest, ReadsFilesOfEverySizeWholeAndOpenFileTellsTheirSize) {
    // Small files go through a buffer and large ones are read in place; both end where the
    // size says, and the sizes around the buffer's (64 KiB), the first read of a file without
    // a size (1 KiB) and a sysfs attribute's page must come back byte for byte, in a copy's
    // sys/ too (plain files there: only a mounted sysfs is read in one call).
    fs::create_directories(m_dir.path() / "sys/devices");
    auto root = open();
    std::vector<std::string> names;
    for (std::size_t size : {0, 1, 1023, 1024, 1025, 4095, 4096, 4097, 65535, 65536, 65537, 300000})
        for (std::string dir : {"", "sys/devices/"})
            names.push_back(dir + "file-" + std::to_string(size));
    for (const std::string& name : names) {
        std::size_t size = std::stoul(name.substr(name.rfind('-') + 1));
        std::string content(size, '\0');
        for (std::size_t i = 0; i < size; ++i)
            content[i] = static_cast<char>('a' + i % 26);
        m_dir.write(name, content);
        auto read = root->read("/" + name, size);
        ASSERT_TRUE(read) << name;
        EXPECT_TRUE(*read == content) << name << ": " << read->size() << " bytes read";
        FileInfo info;
        ASSERT_TRUE(root->open_file("/" + name, &info)) << name;
        EXPECT_EQ(info.size, size) << name;
        EXPECT_EQ(info.type, FileType::regular) << name;
        if (size > 0) {
            EXPECT_THROW(root->read("/" + name, size - 1), InputError) << name;
        }
    }
}

TEST_F(DirRootTest, FifoWhereAFileIsExpectedDoesNotHang) {
    ASSERT_EQ(::mkfifo((m_dir.path() / "fifo").c_str(), 0600), 0);
    auto root = open();
    EXPECT_THROW(root->read("/fifo"), InputError);
}

TEST_F(DirRootTest, DirectoryIsNotARegularFile) {
    auto root = open();
    EXPECT_THROW(root->read("/usr/src"), InputError);
}

/// The first bytes of an open file, read through its descriptor.
std::string start_of(const UniqueFd& file, std::size_t size) {
    std::string bytes(size, '\0');
    ssize_t got = ::pread(file.get(), bytes.data(), size, 0);
    bytes.resize(got < 0 ? 0 : static_cast<std::size_t>(got));
    return bytes;
}

TEST_F(DirRootTest, OpenFileGivesADescriptorInsideTheRoot) {
    fs::create_symlink("/etc/passwd", m_dir.path() / "escape");
    auto root = open();
    UniqueFd file = root->open_file("/escape");
    ASSERT_TRUE(file);
    EXPECT_EQ(start_of(file, 7), "fixture");
    EXPECT_FALSE(root->open_file("/proc/asound/modules")) << "missing is no descriptor";
    EXPECT_THROW(root->open_file("/usr/src"), InputError);
    ASSERT_EQ(::mkfifo((m_dir.path() / "fifo").c_str(), 0600), 0);
    EXPECT_THROW(root->open_file("/fifo"), InputError);
}

TEST_F(DirRootTest, HostPathResolvesLinksInsideTheRoot) {
    fs::create_symlink("/usr/src/linux-6.1", m_dir.path() / "abs-link");
    auto root = open();
    auto canonical = fs::canonical(m_dir.path()).string();
    EXPECT_EQ(root->host_path("/abs-link").value(), canonical + "/usr/src/linux-6.1");
    EXPECT_FALSE(root->host_path("/missing").has_value());
}

// "/" takes the plain calls (nothing lies outside it to confine): every operation must still
// give what a confined root gives, here on the fixture's files by their host paths.
TEST_F(DirRootTest, TheSystemRootReadsStatsAndListsAsAConfinedOneDoes) {
    auto system = open_dir_root("/", RootSource::live);
    auto confined = open();
    const std::string top = fs::canonical(m_dir.path()).string();
    fs::create_symlink(top + "/etc/passwd", m_dir.path() / "abs-link");
    fs::create_symlink("missing", m_dir.path() / "dangling");
    for (std::string path :
         {"/etc/passwd", "/usr/src/linux", "/usr/src", "/abs-link", "/dangling", "/nowhere"}) {
        SCOPED_TRACE(path);
        auto outer = system->stat(top + path);
        auto inner = confined->stat(path == "/abs-link" ? "/etc/passwd" : path);
        ASSERT_EQ(outer.has_value(), inner.has_value());
        if (outer)
            EXPECT_EQ(outer->type, inner->type);
        auto outer_link = system->lstat(top + path);
        auto inner_link = confined->lstat(path);
        ASSERT_EQ(outer_link.has_value(), inner_link.has_value());
        if (outer_link)
            EXPECT_EQ(outer_link->type, inner_link->type);
        if (path != "/abs-link")
            EXPECT_EQ(system->read_link(top + path), confined->read_link(path));
    }
    EXPECT_EQ(system->read_link(top + "/abs-link").value(), top + "/etc/passwd");
    EXPECT_EQ(system->read(top + "/abs-link").value(), "fixture-passwd\n");
    EXPECT_FALSE(system->read(top + "/dangling").has_value());
    auto listed = system->list(top + "/usr/src");
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].name, "linux");
    EXPECT_EQ(listed[0].type, FileType::symlink);
    EXPECT_EQ(system->host_path(top + "/usr/src/linux").value(), top + "/usr/src/linux-6.1");
    EXPECT_THROW(system->read(top + "/usr"), InputError);
}

TEST(DirRoot, MissingRootDirectoryIsAnInputError) {
    EXPECT_THROW(open_dir_root("/nonexistent-sndoctor-root", RootSource::dir), InputError);
}

TEST(MemoryRoot, ReadsListsAndResolvesLinks) {
    MemoryRoot root("report.txt");
    root.add_file("/proc/asound/cards", "cards");
    root.add_file("/proc/asound/card0/codec#0", "codec");
    root.add_link("/lib/modules", "/usr/lib/modules");
    root.add_file("/usr/lib/modules/6.1/modules.dep", "dep");
    root.add_link("/loop", "/loop");
    EXPECT_EQ(root.read("/proc/asound/cards").value(), "cards");
    EXPECT_EQ(root.read("/lib/modules/6.1/modules.dep").value(), "dep");
    EXPECT_EQ(root.stat("/proc/asound")->type, FileType::directory);
    EXPECT_EQ(root.lstat("/lib/modules")->type, FileType::symlink);
    EXPECT_EQ(root.read_link("/lib/modules").value(), "/usr/lib/modules");
    auto entries = root.list("/proc/asound");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].name, "card0");
    EXPECT_EQ(entries[0].type, FileType::directory);
    EXPECT_EQ(entries[1].name, "cards");
    EXPECT_FALSE(root.read("/loop").has_value());
    EXPECT_THROW(root.read("/proc/asound"), InputError);
    EXPECT_THROW(root.read("/proc/asound/cards", 2), InputError);
    EXPECT_FALSE(root.host_path("/proc/asound/cards").has_value());
}

TEST(MemoryRoot, OpenFileGivesTheContentThroughADescriptor) {
    MemoryRoot root("report.txt");
    root.add_file("/proc/asound/version",
                  "Advanced Linux Sound Architecture Driver Version k6.1.\n");
    UniqueFd file = root.open_file("/proc/asound/version");
    ASSERT_TRUE(file);
    EXPECT_EQ(start_of(file, 8), "Advanced");
    EXPECT_FALSE(root.open_file("/proc/asound/cards"));
    EXPECT_THROW(root.open_file("/proc/asound"), InputError);
}

TEST(MemoryRoot, ListIsSortedByNameWhenNamesShareAPrefix) {
    MemoryRoot root("t");
    root.add_file("/usr/src/linux-old/Makefile", "");
    root.add_file("/usr/src/linux/Makefile", "");
    root.add_file("/usr/src/linux-old/README", "");
    auto entries = root.list("/usr/src");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].name, "linux");
    EXPECT_EQ(entries[1].name, "linux-old");
}

TEST(PathHelpers, JoinAndBaseName) {
    EXPECT_EQ(join_path("/proc/asound", "cards"), "/proc/asound/cards");
    EXPECT_EQ(join_path("/", "etc"), "/etc");
    EXPECT_EQ(base_name("/lib/modules/x/snd.ko"), "snd.ko");
    EXPECT_EQ(base_name("/usr/src/linux/"), "linux");
}

}  // namespace
}  // namespace sndoctor
