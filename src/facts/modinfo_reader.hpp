#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

/// The .modinfo strings of an uncompressed kernel module, read from its ELF section table
/// directly. libkmod's kmod_module_get_info() also parses and hex-prints the module's signature
/// (with libcrypto), which was 87% of a `sndoctor check` over Debian's 286 signed sound modules
/// (callgrind), while the checks need only vermagic and the parameter names.
namespace sndoctor {

/// Calls `each` with the "key=value" strings of the .modinfo section of an open module file,
/// in file order, read with pread() (its header, section table, section names and .modinfo
/// only). Each string is a view into a buffer that lives only during the call. False, with
/// nothing called, when the file is not an ELF file of this machine's byte order with a
/// readable .modinfo (then libkmod, which also handles compressed modules, gives its own
/// verdict).
bool visit_modinfo_strings(int fd, const std::function<void(std::string_view)>& each);

/// The value of the last "vermagic=" string of the .modinfo section of an open module file
/// ("6.1.0-18-amd64 SMP preempt mod_unload modversions "), read with pread(): its header, its
/// section table with the section names, and the last k_vermagic_tail bytes of .modinfo, where
/// modpost puts vermagic (in every module of Debian's kernel); the whole section only when they
/// do not hold it. A report reads every sound module this way (the module survey), so nothing
/// else of .modinfo (its hundreds of aliases) is read or parsed. An empty string when .modinfo
/// has no vermagic; nullopt as for visit_modinfo_strings().
std::optional<std::string> read_module_vermagic(int fd);

/// How much of .modinfo's end is read first: vermagic= and a release, with room to spare.
inline constexpr std::size_t k_vermagic_tail = 512;

}  // namespace sndoctor
