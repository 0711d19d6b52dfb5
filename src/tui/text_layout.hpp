#pragma once

#include <string>
#include <string_view>
#include <vector>

/// Measuring and breaking UTF-8 text in terminal columns, for the canvas and the screens.
namespace sndoctor::ui {

/// The code points of UTF-8 text; a malformed byte becomes U+FFFD, so nothing is dropped
/// silently and nothing throws on a stray byte from a file.
std::u32string decode_utf8(std::string_view text);

std::string encode_utf8(char32_t ch);

/// Columns a character takes (wcwidth: 2 for wide CJK, 0 for combining marks); a character the
/// locale does not know counts as 1 so that the layout never loses its place.
int char_width(char32_t ch);

/// Columns the whole text takes.
int display_width(std::string_view text);

/// The text broken into lines of at most `width` columns: at blanks where it can, inside a word
/// only when the word alone is wider; each '\n' starts a new line, an empty line stays.
std::vector<std::string> wrap(std::string_view text, int width);

/// The text cut to `width` columns, its last column "…" when something was cut.
std::string fit(std::string_view text, int width);

}  // namespace sndoctor::ui
