#include "ko_writer.hpp"

#include <elf.h>

#include <cstring>

namespace sndoctor::testing {

namespace {

template <class T>
void append_struct(std::string& out, const T& value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void pad_to(std::string& out, std::size_t alignment) {
    while (out.size() % alignment != 0)
        out.push_back('\0');
}

}  // namespace

std::string make_kernel_module(const std::vector<std::string>& modinfo_entries) {
    std::string modinfo;
    for (const auto& entry : modinfo_entries) {
        modinfo += entry;
        modinfo.push_back('\0');
    }
    const std::string strtab(1, '\0');
    const std::string shstrtab = std::string("\0.modinfo\0.symtab\0.strtab\0.shstrtab\0", 36);
    const Elf64_Sym null_symbol{};

    std::string out(sizeof(Elf64_Ehdr), '\0');
    const std::size_t modinfo_offset = out.size();
    out += modinfo;
    pad_to(out, 8);
    const std::size_t symtab_offset = out.size();
    append_struct(out, null_symbol);
    const std::size_t strtab_offset = out.size();
    out += strtab;
    const std::size_t shstrtab_offset = out.size();
    out += shstrtab;
    pad_to(out, 8);
    const std::size_t section_headers_offset = out.size();

    auto section = [](Elf64_Word name, Elf64_Word type, Elf64_Xword flags, std::size_t offset,
                      std::size_t size, Elf64_Word link, Elf64_Word info, Elf64_Xword align,
                      Elf64_Xword entsize) {
        Elf64_Shdr header{};
        header.sh_name = name;
        header.sh_type = type;
        header.sh_flags = flags;
        header.sh_offset = offset;
        header.sh_size = size;
        header.sh_link = link;
        header.sh_info = info;
        header.sh_addralign = align;
        header.sh_entsize = entsize;
        return header;
    };
    append_struct(out, Elf64_Shdr{});
    append_struct(out,
                  section(1, SHT_PROGBITS, SHF_ALLOC, modinfo_offset, modinfo.size(), 0, 0, 1, 0));
    append_struct(out, section(10, SHT_SYMTAB, 0, symtab_offset, sizeof(Elf64_Sym), 3, 1, 8,
                               sizeof(Elf64_Sym)));
    append_struct(out, section(18, SHT_STRTAB, 0, strtab_offset, strtab.size(), 0, 0, 1, 0));
    append_struct(out, section(26, SHT_STRTAB, 0, shstrtab_offset, shstrtab.size(), 0, 0, 1, 0));

    Elf64_Ehdr header{};
    std::memcpy(header.e_ident, ELFMAG, SELFMAG);
    header.e_ident[EI_CLASS] = ELFCLASS64;
    header.e_ident[EI_DATA] = ELFDATA2LSB;
    header.e_ident[EI_VERSION] = EV_CURRENT;
    header.e_type = ET_REL;
    header.e_machine = EM_X86_64;
    header.e_version = EV_CURRENT;
    header.e_shoff = section_headers_offset;
    header.e_ehsize = sizeof(Elf64_Ehdr);
    header.e_shentsize = sizeof(Elf64_Shdr);
    header.e_shnum = 5;
    header.e_shstrndx = 4;
    std::memcpy(out.data(), &header, sizeof header);
    return out;
}

}  // namespace sndoctor::testing
