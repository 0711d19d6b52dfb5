#pragma once

#include "cli/options.hpp"

namespace sndoctor::cli {

/// `sndoctor` with no command: the interactive assistant on a terminal (the checks, their
/// evidence, fixes with preview and undo, the history, the report); without a terminal, `check`.
int run_assistant(const Options& options);

/// `sndoctor check`: runs the checks and prints the table or JSON; returns the exit code.
int run_check(const Options& options);

/// `sndoctor explain [ID]`: one check's explanation, or the list of checks.
int run_explain(const Options& options);

/// `sndoctor fix ID|--all`: plan, preview, confirm, apply with a journal, verify.
int run_fix(const Options& options);

/// `sndoctor undo [ID]`: restore a journal entry and check again.
int run_undo(const Options& options);

/// `sndoctor history`: the journal entries.
int run_history(const Options& options);

/// `sndoctor report [-o FILE] [--format alsa-info|json] [--anonymize]`: the alsa-info report of
/// the root, with sndoctor's findings.
int run_report(const Options& options);

/// `sndoctor hda SUBCOMMAND ...`: the HD-Audio codec tools (cli/hda_commands.hpp).
int run_hda(const Options& options);

}  // namespace sndoctor::cli
