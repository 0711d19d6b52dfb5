#pragma once

#include <string>
#include <string_view>
#include <vector>

/// What the screens draw into: a grid of cells, each a character with a style. The curses
/// backend copies it to the terminal; tests read it back as text (STYLE.md: only the curses
/// canvas includes curses).
namespace sndoctor::ui {

/// What a piece of text is, not how it looks: the backend picks colours (or, on a monochrome
/// terminal or with NO_COLOR, bold and reverse) per role.
enum class Role { normal, title, bar, heading, pass, info, warn, fail, skip, error, dim, key };

struct CellStyle {
    Role role = Role::normal;
    bool bold = false;
    bool reverse = false;

    bool operator==(const CellStyle&) const = default;
};

struct Cell {
    char32_t ch = U' ';
    CellStyle style;
    /// The right half of a wide character: the backend skips it, the text reader too.
    bool continuation = false;
};

class Canvas {
  public:
    Canvas(int width, int height);

    int width() const { return m_width; }
    int height() const { return m_height; }
    const Cell& at(int row, int col) const { return m_cells[index(row, col)]; }

    /// Writes UTF-8 text from (row, col), at most `max_columns` columns (to the right edge when
    /// negative); a wide character that would not fit whole is left out. Returns the columns
    /// written.
    int put(int row, int col, std::string_view text, CellStyle style = {}, int max_columns = -1);
    /// Sets the style of a whole row and blanks it (bars, the selected line).
    void fill_row(int row, CellStyle style);

    /// One row as UTF-8, trailing blanks removed.
    std::string row_text(int row) const;
    /// Every row, each ending in '\n' (what tests compare with an expected screen).
    std::string text() const;

  private:
    std::size_t index(int row, int col) const {
        return static_cast<std::size_t>(row) * static_cast<std::size_t>(m_width) +
               static_cast<std::size_t>(col);
    }

    int m_width;
    int m_height;
    std::vector<Cell> m_cells;
};

}  // namespace sndoctor::ui
