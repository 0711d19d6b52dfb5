// firmware.set-dsp-driver: `options snd-intel-dspcfg dsp_driver=N` in sndoctor's modprobe file,
// with the value firmware.dsp-driver's review asks for (0 gives the choice back to the
// kernel's rules, 1 hands the controller to the legacy HD-Audio driver); other files' lines
// that set it are commented out, since a later file would win.
#include "checks/dsp_driver.hpp"
#include "core/root.hpp"
#include "facts/facts.hpp"
#include "facts/modprobe_config.hpp"
#include "fixes/fixes.hpp"
#include "fixes/sndoctor_conf.hpp"

namespace sndoctor::fixes {

namespace {

constexpr const char* k_module = "snd_intel_dspcfg";
constexpr const char* k_sys_dir = "/sys/module/snd_intel_dspcfg";

void plan(Facts& facts, const Result&, PlanBuilder& builder) {
    checks::DspReview review = checks::review_dsp_driver(facts);
    if (!review.fix_value)
        throw InputError("/etc/modprobe.d", "needs no dsp_driver change: " + review.summary);
    std::string value = std::to_string(*review.fix_value);
    if (review.command_line)
        throw InputError("/proc/cmdline",
                         "sets " + review.command_line->where.text +
                             ", which wins over modprobe.d: change it in the boot loader to "
                             "snd_intel_dspcfg.dsp_driver=" +
                             value);
    const Root& root = builder.root();
    // Built in (a /sys/module entry without initstate), the module never sees modprobe.d.
    if (root.is_dir(k_sys_dir) && !root.exists(std::string(k_sys_dir) + "/initstate"))
        throw InputError(k_sys_dir,
                         "is built into the kernel, so modprobe options never reach it: add "
                         "snd_intel_dspcfg.dsp_driver=" +
                             value + " to the kernel command line");
    sndoctor_conf::set_param(builder, facts.get<ModprobeConfig>(), k_module, "dsp_driver", value,
                             value == "0" ? "let snd_intel_dspcfg choose the driver itself"
                                          : "give Intel audio to the legacy HD-Audio driver");
    // The choice is made once, when the sound driver probes: rebinding a running controller is
    // not a file change a journal can take back.
    builder.manual_step(
        "It takes effect at the next boot. If your initramfs carries the sound modules, "
        "update it first (Debian, Ubuntu: sudo update-initramfs -u; Fedora: sudo dracut -f).");
}

}  // namespace

const FixDefinition set_dsp_driver = {
    .id = "firmware.set-dsp-driver",
    .check_id = "firmware.dsp-driver",
    .title = "Set snd-intel-dspcfg dsp_driver (the driver choice for Intel audio)",
    .needs_root = true,
    .plan = plan,
};

}  // namespace sndoctor::fixes
