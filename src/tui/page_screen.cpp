#include "tui/render.hpp"
#include "tui/screen_layout.hpp"
#include "tui/text_layout.hpp"

namespace sndoctor::ui {

void render_page(const Page& page, Canvas& canvas) {
    auto layout = layout_page(canvas.height());
    auto rows = wrapped_rows(page.lines, canvas.width());
    int total = static_cast<int>(rows.size());
    std::string title = page.title;
    if (total > layout.text_height)
        title += "  (" + std::to_string(page.scroll + 1) + "-" +
                 std::to_string(std::min(page.scroll + layout.text_height, total)) + " of " +
                 std::to_string(total) + ")";
    CellStyle heading{Role::heading, true, false};
    canvas.put(layout.title_row, 1, title, heading);
    for (int i = 0; i < layout.text_height && page.scroll + i < total; ++i) {
        const PageLine& row = rows[static_cast<std::size_t>(page.scroll + i)];
        canvas.put(layout.text_top + i, 0, row.text, {row.role, row.bold, false});
    }
    CellStyle bar{Role::bar, false, true};
    canvas.fill_row(layout.footer_row, bar);
    canvas.put(layout.footer_row, 1, fit(page.footer, canvas.width() - 2), bar);
}

}  // namespace sndoctor::ui
