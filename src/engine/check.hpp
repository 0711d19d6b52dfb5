#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/result.hpp"

namespace sndoctor {

class Facts;

/// A fix a check can link to. The fix itself lives under fixes/ (the fix engine).
struct FixDescriptor {
    std::string_view id;
    std::string_view title;
    bool needs_root = true;
};

/// What a check's function returns; the runner adds the id, title, explanation and timing.
struct Finding {
    Status status = Status::pass;
    std::string summary;
    std::vector<Evidence> evidence;
    /// Said after the check's fixed explanation: what this system showed (paths found, what to
    /// look at next). Empty when the fixed text is enough.
    std::string detail;
    /// Ids (from the descriptor's `fixes`) that apply to this finding.
    std::vector<std::string_view> fixes;

    Finding& with(Evidence item) {
        evidence.push_back(std::move(item));
        return *this;
    }
};

/// One row of the check table (STYLE.md: a const descriptor and a pure function over the facts).
struct CheckDescriptor {
    std::string_view id;     ///< stable `area.name`
    std::string_view title;  ///< a short noun phrase for tables
    std::string_view area;  ///< kernel, modules, packages, modprobe, permissions, state, cards, ...
    std::vector<std::string_view> needs;  ///< checks that must not have failed first
    /// Paths an alsa-info report must carry for the check to mean anything (a report holds no
    /// /lib/modules, no /etc/group): on a report root that lacks one, the check is skipped as
    /// "not in the report" instead of judging what it cannot see.
    std::vector<std::string_view> report_needs = {};
    /// Why this matters, in a few sentences a newcomer understands (`sndoctor explain ID`).
    std::string_view explanation;
    std::vector<FixDescriptor> fixes;
    Finding (*run)(Facts& facts);
};

/// Shorthand constructors so a check reads as its verdicts.
Finding make_finding(Status status, std::string summary, std::vector<Evidence> evidence = {});

/// The first of several problems as one summary: "X (and 2 more problems)"; the evidence and
/// the detail list them all.
std::string first_of_problems(const std::vector<std::string>& problems);

}  // namespace sndoctor
