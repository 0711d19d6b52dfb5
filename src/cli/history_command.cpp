#include <ctime>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/fix_session.hpp"
#include "engine/journal.hpp"

namespace sndoctor::cli {

namespace {

std::string local_time(std::int64_t seconds) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    ::localtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &tm);
    return text;
}

}  // namespace

int run_history(const Options& options) {
    ChosenRoot chosen = choose_root(options, DemoFallback::never);
    auto disk = open_disk(chosen.header.root, chosen.header.source);
    std::vector<std::string> problems;
    auto entries = Journal(*disk).entries(&problems);
    for (const auto& problem : problems)
        std::cerr << "sndoctor: skipped a journal entry: " << problem << "\n";
    if (entries.empty()) {
        std::cout << "No fixes have been applied here (" << k_journal_dir << " is empty).\n";
        return 0;
    }
    for (const auto& entry : entries) {
        std::string fixes;
        for (const auto& fix : entry.fixes)
            fixes += (fixes.empty() ? "" : ", ") + fix;
        std::cout << entry.id << "  " << local_time(entry.created) << "  " << to_string(entry.state)
                  << (entry.state == JournalState::undone ? " " + local_time(entry.undone_at) : "")
                  << "\n  fixes: " << fixes << "\n";
        for (const auto& op : entry.operations)
            std::cout << "  " << (op.done ? "[x] " : "[ ] ") << op.description << "\n";
        if (!entry.failure.empty())
            std::cout << "  stopped at " << entry.failure << "\n";
        for (const auto& v : entry.verify)
            std::cout << "  after: " << v.check << " " << v.status << "\n";
        std::cout << "\n";
    }
    return 0;
}

}  // namespace sndoctor::cli
