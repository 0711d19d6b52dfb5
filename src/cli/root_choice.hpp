#pragma once

#include <memory>

#include "cli/options.hpp"
#include "cli/views.hpp"
#include "core/error.hpp"
#include "core/root.hpp"

namespace sndoctor::cli {

/// When nothing names a system: look at this machine, or fall back to the demo when it has no
/// sound card (the assistant's behaviour; `check` always looks at this machine).
enum class DemoFallback { never, when_no_sound_card };

struct ChosenRoot {
    std::unique_ptr<Root> root;
    RunHeader header;
    /// Said to the user when the demo was chosen for them (empty otherwise).
    std::string notice;
    /// The user to check when --user names none: the demo's own user, whoever runs it (the
    /// person at this machine has no account on the made-up system). Empty: the usual rule.
    std::string default_user;
};

/// True when the root's /proc/asound/cards lists at least one card: the assistant's test for
/// "this machine has a sound card" before it falls back to the demo.
bool has_sound_card(const Root& root);

/// Opens the root the options name: --report FILE, --root DIR, --demo, or the live system. For a
/// report, `notice` lists what the reader could not use. Throws InputError when the report or
/// the directory cannot be opened or the demo is not installed.
ChosenRoot choose_root(const Options& options, DemoFallback fallback);

}  // namespace sndoctor::cli
