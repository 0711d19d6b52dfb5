// Benchmark (not a timed test): the peak memory (resident set, ru_maxrss from wait4) of whole
// sndoctor runs: `check` and `report` on the demo root and on this machine, and the assistant
// from its start to its first full frame (all checks' results drawn) on the demo.
//
// The assistant needs a terminal: it runs in a pseudo-terminal of 80x24, and once the screen
// shows the demo's tally (the status bar's text when every check has finished, taken from
// `sndoctor check` on the same root) it is sent `q`; its peak is then the first frame's plus what
// quitting costs, which frees and allocates nothing of note.
//
// A forked child starts with a copy of this process's pages, so a figure can never be below this
// process's own peak; it is printed as the floor (a few MiB, well under sndoctor's).
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "run_program.hpp"
#include "temp_dir.hpp"

using namespace sndoctor;

namespace {

constexpr int k_runs = 3;

/// The assistant's peak, or nullopt when the first full frame never showed (then nothing was
/// measured). `marker` is text only the finished frame holds.
std::optional<long> assistant_peak_kb(const std::string& bin, const std::string& marker) {
    winsize size{};
    size.ws_row = 24;
    size.ws_col = 80;
    int master = -1;
    pid_t pid = ::forkpty(&master, nullptr, nullptr, &size);
    if (pid < 0)
        return std::nullopt;
    if (pid == 0) {
        ::setenv("TERM", "xterm-256color", 1);
        ::setenv("LANG", "C.UTF-8", 1);
        ::setenv("LC_ALL", "C.UTF-8", 1);
        ::setenv("SUDO_USER", "", 1);  // so that --user decides, as in the tmux test
        ::execl(bin.c_str(), bin.c_str(), "--demo", "--user", "alex", "--no-color",
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    std::string screen;
    bool seen = false;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!seen && std::chrono::steady_clock::now() < deadline) {
        pollfd fd{master, POLLIN, 0};
        if (::poll(&fd, 1, 100) <= 0)
            continue;
        char buffer[4096];
        ssize_t got = ::read(master, buffer, sizeof buffer);
        if (got <= 0)
            break;
        screen.append(buffer, static_cast<std::size_t>(got));
        seen = screen.find(marker) != std::string::npos;
    }
    if (seen) {
        if (::write(master, "q", 1) != 1)
            ::kill(pid, SIGTERM);  // it ends as on `q`, through its signal handler
    } else {
        std::fprintf(stderr, "bench-memory: the assistant's first full frame never showed \"%s\"\n",
                     marker.c_str());
        ::kill(pid, SIGTERM);
    }
    // Read on until it exits: curses gives the terminal back on the way out and must not block.
    for (;;) {
        char buffer[4096];
        if (::read(master, buffer, sizeof buffer) <= 0)
            break;
    }
    int status = 0;
    struct rusage usage {};
    ::wait4(pid, &status, 0, &usage);
    ::close(master);
    if (!seen)
        return std::nullopt;
    return usage.ru_maxrss;
}

/// The closing line of `sndoctor check` ("6 failed, 2 warned, 3 passed."), its first clause
/// ("6 failed"): what the assistant's status bar shows once every check has finished.
std::string first_tally_clause(const std::string& check_output) {
    std::string closing;
    std::size_t start = 0;
    while (start < check_output.size()) {
        std::size_t end = check_output.find('\n', start);
        if (end == std::string::npos)
            end = check_output.size();
        std::string line = check_output.substr(start, end - start);
        if (!line.empty() && std::isdigit(static_cast<unsigned char>(line[0])) &&
            line.back() == '.')
            closing = line;
        start = end + 1;
    }
    return closing.substr(0, closing.find_first_of(",."));
}

/// The "FIGURE key value unit" lines for scripts/bench-table, printed after the table.
std::string g_figures;

void row(const std::string& what, long kb, const std::string& key) {
    double mib = static_cast<double>(kb) / 1024;
    std::printf("  %-56s %9.1f\n", what.c_str(), mib);
    char line[128];
    std::snprintf(line, sizeof line, "FIGURE %s %.1f MiB\n", key.c_str(), mib);
    g_figures += line;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench-memory SNDOCTOR_BIN DEMO_ROOT\n");
        return 64;
    }
    const std::string bin = argv[1];
    const std::string demo = argv[2];
    testing::TempDir temp;
    const std::string report_file = (temp.path() / "report.txt").string();

    struct Run {
        std::string what;
        std::string key;
        std::vector<std::string> argv;
    };
    const std::vector<Run> runs = {
        {"sndoctor check --root DEMO", "rss.check-demo", {bin, "check", "--root", demo}},
        {"sndoctor report --root DEMO -o FILE",
         "rss.report-demo",
         {bin, "report", "--root", demo, "-o", report_file}},
        {"sndoctor check (this machine)", "rss.check-live", {bin, "check"}},
        {"sndoctor report -o FILE (this machine)",
         "rss.report-live",
         {bin, "report", "-o", report_file}},
    };

    struct rusage self {};
    ::getrusage(RUSAGE_SELF, &self);
    std::printf("peak resident memory of whole sndoctor runs (the highest of %d runs)\n", k_runs);
    std::printf("  %-56s %9s\n", "what", "peak MiB");
    for (const auto& run : runs) {
        long peak = 0;
        for (int i = 0; i < k_runs; ++i) {
            auto output = testing::run_program(run.argv);
            // Exit 0-3 is a verdict (clean, warnings, failures, errors); anything else did not run.
            if (output.exit_code > 3) {
                std::fprintf(stderr, "bench-memory: %s exited %d: %s\n", run.what.c_str(),
                             output.exit_code, output.err.c_str());
                return 1;
            }
            peak = std::max(peak, output.peak_rss_kb);
        }
        row(run.what, peak, run.key);
    }

    std::string marker = first_tally_clause(
        testing::run_program({bin, "check", "--demo", "--user", "alex", "--no-color"},
                             {{"SUDO_USER", ""}})
            .out);
    if (marker.empty()) {
        std::fprintf(stderr, "bench-memory: no tally line from sndoctor check --demo\n");
        return 1;
    }
    long peak = 0;
    for (int i = 0; i < k_runs; ++i) {
        auto kb = assistant_peak_kb(bin, marker);
        if (!kb)
            return 1;
        peak = std::max(peak, *kb);
    }
    row("sndoctor --demo, start to first full frame (80x24 pty)", peak, "rss.tui-first-frame");
    std::printf(
        "  (the floor: this benchmark's own peak, which a forked child starts from, is "
        "%.1f MiB)\n",
        static_cast<double>(self.ru_maxrss) / 1024);
    std::fputs(g_figures.c_str(), stdout);
    return 0;
}
