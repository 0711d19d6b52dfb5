#pragma once

/// Where things go on the screen, shared by the model (what a click hits, how far to scroll)
/// and the renderer (where to draw), so the two never disagree.
namespace sndoctor::ui {

/// The checks screen: the title bar, the list, a separator naming the selected check, the
/// detail pane, the status bar.
struct ChecksLayout {
    int list_top = 1;
    int list_height = 0;
    int separator_row = 0;
    int detail_top = 0;
    int detail_height = 0;
    int status_row = 0;
};

/// The list takes what its rows need, leaving the detail pane six rows (half the screen on a
/// short one); the detail pane takes the rest.
ChecksLayout layout_checks(int height, int list_rows);

/// A page: the title bar, its own title, the text, a footer with its keys.
struct PageLayout {
    int title_row = 1;
    int text_top = 2;
    int text_height = 0;
    int footer_row = 0;
};

PageLayout layout_page(int height);

}  // namespace sndoctor::ui
