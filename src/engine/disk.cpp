#include "engine/disk.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>
#include <vector>

#include "core/error.hpp"
#include "core/unique_fd.hpp"

namespace sndoctor {

namespace {

std::string errno_text() {
    return std::strerror(errno);
}

/// Splits "/etc/modprobe.d/x.conf" into ("etc/modprobe.d", "x.conf"); the root's parent is ".".
std::pair<std::string, std::string> split_parent(std::string_view path) {
    while (!path.empty() && path.front() == '/')
        path.remove_prefix(1);
    while (!path.empty() && path.back() == '/')
        path.remove_suffix(1);
    auto slash = path.rfind('/');
    if (slash == std::string_view::npos)
        return {".", std::string(path)};
    return {std::string(path.substr(0, slash)), std::string(path.substr(slash + 1))};
}

FileState state_of(const struct stat& st) {
    FileState state;
    if (S_ISREG(st.st_mode))
        state.kind = FileState::Kind::regular;
    else if (S_ISLNK(st.st_mode))
        state.kind = FileState::Kind::symlink;
    else if (S_ISDIR(st.st_mode))
        state.kind = FileState::Kind::directory;
    else
        state.kind = FileState::Kind::other;
    state.mode = st.st_mode & 07777;
    state.uid = st.st_uid;
    state.gid = st.st_gid;
    state.mtime_sec = st.st_mtim.tv_sec;
    state.mtime_nsec = st.st_mtim.tv_nsec;
    return state;
}

void write_all(int fd, std::string_view content, const std::string& path) {
    while (!content.empty()) {
        ssize_t put = ::write(fd, content.data(), content.size());
        if (put < 0 && errno == EINTR)
            continue;
        if (put < 0)
            throw WriteError(path, "write failed: " + errno_text());
        content.remove_prefix(static_cast<std::size_t>(put));
    }
}

std::string temporary_name(const std::string& name) {
    static std::mt19937_64 random{std::random_device{}()};
    return ".sndoctor-tmp-" + std::to_string(::getpid()) + "-" +
           std::to_string(random() % 1000000) + "-" + name.substr(0, 100);
}

class DirDisk : public Disk {
  public:
    DirDisk(UniqueFd root, std::string origin, RootSource source)
        : m_root(std::move(root)), m_origin(std::move(origin)), m_source(source) {}

    std::string origin() const override { return m_origin; }

    FileState state(std::string_view path) const override {
        auto [parent, name] = split_parent(path);
        UniqueFd dir = open_dir(parent, O_PATH);
        // Not "missing": a fix would then report a file that changed since its plan, or plan to
        // create one, when the truth is that its directory lies outside the root.
        if (!dir && errno == EXDEV)
            throw WriteError(std::string(path), "refused: a link leads outside the root");
        struct stat st {};
        if (!dir || ::fstatat(dir.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            return FileState{};
        FileState state = state_of(st);
        if (state.kind == FileState::Kind::symlink) {
            char target[4096];
            ssize_t len = ::readlinkat(dir.get(), name.c_str(), target, sizeof target);
            if (len >= 0)
                state.link_target.assign(target, static_cast<std::size_t>(len));
        }
        return state;
    }

    std::optional<std::string> read(std::string_view path) const override {
        UniqueFd fd = open_beneath(relative(path), O_RDONLY | O_NONBLOCK);
        if (!fd)
            return std::nullopt;
        std::string data;
        char buffer[65536];
        for (;;) {
            ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0)
                throw WriteError(std::string(path), "read failed: " + errno_text());
            if (got == 0)
                return data;
            data.append(buffer, static_cast<std::size_t>(got));
        }
    }

    std::vector<std::string> list(std::string_view path) const override {
        std::vector<std::string> names;
        UniqueFd fd = open_dir(relative(path), O_RDONLY);
        if (!fd)
            return names;
        int raw = fd.release();
        DIR* dir = ::fdopendir(raw);
        if (dir == nullptr) {
            ::close(raw);
            return names;
        }
        while (const dirent* entry = ::readdir(dir)) {
            std::string name = entry->d_name;
            if (name != "." && name != "..")
                names.push_back(std::move(name));
        }
        ::closedir(dir);
        std::sort(names.begin(), names.end());
        return names;
    }

    void write_atomic(std::string_view path, std::string_view content,
                      const FileState& like) override {
        auto [parent, name] = split_parent(path);
        UniqueFd dir = require_dir(parent, path);
        std::string temp = temporary_name(name);
        bool keep = like.kind == FileState::Kind::regular;
        mode_t mode = keep ? like.mode : 0644;
        UniqueFd fd(
            ::openat(dir.get(), temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
        if (!fd)
            throw WriteError(std::string(path), "cannot create a temporary file: " + errno_text());
        try {
            write_all(fd.get(), content, std::string(path));
            // Keep the owner the file had; a non-root user cannot give files away, and in a
            // root the user owns that is also not needed.
            if (keep && ::fchown(fd.get(), like.uid, like.gid) != 0 && errno != EPERM)
                throw WriteError(std::string(path), "cannot set the owner: " + errno_text());
            if (::fchmod(fd.get(), mode) != 0)
                throw WriteError(std::string(path), "cannot set the mode: " + errno_text());
            if (::fsync(fd.get()) != 0)
                throw WriteError(std::string(path), "fsync failed: " + errno_text());
            if (::renameat(dir.get(), temp.c_str(), dir.get(), name.c_str()) != 0)
                throw WriteError(std::string(path), "rename failed: " + errno_text());
        } catch (...) {
            ::unlinkat(dir.get(), temp.c_str(), 0);  // our own temporary file, never the user's
            throw;
        }
        ::fsync(dir.get());
    }

    void symlink_atomic(std::string_view target, std::string_view path) override {
        auto [parent, name] = split_parent(path);
        UniqueFd dir = require_dir(parent, path);
        std::string temp = temporary_name(name);
        std::string target_text(target);
        if (::symlinkat(target_text.c_str(), dir.get(), temp.c_str()) != 0)
            throw WriteError(std::string(path), "cannot create the link: " + errno_text());
        if (::renameat(dir.get(), temp.c_str(), dir.get(), name.c_str()) != 0) {
            int saved = errno;
            ::unlinkat(dir.get(), temp.c_str(), 0);
            errno = saved;
            throw WriteError(std::string(path), "rename failed: " + errno_text());
        }
        ::fsync(dir.get());
    }

    void make_dirs(std::string_view path) override {
        std::string rel = relative(path);
        std::string done;
        std::size_t pos = 0;
        while (pos <= rel.size()) {
            auto slash = rel.find('/', pos);
            if (slash == std::string::npos)
                slash = rel.size();
            std::string part = rel.substr(pos, slash - pos);
            pos = slash + 1;
            if (part.empty() || part == ".")
                continue;
            UniqueFd parent = require_dir(done.empty() ? "." : done, path);
            if (::mkdirat(parent.get(), part.c_str(), 0755) != 0 && errno != EEXIST)
                throw WriteError(std::string(path), "cannot create a directory: " + errno_text());
            ::fsync(parent.get());
            done = done.empty() ? part : done + "/" + part;
        }
    }

    void remove_empty_dir(std::string_view path) override {
        if (state(path).kind != FileState::Kind::directory)
            return;  // never made (an apply stopped before), or already gone
        auto [parent, name] = split_parent(path);
        UniqueFd dir = require_dir(parent, path);
        if (::unlinkat(dir.get(), name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOTEMPTY &&
            errno != EEXIST && errno != ENOENT)
            throw WriteError(std::string(path), "cannot remove the directory: " + errno_text());
    }

    void remove_journal_file(std::string_view path) override {
        auto [parent, name] = split_parent(path);
        UniqueFd dir = require_dir(parent, path);
        if (::unlinkat(dir.get(), name.c_str(), 0) != 0 && errno != ENOENT)
            throw WriteError(std::string(path), "cannot remove it: " + errno_text());
        ::fsync(dir.get());
    }

    void rename(std::string_view from, std::string_view to) override {
        auto [from_parent, from_name] = split_parent(from);
        auto [to_parent, to_name] = split_parent(to);
        UniqueFd from_dir = require_dir(from_parent, from);
        UniqueFd to_dir = require_dir(to_parent, to);
        if (::renameat(from_dir.get(), from_name.c_str(), to_dir.get(), to_name.c_str()) == 0) {
            ::fsync(to_dir.get());
            ::fsync(from_dir.get());
            return;
        }
        if (errno != EXDEV)
            throw WriteError(std::string(from),
                             "cannot move to " + std::string(to) + ": " + errno_text());
        // Another file system (/var apart from /lib): copy, make it durable, then unlink the
        // original, so that at every moment one complete copy exists.
        FileState state = this->state(from);
        if (state.kind == FileState::Kind::symlink) {
            symlink_atomic(state.link_target, to);
        } else if (state.kind == FileState::Kind::regular) {
            auto content = read(from);
            if (!content)
                throw WriteError(std::string(from), "cannot read it to move it");
            write_atomic(to, *content, state);
        } else {
            throw WriteError(std::string(from),
                             "only files and links can move across file systems");
        }
        apply_meta(to, state);
        if (::unlinkat(from_dir.get(), from_name.c_str(), 0) != 0)
            throw WriteError(std::string(from),
                             "copied, but cannot remove the original: " + errno_text());
        ::fsync(from_dir.get());
    }

    void apply_meta(std::string_view path, const FileState& state) override {
        auto [parent, name] = split_parent(path);
        UniqueFd dir = require_dir(parent, path);
        if (::fchownat(dir.get(), name.c_str(), state.uid, state.gid, AT_SYMLINK_NOFOLLOW) != 0 &&
            errno != EPERM)
            throw WriteError(std::string(path), "cannot set the owner: " + errno_text());
        if (state.kind != FileState::Kind::symlink &&
            ::fchmodat(dir.get(), name.c_str(), state.mode, 0) != 0)
            throw WriteError(std::string(path), "cannot set the mode: " + errno_text());
        timespec times[2];
        times[0].tv_sec = times[1].tv_sec = static_cast<time_t>(state.mtime_sec);
        times[0].tv_nsec = times[1].tv_nsec = static_cast<long>(state.mtime_nsec);
        if (::utimensat(dir.get(), name.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0)
            throw WriteError(std::string(path), "cannot set the times: " + errno_text());
    }

    bool can_write(std::string_view path) const override {
        // The nearest directory that exists decides: new directories are made inside it.
        std::string dir = split_parent(path).first;
        for (;;) {
            UniqueFd fd = open_dir(dir, O_PATH);
            if (fd)
                return ::faccessat(fd.get(), ".", W_OK, AT_EACCESS) == 0;
            if (dir == ".")
                return false;
            dir = split_parent(dir).first;
        }
    }

  private:
    static std::string relative(std::string_view path) {
        auto [parent, name] = split_parent(path);
        return parent == "." ? (name.empty() ? "." : name) : parent + "/" + name;
    }

    UniqueFd open_beneath(const std::string& rel, int flags) const {
        open_how how{};
        how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
        // The live root is "/": plain resolution. A directory root refuses every link that
        // leads out of it (absolute targets, ".." past the top): EXDEV.
        how.resolve = RESOLVE_NO_MAGICLINKS |
                      (m_source == RootSource::live ? RESOLVE_IN_ROOT : RESOLVE_BENEATH);
        long fd = ::syscall(SYS_openat2, m_root.get(), rel.c_str(), &how, sizeof how);
        if (fd < 0 && errno == ENOSYS && m_source == RootSource::live)
            fd = ::openat(m_root.get(), rel.c_str(), flags | O_CLOEXEC);
        return UniqueFd(static_cast<int>(fd));
    }

    UniqueFd open_dir(const std::string& rel, int flags) const {
        return open_beneath(rel, flags | O_DIRECTORY);
    }

    UniqueFd require_dir(const std::string& rel, std::string_view for_path) const {
        UniqueFd fd = open_dir(rel, O_RDONLY);
        if (fd)
            return fd;
        if (errno == EXDEV)
            throw WriteError(std::string(for_path), "refused: a link leads outside the root");
        throw WriteError(std::string(for_path), "cannot open its directory: " + errno_text());
    }

    UniqueFd m_root;
    std::string m_origin;
    RootSource m_source;
};

}  // namespace

std::unique_ptr<Disk> open_disk(const std::string& dir, RootSource source) {
    UniqueFd fd(::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!fd)
        throw InputError(dir, "cannot open the root directory: " + errno_text());
    return std::make_unique<DirDisk>(std::move(fd), dir, source);
}

}  // namespace sndoctor
