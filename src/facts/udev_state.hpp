#pragma once

#include <string>
#include <vector>

#include "engine/result.hpp"

namespace sndoctor {

class Facts;
class Root;

/// Whether a device manager (udev or eudev) runs, which is what creates the /dev/snd nodes for the
/// cards the kernel registers. On the live system libudev answers; for a copied tree or a fixture
/// the root's own files do (run/udev/control), and the host's udev is never asked.
struct UdevState {
    static constexpr const char* k_control_path = "/run/udev/control";

    bool running = false;
    Evidence evidence;  ///< run/udev/control, present or missing, and what that means
    /// Device nodes udev knows in the "sound" subsystem ("/dev/snd/controlC0"); live system only.
    std::vector<std::string> sound_nodes;

    static UdevState load(Facts& facts);
    /// The answer a tree gives by its files alone.
    static UdevState from_files(const Root& root);
};

}  // namespace sndoctor
