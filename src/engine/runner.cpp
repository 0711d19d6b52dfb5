#include "engine/runner.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"

namespace sndoctor {

Finding make_finding(Status status, std::string summary, std::vector<Evidence> evidence) {
    Finding finding;
    finding.status = status;
    finding.summary = std::move(summary);
    finding.evidence = std::move(evidence);
    return finding;
}

std::string first_of_problems(const std::vector<std::string>& problems) {
    if (problems.empty())
        return {};
    std::string summary = problems.front();
    if (problems.size() > 1)
        summary += " (and " + plural(problems.size() - 1, "more problem", "more problems") + ")";
    return summary;
}

namespace {

bool blocks_dependants(Status status) {
    return status == Status::fail || status == Status::error || status == Status::skip;
}

Finding run_guarded(const CheckDescriptor& check, Facts& facts) {
    try {
        return check.run(facts);
    } catch (const InputError& e) {
        return make_finding(Status::error, "could not read " + e.path() + ": " + e.reason(),
                            {Evidence{e.path(), e.line(), e.reason()}});
    } catch (const std::exception& e) {
        return make_finding(Status::error, std::string("the check failed: ") + e.what());
    }
}

Result to_result(const CheckDescriptor& check, Finding finding, double duration_ms) {
    Result result;
    result.id = check.id;
    result.title = check.title;
    result.status = finding.status;
    result.summary = std::move(finding.summary);
    result.evidence = std::move(finding.evidence);
    result.explanation = check.explanation;
    if (!finding.detail.empty())
        result.explanation += "\n\n" + finding.detail;
    for (std::string_view id : finding.fixes) {
        auto fix = std::find_if(check.fixes.begin(), check.fixes.end(),
                                [&](const FixDescriptor& f) { return f.id == id; });
        if (fix != check.fixes.end())
            result.fixes.push_back(
                {std::string(fix->id), std::string(fix->title), fix->needs_root});
    }
    result.duration_ms = duration_ms;
    return result;
}

/// The selected ids and, transitively, every check they need.
std::set<std::string_view> closure(const std::vector<const CheckDescriptor*>& checks,
                                   const std::vector<std::string>& only) {
    std::map<std::string_view, const CheckDescriptor*> by_id;
    for (const auto* check : checks)
        by_id[check->id] = check;
    std::set<std::string_view> wanted;
    std::vector<std::string_view> pending(only.begin(), only.end());
    while (!pending.empty()) {
        auto id = pending.back();
        pending.pop_back();
        auto it = by_id.find(id);
        if (it == by_id.end() || !wanted.insert(it->first).second)
            continue;
        pending.insert(pending.end(), it->second->needs.begin(), it->second->needs.end());
    }
    return wanted;
}

}  // namespace

std::vector<Result> run_checks(const std::vector<const CheckDescriptor*>& checks, Facts& facts,
                               const std::vector<std::string>& only,
                               const std::function<void(const Result&)>& on_result) {
    auto to_run = only.empty() ? std::set<std::string_view>{} : closure(checks, only);
    std::map<std::string_view, Status> status_of;
    std::vector<Result> results;
    for (const auto* check : checks) {
        if (!only.empty() && !to_run.count(check->id))
            continue;
        auto started = std::chrono::steady_clock::now();
        Finding finding;
        auto blocker = std::find_if(check->needs.begin(), check->needs.end(), [&](auto need) {
            auto it = status_of.find(need);
            return it != status_of.end() && blocks_dependants(it->second);
        });
        auto missing =
            std::find_if(check->report_needs.begin(), check->report_needs.end(), [&](auto path) {
                return facts.root().source() == RootSource::report && !facts.root().exists(path);
            });
        if (blocker != check->needs.end()) {
            finding = make_finding(Status::skip, "skipped: " + std::string(*blocker) + " is " +
                                                     std::string(to_string(status_of[*blocker])));
        } else if (missing != check->report_needs.end()) {
            finding = make_finding(Status::skip,
                                   "not in the report: it holds no " + std::string(*missing));
        } else {
            finding = run_guarded(*check, facts);
        }
        std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - started;
        status_of[check->id] = finding.status;
        bool selected =
            only.empty() || std::find(only.begin(), only.end(), check->id) != only.end();
        if (!selected)
            continue;
        results.push_back(to_result(*check, std::move(finding), took.count()));
        if (on_result)
            on_result(results.back());
    }
    return results;
}

}  // namespace sndoctor
