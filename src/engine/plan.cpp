#include "engine/plan.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"

namespace sndoctor {

namespace {

/// What the operations of one plan leave at `path`: nullopt when they do not touch it, else the
/// content (an inner nullopt when they move it away).
std::optional<std::optional<std::string>> left_by(const Plan& plan, const std::string& path) {
    for (auto op = plan.operations.rbegin(); op != plan.operations.rend(); ++op) {
        if (op->path != path)
            continue;
        switch (op->kind) {
            case OperationKind::write_file:
            case OperationKind::append_line:
            case OperationKind::comment_out_line:
                return std::optional<std::string>(op->after);
            case OperationKind::move_aside:
                return std::optional<std::string>();
            default:
                break;
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> PlanBuilder::current(const std::string& path) const {
    // A later step sees what the earlier steps of this plan, and earlier plans, did to the file.
    if (auto content = left_by(m_plan, path))
        return *content;
    if (m_earlier)
        for (auto plan = m_earlier->rbegin(); plan != m_earlier->rend(); ++plan)
            if (auto content = left_by(*plan, path))
                return *content;
    return m_root.read(path);
}

void PlanBuilder::write_file(const std::string& path, std::string content,
                             std::string description) {
    Operation op;
    op.kind = OperationKind::write_file;
    op.path = path;
    op.before = current(path);
    op.after = std::move(content);
    op.description = std::move(description);
    m_plan.operations.push_back(std::move(op));
}

void PlanBuilder::append_line(const std::string& path, const std::string& line,
                              std::string description) {
    Operation op;
    op.kind = OperationKind::append_line;
    op.path = path;
    op.before = current(path);
    op.after = op.before.value_or("");
    if (!op.after.empty() && op.after.back() != '\n')
        op.after += '\n';
    op.after += line + "\n";
    op.description = std::move(description);
    m_plan.operations.push_back(std::move(op));
}

void PlanBuilder::comment_out_line(const std::string& path, int number, const std::string& prefix,
                                   std::string description) {
    Operation op;
    op.kind = OperationKind::comment_out_line;
    op.path = path;
    op.before = current(path);
    if (!op.before)
        throw InputError(path, "cannot comment out a line of a file that does not exist");
    std::string text = *op.before;
    std::size_t start = 0;
    for (int line = 1; line < number; ++line) {
        start = text.find('\n', start);
        if (start == std::string::npos)
            throw InputError(path, "has no line " + std::to_string(number), number);
        ++start;
    }
    if (start > text.size())
        throw InputError(path, "has no line " + std::to_string(number), number);
    text.insert(start, prefix);
    op.after = std::move(text);
    op.description = std::move(description);
    m_plan.operations.push_back(std::move(op));
}

void PlanBuilder::move_aside(const std::string& path, std::string description) {
    Operation op;
    op.kind = OperationKind::move_aside;
    op.path = path;
    op.description = std::move(description);
    m_plan.operations.push_back(std::move(op));
}

void PlanBuilder::make_link(const std::string& path, const std::string& target,
                            std::string description) {
    Operation op;
    op.kind = OperationKind::make_link;
    op.path = path;
    op.link_target = target;
    op.description = std::move(description);
    m_plan.operations.push_back(std::move(op));
}

void PlanBuilder::run_command(std::vector<std::string> command, std::vector<std::string> writes,
                              std::string description) {
    Operation op;
    op.kind = OperationKind::run_command;
    op.command = std::move(command);
    op.writes = std::move(writes);
    op.description = std::move(description);
    m_plan.operations.push_back(std::move(op));
}

void PlanBuilder::set_control(ControlSetting after, ControlSetting before,
                              std::string description) {
    Operation op;
    op.kind = OperationKind::set_control;
    op.control = std::move(after);
    op.control_before = std::move(before);
    op.description = std::move(description);
    m_plan.operations.push_back(std::move(op));
}

namespace {

std::vector<std::string> lines_of(const std::optional<std::string>& text) {
    std::vector<std::string> lines;
    if (!text)
        return lines;
    for (const auto& line : split_lines(*text))
        lines.emplace_back(line.text);
    return lines;
}

enum class Edit { keep, remove, add };

/// The shortest edit script by longest common subsequence. Configuration files are small; past
/// a size where the table would be large the diff simply replaces the whole file.
std::vector<std::pair<Edit, std::string>> edit_script(const std::vector<std::string>& a,
                                                      const std::vector<std::string>& b) {
    std::vector<std::pair<Edit, std::string>> script;
    if (a.size() * b.size() > 4'000'000) {
        for (const auto& line : a)
            script.emplace_back(Edit::remove, line);
        for (const auto& line : b)
            script.emplace_back(Edit::add, line);
        return script;
    }
    std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
    for (std::size_t i = a.size(); i-- > 0;)
        for (std::size_t j = b.size(); j-- > 0;)
            lcs[i][j] =
                a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && a[i] == b[j]) {
            script.emplace_back(Edit::keep, a[i]);
            ++i;
            ++j;
        } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] > lcs[i + 1][j])) {
            script.emplace_back(Edit::add, b[j++]);
        } else {
            script.emplace_back(Edit::remove, a[i++]);
        }
    }
    return script;
}

}  // namespace

std::string describe_control(const ControlSetting& setting) {
    std::string id = "card " + std::to_string(setting.card) + " '" + setting.name + "'";
    if (setting.index != 0)
        id += " index " + std::to_string(setting.index);
    return id + " = " + join(setting.values, ",");
}

std::string unified_diff(const std::string& path, const std::optional<std::string>& before,
                         const std::optional<std::string>& after) {
    if (before == after)
        return {};
    auto script = edit_script(lines_of(before), lines_of(after));
    constexpr std::size_t context = 3;
    std::string out = "--- " + (before ? "a" + path : std::string("/dev/null")) + "\n+++ " +
                      (after ? "b" + path : std::string("/dev/null")) + "\n";
    std::size_t index = 0;
    while (index < script.size()) {
        // Find the next change, then grow the hunk while changes are within 2*context lines.
        while (index < script.size() && script[index].first == Edit::keep)
            ++index;
        if (index == script.size())
            break;
        std::size_t start = index >= context ? index - context : 0;
        std::size_t end = index;
        std::size_t quiet = 0;
        while (end < script.size() && quiet <= 2 * context) {
            quiet = script[end].first == Edit::keep ? quiet + 1 : 0;
            ++end;
        }
        end -= quiet > context ? quiet - context : 0;
        int old_start = 1, new_start = 1;
        for (std::size_t k = 0; k < start; ++k) {
            old_start += script[k].first != Edit::add;
            new_start += script[k].first != Edit::remove;
        }
        int old_count = 0, new_count = 0;
        std::string body;
        for (std::size_t k = start; k < end; ++k) {
            const auto& [edit, line] = script[k];
            old_count += edit != Edit::add;
            new_count += edit != Edit::remove;
            body += (edit == Edit::keep ? " " : edit == Edit::add ? "+" : "-") + line + "\n";
        }
        out += "@@ -" + std::to_string(old_count ? old_start : old_start - 1) + "," +
               std::to_string(old_count) + " +" +
               std::to_string(new_count ? new_start : new_start - 1) + "," +
               std::to_string(new_count) + " @@\n" + body;
        index = end;
    }
    return out;
}

std::string describe_plan(const Plan& plan) {
    std::string out = plan.title + " (" + plan.fix_id + ")\n";
    int step = 0;
    for (const auto& op : plan.operations) {
        out += "\n" + std::to_string(++step) + ". " + op.description + "\n";
        switch (op.kind) {
            case OperationKind::write_file:
            case OperationKind::append_line:
            case OperationKind::comment_out_line:
                out += unified_diff(op.path, op.before, op.after);
                break;
            case OperationKind::move_aside:
                out += "   move " + op.path + " into the journal (undo puts it back)\n";
                break;
            case OperationKind::make_link:
                out += "   link " + op.path + " -> " + op.link_target + "\n";
                break;
            case OperationKind::run_command: {
                std::string command;
                for (const auto& word : op.command)
                    command += (command.empty() ? "" : " ") + word;
                out += "   run: " + command + "\n";
                break;
            }
            case OperationKind::set_control:
                out += "   set: " + describe_control(op.control) + " (was " +
                       join(op.control_before.values, ",") + "; undo sets it back)\n";
                break;
        }
    }
    if (!plan.manual_steps.empty()) {
        out += "\nsndoctor leaves these to you:\n";
        for (const auto& step_text : plan.manual_steps)
            out += "  - " + step_text + "\n";
    }
    return out;
}

}  // namespace sndoctor
