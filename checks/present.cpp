// PLACEHOLDER: replaced by the real check.
#include "checks/checks.hpp"

namespace sndoctor::checks {

const CheckDescriptor present = {
    .id = "cards.present",
    .title = "cards.present",
    .area = "cards",
    .needs = {},
    .explanation = "",
    .fixes = {},
    .run = [](Facts&) { return make_finding(Status::error, "not written yet"); },
};

}  // namespace sndoctor::checks
