// The pages that only show things: a check's detail, the journal, the help, a written report,
// an error.
#include "core/text.hpp"
#include "engine/journal.hpp"
#include "tui/app_model.hpp"

namespace sndoctor::ui {

namespace {

/// The keys, as alsamixer and htop users expect them.
const std::vector<PageLine>& help_lines() {
    static const std::vector<PageLine> lines = {
        {"The checks screen lists every check in its order, grouped by area, with its verdict. "
         "The pane below shows the selected check: why it matters and the file lines that "
         "decided it.",
         Role::normal, false},
        {"", Role::normal, false},
        {"  ↑ ↓  j k       move (the list, or the detail pane when it has the focus)", Role::key,
         false, 17},
        {"  PgUp PgDn      a page at a time; Home End: first, last", Role::key, false, 17},
        {"  Tab            switch between the list and the detail pane", Role::key, false, 17},
        {"  Enter          the selected check on a page of its own", Role::key, false, 17},
        {"  /              filter by id, title, status or summary; Enter keeps it, Esc "
         "clears it",
         Role::key, false, 17},
        {"  r              run the checks again", Role::key, false, 17},
        {"  f              the fix of the selected check: its plan (every file diff and "
         "command), then y applies it and the checks run again; any other key cancels",
         Role::key, false, 17},
        {"  g              start here: the guided path, one failing or warning check at a "
         "time with its fix (f or y shows the plan, n or Space goes on), then a summary and the "
         "report",
         Role::key, false, 17},
        {"  u              undo the last fix, byte for byte", Role::key, false, 17},
        {"  c              the codec lab: a codec's pins and GPIO lines; m d v toggle a GPIO "
         "line's mask, direction and data, e a pin's EAPD (verbs to the live or emulated codec, "
         "kept in the experiment log), p makes it persistent",
         Role::key, false, 17},
        {"  h              the history: every fix applied here, and whether it was undone",
         Role::key, false, 17},
        {"  e              export the alsa-info report and its JSON to files", Role::key, false,
         17},
        {"  ? F1           this help", Role::key, false, 17},
        {"  q Esc          close a page; on the checks screen, leave", Role::key, false, 17},
        {"  mouse          a click selects a check", Role::key, false, 17},
        {"", Role::normal, false},
        {"Fixes change nothing before you press y. Each one is recorded in the journal "
         "(/var/lib/sndoctor/journal inside the system it changed) so that u, or 'sndoctor "
         "undo', puts every file back. A fix that needs root privileges names the sudo command "
         "to run instead, and s on that page runs it through sudo (it may ask for your "
         "password) and comes back to the assistant when it ends.",
         Role::normal, false},
    };
    return lines;
}

}  // namespace

std::vector<PageLine> AppModel::detail_lines() const {
    std::vector<PageLine> lines;
    const Result* result = selected_result();
    if (result == nullptr) {
        if (!m_selected.empty())
            lines.push_back({m_selected + ": waiting for its turn…", Role::dim, false});
        return lines;
    }
    lines.push_back({std::string(status_word(result->status)) + "  " + result->summary,
                     role_for(result->status), true});
    // What was found comes before why it matters: on 80x24 the evidence (file:line and the
    // text) is what a reader, or a helper on a forum, needs in sight first.
    if (!result->evidence.empty()) {
        lines.push_back({"", Role::normal, false});
        lines.push_back({"Evidence:", Role::heading, true});
        for (const auto& evidence : result->evidence) {
            std::string where =
                evidence.path + (evidence.line > 0 ? ":" + std::to_string(evidence.line) : "");
            lines.push_back({"  " + where + (evidence.text.empty() ? "" : "  " + evidence.text),
                             Role::normal, false});
        }
    }
    lines.push_back({"", Role::normal, false});
    for (const auto& paragraph : split_lines(result->explanation))
        lines.push_back({std::string(paragraph.text), Role::normal, false});
    if (!result->fixes.empty()) {
        lines.push_back({"", Role::normal, false});
        lines.push_back({"Fix (f):", Role::heading, true});
        for (const auto& fix : result->fixes)
            lines.push_back(
                {"  " + fix.id + ": " + fix.title + (fix.needs_root ? " (needs root)" : ""),
                 Role::normal, false});
    }
    return lines;
}

void AppModel::open_detail() {
    if (selected_result() == nullptr)
        return;
    push({PageKind::detail, selected_result()->id + ": " + selected_result()->title, detail_lines(),
          "arrows PgUp PgDn scroll | any other key closes", 0});
}

void AppModel::open_help() {
    push({PageKind::help, "Help", help_lines(), "arrows scroll | any other key closes", 0});
}

void AppModel::show_error(const std::string& title, const std::string& what) {
    push({PageKind::message, title, {{what, Role::fail, true}}, "any key closes", 0});
    m_status = title + ": " + what;
}

void AppModel::open_history() {
    Page page{PageKind::history,
              "History: the fixes applied here",
              {},
              "arrows scroll | any other key closes",
              0};
    if (!m_workspace.open_disk) {
        page.lines.push_back(
            {"A report has no journal: nothing was fixed on it.", Role::dim, false});
        push(std::move(page));
        return;
    }
    try {
        auto disk = m_workspace.open_disk();
        std::vector<std::string> problems;
        auto entries = Journal(*disk).entries(&problems);
        for (const auto& problem : problems)
            page.lines.push_back({"skipped a journal entry: " + problem, Role::warn, false});
        if (entries.empty())
            page.lines.push_back(
                {"No fixes have been applied here (" + std::string(k_journal_dir) + " is empty).",
                 Role::dim, false});
        // Newest first: the one u would take back is on top.
        for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
            std::string fixes;
            for (const auto& fix : it->fixes)
                fixes += (fixes.empty() ? "" : ", ") + fix;
            Role role = it->state == JournalState::applied  ? Role::pass
                        : it->state == JournalState::failed ? Role::fail
                                                            : Role::dim;
            page.lines.push_back(
                {it->id + "  " + to_string(it->state) + "  " + format_utc(it->created), role,
                 true});
            page.lines.push_back({"  fixes: " + fixes, Role::normal, false});
            for (const auto& op : it->operations)
                page.lines.push_back(
                    {std::string("  ") + (op.done ? "[x] " : "[ ] ") + op.description, Role::normal,
                     false});
            if (!it->failure.empty())
                page.lines.push_back({"  stopped at " + it->failure, Role::fail, false});
            for (const auto& v : it->verify)
                page.lines.push_back({"  after: " + v.check + " " + v.status, Role::normal, false});
            page.lines.push_back({"", Role::normal, false});
        }
    } catch (const std::exception& e) {
        page.lines.push_back({e.what(), Role::fail, true});
    }
    push(std::move(page));
}

void AppModel::export_report() {
    try {
        auto files = m_workspace.export_report();
        Page page{PageKind::message, "Report written", {}, "any key closes", 0};
        page.lines.push_back(
            {"The alsa-info report and its JSON, with sndoctor's findings "
             "(nothing was uploaded):",
             Role::normal, false});
        for (const auto& file : files)
            page.lines.push_back({"  " + file, Role::heading, true});
        m_status = "Report written: " + (files.empty() ? std::string() : files.front());
        push(std::move(page));
    } catch (const std::exception& e) {
        show_error("Report", e.what());
    }
}

}  // namespace sndoctor::ui
