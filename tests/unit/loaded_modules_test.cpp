#include "facts/loaded_modules.hpp"

#include <gtest/gtest.h>

#include "core/root.hpp"
#include "facts/facts.hpp"

namespace sndoctor {
namespace {

const LoadedModules& loaded(Facts& facts) {
    return facts.get<LoadedModules>();
}

TEST(LoadedModules, NamesEachModuleInKmodSpellingWithItsLine) {
    MemoryRoot root("test");
    root.add_file("/proc/modules",
                  "snd_hda_intel 57344 3 - Live 0x0000000000000000\n"
                  "\n"
                  "snd-sof-pci-intel-tgl 16384 0 - Live 0x0000000000000000\n");
    Facts facts(root, Environment{});
    const auto& modules = loaded(facts);
    EXPECT_EQ(modules.lines.size(), 2u);
    auto hda = modules.line_of("snd_hda_intel");
    ASSERT_TRUE(hda);
    EXPECT_EQ(hda->path, "/proc/modules");
    EXPECT_EQ(hda->line, 1);
    EXPECT_EQ(hda->text, "snd_hda_intel 57344 3 - Live 0x0000000000000000");
    auto sof = modules.line_of("snd_sof_pci_intel_tgl");
    ASSERT_TRUE(sof);
    EXPECT_EQ(sof->line, 3);
    EXPECT_FALSE(modules.line_of("snd_usb_audio"));
    EXPECT_EQ(modules.file.text->substr(0, 13), "snd_hda_intel");
}

TEST(LoadedModules, AMissingFileHasNoModules) {
    MemoryRoot root("test");
    Facts facts(root, Environment{});
    const auto& modules = loaded(facts);
    EXPECT_TRUE(modules.lines.empty());
    EXPECT_FALSE(modules.file.text);
    EXPECT_FALSE(modules.file.error);
    EXPECT_FALSE(modules.line_of("snd_hda_intel"));
}

TEST(LoadedModules, AnUnreadableFileKeepsItsErrorForEveryReader) {
    LoadedModules modules = LoadedModules::parse(
        FileRead{"/proc/modules", std::nullopt, InputError("/proc/modules", "permission denied")});
    EXPECT_TRUE(modules.lines.empty());
    EXPECT_FALSE(modules.line_of("snd"));
    try {
        modules.file.read();
        FAIL() << "the error was not kept";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), "/proc/modules");
        EXPECT_EQ(e.reason(), "permission denied");
    }
}

}  // namespace
}  // namespace sndoctor
