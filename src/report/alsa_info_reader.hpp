#pragma once

#include <string>
#include <string_view>

#include "report/report.hpp"

namespace sndoctor::report {

/// Reads anyone's alsa-info report into sections: every script version seen in the wild (0.4.x,
/// 0.5.x; the `upload=true&script=true&cardinfo=` or pastebin first line or none), also as it
/// arrives after a trip through mail or an issue tracker: CRLF line ends, quoted with "> " (any
/// depth), quoted-printable (=3D, soft line breaks), with text before and after it, without the
/// --startcollapse--/--endcollapse-- markers. Where the report ends early, the last section is
/// kept as far as it goes and a problem says it was cut off.
///
/// The report starts at its `!!ALSA Information Script` banner (or the upload line before it);
/// it ends at the end of the text, at a line that is not quoted when the report was, or at a
/// line that closes a paste (a ``` fence, `</details>`, a mail signature's "-- "). Line numbers
/// in sections and problems are those of `text`. Throws InputError naming `path` when the text
/// has no alsa-info header at all.
Report read_alsa_info(std::string_view text, const std::string& path);

}  // namespace sndoctor::report
