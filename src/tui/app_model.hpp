#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/journal.hpp"
#include "engine/plan.hpp"
#include "engine/result.hpp"
#include "tui/background_checks.hpp"
#include "tui/key.hpp"
#include "tui/page.hpp"
#include "tui/workspace.hpp"

namespace sndoctor {
class Facts;
}

namespace sndoctor::ui {

class CodecLab;
class SoundMonitor;

/// What the caller must do after an action (htop: actions return what to redraw, never draw).
/// run_as_root: give the terminal back, call run_root_request(), then take it again and redraw.
/// work_after_draw: draw now (the screen says what is being done), then call
/// do_pending_work() and redraw: for an action that can take seconds, such as a fix that
/// reloads the sound drivers and waits for the card, so that the screen does not sit still.
enum class Reaction { none, redraw, quit, run_as_root, work_after_draw };

enum class Pane { list, detail };

/// One row of the checks list: an area heading, or a check (its result, or waiting for it).
struct ListRow {
    std::string area;                ///< set on a heading
    std::string check_id;            ///< set on a check
    const Result* result = nullptr;  ///< nullptr while the check has not run yet
};

/// The assistant's state and actions, without a terminal: keys go in, the model changes, and
/// render() draws it onto a canvas.
class AppModel {
  public:
    /// Starts the first run of the checks in the background.
    explicit AppModel(Workspace workspace);
    ~AppModel();
    AppModel(const AppModel&) = delete;
    AppModel& operator=(const AppModel&) = delete;

    /// The screen size the model lays out for (scrolling, clicks).
    void resize(int width, int height);
    /// Takes what the background run found since the last call; redraw when anything changed.
    Reaction poll();
    /// Waits for the background run to end and takes its results (tests, the benchmark).
    void wait_for_checks();
    Reaction handle(const Key& key);
    /// Runs what the top page offers as root (its root_command) through the workspace's
    /// run_as_root, after handle() asked for it, then checks again and shows the outcome.
    void run_root_request();
    /// Carries out the action handle() announced with work_after_draw.
    void do_pending_work();
    /// Runs the checks again in the background (r; later also the hotplug monitor when a card
    /// comes or goes).
    void rerun();
    /// Watches `monitor` for sound devices that come or go (the live system only).
    void watch(std::unique_ptr<SoundMonitor> monitor);
    /// What the terminal loop waits on beside the keyboard; -1 without a monitor.
    int monitor_fd() const;
    /// The monitor's descriptor is readable: the checks run again when a device came or went.
    Reaction on_monitor_ready();

    const Workspace& workspace() const { return m_workspace; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    bool checking() const { return !m_finished; }
    int checks_total() const;
    const std::vector<Result>& results() const { return m_results; }
    const std::string& run_failure() const { return m_run_failure; }

    /// The checks list as shown: filtered, with area headings.
    std::vector<ListRow> list_rows() const;
    int list_scroll() const { return m_list_scroll; }
    /// The selected check's id (empty when the filter hides every check).
    const std::string& selected() const { return m_selected; }
    const Result* selected_result() const;
    Pane focus() const { return m_focus; }
    int detail_scroll() const { return m_detail_scroll; }
    /// The selected check's explanation, evidence and fixes.
    std::vector<PageLine> detail_lines() const;

    const std::string& filter() const { return m_filter; }
    bool editing_filter() const { return m_editing_filter; }
    /// The last action's outcome in one line, for the status bar.
    const std::string& status() const { return m_status; }

    /// The page on top of the checks screen, or nullptr when the checks screen shows. Pages
    /// stack (a page opened from a page returns to it), so later screens (the guided path, the
    /// codec lab) are pushed the same way.
    const Page* page() const { return m_pages.empty() ? nullptr : &m_pages.back(); }

  private:
    struct PendingFix;
    struct GuidedPath;

    Reaction handle_checks_key(const Key& key);
    Reaction handle_filter_key(const Key& key);
    Reaction handle_page_key(const Key& key);
    void move_selection(int delta);
    void keep_selection_visible();
    void select_row(int screen_row);
    void scroll_detail(int delta);
    void scroll_page(Page& page, int delta);
    void push(Page page);

    // Actions that open pages (their own files: fix_flow.cpp, pages.cpp).
    void open_fix();
    void apply_fix();
    void undo_last();
    void open_history();
    void export_report();
    void open_help();
    void open_detail();
    void show_error(const std::string& title, const std::string& what);
    /// Ends a page that shows the sudo command with the offer to run it (s) where the workspace
    /// can, and the footer that says so.
    void offer_sudo(Page& page, const std::string& root_command) const;
    /// The plan page of `pending` (fix_flow.cpp): its preview, and y to apply it when `disk`
    /// can write it, else the sudo command of `root_command`.
    void offer_plans(std::unique_ptr<PendingFix> pending, const std::vector<std::string>& refusals,
                     const std::string& title, const std::string& root_command, const Disk& disk);

    // The codec lab (codec_lab_flow.cpp).
    void open_codec_lab();
    /// Puts the lab's state on its page and scrolls its cursor into sight.
    void show_codec_lab();
    Reaction handle_codec_lab_key(const Key& key);
    /// The open codec's experiment as a boot fix: the `hda persist` plan on the plan page.
    void persist_codec_lab();

    // The guided path (guided_path.cpp).
    void open_guided();
    /// Draws the path's current step, or its summary once every step is behind, on the top page.
    void show_guided();
    std::vector<PageLine> guided_summary_lines() const;
    void advance_guided();
    /// Back on a step from the fix flow: on to the next step when its fix was applied, else the
    /// same step again.
    void refresh_guided();
    /// apply_fix tells the path which step its journal entry fixed.
    void note_guided_fix(const std::string& check_id, const std::string& journal_entry,
                         const std::vector<Plan>& plans);
    /// The keys of the path's pages; nullopt for the scrolling keys every page takes.
    std::optional<Reaction> handle_guided_key(const Key& key);
    /// Every check run again, synchronously, after a change: the list shows the new results,
    /// and the statuses of `check_ids` are returned for the journal.
    std::vector<Verification> recheck(const std::vector<std::string>& check_ids);

    Workspace m_workspace;
    int m_width = 80;
    int m_height = 24;

    std::vector<Result> m_results;
    bool m_finished = false;
    int m_generation = 0;
    std::string m_run_failure;

    std::string m_selected;
    Pane m_focus = Pane::list;
    int m_list_scroll = 0;
    int m_detail_scroll = 0;
    std::string m_filter;
    bool m_editing_filter = false;
    std::string m_status;

    std::vector<Page> m_pages;
    std::unique_ptr<PendingFix> m_pending_fix;
    std::function<void()> m_pending_work;   ///< announced by work_after_draw
    std::unique_ptr<CodecLab> m_codec_lab;  ///< while the codec lab's page is open
    std::unique_ptr<GuidedPath> m_guided;   ///< while the guided path's pages are open
    std::unique_ptr<SoundMonitor> m_monitor;
    // Last: the run's thread reads m_workspace, so it must end first.
    BackgroundChecks m_checks;
};

}  // namespace sndoctor::ui
