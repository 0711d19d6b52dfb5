#pragma once

#include <string>
#include <vector>

#include "cli/options.hpp"

namespace sndoctor::cli {

/// A report of the root the options name, with what the collector could not read.
struct ReportOutput {
    std::string content;                ///< alsa-info text or JSON, as options.format says
    std::vector<std::string> problems;  ///< "path:line: reason", one each
};

/// Runs the checks on the root the options name (never the demo fallback) and writes their
/// report (`sndoctor report`, and the assistant's export key).
ReportOutput make_report(const Options& options);

/// Writes the report to FILE atomically (a temporary file beside it, then a rename), so that
/// an interrupted run never leaves half a report where a whole one was.
void write_report_file(const std::string& file, const std::string& content);

}  // namespace sndoctor::cli
