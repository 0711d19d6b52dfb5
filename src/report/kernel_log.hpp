#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/root.hpp"
#include "facts/facts.hpp"
#include "report/report.hpp"

/// The "ALSA/HDA dmesg" section: what alsa-info gets from
/// `dmesg | grep -C1 -E 'ALSA|HDA|HDMI|snd[_-]|sound|audio|hda.codec|hda.intel'`, read from the
/// kernel's log device in-process.
namespace sndoctor::report {

/// True for a line alsa-info's grep keeps, and for the lines of smart amplifiers on HD-Audio
/// (cs35l41-hda, tas2781-hda, ...) that name none of its keywords.
bool is_sound_line(std::string_view line);

/// `grep -C1` over the lines with is_sound_line: every match with the line before and after,
/// and "--" between groups that do not touch.
std::string with_context(const std::vector<std::string>& lines);

/// The section of the live root, from /dev/kmsg (the KernelLog fact the checks read too);
/// nullopt for any other root (its log, if it has one, is the file k_dmesg_path a report
/// carries), or when the log cannot be read (a problem then says why).
std::optional<Section> dmesg_section(Facts& facts, std::vector<ParseProblem>& problems);

}  // namespace sndoctor::report
