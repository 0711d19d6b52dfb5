#include "facts/modinfo_reader.hpp"

#include <elf.h>
#include <unistd.h>

#include <bit>
#include <cstring>

namespace sndoctor {

namespace {

/// Far above any real .modinfo section or section table (a module has ~40 sections, its
/// .modinfo is a few KiB), far below harm from a crafted header.
constexpr std::uint64_t k_max_piece = 1024 * 1024;

/// The bytes of a module file, read piece by piece with pread(): a module is some 100 KiB to
/// MiBs, and only its header, section table, section names and .modinfo are needed (a mapping
/// costs page faults and a TLB flush per module, over Debian's 286 sound modules).
struct FileBytes {
    int fd;

    /// `size` bytes at `offset`; nullopt when they reach past the end of the file.
    std::optional<std::string> piece(std::uint64_t offset, std::uint64_t size) const {
        if (size > k_max_piece)
            return std::nullopt;
        std::string buffer(size, '\0');
        std::size_t done = 0;
        while (done < size) {
            ssize_t got =
                ::pread(fd, buffer.data() + done, size - done, static_cast<off_t>(offset + done));
            if (got <= 0)
                return std::nullopt;
            done += static_cast<std::size_t>(got);
        }
        return buffer;
    }
};

/// A struct at `offset`, copied (the file's bytes need not be aligned).
template <class T>
std::optional<T> at(const FileBytes& bytes, std::uint64_t offset) {
    auto piece = bytes.piece(offset, sizeof(T));
    if (!piece)
        return std::nullopt;
    T value;
    std::memcpy(&value, piece->data(), sizeof(T));
    return value;
}

/// The section table walk, the same for ELF32 and ELF64 but for the struct types.
template <class Ehdr, class Shdr>
std::optional<std::string> modinfo_section(const FileBytes& bytes) {
    auto header = at<Ehdr>(bytes, 0);
    if (!header || header->e_shentsize != sizeof(Shdr) || header->e_shstrndx >= header->e_shnum)
        return std::nullopt;
    auto table = bytes.piece(header->e_shoff, std::uint64_t{header->e_shnum} * sizeof(Shdr));
    if (!table)
        return std::nullopt;
    const std::string& sections = *table;
    auto section = [&](std::uint64_t index) {
        Shdr shdr;
        std::memcpy(&shdr, sections.data() + index * sizeof(Shdr), sizeof(Shdr));
        return shdr;
    };
    Shdr names = section(header->e_shstrndx);
    auto name_table = bytes.piece(names.sh_offset, names.sh_size);
    if (!name_table)
        return std::nullopt;
    for (std::uint64_t i = 0; i < header->e_shnum; ++i) {
        Shdr shdr = section(i);
        if (shdr.sh_name >= name_table->size())
            return std::nullopt;
        std::string_view name = std::string_view(*name_table).substr(shdr.sh_name);
        if (name.substr(0, name.find('\0')) != ".modinfo")
            continue;
        return bytes.piece(shdr.sh_offset, shdr.sh_size);
    }
    return std::nullopt;
}

std::optional<std::vector<std::string>> modinfo_of(const FileBytes& bytes) {
    auto ident = bytes.piece(0, EI_NIDENT);
    if (!ident || std::string_view(*ident).substr(0, SELFMAG) != std::string_view(ELFMAG, SELFMAG))
        return std::nullopt;
    constexpr unsigned char native =
        std::endian::native == std::endian::little ? ELFDATA2LSB : ELFDATA2MSB;
    if (static_cast<unsigned char>((*ident)[EI_DATA]) != native)
        return std::nullopt;
    std::optional<std::string> section;
    if ((*ident)[EI_CLASS] == ELFCLASS64)
        section = modinfo_section<Elf64_Ehdr, Elf64_Shdr>(bytes);
    else if ((*ident)[EI_CLASS] == ELFCLASS32)
        section = modinfo_section<Elf32_Ehdr, Elf32_Shdr>(bytes);
    if (!section)
        return std::nullopt;
    std::vector<std::string> strings;
    for (std::string_view rest = *section; !rest.empty();) {
        auto end = rest.find('\0');
        std::string_view text = rest.substr(0, end);
        if (!text.empty())
            strings.emplace_back(text);
        if (end == std::string_view::npos)
            break;
        rest.remove_prefix(end + 1);
    }
    return strings;
}

}  // namespace

std::optional<std::vector<std::string>> modinfo_strings_of_file(int fd) {
    return modinfo_of(FileBytes{fd});
}

}  // namespace sndoctor
