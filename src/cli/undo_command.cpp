#include <iostream>

#include "cli/commands.hpp"
#include "cli/fix_session.hpp"
#include "core/environment.hpp"
#include "core/text.hpp"
#include "engine/executor.hpp"

namespace sndoctor::cli {

int run_undo(const Options& options) {
    WritableRoot writable = open_writable_root(options);
    Journal journal(*writable.disk);
    std::vector<std::string> problems;
    auto entries = journal.entries(&problems);
    for (const auto& problem : problems)
        std::cerr << "sndoctor: skipped a journal entry: " << problem << "\n";
    JournalEntry* target = nullptr;
    if (options.arguments.empty())
        target = newest_undoable(entries);
    else
        for (auto& entry : entries)
            if (entry.id == options.arguments.front())
                target = &entry;
    if (target == nullptr) {
        if (!options.arguments.empty())
            throw UsageError("no journal entry is called '" + options.arguments.front() +
                             "'; 'sndoctor history' lists them");
        std::cout << nothing_to_undo(entries) << "\n";
        return fix_done;
    }
    if (target->state == JournalState::undone) {
        std::cout << target->id << " was undone already.\n";
        return fix_done;
    }
    if (!writable.disk->can_write(target->dir() + "/manifest.json")) {
        std::cout << "Nothing was changed: undo needs root privileges here.\nRun it as root: "
                  << as_root_command(options, "undo " + target->id) << "\n";
        return fix_needs_root;
    }
    bool live = writable.chosen.header.source == RootSource::live;
    undo_entry(*target, *writable.disk, environment_from_process(options.user, live).now);
    std::cout << "Undone: " << target->id << " (" << plural(target->records.size(), "path", "paths")
              << " restored as they were).\nChecking again:\n";
    target->verify_after_undo = verify_checks(options, target->checks).statuses;
    journal.save(*target);
    print_verifications(target->verify_after_undo);
    return fix_done;
}

}  // namespace sndoctor::cli
