#include "facts/kmod_library.hpp"

#include <dlfcn.h>

#include <string>

#include "core/error.hpp"

namespace sndoctor {

namespace {

/// libkmod's soname since its first release (2011).
constexpr const char* k_library = "libkmod.so.2";

std::string loader_error() {
    const char* error = ::dlerror();
    return error != nullptr ? error : "no reason given";
}

/// Points `function` at the library's symbol `name`.
template <typename Function>
void resolve(void* handle, Function& function, const char* name) {
    function = reinterpret_cast<Function>(::dlsym(handle, name));
    if (function == nullptr)
        throw InputError(k_library, std::string("has no ") + name + ": " + loader_error());
}

KmodLibrary load() {
    // Never closed: the library stays for the rest of the process, as a linked one would.
    void* handle = ::dlopen(k_library, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr)
        throw InputError(k_library, "cannot be loaded: " + loader_error());
    KmodLibrary library{};
    resolve(handle, library.new_context, "kmod_new");
    resolve(handle, library.unref, "kmod_unref");
    resolve(handle, library.set_log_priority, "kmod_set_log_priority");
    resolve(handle, library.load_resources, "kmod_load_resources");
    resolve(handle, library.list_next, "kmod_list_next");
    resolve(handle, library.module_new_from_lookup, "kmod_module_new_from_lookup");
    resolve(handle, library.module_new_from_name, "kmod_module_new_from_name");
    resolve(handle, library.module_new_from_path, "kmod_module_new_from_path");
    resolve(handle, library.module_get_module, "kmod_module_get_module");
    resolve(handle, library.module_get_name, "kmod_module_get_name");
    resolve(handle, library.module_get_path, "kmod_module_get_path");
    resolve(handle, library.module_unref, "kmod_module_unref");
    resolve(handle, library.module_unref_list, "kmod_module_unref_list");
    resolve(handle, library.module_get_info, "kmod_module_get_info");
    resolve(handle, library.module_info_get_key, "kmod_module_info_get_key");
    resolve(handle, library.module_info_get_value, "kmod_module_info_get_value");
    resolve(handle, library.module_info_free_list, "kmod_module_info_free_list");
    return library;
}

}  // namespace

const KmodLibrary& KmodLibrary::get() {
    static const KmodLibrary library = load();  // a throw leaves it for the next call to retry
    return library;
}

}  // namespace sndoctor
