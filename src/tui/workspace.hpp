#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/environment.hpp"
#include "core/root.hpp"
#include "engine/disk.hpp"

namespace sndoctor::ui {

/// The system the assistant works on and what the command line around it provides. The model
/// only goes through these, so tests hand it a fixture root and the cli hands it the real one
/// (or the temporary copy of the demo).
struct Workspace {
    std::string root;  ///< "/", the directory (for the demo: its temporary copy), or the report
    RootSource source = RootSource::live;
    bool demo = false;
    /// Said once when the assistant opens (why the demo was chosen, what a report lacked).
    std::string notice;
    /// A fresh view of the system for each run of the checks (files change under fixes).
    std::function<std::unique_ptr<Root>()> open_root;
    /// Where fixes write; empty when nothing can be written (a report is not a system).
    std::function<std::unique_ptr<Disk>()> open_disk;
    std::function<Environment()> environment;
    /// The command that does `command` ("fix ID --yes") as root on this system:
    /// "sudo sndoctor fix ID --yes --root DIR".
    std::function<std::string(const std::string& command)> as_root_command;
    /// Runs that command through sudo on the terminal (the user sees its output and answers its
    /// password prompt) and returns its exit status. Empty where it cannot be offered: a report,
    /// no sudo installed.
    std::function<int(const std::string& command)> run_as_root;
    /// Writes the alsa-info report and its JSON, returns the files written; throws with the
    /// reason when it cannot.
    std::function<std::vector<std::string>()> export_report;
};

}  // namespace sndoctor::ui
