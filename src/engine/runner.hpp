#pragma once

#include <functional>
#include <string>
#include <vector>

#include "engine/check.hpp"
#include "engine/result.hpp"

namespace sndoctor {

class Facts;

/// Runs `checks` in their order over one set of facts. A check whose prerequisite failed (fail,
/// error or skip) reports skip and names it; a check that throws reports error with the reason,
/// and the rest still run. With `only` non-empty, results are kept for those ids alone, but
/// their prerequisites still run so that a skip means the same as in a full run. `on_result` is
/// called with each kept result as soon as it is known (the assistant's progress bar).
std::vector<Result> run_checks(const std::vector<const CheckDescriptor*>& checks, Facts& facts,
                               const std::vector<std::string>& only = {},
                               const std::function<void(const Result&)>& on_result = {});

}  // namespace sndoctor
