#pragma once

#include "cli/options.hpp"

/// The `sndoctor hda` subcommands, one file each (src/cli/hda_<name>_command.cpp). Each gets the
/// options with `arguments` after the subcommand's name, and returns the exit code.
namespace sndoctor::cli {

/// `sndoctor hda dump`: the parsed codec model of a dump file or a card's codecs.
int run_hda_dump(const Options& options);

/// `sndoctor hda pins [NID=HINT ...]`: the pins' default configurations and how their
/// associations group them into playback and capture devices.
int run_hda_pins(const Options& options);

/// `sndoctor hda verb NID VERB [PARAM]` (or `hda verb list`): one verb to a live or emulated
/// codec, by name or number; reset, function-group power-down and missing nodes need --force.
int run_hda_verb(const Options& options);

/// `sndoctor hda gpio [--mask M --dir D --data V | --set LINE=on|off]`: show the GPIO lines of
/// the audio function group, or change them.
int run_hda_gpio(const Options& options);

/// `sndoctor hda eapd NID [on|off]`: show or switch a pin's EAPD bit (refused on a pin without
/// the EAPD capability unless --force).
int run_hda_eapd(const Options& options);

/// `sndoctor hda retask [--card N --codec M] NID=CONFIG ... | --reset`: new default
/// configurations for pins of the running codec (sysfs user_pin_configs, then reconfig), after
/// a preview and a question; --reset writes the driver's own values back.
int run_hda_retask(const Options& options);

/// `sndoctor hda persist [--card N --codec M | --emulate FILE]`: the session's pin overrides and
/// GPIO/EAPD writes as a boot patch file and snd-hda-intel option, through the fix engine.
int run_hda_persist(const Options& options);

}  // namespace sndoctor::cli
