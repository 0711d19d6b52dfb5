#include <iostream>

#include "checks/checks.hpp"
#include "cli/commands.hpp"
#include "cli/root_choice.hpp"
#include "core/environment.hpp"
#include "engine/runner.hpp"
#include "facts/facts.hpp"

namespace sndoctor::cli {

namespace {

void require_known_ids(const std::vector<std::string>& ids) {
    for (const auto& id : ids) {
        if (checks::find_check(id))
            continue;
        std::string known;
        for (const auto* check : checks::registry())
            known += "\n  " + std::string(check->id);
        throw UsageError("no check is called '" + id + "'; the checks are:" + known);
    }
}

}  // namespace

int run_check(const Options& options) {
    require_known_ids(options.only);
    auto fallback = options.command == Command::assistant ? DemoFallback::when_no_sound_card
                                                          : DemoFallback::never;
    ChosenRoot chosen = choose_root(options, fallback);
    if (!chosen.notice.empty())
        std::cerr << chosen.notice << "\n\n";
    bool live = chosen.header.source == RootSource::live;
    const std::string& user = options.user.empty() ? chosen.default_user : options.user;
    Facts facts(*chosen.root, environment_from_process(user, live));
    auto results = run_checks(checks::registry(), facts, options.only);
    if (options.json) {
        std::cout << render_json(chosen.header, results);
    } else {
        auto style =
            style_for_stdout(options.no_color ? ColourRequest::never : ColourRequest::automatic);
        std::cout << render_table(chosen.header, results, style,
                                  options.verbose ? Detail::verbose : Detail::summary);
    }
    return exit_code_for(results);
}

}  // namespace sndoctor::cli
