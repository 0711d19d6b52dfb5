#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/root.hpp"
#include "report/report.hpp"

/// The "Packages installed" section: what alsa-info gets from `dpkg -l` / `rpmquery -a` filtered
/// by its regular expression, read from the root's package databases (dpkg, pacman, portage).
/// rpm's database is a Berkeley DB / SQLite file that only librpm reads: it is not read.
namespace sndoctor::report {

struct InstalledPackage {
    std::string name;  ///< "alsa-utils"; portage: "media-sound/alsa-utils"
    std::string version;
    std::string architecture;
    std::string description;  ///< the first line
};

/// True for the packages the section lists: alsa-info's
/// `(alsa-(lib|oss|plugins|tools|ucm|(topology|ucm)-conf|utils|sof-firmware)|libalsa|tinycompress|sof-firmware)`
/// and what it misses (Debian's libasound2 and firmware-sof-signed, linux-firmware, PipeWire,
/// WirePlumber).
bool is_sound_package(std::string_view name);

/// The installed packages of a dpkg status file (Status "... installed"). A paragraph that is
/// no "Field: value" text is a problem naming the file and line, and is skipped.
std::vector<InstalledPackage> parse_dpkg_status(std::string_view text, const std::string& path,
                                                std::vector<ParseProblem>& problems);

/// One pacman local/<pkg>/desc file (%NAME%, %VERSION%, %ARCH%, %DESC%).
std::optional<InstalledPackage> parse_pacman_desc(std::string_view text);

/// The rows, in `dpkg -l` layout: "ii  name  version  arch  description".
std::string package_rows(const std::vector<InstalledPackage>& packages);

/// The section from the root's databases; nullopt when the root has none sndoctor reads.
std::optional<Section> packages_section(const Root& root, std::vector<ParseProblem>& problems);

}  // namespace sndoctor::report
