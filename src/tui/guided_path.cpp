// The guided path (g, "Start here"): one page per check that was wrong when it opened, in the
// checks' order, each offering its fix through the ordinary fix flow (fix_flow.cpp), then a
// summary of what was fixed, skipped and still wrong after a full run, with the report export.
#include "tui/guided_path.hpp"

#include <algorithm>

#include "tui/pending_fix.hpp"

namespace sndoctor::ui {

namespace {

/// What the path stops at: a check that fails, warns or could not run. An info with a fix
/// (power saving on) is advice, not a problem, so the path leaves it to the checks screen.
bool is_problem(const Result* result) {
    return result != nullptr && (result->status == Status::fail || result->status == Status::warn ||
                                 result->status == Status::error);
}

const Result* find_result(const std::vector<Result>& results, const std::string& id) {
    auto it = std::find_if(results.begin(), results.end(),
                           [&](const Result& result) { return result.id == id; });
    return it == results.end() ? nullptr : &*it;
}

void add_blank(std::vector<PageLine>& lines) {
    lines.push_back({"", Role::normal, false});
}

/// "  cards.present: info - card 0 VirMIDI is virtual until ...", in its status's look.
void add_outcome(std::vector<PageLine>& lines, const Result& result) {
    lines.push_back(
        {"  " + result.id + ": " + std::string(status_word(result.status)) + " - " + result.summary,
         role_for(result.status), false, 4});
}

}  // namespace

void AppModel::open_guided() {
    // The path is made from a whole run, so it waits for the one under way (the demo's takes
    // milliseconds); a path made from half the checks would miss the rest.
    wait_for_checks();
    auto guided = std::make_unique<GuidedPath>();
    for (const auto& result : m_results)
        if (is_problem(&result))
            guided->steps.push_back({result.id});
    if (guided->steps.empty()) {
        m_status = "Nothing fails or warns: there is no problem to walk through.";
        return;
    }
    m_guided = std::move(guided);
    m_pages.push_back({PageKind::guided_step, {}, {}, {}, 0});
    show_guided();
}

void AppModel::show_guided() {
    GuidedPath& guided = *m_guided;
    Page& page = m_pages.back();
    page.scroll = 0;
    page.lines.clear();
    if (guided.current >= guided.steps.size()) {
        page.kind = PageKind::guided_summary;
        page.title = "Start here: what was done";
        page.footer = "e export the report | q Enter close | arrows scroll";
        page.lines = guided_summary_lines();
        return;
    }
    const auto& step = guided.steps[guided.current];
    // The step's check becomes the selection: its detail is the step's text, and f (the fix
    // flow) acts on the selected check.
    m_selected = step.check_id;
    m_detail_scroll = 0;
    keep_selection_visible();
    const Result* result = selected_result();
    page.title = "Start here, " + std::to_string(guided.current + 1) + " of " +
                 std::to_string(guided.steps.size()) + ": " + step.check_id;
    page.footer = "f y fix | n Space next | q leave | arrows scroll";
    page.lines = detail_lines();
    add_blank(page.lines);
    if (result != nullptr && !result->fixes.empty() && m_workspace.open_disk)
        page.lines.push_back(
            {"f or y shows the fix's plan; nothing changes before you confirm "
             "it. n or Space goes on without it.",
             Role::heading, true});
    else if (result != nullptr && !result->fixes.empty())
        page.lines.push_back(
            {"A report is not a system: nothing can be fixed here. n or Space goes on.",
             Role::heading, true});
    else
        page.lines.push_back(
            {"sndoctor has no automatic fix for this; the explanation above "
             "says what to do. n or Space goes on.",
             Role::heading, true});
    if (!guided.note.empty())
        page.lines.push_back({guided.note, Role::warn, true});
}

std::vector<PageLine> AppModel::guided_summary_lines() const {
    std::vector<PageLine> fixed, still_wrong, yours, skipped, no_fix;
    for (const auto& step : m_guided->steps) {
        const Result* result = find_result(m_results, step.check_id);
        if (result == nullptr)
            continue;
        if (!is_problem(result)) {
            add_outcome(fixed, *result);
            fixed.push_back(
                {step.outcome == GuidedPath::Outcome::applied
                     ? "    fixed here (journal entry " + step.journal_entry + "; u undoes it)"
                     : "    put right by an earlier step's fix",
                 Role::dim, false, 4});
        } else if (step.outcome == GuidedPath::Outcome::applied) {
            add_outcome(still_wrong, *result);
            if (step.manual_steps.empty())
                still_wrong.push_back(
                    {"    its fix was applied but did not put it right; Enter "
                     "on the checks screen shows the evidence",
                     Role::normal, false, 4});
            else
                still_wrong.push_back(
                    {"    its fix was applied; the rest is yours:", Role::normal, false, 4});
            for (const auto& manual : step.manual_steps)
                still_wrong.push_back({"    - " + manual, Role::normal, false, 6});
        } else if (step.outcome == GuidedPath::Outcome::yours) {
            add_outcome(yours, *result);
            for (const auto& manual : step.manual_steps)
                yours.push_back({"    - " + manual, Role::normal, false, 6});
        } else if (result->fixes.empty()) {
            add_outcome(no_fix, *result);
            no_fix.push_back(
                {"    no automatic fix: its explanation says what to do", Role::normal, false, 4});
        } else {
            add_outcome(skipped, *result);
            skipped.push_back({"    skipped: f on the checks screen, or g again, offers its fix",
                               Role::normal, false, 4});
        }
    }
    std::vector<PageLine> lines;
    lines.push_back({std::to_string(m_guided->steps.size()) +
                         " checks were wrong when the path started. After running every check "
                         "again: " +
                         tally(m_results) + ".",
                     Role::normal, false});
    auto section = [&](const std::string& heading, const std::vector<PageLine>& entries) {
        if (entries.empty())
            return;
        add_blank(lines);
        lines.push_back({heading, Role::heading, true});
        lines.insert(lines.end(), entries.begin(), entries.end());
    };
    // An info here is a fix that waits for something (the next module load, a reboot): its
    // summary says what.
    section("Fixed (pass, or info until what it says happens):", fixed);
    section("Still wrong after its fix:", still_wrong);
    section("Yours to do (sndoctor cannot change it from here):", yours);
    section("Skipped:", skipped);
    section("No automatic fix:", no_fix);
    add_blank(lines);
    lines.push_back(
        {"e writes the alsa-info report and its JSON, to send to whoever helps you "
         "(nothing is uploaded).",
         Role::heading, true});
    return lines;
}

void AppModel::advance_guided() {
    GuidedPath& guided = *m_guided;
    guided.note.clear();
    ++guided.current;
    // A step an earlier fix put right (the card order fixes two checks) is not shown again; the
    // summary names it.
    while (guided.current < guided.steps.size() &&
           !is_problem(find_result(m_results, guided.steps[guided.current].check_id)))
        ++guided.current;
    if (guided.current >= guided.steps.size())
        recheck({});  // the summary tells what a full run finds now, not the last fix's checks
    show_guided();
}

void AppModel::refresh_guided() {
    if (m_pages.empty() || m_pages.back().kind != PageKind::guided_step)
        return;
    if (m_guided->steps[m_guided->current].outcome == GuidedPath::Outcome::applied)
        advance_guided();
    else
        show_guided();  // cancelled, or the fix stopped: the same step, with today's results
}

void AppModel::note_guided_fix(const std::string& check_id, const std::string& journal_entry,
                               const std::vector<Plan>& plans) {
    if (!m_guided || m_guided->current >= m_guided->steps.size())
        return;
    auto& step = m_guided->steps[m_guided->current];
    if (step.check_id != check_id)
        return;
    step.outcome = GuidedPath::Outcome::applied;
    step.journal_entry = journal_entry;
    for (const auto& plan : plans)
        step.manual_steps.insert(step.manual_steps.end(), plan.manual_steps.begin(),
                                 plan.manual_steps.end());
}

std::optional<Reaction> AppModel::handle_guided_key(const Key& key) {
    bool summary = m_pages.back().kind == PageKind::guided_summary;
    if (key.code == KeyCode::escape || key.is(U'q') || (summary && key.code == KeyCode::enter)) {
        m_status = summary ? "" : "Left the guided path; g starts it again.";
        m_pages.pop_back();
        m_guided.reset();
        return Reaction::redraw;
    }
    if (summary && key.is(U'e')) {
        export_report();  // its page opens over the summary, which shows again when it closes
        return Reaction::redraw;
    }
    if (!summary && (key.is(U'f') || key.is(U'y'))) {
        auto depth = m_pages.size();
        open_fix();
        auto& step = m_guided->steps[m_guided->current];
        if (m_pages.size() == depth) {  // nothing to show a plan of: say why on the step
            m_guided->note = m_status;
            show_guided();
        } else if (m_pending_fix && !m_pending_fix->can_apply) {
            // The plan page shows what the person must do; the summary keeps it for them.
            step.outcome = GuidedPath::Outcome::yours;
            step.manual_steps.clear();
            for (const auto& plan : m_pending_fix->plans)
                step.manual_steps.insert(step.manual_steps.end(), plan.manual_steps.begin(),
                                         plan.manual_steps.end());
            if (step.manual_steps.empty())
                step.manual_steps.push_back(
                    "as root: " + m_workspace.as_root_command("fix " + step.check_id + " --yes"));
            m_guided->note = "Its fix leaves this to you (the summary lists it); n goes on.";
        }
        return Reaction::redraw;
    }
    if (!summary && (key.is(U'n') || key.is(U' '))) {
        auto& outcome = m_guided->steps[m_guided->current].outcome;
        if (outcome == GuidedPath::Outcome::open)
            outcome = GuidedPath::Outcome::skipped;
        advance_guided();
        return Reaction::redraw;
    }
    // Scrolling keys scroll as on every page; any other key does nothing, so that a stray key
    // does not throw the path away.
    bool scrolls = key.code == KeyCode::character
                       ? key.is(U'j') || key.is(U'k') || key.is(U' ')
                       : key.code != KeyCode::enter && key.code != KeyCode::tab &&
                             key.code != KeyCode::mouse_click && key.code != KeyCode::backspace &&
                             key.code != KeyCode::help;
    return scrolls ? std::nullopt : std::optional<Reaction>(Reaction::none);
}

}  // namespace sndoctor::ui
