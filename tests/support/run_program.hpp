#pragma once

#include <map>
#include <string>
#include <vector>

namespace sndoctor::testing {

struct ProgramOutput {
    int exit_code = -1;
    std::string out;
    std::string err;
    /// The child's peak resident set in KiB (ru_maxrss from wait4), for the memory benchmark.
    long peak_rss_kb = 0;
};

/// Runs a program with arguments (no shell), extra environment variables set, and captures its
/// output and exit code.
ProgramOutput run_program(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env = {});

}  // namespace sndoctor::testing
