#include "tui/canvas.hpp"

#include <algorithm>

#include "tui/text_layout.hpp"

namespace sndoctor::ui {

Canvas::Canvas(int width, int height)
    : m_width(std::max(width, 1)),
      m_height(std::max(height, 1)),
      m_cells(static_cast<std::size_t>(m_width) * static_cast<std::size_t>(m_height)) {}

int Canvas::put(int row, int col, std::string_view text, CellStyle style, int max_columns) {
    if (row < 0 || row >= m_height || col < 0 || col >= m_width)
        return 0;
    int limit = m_width - col;
    if (max_columns >= 0)
        limit = std::min(limit, max_columns);
    int used = 0;
    for (char32_t ch : decode_utf8(text)) {
        if (ch < 0x20 || ch == 0x7f)
            ch = U' ';  // a tab or escape from a file must not move the terminal's cursor
        int w = char_width(ch);
        if (w == 0)
            continue;  // combining marks: drawing them alone would misplace the cursor
        if (used + w > limit)
            break;
        Cell& cell = m_cells[index(row, col + used)];
        cell = {ch, style, false};
        if (w == 2)
            m_cells[index(row, col + used + 1)] = {U' ', style, true};
        used += w;
    }
    return used;
}

void Canvas::fill_row(int row, CellStyle style) {
    if (row < 0 || row >= m_height)
        return;
    for (int col = 0; col < m_width; ++col)
        m_cells[index(row, col)] = {U' ', style, false};
}

std::string Canvas::row_text(int row) const {
    std::string out;
    for (int col = 0; col < m_width; ++col)
        if (const Cell& cell = at(row, col); !cell.continuation)
            out += encode_utf8(cell.ch);
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

std::string Canvas::text() const {
    std::string out;
    for (int row = 0; row < m_height; ++row)
        out += row_text(row) + "\n";
    return out;
}

}  // namespace sndoctor::ui
