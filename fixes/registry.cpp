#include "fixes/fixes.hpp"

#include "core/error.hpp"
#include "core/root.hpp"
#include "facts/facts.hpp"

namespace sndoctor::fixes {

const std::vector<const FixDefinition*>& registry() {
    static const std::vector<const FixDefinition*> all = {
        &relink_source,
        &quarantine_stale,
        &enable_pci_driver,
        &mask_alsa_driver,
        &write_sndoctor_conf,
        &add_to_audio,
        &move_stale_state,
        &order_real_first,
        &reload_modules,
        &disable_power_save,
        &unmute,
        &eapd_persist,
        &set_dsp_driver,
        &default_analog,
        &install_ucm_conf,
        &unmask_sound_server,
        &one_pulse_server,
    };
    return all;
}

const FixDefinition* find_fix(std::string_view id) {
    for (const auto* fix : registry())
        if (fix->id == id)
            return fix;
    return nullptr;
}

std::vector<Plan> make_plans(Facts& facts, const std::vector<ChosenFix>& chosen,
                             std::vector<std::string>& refusals) {
    std::vector<Plan> plans;
    for (const auto& [fix, result] : chosen) {
        Plan plan;
        plan.fix_id = fix->id;
        plan.check_id = result->id;  // the check that asked is the one to run again
        plan.title = fix->title;
        plan.needs_root = fix->needs_root;
        try {
            if (fix->live_only && facts.root().source() != RootSource::live)
                throw InputError(facts.root().origin(),
                                 "is a copy of a system, and this fix acts on the running kernel "
                                 "only: run it there without --root");
            PlanBuilder builder(facts.root(), plan, &plans);
            fix->plan(facts, *result, builder);
        } catch (const InputError& e) {
            refusals.push_back(std::string(fix->id) + ": no plan can be made: " + e.what());
            continue;
        }
        plans.push_back(std::move(plan));
    }
    return plans;
}

}  // namespace sndoctor::fixes
