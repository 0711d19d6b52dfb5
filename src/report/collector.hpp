#pragma once

#include <string_view>
#include <vector>

#include "engine/result.hpp"
#include "report/report.hpp"

namespace sndoctor {
class Facts;
}

namespace sndoctor::report {

/// The title of the section sndoctor adds after alsa-info's own: every result that did not pass.
inline constexpr std::string_view k_findings_title = "sndoctor findings";
/// The prefix of the header line that carries the time (alsa-info prints it as a header with
/// no rule and no body).
inline constexpr std::string_view k_script_ran_prefix = "Script ran on: ";

/// Gathers the alsa-info report of the root `facts` reads, in-process: every file is read
/// through the root and names come from the facts (libpci's pci.ids, kmod's modprobe
/// configuration); no program is run. Sections come in alsa-info.sh 0.5.4's order and layout
/// (../shared/knowledge/alsa-info.md 1.2), and a section whose source the root does not have is
/// left out, as alsa-info.sh does. The sections of section_files.hpp are written from exactly
/// the files that table names, so the reader turns them back into the same files. Last comes
/// `!!sndoctor findings` with every result in `results` that did not pass, and its evidence.
///
/// What alsa-info gets from `aplay -l`, `arecord -l`, `amixer` and `alsactl store` comes, on the
/// live system, from alsa-lib in those programs' layout (live_alsa.hpp); any other root gives
/// the output it carries (a report read back) or none. What it gets from `lsusb -v`, `dmesg` and
/// `dpkg -l` sndoctor makes itself: USB Descriptors from sysfs (usb_descriptors.hpp), the dmesg
/// lines from /dev/kmsg on the live system (kernel_log.hpp), the packages from the dpkg, pacman or
/// portage database (installed_packages.hpp); a report read back carries these sections as files of
/// their own (section_files.hpp). A file that cannot be read becomes a problem of the report
/// (naming the file) and its section goes without it.
Report collect_report(Facts& facts, const std::vector<Result>& results);

}  // namespace sndoctor::report
