#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.hpp"

namespace sndoctor {

/// What a Sound Open Firmware file request is for.
enum class SofFileKind { firmware, library_dir, topology };

/// One file (or, for IPC4 libraries, directory) the SOF driver named in the kernel's log, as a
/// path under the firmware directory ("intel/sof/sof-tgl.ri").
struct SofLogFile {
    SofFileKind kind = SofFileKind::firmware;
    std::string name;
    Evidence line;
    /// The kernel said it could not load it, or listed it after "file not found": it was
    /// missing when the driver looked.
    bool failed = false;
};

/// The SOF lines of a kernel log (sound/soc/sof/fw-file-profile.c and the firmware loader):
/// the profile the driver chose ("Firmware paths/files for ipc type N:" with its " Firmware
/// file:", " Firmware lib path:" and " Topology file:" lines), the profiles it lists after
/// "SOF firmware and/or topology file not found.", and the loader's own failures ("Direct
/// firmware load for X failed with error -2", "firmware: failed to load X (-2)", older
/// kernels' "request firmware X failed err: -2").
struct SofLog {
    std::vector<SofLogFile> files;  ///< each name once, in the order of the log
    std::optional<Evidence> not_found;

    bool empty() const { return files.empty() && !not_found; }
};

/// Reads the SOF lines of `lines` (as dmesg prints them), naming `path` in the evidence.
SofLog read_sof_log(const std::vector<std::string>& lines, const std::string& path);

}  // namespace sndoctor
