// The fix flow as model actions: the plan of the selected check's fix, apply on y with a journal,
// check again; undo of the last fix. The choice and planning are the same as `sndoctor fix
// CHECK` (fixes/selection.hpp); only the questions are asked on screen instead of stdin.
#include <algorithm>
#include <utility>

#include "checks/checks.hpp"
#include "core/text.hpp"
#include "engine/executor.hpp"
#include "engine/journal.hpp"
#include "engine/runner.hpp"
#include "fixes/fixes.hpp"
#include "fixes/selection.hpp"
#include "tui/app_model.hpp"
#include "tui/pending_fix.hpp"

namespace sndoctor::ui {

namespace {

/// A plan's preview, each line with the look of what it is: added, removed, hunk, words.
std::vector<PageLine> plan_lines(const Plan& plan) {
    std::vector<PageLine> lines;
    std::string preview = describe_plan(plan);  // split_lines views into it
    for (const auto& line : split_lines(preview)) {
        std::string_view text = line.text;
        Role role = Role::normal;
        if (text.starts_with("+++") || text.starts_with("---"))
            role = Role::heading;
        else if (text.starts_with("+"))
            role = Role::pass;
        else if (text.starts_with("-"))
            role = Role::fail;
        else if (text.starts_with("@@"))
            role = Role::info;
        // A list item ("  - Log out and in again ...") wraps under its text.
        lines.push_back({std::string(text), role, false, text.starts_with("  - ") ? 4 : 0});
    }
    return lines;
}

void add_verifications(std::vector<PageLine>& lines, const std::vector<Verification>& verify) {
    for (const auto& v : verify) {
        auto status = status_from_string(v.status).value_or(Status::error);
        Role role = status == Status::pass                              ? Role::pass
                    : status == Status::fail || status == Status::error ? Role::fail
                    : status == Status::warn                            ? Role::warn
                                                                        : Role::info;
        lines.push_back({"  " + v.check + ": " + v.status + " (" + v.summary + ")", role, false});
    }
}

}  // namespace

std::vector<Verification> AppModel::recheck(const std::vector<std::string>& check_ids) {
    m_checks.wait();  // a background run must not publish over the new results
    auto root = m_workspace.open_root();
    Facts facts(*root, m_workspace.environment());
    m_results = run_checks(checks::registry(), facts);
    m_finished = true;
    m_generation = m_checks.progress().generation;
    std::vector<Verification> out;
    for (const auto& result : m_results)
        if (std::find(check_ids.begin(), check_ids.end(), result.id) != check_ids.end())
            out.push_back({result.id, std::string(to_string(result.status)), result.summary});
    keep_selection_visible();
    return out;
}

void AppModel::open_fix() {
    const Result* selected = selected_result();
    if (selected == nullptr) {
        m_status = checking() ? "The checks are still running." : "No check is selected.";
        return;
    }
    if (!fixes::needs_fixing(*selected)) {
        m_status =
            selected->id + " is " + std::string(to_string(selected->status)) + ": nothing to fix.";
        return;
    }
    if (selected->fixes.empty()) {
        m_status = selected->id + " has no automatic fix; Enter shows what to do.";
        return;
    }
    if (!m_workspace.open_disk) {
        m_status = "A report is not a system: nothing can be fixed here.";
        return;
    }
    try {
        // The disk first: a workspace may need to finish something before it can be written
        // (the demo's copy), and the plan must be made from what will be written.
        auto disk = m_workspace.open_disk();
        auto pending = std::make_unique<PendingFix>();
        pending->check_id = selected->id;
        pending->root = m_workspace.open_root();
        pending->facts = std::make_unique<Facts>(*pending->root, m_workspace.environment());
        // Planned from a fresh run, as `sndoctor fix` does: the files may have changed since
        // the list was drawn.
        pending->results = run_checks(checks::registry(), *pending->facts);
        std::vector<fixes::ChosenFix> chosen;
        for (const auto& result : pending->results)
            if (result.id == selected->id && fixes::needs_fixing(result) && !result.fixes.empty())
                fixes::choose_fix(chosen, result.fixes.front().id, result);
        std::vector<std::string> refusals;
        pending->plans = fixes::make_plans(*pending->facts, chosen, refusals);
        pending->verify_ids = fixes::checks_to_verify(pending->plans, pending->results);
        offer_plans(std::move(pending), refusals, "Fix " + selected->id,
                    "fix " + selected->id + " --yes", *disk);
    } catch (const std::exception& e) {
        show_error("Fix " + selected->id, e.what());
    }
}

void AppModel::offer_plans(std::unique_ptr<PendingFix> pending,
                           const std::vector<std::string>& refusals, const std::string& title,
                           const std::string& root_command, const Disk& disk) {
    Page page{PageKind::fix_plan, title, {}, {}, 0};
    for (const auto& refusal : refusals)
        page.lines.push_back({refusal, Role::warn, false});
    bool any_operation = false;
    for (const auto& plan : pending->plans) {
        auto lines = plan_lines(plan);
        page.lines.insert(page.lines.end(), lines.begin(), lines.end());
        page.lines.push_back({"", Role::normal, false});
        any_operation |= !plan.empty();
    }
    auto refused = unwritable_paths(pending->plans, disk);
    if (!any_operation) {
        page.lines.push_back(
            {"There is nothing sndoctor can change for this; the steps above are yours.",
             Role::heading, true});
        page.footer = "any key closes";
    } else if (!refused.empty()) {
        page.lines.push_back(
            {"Nothing can be changed from here: these need root privileges "
             "to write:",
             Role::warn, true});
        for (const auto& path : refused)
            page.lines.push_back({"  " + path, Role::warn, false});
        page.lines.push_back({"Run it as root:", Role::normal, true});
        page.lines.push_back(
            {"  " + m_workspace.as_root_command(root_command), Role::heading, true});
        offer_sudo(page, root_command);
    } else {
        pending->can_apply = true;
        page.lines.push_back(
            {"Apply these changes? y applies, any other key cancels.", Role::heading, true});
        page.footer = "y apply | any other key cancels | arrows PgUp PgDn scroll";
    }
    m_pending_fix = std::move(pending);
    push(std::move(page));
}

void AppModel::apply_fix() {
    auto pending = std::move(m_pending_fix);
    m_pages.pop_back();
    Page page{PageKind::message, "Fix " + pending->check_id, {}, "any key closes", 0};
    try {
        auto disk = m_workspace.open_disk();
        // Commands' output is captured by the runner, so nothing writes over the screen.
        auto runner = system_command_runner();
        JournalEntry entry =
            apply_plans(pending->plans, *disk, *runner, {.now = pending->facts->env().now});
        if (entry.state == JournalState::failed) {
            page.lines.push_back({"Stopped: " + entry.failure, Role::fail, true});
            page.lines.push_back(
                {"Nothing is lost: u (undo) puts every file back as it was.", Role::normal, false});
            m_status = "The fix stopped part-way; u puts everything back.";
            recheck(pending->verify_ids);
            push(std::move(page));
            return;
        }
        page.lines.push_back(
            {"Applied; journal entry " + entry.id + " (u undoes it).", Role::pass, true});
        for (const auto& plan : pending->plans)
            if (const auto* fix = fixes::find_fix(plan.fix_id); fix && fix->after_apply)
                if (auto note = fix->after_apply(*pending->facts); !note.empty())
                    page.lines.push_back({note, Role::info, false});
        page.lines.push_back({"Checking again:", Role::normal, true});
        entry.verify = recheck(pending->verify_ids);
        Journal(*disk).save(entry);
        note_guided_fix(pending->check_id, entry.id, pending->plans);
        add_verifications(page.lines, entry.verify);
        m_status = "Applied " + entry.id + ".";
    } catch (const std::exception& e) {
        page.lines.push_back({e.what(), Role::fail, true});
        m_status = "The fix could not be applied.";
    }
    push(std::move(page));
}

void AppModel::offer_sudo(Page& page, const std::string& root_command) const {
    if (!m_workspace.run_as_root) {
        page.footer = "arrows PgUp PgDn scroll | any other key closes";
        return;
    }
    page.root_command = root_command;
    page.lines.push_back(
        {"s runs it now through sudo (it may ask for your password); the "
         "assistant comes back when it ends.",
         Role::normal, false});
    page.footer = "s run with sudo | arrows PgUp PgDn scroll | any other key closes";
}

void AppModel::do_pending_work() {
    if (auto work = std::exchange(m_pending_work, nullptr))
        work();
}

void AppModel::run_root_request() {
    if (m_pages.empty() || m_pages.back().root_command.empty() || !m_workspace.run_as_root)
        return;
    std::string command = m_pages.back().root_command;
    std::string shown = m_workspace.as_root_command(command);
    m_pending_fix.reset();
    m_pages.pop_back();
    int status = m_workspace.run_as_root(command);
    Page page{PageKind::message, "As root", {}, "any key closes", 0};
    if (status == 0)
        page.lines.push_back({"Done: " + shown, Role::pass, true});
    else
        page.lines.push_back({shown + " ended with exit status " + std::to_string(status) +
                                  " (what it printed said why; sudo exits 1 when it is refused)",
                              Role::fail, true});
    // "fix ID --yes" names the check to verify; undo may touch any, and the list shows them all.
    std::vector<std::string> ids;
    auto words = split_words(command);
    if (words.size() >= 2 && words[0] == "fix")
        ids.emplace_back(words[1]);
    page.lines.push_back({"Checking again:", Role::normal, true});
    add_verifications(page.lines, recheck(ids));
    m_status = status == 0 ? "Ran as root: " + command + "." : "Running as root failed.";
    push(std::move(page));
}

void AppModel::undo_last() {
    if (!m_workspace.open_disk) {
        m_status = "A report is not a system: there is nothing to undo.";
        return;
    }
    try {
        auto disk = m_workspace.open_disk();
        Journal journal(*disk);
        auto entries = journal.entries();
        JournalEntry* target = newest_undoable(entries);
        if (target == nullptr) {
            m_status = nothing_to_undo(entries);
            return;
        }
        Page page{PageKind::message, "Undo " + target->id, {}, "any key closes", 0};
        if (!disk->can_write(target->dir() + "/manifest.json")) {
            page.lines.push_back(
                {"Nothing was changed: undo needs root privileges here. Run it "
                 "as root:",
                 Role::warn, true});
            page.lines.push_back(
                {"  " + m_workspace.as_root_command("undo " + target->id), Role::heading, true});
            offer_sudo(page, "undo " + target->id);
            push(std::move(page));
            return;
        }
        undo_entry(*target, *disk, m_workspace.environment().now);
        page.lines.push_back({"Undone: " + target->id + " (" +
                                  plural(target->records.size(), "path", "paths") +
                                  " restored as they were).",
                              Role::pass, true});
        page.lines.push_back({"Checking again:", Role::normal, true});
        target->verify_after_undo = recheck(target->checks);
        journal.save(*target);
        add_verifications(page.lines, target->verify_after_undo);
        m_status = "Undone " + target->id + ".";
        push(std::move(page));
    } catch (const std::exception& e) {
        show_error("Undo", e.what());
    }
}

}  // namespace sndoctor::ui
