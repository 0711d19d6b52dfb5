#include "facts/codec_dumps.hpp"

#include <gtest/gtest.h>

#include "core/root.hpp"
#include "facts/facts.hpp"

namespace sndoctor {
namespace {

TEST(CodecDumps, ListsEveryCodecFileOfEveryCardInNameOrder) {
    MemoryRoot root("test");
    root.add_file("/proc/asound/cards", " 0 [PCH ]: HDA-Intel - HDA Intel PCH\n");
    root.add_file("/proc/asound/card1/codec#0", "Codec: Intel Kabylake HDMI\n");
    root.add_file("/proc/asound/card0/codec#2", "Codec: Intel Kabylake HDMI\n");
    root.add_file("/proc/asound/card0/codec#0", "Codec: Realtek ALC257\n");
    root.add_file("/proc/asound/card0/codec97#0/ac97#0-0", "0-0/0: Analog Devices AD1981B\n");
    root.add_file("/proc/asound/card0/id", "PCH\n");

    auto dumps = CodecDumps::read(root);
    std::vector<std::string> paths;
    for (const auto& file : dumps.files)
        paths.push_back(file.path);
    EXPECT_EQ(paths,
              (std::vector<std::string>{"/proc/asound/card0/codec#0", "/proc/asound/card0/codec#2",
                                        "/proc/asound/card1/codec#0"}));
    ASSERT_EQ(dumps.files.size(), 3u);
    EXPECT_EQ(dumps.files[0].card_dir, "card0");
    EXPECT_EQ(dumps.files[0].card_type, FileType::directory);
    EXPECT_EQ(dumps.files[0].name, "codec#0");
    EXPECT_EQ(dumps.files[0].read(), "Codec: Realtek ALC257\n");
}

TEST(CodecDumps, AFileThatCannotBeReadKeepsItsErrorForEveryReader) {
    MemoryRoot root("test");
    root.add_file("/proc/asound/card0/codec#0", std::string(5 * 1024 * 1024, 'x'));

    auto dumps = CodecDumps::read(root);
    ASSERT_EQ(dumps.files.size(), 1u);
    ASSERT_TRUE(dumps.files[0].error);
    EXPECT_EQ(dumps.files[0].error->path(), "/proc/asound/card0/codec#0");
    EXPECT_THROW(dumps.files[0].read(), InputError);
    EXPECT_THROW(dumps.files[0].read(), InputError) << "thrown again, not used up";
}

}  // namespace
}  // namespace sndoctor
