#include "cli/sudo_terminal.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

namespace sndoctor::cli {

std::string find_sudo() {
    const char* env = std::getenv("PATH");
    std::string_view path = env ? env : "/usr/bin:/bin";
    for (std::size_t start = 0; start <= path.size();) {
        auto colon = std::min(path.find(':', start), path.size());
        std::string_view dir = path.substr(start, colon - start);
        start = colon + 1;
        if (dir.empty())
            continue;
        std::string candidate = std::string(dir) + "/sudo";
        if (::access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    return {};
}

namespace {

/// The program itself, not argv[0]: sudo's secure_path would not find a build tree's binary.
std::string this_program() {
    std::error_code error;
    std::string self = std::filesystem::read_symlink("/proc/self/exe", error).string();
    return error ? "sndoctor" : self;
}

}  // namespace

std::string program_for_sudo() {
    std::string self = this_program();
    // Debian's sudoers secure_path (sudo's compiled-in default is the same list).
    for (const char* dir :
         {"/usr/local/sbin/", "/usr/local/bin/", "/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/"})
        if (self == std::string(dir) + "sndoctor")
            return "sndoctor";
    return self;
}

int run_through_sudo(const std::string& sudo, const std::vector<std::string>& arguments) {
    std::vector<std::string> argv = {sudo, "--", this_program()};
    argv.insert(argv.end(), arguments.begin(), arguments.end());

    std::string shown;
    for (const auto& word : argv)
        shown += (shown.empty() ? "" : " ") + word;
    std::cout << "\n$ " << shown << std::endl;

    // Ctrl-C belongs to the command while it runs (the terminal sends it to both).
    struct sigaction ignore {
    }, old_int{}, old_quit{};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGINT, &ignore, &old_int);
    sigaction(SIGQUIT, &ignore, &old_quit);
    int status = 127;
    pid_t pid = ::fork();
    if (pid == 0) {
        // An ignored signal stays ignored across exec; the command gets the defaults back.
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGQUIT, SIG_DFL);
        std::vector<char*> args;
        for (const auto& word : argv)
            args.push_back(const_cast<char*>(word.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        std::perror(args[0]);
        ::_exit(127);
    }
    if (pid > 0) {
        int raw = 0;
        while (::waitpid(pid, &raw, 0) < 0 && errno == EINTR) {
        }
        status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    } else {
        std::perror("fork");
    }
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGQUIT, &old_quit, nullptr);

    std::cout << "\n[exit status " << status << "] Press Enter to return to sndoctor."
              << std::flush;
    std::string line;
    std::getline(std::cin, line);
    std::cin.clear();
    return status;
}

}  // namespace sndoctor::cli
