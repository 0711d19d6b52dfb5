#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "checks/checks.hpp"
#include "cli/commands.hpp"
#include "cli/root_choice.hpp"
#include "core/environment.hpp"
#include "engine/disk.hpp"
#include "engine/runner.hpp"
#include "facts/facts.hpp"
#include "report/alsa_info_writer.hpp"
#include "report/anonymize.hpp"
#include "report/collector.hpp"
#include "report/json_writer.hpp"

namespace sndoctor::cli {

namespace {

std::string environment_value(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

/// Writes the report to FILE atomically (a temporary file beside it, then a rename), so that
/// an interrupted run never leaves half a report where a whole one was.
void write_output(const std::string& file, const std::string& content) {
    std::filesystem::path path = std::filesystem::absolute(file);
    auto disk = open_disk(path.parent_path().string(), RootSource::dir);
    std::string name = "/" + path.filename().string();
    disk->write_atomic(name, content, disk->state(name));
}

}  // namespace

int run_report(const Options& options) {
    ChosenRoot chosen = choose_root(options, DemoFallback::never);
    bool live = chosen.header.source == RootSource::live;
    const std::string& user = options.user.empty() ? chosen.default_user : options.user;
    Facts facts(*chosen.root, environment_from_process(user, live));
    auto results = run_checks(checks::registry(), facts);
    report::Report report = report::collect_report(facts, results);
    RunHeader header = chosen.header;
    if (options.anonymize) {
        report::Anonymizer anonymizer(*chosen.root, {facts.env().user, environment_value("USER"),
                                                     environment_value("SUDO_USER")});
        anonymizer.apply(report);
        for (auto& result : results)
            anonymizer.apply(result);
        header.root = anonymizer.apply(header.root);
    }
    for (const auto& problem : report.problems)
        std::cerr << "sndoctor: " << problem.path
                  << (problem.line > 0 ? ":" + std::to_string(problem.line) : "") << ": "
                  << problem.reason << "\n";
    std::string content =
        options.format == "json"
            ? report::write_json(report,
                                 nlohmann::ordered_json::parse(render_json(header, results)))
            : report::write_alsa_info(report);
    if (options.output)
        write_output(*options.output, content);
    else
        std::cout << content;
    return 0;
}

}  // namespace sndoctor::cli
