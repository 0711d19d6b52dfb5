#include "hostile_root.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "tree_snapshot.hpp"

namespace sndoctor::testing {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& path) {
    throw std::runtime_error(what + " " + path.string() + ": " + std::strerror(errno));
}

}  // namespace

HostileRoot::HostileRoot(const fs::path& source)
    : m_root(m_work.path() / "root"), m_outside(m_work.path() / "outside") {
    copy_tree(source, m_root);
    fs::create_directories(m_outside);
}

void HostileRoot::clear(std::string_view relative) const {
    fs::path path = at(relative);
    fs::create_directories(path.parent_path());
    fs::remove_all(path);  // the entry itself; a link is removed, not followed
}

void HostileRoot::link(std::string_view relative, const std::string& target) const {
    clear(relative);
    fs::create_symlink(target, at(relative));
}

void HostileRoot::fifo(std::string_view relative) const {
    clear(relative);
    if (::mkfifo(at(relative).c_str(), 0644) != 0)
        fail("mkfifo", at(relative));
}

std::string HostileRoot::special_file(std::string_view relative) const {
    clear(relative);
    fs::path path = at(relative);
    if (::mknod(path.c_str(), S_IFCHR | 0644, makedev(1, 5)) == 0)
        return "device";
    if (errno != EPERM)
        fail("mknod", path);
    // Without CAP_MKNOD (an unprivileged run) a device node cannot be made; a bound unix socket
    // is the other kind of file that open() cannot read like one.
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.string().size() >= sizeof address.sun_path)
        throw std::runtime_error("socket path too long: " + path.string());
    std::strcpy(address.sun_path, path.c_str());
    bool bound = fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    if (fd >= 0)
        ::close(fd);  // the socket file stays after its descriptor is closed
    if (!bound)
        fail("bind", path);
    return "socket";
}

void HostileRoot::sparse(std::string_view relative, std::uint64_t size) const {
    clear(relative);
    int fd = ::open(at(relative).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        fail("open", at(relative));
    bool sized = ::ftruncate(fd, static_cast<off_t>(size)) == 0;
    ::close(fd);
    if (!sized)
        fail("ftruncate", at(relative));
}

std::string HostileRoot::climb_out(std::string_view relative) {
    // One ".." per directory the link sits in, and one more to leave the root itself.
    std::string climb = "../";
    for (char c : fs::path(relative).parent_path().string())
        if (c == '/')
            climb += "../";
    if (!fs::path(relative).parent_path().empty())
        climb += "../";
    return climb;
}

void HostileRoot::open_to_others() const {
    // Only where missing: /tmp and the like already let everyone through, and belong to root.
    const fs::perms through = fs::perms::others_read | fs::perms::others_exec;
    for (fs::path dir = m_work.path(); dir != dir.root_path(); dir = dir.parent_path())
        if ((fs::status(dir).permissions() & through) != through)
            fs::permissions(dir, through, fs::perm_options::add);
    for (auto it = fs::recursive_directory_iterator(m_work.path());
         it != fs::recursive_directory_iterator(); ++it) {
        if (it->is_symlink())
            continue;
        fs::perms add = it->is_directory() ? fs::perms::others_read | fs::perms::others_exec
                                           : fs::perms::others_read;
        fs::permissions(it->path(), add, fs::perm_options::add);
    }
}

}  // namespace sndoctor::testing
