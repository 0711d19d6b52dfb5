#include "facts/modinfo_reader.hpp"

#include <elf.h>

#include <bit>
#include <cstring>

namespace sndoctor {

namespace {

/// A struct of the file at `offset`, copied (the file's bytes need not be aligned); nullopt
/// when it would reach past the end.
template <class T>
std::optional<T> at(std::string_view bytes, std::uint64_t offset) {
    if (offset > bytes.size() || bytes.size() - offset < sizeof(T))
        return std::nullopt;
    T value;
    std::memcpy(&value, bytes.data() + offset, sizeof(T));
    return value;
}

/// The section table walk, the same for ELF32 and ELF64 but for the struct types.
template <class Ehdr, class Shdr>
std::optional<std::string_view> modinfo_section(std::string_view bytes) {
    auto header = at<Ehdr>(bytes, 0);
    if (!header || header->e_shentsize != sizeof(Shdr) || header->e_shstrndx >= header->e_shnum)
        return std::nullopt;
    auto section = [&](std::uint64_t index) {
        return at<Shdr>(bytes, header->e_shoff + index * sizeof(Shdr));
    };
    auto names = section(header->e_shstrndx);
    if (!names || names->sh_offset > bytes.size() ||
        bytes.size() - names->sh_offset < names->sh_size)
        return std::nullopt;
    std::string_view name_table = bytes.substr(names->sh_offset, names->sh_size);
    for (std::uint64_t i = 0; i < header->e_shnum; ++i) {
        auto shdr = section(i);
        if (!shdr || shdr->sh_name >= name_table.size())
            return std::nullopt;
        std::string_view name = name_table.substr(shdr->sh_name);
        if (name.substr(0, name.find('\0')) != ".modinfo")
            continue;
        if (shdr->sh_offset > bytes.size() || bytes.size() - shdr->sh_offset < shdr->sh_size)
            return std::nullopt;
        return bytes.substr(shdr->sh_offset, shdr->sh_size);
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::vector<std::string_view>> modinfo_strings(std::string_view elf) {
    if (elf.size() < EI_NIDENT || elf.substr(0, SELFMAG) != std::string_view(ELFMAG, SELFMAG))
        return std::nullopt;
    constexpr unsigned char native =
        std::endian::native == std::endian::little ? ELFDATA2LSB : ELFDATA2MSB;
    if (static_cast<unsigned char>(elf[EI_DATA]) != native)
        return std::nullopt;
    std::optional<std::string_view> section;
    if (elf[EI_CLASS] == ELFCLASS64)
        section = modinfo_section<Elf64_Ehdr, Elf64_Shdr>(elf);
    else if (elf[EI_CLASS] == ELFCLASS32)
        section = modinfo_section<Elf32_Ehdr, Elf32_Shdr>(elf);
    if (!section)
        return std::nullopt;
    std::vector<std::string_view> strings;
    for (std::string_view rest = *section; !rest.empty();) {
        auto end = rest.find('\0');
        std::string_view text = rest.substr(0, end);
        if (!text.empty())
            strings.push_back(text);
        if (end == std::string_view::npos)
            break;
        rest.remove_prefix(end + 1);
    }
    return strings;
}

}  // namespace sndoctor
