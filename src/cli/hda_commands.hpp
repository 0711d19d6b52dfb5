#pragma once

#include "cli/options.hpp"

/// The `sndoctor hda` subcommands, one file each (src/cli/hda_<name>_command.cpp). Each gets the
/// options with `arguments` after the subcommand's name, and returns the exit code.
namespace sndoctor::cli {}  // namespace sndoctor::cli
