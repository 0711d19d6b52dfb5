// The ACPI ids come from the kernel's side-codec drivers (torvalds/linux,
// sound/hda/codecs/side-codecs/, sound/pci/hda/ before 6.17): cs35l41_hda_i2c.c and
// cs35l41_hda_spi.c (CSC3551, CLSA0100, CLSA0101), cs35l56_hda_i2c.c and cs35l56_hda_spi.c
// (CSC3554, CSC3556, CSC3557), tas2781_hda_i2c.c and tas2781_hda_spi.c (TIAS2781, TXNW2781,
// INT8866 for the TAS2563, TXNW2770), aw88399_hda.c (AWDZ8399).
#include "facts/smart_amps.hpp"

#include <algorithm>
#include <cctype>

namespace sndoctor {

namespace {

constexpr AmpHid k_hids[] = {
    {"CSC3551", AmpFamily::cs35l41, "CS35L41", "snd_hda_scodec_cs35l41"},
    {"CLSA0100", AmpFamily::cs35l41, "CS35L41", "snd_hda_scodec_cs35l41"},
    {"CLSA0101", AmpFamily::cs35l41, "CS35L41", "snd_hda_scodec_cs35l41"},
    {"CSC3554", AmpFamily::cs35l56, "CS35L54", "snd_hda_scodec_cs35l56"},
    {"CSC3556", AmpFamily::cs35l56, "CS35L56", "snd_hda_scodec_cs35l56"},
    {"CSC3557", AmpFamily::cs35l56, "CS35L57", "snd_hda_scodec_cs35l56"},
    {"TIAS2781", AmpFamily::tas2781, "TAS2781", "snd_hda_scodec_tas2781_i2c"},
    {"TXNW2781", AmpFamily::tas2781, "TAS2781", "snd_hda_scodec_tas2781"},
    {"TXNW2770", AmpFamily::tas2781, "TAS2770", "snd_hda_scodec_tas2781_i2c"},
    {"INT8866", AmpFamily::tas2781, "TAS2563", "snd_hda_scodec_tas2781_i2c"},
    {"AWDZ8399", AmpFamily::aw88399, "AW88399", "snd_hda_scodec_aw88399"},
};

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string upper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

}  // namespace

std::span<const AmpHid> amp_hids() {
    return k_hids;
}

const AmpHid* find_amp_hid(std::string_view hid) {
    auto it = std::find_if(std::begin(k_hids), std::end(k_hids),
                           [&](const AmpHid& h) { return h.hid == hid; });
    return it == std::end(k_hids) ? nullptr : &*it;
}

std::string_view amp_firmware_dir(AmpFamily family) {
    switch (family) {
        case AmpFamily::cs35l41:
        case AmpFamily::cs35l56:
            return "cirrus";
        case AmpFamily::tas2781:
        case AmpFamily::aw88399:
            return "";
    }
    return "";
}

AmpFirmwareMatch match_amp_firmware(AmpFamily family, std::string_view ssid,
                                    const std::vector<std::string>& names) {
    AmpFirmwareMatch match;
    match.dir = std::string(amp_firmware_dir(family));
    // cs35l41_hda.c lower-cases the names it builds; linux-firmware spells ids in lower case.
    std::string id = lower(ssid);
    bool wmfw = false;
    bool bin = false;
    auto take = [&](const std::string& name) {
        match.found.push_back(name);
        wmfw = wmfw || name.ends_with(".wmfw");
        bin = bin || name.ends_with(".bin");
    };
    switch (family) {
        case AmpFamily::cs35l41: {
            std::string prefix = "cs35l41-dsp1-spk-prot-" + id;
            match.wanted = "cirrus/" + prefix + "*.wmfw and cirrus/" + prefix + "*.bin";
            for (const auto& name : names)
                if (lower(name).starts_with(prefix))
                    take(name);
            match.complete = wmfw && bin;
            break;
        }
        case AmpFamily::cs35l56: {
            match.wanted = "cirrus/cs35l5x-*-" + id + "*.bin";
            for (const auto& name : names) {
                std::string low = lower(name);
                if (low.starts_with("cs35l5") && low.find("-" + id) != std::string::npos)
                    take(name);
            }
            match.complete = bin;
            break;
        }
        case AmpFamily::tas2781: {
            // The driver names the file after the low 16 bits (the device part) of the id.
            std::string prefix =
                "TAS2XXX" + upper(ssid.substr(ssid.size() >= 4 ? ssid.size() - 4 : 0));
            match.wanted = prefix + "*.bin";
            for (const auto& name : names)
                if (upper(name).starts_with(prefix) && lower(name).ends_with(".bin"))
                    take(name);
            match.complete = bin;
            break;
        }
        case AmpFamily::aw88399: {
            match.wanted = "aw88399_acf.bin";
            for (const auto& name : names)
                if (name == match.wanted)
                    take(name);
            match.complete = bin;
            break;
        }
    }
    return match;
}

}  // namespace sndoctor
