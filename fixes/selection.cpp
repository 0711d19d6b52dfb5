#include "fixes/selection.hpp"

#include <algorithm>

namespace sndoctor::fixes {

bool needs_fixing(const Result& result) {
    return result.status == Status::warn || result.status == Status::fail ||
           (result.status == Status::info && !result.fixes.empty());
}

bool links(const Result& result, std::string_view fix_id) {
    return std::any_of(result.fixes.begin(), result.fixes.end(),
                       [&](const FixLink& link) { return link.id == fix_id; });
}

void choose_fix(std::vector<ChosenFix>& chosen, std::string_view fix_id, const Result& result) {
    const auto* fix = find_fix(fix_id);
    if (fix == nullptr)
        return;
    for (const auto& c : chosen)
        if (c.fix == fix)
            return;
    chosen.push_back({fix, &result});
}

std::vector<std::string> checks_to_verify(const std::vector<Plan>& plans,
                                          const std::vector<Result>& results) {
    std::vector<std::string> check_ids;
    for (const auto& plan : plans)
        for (const auto& result : results)
            if ((result.id == plan.check_id || links(result, plan.fix_id)) &&
                std::find(check_ids.begin(), check_ids.end(), result.id) == check_ids.end())
                check_ids.push_back(result.id);
    return check_ids;
}

}  // namespace sndoctor::fixes
