#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

/// How the benchmarks time a piece of work: run it several times and keep the median (what a
/// run usually costs) and the minimum (what it costs with nothing in the way).
namespace sndoctor::bench {

struct Figures {
    double median_ms = 0;
    double min_ms = 0;
};

/// The figures of times taken elsewhere (a benchmark that times only part of each run).
inline Figures figures_of(std::vector<double> times_ms) {
    std::sort(times_ms.begin(), times_ms.end());
    return {times_ms[times_ms.size() / 2], times_ms.front()};
}

template <class Work>
Figures measure(int runs, Work work) {
    using Clock = std::chrono::steady_clock;
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        auto start = Clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    return figures_of(std::move(times));
}

}  // namespace sndoctor::bench
