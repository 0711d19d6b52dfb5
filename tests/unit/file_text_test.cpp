#include "core/file_text.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "core/error.hpp"
#include "core/root.hpp"
#include "core/unique_fd.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

using testing::TempDir;

/// Some 200 KiB of text that differs from line to line.
std::string large_text() {
    std::string text;
    for (int i = 0; text.size() < 200 * 1024; ++i)
        text += "CONFIG_SYMBOL_" + std::to_string(i) + "=y\n";
    return text;
}

TEST(FileText, HeldTextIsTheStringGiven) {
    FileText text(std::string("CONFIG_SND=y\n"));
    EXPECT_FALSE(text.mapped());
    EXPECT_EQ(text.view(), "CONFIG_SND=y\n");
    EXPECT_TRUE(text.intact());
    EXPECT_EQ(FileText().view(), "");
}

TEST(FileText, AMappedFileReadsAsTheFileAndMovesWithItsOwner) {
    TempDir dir;
    const std::string content = large_text();
    UniqueFd fd(::open(dir.write("config", content).c_str(), O_RDONLY | O_CLOEXEC));
    auto mapped = FileText::map(fd.get(), content.size());
    ASSERT_TRUE(mapped);
    EXPECT_TRUE(mapped->mapped());
    EXPECT_EQ(mapped->view(), content);
    FileText moved = std::move(*mapped);
    EXPECT_EQ(moved.view(), content);
    EXPECT_EQ(mapped->view(), "");  // NOLINT(bugprone-use-after-move): the moved-from state
    moved = FileText(std::string("other"));
    EXPECT_EQ(moved.view(), "other");
    EXPECT_FALSE(FileText::map(fd.get(), 0));
}

// A file rewritten in place while mapped loses its pages past the new end: reading them must
// not kill the program (SIGBUS) but give zeros, and the text says it is no longer the file's.
TEST(FileText, AFileCutShortWhileMappedReadsAsZerosNotACrash) {
    TempDir dir;
    const std::string content = large_text();
    auto path = dir.write("modules.order", content);
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    auto mapped = FileText::map(fd.get(), content.size());
    ASSERT_TRUE(mapped);
    EXPECT_EQ(mapped->view().substr(0, 15), "CONFIG_SYMBOL_0");
    ASSERT_EQ(::truncate(path.c_str(), 4096), 0);
    std::string_view view = mapped->view();
    EXPECT_EQ(view[0], 'C');  // the page that remains
    EXPECT_EQ(view[view.size() - 1], '\0');
    EXPECT_EQ(view[100 * 1024], '\0');
    EXPECT_FALSE(mapped->intact());
    // Other mappings are not concerned, and a new one is whole.
    ASSERT_EQ(::truncate(path.c_str(), 0), 0);
    auto again = dir.write("again", content);
    UniqueFd other(::open(again.c_str(), O_RDONLY | O_CLOEXEC));
    auto fresh = FileText::map(other.get(), content.size());
    ASSERT_TRUE(fresh);
    EXPECT_EQ(fresh->view(), content);
    EXPECT_TRUE(fresh->intact());
}

TEST(FileText, ARootMapsLargeFilesAndReadsSmallAndSizelessOnes) {
    TempDir dir;
    const std::string content = large_text();
    dir.write("boot/config-6.1.0", content);
    dir.write("etc/small", "small\n");
    auto root = open_dir_root(dir.path().string(), RootSource::dir);
    auto large = root->read_text("/boot/config-6.1.0");
    ASSERT_TRUE(large);
    EXPECT_TRUE(large->mapped());
    EXPECT_EQ(large->view(), content);
    auto small = root->read_text("/etc/small");
    ASSERT_TRUE(small);
    EXPECT_FALSE(small->mapped());
    EXPECT_EQ(small->view(), "small\n");
    EXPECT_FALSE(root->read_text("/etc/missing"));
    // Over the cap it is the same error read() gives, naming the file.
    EXPECT_THROW(root->read_text("/boot/config-6.1.0", 1024), InputError);

    MemoryRoot memory("report.txt");
    memory.add_file("/boot/config-6.1.0", content);
    auto held = memory.read_text("/boot/config-6.1.0");
    ASSERT_TRUE(held);
    EXPECT_EQ(held->view(), content);
}

}  // namespace
}  // namespace sndoctor
