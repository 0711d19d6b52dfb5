#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.hpp"

namespace sndoctor {

class Facts;
class Root;

/// A process with a sound device open (/dev/snd/...): while it runs, the sound drivers cannot
/// be unloaded.
struct SoundUser {
    int pid = 0;
    std::string command;  ///< /proc/PID/comm ("pipewire")
    std::string device;   ///< the first /dev/snd node it has open
    Evidence where;       ///< /proc/PID/fd/N → the device
    /// Every /dev/snd node it has open, each once, in the order of its descriptors' names: a
    /// sound server often opens the sequencer before a card's devices.
    std::vector<std::string> devices;
};

/// The processes that hold sound devices, from /proc/PID/fd of the root (one entry a process).
/// A process that ends during the scan, or whose descriptors this user may not read, is passed
/// over: only root sees every process (and only root can reload drivers).
struct SoundUsers {
    std::vector<SoundUser> users;

    /// Every process of the root: what a driver reload must wait for.
    static SoundUsers load(Facts& facts);
    static SoundUsers read(const Root& root);
    /// Only the processes `pids`, in that order: who among known processes holds a device,
    /// without a readlink for every descriptor of every other process (a desktop has
    /// thousands).
    static SoundUsers read(const Root& root, std::span<const int> pids);
};

/// How the usual holders let go, for messages that ask to close them: "a sound server stops
/// with 'systemctl --user stop ...' or 'pulseaudio -k'".
std::string_view stop_sound_server_advice();

}  // namespace sndoctor
