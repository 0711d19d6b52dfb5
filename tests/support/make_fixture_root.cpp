// make-fixture-root SRC DST: turns the fixture sources in SRC into real trees in DST.
//
// Git keeps neither ELF modules made for a test nor modification times, so fixtures describe
// them as text and this tool makes them real:
//   NAME.ko.spec     → NAME.ko, a real ELF module whose .modinfo holds the spec's lines
//                      (NAME.ko.xz.spec / NAME.ko.gz.spec → compressed with xz / gzip)
//   .depmod          → one kernel release per line: `depmod -b <dir> <release>` is run for it
//   .mtimes          → "<path> <seconds since the epoch>" per line, applied last (links too)
// paths in .depmod and .mtimes are relative to the directory that holds the file. Everything
// else is copied as it is, links as links. DST is emptied first.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "ko_writer.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line.front() != '#')
            lines.push_back(line);
    return lines;
}

void run(const std::vector<std::string>& argv) {
    pid_t pid = fork();
    if (pid == 0) {
        std::vector<char*> args;
        for (const auto& arg : argv)
            args.push_back(const_cast<char*>(arg.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::string command;
        for (const auto& arg : argv)
            command += arg + " ";
        throw std::runtime_error("command failed: " + command);
    }
}

/// depmod lives in /sbin on Debian, which a plain user's PATH may lack.
std::string depmod_program() {
    for (const char* candidate : {"/sbin/depmod", "/usr/sbin/depmod", "/usr/bin/depmod"})
        if (access(candidate, X_OK) == 0)
            return candidate;
    return "depmod";
}

void make_module(const fs::path& spec, const fs::path& dst_dir) {
    std::string name = spec.filename().string();
    name.resize(name.size() - std::string(".spec").size());
    std::string compression;
    for (const char* suffix : {".xz", ".gz"}) {
        std::string s = suffix;
        if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
            compression = s;
            name.resize(name.size() - s.size());
        }
    }
    fs::path out = dst_dir / name;
    std::ofstream(out, std::ios::binary)
        << sndoctor::testing::make_kernel_module(lines_of(read_all(spec)));
    if (compression == ".xz")
        run({"xz", "-z", "-f", "--check=crc32", out.string()});
    else if (compression == ".gz")
        run({"gzip", "-n", "-f", out.string()});
}

void copy_tree(const fs::path& src, const fs::path& dst, std::vector<fs::path>& meta_dirs) {
    fs::create_directories(dst);
    for (const auto& entry : fs::directory_iterator(src)) {
        const fs::path& from = entry.path();
        fs::path to = dst / from.filename();
        std::string name = from.filename().string();
        if (name == ".mtimes" || name == ".depmod") {
            fs::copy_file(from, to, fs::copy_options::overwrite_existing);
            meta_dirs.push_back(dst);
        } else if (entry.is_symlink()) {
            fs::copy_symlink(from, to);
        } else if (entry.is_directory()) {
            copy_tree(from, to, meta_dirs);
        } else if (name.ends_with(".ko.spec") || name.ends_with(".ko.xz.spec") ||
                   name.ends_with(".ko.gz.spec")) {
            make_module(from, dst);
        } else {
            fs::copy_file(from, to);
        }
    }
}

void apply_depmod(const fs::path& dir) {
    fs::path depmod = dir / ".depmod";
    if (fs::exists(depmod)) {
        for (const auto& release : lines_of(read_all(depmod))) {
            // A real tree has these; without them depmod warns on every fixture.
            fs::path modules = dir / "lib" / "modules" / release;
            for (const char* index :
                 {"modules.order", "modules.builtin", "modules.builtin.modinfo"})
                if (!fs::exists(modules / index))
                    std::ofstream(modules / index);
            // -C /dev/null: no depmod.d configuration, and never the host's.
            run({depmod_program(), "-C", "/dev/null", "-b", dir.string(), release});
        }
        fs::remove(depmod);
    }
}

void apply_mtimes(const fs::path& dir) {
    fs::path mtimes = dir / ".mtimes";
    if (fs::exists(mtimes)) {
        for (const auto& line : lines_of(read_all(mtimes))) {
            auto space = line.rfind(' ');
            fs::path target = dir / line.substr(0, space);
            timespec times[2];
            times[0].tv_sec = times[1].tv_sec = std::stoll(line.substr(space + 1));
            times[0].tv_nsec = times[1].tv_nsec = 0;
            if (utimensat(AT_FDCWD, target.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0)
                throw std::runtime_error(".mtimes: cannot set the time of " + target.string());
        }
        fs::remove(mtimes);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: make-fixture-root SRC DST\n";
        return 64;
    }
    try {
        fs::path dst = argv[2];
        fs::remove_all(dst);
        std::vector<fs::path> meta_dirs;
        copy_tree(argv[1], dst, meta_dirs);
        // Times last: depmod writes files, and a fixture may want its modules.dep to be old.
        for (const auto& dir : meta_dirs)
            apply_depmod(dir);
        for (const auto& dir : meta_dirs)
            apply_mtimes(dir);
    } catch (const std::exception& e) {
        std::cerr << "make-fixture-root: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
