#include "facts/modinfo_reader.hpp"

#include <elf.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sndoctor {

namespace {

/// Far above any real .modinfo section or section table (a module has ~40 sections, its
/// .modinfo is a few KiB), far below harm from a crafted header.
constexpr std::uint64_t k_max_piece = 1024 * 1024;

/// What is read of a module's start: its ELF header. .modinfo lies past the code, some 12 KiB
/// in (the median over Debian 12's sound modules), within the first 4 KiB in only one in five;
/// reading 4 KiB ahead for those cost more than the read it saved, since every byte a system
/// call copies out costs in a slow virtual machine (a report's module survey: 1.1 million
/// fewer instructions in the test VM).
constexpr std::uint64_t k_head_size = sizeof(Elf64_Ehdr);
/// How far before the section table the section names are read with it: in every module of
/// Debian's kernel (4,023 files) .shstrtab ends within 1 KiB before the table.
constexpr std::uint64_t k_names_slack = 1024;

/// The bytes of a module file, read piece by piece with pread(): a module is some 100 KiB to
/// MiBs, and only its header, section table, section names and .modinfo are needed (a mapping
/// costs page faults and a TLB flush per module, over Debian's 286 sound modules). The section
/// names are read with the section table, in one window that starts a little before it, so a
/// module costs three reads (header, table, .modinfo) instead of four: every report reads every
/// sound module, and a system call is what costs most in a slow virtual machine.
struct FileBytes {
    /// Bytes read ahead from `offset`; not zeroed first (a memset of every window is what a
    /// slow virtual machine notices).
    struct Window {
        std::uint64_t offset = 0;
        std::size_t size = 0;
        std::unique_ptr<char[]> bytes;
    };
    int fd;
    std::vector<Window> windows;

    /// Reads up to `size` bytes at `offset` ahead of the piece() calls that need them; a file
    /// that ends sooner gives a shorter window.
    void read_ahead(std::uint64_t offset, std::uint64_t size) {
        if (size > k_max_piece)
            return;
        auto bytes = std::make_unique_for_overwrite<char[]>(size);
        ssize_t got = ::pread(fd, bytes.get(), size, static_cast<off_t>(offset));
        if (got > 0)
            windows.push_back({offset, static_cast<std::size_t>(got), std::move(bytes)});
    }

    /// `size` bytes at `offset`, a view into a window that lives as long as this; nullopt when
    /// they reach past the end of the file. Bytes outside every window are read into one.
    std::optional<std::string_view> piece(std::uint64_t offset, std::uint64_t size) {
        if (size > k_max_piece)
            return std::nullopt;
        for (const auto& window : windows)
            if (offset >= window.offset && size <= window.size &&
                offset - window.offset <= window.size - size)
                return std::string_view(window.bytes.get() + (offset - window.offset), size);
        auto bytes = std::make_unique_for_overwrite<char[]>(size);
        std::size_t done = 0;
        while (done < size) {
            ssize_t got =
                ::pread(fd, bytes.get() + done, size - done, static_cast<off_t>(offset + done));
            if (got <= 0)
                return std::nullopt;
            done += static_cast<std::size_t>(got);
        }
        windows.push_back({offset, static_cast<std::size_t>(size), std::move(bytes)});
        return std::string_view(windows.back().bytes.get(), size);
    }
};

/// A struct at `offset`, copied (the file's bytes need not be aligned).
template <class T>
std::optional<T> at(FileBytes& bytes, std::uint64_t offset) {
    auto piece = bytes.piece(offset, sizeof(T));
    if (!piece)
        return std::nullopt;
    T value;
    std::memcpy(&value, piece->data(), sizeof(T));
    return value;
}

/// Where a section lies in the file.
struct SectionPlace {
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
};

/// The section table walk, the same for ELF32 and ELF64 but for the struct types.
template <class Ehdr, class Shdr>
std::optional<SectionPlace> modinfo_section(FileBytes& bytes) {
    auto header = at<Ehdr>(bytes, 0);
    if (!header || header->e_shentsize != sizeof(Shdr) || header->e_shstrndx >= header->e_shnum)
        return std::nullopt;
    std::uint64_t table_size = std::uint64_t{header->e_shnum} * sizeof(Shdr);
    std::uint64_t slack = std::min<std::uint64_t>(header->e_shoff, k_names_slack);
    bytes.read_ahead(header->e_shoff - slack, slack + table_size);
    auto table = bytes.piece(header->e_shoff, table_size);
    if (!table)
        return std::nullopt;
    std::string_view sections = *table;
    auto section = [&](std::uint64_t index) {
        Shdr shdr;
        std::memcpy(&shdr, sections.data() + index * sizeof(Shdr), sizeof(Shdr));
        return shdr;
    };
    Shdr names = section(header->e_shstrndx);
    auto name_table = bytes.piece(names.sh_offset, names.sh_size);
    if (!name_table)
        return std::nullopt;
    constexpr std::string_view wanted(".modinfo", sizeof ".modinfo");  // with its NUL
    for (std::uint64_t i = 0; i < header->e_shnum; ++i) {
        Shdr shdr = section(i);
        if (shdr.sh_name >= name_table->size())
            return std::nullopt;
        if (name_table->size() - shdr.sh_name < wanted.size() ||
            std::memcmp(name_table->data() + shdr.sh_name, wanted.data(), wanted.size()) != 0)
            continue;
        return SectionPlace{shdr.sh_offset, shdr.sh_size};
    }
    return std::nullopt;
}

std::optional<SectionPlace> modinfo_place(FileBytes& bytes) {
    bytes.read_ahead(0, k_head_size);
    auto ident = bytes.piece(0, EI_NIDENT);
    if (!ident || std::string_view(*ident).substr(0, SELFMAG) != std::string_view(ELFMAG, SELFMAG))
        return std::nullopt;
    constexpr unsigned char native =
        std::endian::native == std::endian::little ? ELFDATA2LSB : ELFDATA2MSB;
    if (static_cast<unsigned char>((*ident)[EI_DATA]) != native)
        return std::nullopt;
    if ((*ident)[EI_CLASS] == ELFCLASS64)
        return modinfo_section<Elf64_Ehdr, Elf64_Shdr>(bytes);
    if ((*ident)[EI_CLASS] == ELFCLASS32)
        return modinfo_section<Elf32_Ehdr, Elf32_Shdr>(bytes);
    return std::nullopt;
}

/// Calls `each` with the non-empty strings of NUL-separated .modinfo text, in order (padding
/// NULs between entries, as the linker leaves them, are no strings).
template <class Each>
void for_each_string(std::string_view strings, const Each& each) {
    for (std::string_view rest = strings; !rest.empty();) {
        auto end = rest.find('\0');
        std::string_view text = rest.substr(0, end);
        if (!text.empty())
            each(text);
        if (end == std::string_view::npos)
            break;
        rest.remove_prefix(end + 1);
    }
}

/// The value of the last "vermagic=" string in `strings`, .modinfo text that starts at a
/// string's start; nullopt when there is none.
std::optional<std::string_view> last_vermagic(std::string_view strings) {
    constexpr std::string_view key = "vermagic=";
    std::optional<std::string_view> found;
    for_each_string(strings, [&](std::string_view text) {
        if (text.starts_with(key))
            found = text.substr(key.size());
    });
    return found;
}

}  // namespace

bool visit_modinfo_strings(int fd, const std::function<void(std::string_view)>& each) {
    FileBytes bytes{fd, {}};
    auto place = modinfo_place(bytes);
    if (!place)
        return false;
    auto section = bytes.piece(place->offset, place->size);
    if (!section)
        return false;
    for_each_string(*section, each);
    return true;
}

std::optional<std::string> read_module_vermagic(int fd) {
    FileBytes bytes{fd, {}};
    auto place = modinfo_place(bytes);
    if (!place)
        return std::nullopt;
    // The tail first: modpost writes vermagic= last. The window starts at a string's start only
    // after a NUL (or at the section's start); the partial string before that NUL is skipped.
    if (place->size > k_vermagic_tail) {
        auto tail = bytes.piece(place->offset + place->size - k_vermagic_tail, k_vermagic_tail);
        if (!tail)
            return std::nullopt;
        auto first_nul = tail->find('\0');
        if (first_nul != std::string_view::npos)
            if (auto vermagic = last_vermagic(tail->substr(first_nul + 1)))
                return std::string(*vermagic);
    }
    auto section = bytes.piece(place->offset, place->size);
    if (!section)
        return std::nullopt;
    return std::string(last_vermagic(*section).value_or(std::string_view()));
}

}  // namespace sndoctor
