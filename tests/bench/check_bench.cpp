// Benchmark (not a timed test): how long `sndoctor check` takes on the demo system, in process and
// as a whole program, against gathering the same facts the seed's way (find over the module
// tree, grep over the configuration, cat of the /proc files). The goal is under 20 ms a run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "checks/checks.hpp"
#include "core/environment.hpp"
#include "engine/runner.hpp"
#include "facts/facts.hpp"
#include "run_program.hpp"
#include "timing.hpp"

using namespace sndoctor;
using Clock = std::chrono::steady_clock;

namespace {

using sndoctor::bench::Figures;
using sndoctor::bench::measure;

void row(const char* what, Figures f) {
    std::printf("  %-52s %9.2f %9.2f\n", what, f.median_ms, f.min_ms);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench-check SNDOCTOR_BIN DEMO_ROOT\n");
        return 64;
    }
    std::string bin = argv[1];
    std::string demo = argv[2];
    Environment env;
    env.user = "alex";
    env.user_source = UserSource::option;

    std::printf("sndoctor check on the demo system (%s)\n", demo.c_str());
    std::printf("  %-52s %9s %9s\n", "what", "median ms", "min ms");
    auto root = open_dir_root(demo, RootSource::dir);
    Figures in_process = measure(200, [&] {
        Facts facts(*root, env);
        run_checks(checks::registry(), facts);
    });
    row("all checks, in process (fresh facts each run)", in_process);
    Figures whole = measure(30, [&] {
        testing::run_program({bin, "check", "--demo", "--json", "--user", "alex"});
    });
    row("sndoctor check --demo --json (whole program)", whole);
    Figures seed = measure(30, [&] {
        testing::run_program({"/usr/bin/find", demo + "/lib/modules", "-name", "snd*.ko*"});
        testing::run_program({"/bin/grep", "-rsE", "snd|alsa", demo + "/etc/modprobe.d",
                              demo + "/etc/modprobe.conf", demo + "/etc/group"});
        testing::run_program({"/bin/cat", demo + "/proc/asound/cards", demo + "/proc/version"});
        testing::run_program({"/bin/ls", "-l", demo + "/usr/src/linux/"});
    });
    row("the seed's way: find + grep + cat + ls (facts only)", seed);
    std::printf("  goal: under 20 ms for the whole run; whole program is %.1fx the seed's way\n",
                whole.median_ms / seed.median_ms);
    // For scripts/bench-table, which gathers every benchmark's figures into one table.
    std::printf("FIGURE check.demo-in-process %.2f ms\n", in_process.median_ms);
    std::printf("FIGURE check.demo %.2f ms\n", whole.median_ms);
    return 0;
}
