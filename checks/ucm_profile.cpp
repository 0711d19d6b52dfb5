// ucm.profile: cards whose driver exposes its outputs only through a UCM profile (failure-modes.md
// M3) need that profile in alsa-ucm-conf's tree. Without it PipeWire and PulseAudio show "Dummy
// Output" or "Pro Audio" only, although the kernel's card works.
#include <alsa/asoundlib.h>
#include <alsa/use-case.h>

#include <cerrno>
#include <cstdio>

#include "checks/cards.hpp"
#include "checks/checks.hpp"
#include "core/alsa_messages.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"

namespace sndoctor::checks {

namespace {

constexpr std::string_view k_fix = "ucm.install-ucm-conf";
constexpr const char* k_ucm_dir = "/usr/share/alsa/ucm2";

/// Card drivers that have no usable outputs without UCM: the DSP and SoundWire machine drivers
/// whose mixers need a use-case sequence to route anything (alsa-ucm-conf ships them under
/// ucm2/conf.d/<driver>). HD-Audio cards (HDA-Intel) work without UCM and are not listed.
struct DriverNeed {
    std::string_view prefix;  ///< the card's driver name starts with it
    std::string_view why;
};
constexpr DriverNeed k_driver_needs[] = {
    {"sof-", "a Sound Open Firmware (SOF) DSP card"},
    {"avs_", "an Intel AVS DSP card"},
    {"amd-soundwire", "an AMD SoundWire card"},
    {"acp", "an AMD ACP machine driver card"},
};

/// USB devices that alsa-ucm-conf's ucm2/USB-Audio/USB-Audio.conf gives a profile of their own
/// (matched there on "USB<vid>:<pid>" in the card's components), with that profile's file.
struct UsbNeed {
    std::string_view usb_id;   ///< /proc/asound/cardN/usbid
    std::string_view profile;  ///< ucm2/USB-Audio/<profile>.conf
};
constexpr UsbNeed k_usb_needs[] = {
    {"0414:a002", "Realtek/ALC1220-VB-Desktop"},
    {"0414:a00d", "Realtek/ALC1220-VB-Desktop"},
    {"0b05:1917", "Realtek/ALC1220-VB-Desktop"},
    {"0b05:1918", "Realtek/ALC1220-VB-Desktop"},
    {"0db0:0d64", "Realtek/ALC1220-VB-Desktop"},
    {"0db0:543d", "Realtek/ALC1220-VB-Desktop"},
    {"26ce:0a01", "Realtek/ALC1220-VB-Desktop"},
    {"0b05:1996", "Realtek/ALC4080"},
    {"0b05:1a20", "Realtek/ALC4080"},
    {"0b05:1a27", "Realtek/ALC4080"},
    {"0db0:1feb", "Realtek/ALC4080"},
    {"0db0:419c", "Realtek/ALC4080"},
    {"0db0:a073", "Realtek/ALC4080"},
    {"0bda:4014", "Dell/WD15-Dock"},
    {"0bda:402e", "Dell/WD15-Dock"},
    {"1220:8fe0", "GoXLR/GoXLR"},
    {"1220:8fe4", "GoXLR/GoXLR"},
};

/// A card that needs a profile, the files that would give it one, and why it needs one.
struct Need {
    const Card* card = nullptr;
    std::string why;
    std::vector<std::string> candidates;  ///< any one of them is the card's profile
    std::string extra;                    ///< a file the profile includes (USB), else empty
    std::optional<Evidence> where;        ///< the usbid line, for USB cards
};

/// alsa-lib looks for a card's profile as ucm2/ucm.conf says (alsa-lib src/ucm/parser.c,
/// parse_toplevel_path; alsa-ucm-conf ucm2/ucm.conf): by the driver name and the long name, in
/// conf.d/<driver>/ since alsa-ucm-conf 1.2.5 and in <driver>/ before; older trees kept
/// <CardName>/<CardName>.conf.
std::vector<std::string> candidate_paths(const Card& card) {
    std::string base = k_ucm_dir;
    std::vector<std::string> paths;
    for (const auto& dir : {"conf.d/" + card.driver, card.driver}) {
        if (!card.long_name.empty())
            paths.push_back(base + "/" + dir + "/" + card.long_name + ".conf");
        paths.push_back(base + "/" + dir + "/" + card.driver + ".conf");
    }
    if (!card.short_name.empty())
        paths.push_back(base + "/" + card.short_name + "/" + card.short_name + ".conf");
    return paths;
}

std::optional<Need> need_of(const Root& root, const Card& card) {
    for (const auto& need : k_driver_needs)
        if (card.driver.starts_with(need.prefix))
            return Need{&card, std::string(need.why), candidate_paths(card), {}, std::nullopt};
    std::string usbid_path = "/proc/asound/card" + std::to_string(card.index) + "/usbid";
    auto usbid = root.read(usbid_path, 256);
    if (!usbid || looks_binary(*usbid))
        return std::nullopt;
    std::string id(trim(*usbid));
    for (const auto& need : k_usb_needs)
        if (id == need.usb_id)
            return Need{
                &card,
                "a USB device (" + id + ") that alsa-ucm-conf gives the profile " +
                    std::string(need.profile),
                candidate_paths(card),
                std::string(k_ucm_dir) + "/USB-Audio/" + std::string(need.profile) + ".conf",
                Evidence{usbid_path, 1, id}};
    return std::nullopt;
}

std::optional<std::string> first_existing(const Root& root, const std::vector<std::string>& paths) {
    for (const auto& path : paths)
        if (root.stat(path))  // follows the links conf.d holds into the tree
            return path;
    return std::nullopt;
}

/// What alsa-lib's use-case manager said opening a running card's profile.
struct OpenResult {
    int error = 0;     ///< 0 when it opened, else a negative errno
    std::string text;  ///< the error and alsa-lib's messages
};

/// Opens the running card `index` with alsa-lib's use-case manager and closes it again. The
/// running system only: alsa-lib reads the host's own ucm2 tree and opens the card's control
/// device.
OpenResult open_profile(int index) {
    std::vector<std::string> messages;
    snd_use_case_mgr_t* manager = nullptr;
    std::string name = "hw:" + std::to_string(index);
    int error = 0;
    {
        AlsaMessageCapture capture;
        error = snd_use_case_mgr_open(&manager, name.c_str());
        messages = capture.messages();
    }
    if (error >= 0) {
        snd_use_case_mgr_close(manager);
        return {};
    }
    std::string text = snd_strerror(error);
    for (const auto& message : messages)
        text += "; " + message;
    return {error, clip(text, 300)};
}

Finding run(Facts& facts) {
    const Root& root = facts.root();
    const auto& list = facts.get<CardList>();
    std::vector<Need> needs;
    for (const auto& card : list.cards)
        if (auto need = need_of(root, card))
            needs.push_back(std::move(*need));
    if (needs.empty()) {
        Finding none = make_finding(
            Status::skip, list.cards.empty() ? "no sound card" : "no card needs a UCM profile");
        // The cards are the evidence: none has a DSP, SoundWire or listed USB driver.
        for (const auto& card : list.cards)
            none.with(card_evidence(card));
        return none;
    }

    Finding finding;
    std::vector<std::string> missing;
    std::vector<std::string> unopenable;
    std::vector<std::string> found;
    bool tree = root.is_dir(k_ucm_dir);
    for (const auto& need : needs) {
        const Card& card = *need.card;
        finding.with(card_evidence(card));
        if (need.where)
            finding.with(*need.where);
        auto profile = first_existing(root, need.candidates);
        if (profile && !need.extra.empty() && !root.stat(need.extra)) {
            finding.with({need.extra, 0, "missing"});
            missing.push_back("card " + describe(card) + ", " + need.why + ", has no " +
                              need.extra);
            continue;
        }
        if (!profile) {
            // A link into the tree whose file is gone is a broken install, worth naming.
            for (const auto& path : need.candidates)
                if (root.lstat(path))
                    finding.with(
                        {path, 0,
                         "a link to " + root.read_link(path).value_or("?") + ", which is missing"});
            finding.with({need.candidates.front(), 0,
                          "missing (also " + std::to_string(need.candidates.size() - 1) +
                              " other places alsa-lib looks)"});
            missing.push_back("card " + describe(card) + ", " + need.why +
                              ", has no UCM profile in " + k_ucm_dir);
            continue;
        }
        finding.with({*profile, 0, "the profile of card " + std::to_string(card.index)});
        if (root.source() == RootSource::live) {
            auto opened = open_profile(card.index);
            if (opened.error == -EACCES || opened.error == -EPERM) {
                // This user may not open the card's control device: that is user.audio-group's
                // finding, not the profile's. The file is there, which is what can be said.
                finding.with({*profile, 0, "alsa-lib could not be asked: " + opened.text});
            } else if (opened.error != 0) {
                finding.with({*profile, 0, "alsa-lib: " + opened.text});
                unopenable.push_back("alsa-lib cannot open the UCM profile of card " +
                                     describe(card) + ": " + opened.text);
                continue;
            }
        }
        found.push_back(describe(card) + " (" + *profile + ")");
    }
    if (!missing.empty()) {
        finding.status = Status::fail;
        finding.summary = missing.front();
        if (!tree)
            finding.summary += ": alsa-ucm-conf is not installed";
        if (missing.size() + unopenable.size() > 1)
            finding.summary +=
                " (and " +
                plural(missing.size() + unopenable.size() - 1, "more card", "more cards") + ")";
        append_detail(finding,
                      "Install or update alsa-ucm-conf (newer hardware needs a newer release), "
                      "then restart the sound server; 'alsaucm -c hw:N dump text' shows whether "
                      "alsa-lib reads the profile.");
        finding.fixes = {k_fix};
        return finding;
    }
    if (!unopenable.empty()) {
        finding.status = Status::warn;
        finding.summary = unopenable.front();
        append_detail(finding,
                      "The profile exists but alsa-lib refuses it: alsa-ucm-conf newer than "
                      "alsa-lib (a Syntax it does not know), or a profile that does not fit this "
                      "card's controls. Update both packages together; 'alsaucm -c hw:N dump "
                      "text' repeats the error.");
        finding.fixes = {k_fix};
        return finding;
    }
    finding.status = Status::pass;
    finding.summary = "UCM profile" + std::string(found.size() == 1 ? " of card " : "s of cards ") +
                      join(found, ", ");
    return finding;
}

}  // namespace

const CheckDescriptor ucm_profile = {
    .id = "ucm.profile",
    .title = "UCM profiles for DSP, SoundWire and some USB cards",
    .area = "userspace",
    .needs = {},
    // A report carries /proc/asound/cards but not the ucm2 tree of the machine.
    .report_needs = {k_ucm_dir},
    .explanation =
        "Cards run by an audio DSP (Sound Open Firmware on most Intel laptops since 2019, AMD "
        "ACP), SoundWire codecs and some USB devices have mixers that route nothing until a "
        "use-case sequence sets them up. alsa-lib's Use Case Manager (UCM) reads those "
        "sequences from profiles that the alsa-ucm-conf package installs in "
        "/usr/share/alsa/ucm2, and PipeWire and PulseAudio build their outputs (Speaker, "
        "Headphones, HDMI) from them. Without a profile for the card they show Dummy Output or "
        "only \"Pro Audio\"; with one that is too new or too old for alsa-lib, the same.",
    .fixes = {{k_fix, "Install or update alsa-ucm-conf", false}},
    .run = run,
};

}  // namespace sndoctor::checks
