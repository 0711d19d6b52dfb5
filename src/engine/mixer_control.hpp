#pragma once

#include "engine/plan.hpp"

namespace sndoctor {

/// Sets a mixer control of a running card through alsa-lib (what `amixer cset` does, in
/// process): the element is found by name and index on the mixer interface, each value is
/// read as its type wants it ("true"/"on" for a switch, a number for a volume, an item name or
/// number for an enumeration) and one value is used for every channel. Throws WriteError
/// naming /dev/snd/controlC<N> when the card, the element or a value is not there.
void write_mixer_control(const ControlSetting& setting);

}  // namespace sndoctor
