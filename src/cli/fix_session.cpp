#include "cli/fix_session.hpp"

#include <unistd.h>

#include <algorithm>
#include <iostream>

#include "checks/checks.hpp"
#include "core/environment.hpp"
#include "core/text.hpp"
#include "engine/runner.hpp"
#include "facts/facts.hpp"

namespace sndoctor::cli {

WritableRoot open_writable_root(const Options& options) {
    if (options.demo)
        throw UsageError(
            "the bundled demo is shared by every run and is not changed; copy it "
            "(cp -a DEMO /tmp/demo) and use --root /tmp/demo");
    WritableRoot writable;
    writable.chosen = choose_root(options, DemoFallback::never);
    const auto& header = writable.chosen.header;
    writable.disk = open_disk(header.root, header.source);
    return writable;
}

Recheck verify_checks(const Options& options, const std::vector<std::string>& check_ids) {
    ChosenRoot fresh = choose_root(options, DemoFallback::never);
    Facts facts(*fresh.root,
                environment_from_process(options.user, fresh.header.source == RootSource::live));
    Recheck out;
    for (auto& result : run_checks(checks::registry(), facts)) {
        if (std::find(check_ids.begin(), check_ids.end(), result.id) == check_ids.end())
            continue;
        out.statuses.push_back({result.id, std::string(to_string(result.status)), result.summary});
        out.results.push_back(std::move(result));
    }
    return out;
}

bool print_verifications(const std::vector<Verification>& verifications) {
    bool still_wrong = false;
    for (const auto& v : verifications) {
        std::cout << "  " << v.check << ": " << v.status << " (" << v.summary << ")\n";
        still_wrong |= v.status == "warn" || v.status == "fail" || v.status == "error";
    }
    return still_wrong;
}

bool confirm() {
    if (!::isatty(STDIN_FILENO)) {
        std::cout << "\nNot applied: standard input is not a terminal. Add --yes to apply.\n";
        return false;
    }
    std::cout << "\nApply these changes? [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    answer = std::string(trim(answer));
    return answer == "y" || answer == "Y" || answer == "yes";
}

std::vector<std::string> root_command_arguments(const Options& options,
                                                const std::string& command) {
    std::vector<std::string> arguments;
    for (auto word : split_words(command))
        arguments.emplace_back(word);
    if (options.root) {
        arguments.emplace_back("--root");
        arguments.push_back(*options.root);
    }
    if (!options.user.empty()) {
        arguments.emplace_back("--user");
        arguments.push_back(options.user);
    }
    return arguments;
}

std::string as_root_command(const Options& options, const std::string& command) {
    std::string out = "sudo " + options.program;
    for (const auto& argument : root_command_arguments(options, command))
        out += " " + argument;
    return out;
}

}  // namespace sndoctor::cli
