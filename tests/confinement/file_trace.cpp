#include "file_trace.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <utility>

namespace sndoctor::testing {

namespace fs = std::filesystem;

namespace {

/// Which arguments of a system call are file names, each with the index of the directory
/// descriptor it is relative to (-1: the working directory). Calls not listed here have every
/// string argument taken as a file name, which can only make the check stricter.
const std::map<std::string, std::vector<std::pair<int, int>>>& path_arguments() {
    static const std::map<std::string, std::vector<std::pair<int, int>>> table = {
        // name(path, ...)
        {"open", {{-1, 0}}},
        {"creat", {{-1, 0}}},
        {"stat", {{-1, 0}}},
        {"lstat", {{-1, 0}}},
        {"access", {{-1, 0}}},
        {"readlink", {{-1, 0}}},  // the second string is the link's target, read back
        {"execve", {{-1, 0}}},
        {"chmod", {{-1, 0}}},
        {"chown", {{-1, 0}}},
        {"lchown", {{-1, 0}}},
        {"truncate", {{-1, 0}}},
        {"mkdir", {{-1, 0}}},
        {"rmdir", {{-1, 0}}},
        {"unlink", {{-1, 0}}},
        {"chdir", {{-1, 0}}},
        {"chroot", {{-1, 0}}},
        {"statfs", {{-1, 0}}},
        {"utime", {{-1, 0}}},
        {"utimes", {{-1, 0}}},
        {"mknod", {{-1, 0}}},
        {"getxattr", {{-1, 0}}},  // the second string is the attribute's name
        {"lgetxattr", {{-1, 0}}},
        {"setxattr", {{-1, 0}}},
        {"lsetxattr", {{-1, 0}}},
        {"listxattr", {{-1, 0}}},
        {"llistxattr", {{-1, 0}}},
        {"removexattr", {{-1, 0}}},
        {"lremovexattr", {{-1, 0}}},
        {"rename", {{-1, 0}, {-1, 1}}},
        {"link", {{-1, 0}, {-1, 1}}},
        {"symlink", {{-1, 1}}},  // the first string is the new link's target, not a path used
        // name(dirfd, path, ...)
        {"openat", {{0, 1}}},
        {"openat2", {{0, 1}}},
        {"newfstatat", {{0, 1}}},
        {"fstatat64", {{0, 1}}},
        {"statx", {{0, 1}}},
        {"faccessat", {{0, 1}}},
        {"faccessat2", {{0, 1}}},
        {"readlinkat", {{0, 1}}},
        {"mkdirat", {{0, 1}}},
        {"mknodat", {{0, 1}}},
        {"unlinkat", {{0, 1}}},
        {"fchmodat", {{0, 1}}},
        {"fchmodat2", {{0, 1}}},
        {"fchownat", {{0, 1}}},
        {"futimesat", {{0, 1}}},
        {"utimensat", {{0, 1}}},
        {"execveat", {{0, 1}}},
        {"name_to_handle_at", {{0, 1}}},
        {"renameat", {{0, 1}, {2, 3}}},
        {"renameat2", {{0, 1}, {2, 3}}},
        {"linkat", {{0, 1}, {2, 3}}},
        {"symlinkat", {{1, 2}}},
    };
    return table;
}

/// strace's C-style string escapes undone.
std::string unescape(std::string_view quoted) {
    std::string out;
    for (std::size_t i = 0; i < quoted.size(); ++i) {
        char c = quoted[i];
        if (c != '\\' || i + 1 == quoted.size()) {
            out += c;
            continue;
        }
        char next = quoted[++i];
        switch (next) {
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case 'x':
                out +=
                    static_cast<char>(std::stoi(std::string(quoted.substr(i + 1, 2)), nullptr, 16));
                i += 2;
                break;
            default:
                if (next >= '0' && next <= '7') {
                    std::size_t len = 1;
                    while (len < 3 && i + len < quoted.size() && quoted[i + len] >= '0' &&
                           quoted[i + len] <= '7')
                        ++len;
                    out += static_cast<char>(
                        std::stoi(std::string(quoted.substr(i, len)), nullptr, 8));
                    i += len - 1;
                } else {
                    out += next;
                }
        }
    }
    return out;
}

/// The index just past a quoted string that starts at `open`.
std::size_t end_of_string(const std::string& line, std::size_t open) {
    std::size_t i = open + 1;
    while (i < line.size() && line[i] != '"')
        i += line[i] == '\\' ? 2 : 1;
    return std::min(i + 1, line.size());
}

/// The index just past a descriptor's "<path>" annotation that starts at `open`.
std::size_t end_of_annotation(const std::string& line, std::size_t open) {
    auto close = line.find('>', open);
    return close == std::string::npos ? line.size() : close + 1;
}

/// Splits "name(arg, arg, ...) = result" into its top-level arguments (strings, arrays and
/// structures kept whole).
std::vector<std::string> split_arguments(const std::string& line, std::size_t open_paren) {
    std::vector<std::string> args;
    std::string current;
    int depth = 0;
    for (std::size_t i = open_paren + 1; i < line.size(); ++i) {
        char c = line[i];
        if (c == '"') {
            std::size_t end = end_of_string(line, i);
            current += line.substr(i, end - i);
            i = end - 1;
        } else if (c == '<' && i + 1 < line.size() && line[i + 1] == '/') {
            std::size_t end = end_of_annotation(line, i);
            current += line.substr(i, end - i);
            i = end - 1;
        } else if (c == '(' || c == '[' || c == '{') {
            ++depth;
            current += c;
        } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
            --depth;
            current += c;
        } else if (c == ')' && depth == 0) {
            break;
        } else if (c == ',' && depth == 0) {
            args.push_back(current);
            current.clear();
            if (i + 1 < line.size() && line[i + 1] == ' ')
                ++i;
        } else {
            current += c;
        }
    }
    args.push_back(current);
    return args;
}

/// "3</tmp/x>" or "AT_FDCWD</tmp/x>" → "/tmp/x".
std::optional<std::string> annotated_dir(const std::string& arg) {
    auto open = arg.find("</");
    if (open == std::string::npos || arg.back() != '>')
        return std::nullopt;
    return arg.substr(open + 1, arg.size() - open - 2);
}

/// Lexically normal: no ".", no "..", no doubled slashes. ".." never removes the first `floor`
/// components (RESOLVE_IN_ROOT treats the directory as "/").
std::string normal(const std::string& path, std::size_t floor = 0) {
    std::vector<std::string> parts;
    std::size_t pos = 0;
    while (pos <= path.size()) {
        auto slash = path.find('/', pos);
        if (slash == std::string::npos)
            slash = path.size();
        std::string part = path.substr(pos, slash - pos);
        pos = slash + 1;
        if (part.empty() || part == ".")
            continue;
        if (part == "..") {
            if (parts.size() > floor)
                parts.pop_back();
            continue;
        }
        parts.push_back(part);
    }
    std::string out;
    for (const auto& part : parts)
        out += "/" + part;
    return out.empty() ? "/" : out;
}

std::size_t depth_of(const std::string& path) {
    return static_cast<std::size_t>(std::count(path.begin(), path.end(), '/')) -
           (path == "/" ? 1 : 0);
}

}  // namespace

std::vector<TouchedPath> touched_paths_of_line(const std::string& line, const std::string& cwd) {
    std::vector<TouchedPath> found;
    // Every descriptor annotation: the file the kernel really reached, wherever links led.
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '"') {
            i = end_of_string(line, i) - 1;
        } else if (line[i] == '<' && i + 1 < line.size() && line[i + 1] == '/') {
            std::size_t end = end_of_annotation(line, i);
            // AT_FDCWD's annotation is only the directory a relative name would start from.
            if (line.compare(i >= 8 ? i - 8 : 0, 8, "AT_FDCWD") != 0)
                found.push_back({line.substr(i + 1, end - i - 2), line});
            i = end - 1;
        }
    }
    auto paren = line.find('(');
    if (paren == std::string::npos || line.starts_with("---") || line.starts_with("+++"))
        return found;
    std::string name = line.substr(0, paren);
    auto args = split_arguments(line, paren);
    bool in_root = line.find("RESOLVE_IN_ROOT") != std::string::npos ||
                   line.find("RESOLVE_BENEATH") != std::string::npos;
    auto resolve = [&](int dir_index, const std::string& arg) -> std::optional<std::string> {
        if (arg.empty() || arg.front() != '"')
            return std::nullopt;  // a NULL or an address: no name passed
        std::string path = unescape(std::string_view(arg).substr(1, arg.size() - 2));
        std::optional<std::string> dir = cwd;
        if (dir_index >= 0)
            dir = dir_index < static_cast<int>(args.size()) ? annotated_dir(args[dir_index])
                                                            : std::nullopt;
        if (path.empty())  // AT_EMPTY_PATH: the descriptor itself
            return dir;
        if (!dir)
            return "?" + path;  // a descriptor strace could not name: never allowed
        if (in_root)
            return normal(*dir + "/" + path, depth_of(*dir));
        if (path.front() == '/')
            return normal(path);
        return normal(*dir + "/" + path);
    };
    auto known = path_arguments().find(name);
    if (known != path_arguments().end()) {
        for (auto [dir_index, path_index] : known->second)
            if (path_index < static_cast<int>(args.size()))
                if (auto path = resolve(dir_index, args[path_index]))
                    found.push_back({*path, line});
    } else {
        for (const auto& arg : args)
            if (auto path = resolve(-1, arg))
                found.push_back({*path, line});
    }
    return found;
}

std::vector<TouchedPath> touched_paths(const fs::path& log_dir) {
    std::vector<TouchedPath> found;
    std::string cwd = fs::current_path().string();
    for (const auto& entry : fs::directory_iterator(log_dir)) {
        std::ifstream in(entry.path());
        std::string line;
        while (std::getline(in, line))
            for (auto& touched : touched_paths_of_line(line, cwd))
                found.push_back(std::move(touched));
    }
    return found;
}

std::vector<std::string> traced_pids(const fs::path& log_dir) {
    std::vector<std::string> pids;
    for (const auto& entry : fs::directory_iterator(log_dir)) {
        std::string name = entry.path().filename().string();
        auto dot = name.rfind('.');
        if (dot != std::string::npos)
            pids.push_back(name.substr(dot + 1));
    }
    return pids;
}

ProgramOutput run_traced(const std::vector<std::string>& argv, const fs::path& log_dir,
                         const std::map<std::string, std::string>& env) {
    fs::create_directories(log_dir);
    // -ff: one log per process and thread, so no call is split into "unfinished" and "resumed"
    // halves; -qq: no attach and exit notes; -y: descriptors with the paths they lead to.
    std::vector<std::string> traced = {"/usr/bin/timeout",
                                       "60",
                                       "strace",
                                       "-f",
                                       "-ff",
                                       "-qq",
                                       "-y",
                                       "-e",
                                       "trace=%file",
                                       "-o",
                                       (log_dir / "trace").string()};
    traced.insert(traced.end(), argv.begin(), argv.end());
    // LeakSanitizer cannot work under ptrace and stops the program; under ASan the same commands
    // run untraced, with leak detection, in the other tests.
    auto with_env = env;
    const char* asan = std::getenv("ASAN_OPTIONS");
    with_env["ASAN_OPTIONS"] = (asan != nullptr ? std::string(asan) + ":" : "") + "detect_leaks=0";
    return run_program(traced, with_env);
}

}  // namespace sndoctor::testing
