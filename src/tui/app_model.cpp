#include "tui/app_model.hpp"

#include <algorithm>
#include <cctype>

#include "checks/checks.hpp"
#include "tui/codec_lab.hpp"
#include "tui/guided_path.hpp"
#include "tui/pending_fix.hpp"
#include "tui/screen_layout.hpp"
#include "tui/sound_monitor.hpp"
#include "tui/text_layout.hpp"

namespace sndoctor::ui {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// The filter matches the id, title, status or summary, ignoring case (as htop's filter does).
bool matches(const std::string& check_id, const Result* result, const std::string& filter) {
    if (filter.empty())
        return true;
    std::string needle = lower(filter);
    std::string haystack = check_id;
    if (result != nullptr)
        haystack += " " + result->title + " " + std::string(to_string(result->status)) + " " +
                    result->summary;
    return lower(haystack).find(needle) != std::string::npos;
}

}  // namespace

AppModel::AppModel(Workspace workspace) : m_workspace(std::move(workspace)) {
    m_status = m_workspace.notice;
    m_checks.start(m_workspace);
}

AppModel::~AppModel() = default;

void AppModel::resize(int width, int height) {
    m_width = std::max(width, 1);
    m_height = std::max(height, 1);
    keep_selection_visible();
    scroll_detail(0);
    for (auto& page : m_pages)
        scroll_page(page, 0);
}

int AppModel::checks_total() const {
    return static_cast<int>(checks::registry().size());
}

Reaction AppModel::poll() {
    auto progress = m_checks.progress();
    if (progress.generation == m_generation && progress.finished == m_finished &&
        progress.results.size() == m_results.size())
        return Reaction::none;
    m_generation = progress.generation;
    m_finished = progress.finished;
    m_results = std::move(progress.results);
    m_run_failure = progress.failure;
    if (m_selected.empty())
        move_selection(0);  // the first check the filter shows
    keep_selection_visible();
    return Reaction::redraw;
}

void AppModel::wait_for_checks() {
    m_checks.wait();
    poll();
}

void AppModel::rerun() {
    m_checks.start(m_workspace);
    m_status = "Checking again…";
    poll();
}

void AppModel::watch(std::unique_ptr<SoundMonitor> monitor) {
    m_monitor = std::move(monitor);
}

int AppModel::monitor_fd() const {
    return m_monitor ? m_monitor->fd() : -1;
}

Reaction AppModel::on_monitor_ready() {
    if (!m_monitor || !m_monitor->take_events())
        return Reaction::none;
    rerun();
    m_status = "A sound device came or went: checking again…";
    return Reaction::redraw;
}

std::vector<ListRow> AppModel::list_rows() const {
    std::vector<ListRow> rows;
    std::string area;
    for (const auto* check : checks::registry()) {
        const Result* result = nullptr;
        for (const auto& r : m_results)
            if (r.id == check->id)
                result = &r;
        if (!matches(std::string(check->id), result, m_filter))
            continue;
        if (check->area != area) {
            area = check->area;
            rows.push_back({area, {}, nullptr});
        }
        rows.push_back({{}, std::string(check->id), result});
    }
    return rows;
}

const Result* AppModel::selected_result() const {
    for (const auto& result : m_results)
        if (result.id == m_selected)
            return &result;
    return nullptr;
}

void AppModel::move_selection(int delta) {
    auto rows = list_rows();
    std::vector<int> checks;
    int current = -1;
    for (int i = 0; i < static_cast<int>(rows.size()); ++i)
        if (!rows[i].check_id.empty()) {
            if (rows[i].check_id == m_selected)
                current = static_cast<int>(checks.size());
            checks.push_back(i);
        }
    if (checks.empty())
        return;
    int next =
        current < 0 ? 0 : std::clamp(current + delta, 0, static_cast<int>(checks.size()) - 1);
    if (rows[checks[next]].check_id != m_selected)
        m_detail_scroll = 0;
    m_selected = rows[checks[next]].check_id;
    keep_selection_visible();
}

void AppModel::keep_selection_visible() {
    auto rows = list_rows();
    auto layout = layout_checks(m_height, static_cast<int>(rows.size()));
    int index = 0;
    for (int i = 0; i < static_cast<int>(rows.size()); ++i)
        if (rows[i].check_id == m_selected)
            index = i;
    // The area heading above the first check of an area stays in sight with it.
    int top = index > 0 && !rows[index - 1].area.empty() ? index - 1 : index;
    if (top < m_list_scroll)
        m_list_scroll = top;
    if (index >= m_list_scroll + layout.list_height)
        m_list_scroll = index - layout.list_height + 1;
    m_list_scroll = std::clamp(m_list_scroll, 0,
                               std::max(static_cast<int>(rows.size()) - layout.list_height, 0));
}

void AppModel::select_row(int screen_row) {
    auto rows = list_rows();
    auto layout = layout_checks(m_height, static_cast<int>(rows.size()));
    int index = m_list_scroll + screen_row - layout.list_top;
    if (screen_row < layout.list_top || screen_row >= layout.list_top + layout.list_height ||
        index >= static_cast<int>(rows.size())) {
        if (screen_row >= layout.detail_top && screen_row < layout.status_row)
            m_focus = Pane::detail;
        return;
    }
    m_focus = Pane::list;
    // A click on a heading selects the area's first check.
    if (rows[index].check_id.empty() && index + 1 < static_cast<int>(rows.size()))
        ++index;
    if (rows[index].check_id != m_selected)
        m_detail_scroll = 0;
    m_selected = rows[index].check_id;
    keep_selection_visible();
}

void AppModel::scroll_detail(int delta) {
    auto layout = layout_checks(m_height, static_cast<int>(list_rows().size()));
    int rows = static_cast<int>(wrapped_rows(detail_lines(), m_width - 2).size());
    m_detail_scroll =
        std::clamp(m_detail_scroll + delta, 0, std::max(rows - layout.detail_height, 0));
}

void AppModel::scroll_page(Page& page, int delta) {
    int rows = static_cast<int>(wrapped_rows(page.lines, m_width).size());
    page.scroll =
        std::clamp(page.scroll + delta, 0, std::max(rows - layout_page(m_height).text_height, 0));
}

void AppModel::push(Page page) {
    m_pages.push_back(std::move(page));
    scroll_page(m_pages.back(), 0);
}

Reaction AppModel::handle(const Key& key) {
    if (m_pages.empty() && !m_editing_filter)
        m_status.clear();  // the last action's outcome, or the opening notice, has been seen
    if (!m_pages.empty())
        return handle_page_key(key);
    if (m_editing_filter)
        return handle_filter_key(key);
    return handle_checks_key(key);
}

Reaction AppModel::handle_checks_key(const Key& key) {
    int page_rows = std::max(layout_checks(m_height, 0).detail_height - 1, 1);
    auto move = [&](int delta) {
        if (m_focus == Pane::list)
            move_selection(delta);
        else
            scroll_detail(delta);
    };
    switch (key.code) {
        case KeyCode::up:
            move(-1);
            return Reaction::redraw;
        case KeyCode::down:
            move(1);
            return Reaction::redraw;
        case KeyCode::page_up:
            move(-page_rows);
            return Reaction::redraw;
        case KeyCode::page_down:
            move(page_rows);
            return Reaction::redraw;
        case KeyCode::home:
            move(-1000000);
            return Reaction::redraw;
        case KeyCode::end:
            move(1000000);
            return Reaction::redraw;
        case KeyCode::tab:
            m_focus = m_focus == Pane::list ? Pane::detail : Pane::list;
            return Reaction::redraw;
        case KeyCode::enter:
            open_detail();
            return Reaction::redraw;
        case KeyCode::help:
            open_help();
            return Reaction::redraw;
        case KeyCode::escape:
            return Reaction::quit;
        case KeyCode::mouse_click:
            select_row(key.row);
            return Reaction::redraw;
        case KeyCode::backspace:
            return Reaction::none;
        case KeyCode::character:
            break;
    }
    switch (key.ch) {
        case U'k':
            move(-1);
            break;
        case U'j':
            move(1);
            break;
        case U'/':
            m_editing_filter = true;
            break;
        case U'r':
            rerun();
            break;
        case U'f':
            open_fix();
            break;
        case U'g':
            open_guided();
            break;
        case U'u':
            undo_last();
            break;
        case U'h':
            open_history();
            break;
        case U'c':
            open_codec_lab();
            break;
        case U'e':
            export_report();
            break;
        case U'?':
            open_help();
            break;
        case U'q':
            return Reaction::quit;
        default:
            return Reaction::none;
    }
    return Reaction::redraw;
}

Reaction AppModel::handle_filter_key(const Key& key) {
    switch (key.code) {
        case KeyCode::enter:
            m_editing_filter = false;
            break;
        case KeyCode::escape:
            m_editing_filter = false;
            m_filter.clear();
            break;
        case KeyCode::backspace:
            // Filters are typed ids and words: removing the last byte of a multi-byte character
            // would leave half of it, so whole UTF-8 sequences go.
            while (!m_filter.empty() &&
                   (static_cast<unsigned char>(m_filter.back()) & 0xc0) == 0x80)
                m_filter.pop_back();
            if (!m_filter.empty())
                m_filter.pop_back();
            break;
        case KeyCode::character:
            if (key.ch >= 0x20)
                m_filter += encode_utf8(key.ch);
            break;
        default:
            return handle_checks_key(key);  // arrows still move while typing
    }
    if (selected_result() == nullptr || !matches(m_selected, selected_result(), m_filter)) {
        m_selected.clear();
        move_selection(0);
    }
    keep_selection_visible();
    return Reaction::redraw;
}

Reaction AppModel::handle_page_key(const Key& key) {
    Page& page = m_pages.back();
    if (page.kind == PageKind::codec_lab)
        return handle_codec_lab_key(key);
    if (page.kind == PageKind::guided_step || page.kind == PageKind::guided_summary)
        if (auto reaction = handle_guided_key(key))
            return *reaction;
    int step = std::max(layout_page(m_height).text_height - 1, 1);
    bool scrolled = true;
    switch (key.code) {
        case KeyCode::up:
            scroll_page(page, -1);
            break;
        case KeyCode::down:
            scroll_page(page, 1);
            break;
        case KeyCode::page_up:
            scroll_page(page, -step);
            break;
        case KeyCode::page_down:
            scroll_page(page, step);
            break;
        case KeyCode::home:
            scroll_page(page, -1000000);
            break;
        case KeyCode::end:
            scroll_page(page, 1000000);
            break;
        case KeyCode::character:
            scrolled = key.ch == U'j' || key.ch == U'k' || key.ch == U' ';
            if (scrolled)
                scroll_page(page, key.ch == U'k' ? -1 : key.ch == U'j' ? 1 : step);
            break;
        default:
            scrolled = false;
    }
    if (scrolled)
        return Reaction::redraw;
    if (key.is(U's') && !page.root_command.empty() && m_workspace.run_as_root)
        return Reaction::run_as_root;
    if (page.kind == PageKind::fix_plan) {
        // y applies; any other key cancels and nothing changes.
        if (key.is(U'y') && m_pending_fix && m_pending_fix->can_apply) {
            page.footer = "Applying... the checks run again when it is done";
            m_pending_work = [this] { apply_fix(); };
            return Reaction::work_after_draw;
        } else {
            m_status = m_pending_fix && m_pending_fix->can_apply ? "Cancelled: nothing was changed."
                                                                 : "Nothing was changed.";
            m_pending_fix.reset();
            m_pages.pop_back();
            refresh_guided();
        }
        return Reaction::redraw;
    }
    if (key.code == KeyCode::mouse_click)
        return Reaction::none;
    m_pages.pop_back();
    refresh_guided();
    return Reaction::redraw;
}

}  // namespace sndoctor::ui
