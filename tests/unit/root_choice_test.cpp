#include "cli/root_choice.hpp"

#include <gtest/gtest.h>

namespace sndoctor::cli {
namespace {

TEST(HasSoundCard, OnlyWhenTheCardListNamesACard) {
    MemoryRoot none("none");
    EXPECT_FALSE(has_sound_card(none));

    MemoryRoot empty("empty");
    empty.add_file("/proc/asound/cards", "--- no soundcards ---\n");
    EXPECT_FALSE(has_sound_card(empty));

    MemoryRoot one("one");
    one.add_file("/proc/asound/cards", " 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n");
    EXPECT_TRUE(has_sound_card(one));

    MemoryRoot junk("junk");
    junk.add_file("/proc/asound/cards", std::string("\0\0\0", 3));
    EXPECT_TRUE(has_sound_card(junk)) << "a broken card list is this machine's problem to show";
}

TEST(ChooseRoot, DemoWhenAsked) {
    Options options;
    options.demo = true;
    ChosenRoot chosen = choose_root(options, DemoFallback::never);
    EXPECT_TRUE(chosen.header.demo);
    EXPECT_EQ(chosen.root->source(), RootSource::dir);
    EXPECT_TRUE(chosen.root->exists("/proc/asound/cards"));
    EXPECT_TRUE(chosen.notice.empty());
}

TEST(ChooseRoot, DirectoryRoot) {
    Options options;
    options.root = "/nonexistent-sndoctor-fixture";
    EXPECT_THROW(choose_root(options, DemoFallback::never), InputError);
}

}  // namespace
}  // namespace sndoctor::cli
