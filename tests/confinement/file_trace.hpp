#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "run_program.hpp"

namespace sndoctor::testing {

/// One path a traced program touched, and the strace line that says so.
struct TouchedPath {
    std::string path;
    std::string line;
};

/// Runs `argv` under `strace -f -y -e trace=%file` (every system call that takes a file name:
/// the open, stat, access, readlink, exec, rename, unlink, mkdir, link, symlink, chmod, chown,
/// utime and xattr families), one log per process in `log_dir`.
ProgramOutput run_traced(const std::vector<std::string>& argv, const std::filesystem::path& log_dir,
                         const std::map<std::string, std::string>& env = {});

/// Every path in the logs of `log_dir`: each file name argument, joined to the directory its
/// descriptor argument names (strace -y prints "3</dir>"; openat2 with RESOLVE_IN_ROOT or
/// RESOLVE_BENEATH never climbs above it), and each file a descriptor in the line leads to,
/// as the kernel resolved it. Paths are made absolute and lexically normal.
std::vector<TouchedPath> touched_paths(const std::filesystem::path& log_dir);

/// The process ids the logs of `log_dir` belong to (their /proc/<pid> is their own).
std::vector<std::string> traced_pids(const std::filesystem::path& log_dir);

/// Parses one strace line (exposed for the parser's own test).
std::vector<TouchedPath> touched_paths_of_line(const std::string& line, const std::string& cwd);

}  // namespace sndoctor::testing
