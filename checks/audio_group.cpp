// PLACEHOLDER: replaced by the real check.
#include "checks/checks.hpp"

namespace sndoctor::checks {

const CheckDescriptor audio_group = {
    .id = "user.audio-group",
    .title = "user.audio-group",
    .area = "permissions",
    .needs = {},
    .explanation = "",
    .fixes = {},
    .run = [](Facts&) { return make_finding(Status::error, "not written yet"); },
};

}  // namespace sndoctor::checks
