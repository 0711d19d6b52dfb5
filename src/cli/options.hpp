#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sndoctor::cli {

enum class Command { assistant, check, explain, fix, undo, history, hda, report, help, version };

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
    bool reset = false;                  ///< hda retask --reset: drop the user pin values
    std::vector<std::string> arguments;  ///< positional arguments (explain ID, fix ID, undo ID)
    /// How the "run it as root" lines name this program (main sets it: program_for_sudo()).
    std::string program = "sndoctor";

    std::optional<std::string> report;  ///< --report FILE: an alsa-info report as the root
    // report: where and how the report is written.
    std::optional<std::string> output;  ///< -o FILE
    std::string format = "alsa-info";   ///< --format alsa-info|json
    bool anonymize = false;             ///< --anonymize

    // hda: which codec, and from where.
    std::optional<int> card;               ///< --card N
    std::optional<int> codec;              ///< --codec M (the codec address)
    std::optional<std::string> dump;       ///< --dump FILE: a codec dump or alsa-info report
    std::optional<std::string> emulate;    ///< --emulate FILE: verbs go to a codec built from it
    bool force = false;                    ///< --force: verbs that can reset or power down
    std::optional<std::string> gpio_mask;  ///< hda gpio --mask M
    std::optional<std::string> gpio_dir;   ///< hda gpio --dir D
    std::optional<std::string> gpio_data;  ///< hda gpio --data V
    std::vector<std::string> gpio_set;     ///< hda gpio --set LINE=on|off (repeatable)
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
