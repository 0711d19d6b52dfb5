#include <nlohmann/json.hpp>

#include "cli/views.hpp"

namespace sndoctor::cli {

namespace {}  // namespace

std::string render_json(const RunHeader& header, const std::vector<Result>& results) {
    using Json = nlohmann::ordered_json;
    Json checks = Json::array();
    Json counts = Json::object();
    for (Status status : k_all_statuses)
        counts[std::string(to_string(status))] = 0;
    for (const auto& result : results) {
        Json evidence = Json::array();
        for (const auto& item : result.evidence)
            evidence.push_back({{"path", item.path}, {"line", item.line}, {"text", item.text}});
        Json fixes = Json::array();
        for (const auto& fix : result.fixes)
            fixes.push_back({{"id", fix.id}, {"title", fix.title}, {"needs_root", fix.needs_root}});
        checks.push_back({{"id", result.id},
                          {"title", result.title},
                          {"status", to_string(result.status)},
                          {"summary", result.summary},
                          {"evidence", std::move(evidence)},
                          {"explanation", result.explanation},
                          {"fixes", std::move(fixes)},
                          {"duration_ms", result.duration_ms}});
        counts[std::string(to_string(result.status))] =
            counts[std::string(to_string(result.status))].get<int>() + 1;
    }
    Json document = {{"schema", "sndoctor.check/1"}, {"tool_version", SNDOCTOR_VERSION},
                     {"root", header.root},          {"source", to_string(header.source)},
                     {"demo", header.demo},          {"checks", std::move(checks)},
                     {"counts", std::move(counts)}};
    // Invalid UTF-8 from a broken file must not abort the output: replace it.
    return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace sndoctor::cli
