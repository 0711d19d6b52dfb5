// cards.order-real-first: modprobe options that give the real sound card index 0.
#include "checks/cards.hpp"
#include "core/error.hpp"
#include "core/root.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_config.hpp"
#include "facts/modprobe_config.hpp"
#include "fixes/fixes.hpp"
#include "fixes/sndoctor_conf.hpp"

namespace sndoctor::fixes {

namespace {

using checks::CardKind;

/// The modules of virtual cards and the kernel option that builds each into the kernel, where
/// modprobe options never reach it.
struct VirtualDriver {
    std::string_view module;
    std::string_view config_option;
};
constexpr VirtualDriver k_virtual_drivers[] = {
    {"snd_virmidi", "CONFIG_SND_VIRMIDI"},
    {"snd_dummy", "CONFIG_SND_DUMMY"},
    {"snd_aloop", "CONFIG_SND_ALOOP"},
};

/// The new order needs the drivers loaded again; on the running system sndoctor offers that
/// itself once the options are written (cards.reload-modules).
void say_reload(PlanBuilder& builder) {
    std::string how = builder.root().source() == RootSource::live
                          ? "sndoctor offers to reload them once this is applied, when no "
                            "program has a sound device open; otherwise reboot"
                          : "reboot that machine, or reload them there (sndoctor fix "
                            "cards.reload-modules)";
    builder.manual_step(
        "The card order changes when the sound drivers load again: " + how +
        ". If they load from the initramfs, rebuild it first (update-initramfs -u, dracut -f "
        "or genkernel) so that it carries the new options.");
}

/// Whether the running kernel has `module` built in, by its configuration; unknown counts as
/// not built in (the options then do no harm).
bool built_in(Facts& facts, const std::string& module) {
    for (const auto& driver : k_virtual_drivers) {
        if (driver.module != module)
            continue;
        try {
            const auto& config = facts.get<KernelConfig>();
            return config.found && config.value(driver.config_option) == "y";
        } catch (const InputError&) {
            return false;
        }
    }
    return false;
}

std::size_t cards_of(const CardList& list, const std::string& module) {
    return static_cast<std::size_t>(
        std::count_if(list.cards.begin(), list.cards.end(),
                      [&](const Card& card) { return card.module == module; }));
}

/// Card 0 is virtual: its module gets index=-2 (any slot but 0), which leaves 0 to the real
/// card whichever driver loads first.
void move_virtual(Facts& facts, const Card& first, PlanBuilder& builder) {
    std::string module = first.module;
    if (module.empty() && checks::is_virmidi_card(first))
        module = checks::k_virmidi_module;
    if (module.empty())
        throw InputError(CardList::k_modules_path,
                         "does not name the module of card " + checks::describe(first));
    if (built_in(facts, module)) {
        builder.manual_step(
            module + " is built into the kernel, so modprobe options never reach it. Add " +
            module +
            ".index=-2 to the kernel command line (for GRUB: GRUB_CMDLINE_LINUX in "
            "/etc/default/grub, then grub-mkconfig -o /boot/grub/grub.cfg) and reboot; or build "
            "the kernel with it as a module (=m).");
        return;
    }
    sndoctor_conf::set_index(
        builder, facts.get<ModprobeConfig>(), module, "-2",
        "any card number but 0 for the virtual card " + checks::describe(first));
    say_reload(builder);
}

/// Card 0 only feeds HDMI/DisplayPort. Its driver can be told to stay off 0 only when it drives
/// no other card: an index list such as snd-hda-intel index=1,0 follows the probe order of the
/// controllers, which sndoctor cannot know for certain, and a wrong guess would leave the analog
/// card on a number no program picks. Then nothing is written and the user is told why.
void move_hdmi(Facts& facts, const CardList& list, const Card& first, PlanBuilder& builder) {
    const Card* better = nullptr;
    for (const auto& card : list.cards) {
        auto kind = checks::classify_card(card).kind;
        if (kind == CardKind::analog || kind == CardKind::usb) {
            better = &card;
            break;
        }
    }
    if (better == nullptr)
        throw InputError(CardList::k_path, "has no analog or USB card to put first");
    std::string asound_conf = "or choose the default in /etc/asound.conf: defaults.pcm.card " +
                              std::to_string(better->index) + " and defaults.ctl.card " +
                              std::to_string(better->index);
    if (first.module.empty() || better->module.empty())
        throw InputError(CardList::k_modules_path, "does not name the modules of cards " +
                                                       checks::describe(first) + " and " +
                                                       checks::describe(*better));
    if (cards_of(list, first.module) > 1 || cards_of(list, better->module) > 1) {
        builder.manual_step(
            "Cards " + checks::describe(first) + " and " + checks::describe(*better) +
            " share the driver " +
            (first.module == better->module ? first.module : "of one of them") +
            ", whose index option takes one value per card in the order the controllers are probed "
            "(for example 'options " +
            sndoctor_conf::spelled(first.module) +
            " index=1,0'). sndoctor cannot tell that order for certain, so it writes nothing: try "
            "it in /etc/modprobe.d yourself and check /proc/asound/cards after a reboot, " +
            asound_conf + ".");
        return;
    }
    const auto& config = facts.get<ModprobeConfig>();
    sndoctor_conf::set_index(builder, config, first.module, "-2",
                             "any card number but 0 for the HDMI card " + checks::describe(first));
    sndoctor_conf::set_index(builder, config, better->module, "0",
                             "card number 0 for " + checks::describe(*better));
    say_reload(builder);
}

void plan(Facts& facts, const Result&, PlanBuilder& builder) {
    const auto& list = facts.get<CardList>();
    const Card* first = list.find(0);
    if (first == nullptr)
        throw InputError(CardList::k_path, "has no card 0");
    auto kind = checks::classify_card(*first).kind;
    if (kind == CardKind::virtual_card)
        move_virtual(facts, *first, builder);
    else if (kind == CardKind::hdmi)
        move_hdmi(facts, list, *first, builder);
    else
        throw InputError(CardList::k_path,
                         "card " + checks::describe(*first) + " is already a real card");
}

}  // namespace

const FixDefinition order_real_first = {
    .id = "cards.order-real-first",
    .check_id = "cards.virmidi-index",
    .title = "Give the real sound card index 0",
    .needs_root = true,
    .plan = plan,
};

}  // namespace sndoctor::fixes
