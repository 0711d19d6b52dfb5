#pragma once

#include <libkmod.h>

namespace sndoctor {

/// The libkmod functions sndoctor calls, resolved from libkmod.so.2 the first time a module must
/// be looked up. Linked, libkmod would be loaded at every start, with the libcrypto, libzstd and
/// liblzma it depends on: more than half of the program's start (`sndoctor --version` took 3.1 ms
/// here linked, 1.3 ms without), for the many runs that never call it (a system whose sound
/// drivers have no options of its own, every PCI audio device bound, uncompressed modules).
struct KmodLibrary {
    decltype(&::kmod_new) new_context;
    decltype(&::kmod_unref) unref;
    decltype(&::kmod_set_log_priority) set_log_priority;
    decltype(&::kmod_load_resources) load_resources;
    decltype(&::kmod_list_next) list_next;
    decltype(&::kmod_module_new_from_lookup) module_new_from_lookup;
    decltype(&::kmod_module_new_from_name) module_new_from_name;
    decltype(&::kmod_module_new_from_path) module_new_from_path;
    decltype(&::kmod_module_get_module) module_get_module;
    decltype(&::kmod_module_get_name) module_get_name;
    decltype(&::kmod_module_get_path) module_get_path;
    decltype(&::kmod_module_unref) module_unref;
    decltype(&::kmod_module_unref_list) module_unref_list;
    decltype(&::kmod_module_get_info) module_get_info;
    decltype(&::kmod_module_info_get_key) module_info_get_key;
    decltype(&::kmod_module_info_get_value) module_info_get_value;
    decltype(&::kmod_module_info_free_list) module_info_free_list;

    /// The library, loaded by the first call (once a process; safe from any thread). Throws
    /// InputError naming the library and the loader's reason when it cannot be loaded, so the
    /// check that needed it says so instead of the program not starting at all.
    static const KmodLibrary& get();
};

}  // namespace sndoctor
