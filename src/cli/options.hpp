#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sndoctor::cli {

enum class Command { assistant, check, explain, fix, undo, history, help, version };

/// The command line, parsed; nothing here touches the system.
struct Options {
    Command command = Command::assistant;
    std::optional<std::string> root;  ///< --root DIR
    bool demo = false;                ///< --demo: the bundled demo system
    std::string user;                 ///< --user NAME
    std::vector<std::string> only;    ///< --only ID (repeatable, or comma-separated)
    bool json = false;
    bool verbose = false;
    bool no_color = false;
    bool yes = false;                    ///< fix: apply without asking
    bool dry_run = false;                ///< fix: only print the plan
    bool all = false;                    ///< fix --all: every linked fix of the failing checks
    std::vector<std::string> arguments;  ///< positional arguments (explain ID, fix ID, undo ID)
};

/// A command line that cannot be obeyed; main prints it with the usage hint and exits 64.
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

Options parse_options(const std::vector<std::string>& args);

/// The --help text.
const char* usage_text();

}  // namespace sndoctor::cli
