#include "report/alsa_info_reader.hpp"

#include <algorithm>
#include <optional>

#include "core/text.hpp"

namespace sndoctor::report {

namespace {

/// A line of the report once the transport's mangling is undone, with the line of the original
/// text where it starts (a quoted-printable soft break joins several).
struct Line {
    std::string text;
    int number = 0;
};

constexpr std::string_view k_banner = "!!ALSA Information Script";
constexpr std::string_view k_version_prefix = "!!ALSA Information Script v";
constexpr std::string_view k_upload_prefix = "upload=true&script=true";
/// The pastebin variant of the first line (alsa-info.md 1.2).
constexpr std::string_view k_pastebin_marker = "&s=Submit+Post&content=";
constexpr std::string_view k_script_ran_on = "Script ran on:";

/// Every "=" of the original becomes "=3D" in quoted-printable; a report always has some
/// ("upload=true", amixer's "numid=1,iface=MIXER"), a plain one never has "=3D".
bool is_quoted_printable(std::string_view text) {
    return text.find("=3D") != std::string::npos;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/// Decodes =XX escapes; anything else after "=" stays as it is.
std::string decode_escapes(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '=' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
            hex_digit(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

bool is_blank(std::string_view text) {
    return trim(text).empty();
}

/// Pasted through a web page or an editor, header and marker lines gain trailing blanks.
std::string_view trim_end(std::string_view text) {
    auto end = text.find_last_not_of(" \t");
    return end == std::string_view::npos ? std::string_view() : text.substr(0, end + 1);
}

/// The leading "> " quoting of a line: its length and how many '>' it holds.
struct Quote {
    std::size_t length = 0;
    int depth = 0;
};

Quote quote_of(std::string_view line) {
    Quote quote;
    std::size_t i = 0;
    while (i < line.size() && (line[i] == '>' || line[i] == ' ')) {
        if (line[i] == '>') {
            ++quote.depth;
            quote.length = i + 1;
            if (i + 1 < line.size() && line[i + 1] == ' ')
                quote.length = i + 2;
        }
        ++i;
    }
    return quote;
}

/// Lines with CR dropped; in quoted-printable text, soft breaks joined (the continuation's own
/// quoting dropped: mail clients quote the lines they were given) and escapes decoded.
std::vector<Line> transport_lines(std::string_view text) {
    std::vector<Line> lines;
    auto raw = split_lines(text);
    if (!is_quoted_printable(text)) {
        for (const auto& line : raw)
            lines.push_back({std::string(line.text), line.number});
        return lines;
    }
    for (std::size_t i = 0; i < raw.size(); ++i) {
        std::string joined(raw[i].text);
        int number = raw[i].number;
        Quote quote = quote_of(joined);
        while (!joined.empty() && joined.back() == '=' && i + 1 < raw.size()) {
            joined.pop_back();
            std::string_view next = raw[++i].text;
            if (quote.depth > 0 && quote_of(next).depth == quote.depth)
                next.remove_prefix(quote_of(next).length);
            joined += next;
        }
        lines.push_back({decode_escapes(joined), number});
    }
    return lines;
}

/// The line without `depth` levels of "> " quoting; nullopt when it is not quoted that deep and
/// not blank (a quoted report ends there). Deeper quoting stays part of the line.
std::optional<std::string_view> unquoted(std::string_view line, int depth) {
    std::size_t i = 0;
    for (int level = 0; level < depth; ++level) {
        while (i < line.size() && line[i] == ' ')
            ++i;
        if (i == line.size() || line[i] != '>')
            return is_blank(line) ? std::optional<std::string_view>("") : std::nullopt;
        ++i;
        if (i < line.size() && line[i] == ' ')
            ++i;
    }
    return line.substr(i);
}

/// The HTTP form prefix alsa-info.sh puts on line 1 (upload or pastebin).
bool is_first_line(std::string_view text) {
    return text.starts_with(k_upload_prefix) ||
           text.find(k_pastebin_marker) != std::string_view::npos;
}

bool is_start_line(std::string_view text) {
    std::string_view unquoted = text.substr(quote_of(text).length);
    return unquoted.find(k_banner) != std::string_view::npos || is_first_line(unquoted);
}

/// "!!----": the rule under a section header.
bool is_rule(std::string_view text) {
    text = trim_end(text);
    return text.size() > 2 && text.starts_with("!!") &&
           text.find_first_not_of('-', 2) == std::string_view::npos;
}

/// "!!####": the banner around the version line.
bool is_banner_rule(std::string_view text) {
    text = trim_end(text);
    return text.size() > 2 && text.starts_with("!!") &&
           text.find_first_not_of('#', 2) == std::string_view::npos;
}

/// A line that closes a paste around the report: a Markdown fence, the end of a <details>
/// block, a mail signature.
bool closes_paste(std::string_view text) {
    return text.starts_with("```") || trim(text) == "</details>" || text == "-- ";
}

/// A section being read: its lines until it is closed.
struct OpenSection {
    Section section;
    std::vector<std::string> lines;
    std::vector<std::vector<std::string>> subsection_lines;
};

std::string joined_body(const std::vector<std::string>& lines) {
    std::size_t first = 0;
    std::size_t last = lines.size();
    while (first < last && is_blank(lines[first]))
        ++first;
    while (last > first && is_blank(lines[last - 1]))
        --last;
    std::string body;
    for (std::size_t i = first; i < last; ++i)
        body += lines[i] + "\n";
    return body;
}

class Parser {
  public:
    explicit Parser(std::string path) : m_path(std::move(path)) {}

    Report parse(const std::vector<Line>& lines, std::size_t start) {
        int depth = quote_of(lines[start].text).depth;
        for (std::size_t i = start; i < lines.size(); ++i) {
            auto text = unquoted(lines[i].text, depth);
            if (!text || closes_paste(*text))
                break;  // the quoted report ends where the reply goes on, or the paste closes
            if (i == start && is_first_line(*text))
                continue;
            std::optional<std::string_view> next;
            if (i + 1 < lines.size())
                next = unquoted(lines[i + 1].text, depth);
            if (take(*text, next, lines[i].number))
                ++i;  // the header's rule
        }
        close_section(true);
        if (m_report.sections.empty())
            m_report.problems.push_back(
                {m_path, lines[start].number, "the report has its header but no section after it"});
        return std::move(m_report);
    }

  private:
    /// Takes one line; true when it also used the next one (a header's rule).
    bool take(std::string_view text, std::optional<std::string_view> next, int number) {
        if (text.starts_with("!!") || text.starts_with("--"))
            text = trim_end(text);
        if (text.starts_with(k_version_prefix)) {
            m_report.script_version = std::string(trim(text.substr(k_version_prefix.size())));
            return false;
        }
        if (is_banner_rule(text) || is_rule(text))
            return false;
        if (text == "--startcollapse--") {
            m_collapse_open = number;
            return false;
        }
        if (text == "--endcollapse--") {
            m_collapse_open = 0;
            return false;
        }
        if (!text.starts_with("!!")) {
            append(text);
            return false;
        }
        std::string_view title = text.substr(2);
        bool ruled = next && is_rule(*next);
        if (ruled || !next || title.starts_with(k_script_ran_on) || !m_open) {
            open_section(title, number);
            if (!next)
                m_report.problems.push_back(
                    {m_path, number,
                     "the report is cut off after the header of \"" + std::string(title) + "\""});
            return ruled;
        }
        m_open->section.subsections.push_back({std::string(title), "", {}, number});
        m_open->subsection_lines.emplace_back();
        return false;
    }

    void open_section(std::string_view title, int number) {
        close_section(false);
        m_open.emplace();
        m_open->section.line = number;
        if (title.starts_with(k_script_ran_on)) {
            // The date is on the header line itself; it is the section's text.
            m_open->section.title =
                std::string(k_script_ran_on.substr(0, k_script_ran_on.size() - 1));
            m_open->lines.push_back(std::string(trim(title.substr(k_script_ran_on.size()))));
        } else {
            m_open->section.title = std::string(title);
        }
    }

    void append(std::string_view text) {
        if (!m_open)
            return;  // between the banner and the first section: nothing alsa-info prints
        if (m_open->subsection_lines.empty())
            m_open->lines.emplace_back(text);
        else
            m_open->subsection_lines.back().emplace_back(text);
    }

    void close_section(bool at_end) {
        if (!m_open)
            return;
        if (m_collapse_open != 0)
            m_report.problems.push_back({m_path, m_collapse_open,
                                         "the section \"" + m_open->section.title +
                                             "\" is cut off" +
                                             (at_end ? " at the end of the report" : "") +
                                             " (its --startcollapse-- has no --endcollapse--)"});
        m_collapse_open = 0;
        m_open->section.text = joined_body(m_open->lines);
        for (std::size_t i = 0; i < m_open->subsection_lines.size(); ++i)
            m_open->section.subsections[i].text = joined_body(m_open->subsection_lines[i]);
        m_report.sections.push_back(std::move(m_open->section));
        m_open.reset();
    }

    std::string m_path;
    Report m_report;
    std::optional<OpenSection> m_open;
    int m_collapse_open = 0;  ///< the line of an unclosed --startcollapse--, 0 when none
};

}  // namespace

Report read_alsa_info(std::string_view text, const std::string& path) {
    auto lines = transport_lines(text);
    auto start = std::find_if(lines.begin(), lines.end(),
                              [](const Line& line) { return is_start_line(line.text); });
    if (start == lines.end())
        throw InputError(path,
                         "not an alsa-info report: it has no \"!!ALSA Information Script\" header "
                         "and no \"upload=true&script=true\" line");
    return Parser(path).parse(lines, static_cast<std::size_t>(start - lines.begin()));
}

}  // namespace sndoctor::report
