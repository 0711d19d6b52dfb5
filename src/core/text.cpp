#include "core/text.hpp"

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace sndoctor {

namespace {

/// The blanks trim() removes: space, and tab through carriage return ("\t\n\v\f\r").
bool is_blank(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

bool is_space_or_tab(char c) {
    return c == ' ' || c == '\t';
}

/// 1 for a control character that text does not hold (newlines, tabs and form feeds it does).
unsigned is_stray_control(unsigned char c) {
    return static_cast<unsigned>(c < 0x20) & static_cast<unsigned>(c != '\n') &
           static_cast<unsigned>(c != '\r') & static_cast<unsigned>(c != '\t') &
           static_cast<unsigned>(c != '\f');
}

}  // namespace

bool LineCursor::next(NumberedLine& line) {
    if (m_pos >= m_text.size())
        return false;
    auto end = m_text.find('\n', m_pos);
    std::string_view text =
        m_text.substr(m_pos, end == std::string_view::npos ? std::string_view::npos : end - m_pos);
    if (!text.empty() && text.back() == '\r')
        text.remove_suffix(1);
    line = {++m_number, text};
    m_pos = end == std::string_view::npos ? m_text.size() : end + 1;
    return true;
}

std::vector<NumberedLine> split_lines(std::string_view text) {
    std::vector<NumberedLine> lines;
    LineCursor cursor(text);
    NumberedLine line;
    while (cursor.next(line))
        lines.push_back(line);
    return lines;
}

// A loop over the ends, not find_first_not_of(): that asks memchr() of the set for every byte,
// some ninety instructions for a line with nothing to trim, and a report trims every line of
// dpkg's status file (tens of thousands).
std::string_view trim(std::string_view text) {
    std::size_t first = 0;
    std::size_t last = text.size();
    while (first < last && is_blank(text[first]))
        ++first;
    while (last > first && is_blank(text[last - 1]))
        --last;
    return text.substr(first, last - first);
}

std::vector<std::string_view> split_commas(std::string_view text) {
    std::vector<std::string_view> items;
    for (std::size_t start = 0;;) {
        auto comma = text.find(',', start);
        items.push_back(
            text.substr(start, comma == std::string_view::npos ? comma : comma - start));
        if (comma == std::string_view::npos)
            return items;
        start = comma + 1;
    }
}

std::vector<std::string_view> split_words(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t pos = 0;
    while (pos < text.size()) {
        while (pos < text.size() && is_space_or_tab(text[pos]))
            ++pos;
        if (pos == text.size())
            break;
        std::size_t end = pos;
        while (end < text.size() && !is_space_or_tab(text[end]))
            ++end;
        words.push_back(text.substr(pos, end - pos));
        pos = end;
    }
    return words;
}

bool looks_binary(std::string_view data) {
    if (data.empty())
        return false;
    if (std::memchr(data.data(), '\0', data.size()) != nullptr)
        return true;
    // Counted in blocks of a fixed size, without branches, which the compiler vectorizes even at
    // -O2 (ten times faster): every kernel configuration (some 300 KiB) and package list a report
    // reads passes through here. A block's count fits in a byte.
    constexpr std::size_t k_block = 128;
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    std::size_t control = 0;
    std::size_t at = 0;
    for (; at + k_block <= data.size(); at += k_block) {
        std::uint8_t in_block = 0;
        for (std::size_t i = 0; i < k_block; ++i)
            in_block = static_cast<std::uint8_t>(in_block + is_stray_control(bytes[at + i]));
        control += in_block;
    }
    for (; at < data.size(); ++at)
        control += is_stray_control(bytes[at]);
    return control * 10 > data.size();
}

std::optional<std::int64_t> parse_int(std::string_view text) {
    text = trim(text);
    bool negative = !text.empty() && text.front() == '-';
    if (negative)
        text.remove_prefix(1);
    int base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text.remove_prefix(2);
    }
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return negative ? -value : value;
}

std::string module_name(std::string_view name) {
    std::string out(name);
    for (char& c : out)
        if (c == '-')
            c = '_';
    return out;
}

std::string clip(std::string_view text, std::size_t max_chars) {
    if (text.size() <= max_chars)
        return std::string(text);
    return std::string(text.substr(0, max_chars)) + "…";
}

std::string hex(std::uint64_t value, int digits) {
    char text[24];
    std::snprintf(text, sizeof text, "0x%0*llx", digits, static_cast<unsigned long long>(value));
    return text;
}

std::string format_utc(std::int64_t seconds, const char* format) {
    std::time_t time = static_cast<std::time_t>(seconds);
    std::tm utc{};
    ::gmtime_r(&time, &utc);
    char text[64];
    std::strftime(text, sizeof text, format, &utc);
    return text;
}

std::string plural(std::size_t count, std::string_view one, std::string_view many) {
    return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "" : std::string(separator)) + items[i];
    return out;
}

}  // namespace sndoctor
