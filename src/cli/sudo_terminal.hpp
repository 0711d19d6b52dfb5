#pragma once

#include <string>
#include <vector>

/// The assistant's "s runs it through sudo": sndoctor run again as root on the user's terminal,
/// for a fix or an undo the user's own privileges cannot write.
namespace sndoctor::cli {

/// The sudo program found on PATH; empty when there is none (the assistant then only shows the
/// command).
std::string find_sudo();

/// This binary as the command to give sudo: "sndoctor" when it is installed where sudo's
/// secure_path finds it, else its full path (a binary in a build tree, or in ~/bin).
std::string program_for_sudo();

/// Runs `sudo -- <this program> <arguments>` on the terminal and waits for it; then, so that
/// its output can be read before the assistant draws over it, asks for Enter. Ctrl-C stops the
/// command, not the assistant. Returns the exit status (128 + the signal when one killed it,
/// 127 when it could not be started).
int run_through_sudo(const std::string& sudo, const std::vector<std::string>& arguments);

}  // namespace sndoctor::cli
