#pragma once

#include <string_view>
#include <vector>

#include "hda/codec.hpp"

namespace sndoctor::hda {

/// Parses every codec in `text`: one /proc/asound/cardN/codec#M file, several of them one after
/// the other, or a whole alsa-info report (its codec section). A codec starts at a `Codec:` line
/// and ends at the next one, at an alsa-info section (`!!...`) or fold marker
/// (`--endcollapse--`), or at the end; text outside codecs is passed over.
///
/// Lines are keyed by their prefix once leading blanks and a CR are stripped, never by their
/// indentation, so every variation of old kernels and hand-pasted dumps (hda.md 1.3) reads the
/// same. A line inside a codec that it does not know, or a value it cannot read, becomes a
/// warning of that codec naming `path` and the line number, and the parse goes on. Never throws
/// on bad text.
std::vector<Codec> parse_codec_dump(std::string_view text, std::string_view path);

}  // namespace sndoctor::hda
