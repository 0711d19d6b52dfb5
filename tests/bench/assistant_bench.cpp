// Benchmark (not a timed test): the assistant from its start to the first full frame on the
// demo system: choosing the root, starting the demo's copy to a temporary directory, running
// every check in the background and drawing the screen with all their results (goal under
// 100 ms). The terminal's own start (initscr) is left out: it is the same for any program. The
// end of each run (waiting for the copy, removing it) is not part of the figure.
#include <chrono>
#include <cstdio>
#include <vector>

#include "cli/assistant_system.hpp"
#include "timing.hpp"
#include "tui/app_model.hpp"
#include "tui/render.hpp"

using namespace sndoctor;

int main() {
    using Clock = std::chrono::steady_clock;
    cli::Options options;
    options.demo = true;
    std::vector<double> first_frame;
    std::vector<double> copied;
    for (int run = 0; run < 30; ++run) {
        auto start = Clock::now();
        auto system = cli::open_assistant_system(options);
        {
            ui::AppModel model(system.workspace);
            model.resize(80, 24);
            model.wait_for_checks();
            ui::Canvas canvas(80, 24);
            ui::render(model, canvas, {true});
            first_frame.push_back(
                std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        }
        system.demo_copied.wait();
        copied.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    auto frame = bench::figures_of(first_frame);
    auto copy = bench::figures_of(copied);
    std::printf("sndoctor assistant on the demo system\n");
    std::printf("  %-52s %9s %9s\n", "what", "median ms", "min ms");
    std::printf("  %-52s %9.2f %9.2f\n", "start to the first full frame (80x24, all checks)",
                frame.median_ms, frame.min_ms);
    std::printf("  %-52s %9.2f %9.2f\n", "start to the demo's copy being whole (background)",
                copy.median_ms, copy.min_ms);
    std::printf("  goal: the first full frame under 100 ms\n");
    // For scripts/bench-table, which gathers every benchmark's figures into one table.
    std::printf("FIGURE tui.first-frame %.2f ms\n", frame.median_ms);
    return 0;
}
