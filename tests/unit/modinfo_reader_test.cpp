#include "facts/modinfo_reader.hpp"

#include <elf.h>
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>

#include "core/unique_fd.hpp"

#include "ko_writer.hpp"

namespace sndoctor {
namespace {

using Strings = std::vector<std::string>;

/// The strings the reader finds in a module file holding `bytes` (an anonymous memory file).
std::optional<Strings> modinfo_strings(std::string_view bytes) {
    UniqueFd file(memfd_create("modinfo-test", MFD_CLOEXEC));
    EXPECT_TRUE(file);
    EXPECT_EQ(::write(file.get(), bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    Strings strings;
    if (!visit_modinfo_strings(file.get(),
                               [&](std::string_view text) { strings.emplace_back(text); }))
        return std::nullopt;
    return strings;
}

/// The vermagic the reader finds in a module file holding `bytes` (an anonymous memory file).
std::optional<std::string> vermagic_of(std::string_view bytes) {
    UniqueFd file(memfd_create("modinfo-test", MFD_CLOEXEC));
    EXPECT_TRUE(file);
    EXPECT_EQ(::write(file.get(), bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    return read_module_vermagic(file.get());
}

TEST(ModinfoReader, ReadsTheStringsOfAnElf64Module) {
    std::string ko =
        testing::make_kernel_module({"parm=index:Index value", "parmtype=index:int",
                                     "vermagic=6.1.0-18-amd64 SMP mod_unload ", "name=snd_foo"});
    auto strings = modinfo_strings(ko);
    ASSERT_TRUE(strings);
    EXPECT_EQ(*strings, (Strings{"parm=index:Index value", "parmtype=index:int",
                                 "vermagic=6.1.0-18-amd64 SMP mod_unload ", "name=snd_foo"}));
}

/// A minimal ELF32 object: the null section, the section names, and .modinfo.
std::string elf32_module(std::string_view modinfo) {
    const std::string names = std::string("\0.shstrtab\0.modinfo\0", 20);
    Elf32_Ehdr header{};
    std::memcpy(header.e_ident, ELFMAG, SELFMAG);
    header.e_ident[EI_CLASS] = ELFCLASS32;
    header.e_ident[EI_DATA] = ELFDATA2LSB;
    header.e_ident[EI_VERSION] = EV_CURRENT;
    header.e_type = ET_REL;
    header.e_shentsize = sizeof(Elf32_Shdr);
    header.e_shnum = 3;
    header.e_shstrndx = 1;
    std::uint32_t names_at = sizeof header;
    std::uint32_t modinfo_at = names_at + static_cast<std::uint32_t>(names.size());
    header.e_shoff = modinfo_at + static_cast<std::uint32_t>(modinfo.size());
    Elf32_Shdr sections[3]{};
    sections[1] = {1, SHT_STRTAB, 0, 0, names_at, static_cast<Elf32_Word>(names.size()),
                   0, 0,          1, 0};
    sections[2] = {11,         SHT_PROGBITS,
                   SHF_ALLOC,  0,
                   modinfo_at, static_cast<Elf32_Word>(modinfo.size()),
                   0,          0,
                   1,          0};
    std::string bytes(reinterpret_cast<const char*>(&header), sizeof header);
    bytes += names;
    bytes += modinfo;
    bytes.append(reinterpret_cast<const char*>(sections), sizeof sections);
    return bytes;
}

TEST(ModinfoReader, ReadsAnElf32ModuleToo) {
    // Padding NULs between entries, as the linker leaves them, are no strings.
    const char raw[] = "vermagic=5.10.0 SMP mod_unload ARMv7 \0\0\0parm=model:Use the model";
    std::string module = elf32_module(std::string_view(raw, sizeof raw));  // the strings view it
    auto strings = modinfo_strings(module);
    ASSERT_TRUE(strings);
    EXPECT_EQ(*strings,
              (Strings{"vermagic=5.10.0 SMP mod_unload ARMv7 ", "parm=model:Use the model"}));
}

TEST(ModinfoReader, WhatItCannotReadIsLeftToLibkmod) {
    std::string ko = testing::make_kernel_module({"vermagic=6.1.0 SMP "});
    EXPECT_FALSE(modinfo_strings("not an ELF file at all"));
    EXPECT_FALSE(modinfo_strings(ko.substr(0, ko.size() / 2))) << "the section table is cut off";
    std::string swapped = ko;
    swapped[EI_DATA] = swapped[EI_DATA] == ELFDATA2LSB ? ELFDATA2MSB : ELFDATA2LSB;
    EXPECT_FALSE(modinfo_strings(swapped)) << "another byte order";
    std::string no_modinfo = elf32_module("vermagic=x");
    no_modinfo[sizeof(Elf32_Ehdr) + 12] = 'X';  // the section name table says ".Xodinfo"
    EXPECT_FALSE(modinfo_strings(no_modinfo));
}

TEST(ModinfoReader, VermagicIsTheLastVermagicString) {
    EXPECT_EQ(vermagic_of(testing::make_kernel_module(
                  {"parm=index:Index value", "name=snd_foo", "vermagic=6.1.0-18-amd64 SMP "})),
              "6.1.0-18-amd64 SMP ");
    EXPECT_EQ(vermagic_of(testing::make_kernel_module(
                  {"vermagic=5.10.0 SMP ", "name=snd_foo", "vermagic=6.1.0 SMP "})),
              "6.1.0 SMP ");
    EXPECT_EQ(vermagic_of(testing::make_kernel_module({"name=snd_foo", "license=GPL"})), "")
        << "a .modinfo without vermagic";
    const char raw[] = "license=GPL\0\0vermagic=5.10.0 SMP mod_unload ARMv7 \0";
    EXPECT_EQ(vermagic_of(elf32_module(std::string_view(raw, sizeof raw - 1))),
              "5.10.0 SMP mod_unload ARMv7 ");
}

TEST(ModinfoReader, VermagicBeforeTheTailIsFoundInTheWholeSection) {
    // .modinfo is longer than the tail read first: vermagic early, aliases after it (an order
    // modpost does not write, but a module may have), or a vermagic string that the tail's
    // start cuts in two.
    std::vector<std::string> aliases;
    for (int i = 0; i < 40; ++i)
        aliases.push_back("alias=pci:v00008086d0000" + std::to_string(1000 + i) + "sv*sd*bc*sc*i*");
    std::vector<std::string> early = {"vermagic=6.1.0-early SMP "};
    early.insert(early.end(), aliases.begin(), aliases.end());
    EXPECT_EQ(vermagic_of(testing::make_kernel_module(early)), "6.1.0-early SMP ");

    std::vector<std::string> cut = aliases;
    cut.push_back("vermagic=6.1.0-cut " + std::string(k_vermagic_tail, 'x'));
    EXPECT_EQ(vermagic_of(testing::make_kernel_module(cut)),
              "6.1.0-cut " + std::string(k_vermagic_tail, 'x'));

    std::vector<std::string> late = aliases;
    late.push_back("vermagic=6.1.0-late SMP ");
    late.push_back("name=snd_foo");
    EXPECT_EQ(vermagic_of(testing::make_kernel_module(late)), "6.1.0-late SMP ");
}

TEST(ModinfoReader, NoVermagicFromWhatItCannotRead) {
    std::string ko = testing::make_kernel_module({"vermagic=6.1.0 SMP "});
    EXPECT_FALSE(vermagic_of("not an ELF file at all"));
    EXPECT_FALSE(vermagic_of(ko.substr(0, ko.size() / 2))) << "the section table is cut off";
    EXPECT_FALSE(vermagic_of(""));
}

}  // namespace
}  // namespace sndoctor
