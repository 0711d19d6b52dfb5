#pragma once

#include <functional>
#include <string_view>

/// The .modinfo strings of an uncompressed kernel module, read from its ELF section table
/// directly. libkmod's kmod_module_get_info() also parses and hex-prints the module's signature
/// (with libcrypto), which is 87% of a `sndoctor check` over Debian's 286 signed sound modules
/// (callgrind), while the checks need only vermagic and the parameter names.
namespace sndoctor {

/// Calls `each` with the "key=value" strings of the .modinfo section of an open module file,
/// in file order, read with pread() (its header, section table, section names and .modinfo
/// only). Each string is a view into a buffer that lives only during the call: a module has
/// hundreds (every alias), and a report reads every sound module, so none is copied. False,
/// with nothing called, when the file is not an ELF file of this machine's byte order with a
/// readable .modinfo (then libkmod, which also handles compressed modules, gives its own
/// verdict).
bool visit_modinfo_strings(int fd, const std::function<void(std::string_view)>& each);

}  // namespace sndoctor
