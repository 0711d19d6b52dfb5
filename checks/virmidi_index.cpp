// cards.virmidi-index: the virtual MIDI card must not take index 0 from the real sound card.
#include "checks/card_order.hpp"
#include "checks/cards.hpp"
#include "checks/checks.hpp"
#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_config.hpp"

namespace sndoctor::checks {

namespace {

constexpr std::string_view k_order_fix = "cards.order-real-first";
constexpr std::string_view k_virmidi_option = "CONFIG_SND_VIRMIDI";

/// Whether snd-virmidi is built into the kernel, from the running kernel's configuration, and
/// whether the kernel command line already gives it an index. A configuration that cannot be read
/// is kept in `unreadable`: it does not hide a VirMIDI card that holds index 0 now, and it is the
/// check's error when the verdict depends on it.
struct BuiltIn {
    bool built_in = false;
    Evidence evidence;
    std::optional<Evidence> cmdline_index;  ///< /proc/cmdline's snd_virmidi.index=, when set
    std::optional<InputError> unreadable;
};

constexpr const char* k_cmdline_path = "/proc/cmdline";

std::optional<Evidence> cmdline_index(const Root& root) {
    auto text = root.read(k_cmdline_path, 64 * 1024);
    if (!text)
        return std::nullopt;
    for (auto word : split_words(trim(*text))) {
        std::string option = module_name(word.substr(0, word.find('=')));
        if (option == "snd_virmidi.index")
            return Evidence{k_cmdline_path, 1, std::string(word)};
    }
    return std::nullopt;
}

BuiltIn virmidi_built_in(Facts& facts) {
    BuiltIn state;
    try {
        const auto& config = facts.get<KernelConfig>();
        state.built_in = config.found && config.value(k_virmidi_option) == "y";
        if (state.built_in) {
            state.evidence = config.evidence(k_virmidi_option);
            state.cmdline_index = cmdline_index(facts.root());
        }
    } catch (const InputError& e) {
        state.unreadable = e;
    }
    return state;
}

constexpr std::string_view k_cmdline_advice =
    "Built-in drivers take their options from the kernel command line: add "
    "snd_virmidi.index=-2 (any slot but 0) there, or build the kernel with "
    "CONFIG_SND_VIRMIDI=m so that modprobe options apply.";

Finding run(Facts& facts) {
    const auto& list = facts.get<CardList>();
    const Card* virmidi = nullptr;
    const Card* real = nullptr;
    for (const auto& card : list.cards) {
        if (is_virmidi_card(card) && (virmidi == nullptr || card.index < virmidi->index))
            virmidi = &card;
        if (is_real_card(card) && (real == nullptr || card.index < real->index))
            real = &card;
    }
    if (virmidi == nullptr)
        return make_finding(Status::pass, "no VirMIDI card");
    if (real == nullptr)
        return make_finding(Status::info,
                            "VirMIDI is card " + std::to_string(virmidi->index) +
                                " and there is no real sound card for it to displace",
                            {card_evidence(*virmidi)});

    BuiltIn built_in = virmidi_built_in(facts);
    Finding finding;
    finding.with(card_evidence(*virmidi));
    if (auto module = module_evidence(facts.root(), *virmidi))
        finding.with(*module);
    finding.with(card_evidence(*real));
    if (built_in.built_in)
        finding.with(built_in.evidence);
    if (built_in.cmdline_index)
        finding.with(*built_in.cmdline_index);
    if (built_in.unreadable) {
        finding.with({built_in.unreadable->path(), built_in.unreadable->line(),
                      built_in.unreadable->reason()});
        append_detail(finding, "Whether VirMIDI is built into the kernel is unknown: " +
                                   std::string(built_in.unreadable->what()) + ".");
    }

    if (virmidi->index == 0 && !built_in.built_in) {
        if (auto line = configured_reorder(facts, list, *virmidi, *real)) {
            report_pending_reorder(finding, "VirMIDI holds index 0", *real, *line);
            return finding;
        }
    }
    if (virmidi->index == 0) {
        finding.status = Status::fail;
        finding.summary = std::string(built_in.built_in ? "VirMIDI, built into the kernel, holds"
                                                        : "VirMIDI holds") +
                          " index 0, so the default device misses card " + describe(*real);
        // The fix is linked either way; for a built-in VirMIDI it has to use the kernel command
        // line, since an 'index=0' option for the real driver would only make its probe fail
        // while VirMIDI holds the slot.
        finding.fixes.push_back(k_order_fix);
        if (built_in.built_in)
            append_detail(finding, k_cmdline_advice);
        else
            append_detail(finding,
                          "Keep card 0 for the real card: 'options snd-virmidi index=-2' (any slot "
                          "but 0) in /etc/modprobe.d, then reload the sound modules or reboot.");
        return finding;
    }
    if (built_in.unreadable)
        throw *built_in.unreadable;
    if (built_in.built_in && built_in.cmdline_index) {
        finding.status = Status::pass;
        finding.summary = "VirMIDI is built in, card " + std::to_string(virmidi->index) +
                          ", and the kernel command line sets its index (" +
                          built_in.cmdline_index->text + ")";
        return finding;
    }
    if (built_in.built_in) {
        finding.status = Status::warn;
        finding.summary = "VirMIDI is built into the kernel (" + std::string(k_virmidi_option) +
                          "=y): modprobe options cannot keep it off index 0";
        append_detail(
            finding,
            "It is card " + std::to_string(virmidi->index) +
                " now, but its place is decided before modprobe runs: if the real driver "
                "probes later (as a module, or after a kernel change), VirMIDI takes index 0.");
        append_detail(finding, k_cmdline_advice);
        return finding;
    }
    finding.status = Status::pass;
    finding.summary = "VirMIDI is card " + std::to_string(virmidi->index) + "; card " +
                      describe(*real) + " comes first";
    return finding;
}

}  // namespace

const CheckDescriptor virmidi_index = {
    .id = "cards.virmidi-index",
    .title = "VirMIDI does not take card 0",
    .area = "cards",
    .needs = {"cards.present"},
    .explanation =
        "snd-virmidi makes virtual MIDI ports that sequencer programs can talk to, as a sound "
        "card of its own with no audio output. When its module loads before the real sound "
        "driver it becomes card 0, and every program that plays to the default device (card 0) "
        "plays into it: silence. An option in /etc/modprobe.d keeps index 0 for the real card "
        "(options snd-virmidi index=-2, any slot but 0). When VirMIDI is built into the kernel "
        "(CONFIG_SND_VIRMIDI=y) modprobe never sees it, and its index is set on the kernel "
        "command line instead.",
    .fixes = {{k_order_fix, "Give the real sound card index 0", true},
              {k_reload_fix, k_reload_title, true}},
    .run = run,
};

}  // namespace sndoctor::checks
