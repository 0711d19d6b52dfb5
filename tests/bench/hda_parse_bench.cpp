// Benchmark (not a timed test): the codec dump parser over the whole corpus of real dumps
// (../shared/corpus/hda-emu, 394 files, about 10 MB), in memory and with reading the files.
// The goal is the whole corpus in under 0.5 s.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "file_text.hpp"
#include "hda/codec_parser.hpp"
#include "timing.hpp"

using namespace sndoctor;
using Clock = std::chrono::steady_clock;

namespace {

using sndoctor::testing::read_file;

struct Totals {
    std::size_t codecs = 0;
    std::size_t nodes = 0;
};

Totals parse_all(const std::vector<std::pair<std::string, std::string>>& files) {
    Totals totals;
    for (const auto& [name, text] : files)
        for (const auto& codec : hda::parse_codec_dump(text, name)) {
            ++totals.codecs;
            totals.nodes += codec.widgets.size();
        }
    return totals;
}

template <class Work>
double median_ms(int runs, Work work) {
    return sndoctor::bench::measure(runs, work).median_ms;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench-hda-parse CORPUS_DIR (../shared/corpus/hda-emu)\n");
        return 64;
    }
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::directory_iterator(argv[1]))
        if (entry.is_regular_file())
            paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    if (paths.empty()) {
        std::fprintf(stderr, "bench-hda-parse: no files in %s\n", argv[1]);
        return 66;
    }
    std::vector<std::pair<std::string, std::string>> files;
    std::size_t bytes = 0;
    for (const auto& path : paths) {
        files.emplace_back(path.filename().string(), read_file(path));
        bytes += files.back().second.size();
    }

    Totals totals;
    double in_memory = median_ms(20, [&] { totals = parse_all(files); });
    double with_reading = median_ms(10, [&] {
        std::vector<std::pair<std::string, std::string>> fresh;
        for (const auto& path : paths)
            fresh.emplace_back(path.filename().string(), read_file(path));
        parse_all(fresh);
    });
    double megabytes = static_cast<double>(bytes) / 1e6;
    std::printf("codec dump parser over %s: %zu files, %.2f MB, %zu codecs, %zu nodes\n", argv[1],
                files.size(), megabytes, totals.codecs, totals.nodes);
    std::printf("  %-40s %9s %9s\n", "what", "median ms", "MB/s");
    std::printf("  %-40s %9.2f %9.1f\n", "parse, text in memory", in_memory,
                megabytes / (in_memory / 1000));
    std::printf("  %-40s %9.2f %9.1f\n", "read the files and parse", with_reading,
                megabytes / (with_reading / 1000));
    std::printf("  goal: the whole corpus in under 500 ms; %s\n",
                with_reading < 500 ? "met" : "NOT met");
    // For scripts/bench-table, which gathers every benchmark's figures into one table.
    std::printf("FIGURE parse.in-memory %.1f MB/s\n", megabytes / (in_memory / 1000));
    std::printf("FIGURE parse.with-reading %.1f MB/s\n", megabytes / (with_reading / 1000));
    return 0;
}
