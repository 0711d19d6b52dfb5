#pragma once

#include <string>

#include "report/report.hpp"

namespace sndoctor::report {

/// The report as alsa-info.sh 0.5.4 lays it out (../shared/knowledge/alsa-info.md 1.2): the
/// `!!ALSA Information Script v <version>` banner, then every section as `!!Title`, a `!!----`
/// rule as long as the title, a blank line, the body and two blank lines; subsections
/// (`!!Module: x`, `!!Card: x`, ...) as a bare `!!` line before their body and a blank line; the
/// large blobs (codec dumps, USB, alsactl) between --startcollapse-- and --endcollapse-- as
/// alsa-info puts them. The `upload=true&...` line alsa-info writes first for its upload form is
/// left out: sndoctor never uploads, and readers skip it.
std::string write_alsa_info(const Report& report);

}  // namespace sndoctor::report
