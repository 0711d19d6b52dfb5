#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "engine/result.hpp"

namespace sndoctor {

class Facts;
class Root;

/// The commands of modprobe.d(5) that kmod acts on.
enum class ModprobeCommand { options, alias, blacklist, install, remove, softdep };

/// One command line of the modprobe configuration, as kmod stores it.
struct ModprobeEntry {
    ModprobeCommand command = ModprobeCommand::options;
    /// The module the line is about, in kmod's form ('-' → '_'): for `alias`, the module the
    /// alias leads to.
    std::string module;
    /// `alias` only: the alias name ("snd_card_0", or a pattern such as "pci:v*d*...").
    std::string alias;
    /// The rest of the line as kmod keeps it: the option string of `options`, the shell command
    /// of `install`/`remove`, the "pre: ... post: ..." list of `softdep`. Empty otherwise.
    std::string argument;
    /// The file (in-root path), the line the command starts on, and the logical line's text
    /// (continuations joined) for evidence.
    Evidence where;
};

/// A configuration file kmod reads, and the files of the same name that it hides.
struct ModprobeFile {
    std::string path;                 ///< in-root path ("/etc/modprobe.d/alsa.conf")
    std::vector<std::string> hidden;  ///< same-name files in later directories, never read
};

/// One parameter of an option string ("model=auto" → {"model", "auto"}), split as the kernel
/// splits module arguments (blanks separate, double quotes group).
struct ModuleParam {
    std::string name;   ///< as written ("model", "#my")
    std::string value;  ///< empty when the word has no '='
    bool has_value = false;
};

/// The modprobe configuration as kmod reads it (modprobe.d(5)): the directories of
/// k_modprobe_config_dirs in that precedence plus the legacy /etc/modprobe.conf; in a directory
/// only names ending in ".conf" (or kmod's old ".alias") that do not start with '.'; a name
/// seen in an earlier location hides the same name in later ones; all files are read in one
/// order sorted by name. Lines are joined at a trailing backslash, '#' at the start of a line
/// makes a comment, and module names treat '-' and '_' alike. Files are read through the root,
/// so a report's copy of /etc/modprobe.d works as well as a directory tree.
struct ModprobeConfig {
    /// Larger than any hand-written configuration; a bigger file is junk, not configuration.
    static constexpr std::size_t k_read_cap = 1024 * 1024;

    std::vector<ModprobeFile> files;     ///< in the order kmod reads them
    std::vector<ModprobeEntry> entries;  ///< every command, in kmod's order
    /// Lines kmod ignores or reads differently from what the author meant, and files that
    /// could not be read; the parse goes on past each.
    std::vector<ParseProblem> problems;

    static ModprobeConfig load(Facts& facts);
    /// Finds and reads the configuration files of `root` in kmod's order.
    static ModprobeConfig read(const Root& root);
    /// Parses the text of one file (named `path` in evidence), as kmod does.
    static ModprobeConfig parse(const std::string& path, std::string_view text);

    /// Appends the commands of one file's text (the work of `parse`).
    void add_file_text(const std::string& path, std::string_view text);
};

/// Splits an option string as the kernel's parse_args() does: words separated by blanks, where
/// double quotes keep blanks inside a word and are removed around a value.
std::vector<ModuleParam> split_module_params(std::string_view options);

}  // namespace sndoctor
