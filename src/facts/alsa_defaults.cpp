#include "facts/alsa_defaults.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "facts/user_db.hpp"

namespace sndoctor {

namespace {

/// A token of alsa-lib's configuration syntax: a word, a quoted string, or a bracket. Comments
/// (# to the end of the line) are dropped; `=`, `,` and `;` separate like blanks do.
struct Token {
    std::string text;
    bool quoted = false;
    int line = 0;
};

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    int line = 1;
    std::size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if (c == '\n') {
            ++line;
            ++i;
        } else if (c == '#') {
            while (i < text.size() && text[i] != '\n')
                ++i;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '=' || c == ',' || c == ';') {
            ++i;
        } else if (c == '{' || c == '}' || c == '[' || c == ']') {
            tokens.push_back({std::string(1, c), false, line});
            ++i;
        } else if (c == '"' || c == '\'') {
            Token token{"", true, line};
            for (++i; i < text.size() && text[i] != c; ++i) {
                if (text[i] == '\\' && i + 1 < text.size())
                    ++i;
                if (text[i] == '\n')
                    ++line;
                token.text += text[i];
            }
            ++i;
            tokens.push_back(std::move(token));
        } else {
            Token token{"", false, line};
            while (i < text.size() &&
                   std::string_view(" \t\r\n=,;{}[]#\"'").find(text[i]) == std::string_view::npos)
                token.text += text[i++];
            tokens.push_back(std::move(token));
        }
    }
    return tokens;
}

/// "defaults.pcm.card" and "defaults.pcm.!card" are the same key (! only says: replace).
std::string without_bang(std::string_view key) {
    std::string out;
    for (char c : key)
        if (c != '!')
            out += c;
    return out;
}

/// The card a pcm name such as "hw:1", "plughw:1,0", "hdmi:CARD=NVidia,DEV=0" or "hw:PCH"
/// names; empty when it names none.
std::string card_of_device(std::string_view name) {
    auto colon = name.find(':');
    if (colon == std::string_view::npos)
        return {};
    std::string_view args = name.substr(colon + 1);
    if (auto at = args.find("CARD="); at != std::string_view::npos)
        args = args.substr(at + 5);
    return std::string(args.substr(0, args.find(',')));
}

constexpr std::string_view k_server_types[] = {"pulse", "pipewire", "jack", "oss"};

bool is_server(std::string_view type) {
    return std::find(std::begin(k_server_types), std::end(k_server_types), type) !=
           std::end(k_server_types);
}

/// What a definition's tokens (the inside of its braces, or its one value) point at.
void judge(const std::vector<Token>& body, DefaultSetting& setting) {
    for (std::size_t i = 0; i < body.size(); ++i) {
        const std::string& word = body[i].text;
        bool has_next = i + 1 < body.size();
        if (word == "type" && has_next && is_server(body[i + 1].text)) {
            setting.target = DefaultTarget::server;
            setting.value = body[i + 1].text;
            return;
        }
        if (word == "card" && has_next && setting.target != DefaultTarget::card) {
            setting.target = DefaultTarget::card;
            setting.value = body[i + 1].text;
        } else if (body[i].quoted || body.size() == 1) {
            if (body.size() == 1 && is_server(word)) {
                setting.target = DefaultTarget::server;  // pcm.!default pulse
                setting.value = word;
                return;
            }
            if (auto card = card_of_device(word);
                !card.empty() && setting.target != DefaultTarget::card) {
                setting.target = DefaultTarget::card;
                setting.value = card;
            }
        }
    }
}

}  // namespace

void AlsaDefaults::scan(const std::string& path, std::string_view text, AlsaDefaults& into) {
    auto tokens = tokenize(text);
    auto lines = split_lines(text);
    auto line_text = [&](int number) {
        return number >= 1 && static_cast<std::size_t>(number) <= lines.size()
                   ? std::string(trim(lines[static_cast<std::size_t>(number) - 1].text))
                   : std::string();
    };
    int depth = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        if (!token.quoted && (token.text == "{" || token.text == "[")) {
            ++depth;
            continue;
        }
        if (!token.quoted && (token.text == "}" || token.text == "]")) {
            depth = std::max(0, depth - 1);
            continue;
        }
        if (depth != 0 || token.quoted || i + 1 >= tokens.size())
            continue;
        std::string key = without_bang(token.text);
        DefaultSetting setting;
        setting.path = path;
        setting.first_line = setting.last_line = token.line;
        if (key == "defaults.pcm.card" || key == "defaults.ctl.card") {
            setting.key = key == "defaults.pcm.card" ? DefaultSetting::Key::pcm_card
                                                     : DefaultSetting::Key::ctl_card;
            setting.target = DefaultTarget::card;
            setting.value = tokens[i + 1].text;
            setting.last_line = tokens[i + 1].line;
            ++i;
        } else if (key == "pcm.default" || key == "ctl.default") {
            setting.key = key == "pcm.default" ? DefaultSetting::Key::pcm_default
                                               : DefaultSetting::Key::ctl_default;
            std::vector<Token> body;
            if (tokens[i + 1].text == "{" && !tokens[i + 1].quoted) {
                int inner = 0;
                std::size_t j = i + 1;
                for (; j < tokens.size(); ++j) {
                    if (!tokens[j].quoted && tokens[j].text == "{")
                        ++inner;
                    else if (!tokens[j].quoted && tokens[j].text == "}" && --inner == 0)
                        break;
                    else if (inner > 0 && j > i + 1)
                        body.push_back(tokens[j]);
                }
                setting.last_line = j < tokens.size() ? tokens[j].line : tokens.back().line;
                i = std::min(j, tokens.size() - 1);
            } else {
                body.push_back(tokens[i + 1]);
                setting.last_line = tokens[i + 1].line;
                ++i;
            }
            judge(body, setting);
        } else {
            continue;
        }
        setting.where = {path, setting.first_line, clip(line_text(setting.first_line), 120)};
        into.settings.push_back(std::move(setting));
    }
}

const DefaultSetting* AlsaDefaults::pcm_decision() const {
    const DefaultSetting* card_line = nullptr;
    const DefaultSetting* definition = nullptr;
    for (const auto& setting : settings) {
        if (setting.key == DefaultSetting::Key::pcm_default)
            definition = &setting;
        else if (setting.key == DefaultSetting::Key::pcm_card)
            card_line = &setting;
    }
    return definition != nullptr ? definition : card_line;
}

AlsaDefaults AlsaDefaults::load(Facts& facts) {
    const Root& root = facts.root();
    std::vector<std::string> paths;
    for (const auto& entry : root.list(k_conf_dir))
        if (entry.name.ends_with(".conf"))
            paths.push_back(join_path(k_conf_dir, entry.name));
    paths.push_back(k_system_path);
    if (!facts.env().user.empty()) {
        try {
            const auto& db = facts.get<UserDb>();
            if (const auto* user = db.find_user(facts.env().user);
                user != nullptr && user->home.starts_with("/")) {
                paths.push_back(join_path(user->home, ".asoundrc"));
                paths.push_back(join_path(user->home, ".config/alsa/asoundrc"));
            }
        } catch (const InputError&) {
            // Without the user list the user's own files are unknown; the system's still count.
        }
    }
    AlsaDefaults out;
    for (const auto& path : paths) {
        auto text = root.read(path, 1024 * 1024);
        if (!text)
            continue;
        if (looks_binary(*text))
            throw InputError(path, "holds binary data, not an ALSA configuration");
        out.files.push_back(path);
        scan(path, *text, out);
    }
    return out;
}

}  // namespace sndoctor
