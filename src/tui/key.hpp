#pragma once

namespace sndoctor::ui {

enum class KeyCode {
    character,
    up,
    down,
    page_up,
    page_down,
    home,
    end,
    enter,
    tab,
    backspace,
    escape,
    help,  ///< F1
    mouse_click,
};

/// A key (or a click) as the model sees it; the curses backend translates what the terminal
/// sends, tests build these directly.
struct Key {
    KeyCode code = KeyCode::character;
    char32_t ch = 0;  ///< for `character`
    int row = 0;      ///< for `mouse_click`: the screen cell clicked
    int col = 0;

    static Key character(char32_t c) { return {KeyCode::character, c}; }
    static Key click(int row, int col) { return {KeyCode::mouse_click, 0, row, col}; }
    bool is(char32_t c) const { return code == KeyCode::character && ch == c; }
};

}  // namespace sndoctor::ui
