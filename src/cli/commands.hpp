#pragma once

#include "cli/options.hpp"

namespace sndoctor::cli {

/// `sndoctor check`: runs the checks and prints the table or JSON; returns the exit code.
int run_check(const Options& options);

/// `sndoctor explain [ID]`: one check's explanation, or the list of checks.
int run_explain(const Options& options);

}  // namespace sndoctor::cli
