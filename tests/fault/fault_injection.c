// An LD_PRELOAD library that makes one mutating file-system call of a process fail with a chosen
// errno, so that the faults suite exercises the executor, the journal and undo against the real
// disk code (openat2, renameat, fsync...) rather than a mocked Disk.
//
// Environment (read once, at load):
//   SNDOCTOR_FAULT_ROOT   only calls on paths inside this directory count (the loader, the
//                         terminal, /tmp and the test's own files never do)
//   SNDOCTOR_FAULT_LOG    a file outside the root; one line per counted call, "N call path",
//                         and " FAILED errno" on the call that was made to fail. Written as the
//                         calls happen, so that a count survives any way the process ends.
//   SNDOCTOR_FAULT_AT     the number of the counted call to fail (1-based); absent or 0 counts
//   SNDOCTOR_FAULT_ERRNO  ENOSPC or EACCES
//
// A call counts when it would change something in the root: a write, pwrite or writev to a
// regular file, fsync/fdatasync of a regular file, an open (open, openat, openat2 through
// syscall()) that creates or opens for writing, and every rename, link, symlink, mkdir, unlink,
// rmdir, chmod, chown and utimens. Two exceptions keep the faults real: an fsync of a directory
// is not counted (sndoctor makes directory fsyncs best effort on purpose, so a failure there has
// nothing to show), and mkdir of a path that already exists is not counted (the kernel answers
// EEXIST before it would run out of space or check permission). Syncs in the root are skipped
// (see fsync below).
//
// What is left out on purpose: calls that glibc makes internally (fopen, std::ofstream) do not go
// through these symbols; sndoctor writes only through src/engine/disk.cpp, which uses the calls
// below directly. The library removes its variables and LD_PRELOAD from the environment at load,
// so a program the fix runs does not count into the same log.
//
// C, not C++: the definitions must match glibc's declarations exactly, and meson's
// _FILE_OFFSET_BITS=64 (and _FORTIFY_SOURCE's inline open) would otherwise rename or shadow
// the definitions below.
#undef _FILE_OFFSET_BITS
#undef _FORTIFY_SOURCE
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static char g_root[PATH_MAX];
static size_t g_root_len;
static int g_log_fd = -1;
static long g_fail_at;
static int g_errno;
static atomic_long g_count;
static _Thread_local int g_inside;  // the library's own calls never count

// The next definition of a call (glibc's, or a sanitizer's interceptor in front of it). memcpy,
// because ISO C has no cast from an object pointer to a function pointer.
#define REAL(ret, name, ...)                               \
    static ret (*real_##name)(__VA_ARGS__);                \
    if (real_##name == NULL) {                             \
        void* symbol = dlsym(RTLD_NEXT, #name);            \
        memcpy(&real_##name, &symbol, sizeof real_##name); \
    }

__attribute__((constructor)) static void fault_init(void) {
    const char* root = getenv("SNDOCTOR_FAULT_ROOT");
    const char* log = getenv("SNDOCTOR_FAULT_LOG");
    const char* at = getenv("SNDOCTOR_FAULT_AT");
    const char* err = getenv("SNDOCTOR_FAULT_ERRNO");
    g_inside = 1;
    if (root != NULL && log != NULL && realpath(root, g_root) != NULL) {
        g_root_len = strlen(g_root);
        g_log_fd = (int)syscall(SYS_openat, AT_FDCWD, log,
                                O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        g_fail_at = at != NULL ? strtol(at, NULL, 10) : 0;
        g_errno = err != NULL && strcmp(err, "EACCES") == 0 ? EACCES : ENOSPC;
    }
    unsetenv("SNDOCTOR_FAULT_ROOT");
    unsetenv("SNDOCTOR_FAULT_LOG");
    unsetenv("SNDOCTOR_FAULT_AT");
    unsetenv("SNDOCTOR_FAULT_ERRNO");
    unsetenv("LD_PRELOAD");
    g_inside = 0;
}

/// The path an fd refers to, from /proc/self/fd (empty when it has none).
static void fd_path(int fd, char* out, size_t size) {
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t len = readlink(link, out, size - 1);
    out[len > 0 ? len : 0] = '\0';
}

/// dirfd + name as one absolute path (the last component is not resolved: it may not exist yet).
static void at_path(int dirfd, const char* name, char* out, size_t size) {
    if (name != NULL && name[0] == '/') {
        snprintf(out, size, "%s", name);
        return;
    }
    char base[PATH_MAX];
    if (dirfd == AT_FDCWD) {
        if (getcwd(base, sizeof base) == NULL)
            base[0] = '\0';
    } else {
        fd_path(dirfd, base, sizeof base);
    }
    if (name == NULL || name[0] == '\0')
        snprintf(out, size, "%s", base);
    else
        snprintf(out, size, "%s/%s", base, name);
}

static int inside_root(const char* path) {
    return g_root_len > 0 && strncmp(path, g_root, g_root_len) == 0 &&
           (path[g_root_len] == '/' || path[g_root_len] == '\0');
}

static void log_line(const char* text) {
    size_t len = strlen(text);
    while (len > 0) {
        long put = syscall(SYS_write, g_log_fd, text, len);
        if (put <= 0)
            return;
        text += put;
        len -= (size_t)put;
    }
}

/// Counts the call when it is on a path in the root; true when it is the one that must fail
/// (errno is then set).
static int fault_here(const char* call, const char* path) {
    if (g_log_fd < 0 || g_inside || !inside_root(path))
        return 0;
    long n = atomic_fetch_add(&g_count, 1) + 1;
    int fail = n == g_fail_at;
    char line[PATH_MAX + 128];
    snprintf(line, sizeof line, "%ld %s %s%s\n", n, call, path,
             fail ? (g_errno == EACCES ? " FAILED EACCES" : " FAILED ENOSPC") : "");
    log_line(line);
    if (fail)
        errno = g_errno;
    return fail;
}

static int fault_at(const char* call, int dirfd, const char* name) {
    if (g_log_fd < 0 || g_inside)
        return 0;
    char path[PATH_MAX];
    at_path(dirfd, name, path, sizeof path);
    return fault_here(call, path);
}

/// fd-based calls: only regular files count (not the terminal, pipes or directories).
static int fault_fd(const char* call, int fd) {
    if (g_log_fd < 0 || g_inside)
        return 0;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    char path[PATH_MAX];
    fd_path(fd, path, sizeof path);
    return fault_here(call, path);
}

/// Metadata calls on an fd count for any kind of file in the root.
static int fault_fd_any(const char* call, int fd) {
    if (g_log_fd < 0 || g_inside)
        return 0;
    char path[PATH_MAX];
    fd_path(fd, path, sizeof path);
    return fault_here(call, path);
}

static int writes(int flags) {
    return (flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC)) != 0;
}

static int exists_at(int dirfd, const char* name) {
    struct stat st;
    return fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

// ---- writes and syncs

ssize_t write(int fd, const void* buf, size_t count) {
    REAL(ssize_t, write, int, const void*, size_t);
    if (fault_fd("write", fd))
        return -1;
    return real_write(fd, buf, count);
}

ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset) {
    REAL(ssize_t, pwrite, int, const void*, size_t, off_t);
    if (fault_fd("pwrite", fd))
        return -1;
    return real_pwrite(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void* buf, size_t count, off64_t offset) {
    REAL(ssize_t, pwrite64, int, const void*, size_t, off64_t);
    if (fault_fd("pwrite64", fd))
        return -1;
    return real_pwrite64(fd, buf, count, offset);
}

ssize_t writev(int fd, const struct iovec* iov, int count) {
    REAL(ssize_t, writev, int, const struct iovec*, int);
    if (fault_fd("writev", fd))
        return -1;
    return real_writev(fd, iov, count);
}

/// Whether an fd's file is in the root (any kind of file).
static int fd_in_root(int fd) {
    if (g_log_fd < 0 || g_inside)
        return 0;
    char path[PATH_MAX];
    fd_path(fd, path, sizeof path);
    return inside_root(path);
}

// A sync in the root is counted and may fail, but never reaches the disk (as eatmydata): the
// root is a throw-away copy, durability across a power cut is not what this proves, and a
// thousand runs of real fsyncs would cost minutes.
int fsync(int fd) {
    REAL(int, fsync, int);
    if (fault_fd("fsync", fd))
        return -1;
    return fd_in_root(fd) ? 0 : real_fsync(fd);
}

int fdatasync(int fd) {
    REAL(int, fdatasync, int);
    if (fault_fd("fdatasync", fd))
        return -1;
    return fd_in_root(fd) ? 0 : real_fdatasync(fd);
}

// ---- opens that create or write

static int open_mode_of(int flags, va_list ap) {
    return (flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE ? va_arg(ap, int) : 0;
}

int open(const char* path, int flags, ...) {
    REAL(int, open, const char*, int, ...);
    va_list ap;
    va_start(ap, flags);
    int mode = open_mode_of(flags, ap);
    va_end(ap);
    if (writes(flags) && fault_at("open", AT_FDCWD, path))
        return -1;
    return real_open(path, flags, mode);
}

int open64(const char* path, int flags, ...) {
    REAL(int, open64, const char*, int, ...);
    va_list ap;
    va_start(ap, flags);
    int mode = open_mode_of(flags, ap);
    va_end(ap);
    if (writes(flags) && fault_at("open64", AT_FDCWD, path))
        return -1;
    return real_open64(path, flags, mode);
}

int openat(int dirfd, const char* path, int flags, ...) {
    REAL(int, openat, int, const char*, int, ...);
    va_list ap;
    va_start(ap, flags);
    int mode = open_mode_of(flags, ap);
    va_end(ap);
    if (writes(flags) && fault_at("openat", dirfd, path))
        return -1;
    return real_openat(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char* path, int flags, ...) {
    REAL(int, openat64, int, const char*, int, ...);
    va_list ap;
    va_start(ap, flags);
    int mode = open_mode_of(flags, ap);
    va_end(ap);
    if (writes(flags) && fault_at("openat64", dirfd, path))
        return -1;
    return real_openat64(dirfd, path, flags, mode);
}

// The fortified forms (-D_FORTIFY_SOURCE) that glibc's headers call when no mode is given.
int __open_2(const char* path, int flags) {
    REAL(int, __open_2, const char*, int);
    if (writes(flags) && fault_at("open", AT_FDCWD, path))
        return -1;
    return real___open_2(path, flags);
}

int __open64_2(const char* path, int flags) {
    REAL(int, __open64_2, const char*, int);
    if (writes(flags) && fault_at("open64", AT_FDCWD, path))
        return -1;
    return real___open64_2(path, flags);
}

int __openat_2(int dirfd, const char* path, int flags) {
    REAL(int, __openat_2, int, const char*, int);
    if (writes(flags) && fault_at("openat", dirfd, path))
        return -1;
    return real___openat_2(dirfd, path, flags);
}

int __openat64_2(int dirfd, const char* path, int flags) {
    REAL(int, __openat64_2, int, const char*, int);
    if (writes(flags) && fault_at("openat64", dirfd, path))
        return -1;
    return real___openat64_2(dirfd, path, flags);
}

// openat2 has no glibc wrapper before 2.39's; sndoctor calls it through syscall(). All six
// arguments are forwarded as glibc's own syscall() reads them (registers on every Linux ABI).
long syscall(long number, ...) {
    REAL(long, syscall, long, ...);
    va_list ap;
    va_start(ap, number);
    long a[6];
    for (int i = 0; i < 6; ++i)
        a[i] = va_arg(ap, long);
    va_end(ap);
#ifdef SYS_openat2
    if (number == SYS_openat2) {
        const struct open_how* how = (const struct open_how*)a[2];
        if (how != NULL && writes((int)how->flags) &&
            fault_at("openat2", (int)a[0], (const char*)a[1]))
            return -1;
    }
#endif
    return real_syscall(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}

// ---- names: rename, link, symlink, mkdir, unlink

/// A rename counts once, named by its source, when either end is in the root.
static int fault_rename(const char* call, int from_dir, const char* from, int to_dir,
                        const char* to) {
    if (g_log_fd < 0 || g_inside)
        return 0;
    char source[PATH_MAX];
    char target[PATH_MAX];
    at_path(from_dir, from, source, sizeof source);
    at_path(to_dir, to, target, sizeof target);
    return fault_here(call, inside_root(source) ? source : target);
}

int rename(const char* from, const char* to) {
    REAL(int, rename, const char*, const char*);
    if (fault_rename("rename", AT_FDCWD, from, AT_FDCWD, to))
        return -1;
    return real_rename(from, to);
}

int renameat(int from_dir, const char* from, int to_dir, const char* to) {
    REAL(int, renameat, int, const char*, int, const char*);
    if (fault_rename("renameat", from_dir, from, to_dir, to))
        return -1;
    return real_renameat(from_dir, from, to_dir, to);
}

int renameat2(int from_dir, const char* from, int to_dir, const char* to, unsigned flags) {
    REAL(int, renameat2, int, const char*, int, const char*, unsigned);
    if (fault_rename("renameat2", from_dir, from, to_dir, to))
        return -1;
    return real_renameat2(from_dir, from, to_dir, to, flags);
}

int link(const char* from, const char* to) {
    REAL(int, link, const char*, const char*);
    if (fault_at("link", AT_FDCWD, to))
        return -1;
    return real_link(from, to);
}

int linkat(int from_dir, const char* from, int to_dir, const char* to, int flags) {
    REAL(int, linkat, int, const char*, int, const char*, int);
    if (fault_at("linkat", to_dir, to))
        return -1;
    return real_linkat(from_dir, from, to_dir, to, flags);
}

int symlink(const char* target, const char* path) {
    REAL(int, symlink, const char*, const char*);
    if (fault_at("symlink", AT_FDCWD, path))
        return -1;
    return real_symlink(target, path);
}

int symlinkat(const char* target, int dirfd, const char* path) {
    REAL(int, symlinkat, const char*, int, const char*);
    if (fault_at("symlinkat", dirfd, path))
        return -1;
    return real_symlinkat(target, dirfd, path);
}

int mkdir(const char* path, mode_t mode) {
    REAL(int, mkdir, const char*, mode_t);
    if (!exists_at(AT_FDCWD, path) && fault_at("mkdir", AT_FDCWD, path))
        return -1;
    return real_mkdir(path, mode);
}

int mkdirat(int dirfd, const char* path, mode_t mode) {
    REAL(int, mkdirat, int, const char*, mode_t);
    if (!exists_at(dirfd, path) && fault_at("mkdirat", dirfd, path))
        return -1;
    return real_mkdirat(dirfd, path, mode);
}

int unlink(const char* path) {
    REAL(int, unlink, const char*);
    if (fault_at("unlink", AT_FDCWD, path))
        return -1;
    return real_unlink(path);
}

int rmdir(const char* path) {
    REAL(int, rmdir, const char*);
    if (fault_at("rmdir", AT_FDCWD, path))
        return -1;
    return real_rmdir(path);
}

int unlinkat(int dirfd, const char* path, int flags) {
    REAL(int, unlinkat, int, const char*, int);
    if (fault_at("unlinkat", dirfd, path))
        return -1;
    return real_unlinkat(dirfd, path, flags);
}

// ---- metadata: mode, owner, times

int fchmod(int fd, mode_t mode) {
    REAL(int, fchmod, int, mode_t);
    if (fault_fd_any("fchmod", fd))
        return -1;
    return real_fchmod(fd, mode);
}

int fchmodat(int dirfd, const char* path, mode_t mode, int flags) {
    REAL(int, fchmodat, int, const char*, mode_t, int);
    if (fault_at("fchmodat", dirfd, path))
        return -1;
    return real_fchmodat(dirfd, path, mode, flags);
}

int chmod(const char* path, mode_t mode) {
    REAL(int, chmod, const char*, mode_t);
    if (fault_at("chmod", AT_FDCWD, path))
        return -1;
    return real_chmod(path, mode);
}

int fchown(int fd, uid_t uid, gid_t gid) {
    REAL(int, fchown, int, uid_t, gid_t);
    if (fault_fd_any("fchown", fd))
        return -1;
    return real_fchown(fd, uid, gid);
}

int fchownat(int dirfd, const char* path, uid_t uid, gid_t gid, int flags) {
    REAL(int, fchownat, int, const char*, uid_t, gid_t, int);
    if (fault_at("fchownat", dirfd, path))
        return -1;
    return real_fchownat(dirfd, path, uid, gid, flags);
}

int chown(const char* path, uid_t uid, gid_t gid) {
    REAL(int, chown, const char*, uid_t, gid_t);
    if (fault_at("chown", AT_FDCWD, path))
        return -1;
    return real_chown(path, uid, gid);
}

int lchown(const char* path, uid_t uid, gid_t gid) {
    REAL(int, lchown, const char*, uid_t, gid_t);
    if (fault_at("lchown", AT_FDCWD, path))
        return -1;
    return real_lchown(path, uid, gid);
}

int utimensat(int dirfd, const char* path, const struct timespec times[2], int flags) {
    REAL(int, utimensat, int, const char*, const struct timespec*, int);
    if (fault_at("utimensat", dirfd, path))
        return -1;
    return real_utimensat(dirfd, path, times, flags);
}

int futimens(int fd, const struct timespec times[2]) {
    REAL(int, futimens, int, const struct timespec*);
    if (fault_fd_any("futimens", fd))
        return -1;
    return real_futimens(fd, times);
}
