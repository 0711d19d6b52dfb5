#include "cli/root_choice.hpp"

#include <unistd.h>

#include "core/error.hpp"
#include "facts/card_list.hpp"
#include "report/report_root.hpp"

namespace sndoctor::cli {

namespace {

/// The demo tree: next to the build when run from the build directory, else where it installs.
std::string demo_directory() {
    for (const char* candidate : {SNDOCTOR_DEMO_DIR, SNDOCTOR_INSTALLED_DEMO_DIR})
        if (::access(candidate, R_OK | X_OK) == 0)
            return candidate;
    throw InputError(SNDOCTOR_INSTALLED_DEMO_DIR,
                     "the demo system is not installed (build sndoctor with meson first)");
}

/// What the reader could not use in the report, one line each, for the user to see before the
/// results (the checks run on what it could).
std::string report_problems(const std::vector<ParseProblem>& problems) {
    std::string text;
    for (const auto& problem : problems)
        text += (text.empty() ? "" : "\n") + problem.path +
                (problem.line > 0 ? ":" + std::to_string(problem.line) : "") + ": " +
                problem.reason;
    return text;
}

}  // namespace

bool has_sound_card(const Root& root) {
    try {
        auto text = root.read(CardList::k_path);
        return text && !CardList::parse(*text, std::nullopt).cards.empty();
    } catch (const InputError&) {
        // An unreadable card list is a problem to show on this machine, not a reason for the demo.
        return true;
    }
}

ChosenRoot choose_root(const Options& options, DemoFallback fallback) {
    ChosenRoot chosen;
    if (options.report) {
        auto loaded = report::open_report_root(*options.report);
        chosen.root = std::move(loaded.root);
        chosen.header = {*options.report, RootSource::report, false};
        chosen.notice = report_problems(loaded.report.problems);
        return chosen;
    }
    if (options.root) {
        chosen.root = open_dir_root(*options.root, RootSource::dir);
        chosen.header = {*options.root, RootSource::dir, false};
        return chosen;
    }
    if (!options.demo) {
        chosen.root = open_dir_root("/", RootSource::live);
        chosen.header = {"/", RootSource::live, false};
        if (fallback == DemoFallback::never || has_sound_card(*chosen.root))
            return chosen;
        chosen.notice =
            "This machine has no sound card that ALSA knows of (/proc/asound/cards lists "
            "none), so sndoctor opened its demo system instead. Run 'sndoctor check' to check "
            "this machine anyway.";
    }
    std::string demo = demo_directory();
    chosen.root = open_dir_root(demo, RootSource::dir);
    chosen.header = {demo, RootSource::dir, true};
    chosen.default_user = "alex";  // data/demo/etc/passwd
    return chosen;
}

}  // namespace sndoctor::cli
