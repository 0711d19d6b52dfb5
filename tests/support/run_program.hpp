#pragma once

#include <map>
#include <string>
#include <vector>

namespace sndoctor::testing {

struct ProgramOutput {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs a program with arguments (no shell), extra environment variables set, and captures its
/// output and exit code.
ProgramOutput run_program(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env = {});

}  // namespace sndoctor::testing
