// PLACEHOLDER: replaced by the real check.
#include "checks/checks.hpp"

namespace sndoctor::checks {

const CheckDescriptor build_match = {
    .id = "kernel.build-match",
    .title = "kernel.build-match",
    .area = "kernel",
    .needs = {},
    .explanation = "",
    .fixes = {},
    .run = [](Facts&) { return make_finding(Status::error, "not written yet"); },
};

}  // namespace sndoctor::checks
