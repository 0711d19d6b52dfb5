// codec.persist-eapd: sets EAPD at boot on the output pins codec.eapd-off found it off, as a
// [verb] line of sndoctor's HD-Audio patch file (the plan of `sndoctor hda persist`).
//
// Why a patch file and not the verb itself: a plan is made of file operations and commands that
// the journal records and `sndoctor undo` restores byte for byte; a verb sent to the running
// codec is neither, the driver may undo it at the next power-down or resume, and it is lost at
// the next boot. Trying the verb live is the experiment `sndoctor hda eapd` (the check names it
// per pin, and the plan repeats it as its first step); what a fix can keep and take back is the
// file that makes the driver send it at every probe and resume.
#include "checks/eapd_off.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "fixes/fixes.hpp"
#include "fixes/hda_patch.hpp"

namespace sndoctor::fixes {

namespace {

constexpr std::uint32_t k_set_eapd = 0x70c;  ///< SET_EAPD_BTLENABLE
constexpr std::uint32_t k_eapd_bit = 1u << 1;

void plan(Facts& facts, const Result&, PlanBuilder& builder) {
    checks::EapdReview review = checks::review_eapd(facts);
    if (review.off.empty())
        throw InputError("/proc/asound", "shows no output pin with EAPD off");
    // One card per plan: each card's patch= slot is computed from the configuration as read,
    // so a second card in the same plan would overwrite the first one's slot.
    int card = review.off.front().card;
    std::vector<hda::SessionChanges> codecs;
    for (const auto& off : review.off) {
        if (off.card != card) {
            builder.manual_step("Card " + std::to_string(off.card) +
                                " also has EAPD off: run this fix again once this one is applied.");
            break;
        }
        std::string nid = hex(static_cast<std::uint64_t>(off.nid), 2);
        builder.manual_step("First make sure it helps: `sudo sndoctor hda eapd --card " +
                            std::to_string(off.card) + " --codec " +
                            std::to_string(off.codec.address) + " " + nid +
                            " on` while sound plays (`off` puts it back).");
        auto same = std::find_if(codecs.begin(), codecs.end(), [&](const hda::SessionChanges& c) {
            return c.patch.address == off.codec.address;
        });
        if (same == codecs.end()) {
            hda::SessionChanges changes;
            changes.patch.vendor_id = off.codec.vendor_id;
            changes.patch.subsystem_id = off.codec.subsystem_id;
            changes.patch.address = off.codec.address;
            codecs.push_back(std::move(changes));
            same = std::prev(codecs.end());
        }
        // The BTL and L/R swap bits stay as the dump shows them, as `hda eapd` keeps them.
        same->patch.verbs.push_back({off.nid, k_set_eapd, (off.eapd | k_eapd_bit) & 0xffu});
    }
    for (const auto& changes : codecs)
        hda_patch::plan_persist(facts, card, changes, builder);
}

}  // namespace

const FixDefinition eapd_persist = {
    .id = "codec.persist-eapd",
    .check_id = "codec.eapd-off",
    .title = "Set EAPD at boot with an HD-Audio patch file",
    .needs_root = true,
    .plan = plan,
};

}  // namespace sndoctor::fixes
