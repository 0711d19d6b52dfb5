// codec.eapd-off: an output pin the BIOS says is wired (its default configuration), able to
// switch an external amplifier (EAPD in its pin caps), with that amplifier off in the codec
// dump: the classic silent laptop speaker (hda.md 3.4: EAPD powers the speaker amplifier on many
// designs, and a codec driver without the right fixup leaves it off).
#include "checks/eapd_off.hpp"

#include <algorithm>

#include "checks/checks.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/codec_dumps.hpp"
#include "facts/facts.hpp"
#include "facts/modprobe_config.hpp"
#include "fixes/sndoctor_conf.hpp"
#include "hda/codec_parser.hpp"
#include "hda/patch_file.hpp"
#include "hda/pin_config.hpp"

namespace sndoctor::checks {

namespace {

constexpr std::string_view k_fix = "codec.persist-eapd";
constexpr std::uint32_t k_pincap_eapd = 1u << 16;  ///< AC_PINCAP_EAPD
constexpr std::uint32_t k_eapd_bit = 1u << 1;      ///< AC_EAPDBTL_EAPD

/// Outputs an EAPD amplifier can sit behind; digital outputs have no analog amplifier.
bool is_analog_output(hda::PinDevice device) {
    return device == hda::PinDevice::line_out || device == hda::PinDevice::speaker ||
           device == hda::PinDevice::headphone;
}

/// The "EAPD 0x.." line under the node that starts at `node_line` (1-based), or that node line
/// when the dump has no such line under it.
Evidence eapd_line(const std::vector<NumberedLine>& lines, const std::string& path, int node_line,
                   int nid) {
    for (std::size_t i = static_cast<std::size_t>(std::max(node_line, 1)); i < lines.size(); ++i) {
        std::string_view text = trim(lines[i].text);
        if (text.starts_with("Node "))
            break;
        if (text.starts_with("EAPD"))
            return {path, lines[i].number, std::string(text)};
    }
    return {path, node_line, "Node " + hex(static_cast<std::uint64_t>(nid), 2)};
}

void review_codec(int card, const hda::Codec& codec, const std::vector<NumberedLine>& lines,
                  const std::string& path, EapdReview& review) {
    for (const auto& widget : codec.widgets) {
        if (widget.type != hda::WidgetType::pin_complex || !widget.pin || !widget.pin->eapd ||
            (widget.pin->pincap & k_pincap_eapd) == 0)
            continue;
        auto config = hda::PinConfig::decode(widget.pin->default_config);
        if (config.connectivity == hda::Connectivity::none || !is_analog_output(config.device))
            continue;
        Evidence line = eapd_line(lines, path, widget.line, widget.nid);
        if ((*widget.pin->eapd & k_eapd_bit) != 0) {
            review.checked.push_back(std::move(line));
            continue;
        }
        bool built_in = config.device == hda::PinDevice::speaker ||
                        config.connectivity == hda::Connectivity::fixed ||
                        config.connectivity == hda::Connectivity::both;
        review.off.push_back({card, codec, widget.nid, *widget.pin->eapd, std::move(line),
                              std::string(hda::linux_device_name(config.device)) + " at " +
                                  hda::linux_location_name(config.location),
                              built_in});
    }
}

}  // namespace

EapdReview review_eapd(Facts& facts) {
    EapdReview review;
    for (const auto& file : facts.get<CodecDumps>().files) {
        auto card = parse_int(std::string_view(file.card_dir).substr(4));
        if (!card)
            continue;
        const std::string& path = file.path;
        ++review.dumps;
        const auto& text = file.read();
        if (!text || looks_binary(*text)) {
            review.unreadable.push_back({{path, 0, text ? "binary data" : "unreadable"}});
            continue;
        }
        auto codecs = hda::parse_codec_dump(*text, path);
        if (codecs.empty()) {
            review.unreadable.push_back({{path, 1, "no \"Codec:\" line: not a codec dump"}});
            continue;
        }
        auto lines = split_lines(*text);
        for (const auto& codec : codecs)
            review_codec(static_cast<int>(*card), codec, lines, path, review);
    }
    return review;
}

namespace {

constexpr std::uint32_t k_set_eapd = 0x70c;  ///< SET_EAPD_BTLENABLE

/// A patch file the driver loads at its next probe (snd_hda_intel's patch= option, read from
/// /lib/firmware as request_firmware does).
struct BootPatch {
    std::string path;
    hda::PatchFile file;
};

std::vector<BootPatch> boot_patches(Facts& facts) {
    std::vector<BootPatch> patches;
    const ModprobeConfig* config = nullptr;
    try {
        config = &facts.get<ModprobeConfig>();
    } catch (const InputError&) {
        return patches;  // modprobe.card-aliases reports the configuration itself
    }
    auto setting = fixes::sndoctor_conf::configured_param(*config, "snd_hda_intel", "patch");
    if (!setting)
        return patches;
    for (auto name : split_commas(setting->value)) {
        if (name.empty() || name.find('/') != std::string_view::npos)
            continue;
        std::string path = "/lib/firmware/" + std::string(name);
        if (auto text = facts.root().read(path, 1024 * 1024); text && !looks_binary(*text))
            patches.push_back({path, hda::parse_patch_file(*text, path)});
    }
    return patches;
}

/// The patch file verb that sets EAPD on `off`'s pin at the next probe, when one does (the
/// fix codec.persist-eapd writes it; the dump shows the codec as it is until then).
std::optional<Evidence> pending_verb(const std::vector<BootPatch>& patches, const EapdOff& off) {
    for (const auto& patch : patches)
        for (const auto& codec : patch.file.codecs) {
            if (codec.vendor_id != off.codec.vendor_id ||
                codec.subsystem_id != off.codec.subsystem_id || codec.address != off.codec.address)
                continue;
            for (const auto& verb : codec.verbs)
                if (verb.nid == off.nid && verb.verb == k_set_eapd && (verb.param & k_eapd_bit))
                    return Evidence{patch.path, 0,
                                    "[verb] " + hex(static_cast<std::uint64_t>(verb.nid), 2) +
                                        " 0x70c " + hex(verb.param, 2)};
        }
    return std::nullopt;
}

std::string where(const EapdOff& off) {
    return "card " + std::to_string(off.card) + " codec " + std::to_string(off.codec.address) +
           " (" + off.codec.name + ") node " + hex(static_cast<std::uint64_t>(off.nid), 2);
}

Finding run(Facts& facts) {
    EapdReview review = review_eapd(facts);
    if (review.dumps == 0)
        return make_finding(Status::skip, "no HD-Audio codec dump (/proc/asound/card*/codec#*)");
    Finding finding;
    std::vector<Evidence> pending;
    auto patches = boot_patches(facts);
    std::erase_if(review.off, [&](const EapdOff& off) {
        auto verb = pending_verb(patches, off);
        if (verb) {
            pending.push_back(off.line);
            pending.push_back(*verb);
        }
        return verb.has_value();
    });
    if (review.off.empty() && !pending.empty()) {
        finding = make_finding(Status::info,
                               "EAPD is off now, and " + pending[1].path +
                                   " sets it when snd_hda_intel probes again (reboot)",
                               pending);
        finding.detail =
            "The patch file's [verb] lines run at every probe and resume; until then the codec "
            "stays as the dump shows it. 'sndoctor fix cards.reload-modules' probes again "
            "without a reboot.";
    } else if (!review.off.empty()) {
        // Built-in outputs first: they decide the status and lead the summary.
        std::stable_partition(review.off.begin(), review.off.end(),
                              [](const EapdOff& off) { return off.built_in; });
        const EapdOff& first = review.off.front();
        finding.status = first.built_in ? Status::warn : Status::info;
        finding.summary = "EAPD is off on the " + first.pin + " pin, " + where(first);
        if (review.off.size() > 1)
            finding.summary += " (+" + std::to_string(review.off.size() - 1) + " more)";
        std::string detail;
        for (const auto& off : review.off) {
            finding.with(off.line);
            std::string nid = hex(static_cast<std::uint64_t>(off.nid), 2);
            detail += (detail.empty() ? "" : "\n") + std::string("- ") + where(off) + ", " +
                      off.pin + ": try it live with `sudo sndoctor hda eapd --card " +
                      std::to_string(off.card) + " --codec " + std::to_string(off.codec.address) +
                      " " + nid + " on` while sound plays (or offline: `sndoctor hda eapd " +
                      "--emulate " + off.line.path + " " + nid + " on`).";
        }
        if (!first.built_in)
            detail =
                "Only jack outputs have EAPD off; most boards put no amplifier behind a "
                "jack, so this matters only when that output is silent.\n" +
                detail;
        finding.detail = detail +
                         "\nIf the speaker comes alive, the fix makes it stick: a patch file "
                         "whose [verb] line sets EAPD at every probe and resume.";
        finding.fixes = {k_fix};
    } else if (!review.unreadable.empty()) {
        const auto& bad = review.unreadable.front().where;
        finding.status = Status::warn;
        finding.summary = bad.path + " cannot be read as a codec dump: " + bad.text;
    } else if (review.checked.empty()) {
        finding.status = Status::pass;
        finding.summary = "no connected output pin switches an external amplifier (EAPD)";
    } else {
        finding.status = Status::pass;
        finding.summary = "EAPD is on at every connected output pin that has it (" +
                          plural(review.checked.size(), "pin", "pins") + ")";
        for (const auto& line : review.checked)
            finding.with(line);
    }
    for (const auto& bad : review.unreadable)
        finding.with(bad.where);
    if (!review.off.empty() && !review.unreadable.empty())
        finding.summary += "; " + review.unreadable.front().where.path + " cannot be read";
    return finding;
}

}  // namespace

const CheckDescriptor eapd_off = {
    .id = "codec.eapd-off",
    .title = "External amplifier (EAPD) of the outputs",
    .area = "codecs",
    .needs = {},
    .report_needs = {"/proc/asound"},
    .explanation =
        "Many laptops and some desktop boards put an amplifier between the codec and the "
        "speaker (or the line out), switched by the codec pin's EAPD bit (External Amplifier "
        "Power Down, a misnomer: set means powered). The codec driver sets it for the machines "
        "it knows; on one it does not know, or after a fixup that drives the wrong pin, the bit "
        "stays off and the speaker is silent while every mixer looks right. The codec dump "
        "(/proc/asound/card*/codec#*) shows it per pin as 'EAPD 0x2: EAPD' (on) or 'EAPD 0x0:' "
        "(off). Try turning it on live with `sndoctor hda eapd`; when that brings the sound "
        "back, the fix writes it into a patch file the driver applies at every boot.",
    .fixes = {{k_fix, "Set EAPD at boot with an HD-Audio patch file", true}},
    .run = run,
};

}  // namespace sndoctor::checks
