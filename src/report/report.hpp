#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

/// An alsa-info report as sections (../shared/knowledge/alsa-info.md): what `sndoctor report`
/// collects and writes, and what the reader makes of anyone's report before it becomes a root.
namespace sndoctor::report {

/// One `!!Title` section (or a `!!Module: x` / `!!Card: x` / `!!-------Mixer controls for card x`
/// subsection): its title as printed after the `!!`, and its body without the header, the
/// `!!----` rule and the --startcollapse--/--endcollapse-- markers.
struct Section {
    std::string title;
    std::string text;
    std::vector<Section> subsections;
    int line = 0;  ///< the header's line in the source (0 for a collected report)
};

struct Report {
    /// "0.5.4", "0.4.60" from the `!!ALSA Information Script v ...` line; for one sndoctor
    /// wrote, "sndoctor 0.1.0".
    std::string script_version;
    std::vector<Section> sections;  ///< in the order they appear
    /// What the reader could not use (a section cut off, an unknown header); it goes on past it.
    std::vector<ParseProblem> problems;

    /// The first section with this title, or nullptr.
    const Section* find(std::string_view title) const {
        for (const auto& section : sections)
            if (section.title == title)
                return &section;
        return nullptr;
    }
};

}  // namespace sndoctor::report
