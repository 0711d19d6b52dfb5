#pragma once

#include <string>
#include <string_view>

#include "engine/result.hpp"

namespace sndoctor::cli {

/// How text may be decorated on this output: colour escapes taken from terminfo, and the status
/// glyphs when the locale is UTF-8. Views take a TextStyle, so tests choose one.
struct TextStyle {
    bool utf8 = false;
    std::string bold;
    std::string reset;
    std::string status_colour[6];  ///< escape per Status, in enum order; empty for none

    /// "✓ pass" / "PASS": the status as the table shows it, coloured when there is colour.
    std::string status_label(Status status) const;
    std::string emphasis(std::string_view text) const;
};

enum class ColourRequest { automatic, never };

/// The style for standard output: colour only on a terminal whose terminfo entry has colours,
/// never with NO_COLOR set, --no-color, or a pipe.
TextStyle style_for_stdout(ColourRequest request);

}  // namespace sndoctor::cli
