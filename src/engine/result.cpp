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
