// PLACEHOLDER: replaced by the real check.
#include "checks/checks.hpp"

namespace sndoctor::checks {

const CheckDescriptor card_aliases = {
    .id = "modprobe.card-aliases",
    .title = "modprobe.card-aliases",
    .area = "modprobe",
    .needs = {},
    .explanation = "",
    .fixes = {},
    .run = [](Facts&) { return make_finding(Status::error, "not written yet"); },
};

}  // namespace sndoctor::checks
