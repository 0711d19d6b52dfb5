#include "tui/curses_screen.hpp"

#include <curses.h>
#include <langinfo.h>
#include <poll.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <cstring>

namespace sndoctor::ui {

namespace {

/// One colour pair per role, numbered from 1 in the order of the enum; 0 stays the terminal's
/// own colours.
short pair_of(Role role) {
    return static_cast<short>(static_cast<int>(role) + 1);
}

void init_pairs() {
    start_color();
    use_default_colors();
    struct Colours {
        Role role;
        short fg;
        short bg;
    };
    const Colours table[] = {
        {Role::normal, -1, -1},
        {Role::title, COLOR_WHITE, COLOR_BLUE},
        {Role::bar, COLOR_BLACK, COLOR_CYAN},
        {Role::heading, -1, -1},
        {Role::pass, COLOR_GREEN, -1},
        {Role::info, COLOR_CYAN, -1},
        {Role::warn, COLOR_YELLOW, -1},
        {Role::fail, COLOR_RED, -1},
        {Role::skip, COLOR_BLUE, -1},
        {Role::error, COLOR_MAGENTA, -1},
        {Role::dim, -1, -1},
        {Role::key, COLOR_CYAN, -1},
    };
    for (const auto& entry : table)
        init_pair(pair_of(entry.role), entry.fg, entry.bg);
}

/// The attributes of a cell: with colour, the role's pair (bars are coloured, not reversed);
/// without, the meaning moves to bold and dim so that failures still stand out.
attr_t attributes(const CellStyle& style, bool colour, short& pair) {
    attr_t attrs = style.bold ? A_BOLD : A_NORMAL;
    bool bar = style.role == Role::title || style.role == Role::bar;
    pair = colour ? pair_of(style.role) : 0;
    if (style.reverse && !(colour && bar))
        attrs |= A_REVERSE;
    if (style.role == Role::dim)
        attrs |= A_DIM;
    if (!colour && (style.role == Role::fail || style.role == Role::error))
        attrs |= A_BOLD;
    return attrs;
}

Key translate(wint_t ch, int kind) {
    if (kind == KEY_CODE_YES) {
        switch (ch) {
            case KEY_UP:
                return {KeyCode::up};
            case KEY_DOWN:
                return {KeyCode::down};
            case KEY_PPAGE:
                return {KeyCode::page_up};
            case KEY_NPAGE:
                return {KeyCode::page_down};
            case KEY_HOME:
                return {KeyCode::home};
            case KEY_END:
                return {KeyCode::end};
            case KEY_ENTER:
                return {KeyCode::enter};
            case KEY_BACKSPACE:
                return {KeyCode::backspace};
            case KEY_BTAB:
                return {KeyCode::tab};
            default:
                if (ch == static_cast<wint_t>(KEY_F(1)))
                    return {KeyCode::help};
                return Key::character(0);
        }
    }
    switch (ch) {
        case '\n':
        case '\r':
            return {KeyCode::enter};
        case '\t':
            return {KeyCode::tab};
        case 27:
            return {KeyCode::escape};
        case 8:
        case 127:
            return {KeyCode::backspace};
        default:
            return Key::character(static_cast<char32_t>(ch));
    }
}

/// What a terminal without UTF-8 shows for the characters the screens draw with (and '?' for
/// the rest), one column each so that the layout stays.
wchar_t ascii_stand_in(char32_t ch) {
    switch (ch) {
        case U'…':
            return L'~';
        case U'─':
            return L'-';
        case U'·':
            return L'.';
        case U'→':
            return L'>';
        default:
            return L'?';
    }
}

}  // namespace

CursesScreen::CursesScreen(Colours colours) {
    std::setlocale(LC_ALL, "");
    m_utf8 = std::strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    // Esc alone leaves; the default second of waiting for an escape sequence feels broken.
    set_escdelay(25);
    initscr();
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    mousemask(BUTTON1_PRESSED, nullptr);
    mouseinterval(0);
    const char* no_color = std::getenv("NO_COLOR");
    m_colour =
        colours == Colours::automatic && (no_color == nullptr || *no_color == '\0') && has_colors();
    if (m_colour)
        init_pairs();
}

CursesScreen::~CursesScreen() {
    endwin();
}

void CursesScreen::suspend() {
    def_prog_mode();
    endwin();
}

void CursesScreen::resume() {
    reset_prog_mode();
    // What the program printed is on the screen now, not what curses believes is there.
    clearok(curscr, TRUE);
    refresh();
}

int CursesScreen::width() const {
    return COLS;
}
int CursesScreen::height() const {
    return LINES;
}

Input CursesScreen::read(int timeout_ms, int watched_fd) {
    if (watched_fd < 0) {
        timeout(timeout_ms);
        return next_input();
    }
    // Keys curses has read ahead already are not seen by poll(), so they come first.
    timeout(0);
    if (Input waiting = next_input(); waiting.kind != Input::Kind::nothing)
        return waiting;
    pollfd fds[] = {{STDIN_FILENO, POLLIN, 0}, {watched_fd, POLLIN, 0}};
    // A resize (SIGWINCH) or a signal interrupts the wait; next_input() then reports it.
    if (::poll(fds, 2, timeout_ms) > 0 && (fds[1].revents & POLLIN) != 0 &&
        (fds[0].revents & POLLIN) == 0)
        return {Input::Kind::watched, {}};
    return next_input();
}

Input CursesScreen::next_input() {
    wint_t ch = 0;
    int kind = get_wch(&ch);
    if (kind == ERR)
        return {};
    if (kind == KEY_CODE_YES && ch == KEY_RESIZE)
        return {Input::Kind::resize, {}};
    if (kind == KEY_CODE_YES && ch == KEY_MOUSE) {
        MEVENT event{};
        if (getmouse(&event) != OK || !(event.bstate & BUTTON1_PRESSED))
            return {};
        return {Input::Kind::key, Key::click(event.y, event.x)};
    }
    return {Input::Kind::key, translate(ch, kind)};
}

void CursesScreen::draw(const Canvas& canvas) {
    for (int row = 0; row < canvas.height() && row < LINES; ++row)
        for (int col = 0; col < canvas.width() && col < COLS; ++col) {
            const Cell& cell = canvas.at(row, col);
            if (cell.continuation)
                continue;
            short pair = 0;
            attr_t attrs = attributes(cell.style, m_colour, pair);
            wchar_t text[2] = {static_cast<wchar_t>(cell.ch), L'\0'};
            if (!m_utf8 && cell.ch > 0x7e)
                text[0] = ascii_stand_in(cell.ch);
            cchar_t out{};
            setcchar(&out, text, attrs, pair, nullptr);
            // The bottom-right cell makes curses try to scroll and report an error; what was
            // drawn is still right.
            mvadd_wch(row, col, &out);
        }
    refresh();
}

}  // namespace sndoctor::ui
