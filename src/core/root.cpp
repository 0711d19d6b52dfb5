#include "core/root.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>

#include "core/error.hpp"
#include "core/unique_fd.hpp"

namespace sndoctor {

std::string join_path(std::string_view dir, std::string_view name) {
    std::string out(dir);
    if (out.empty() || out.back() != '/')
        out += '/';
    out += name;
    return out;
}

std::string_view base_name(std::string_view path) {
    while (path.size() > 1 && path.back() == '/')
        path.remove_suffix(1);
    auto slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool Root::is_dir(std::string_view path) const {
    auto info = stat(path);
    return info && info->type == FileType::directory;
}

namespace {

FileType file_type_of(mode_t mode) {
    if (S_ISREG(mode))
        return FileType::regular;
    if (S_ISDIR(mode))
        return FileType::directory;
    if (S_ISLNK(mode))
        return FileType::symlink;
    return FileType::other;
}

FileInfo info_of(const struct stat& st) {
    return FileInfo{file_type_of(st.st_mode), static_cast<std::uint64_t>(st.st_size),
                    static_cast<std::int64_t>(st.st_mtim.tv_sec),
                    static_cast<std::uint32_t>(st.st_mode & 07777)};
}

/// "/proc/asound/cards" → "proc/asound/cards"; the root itself → ".".
std::string relative(std::string_view path) {
    while (!path.empty() && path.front() == '/')
        path.remove_prefix(1);
    while (!path.empty() && path.back() == '/')
        path.remove_suffix(1);
    return path.empty() ? std::string(".") : std::string(path);
}

/// fstat() in one system call. glibc (2.33 on) makes fstat() an fstatat(fd, "", AT_EMPTY_PATH),
/// and older kernels (Debian 12's 6.1 among them) copy that empty name in as they would a path,
/// through a zeroed 4 KiB buffer: a report stats some 550 open files, and in a slow virtual
/// machine that copying was 4% of its time. Only where the kernel's struct stat is glibc's.
int stat_fd(int fd, struct stat* st) {
#if defined(SYS_fstat) && (defined(__x86_64__) || defined(__aarch64__))
#if defined(__x86_64__)
    static_assert(sizeof(struct stat) == 144, "x86-64's kernel struct stat");
#else
    static_assert(sizeof(struct stat) == 128, "asm-generic's kernel struct stat");
#endif
    return static_cast<int>(::syscall(SYS_fstat, fd, st));
#else
    return ::fstat(fd, st);
#endif
}

/// The first reads of a file that states no size; see DirRoot::read().
constexpr std::size_t k_unsized_read = 1024;
/// From this size on read_text() maps a file instead of reading it (the VM's kernel
/// configuration is 254 KiB, modules.order 160 KiB).
constexpr std::uint64_t k_mapped_size = 64 * 1024;

std::string errno_reason(int err) {
    return std::strerror(err);
}

/// One read(), again after a signal; a failure is an InputError naming `path`.
ssize_t read_some(int fd, std::string_view path, char* buffer, std::size_t size) {
    for (;;) {
        ssize_t got = ::read(fd, buffer, size);
        if (got >= 0)
            return got;
        if (errno != EINTR)
            throw InputError(std::string(path), "read failed: " + errno_reason(errno));
    }
}

/// A directory tree read through openat2(RESOLVE_IN_ROOT): the kernel resolves every link and
/// ".." as if the directory were "/", so nothing outside it can be reached. "/" itself, the live
/// system, has nothing outside it: there the plain calls do the same, and a look at a path is
/// one call (fstatat, readlinkat) instead of three (an O_PATH open, the call, a close), some
/// three hundred fewer in a report.
class DirRoot : public Root {
  public:
    DirRoot(UniqueFd dirfd, std::string origin, RootSource source)
        : m_dirfd(std::move(dirfd)),
          m_origin(std::move(origin)),
          m_source(source),
          // Named "/", not compared with it: a fixture's run looks at nothing outside it.
          m_confined(m_origin != "/") {}

    RootSource source() const override { return m_source; }
    std::string origin() const override { return m_origin; }

    std::optional<std::string> read(std::string_view path, std::size_t cap) const override {
        struct stat st {};
        UniqueFd fd = open_regular(path, st);
        if (!fd)
            return std::nullopt;
        return read_open(fd, st, path, cap);
    }

    std::optional<FileText> read_text(std::string_view path, std::size_t cap) const override {
        struct stat st {};
        UniqueFd fd = open_regular(path, st);
        if (!fd)
            return std::nullopt;
        // A file as large as its size says (not /proc's 0, not a sysfs attribute's page) and
        // large enough for a mapping to pay: a few pages of copying cost less than the mapping.
        auto size = static_cast<std::uint64_t>(st.st_size);
        if (size >= k_mapped_size && size <= cap && !is_sysfs_attribute(st))
            if (auto text = FileText::map(fd.get(), static_cast<std::size_t>(size)))
                return text;
        return FileText(read_open(fd, st, path, cap));
    }

    UniqueFd open_file(std::string_view path, FileInfo* info = nullptr) const override {
        struct stat st {};
        UniqueFd fd = open_regular(path, st);
        if (fd && info != nullptr)
            *info = info_of(st);
        return fd;
    }

    std::optional<FileInfo> stat(std::string_view path) const override {
        struct stat st {};
        if (!m_confined) {
            if (::fstatat(m_dirfd.get(), relative(path).c_str(), &st, 0) != 0)
                return std::nullopt;
            return info_of(st);
        }
        UniqueFd fd = open_in_root(path, O_PATH);
        if (!fd || stat_fd(fd.get(), &st) != 0)
            return std::nullopt;
        return info_of(st);
    }

    std::optional<FileInfo> lstat(std::string_view path) const override {
        struct stat st {};
        if (!in_parent(path, [&](int dir, const char* name) {
                return ::fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
            }))
            return std::nullopt;
        return info_of(st);
    }

    std::optional<std::string> read_link(std::string_view path) const override {
        char target[4096];
        ssize_t len = -1;
        if (!in_parent(path, [&](int dir, const char* name) {
                len = ::readlinkat(dir, name, target, sizeof target);
                return len >= 0;
            }))
            return std::nullopt;
        return std::string(target, static_cast<std::size_t>(len));
    }

    std::vector<DirEntry> list(std::string_view path) const override {
        std::vector<DirEntry> entries;
        UniqueFd fd = open_in_root(path, O_RDONLY | O_DIRECTORY);
        if (!fd)
            return entries;
        // getdents64() itself, not readdir(): fdopendir() adds an fstat and two fcntl calls to
        // every listing, and a report lists some two hundred directories.
        alignas(dirent64) char buffer[32768];
        for (;;) {
            ssize_t got = ::getdents64(fd.get(), buffer, sizeof buffer);
            if (got <= 0)
                break;  // the end, or an error readdir() would end the listing on too
            for (ssize_t at = 0; at < got;) {
                const auto* entry = reinterpret_cast<const dirent64*>(buffer + at);
                at += entry->d_reclen;
                std::string_view name = entry->d_name;
                if (name == "." || name == "..")
                    continue;
                FileType type = FileType::other;
                switch (entry->d_type) {
                    case DT_REG:
                        type = FileType::regular;
                        break;
                    case DT_DIR:
                        type = FileType::directory;
                        break;
                    case DT_LNK:
                        type = FileType::symlink;
                        break;
                    case DT_UNKNOWN: {
                        struct stat st {};
                        if (::fstatat(fd.get(), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
                            type = file_type_of(st.st_mode);
                        break;
                    }
                    default:
                        break;
                }
                entries.push_back({std::string(name), type});
            }
        }
        std::sort(entries.begin(), entries.end(),
                  [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
        return entries;
    }

    std::optional<std::string> host_path(std::string_view path) const override {
        UniqueFd fd = open_in_root(path, O_PATH);
        if (!fd)
            return std::nullopt;
        char resolved[4096];
        std::string proc_link = "/proc/self/fd/" + std::to_string(fd.get());
        ssize_t len = ::readlink(proc_link.c_str(), resolved, sizeof resolved);
        if (len < 0)
            return std::nullopt;
        return std::string(resolved, static_cast<std::size_t>(len));
    }

  private:
    /// The rest of read(): the text of the open regular file `fd`, `st` its fstat.
    std::string read_open(const UniqueFd& fd, const struct stat& st, std::string_view path,
                          std::size_t cap) const {
        auto too_large = [&] {
            return InputError(std::string(path),
                              "file is larger than the " + std::to_string(cap) + "-byte limit");
        };
        char buffer[65536];
        if (is_sysfs_attribute(st) && st.st_size <= static_cast<off_t>(sizeof buffer)) {
            // sysfs writes an attribute's whole text at the first read (one show() into a page,
            // or a binary attribute's page), so a read that asks for more than a page gets all
            // of it: a second read would only meet the end. A report reads a hundred and more.
            ssize_t got = read_some(fd.get(), path, buffer, sizeof buffer);
            if (static_cast<std::size_t>(got) > cap)
                throw too_large();
            return std::string(buffer, static_cast<std::size_t>(got));
        }
        // The size is not trusted otherwise either: /proc files report 0. So the file is read
        // until its end, never past the cap. A file that ends where its size says it does is
        // read without a last call that only meets the end, though: every file a report reads,
        // in a virtual machine where each call costs. A large one is read in place, in one call.
        std::size_t size_said = static_cast<std::uint64_t>(st.st_size) <= cap
                                    ? static_cast<std::size_t>(st.st_size)
                                    : 0;
        std::string data;
        if (size_said >= sizeof buffer) {
            data.resize(size_said + 1);
            ssize_t got = read_some(fd.get(), path, data.data(), data.size());
            data.resize(static_cast<std::size_t>(got));
            if (got == 0 || data.size() == size_said)
                return data;
        }
        if (data.size() > cap)
            throw too_large();
        // A file that states no size (a /proc file) is read a kilobyte at a time until one read
        // fills that: /proc/sys zeroes a kernel buffer as large as the read asks for, and a
        // 64 KiB read of the 15-byte osrelease cost some 130,000 instructions in the test VM,
        // as many again for the read that meets its end. Most such files are far shorter; a
        // longer one goes on in full-size reads.
        std::size_t chunk = st.st_size == 0 ? k_unsized_read : sizeof buffer;
        for (;;) {
            ssize_t got = read_some(fd.get(), path, buffer, chunk);
            if (got == 0)
                break;
            if (data.size() + static_cast<std::size_t>(got) > cap)
                throw too_large();
            data.append(buffer, static_cast<std::size_t>(got));
            if (data.size() == size_said && static_cast<std::size_t>(got) < chunk)
                break;
            if (static_cast<std::size_t>(got) == chunk)
                chunk = sizeof buffer;
        }
        return data;
    }

    /// Opens a regular file and stats it; an empty fd when there is none at `path`.
    UniqueFd open_regular(std::string_view path, struct stat& st) const {
        // O_NONBLOCK: a fifo where a file is expected must not hang the run.
        UniqueFd fd = open_in_root(path, O_RDONLY | O_NONBLOCK);
        if (!fd) {
            if (errno == ENOENT || errno == ENOTDIR)
                return fd;
            throw InputError(std::string(path), "cannot open: " + errno_reason(errno));
        }
        if (stat_fd(fd.get(), &st) != 0)
            throw InputError(std::string(path), "cannot stat: " + errno_reason(errno));
        if (!S_ISREG(st.st_mode))
            throw InputError(std::string(path), "not a regular file");
        return fd;
    }

    /// The device of the root's /sys when sysfs is mounted there (the live system, a chroot
    /// with /sys bound); nullopt for a copy of a system, whose /sys holds plain files.
    std::optional<dev_t> sysfs_device() const {
        try {
            UniqueFd fd = open_in_root("/sys", O_PATH | O_DIRECTORY);
            struct statfs fs {};
            struct stat st {};
            if (fd && ::fstatfs(fd.get(), &fs) == 0 && fs.f_type == SYSFS_MAGIC &&
                stat_fd(fd.get(), &st) == 0)
                return st.st_dev;
        } catch (const InputError&) {
            // No openat2: then nothing is read from this root anyway.
        }
        return std::nullopt;
    }

    /// A sysfs attribute: a file of sysfs (not of a file system mounted inside /sys) whose size
    /// says one page, as every text attribute's does.
    bool is_sysfs_attribute(const struct stat& st) const {
        static const long page_size = ::sysconf(_SC_PAGESIZE);
        if (st.st_size != page_size)
            return false;
        // Looked up when first needed: a root that never reads a page-sized file never looks
        // at its /sys.
        if (!m_sysfs_device)
            m_sysfs_device = sysfs_device();
        return *m_sysfs_device && st.st_dev == **m_sysfs_device;
    }

    UniqueFd open_in_root(std::string_view path, int flags) const {
        std::string rel = relative(path);
        if (!m_confined)
            return UniqueFd(::openat(m_dirfd.get(), rel.c_str(), flags | O_CLOEXEC));
        open_how how{};
        how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
        how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
        long fd = ::syscall(SYS_openat2, m_dirfd.get(), rel.c_str(), &how, sizeof how);
        if (fd < 0 && errno == ENOSYS)
            throw InputError(m_origin,
                             "reading a directory root safely needs Linux 5.6 or newer (openat2)");
        return UniqueFd(static_cast<int>(fd));
    }

    /// Calls `call(dir, name)` on the last component of `path` without following it: in the
    /// directory holding it, opened inside the root (a link there is resolved by the kernel,
    /// confined); false when that directory is missing or the call fails.
    template <class Call>
    bool in_parent(std::string_view path, const Call& call) const {
        std::string rel = relative(path);
        if (!m_confined)
            return call(m_dirfd.get(), rel.c_str());
        auto slash = rel.rfind('/');
        std::string parent = slash == std::string::npos ? "." : rel.substr(0, slash);
        std::string name = slash == std::string::npos ? rel : rel.substr(slash + 1);
        if (name == "." || name == "..")
            return false;
        UniqueFd dir = open_in_root(parent, O_PATH | O_DIRECTORY);
        return dir && call(dir.get(), name.c_str());
    }

    UniqueFd m_dirfd;
    std::string m_origin;
    RootSource m_source;
    bool m_confined;  ///< false for "/", where the plain calls resolve as openat2 would
    /// sysfs_device(), once asked (the outer optional: whether it was).
    mutable std::optional<std::optional<dev_t>> m_sysfs_device;
};

/// Splits an absolute path into its components, dropping empty ones and ".".
std::vector<std::string> components(std::string_view path) {
    std::vector<std::string> parts;
    std::size_t pos = 0;
    while (pos <= path.size()) {
        auto next = path.find('/', pos);
        if (next == std::string_view::npos)
            next = path.size();
        std::string_view part = path.substr(pos, next - pos);
        if (!part.empty() && part != ".")
            parts.emplace_back(part);
        pos = next + 1;
    }
    return parts;
}

}  // namespace

std::string_view to_string(RootSource source) {
    switch (source) {
        case RootSource::live:
            return "live";
        case RootSource::dir:
            return "dir";
        case RootSource::report:
            return "report";
    }
    return "dir";
}

std::optional<FileText> Root::read_text(std::string_view path, std::size_t cap) const {
    auto text = read(path, cap);
    if (!text)
        return std::nullopt;
    return FileText(std::move(*text));
}

bool leads_out_of(int top, const std::string& relative) {
    open_how how{};
    how.flags = O_PATH | O_CLOEXEC;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
    UniqueFd fd(static_cast<int>(::syscall(SYS_openat2, top, relative.c_str(), &how, sizeof how)));
    return !fd && (errno == EXDEV || errno == ENOSYS);  // without openat2, nothing is vouched for
}

std::unique_ptr<Root> open_dir_root(const std::string& dir, RootSource source) {
    UniqueFd fd(::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!fd)
        throw InputError(dir, "cannot open the root directory: " + errno_reason(errno));
    return std::make_unique<DirRoot>(std::move(fd), dir, source);
}

void MemoryRoot::add_file(std::string path, std::string content, std::int64_t mtime) {
    auto parts = components(path);
    std::string key;
    for (const auto& part : parts)
        key += "/" + part;
    m_nodes[key] = Node{std::move(content), FileType::regular, mtime};
}

void MemoryRoot::add_link(std::string path, std::string target) {
    std::string key;
    for (const auto& part : components(path))
        key += "/" + part;
    m_nodes[key] = Node{std::move(target), FileType::symlink, 0};
}

std::optional<std::string> MemoryRoot::resolve(std::string_view path, bool follow_last) const {
    std::vector<std::string> pending = components(path);
    std::reverse(pending.begin(), pending.end());
    std::vector<std::string> done;
    int links_followed = 0;
    while (!pending.empty()) {
        std::string part = std::move(pending.back());
        pending.pop_back();
        if (part == "..") {
            if (!done.empty())
                done.pop_back();
            continue;
        }
        done.push_back(part);
        std::string key;
        for (const auto& d : done)
            key += "/" + d;
        auto it = m_nodes.find(key);
        bool is_last = pending.empty();
        if (it != m_nodes.end() && it->second.type == FileType::symlink &&
            (!is_last || follow_last)) {
            if (++links_followed > 40)
                return std::nullopt;  // a loop, as the kernel's ELOOP
            done.pop_back();
            const std::string& target = it->second.content;
            if (!target.empty() && target.front() == '/')
                done.clear();
            auto target_parts = components(target);
            for (auto p = target_parts.rbegin(); p != target_parts.rend(); ++p)
                pending.push_back(*p);
        }
    }
    std::string key;
    for (const auto& d : done)
        key += "/" + d;
    return key.empty() ? std::string("/") : key;
}

std::optional<std::string> MemoryRoot::read(std::string_view path, std::size_t cap) const {
    auto key = resolve(path, true);
    if (!key)
        return std::nullopt;
    auto it = m_nodes.find(*key);
    if (it == m_nodes.end()) {
        if (stat(path))
            throw InputError(std::string(path), "not a regular file");
        return std::nullopt;
    }
    if (it->second.content.size() > cap)
        throw InputError(std::string(path),
                         "file is larger than the " + std::to_string(cap) + "-byte limit");
    return it->second.content;
}

UniqueFd MemoryRoot::open_file(std::string_view path, FileInfo* info) const {
    auto content = read(path, std::numeric_limits<std::size_t>::max());
    if (!content)
        return {};
    if (info != nullptr)
        *info = *stat(path);
    UniqueFd file(memfd_create("sndoctor-root-file", MFD_CLOEXEC));
    if (!file || ::write(file.get(), content->data(), content->size()) !=
                     static_cast<ssize_t>(content->size()))
        throw InputError(std::string(path), "cannot open: " + errno_reason(errno));
    return file;
}

std::optional<FileInfo> MemoryRoot::stat(std::string_view path) const {
    auto key = resolve(path, true);
    if (!key)
        return std::nullopt;
    auto it = m_nodes.find(*key);
    if (it != m_nodes.end())
        return FileInfo{it->second.type, it->second.content.size(), it->second.mtime, 0644};
    // A directory exists when some node lies below it.
    std::string prefix = *key == "/" ? "/" : *key + "/";
    auto below = m_nodes.lower_bound(prefix);
    if (below != m_nodes.end() && below->first.compare(0, prefix.size(), prefix) == 0)
        return FileInfo{FileType::directory, 0, 0, 0755};
    return std::nullopt;
}

std::optional<FileInfo> MemoryRoot::lstat(std::string_view path) const {
    auto key = resolve(path, false);
    if (!key)
        return std::nullopt;
    auto it = m_nodes.find(*key);
    if (it != m_nodes.end() && it->second.type == FileType::symlink)
        return FileInfo{FileType::symlink, it->second.content.size(), 0, 0777};
    return stat(path);
}

std::optional<std::string> MemoryRoot::read_link(std::string_view path) const {
    auto key = resolve(path, false);
    if (!key)
        return std::nullopt;
    auto it = m_nodes.find(*key);
    if (it == m_nodes.end() || it->second.type != FileType::symlink)
        return std::nullopt;
    return it->second.content;
}

std::vector<DirEntry> MemoryRoot::list(std::string_view path) const {
    std::vector<DirEntry> entries;
    auto key = resolve(path, true);
    if (!key)
        return entries;
    std::string prefix = *key == "/" ? "/" : *key + "/";
    for (auto it = m_nodes.lower_bound(prefix);
         it != m_nodes.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
        std::string rest = it->first.substr(prefix.size());
        auto slash = rest.find('/');
        DirEntry entry{slash == std::string::npos ? rest : rest.substr(0, slash),
                       slash == std::string::npos ? it->second.type : FileType::directory};
        if (entries.empty() || entries.back().name != entry.name)
            entries.push_back(std::move(entry));
    }
    // Keys sort "linux-old/x" before "linux/x" ('-' < '/'): sort by name as list() promises.
    std::stable_sort(entries.begin(), entries.end(),
                     [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
    entries.erase(
        std::unique(entries.begin(), entries.end(),
                    [](const DirEntry& a, const DirEntry& b) { return a.name == b.name; }),
        entries.end());
    return entries;
}

}  // namespace sndoctor
