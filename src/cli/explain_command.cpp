#include <algorithm>
#include <iostream>

#include "checks/checks.hpp"
#include "cli/commands.hpp"

namespace sndoctor::cli {

int run_explain(const Options& options) {
    if (options.arguments.empty()) {
        std::cout << "The checks, in the order they run:\n";
        for (const auto* check : checks::registry())
            std::cout << "  " << check->id
                      << std::string(26 - std::min<std::size_t>(25, check->id.size()), ' ')
                      << check->title << "\n";
        std::cout << "\n'sndoctor explain ID' tells why one of them matters.\n";
        return 0;
    }
    const auto* check = checks::find_check(options.arguments.front());
    if (check == nullptr)
        throw UsageError("no check is called '" + options.arguments.front() +
                         "'; 'sndoctor explain' lists them");
    std::cout << check->id << ": " << check->title << "\n\n" << check->explanation << "\n";
    if (!check->needs.empty()) {
        std::cout << "\nRuns after:";
        for (auto need : check->needs)
            std::cout << " " << need;
        std::cout << " (skipped when one of them fails).\n";
    }
    if (!check->fixes.empty()) {
        std::cout << "\nFixes:\n";
        for (const auto& fix : check->fixes)
            std::cout << "  " << fix.id << ": " << fix.title
                      << (fix.needs_root ? " (needs root)" : "") << "\n";
    }
    return 0;
}

}  // namespace sndoctor::cli
