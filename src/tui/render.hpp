#pragma once

#include "tui/app_model.hpp"
#include "tui/canvas.hpp"

namespace sndoctor::ui {

struct RenderOptions {
    /// Status glyphs and line drawing in UTF-8; plain ASCII words otherwise (a C locale, the
    /// Linux console without a UTF-8 font).
    bool utf8 = true;
};

/// Draws the whole screen for the model onto the canvas (which has the model's size).
void render(const AppModel& model, Canvas& canvas, const RenderOptions& options);

/// The screens render() is made of, each in its own file.
void render_title_bar(const AppModel& model, Canvas& canvas);
void render_checks_screen(const AppModel& model, Canvas& canvas, const RenderOptions& options);
void render_page(const Page& page, Canvas& canvas);

}  // namespace sndoctor::ui
