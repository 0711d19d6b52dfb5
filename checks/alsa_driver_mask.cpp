// PLACEHOLDER: replaced by the real check.
#include "checks/checks.hpp"

namespace sndoctor::checks {

const CheckDescriptor alsa_driver_mask = {
    .id = "portage.alsa-driver-mask",
    .title = "portage.alsa-driver-mask",
    .area = "packages",
    .needs = {},
    .explanation = "",
    .fixes = {},
    .run = [](Facts&) { return make_finding(Status::error, "not written yet"); },
};

}  // namespace sndoctor::checks
