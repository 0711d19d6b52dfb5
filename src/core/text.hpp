#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sndoctor {

/// One line of a file with its 1-based number, without the line end (LF or CRLF).
struct NumberedLine {
    int number = 0;
    std::string_view text;
};

/// Splits text into numbered lines; a final line without a newline counts, an empty tail does not.
std::vector<NumberedLine> split_lines(std::string_view text);

/// The lines of split_lines one at a time, for files of megabytes (dpkg's status) where a list of
/// every line would cost more than the reading.
class LineCursor {
  public:
    explicit LineCursor(std::string_view text) : m_text(text) {}
    /// Sets `line` to the next line; false when there is none.
    bool next(NumberedLine& line);

  private:
    std::string_view m_text;
    std::size_t m_pos = 0;
    int m_number = 0;
};

std::string_view trim(std::string_view text);

/// Splits on runs of blanks (space, tab).
std::vector<std::string_view> split_words(std::string_view text);

/// Splits a comma-separated value ("a,,b" → "a", "", "b": a module parameter's per-card list
/// keeps its empty slots); an empty text is one empty item.
std::vector<std::string_view> split_commas(std::string_view text);

/// True for data no text file holds: NUL bytes, or mostly control characters.
bool looks_binary(std::string_view data);

/// Parses a whole decimal (or 0x-prefixed hexadecimal) integer; nullopt on anything else.
std::optional<std::int64_t> parse_int(std::string_view text);

/// Module names treat '-' and '_' alike (kmod's rule): "snd-hda-intel" → "snd_hda_intel".
std::string module_name(std::string_view name);

/// "0x14", "0x90170110": a value in hexadecimal with at least `digits` digits.
std::string hex(std::uint64_t value, int digits);

/// A time in UTC as strftime(3) writes it; the default is how summaries show times to readers:
/// "2024-05-14 08:12 UTC".
std::string format_utc(std::int64_t seconds, const char* format = "%Y-%m-%d %H:%M UTC");

/// "1 card", "2 cards": a count with its noun.
std::string plural(std::size_t count, std::string_view one, std::string_view many);

/// The items with `separator` between them: join({"PCH", "HDMI"}, ", ") is "PCH, HDMI".
std::string join(const std::vector<std::string>& items, std::string_view separator);

/// Shortens text for evidence and messages, marking the cut with "…".
std::string clip(std::string_view text, std::size_t max_chars = 200);

}  // namespace sndoctor
