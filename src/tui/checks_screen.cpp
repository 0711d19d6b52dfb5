#include <algorithm>

#include "tui/render.hpp"
#include "tui/screen_layout.hpp"
#include "tui/text_layout.hpp"

namespace sndoctor::ui {

namespace {

/// Wide enough for every id of today's checks ("portage.alsa-driver-mask"), so the summaries
/// line up as in `sndoctor check`.
constexpr int k_id_columns = 26;

void render_list(const AppModel& model, const std::vector<ListRow>& rows,
                 const ChecksLayout& layout, Canvas& canvas, const RenderOptions& options) {
    for (int i = 0; i < layout.list_height; ++i) {
        int index = model.list_scroll() + i;
        if (index >= static_cast<int>(rows.size()))
            break;
        const ListRow& row = rows[static_cast<std::size_t>(index)];
        int screen_row = layout.list_top + i;
        if (!row.area.empty()) {
            canvas.put(screen_row, 1, row.area, {Role::heading, true, false});
            continue;
        }
        bool selected = row.check_id == model.selected();
        // The selection is reversed while the list has the focus, bold when the detail has it.
        bool reverse = selected && model.focus() == Pane::list;
        CellStyle base{Role::normal, selected, reverse};
        if (selected)
            canvas.fill_row(screen_row, base);
        int col = 2;
        if (row.result == nullptr) {
            canvas.put(screen_row, col, options.utf8 ? "… " : ". ", {Role::dim, false, reverse});
            col += 2;
            canvas.put(screen_row, col, "WAIT", {Role::dim, false, reverse});
        } else {
            CellStyle status{role_for(row.result->status), true, reverse};
            if (options.utf8)
                col += canvas.put(screen_row, col,
                                  std::string(status_glyph(row.result->status)) + " ", status);
            canvas.put(screen_row, col, status_word(row.result->status), status);
        }
        col = options.utf8 ? 10 : 8;
        canvas.put(screen_row, col, row.check_id, base, k_id_columns - 1);
        col += k_id_columns;
        std::string summary = row.result ? row.result->summary : "waiting for its turn";
        canvas.put(screen_row, col, fit(summary, canvas.width() - col - 1), base);
    }
}

void render_separator(const AppModel& model, const ChecksLayout& layout, Canvas& canvas,
                      const RenderOptions& options) {
    bool focused = model.focus() == Pane::detail;
    CellStyle style{Role::dim, focused, false};
    std::string line = options.utf8 ? "─" : "-";
    std::string rule;
    for (int i = 0; i < canvas.width(); ++i)
        rule += line;
    canvas.put(layout.separator_row, 0, rule, style);
    std::string label =
        model.selected().empty() ? " no check matches the filter " : " " + model.selected() + " ";
    if (focused)
        label += "(Tab: back to the list) ";
    canvas.put(layout.separator_row, 2, label, {Role::heading, true, focused});
}

void render_detail(const AppModel& model, const ChecksLayout& layout, Canvas& canvas) {
    auto rows = wrapped_rows(model.detail_lines(), canvas.width() - 2);
    for (int i = 0; i < layout.detail_height; ++i) {
        int index = model.detail_scroll() + i;
        if (index >= static_cast<int>(rows.size()))
            break;
        const PageLine& row = rows[static_cast<std::size_t>(index)];
        canvas.put(layout.detail_top + i, 1, row.text, {row.role, row.bold, false});
    }
}

/// "[#####·····] 3/8" while the checks run.
std::string progress_bar(const AppModel& model, const RenderOptions& options) {
    constexpr int cells = 10;
    int total = std::max(model.checks_total(), 1);
    int done = static_cast<int>(model.results().size());
    int filled = done * cells / total;
    std::string bar = "[";
    for (int i = 0; i < cells; ++i)
        bar += i < filled ? "#" : options.utf8 ? "·" : ".";
    return "Checking " + bar + "] " + std::to_string(done) + "/" + std::to_string(total);
}

void render_status_bar(const AppModel& model, const ChecksLayout& layout, Canvas& canvas,
                       const RenderOptions& options) {
    CellStyle bar{Role::bar, false, true};
    canvas.fill_row(layout.status_row, bar);
    std::string text;
    if (model.editing_filter()) {
        text = "Filter: " + model.filter() + "_   Enter keeps it, Esc clears it";
    } else {
        text = model.checking() ? progress_bar(model, options) : tally(model.results());
        if (!model.run_failure().empty())
            text += " - the checks stopped: " + model.run_failure();
        if (!model.filter().empty())
            text += " - filter \"" + model.filter() + "\"";
        text += " - " + (model.status().empty()
                             ? std::string("g start here  f fix  u undo  e report  ? help")
                             : model.status());
    }
    canvas.put(layout.status_row, 1, fit(text, canvas.width() - 2), bar);
}

}  // namespace

void render_checks_screen(const AppModel& model, Canvas& canvas, const RenderOptions& options) {
    auto rows = model.list_rows();
    auto layout = layout_checks(canvas.height(), static_cast<int>(rows.size()));
    render_list(model, rows, layout, canvas, options);
    render_separator(model, layout, canvas, options);
    render_detail(model, layout, canvas);
    render_status_bar(model, layout, canvas, options);
}

}  // namespace sndoctor::ui
