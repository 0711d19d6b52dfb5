// Benchmark (not a timed test): verbs through the emulated codec, bare and through the logging
// backend, and what one `hda gpio --set` costs as its on-disk experiment log grows (each entry
// rewrites the log atomically, so the cost grows with the log).
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "file_text.hpp"
#include "hda/codec_operations.hpp"
#include "hda/codec_parser.hpp"
#include "hda/emulated_codec.hpp"
#include "hda/experiment_log.hpp"

using namespace sndoctor;
using Clock = std::chrono::steady_clock;

namespace {

using sndoctor::testing::read_file;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// A mix of what the commands send: parameter reads, config default, GPIO and EAPD get/set.
const std::vector<hda::Verb> k_mix = {
    {0x00, 0xf00, 0x04},   {0x01, 0xf00, 0x11},   {0x14, 0xf1c, 0}, {0x14, 0x71c, 0x10},
    {0x01, 0xf16, 0},      {0x01, 0x716, 0x01},   {0x14, 0xf0c, 0}, {0x14, 0x70c, 0x02},
    {0x0c, 0xb00, 0xa000}, {0x0c, 0x300, 0xb01f},
};

double verbs_per_second(hda::Backend& backend, int count) {
    auto start = Clock::now();
    std::uint32_t sink = 0;
    for (int i = 0; i < count; ++i)
        sink ^= backend.execute(k_mix[static_cast<std::size_t>(i) % k_mix.size()]);
    double elapsed = seconds_since(start);
    if (sink == 0xdeadbeef)
        std::printf(" ");  // keeps the loop from being optimised away
    return count / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 64;
    }
    std::filesystem::path dump = std::filesystem::path(argv[1]) / "alc272-dell-latitude-2110";
    auto codecs = hda::parse_codec_dump(read_file(dump), dump.string());
    if (codecs.empty()) {
        std::fprintf(stderr, "%s: no codec\n", dump.c_str());
        return 1;
    }
    const hda::Codec& model = codecs.front();

    hda::EmulatedCodec bare(model, dump.string());
    std::printf("emulated codec:           %10.0f verbs/s\n", verbs_per_second(bare, 2000000));

    hda::EmulatedCodec logged_codec(model, dump.string());
    hda::ExperimentLog memory_log;
    hda::LoggingBackend logged(logged_codec, memory_log, [] { return std::int64_t{0}; });
    std::printf("with an in-memory log:    %10.0f verbs/s\n", verbs_per_second(logged, 500000));

    char pattern[] = "/tmp/sndoctor-bench-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) {
        std::perror("mkdtemp");
        return 1;
    }
    std::string dir = pattern;
    auto disk = open_disk(dir, RootSource::dir);
    std::printf("one 'hda gpio --set 0=on' (discover + drive) with the log on disk:\n");
    for (std::size_t earlier : {std::size_t{0}, std::size_t{1000}, std::size_t{10000}}) {
        // A log that earlier commands left behind, then the command itself.
        std::string text;
        for (std::size_t i = 0; i < earlier; ++i)
            text += hda::to_json_line({.time = 0, .verb = {0x01, 0xf16, 0}, .response = 0}) + "\n";
        std::filesystem::create_directories(dir + "/sndoctor/hda");
        std::ofstream(dir + "/sndoctor/hda/bench.jsonl", std::ios::trunc) << text;
        auto start = Clock::now();
        hda::ExperimentLog file_log(*disk, "/sndoctor/hda/bench.jsonl");
        hda::EmulatedCodec codec(model, dump.string());
        hda::LoggingBackend backend(codec, file_log, [] { return std::int64_t{0}; });
        hda::CodecNodes nodes = hda::discover_nodes(backend);
        hda::drive_gpio_line(backend, nodes.audio_group().value_or(1), 0, hda::Level::high);
        double ms = seconds_since(start) * 1000;
        std::printf("  after %5zu entries (%6.0f KiB): %8.2f ms for %zu verbs\n", earlier,
                    static_cast<double>(text.size()) / 1024, ms,
                    file_log.entries().size() - earlier);
    }
    std::filesystem::remove_all(dir);
    return 0;
}
