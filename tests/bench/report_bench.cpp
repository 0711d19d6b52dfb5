// Benchmark (not a timed test): `sndoctor report` against alsa-info.sh on this machine, both
// whole programs, in one run, as a ratio of wall times (goal: sndoctor at least 20x faster).
// alsa-info.sh runs with --stdout --no-upload, which never calls its update or upload code;
// on top of that its PATH starts with a directory whose `wget` and `curl` fail at once and the
// proxies point at a closed port, so it cannot reach the network whatever its version does.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "checks/checks.hpp"
#include "core/environment.hpp"
#include "engine/runner.hpp"
#include "facts/facts.hpp"
#include "report/alsa_info_writer.hpp"
#include "report/collector.hpp"
#include "run_program.hpp"
#include "timing.hpp"

using Clock = std::chrono::steady_clock;

namespace {

template <class Work>
double median_ms(int runs, Work work) {
    return sndoctor::bench::measure(runs, work).median_ms;
}

/// The first alsa-info.sh found: Debian ships it as /usr/sbin/alsa-info, others as alsa-info.sh.
std::string find_alsa_info() {
    for (const char* candidate :
         {"/usr/sbin/alsa-info.sh", "/usr/sbin/alsa-info", "/usr/bin/alsa-info.sh"})
        if (::access(candidate, X_OK) == 0)
            return candidate;
    return {};
}

/// A directory with failing `wget` and `curl`, removed at the end.
struct OfflineTools {
    std::filesystem::path dir;
    OfflineTools() {
        dir = std::filesystem::temp_directory_path() /
              ("sndoctor-bench-offline-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        for (const char* tool : {"wget", "curl"}) {
            auto path = dir / tool;
            std::ofstream(path) << "#!/bin/sh\nexit 1\n";
            std::filesystem::permissions(path, std::filesystem::perms::owner_all);
        }
    }
    ~OfflineTools() { std::filesystem::remove_all(dir); }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench-report SNDOCTOR_BIN\n");
        return 64;
    }
    std::string bin = argv[1];
    constexpr int k_runs = 15;
    std::printf("sndoctor report against alsa-info.sh on this machine (median of %d runs)\n",
                k_runs);
    // In process, to tell the collector's share from the checks' (both on this machine).
    auto root = sndoctor::open_dir_root("/", sndoctor::RootSource::live);
    auto env = sndoctor::environment_from_process("", true);
    double collector = median_ms(k_runs, [&] {
        sndoctor::Facts facts(*root, env);
        sndoctor::report::write_alsa_info(sndoctor::report::collect_report(facts, {}));
    });
    std::printf("  %-44s %9.2f ms\n", "collector + writer alone, in process", collector);
    double checks = median_ms(k_runs, [&] {
        sndoctor::Facts facts(*root, env);
        sndoctor::run_checks(sndoctor::checks::registry(), facts);
    });
    std::printf("  %-44s %9.2f ms\n", "all checks alone, in process", checks);
    double sndoctor = median_ms(k_runs, [&] { sndoctor::testing::run_program({bin, "report"}); });
    std::printf("  %-44s %9.2f ms\n", "sndoctor report (whole program)", sndoctor);
    std::string alsa_info = find_alsa_info();
    if (alsa_info.empty()) {
        std::printf("  alsa-info.sh is not installed here: no ratio\n");
        return 0;
    }
    OfflineTools offline;
    const char* path = std::getenv("PATH");
    std::map<std::string, std::string> offline_env = {
        {"PATH", offline.dir.string() + ":" + (path ? path : "/usr/sbin:/usr/bin:/sbin:/bin")},
        {"http_proxy", "http://127.0.0.1:9"},
        {"https_proxy", "http://127.0.0.1:9"},
    };
    double script = median_ms(k_runs, [&] {
        sndoctor::testing::run_program({alsa_info, "--stdout", "--no-upload"}, offline_env);
    });
    std::printf("  %-44s %9.2f ms\n", (alsa_info + " --stdout --no-upload").c_str(), script);
    std::printf(
        "  ratio: sndoctor is %.1fx faster (goal: at least 20x); the collector alone %.1fx\n",
        script / sndoctor, script / collector);
    // For scripts/bench-table, which gathers every benchmark's figures into one table.
    std::printf("FIGURE live.report %.1f ms\n", sndoctor);
    std::printf("FIGURE live.alsa-info %.1f ms\n", script);
    return 0;
}
