#include <algorithm>
#include <map>

#include "cli/views.hpp"
#include "core/text.hpp"

namespace sndoctor::cli {

namespace {

std::string describe_origin(const RunHeader& header) {
    if (header.demo)
        return "the bundled demo system (" + header.root + "), not this machine";
    switch (header.source) {
        case RootSource::live:
            return "this machine (/)";
        case RootSource::dir:
            return "the tree " + header.root;
        case RootSource::report:
            return "the report " + header.root;
    }
    return header.root;
}

std::string evidence_line(const Evidence& evidence) {
    std::string where = evidence.path;
    if (evidence.line > 0)
        where += ":" + std::to_string(evidence.line);
    if (evidence.text.empty())
        return where;
    return where + ": " + clip(evidence.text, 160);
}

}  // namespace

std::string render_table(const RunHeader& header, const std::vector<Result>& results,
                         const TextStyle& style, Detail detail) {
    std::string out = style.emphasis("sndoctor " SNDOCTOR_VERSION) + " checking " +
                      describe_origin(header) + "\n\n";
    std::size_t id_width = 0;
    for (const auto& result : results)
        id_width = std::max(id_width, result.id.size());
    std::map<Status, int> counts;
    for (const auto& result : results) {
        ++counts[result.status];
        std::string id = result.id;
        id.resize(id_width, ' ');
        out += "  " + style.status_label(result.status) + " " + id + "  " + result.summary + "\n";
        if (detail != Detail::verbose || result.status == Status::pass)
            continue;
        for (const auto& evidence : result.evidence)
            out += "        " + evidence_line(evidence) + "\n";
        for (const auto& fix : result.fixes)
            out += "        fix: " + fix.title + " (" + fix.id +
                   (fix.needs_root ? ", needs root)" : ")") + "\n";
    }
    out += "\n" + tally(results) + ".\n";
    bool problems = counts[Status::fail] + counts[Status::warn] + counts[Status::error] > 0;
    if (problems && detail != Detail::verbose)
        out +=
            "Run 'sndoctor check --verbose' for the evidence, 'sndoctor explain ID' for why "
            "a check matters.\n";
    else if (!problems)
        out += "No problems found by these checks.\n";
    return out;
}

}  // namespace sndoctor::cli
