#include "tui/text_layout.hpp"

#include <cwchar>

namespace sndoctor::ui {

std::u32string decode_utf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        auto byte = static_cast<unsigned char>(text[i]);
        int length = byte < 0x80           ? 1
                     : (byte >> 5) == 0x6  ? 2
                     : (byte >> 4) == 0xe  ? 3
                     : (byte >> 3) == 0x1e ? 4
                                           : 0;
        char32_t ch = length == 1   ? byte
                      : length == 2 ? byte & 0x1f
                      : length == 3 ? byte & 0x0f
                                    : byte & 0x07;
        bool valid = length > 0 && i + length <= text.size();
        for (int k = 1; valid && k < length; ++k) {
            auto next = static_cast<unsigned char>(text[i + k]);
            valid = (next & 0xc0) == 0x80;
            ch = (ch << 6) | (next & 0x3f);
        }
        if (!valid) {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        out.push_back(ch);
        i += length;
    }
    return out;
}

std::string encode_utf8(char32_t ch) {
    std::string out;
    if (ch < 0x80) {
        out += static_cast<char>(ch);
    } else if (ch < 0x800) {
        out += static_cast<char>(0xc0 | (ch >> 6));
        out += static_cast<char>(0x80 | (ch & 0x3f));
    } else if (ch < 0x10000) {
        out += static_cast<char>(0xe0 | (ch >> 12));
        out += static_cast<char>(0x80 | ((ch >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (ch & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (ch >> 18));
        out += static_cast<char>(0x80 | ((ch >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((ch >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (ch & 0x3f));
    }
    return out;
}

int char_width(char32_t ch) {
    if (ch < 0x80)
        return 1;  // control characters are drawn as one replacement cell
    int width = ::wcwidth(static_cast<wchar_t>(ch));
    return width < 0 ? 1 : width;
}

int display_width(std::string_view text) {
    int width = 0;
    for (char32_t ch : decode_utf8(text))
        width += char_width(ch);
    return width;
}

namespace {

/// One paragraph (no '\n') broken at blanks.
void wrap_paragraph(const std::u32string& text, int width, std::vector<std::string>& out) {
    std::u32string line;
    int line_width = 0;
    std::size_t i = 0;
    auto flush = [&] {
        while (!line.empty() && line.back() == U' ')
            line.pop_back();
        std::string encoded;
        for (char32_t ch : line)
            encoded += encode_utf8(ch);
        out.push_back(std::move(encoded));
        line.clear();
        line_width = 0;
    };
    while (i < text.size()) {
        std::size_t end = text.find(U' ', i);
        if (end == std::u32string::npos)
            end = text.size();
        std::u32string word = text.substr(i, end - i);
        int word_width = 0;
        for (char32_t ch : word)
            word_width += char_width(ch);
        int gap = line.empty() ? 0 : 1;
        if (line_width + gap + word_width > width && !line.empty())
            flush(), gap = 0;
        if (gap)
            line += U' ', ++line_width;
        for (char32_t ch : word) {
            int w = char_width(ch);
            if (line_width + w > width && !line.empty())
                flush();
            line += ch;
            line_width += w;
        }
        i = end + 1;
    }
    flush();
}

}  // namespace

std::vector<std::string> wrap(std::string_view text, int width) {
    std::vector<std::string> out;
    if (width < 1)
        width = 1;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        wrap_paragraph(decode_utf8(text.substr(start, end - start)), width, out);
        start = end + 1;
    }
    return out;
}

std::string fit(std::string_view text, int width) {
    if (display_width(text) <= width)
        return std::string(text);
    std::string out;
    int used = 0;
    for (char32_t ch : decode_utf8(text)) {
        int w = char_width(ch);
        if (used + w > width - 1)
            break;
        out += encode_utf8(ch);
        used += w;
    }
    return width > 0 ? out + "…" : out;
}

}  // namespace sndoctor::ui
