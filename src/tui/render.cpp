#include "tui/render.hpp"

namespace sndoctor::ui {

void render_title_bar(const AppModel& model, Canvas& canvas) {
    const Workspace& workspace = model.workspace();
    std::string where;
    if (workspace.demo)
        where = "DEMO system (a temporary copy; this machine is not touched)";
    else if (workspace.source == RootSource::live)
        where = "this machine";
    else if (workspace.source == RootSource::report)
        where = "report " + workspace.root;
    else
        where = workspace.root;
    CellStyle bar{Role::title, true, true};
    canvas.fill_row(0, bar);
    canvas.put(0, 1, "sndoctor " SNDOCTOR_VERSION " - " + where, bar, canvas.width() - 2);
}

void render(const AppModel& model, Canvas& canvas, const RenderOptions& options) {
    render_title_bar(model, canvas);
    if (const Page* page = model.page())
        render_page(*page, canvas);
    else
        render_checks_screen(model, canvas, options);
}

}  // namespace sndoctor::ui
