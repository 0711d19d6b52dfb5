#include "facts/alsa_state.hpp"

#include <alsa/asoundlib.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "core/alsa_messages.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"

namespace sndoctor {

namespace {

/// alsactl writes a few levels ("state.PCH { control.1 { comment { dbvalue.0 ..."); alsa-lib's
/// parser recurses once per level, so a crafted file nested thousands deep would exhaust the
/// stack. Far above anything alsactl writes.
constexpr int k_max_nesting = 64;

ParseProblem problem_at(const std::string& path, int line, std::string reason) {
    return ParseProblem{path, line, std::move(reason)};
}

/// What a look at the text before parsing found.
struct LexicalScan {
    /// Set when the text must not reach alsa-lib at all.
    std::optional<ParseProblem> refusal;
    /// The text ends inside a block or a quoted string: it was cut short. (alsa-lib's own
    /// message then is a vague "Unexpected char" wherever it stopped reading.)
    bool ends_open = false;
};

/// Refuses, before alsa-lib sees the text, what a state file never holds and the parser must
/// not be given: a `<file>` include (alsa-lib would open that file on this machine, outside the
/// root) and nesting deep enough to exhaust the stack. It follows the parser's lexical rules:
/// quoted strings ('…' or "…", with backslash escapes) and # comments are passed over; a chain
/// of dotted ids ("a.b.c") nests as deep as braces do.
LexicalScan scan_before_parsing(const std::string& path, std::string_view text) {
    enum class Last { none, word, gap_after_word, dot };
    Last last = Last::none;
    int line = 1;
    int depth = 0;
    int chain = 0;
    char quote = 0;
    auto too_deep = [&] {
        return LexicalScan{problem_at(path, line,
                                      "nested deeper than " + std::to_string(k_max_nesting) +
                                          " levels, which alsactl never writes")};
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\n')
            ++line;
        if (quote != 0) {
            if (c == '\\' && i + 1 < text.size()) {
                if (text[++i] == '\n')
                    ++line;
            } else if (c == quote) {
                quote = 0;
                last = Last::word;
            }
            continue;
        }
        switch (c) {
            case '#':
                while (i + 1 < text.size() && text[i + 1] != '\n')
                    ++i;
                break;
            case '<':
                return LexicalScan{problem_at(path, line,
                                              "holds an include (<...>), which state files "
                                              "never do; sndoctor does not follow it")};
            case '{':
            case '[':
                if (++depth + chain > k_max_nesting)
                    return too_deep();
                chain = 0;
                last = Last::none;
                break;
            case '}':
            case ']':
                depth = depth > 0 ? depth - 1 : 0;
                chain = 0;
                last = Last::none;
                break;
            case '.':
                if (last == Last::word || last == Last::gap_after_word)
                    if (depth + ++chain > k_max_nesting)
                        return too_deep();
                last = Last::dot;
                break;
            case '=':
            case ',':
            case ';':
                chain = 0;
                last = Last::none;
                break;
            case ' ':
            case '\t':
            case '\n':
            case '\r':
            case '\f':
                if (last == Last::word)
                    last = Last::gap_after_word;
                break;
            case '\'':
            case '"':
                quote = c;
                if (last != Last::dot)
                    chain = 0;
                break;
            default:
                if (last != Last::word && last != Last::dot)
                    chain = 0;
                last = Last::word;
                break;
        }
    }
    return LexicalScan{std::nullopt, depth > 0 || quote != 0};
}

/// Turns the parser's messages ("_toplevel_:12:5:Unexpected char", sometimes after a message
/// without a position) into a problem at that line of the file.
ParseProblem parser_problem(const std::string& path, std::string_view text,
                            const std::vector<std::string>& messages, int error,
                            const LexicalScan& scan) {
    std::string reason;
    int line = 0;
    int column = 0;
    for (const auto& message : messages) {
        std::string_view rest = message;
        // name:line:column:message; the name is "_toplevel_" or empty for a buffer.
        auto first = rest.find(':');
        auto second = first == std::string_view::npos ? first : rest.find(':', first + 1);
        auto third = second == std::string_view::npos ? second : rest.find(':', second + 1);
        auto at_line = third == std::string_view::npos
                           ? std::nullopt
                           : parse_int(rest.substr(first + 1, second - first - 1));
        auto at_column =
            at_line ? parse_int(rest.substr(second + 1, third - second - 1)) : std::nullopt;
        if (at_line && at_column) {
            line = static_cast<int>(*at_line);
            column = static_cast<int>(*at_column);
            rest = rest.substr(third + 1);
        }
        reason += (reason.empty() ? "" : "; ") + std::string(trim(rest));
    }
    if (reason.empty())
        reason = snd_strerror(error);
    auto lines = split_lines(text);
    int last_line = lines.empty() ? 0 : lines.back().number;
    if (scan.ends_open)
        return problem_at(
            path, last_line,
            "it ends inside an open block or string (alsa-lib: " + reason + "); is it cut short?");
    if (line > last_line)
        return problem_at(path, last_line,
                          "alsa-lib cannot parse it (noticed at the end of the file): " + reason);
    if (line > 0)
        return problem_at(path, line,
                          "alsa-lib cannot parse line " + std::to_string(line) + ", column " +
                              std::to_string(column) + ": " + reason);
    return problem_at(path, 0, "alsa-lib cannot parse it: " + reason);
}

struct ConfigDeleter {
    void operator()(snd_config_t* config) const { snd_config_delete(config); }
};
using ConfigPtr = std::unique_ptr<snd_config_t, ConfigDeleter>;

std::string text_of(const snd_config_t* node) {
    char* ascii = nullptr;
    if (snd_config_get_ascii(node, &ascii) < 0 || ascii == nullptr)
        return {};
    std::string text = ascii;
    std::free(ascii);
    return text;
}

const snd_config_t* child(const snd_config_t* node, const char* key) {
    snd_config_t* found = nullptr;
    // snd_config_search takes a non-const node but only reads it.
    if (snd_config_search(const_cast<snd_config_t*>(node), key, &found) < 0)
        return nullptr;
    return found;
}

std::string string_at(const snd_config_t* node, const char* key) {
    const snd_config_t* found = child(node, key);
    return found != nullptr && snd_config_get_type(found) != SND_CONFIG_TYPE_COMPOUND
               ? text_of(found)
               : std::string();
}

template <class Visit>
void for_each_child(const snd_config_t* node, Visit visit) {
    if (node == nullptr || snd_config_get_type(node) != SND_CONFIG_TYPE_COMPOUND)
        return;
    auto* compound = const_cast<snd_config_t*>(node);
    snd_config_iterator_t it;
    snd_config_iterator_t next;
    snd_config_for_each(it, next, compound) {
        visit(snd_config_iterator_entry(it));
    }
}

/// "0 - 87" or "0 - 31 (step 1)" → {0, 87}; "-60 - 0" → {-60, 0}.
void parse_range(std::string_view range, StateControl& control) {
    auto dash = range.find(" - ");
    if (dash == std::string_view::npos)
        return;
    std::string_view upper = range.substr(dash + 3);
    upper = upper.substr(0, upper.find(' '));
    auto min = parse_int(range.substr(0, dash));
    auto max = parse_int(upper);
    if (min && max) {
        control.min = min;
        control.max = max;
    }
}

StateControl control_of(const snd_config_t* node) {
    StateControl control;
    control.iface = string_at(node, "iface");
    control.name = string_at(node, "name");
    if (auto index = parse_int(string_at(node, "index")))
        control.index = static_cast<int>(*index);
    // "value true" for one channel; "value.0 0 value.1 0" (a compound) for several.
    if (const snd_config_t* value = child(node, "value")) {
        if (snd_config_get_type(value) == SND_CONFIG_TYPE_COMPOUND)
            for_each_child(value, [&](const snd_config_t* channel) {
                if (snd_config_get_type(channel) != SND_CONFIG_TYPE_COMPOUND)
                    control.values.push_back(text_of(channel));
            });
        else
            control.values.push_back(text_of(value));
    }
    if (const snd_config_t* comment = child(node, "comment")) {
        control.type = string_at(comment, "type");
        parse_range(string_at(comment, "range"), control);
    }
    return control;
}

/// The first line at or after `from` that contains `needle` (the parser keeps no positions, so
/// evidence lines are found in the text); 0 when there is none.
int line_containing(const std::vector<NumberedLine>& lines, std::string_view needle, int from) {
    if (needle.empty())
        return 0;
    // split_lines numbers lines 1, 2, ... in order, so line N sits at index N - 1.
    for (std::size_t i = from > 1 ? static_cast<std::size_t>(from - 1) : 0; i < lines.size(); ++i)
        if (lines[i].text.find(needle) != std::string_view::npos)
            return lines[i].number;
    return 0;
}

/// The line of "state.<id>" where the id is followed by no further id character, so that
/// "state.PCH" does not find "state.PCH2".
int card_line(const std::vector<NumberedLine>& lines, const std::string& id) {
    std::string needle = "state." + id;
    for (const auto& line : lines) {
        auto at = line.text.find(needle);
        if (at == std::string_view::npos)
            continue;
        auto end = at + needle.size();
        if (end == line.text.size() || line.text.find_first_of(" \t{.=", end) == end)
            return line.number;
    }
    return 0;
}

}  // namespace

StateFile StateFile::parse(std::string path, std::string_view text) {
    StateFile file;
    file.path = std::move(path);
    if (looks_binary(text)) {
        file.problem = problem_at(file.path, 0, "holds binary data, not a state file");
        return file;
    }
    LexicalScan scan = scan_before_parsing(file.path, text);
    if (scan.refusal) {
        file.problem = std::move(scan.refusal);
        return file;
    }

    snd_input_t* input = nullptr;
    snd_config_t* raw_top = nullptr;
    int error = snd_config_top(&raw_top);
    ConfigPtr top(raw_top);
    if (error >= 0)
        error = snd_input_buffer_open(&input, text.data(), static_cast<ssize_t>(text.size()));
    std::vector<std::string> messages;
    if (error >= 0) {
        AlsaMessageCapture capture;
        error = snd_config_load(top.get(), input);
        messages = capture.messages();
        snd_input_close(input);
    }
    if (error < 0) {
        file.problem = parser_problem(file.path, text, messages, error, scan);
        return file;
    }

    auto lines = split_lines(text);
    for_each_child(child(top.get(), "state"), [&](const snd_config_t* card_node) {
        const char* id = nullptr;
        if (snd_config_get_id(card_node, &id) < 0 || id == nullptr)
            return;
        StateCard card;
        card.id = id;
        card.line = card_line(lines, card.id);
        int cursor = card.line;
        for_each_child(child(card_node, "control"), [&](const snd_config_t* control_node) {
            if (snd_config_get_type(control_node) != SND_CONFIG_TYPE_COMPOUND)
                return;
            StateControl control = control_of(control_node);
            control.line = line_containing(lines, control.name, cursor);
            if (control.line > 0)
                cursor = control.line + 1;
            card.controls.push_back(std::move(control));
        });
        file.cards.push_back(std::move(card));
    });
    return file;
}

AlsaState AlsaState::load(Facts& facts) {
    AlsaState state;
    if (auto text = facts.root().read(k_path))
        state.current = StateFile::parse(k_path, *text);
    if (auto text = facts.root().read(k_legacy_path))
        state.legacy = StateFile::parse(k_legacy_path, *text);
    return state;
}

}  // namespace sndoctor
