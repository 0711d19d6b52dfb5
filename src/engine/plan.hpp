#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sndoctor {

class Root;

/// What one step of a plan does; the description says it in words for the preview.
enum class OperationKind {
    write_file,
    append_line,
    comment_out_line,
    move_aside,
    make_link,
    run_command,
    set_control
};

/// A mixer control of a running card and the values it is set to, in alsactl's words:
/// "true"/"false" for a switch, numbers for a volume, item names for an enumeration; one value
/// per channel (a single value sets every channel).
struct ControlSetting {
    int card = 0;
    std::string name;  ///< "Master Playback Switch" (a mixer-interface element)
    int index = 0;
    std::vector<std::string> values;
};

struct Operation {
    OperationKind kind = OperationKind::write_file;
    std::string path;  ///< the file or link it changes (in-root); empty for a command
    /// The file's content when the plan was made (nullopt: it did not exist). The executor
    /// refuses to write when the file changed since, and the preview diffs against it.
    std::optional<std::string> before;
    std::string after;                 ///< write/append/comment: the whole new content
    std::string link_target;           ///< make_link
    std::vector<std::string> command;  ///< run_command: argv (no shell)
    std::vector<std::string> writes;   ///< run_command: files it rewrites (journaled first)
    /// set_control: the control and its new values, and the values undo sets back (no file
    /// holds a running card's level, so the journal keeps them).
    ControlSetting control;
    ControlSetting control_before;
    std::string description;
};

/// A fix's plan: ordered operations, and the steps sndoctor leaves to the user (it never runs a
/// package manager).
struct Plan {
    std::string fix_id;
    std::string check_id;
    std::string title;
    std::vector<Operation> operations;
    std::vector<std::string> manual_steps;
    bool needs_root = true;

    bool empty() const { return operations.empty(); }
};

/// Builds a plan's operations from the root the checks read, so that every edit is computed
/// (and previewable) before anything is written.
class PlanBuilder {
  public:
    /// `earlier`: plans of the same run that come before this one; their edits are seen.
    PlanBuilder(const Root& root, Plan& plan, const std::vector<Plan>* earlier = nullptr)
        : m_root(root), m_plan(plan), m_earlier(earlier) {}

    /// The root as the checks read it (facts parsed from it do not see the plan's edits).
    const Root& root() const { return m_root; }
    /// The file as the plan (and earlier plans) will leave it; nullopt when missing.
    std::optional<std::string> current(const std::string& path) const;
    /// A step sndoctor leaves to the user, printed with the plan.
    void manual_step(std::string text) { m_plan.manual_steps.push_back(std::move(text)); }

    /// Writes a whole file (new or replaced).
    void write_file(const std::string& path, std::string content, std::string description);
    /// Appends one line (a newline is added to a last line that lacks one).
    void append_line(const std::string& path, const std::string& line, std::string description);
    /// Comments out line `number` (1-based) with `prefix` before it; never deletes it.
    void comment_out_line(const std::string& path, int number, const std::string& prefix,
                          std::string description);
    /// Moves a file or link into the journal (nothing is ever deleted).
    void move_aside(const std::string& path, std::string description);
    /// Creates or replaces a symlink.
    void make_link(const std::string& path, const std::string& target, std::string description);
    /// Runs a program after the file operations before it; `writes` are journaled first.
    void run_command(std::vector<std::string> command, std::vector<std::string> writes,
                     std::string description);
    /// Sets a mixer control of the running card through alsa-lib; undo sets `before` back.
    void set_control(ControlSetting after, ControlSetting before, std::string description);

  private:
    const Root& m_root;
    Plan& m_plan;
    const std::vector<Plan>* m_earlier;
};

/// "card 0 'Master Playback Switch' = true,true" (index shown when not 0).
std::string describe_control(const ControlSetting& setting);

/// A unified diff ("--- a/path", "+++ b/path", @@ hunks with 3 lines of context) of a file
/// change; empty when nothing changes.
std::string unified_diff(const std::string& path, const std::optional<std::string>& before,
                         const std::optional<std::string>& after);

/// The whole preview of a plan: each operation in words, file edits as diffs, commands, manual
/// steps.
std::string describe_plan(const Plan& plan);

}  // namespace sndoctor
