#pragma once

#include "tui/canvas.hpp"
#include "tui/key.hpp"

namespace sndoctor::ui {

/// What the terminal sent: a key, a new size, or nothing before the timeout (or a signal); or
/// that the descriptor watched beside it (the sound monitor) has something to read.
struct Input {
    enum class Kind { key, resize, nothing, watched } kind = Kind::nothing;
    Key key;
};

enum class Colours { automatic, never };

/// The terminal through ncursesw: the only unit that includes curses (STYLE.md). It copies a
/// canvas to the screen and turns what the terminal sends into keys.
class CursesScreen {
  public:
    /// Takes over the terminal: the locale, keypad, mouse clicks, colours unless `colours` is
    /// never or NO_COLOR is set (or the terminal has none), in which case bold and reverse
    /// carry the meaning.
    explicit CursesScreen(Colours colours);
    ~CursesScreen();
    CursesScreen(const CursesScreen&) = delete;
    CursesScreen& operator=(const CursesScreen&) = delete;

    int width() const;
    int height() const;
    /// Whether the terminal's locale is UTF-8 (glyphs and line drawing, else ASCII).
    bool utf8() const { return m_utf8; }
    /// Waits up to `timeout_ms` for input (negative: until there is some), and for `watched_fd`
    /// to be readable when it is not -1.
    Input read(int timeout_ms, int watched_fd = -1);
    void draw(const Canvas& canvas);
    /// Gives the terminal back as it was before curses (a program run on it in the meantime,
    /// sudo and its password prompt), and takes it again; the next draw repaints every cell.
    void suspend();
    void resume();

  private:
    /// What get_wch() returns within the timeout already set.
    Input next_input();

    bool m_utf8 = false;
    bool m_colour = false;
};

}  // namespace sndoctor::ui
