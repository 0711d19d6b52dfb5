// power.disable-power-save: `options snd-hda-intel power_save=0` in sndoctor's modprobe file,
// for the pops and clicks power.save-pops reports.
#include "core/root.hpp"
#include "facts/facts.hpp"
#include "facts/modprobe_config.hpp"
#include "fixes/fixes.hpp"
#include "fixes/sndoctor_conf.hpp"

namespace sndoctor::fixes {

namespace {

constexpr const char* k_module = "snd_hda_intel";
constexpr const char* k_sys_dir = "/sys/module/snd_hda_intel";

void plan(Facts& facts, const Result&, PlanBuilder& builder) {
    const Root& root = builder.root();
    // Built in (a /sys/module entry without initstate), the driver never sees modprobe.d.
    if (root.is_dir(k_sys_dir) && !root.exists(std::string(k_sys_dir) + "/initstate"))
        throw InputError(k_sys_dir,
                         "is built into the kernel, so modprobe options never reach it: add "
                         "snd_hda_intel.power_save=0 to the kernel command line");
    sndoctor_conf::set_param(builder, facts.get<ModprobeConfig>(), k_module, "power_save", "0",
                             "power saving off: no pops when the codec powers up");
    // Writing the sysfs parameter is a change to the running kernel, not a file a journal can
    // restore, so it stays a step the user takes.
    builder.manual_step(
        "It takes effect when snd_hda_intel loads next (reboot); to stop the pops now: echo 0 | "
        "sudo tee /sys/module/snd_hda_intel/parameters/power_save");
}

}  // namespace

const FixDefinition disable_power_save = {
    .id = "power.disable-power-save",
    .check_id = "power.save-pops",
    .title = "Turn off snd-hda-intel power saving (power_save=0)",
    .needs_root = true,
    .plan = plan,
};

}  // namespace sndoctor::fixes
