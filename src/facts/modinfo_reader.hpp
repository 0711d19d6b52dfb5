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

/// "key=value" strings of the .modinfo section of an open module file, in file order, read with
/// pread() (its header, section table, section names and .modinfo only). nullopt when the file
/// is not an ELF file of this machine's byte order with a readable .modinfo (then libkmod,
/// which also handles compressed modules, gives its own verdict).
std::optional<std::vector<std::string>> modinfo_strings_of_file(int fd);

}  // namespace sndoctor
