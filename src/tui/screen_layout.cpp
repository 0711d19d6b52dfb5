#include "tui/screen_layout.hpp"

#include <algorithm>

namespace sndoctor::ui {

ChecksLayout layout_checks(int height, int list_rows) {
    ChecksLayout layout;
    int available = std::max(height - 3, 2);  // title bar, separator, status bar
    // The whole list at a glance matters more than a tall detail pane (Enter shows a check on
    // a page of its own): the detail keeps six rows, or half the screen when that is less.
    layout.list_height = std::clamp(list_rows, 1, std::max({available - 6, available / 2, 1}));
    layout.separator_row = layout.list_top + layout.list_height;
    layout.detail_top = layout.separator_row + 1;
    layout.detail_height = std::max(available - layout.list_height, 1);
    layout.status_row = std::max(height - 1, layout.detail_top + 1);
    return layout;
}

PageLayout layout_page(int height) {
    PageLayout layout;
    layout.footer_row = std::max(height - 1, 3);
    layout.text_height = std::max(layout.footer_row - layout.text_top, 1);
    return layout;
}

}  // namespace sndoctor::ui
