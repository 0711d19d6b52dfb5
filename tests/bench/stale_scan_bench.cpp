// Benchmark (not a timed test): the stale-module scan (`sndoctor check --only modules.stale-snd`,
// the whole program) on a generated root of 5 kernels with 6,000 modules each, against the seed's
// way of finding the same thing: `find lib/modules -name 'snd*.ko*'` handing every sound module
// to kmod's `modinfo -F vermagic`, once per file (`-exec ... \;`, what the seed ran) and in
// batches (`-exec ... +`, the best that pipeline can do).
//
// The tree is shaped like a Debian kernel's: 300 sound modules under kernel/sound (about what
// Debian's 6.1 kernels ship) and the rest under kernel/drivers, kernel/fs and kernel/net, a
// modules.order naming them all, a modules.dep written after them and a /boot image per
// release, so every tree is a bootable kernel's and gets read. One copy of snd-hda-intel in the
// running kernel's updates/ was built for an older release: both ways must find it, which is
// all this asserts. The modules are real ELF objects with a .modinfo (tests/support/ko_writer)
// but small: both ways read only their headers and .modinfo, so a module's size changes neither.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "ko_writer.hpp"
#include "run_program.hpp"
#include "temp_dir.hpp"
#include "timing.hpp"

using namespace sndoctor;
namespace fs = std::filesystem;

namespace {

constexpr int k_kernels = 5;
constexpr int k_modules_per_kernel = 6000;
constexpr int k_sound_modules = 300;
const std::string k_running = "6.1.0-26-amd64";
const std::string k_stale_built_for = "6.1.0-21-amd64";
const std::string k_stale_path = "updates/alsa/snd-hda-intel.ko";

std::string release_of(int kernel) {
    static const char* numbers[] = {"21", "22", "23", "25", "26"};
    return "6.1.0-" + std::string(numbers[kernel]) + "-amd64";
}

std::string vermagic(const std::string& release) {
    return "vermagic=" + release + " SMP preempt mod_unload modversions ";
}

/// Writes with open/write: 30,000 files through ofstream would be most of the generation time.
void write_file(const fs::path& path, const std::string& bytes) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || ::write(fd, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size()))
        throw std::runtime_error("cannot write " + path.string());
    ::close(fd);
}

/// The directories modules go in (release-relative), sound first: a spread like a distribution
/// kernel's, so that a walk lists about as many directories as on a real system.
std::vector<std::string> module_dirs(bool sound) {
    std::vector<std::string> dirs;
    if (sound) {
        for (const char* dir :
             {"core", "core/seq", "pci", "pci/hda", "pci/ac97", "usb", "usb/line6", "soc/intel/avs",
              "soc/sof/intel", "soc/codecs", "hda", "drivers", "isa", "firewire", "i2c"})
            dirs.push_back(std::string("kernel/sound/") + dir);
        return dirs;
    }
    for (const char* top : {"kernel/drivers", "kernel/fs", "kernel/net"})
        for (int i = 0; i < 40; ++i)
            dirs.push_back(std::string(top) + "/sub" + std::to_string(i) + "/part" +
                           std::to_string(i % 4));
    return dirs;
}

/// One kernel's tree: 300 sound modules, the rest other drivers, modules.order and modules.dep.
void write_kernel(const fs::path& root, const std::string& release) {
    fs::path tree = root / "lib/modules" / release;
    std::string order;
    auto add = [&](const std::vector<std::string>& dirs, const std::string& stem, int count) {
        for (const auto& dir : dirs)
            fs::create_directories(tree / dir);
        for (int i = 0; i < count; ++i) {
            const std::string& dir = dirs[static_cast<std::size_t>(i) % dirs.size()];
            std::string file = stem + std::to_string(i) + ".ko";
            write_file(tree / dir / file,
                       testing::make_kernel_module({"name=" + file.substr(0, file.size() - 3),
                                                    "license=GPL", vermagic(release)}));
            order += dir + "/" + file + "\n";
        }
    };
    add(module_dirs(true), "snd-mod-", k_sound_modules - 1);
    add(module_dirs(false), "drv-mod-", k_modules_per_kernel - k_sound_modules);
    fs::create_directories(tree / "kernel/sound/pci/hda");
    write_file(tree / "kernel/sound/pci/hda/snd-hda-intel.ko",
               testing::make_kernel_module({"name=snd_hda_intel", vermagic(release)}));
    order += "kernel/sound/pci/hda/snd-hda-intel.ko\n";
    write_file(tree / "modules.order", order);
    // After the modules: depmod ran last, so no "modules.dep is older" finding muddies the result.
    write_file(tree / "modules.dep", "");
    write_file(root / "boot" / ("vmlinuz-" + release), "");
}

/// The generated root: five kernels, the newest running, one stale module in its updates/.
void generate(const fs::path& root) {
    fs::create_directories(root / "boot");
    fs::create_directories(root / "proc/sys/kernel");
    write_file(root / "proc/sys/kernel/osrelease", k_running + "\n");
    write_file(root / "proc/version", "Linux version " + k_running +
                                          " (debian-kernel@lists.debian.org) #1 SMP "
                                          "PREEMPT_DYNAMIC Debian 6.1.112-1 (2024-09-30)\n");
    for (int kernel = 0; kernel < k_kernels; ++kernel)
        write_kernel(root, release_of(kernel));
    fs::path stale = root / "lib/modules" / k_running / k_stale_path;
    fs::create_directories(stale.parent_path());
    write_file(stale,
               testing::make_kernel_module({"name=snd_hda_intel", vermagic(k_stale_built_for)}));
}

void row(const char* what, bench::Figures f, int runs) {
    std::printf("  %-66s %9.1f %9.1f %5d\n", what, f.median_ms, f.min_ms, runs);
}

/// Fails the benchmark (not on a time): the run did not find what it was to measure finding.
int wrong(const char* what, const testing::ProgramOutput& output) {
    std::fprintf(stderr, "bench-stale-scan: %s\nexit %d\nstdout:\n%s\nstderr:\n%s\n", what,
                 output.exit_code, output.out.c_str(), output.err.c_str());
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench-stale-scan SNDOCTOR_BIN\n");
        return 64;
    }
    const std::string bin = argv[1];
    const std::string modinfo =
        ::access("/usr/sbin/modinfo", X_OK) == 0 ? "/usr/sbin/modinfo" : "/sbin/modinfo";
    testing::TempDir temp;
    const fs::path root = temp.path() / "root";
    auto generation = bench::measure(1, [&] { generate(root); });
    std::printf(
        "stale-module scan: %d kernels x %d modules (%d sound modules each), generated in "
        "%.0f ms\n",
        k_kernels, k_modules_per_kernel, k_sound_modules, generation.median_ms);

    const std::vector<std::string> check = {
        bin, "check", "--root", root.string(), "--only", "modules.stale-snd", "--json"};
    const std::string modules = (root / "lib/modules").string();
    const std::vector<std::string> batched = {
        "/usr/bin/find", modules, "-name",    "snd*.ko*", "-exec",
        modinfo,         "-F",    "vermagic", "{}",       "+"};
    const std::vector<std::string> per_file = {
        "/usr/bin/find", modules, "-name",    "snd*.ko*", "-exec",
        modinfo,         "-F",    "vermagic", "{}",       ";"};

    // One run of each first: it proves each found the stale module, and warms the page cache
    // for all (they read the same files).
    auto found = testing::run_program(check);
    if (found.exit_code != 2 || found.out.find("\"status\": \"fail\"") == std::string::npos ||
        found.out.find(k_stale_path) == std::string::npos)
        return wrong("sndoctor did not fail naming the stale module", found);
    for (const auto& seed_argv : {batched, per_file}) {
        auto seed = testing::run_program(seed_argv);
        if (seed.out.find(k_stale_built_for + " SMP") == std::string::npos)
            return wrong("find | modinfo did not print the stale module's vermagic", seed);
    }

    constexpr int k_runs = 10;
    constexpr int k_per_file_runs = 3;  // some 1,500 modinfo processes a run
    auto sndoctor = bench::measure(k_runs, [&] { testing::run_program(check); });
    auto seed_batched = bench::measure(k_runs, [&] { testing::run_program(batched); });
    auto seed_per_file = bench::measure(k_per_file_runs, [&] { testing::run_program(per_file); });

    std::printf("  %-66s %9s %9s %5s\n", "what (whole programs)", "median ms", "min ms", "runs");
    row("sndoctor check --only modules.stale-snd", sndoctor, k_runs);
    row("find -name 'snd*.ko*' -exec modinfo -F vermagic {} + (batched)", seed_batched, k_runs);
    row("find -name 'snd*.ko*' -exec modinfo -F vermagic {} \\; (the seed's)", seed_per_file,
        k_per_file_runs);
    std::printf(
        "  ratio: sndoctor is %.1fx faster than the seed's per-file way, %.1fx than the "
        "batched one\n",
        seed_per_file.median_ms / sndoctor.median_ms, seed_batched.median_ms / sndoctor.median_ms);
    // For scripts/bench-table, which gathers every benchmark's figures into one table.
    std::printf("FIGURE stale.sndoctor %.1f ms\n", sndoctor.median_ms);
    std::printf("FIGURE stale.find-modinfo-batched %.1f ms\n", seed_batched.median_ms);
    std::printf("FIGURE stale.find-modinfo-per-file %.1f ms\n", seed_per_file.median_ms);
    return 0;
}
