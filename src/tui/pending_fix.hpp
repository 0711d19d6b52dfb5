#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/root.hpp"
#include "engine/plan.hpp"
#include "facts/facts.hpp"
#include "tui/app_model.hpp"

namespace sndoctor::ui {

/// A fix shown on the plan page and waiting for y: the facts it was planned from (a fix's
/// after_apply step reads them), its plans, and the checks to run again afterwards.
struct AppModel::PendingFix {
    std::unique_ptr<Root> root;
    std::unique_ptr<Facts> facts;
    std::vector<Result> results;
    std::vector<Plan> plans;
    std::vector<std::string> verify_ids;
    std::string check_id;
    bool can_apply = false;  ///< false: only steps for the user, or root privileges needed
};

}  // namespace sndoctor::ui
