#pragma once

#include <string>
#include <vector>

namespace sndoctor::testing {

/// Builds the bytes of a minimal ELF64 relocatable object that libkmod and depmod read as a kernel
/// module: a .modinfo section holding `entries` ("name=snd_foo", "vermagic=6.1.0 SMP ...",
/// "parm=index:Index value", ...), an empty symbol table and the string tables.
std::string make_kernel_module(const std::vector<std::string>& modinfo_entries);

}  // namespace sndoctor::testing
