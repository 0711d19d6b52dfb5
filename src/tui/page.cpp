#include "tui/page.hpp"

#include <algorithm>

#include "tui/text_layout.hpp"

namespace sndoctor::ui {

Role role_for(Status status) {
    switch (status) {
        case Status::pass:
            return Role::pass;
        case Status::info:
            return Role::info;
        case Status::warn:
            return Role::warn;
        case Status::fail:
            return Role::fail;
        case Status::skip:
            return Role::skip;
        case Status::error:
            return Role::error;
    }
    return Role::normal;
}

std::vector<PageLine> wrapped_rows(const std::vector<PageLine>& lines, int width) {
    std::vector<PageLine> rows;
    for (const auto& line : lines) {
        // Indented lines (evidence, diffs, lists) keep their indent on continuation rows, or
        // hang further in when the line says so.
        std::size_t indent = line.text.find_first_not_of(' ');
        if (indent == std::string::npos || static_cast<int>(indent) * 2 >= width)
            indent = 0;
        std::size_t hang =
            line.hang > 0 && line.hang * 2 < width ? static_cast<std::size_t>(line.hang) : indent;
        // Every row is wrapped to what the continuation rows leave, so the first one may end a
        // little early: simpler than wrapping twice, and it never overflows.
        auto parts = wrap(std::string_view(line.text).substr(indent),
                          width - static_cast<int>(std::max(indent, hang)));
        for (std::size_t i = 0; i < parts.size(); ++i)
            rows.push_back(
                {std::string(i == 0 ? indent : hang, ' ') + parts[i], line.role, line.bold});
    }
    return rows;
}

}  // namespace sndoctor::ui
