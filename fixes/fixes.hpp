#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/plan.hpp"
#include "engine/result.hpp"

namespace sndoctor {
class Facts;
}

/// The fixes, one file each (fixes/<name>.cpp), each turning a check's result into a plan.
namespace sndoctor::fixes {

/// One fix: the check it repairs and a function from the facts and that check's result to the
/// operations of a plan. It only plans; the executor acts (STYLE.md).
struct FixDefinition {
    std::string_view id;
    std::string_view check_id;
    std::string_view title;
    bool needs_root = true;
    /// Adds the plan's operations (and manual steps) to `builder`, which reads the root the
    /// checks read as earlier plans of the same run leave it. Throws InputError when the system
    /// does not allow a plan (the reason is shown).
    void (*plan)(Facts& facts, const Result& result, PlanBuilder& builder);
    /// The fix acts on the running kernel (it reloads drivers), so a copy of a system (--root)
    /// gets no plan.
    bool live_only = false;
    /// Waits, after a successful apply, for what the plan set going (cards that register some
    /// time after modprobe returns); `before` are the facts the plan was made from. Returns a
    /// note for the user, empty when all went as expected.
    std::string (*after_apply)(Facts& before) = nullptr;
    /// Named by id (`sndoctor fix ID`), the fix runs even when no check asks for it: reloading
    /// the drivers is what any change to their options (hda persist, a hand edit) waits for.
    bool on_request = false;
};

extern const FixDefinition relink_source;        // kernel.relink-source
extern const FixDefinition quarantine_stale;     // modules.quarantine-stale
extern const FixDefinition enable_pci_driver;    // pci.enable-driver
extern const FixDefinition mask_alsa_driver;     // portage.mask-alsa-driver
extern const FixDefinition write_sndoctor_conf;  // modprobe.write-sndoctor-conf
extern const FixDefinition add_to_audio;         // user.add-to-audio
extern const FixDefinition move_stale_state;     // alsa.move-stale-state
extern const FixDefinition order_real_first;     // cards.order-real-first
extern const FixDefinition reload_modules;       // cards.reload-modules
extern const FixDefinition disable_power_save;   // power.disable-power-save
extern const FixDefinition eapd_persist;         // codec.persist-eapd
extern const FixDefinition unmute;               // mixer.unmute
extern const FixDefinition set_dsp_driver;       // firmware.set-dsp-driver
extern const FixDefinition default_analog;       // cards.default-analog
extern const FixDefinition install_ucm_conf;     // ucm.install-ucm-conf
extern const FixDefinition unmask_sound_server;  // userspace.unmask-sound-server
extern const FixDefinition one_pulse_server;     // userspace.one-pulse-server

const std::vector<const FixDefinition*>& registry();
const FixDefinition* find_fix(std::string_view id);

/// Plans `chosen` fixes in order, each seeing the files as the plans before it leave them (two
/// fixes may edit the same file). A fix that cannot plan is reported in `refusals` and left out.
struct ChosenFix {
    const FixDefinition* fix;
    const Result* result;
};
std::vector<Plan> make_plans(Facts& facts, const std::vector<ChosenFix>& chosen,
                             std::vector<std::string>& refusals);

}  // namespace sndoctor::fixes
