#include "facts/kmod_context.hpp"

#include <fcntl.h>
#include <libkmod.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <memory>

#include "core/error.hpp"
#include "core/gzip.hpp"
#include "core/text.hpp"
#include "core/unique_fd.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_identity.hpp"
#include "facts/kmod_library.hpp"
#include "facts/modinfo_reader.hpp"

namespace sndoctor {

std::string vermagic_release(std::string_view vermagic) {
    return std::string(vermagic.substr(0, vermagic.find(' ')));
}

bool ModuleInfo::has_param(std::string_view param) const {
    return std::find(params.begin(), params.end(), param) != params.end();
}

void KmodContext::CtxDeleter::operator()(kmod_ctx* ctx) const {
    KmodLibrary::get().unref(ctx);
}

namespace {

/// A module handle that is released once.
struct ModuleRef {
    kmod_module* module = nullptr;
    ~ModuleRef() {
        if (module != nullptr)
            KmodLibrary::get().module_unref(module);
    }
};

/// Takes one .modinfo entry into `info`: the vermagic, and the parameter names.
void add_modinfo(ModuleInfo& info, std::string_view key, std::string_view value) {
    if (key == "vermagic") {
        info.vermagic = value;
    } else if (key == "parm" || key == "parmtype") {
        // "index:Index value for the card." / "index:int": the name is before the colon.
        std::string name(value.substr(0, value.find(':')));
        if (!info.has_param(name))
            info.params.push_back(std::move(name));
    }
}

std::optional<ModuleInfo> info_of(kmod_module* module) {
    const KmodLibrary& kmod = KmodLibrary::get();
    ModuleInfo info;
    info.name = kmod.module_get_name(module);
    if (const char* path = kmod.module_get_path(module))
        info.path = path;
    kmod_list* entries = nullptr;
    if (kmod.module_get_info(module, &entries) < 0)
        return std::nullopt;
    for (kmod_list* entry = entries; entry != nullptr; entry = kmod.list_next(entries, entry)) {
        const char* value = kmod.module_info_get_value(entry);
        if (value != nullptr)
            add_modinfo(info, kmod.module_info_get_key(entry), value);
    }
    kmod.module_info_free_list(entries);
    return info;
}

/// Far above any real module (the biggest, amdgpu, is ~20 MiB unpacked), far below harm.
constexpr std::size_t k_max_module_size = 256 * 1024 * 1024;

/// Debian's libkmod is built without zlib (`kmod --version` says -ZLIB), so it cannot open a
/// .ko.gz that the kernel and another distribution's kmod load. Such a file is inflated into an
/// anonymous memory file for libkmod to read; nothing is written to disk. No fd on failure.
UniqueFd inflate_gzip_module(int in, std::string_view path) {
    std::string compressed;
    char buffer[65536];
    for (off_t offset = 0;;) {
        ssize_t got = ::pread(in, buffer, sizeof buffer, offset);
        if (got < 0 || compressed.size() > k_max_module_size)
            return {};
        if (got == 0)
            break;
        compressed.append(buffer, static_cast<std::size_t>(got));
        offset += got;
    }
    std::string module;
    try {
        module = gunzip(std::string(path), compressed, k_max_module_size, "a kernel module");
    } catch (const InputError&) {
        return {};  // corrupt, or not gzip at all: libkmod's verdict stands
    }
    UniqueFd out(memfd_create("sndoctor-module", MFD_CLOEXEC));
    if (!out ||
        ::write(out.get(), module.data(), module.size()) != static_cast<ssize_t>(module.size()))
        return {};
    return out;
}

/// kmod's name for a module file: the base name up to its first dot, '-' read as '_'.
std::string module_name_of_path(std::string_view path) {
    std::string_view base = path.substr(path.rfind('/') + 1);
    return module_name(base.substr(0, base.find('.')));
}

/// An uncompressed module's info from its .modinfo section (modinfo_reader.hpp says why not
/// through libkmod); nullopt to let libkmod judge the file.
std::optional<ModuleInfo> read_plain_module(int fd, std::string_view path) {
    if (!path.ends_with(".ko"))
        return std::nullopt;
    ModuleInfo info;
    bool read = visit_modinfo_strings(fd, [&](std::string_view text) {
        auto eq = text.find('=');
        if (eq != std::string_view::npos)
            add_modinfo(info, text.substr(0, eq), text.substr(eq + 1));
    });
    if (!read)
        return std::nullopt;
    info.name = module_name_of_path(path);
    info.path = std::string(path);
    return info;
}

/// The vermagic libkmod reads in an open module file (compressed ones too), through its
/// /proc/self/fd name.
std::optional<std::string> vermagic_with_libkmod(kmod_ctx* ctx, int fd) {
    ModuleRef ref;
    std::string fd_path = "/proc/self/fd/" + std::to_string(fd);
    if (KmodLibrary::get().module_new_from_path(ctx, fd_path.c_str(), &ref.module) < 0)
        return std::nullopt;
    auto info = info_of(ref.module);
    if (!info)
        return std::nullopt;
    return info->vermagic;
}

/// Whether libkmod may open a module file its index names (nullptr: built in): a regular file
/// below the root's directory `top`, reached without leaving it. The index may name any path,
/// absolute ones too.
bool module_file_inside(const char* path, const std::string& top) {
    if (path == nullptr)
        return true;
    std::string_view host(path);
    if (!host.starts_with(top + "/"))
        return false;
    UniqueFd top_fd(::open(top.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    std::string relative(host.substr(top.size() + 1));
    if (!top_fd || leads_out_of(top_fd.get(), relative))
        return false;
    struct stat st {};
    return ::fstatat(top_fd.get(), relative.c_str(), &st, 0) == 0 && S_ISREG(st.st_mode);
}

/// A directory root's own directory, open, for leads_out_of(); none for the live root (or a
/// directory root that is "/"), which has no outside to lead to.
UniqueFd top_of(const Root& root, std::string& top_path) {
    auto host = root.host_path("/");
    if (!host || *host == "/" || root.source() == RootSource::live)
        return {};
    top_path = *host;
    return UniqueFd(::open(host->c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
}

/// What is wrong with `name` in the in-root directory `dir` for libkmod, which gets the
/// directory's host path (resolved inside the root) and opens the name below it with plain
/// open(): a link there that the host would follow out of the root, or something that is no
/// file or directory (libkmod opens without O_NONBLOCK: a fifo would hang it).
std::optional<std::string> unsafe_below(const Root& root, int top, const std::string& top_path,
                                        const std::string& dir, const std::string& name) {
    std::string path = join_path(dir, name);
    if (top >= 0) {
        auto host_dir = root.host_path(dir);
        if (host_dir && host_dir->starts_with(top_path + "/") &&
            leads_out_of(top, host_dir->substr(top_path.size() + 1) + "/" + name))
            return path + " is a link that leads out of the root";
    }
    auto info = root.stat(path);
    if (info && info->type != FileType::regular && info->type != FileType::directory)
        return path + " is not a regular file";
    return std::nullopt;
}

/// A name libkmod reads in a configuration directory (its conf_files_filter_out()).
bool is_config_name(std::string_view name) {
    return !name.empty() && name.front() != '.' && name.size() >= 6 &&
           (name.ends_with(".conf") || name.ends_with(".alias"));
}

/// The first problem with the module directory of `release` and its index files (modules.*),
/// which libkmod reads by name; module files named by the index are vetted one by one
/// (info_by_name).
std::optional<std::string> unsafe_module_dir(const Root& root, const std::string& release) {
    std::string top_path;
    UniqueFd top = top_of(root, top_path);
    int top_fd = top ? top.get() : -1;
    if (auto problem = unsafe_below(root, top_fd, top_path, "/lib/modules", release))
        return problem;
    std::string release_dir = join_path("/lib/modules", release);
    for (const auto& entry : root.list(release_dir))
        if (entry.name.starts_with("modules."))
            if (auto problem = unsafe_below(root, top_fd, top_path, release_dir, entry.name))
                return problem;
    return std::nullopt;
}

/// The host paths libkmod reads the root's modprobe configuration from, in kmod's order. A
/// directory goes as itself, unless a file in it is a link the host would follow out of the
/// root or is no regular file: then its files go one by one, each resolved inside the root
/// (what is no regular file there, a fifo or a link to /dev/null that masks a file, is left
/// out; ModprobeConfig reads the configuration itself and says what it found).
std::vector<std::string> config_paths_for_libkmod(const Root& root) {
    std::string top_path;
    UniqueFd top = top_of(root, top_path);
    std::vector<std::string> paths;
    for (const char* dir : k_modprobe_config_dirs) {
        auto host = root.host_path(dir);
        if (!host)
            continue;
        std::vector<std::string> names;
        bool unsafe = false;
        for (const auto& entry : root.list(dir)) {
            if (!is_config_name(entry.name))
                continue;
            names.push_back(entry.name);
            unsafe =
                unsafe ||
                unsafe_below(root, top ? top.get() : -1, top_path, dir, entry.name).has_value();
        }
        if (!unsafe) {
            paths.push_back(*host);
            continue;
        }
        for (const auto& name : names) {
            std::string path = join_path(dir, name);
            auto info = root.stat(path);
            if (info && info->type == FileType::regular)
                if (auto file = root.host_path(path))
                    paths.push_back(*file);
        }
    }
    if (auto legacy = root.host_path(k_legacy_modprobe_conf))
        if (auto info = root.stat(k_legacy_modprobe_conf); info && info->type == FileType::regular)
            paths.push_back(*legacy);
    return paths;
}

}  // namespace

KmodContext KmodContext::load(Facts& facts) {
    KmodContext context;
    const Root& root = facts.root();
    context.m_release = facts.get<KernelIdentity>().release;
    auto modules_dir = root.host_path("/lib/modules");
    if (!modules_dir) {
        context.m_unavailable_reason = root.source() == RootSource::report
                                           ? "module files are not in the report"
                                           : "there is no /lib/modules in this root";
        return context;
    }
    if (auto problem = unsafe_module_dir(root, context.m_release)) {
        context.m_unavailable_reason = *problem;
        return context;
    }
    if (auto top = root.host_path("/"); top && *top != "/" && root.source() != RootSource::live)
        context.m_host_top = *top;
    context.m_config_paths = config_paths_for_libkmod(root);
    // Without a known release, name look-ups find nothing but module files still read.
    context.m_release_dir = *modules_dir + "/" + context.m_release;
    context.m_usable = true;
    return context;
}

kmod_ctx* KmodContext::context() const {
    if (m_ctx)
        return m_ctx.get();
    const KmodLibrary& kmod = KmodLibrary::get();
    std::vector<const char*> config_paths;
    for (const auto& path : m_config_paths)
        config_paths.push_back(path.c_str());
    config_paths.push_back(nullptr);  // an empty list: never kmod's default (the host's) paths
    m_ctx.reset(kmod.new_context(m_release_dir.c_str(), config_paths.data()));
    if (!m_ctx)
        throw InputError(m_release_dir, "libkmod could not be initialised for it");
    kmod.set_log_priority(m_ctx.get(), 0);  // its messages would clutter the table
    // The indexes mapped once, as modprobe does: without it every look-up opens and reads the
    // index files again (a report makes dozens). On failure (an index missing, as in many
    // copies) libkmod unloads them all and reads the files per look-up as before.
    kmod.load_resources(m_ctx.get());
    return m_ctx.get();
}

ModuleLocation KmodContext::locate(std::string_view name) const {
    if (!m_usable)
        return ModuleLocation::missing;
    kmod_ctx* ctx = context();
    const KmodLibrary& kmod = KmodLibrary::get();
    kmod_list* list = nullptr;
    std::string wanted(name);
    if (kmod.module_new_from_lookup(ctx, wanted.c_str(), &list) < 0 || list == nullptr)
        return ModuleLocation::missing;
    ModuleLocation location = ModuleLocation::builtin;
    for (kmod_list* entry = list; entry != nullptr; entry = kmod.list_next(list, entry)) {
        kmod_module* module = kmod.module_get_module(entry);
        if (kmod.module_get_path(module) != nullptr)
            location = ModuleLocation::file;
        kmod.module_unref(module);
    }
    kmod.module_unref_list(list);
    return location;
}

std::vector<AliasMatch> KmodContext::modules_for_alias(std::string_view alias) const {
    std::vector<AliasMatch> found;
    if (!m_usable)
        return found;
    kmod_ctx* ctx = context();
    const KmodLibrary& kmod = KmodLibrary::get();
    kmod_list* list = nullptr;
    std::string wanted(alias);
    // new_from_lookup is modprobe's own search (configuration aliases, modules.dep, symbols,
    // modules.alias, the built-in aliases) and applies no blacklist: the check wants to see a
    // blacklisted driver, to say that the blacklist is why it is not loaded.
    if (kmod.module_new_from_lookup(ctx, wanted.c_str(), &list) < 0 || list == nullptr)
        return found;
    std::vector<std::string> names;
    for (kmod_list* entry = list; entry != nullptr; entry = kmod.list_next(list, entry)) {
        kmod_module* module = kmod.module_get_module(entry);
        std::string name = kmod.module_get_name(module);
        kmod.module_unref(module);
        if (std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(std::move(name));
    }
    kmod.module_unref_list(list);
    // An alias line may name a module this release does not have: located by name, as modprobe
    // would fail to load it.
    for (auto& name : names) {
        ModuleLocation location = locate(name);
        if (location != ModuleLocation::missing)
            found.push_back({std::move(name), location});
    }
    return found;
}

std::optional<ModuleInfo> KmodContext::info_by_name(std::string_view name) const {
    if (!m_usable)
        return std::nullopt;
    kmod_ctx* ctx = context();
    const KmodLibrary& kmod = KmodLibrary::get();
    ModuleRef ref;
    std::string wanted(name);
    if (kmod.module_new_from_name(ctx, wanted.c_str(), &ref.module) < 0)
        return std::nullopt;
    if (locate(name) == ModuleLocation::missing)
        return std::nullopt;
    const char* path = kmod.module_get_path(ref.module);
    if (!m_host_top.empty() && !module_file_inside(path, m_host_top))
        return std::nullopt;
    // A plain module file is read as the survey reads it, not through kmod_module_get_info(),
    // which would start libcrypto for the signature (15 ms of a report in the test VM).
    if (path != nullptr) {
        UniqueFd file(::open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC));
        if (file) {
            if (auto plain = read_plain_module(file.get(), path)) {
                plain->name = kmod.module_get_name(ref.module);
                return plain;
            }
        }
    }
    return info_of(ref.module);
}

std::optional<std::string> KmodContext::vermagic_from_file(int fd, std::string_view path) const {
    if (!m_usable)
        return std::nullopt;
    if (path.ends_with(".ko"))
        if (auto vermagic = read_module_vermagic(fd))
            return vermagic;
    if (auto vermagic = vermagic_with_libkmod(context(), fd))
        return vermagic;
    if (!path.ends_with(".gz"))
        return std::nullopt;
    UniqueFd inflated = inflate_gzip_module(fd, path);
    if (!inflated)
        return std::nullopt;
    return vermagic_with_libkmod(context(), inflated.get());
}

}  // namespace sndoctor
