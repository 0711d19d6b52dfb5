#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "checks/checks.hpp"
#include "cli/commands.hpp"
#include "cli/report_export.hpp"
#include "cli/root_choice.hpp"
#include "core/environment.hpp"
#include "core/unique_fd.hpp"
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

}  // namespace

void write_report_file(const std::string& file, const std::string& content) {
    // A device, a pipe or a terminal (-o /dev/null, /dev/stdout, a fifo) is written into: the
    // atomic write would put a regular file in its place.
    std::error_code error;
    auto status = std::filesystem::status(file, error);
    if (!error && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
        !std::filesystem::is_directory(status)) {
        UniqueFd out(::open(file.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY));
        if (!out)
            throw WriteError(file, std::string("cannot open: ") + std::strerror(errno));
        for (std::size_t done = 0; done < content.size();) {
            ssize_t wrote = ::write(out.get(), content.data() + done, content.size() - done);
            if (wrote < 0 && errno == EINTR)
                continue;
            if (wrote <= 0)
                throw WriteError(file, std::string("write failed: ") + std::strerror(errno));
            done += static_cast<std::size_t>(wrote);
        }
        return;
    }
    std::filesystem::path path = std::filesystem::absolute(file);
    auto disk = open_disk(path.parent_path().string(), RootSource::dir);
    std::string name = "/" + path.filename().string();
    disk->write_atomic(name, content, disk->state(name));
}

ReportOutput make_report(const Options& options) {
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
    ReportOutput output;
    for (const auto& problem : report.problems)
        output.problems.push_back(problem.path +
                                  (problem.line > 0 ? ":" + std::to_string(problem.line) : "") +
                                  ": " + problem.reason);
    output.content = options.format == "json"
                         ? report::write_json(
                               report, nlohmann::ordered_json::parse(render_json(header, results)))
                         : report::write_alsa_info(report);
    return output;
}

int run_report(const Options& options) {
    ReportOutput output = make_report(options);
    for (const auto& problem : output.problems)
        std::cerr << "sndoctor: " << problem << "\n";
    if (options.output)
        write_report_file(*options.output, output.content);
    else
        std::cout << output.content;
    return 0;
}

}  // namespace sndoctor::cli
