#include "facts/modprobe_config.hpp"

#include <map>
#include <optional>

#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "facts/kmod_context.hpp"

namespace sndoctor {

namespace {

/// kmod's underscores(): '-' becomes '_' except inside a [...] class of a glob alias
/// ("pci:v*d*sv*sd*bc04sc0[1-3]i*" keeps its range). For plain module names this is
/// module_name(); the brackets only matter for alias patterns.
std::string kmod_underscores(std::string_view name) {
    std::string out(name);
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == '-') {
            out[i] = '_';
        } else if (out[i] == '[') {
            auto close = out.find(']', i);
            if (close == std::string::npos)
                break;
            i = close;
        }
    }
    return out;
}

/// Splits a line the way kmod does with strtok_r(line, "\t "): only blanks and tabs separate
/// (a CR left by a DOS line end stays in the word), and the "rest of the line" starts right
/// after the one separator that ended the previous word.
class LineWords {
  public:
    explicit LineWords(std::string_view line) : m_rest(line) {}

    std::optional<std::string_view> next() {
        auto start = m_rest.find_first_not_of(k_separators);
        if (start == std::string_view::npos) {
            m_rest = {};
            return std::nullopt;
        }
        m_rest.remove_prefix(start);
        auto end = m_rest.find_first_of(k_separators);
        std::string_view word = m_rest.substr(0, end);
        m_rest.remove_prefix(end == std::string_view::npos ? m_rest.size() : end + 1);
        return word;
    }

    /// The rest as kmod's strtok_r(NULL, "\0") gives it: everything left, nullopt when empty.
    std::optional<std::string_view> rest() const {
        if (m_rest.empty())
            return std::nullopt;
        return m_rest;
    }

  private:
    static constexpr const char* k_separators = "\t ";
    std::string_view m_rest;
};

/// Evidence text: the logical line without CRs, trimmed and clipped.
std::string evidence_text(std::string_view line) {
    std::string text;
    for (char c : trim(line))
        if (c != '\r')
            text += c;
    return clip(text);
}

std::string_view command_word(ModprobeCommand command) {
    switch (command) {
        case ModprobeCommand::options:
            return "options";
        case ModprobeCommand::alias:
            return "alias";
        case ModprobeCommand::blacklist:
            return "blacklist";
        case ModprobeCommand::install:
            return "install";
        case ModprobeCommand::remove:
            return "remove";
        case ModprobeCommand::softdep:
            return "softdep";
    }
    return "";
}

/// The commands that take a module and then the rest of the line.
constexpr ModprobeCommand k_module_and_rest[] = {ModprobeCommand::options, ModprobeCommand::install,
                                                 ModprobeCommand::remove, ModprobeCommand::softdep};

bool is_config_name(std::string_view name) {
    // conf_files_filter_out(): hidden files never count; ".alias" is kmod's older suffix.
    if (name.empty() || name.front() == '.' || name.size() < 6)
        return false;
    return name.ends_with(".conf") || name.ends_with(".alias");
}

}  // namespace

void ModprobeConfig::add_file_text(const std::string& path, std::string_view text) {
    if (looks_binary(text)) {
        problems.push_back({path, 0, "holds binary data, not modprobe configuration; not read"});
        return;
    }
    bool reported_cr = false;
    int physical = 0;  // physical lines consumed so far
    std::size_t pos = 0;
    while (pos < text.size()) {
        // freadline_wrapped(): a backslash before a newline joins the next line; before any
        // other character it is dropped and that character kept.
        std::string line;
        int first_line = physical + 1;
        while (pos < text.size()) {
            char c = text[pos++];
            if (c == '\n')
                break;
            if (c == '\\') {
                if (pos < text.size() && text[pos] == '\n') {
                    ++pos;
                    ++physical;
                    continue;
                }
                if (pos == text.size()) {
                    problems.push_back({path, physical + 1,
                                        "the file ends with a backslash: the line is cut off"});
                    break;
                }
                c = text[pos++];
            }
            line += c;
        }
        ++physical;
        if (line.find('\r') != std::string::npos && !reported_cr) {
            reported_cr = true;
            problems.push_back({path, first_line,
                                "DOS line ends (CR LF): kmod keeps the CR as part of the last "
                                "word, so a blacklist or alias there names a module that does "
                                "not exist"});
        }
        if (line.empty() || line.front() == '#')
            continue;
        LineWords words(line);
        auto command_text = words.next();
        // Blank lines, and indented comments (kmod rejects "  # ..." as a bad line, which
        // ignores it just the same).
        if (!command_text || command_text->front() == '#')
            continue;
        Evidence where{path, first_line, evidence_text(line)};
        auto problem = [&](const std::string& reason) {
            problems.push_back({path, first_line, "'" + clip(where.text, 80) + "': " + reason});
        };
        std::string_view command = *command_text;
        if (command == "alias") {
            auto name = words.next();
            auto module = words.next();
            if (!name || !module) {
                problem("alias needs a name and a module; kmod ignores the line");
                continue;
            }
            entries.push_back({ModprobeCommand::alias,
                               kmod_underscores(*module),
                               kmod_underscores(*name),
                               {},
                               std::move(where)});
        } else if (command == "blacklist") {
            auto module = words.next();
            if (!module) {
                problem("no module to blacklist; kmod ignores the line");
                continue;
            }
            entries.push_back(
                {ModprobeCommand::blacklist, kmod_underscores(*module), {}, {}, std::move(where)});
        } else if (command == "include" || command == "config") {
            problem("kmod no longer reads '" + std::string(command) + "' lines");
        } else {
            bool known = false;
            for (ModprobeCommand candidate : k_module_and_rest) {
                if (command != command_word(candidate))
                    continue;
                known = true;
                auto module = words.next();
                auto rest = words.rest();
                if (!module) {
                    problem("no module named; kmod ignores the line");
                    break;
                }
                if (!rest) {
                    problem("nothing after the module name; kmod ignores the line");
                    break;
                }
                std::string argument(*rest);
                if (candidate == ModprobeCommand::options)
                    for (char& c : argument)  // kmod_config_add_options() does the same
                        if (c == '\t')
                            c = ' ';
                entries.push_back({candidate,
                                   kmod_underscores(*module),
                                   {},
                                   std::move(argument),
                                   std::move(where)});
                break;
            }
            if (!known)
                problem("unknown command '" + clip(command, 40) + "'; kmod ignores the line");
        }
    }
}

ModprobeConfig ModprobeConfig::parse(const std::string& path, std::string_view text) {
    ModprobeConfig config;
    config.files.push_back({path, {}});
    config.add_file_text(path, text);
    return config;
}

ModprobeConfig ModprobeConfig::read(const Root& root) {
    // kmod_config_new(): every location in precedence order, each file claimed by its name;
    // the first claim wins, and the claimed files are read sorted by name.
    std::map<std::string, ModprobeFile> by_name;
    auto claim = [&](const std::string& name, std::string path) {
        auto [it, inserted] = by_name.try_emplace(name, ModprobeFile{path, {}});
        if (!inserted)
            it->second.hidden.push_back(std::move(path));
    };
    std::vector<std::string_view> locations(std::begin(k_modprobe_config_dirs),
                                            std::end(k_modprobe_config_dirs));
    locations.push_back(k_legacy_modprobe_conf);
    std::vector<ParseProblem> unfollowed;
    for (std::string_view location : locations) {
        auto info = root.stat(location);
        if (!info) {
            // A link that resolves to nothing inside the root (a loop, or a target outside or
            // missing there) is read as missing, but not silently.
            if (auto link = root.lstat(location); link && link->type == FileType::symlink)
                unfollowed.push_back({std::string(location), 0,
                                      "a link that leads nowhere inside the root (a loop, or a "
                                      "target missing there); not read"});
            continue;
        }
        if (info->type != FileType::directory) {
            claim(std::string(base_name(location)), std::string(location));
            continue;
        }
        for (const auto& entry : root.list(location)) {
            if (!is_config_name(entry.name))
                continue;
            std::string path = join_path(location, entry.name);
            auto target = root.stat(path);
            if (target && target->type == FileType::directory)
                continue;  // kmod refuses directories inside directories
            claim(entry.name, std::move(path));
        }
    }
    ModprobeConfig config;
    config.problems = std::move(unfollowed);
    for (auto& [name, file] : by_name) {
        const std::string path = file.path;
        config.files.push_back(std::move(file));
        auto info = root.stat(path);
        // A dangling link reads as nothing, and a link to /dev/null (the usual way to mask a
        // packaged file) as an empty file: in both cases the name still hides its namesakes.
        if (!info || info->type == FileType::other)
            continue;
        try {
            if (auto text = root.read(path, k_read_cap))
                config.add_file_text(path, *text);
        } catch (const InputError& e) {
            config.problems.push_back({path, 0, e.reason() + "; not read"});
        }
    }
    return config;
}

ModprobeConfig ModprobeConfig::load(Facts& facts) {
    return read(facts.root());
}

std::vector<ModuleParam> split_module_params(std::string_view options) {
    // The kernel's next_arg(): a word ends at a blank outside double quotes; the first '=' after
    // the word's first character splits name and value; quotes around the value (or around
    // the whole word) are dropped.
    auto is_space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
    };
    std::vector<ModuleParam> params;
    std::size_t pos = 0;
    while (true) {
        while (pos < options.size() && is_space(options[pos]))
            ++pos;
        if (pos >= options.size())
            break;
        bool quoted = options[pos] == '"';
        std::size_t start = quoted ? pos + 1 : pos;
        bool in_quote = quoted;
        std::size_t equals = std::string_view::npos;
        std::size_t i = start;
        for (; i < options.size(); ++i) {
            if (is_space(options[i]) && !in_quote)
                break;
            if (equals == std::string_view::npos && options[i] == '=' && i != start)
                equals = i;
            if (options[i] == '"')
                in_quote = !in_quote;
        }
        std::size_t word_end = i;
        bool closing_quote = quoted && i > start && options[i - 1] == '"';
        if (closing_quote)
            word_end = i - 1;
        ModuleParam param;
        if (equals == std::string_view::npos) {
            param.name = std::string(options.substr(start, word_end - start));
        } else {
            param.name = std::string(options.substr(start, equals - start));
            param.has_value = true;
            std::size_t value_start = equals + 1;
            std::size_t value_end = word_end;
            if (value_start < i && options[value_start] == '"') {
                ++value_start;
                if (options[i - 1] == '"')
                    value_end = i - 1;
            }
            if (value_end > value_start)
                param.value = std::string(options.substr(value_start, value_end - value_start));
        }
        params.push_back(std::move(param));
        pos = i;
    }
    return params;
}

}  // namespace sndoctor
