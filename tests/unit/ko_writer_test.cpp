#include "ko_writer.hpp"

#include <elf.h>
#include <gtest/gtest.h>
#include <libkmod.h>

#include <cstring>
#include <map>

#include "temp_dir.hpp"

namespace sndoctor::testing {
namespace {

using Modinfo = std::multimap<std::string, std::string>;

/// What libkmod itself reads from a written module (no sndoctor code in between), in a context
/// with no configuration and a module directory that has no indexes.
class KoWriterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const char* no_config[] = {nullptr};
        m_ctx = kmod_new(m_dir.path().c_str(), no_config);
        ASSERT_NE(m_ctx, nullptr);
        kmod_set_log_priority(m_ctx, 0);
    }
    void TearDown() override { kmod_unref(m_ctx); }

    /// Writes the module to `file` and reads it back; nullopt when libkmod refuses it.
    std::optional<Modinfo> round_trip(const std::string& file,
                                      const std::vector<std::string>& entries) {
        auto path = m_dir.write(file, make_kernel_module(entries));
        kmod_module* module = nullptr;
        if (kmod_module_new_from_path(m_ctx, path.c_str(), &module) < 0)
            return std::nullopt;
        kmod_list* list = nullptr;
        int count = kmod_module_get_info(module, &list);
        std::optional<Modinfo> info;
        if (count >= 0) {
            info.emplace();
            kmod_list* entry = nullptr;
            kmod_list_foreach(entry, list) {
                info->emplace(kmod_module_info_get_key(entry), kmod_module_info_get_value(entry));
            }
            kmod_module_info_free_list(list);
        }
        kmod_module_unref(module);
        return info;
    }

    TempDir m_dir;
    kmod_ctx* m_ctx = nullptr;
};

TEST_F(KoWriterTest, LibkmodReadsNameAndVermagic) {
    auto info = round_trip("snd-hda-intel.ko", {"name=snd_hda_intel",
                                                "vermagic=6.1.0-18-amd64 SMP preempt mod_unload "
                                                "modversions "});
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->size(), 2u);
    EXPECT_EQ(info->find("name")->second, "snd_hda_intel");
    EXPECT_EQ(info->find("vermagic")->second, "6.1.0-18-amd64 SMP preempt mod_unload modversions ");
}

TEST_F(KoWriterTest, LibkmodReadsEveryParameterInOrder) {
    auto info =
        round_trip("snd-virmidi.ko",
                   {"name=snd_virmidi", "parm=index:Index value", "parmtype=index:array of int",
                    "parm=midi_devs:MIDI devices # (1-8)", "parmtype=midi_devs:array of int"});
    ASSERT_TRUE(info.has_value());
    auto [first, last] = info->equal_range("parm");
    std::vector<std::string> parms;
    for (auto it = first; it != last; ++it)
        parms.push_back(it->second);
    EXPECT_EQ(parms,
              (std::vector<std::string>{"index:Index value", "midi_devs:MIDI devices # (1-8)"}));
    EXPECT_EQ(info->count("parmtype"), 2u);
}

TEST_F(KoWriterTest, ValuesMayHoldEqualsSignsAndColons) {
    auto info =
        round_trip("snd-x.ko", {"alias=pci:v00008086d*sv*sd*bc04sc03i00*", "description=a=b:c"});
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->find("alias")->second, "pci:v00008086d*sv*sd*bc04sc03i00*");
    EXPECT_EQ(info->find("description")->second, "a=b:c");
}

TEST_F(KoWriterTest, AModuleWithoutEntriesIsStillAModule) {
    auto info = round_trip("snd-empty.ko", {});
    ASSERT_TRUE(info.has_value());
    EXPECT_TRUE(info->empty());
}

TEST_F(KoWriterTest, ManyLongEntriesSurvive) {
    std::vector<std::string> entries = {"name=snd_big"};
    for (int i = 0; i < 200; ++i)
        entries.push_back("parm=p" + std::to_string(i) + ":" + std::string(300, 'x'));
    auto info = round_trip("snd-big.ko", entries);
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->count("parm"), 200u);
}

TEST_F(KoWriterTest, WritesAnX86_64RelocatableElfObject) {
    std::string bytes = make_kernel_module({"name=snd"});
    ASSERT_GE(bytes.size(), sizeof(Elf64_Ehdr));
    Elf64_Ehdr header;
    std::memcpy(&header, bytes.data(), sizeof header);
    EXPECT_EQ(std::memcmp(header.e_ident, ELFMAG, SELFMAG), 0);
    EXPECT_EQ(header.e_ident[EI_CLASS], ELFCLASS64);
    EXPECT_EQ(header.e_type, ET_REL);
    EXPECT_EQ(header.e_machine, EM_X86_64);
    // The section headers lie inside the bytes written.
    EXPECT_LE(header.e_shoff + header.e_shnum * sizeof(Elf64_Shdr), bytes.size());
}

}  // namespace
}  // namespace sndoctor::testing
