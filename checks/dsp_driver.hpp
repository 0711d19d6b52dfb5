#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/result.hpp"

namespace sndoctor {
class Facts;
}

/// What firmware.dsp-driver finds about snd_intel_dspcfg's choice of driver for Intel audio;
/// the fix firmware.set-dsp-driver plans from the same review.
namespace sndoctor::checks {

/// Where a dsp_driver value was read.
enum class DspSettingSource { running, modprobe, command_line };

struct DspSetting {
    int value = 0;  ///< 0 auto, 1 legacy, 2 SST, 3 SOF, 4 AVS (intel-dsp-config.c)
    std::string text;
    DspSettingSource source = DspSettingSource::running;
    Evidence where;
};

struct DspReview {
    std::optional<Status> skip;  ///< set with the reason in `summary` when nothing applies
    Status status = Status::pass;
    std::string summary;
    std::vector<Evidence> evidence;
    std::string detail;
    /// The dsp_driver value that repairs it (0 = automatic choice), or nullopt when no option
    /// helps.
    std::optional<int> fix_value;
    std::optional<DspSetting> command_line;  ///< a value on the kernel command line wins over files
};

DspReview review_dsp_driver(Facts& facts);

}  // namespace sndoctor::checks
