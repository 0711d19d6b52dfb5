#pragma once

#include <memory>
#include <string>

#include "core/root.hpp"
#include "report/report.hpp"

namespace sndoctor::report {

/// A report read back into the files its sections came from.
struct ReportRoot {
    std::unique_ptr<MemoryRoot> root;
    /// The sections; `problems` holds the reader's and those met while building the files.
    Report report;
};

/// Builds the tree of a report (section_files.hpp names the files of each section):
/// - /proc/asound/cards as printed, /proc/asound/card<N>/id from it, /proc/asound/modules from
///   "Loaded ALSA modules" (0.4.x lists names only: they go to the cards in order),
///   /proc/asound/version from "Driver version", /usr/include/alsa/version.h from "Library
///   version";
/// - /proc/sys/kernel/osrelease from "Kernel release" (0.5.x prints `uname -v` there: that goes
///   to /proc/sys/kernel/version and the release comes from "Driver version: k<release>");
/// - /proc/asound/card<N>/codec#<M>: see assign_codecs in report_root.cpp for which card a codec
///   goes to;
/// - /etc/modprobe.d/alsa-info-report.conf, /sys/module/<mod>/parameters/*, /proc/modules,
///   /sys/class/sound/hwC<N>D<M>/*, and the command outputs under /run/sndoctor/report.
/// A /sys/module/<mod> directory gets an `initstate` ("live") unless "All Loaded Modules" is
/// present and does not list it: without initstate the module would count as built in.
ReportRoot build_report_root(Report report, const std::string& origin);

/// Reads the report file at `path` (capped at k_default_read_cap), parses it and builds its
/// root. Throws InputError naming the file when it cannot be read, is too large, holds binary
/// data or is no alsa-info report.
ReportRoot open_report_root(const std::string& path);

}  // namespace sndoctor::report
