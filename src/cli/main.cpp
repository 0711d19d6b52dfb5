#include <malloc.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/sudo_terminal.hpp"
#include "core/error.hpp"
#include "engine/disk.hpp"

using namespace sndoctor;

int main(int argc, char** argv) {
    // A run reads files of some hundred KiB (a kernel configuration, modules.order) and lets
    // most go again. Kept in the heap for the next, such a buffer is not mapped, zeroed page by
    // page, faulted in and unmapped each time: 0.8% of a report's instructions in the test VM.
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    try {
        cli::Options options = cli::parse_options(std::vector<std::string>(argv + 1, argv + argc));
        options.program = cli::program_for_sudo();
        switch (options.command) {
            case cli::Command::help:
                std::cout << cli::usage_text();
                return 0;
            case cli::Command::version:
                std::cout << "sndoctor " SNDOCTOR_VERSION "\n";
                return 0;
            case cli::Command::explain:
                return cli::run_explain(options);
            case cli::Command::fix:
                return cli::run_fix(options);
            case cli::Command::undo:
                return cli::run_undo(options);
            case cli::Command::history:
                return cli::run_history(options);
            case cli::Command::hda:
                return cli::run_hda(options);
            case cli::Command::report:
                return cli::run_report(options);
            case cli::Command::check:
                return cli::run_check(options);
            case cli::Command::assistant:
                return cli::run_assistant(options);
        }
    } catch (const cli::UsageError& e) {
        std::cerr << "sndoctor: " << e.what() << "\nTry 'sndoctor --help'.\n";
        return 64;
    } catch (const WriteError& e) {
        std::cerr << "sndoctor: " << e.what() << "\n";
        return 3;
    } catch (const InputError& e) {
        std::cerr << "sndoctor: " << e.what() << "\n";
        return 66;
    } catch (const std::exception& e) {
        std::cerr << "sndoctor: internal error: " << e.what() << "\n";
        return 70;
    }
    return 0;
}
