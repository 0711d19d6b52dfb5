#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/plan.hpp"
#include "engine/result.hpp"
#include "fixes/fixes.hpp"

/// Which fixes a set of results calls for, shared by `sndoctor fix` and the assistant so both
/// pick, plan and verify the same way.
namespace sndoctor::fixes {

/// A result a fix can act on: one that warns or fails, or an `info` that links a fix, which
/// finishes what an earlier fix began (a corrected card order waits for the drivers to reload).
bool needs_fixing(const Result& result);

/// Whether `result` links the fix `fix_id`.
bool links(const Result& result, std::string_view fix_id);

/// Adds the fix `fix_id` for `result` to `chosen` unless it is unknown or chosen already.
void choose_fix(std::vector<ChosenFix>& chosen, std::string_view fix_id, const Result& result);

/// The checks to run again after `plans` are applied: every check that asked for a planned fix
/// or links one (a fix that serves two checks repairs both), in check order, each once.
std::vector<std::string> checks_to_verify(const std::vector<Plan>& plans,
                                          const std::vector<Result>& results);

}  // namespace sndoctor::fixes
