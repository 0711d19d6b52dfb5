#include "engine/result.hpp"

#include <algorithm>

namespace sndoctor {

std::string_view to_string(Status status) {
    switch (status) {
        case Status::pass:
            return "pass";
        case Status::info:
            return "info";
        case Status::warn:
            return "warn";
        case Status::fail:
            return "fail";
        case Status::skip:
            return "skip";
        case Status::error:
            return "error";
    }
    return "error";
}

std::optional<Status> status_from_string(std::string_view text) {
    for (Status status : k_all_statuses)
        if (to_string(status) == text)
            return status;
    return std::nullopt;
}

std::string_view status_glyph(Status status) {
    constexpr std::string_view glyphs[] = {"✓", "i", "!", "✗", "-", "☠"};
    return glyphs[static_cast<std::size_t>(status)];
}

std::string_view status_word(Status status) {
    constexpr std::string_view words[] = {"PASS", "INFO", "WARN", "FAIL", "SKIP", "ERROR"};
    return words[static_cast<std::size_t>(status)];
}

std::string tally(const std::vector<Result>& results) {
    const std::pair<Status, const char*> order[] = {
        {Status::fail, "failed"}, {Status::error, "could not run"}, {Status::warn, "warned"},
        {Status::info, "info"},   {Status::pass, "passed"},         {Status::skip, "skipped"},
    };
    std::string out;
    for (const auto& [status, word] : order) {
        // Captured by value: clang before 16 cannot capture a structured binding.
        auto count =
            std::count_if(results.begin(), results.end(),
                          [wanted = status](const Result& r) { return r.status == wanted; });
        if (count > 0)
            out += (out.empty() ? "" : ", ") + std::to_string(count) + " " + word;
    }
    return out.empty() ? "no checks ran" : out;
}

int exit_code_for(const std::vector<Result>& results) {
    auto any = [&](Status status) {
        return std::any_of(results.begin(), results.end(),
                           [&](const Result& r) { return r.status == status; });
    };
    if (any(Status::fail))
        return 2;
    if (any(Status::error))
        return 3;
    if (any(Status::warn))
        return 1;
    return 0;
}

}  // namespace sndoctor
