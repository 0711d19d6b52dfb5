#include "cli/terminal.hpp"

#include <curses.h>
#include <langinfo.h>
#include <term.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <cstring>

namespace sndoctor::cli {

namespace {

std::string terminfo_string(const char* capability) {
    char* value = tigetstr(capability);
    if (value == nullptr || value == reinterpret_cast<char*>(-1))
        return {};
    return value;
}

}  // namespace

std::string TextStyle::status_label(Status status) const {
    auto index = static_cast<std::size_t>(status);
    std::string label(status_word(status));
    label.resize(5, ' ');
    if (utf8)
        label = std::string(status_glyph(status)) + " " + label;
    if (status_colour[index].empty())
        return label;
    return status_colour[index] + label + reset;
}

std::string TextStyle::emphasis(std::string_view text) const {
    if (bold.empty())
        return std::string(text);
    return bold + std::string(text) + reset;
}

TextStyle style_for_stdout(ColourRequest request) {
    TextStyle style;
    std::setlocale(LC_CTYPE, "");
    style.utf8 = std::strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    const char* no_color = std::getenv("NO_COLOR");
    if (request == ColourRequest::never || (no_color != nullptr && *no_color != '\0') ||
        !::isatty(STDOUT_FILENO))
        return style;
    int error = 0;
    if (setupterm(nullptr, STDOUT_FILENO, &error) != OK)
        return style;
    std::string setaf = terminfo_string("setaf");
    if (!setaf.empty() && tigetnum("colors") >= 8) {
        const int colours[] = {COLOR_GREEN, COLOR_CYAN, COLOR_YELLOW,
                               COLOR_RED,   COLOR_BLUE, COLOR_MAGENTA};
        for (std::size_t i = 0; i < 6; ++i)
            if (const char* escape = tiparm(setaf.c_str(), colours[i]))
                style.status_colour[i] = escape;
    }
    style.bold = terminfo_string("bold");
    style.reset = terminfo_string("sgr0");
    del_curterm(cur_term);
    return style;
}

}  // namespace sndoctor::cli
