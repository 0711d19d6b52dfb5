#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sndoctor {

/// DESIGN.md "Statuses": skip means a prerequisite failed or the check does not apply here;
/// error means the check could not run (unreadable or malformed input).
enum class Status { pass, info, warn, fail, skip, error };

inline constexpr Status k_all_statuses[] = {Status::pass, Status::info, Status::warn,
                                            Status::fail, Status::skip, Status::error};

/// How bad a status is, to pick the worst of several findings: pass < skip < info < warn < fail
/// < error.
constexpr int severity(Status status) {
    switch (status) {
        case Status::pass:
            return 0;
        case Status::skip:
            return 1;
        case Status::info:
            return 2;
        case Status::warn:
            return 3;
        case Status::fail:
            return 4;
        case Status::error:
            return 5;
    }
    return 5;
}

std::string_view to_string(Status status);
std::optional<Status> status_from_string(std::string_view text);

/// How the views mark a status: "✓", "i", "!", "✗", "-", "☠" on a UTF-8 terminal, and the word
/// "PASS", "INFO", ... everywhere.
std::string_view status_glyph(Status status);
std::string_view status_word(Status status);

/// One line (or fact) that decided a result: the path inside the root, the 1-based line number
/// (0 when the evidence is the file as a whole), and the text.
struct Evidence {
    std::string path;
    int line = 0;
    std::string text;
};

/// A fix a result links to (the fix engine applies it).
struct FixLink {
    std::string id;
    std::string title;
    bool needs_root = true;
};

/// What one check found, as every view shows it.
struct Result {
    std::string id;
    std::string title;
    Status status = Status::pass;
    std::string summary;
    std::vector<Evidence> evidence;
    std::string explanation;
    std::vector<FixLink> fixes;
    double duration_ms = 0;
};

/// "6 failed, 2 warned": how many results have each status, worst first; "no checks ran".
std::string tally(const std::vector<Result>& results);

/// DESIGN.md "exit codes": 0 clean, 1 worst is warn, 2 any fail, 3 any error and no fail.
int exit_code_for(const std::vector<Result>& results);

}  // namespace sndoctor
