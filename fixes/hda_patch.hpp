#pragma once

#include "engine/plan.hpp"
#include "hda/persist.hpp"

namespace sndoctor {
class Facts;
}

/// The boot fix for codec changes: a kernel patch file (/lib/firmware/sndoctor-hda.fw) and the
/// snd-hda-intel patch= option that loads it for one card. Shared by `sndoctor hda persist`
/// (the changes of an experiment session) and the fix codec.persist-eapd (one EAPD verb), so
/// both write the same file the same way, with its preview, journal and undo.
namespace sndoctor::fixes::hda_patch {

/// Adds to `builder` the patch file with `changes` merged in (the entry of the same codec is
/// replaced, others kept), the patch= option naming it in card `card`'s slot, and the steps
/// the user takes (initramfs, reload). Throws InputError when the kernel cannot load a patch
/// file (no CONFIG_SND_HDA_PATCH_LOADER) or the card is not snd-hda-intel's.
void plan_persist(Facts& facts, int card, const hda::SessionChanges& changes, PlanBuilder& builder);

}  // namespace sndoctor::fixes::hda_patch
