#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// The .modinfo strings of an uncompressed kernel module, read from its ELF section table
/// directly. libkmod's kmod_module_get_info() also parses and hex-prints the module's signature
/// (with libcrypto), which is 87% of a `sndoctor check` over Debian's 286 signed sound modules
/// (callgrind), while the checks need only vermagic and the parameter names.
namespace sndoctor {

/// "key=value" strings of the .modinfo section, in file order. nullopt when the bytes are not an
/// ELF file of this machine's byte order with a readable .modinfo (then libkmod, which also
/// handles compressed modules, gives its own verdict).
std::optional<std::vector<std::string_view>> modinfo_strings(std::string_view elf);

}  // namespace sndoctor
