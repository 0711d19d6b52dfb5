#include "hda/verbs.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/text.hpp"

namespace sndoctor::hda {

namespace {

// Names as the kernel's hda_verbs.h spells them without the AC_VERB_ prefix (hda-verb uses the
// same), and FreeBSD's for the subsystem id bytes the kernel does not name.
const std::vector<NamedValue> k_verbs = {
    {0x200, "SET_STREAM_FORMAT"},
    {0x300, "SET_AMP_GAIN_MUTE"},
    {0x400, "SET_PROC_COEF"},
    {0x500, "SET_COEF_INDEX"},
    {0x701, "SET_CONNECT_SEL"},
    {0x703, "SET_PROC_STATE"},
    {0x704, "SET_SDI_SELECT"},
    {0x705, "SET_POWER_STATE"},
    {0x706, "SET_CHANNEL_STREAMID"},
    {0x707, "SET_PIN_WIDGET_CONTROL"},
    {0x708, "SET_UNSOLICITED_ENABLE"},
    {0x709, "SET_PIN_SENSE"},
    {0x70a, "SET_BEEP_CONTROL"},
    {0x70c, "SET_EAPD_BTLENABLE"},
    {0x70d, "SET_DIGI_CONVERT_1"},
    {0x70e, "SET_DIGI_CONVERT_2"},
    {0x70f, "SET_VOLUME_KNOB_CONTROL"},
    {0x715, "SET_GPIO_DATA"},
    {0x716, "SET_GPIO_MASK"},
    {0x717, "SET_GPIO_DIRECTION"},
    {0x718, "SET_GPIO_WAKE_MASK"},
    {0x719, "SET_GPIO_UNSOLICITED_RSP_MASK"},
    {0x71a, "SET_GPIO_STICKY_MASK"},
    {0x71c, "SET_CONFIG_DEFAULT_BYTES_0"},
    {0x71d, "SET_CONFIG_DEFAULT_BYTES_1"},
    {0x71e, "SET_CONFIG_DEFAULT_BYTES_2"},
    {0x71f, "SET_CONFIG_DEFAULT_BYTES_3"},
    {0x720, "SET_SUBSYSTEM_ID1"},
    {0x721, "SET_SUBSYSTEM_ID2"},
    {0x722, "SET_SUBSYSTEM_ID3"},
    {0x723, "SET_SUBSYSTEM_ID4"},
    {0x724, "SET_STRIPE_CONTROL"},
    {0x72d, "SET_CVT_CHAN_COUNT"},
    {0x730, "SET_HDMI_DIP_INDEX"},
    {0x731, "SET_HDMI_DIP_DATA"},
    {0x732, "SET_HDMI_DIP_XMIT"},
    {0x733, "SET_HDMI_CP_CTRL"},
    {0x734, "SET_HDMI_CHAN_SLOT"},
    {0x735, "SET_DEVICE_SEL"},
    {0x73e, "SET_DIGI_CONVERT_3"},
    {0x788, "SET_EAPD"},
    {0x7ff, "SET_CODEC_RESET"},
    {0xa00, "GET_STREAM_FORMAT"},
    {0xb00, "GET_AMP_GAIN_MUTE"},
    {0xc00, "GET_PROC_COEF"},
    {0xd00, "GET_COEF_INDEX"},
    {0xf00, "PARAMETERS"},
    {0xf01, "GET_CONNECT_SEL"},
    {0xf02, "GET_CONNECT_LIST"},
    {0xf03, "GET_PROC_STATE"},
    {0xf04, "GET_SDI_SELECT"},
    {0xf05, "GET_POWER_STATE"},
    {0xf06, "GET_CONV"},
    {0xf07, "GET_PIN_WIDGET_CONTROL"},
    {0xf08, "GET_UNSOLICITED_RESPONSE"},
    {0xf09, "GET_PIN_SENSE"},
    {0xf0a, "GET_BEEP_CONTROL"},
    {0xf0c, "GET_EAPD_BTLENABLE"},
    {0xf0d, "GET_DIGI_CONVERT_1"},
    {0xf0e, "GET_DIGI_CONVERT_2"},
    {0xf0f, "GET_VOLUME_KNOB_CONTROL"},
    {0xf15, "GET_GPIO_DATA"},
    {0xf16, "GET_GPIO_MASK"},
    {0xf17, "GET_GPIO_DIRECTION"},
    {0xf18, "GET_GPIO_WAKE_MASK"},
    {0xf19, "GET_GPIO_UNSOLICITED_RSP_MASK"},
    {0xf1a, "GET_GPIO_STICKY_MASK"},
    {0xf1c, "GET_CONFIG_DEFAULT"},
    {0xf20, "GET_SUBSYSTEM_ID"},
    {0xf24, "GET_STRIPE_CONTROL"},
    {0xf2d, "GET_CVT_CHAN_COUNT"},
    {0xf2e, "GET_HDMI_DIP_SIZE"},
    {0xf2f, "GET_HDMI_ELDD"},
    {0xf30, "GET_HDMI_DIP_INDEX"},
    {0xf31, "GET_HDMI_DIP_DATA"},
    {0xf32, "GET_HDMI_DIP_XMIT"},
    {0xf33, "GET_HDMI_CP_CTRL"},
    {0xf34, "GET_HDMI_CHAN_SLOT"},
    {0xf35, "GET_DEVICE_SEL"},
    {0xf36, "GET_DEVICE_LIST"},
};

/// Other spellings users reach for; they take part in matching but are never printed.
const std::vector<NamedValue> k_verb_aliases = {
    {0xf00, "GET_PARAMETERS"},
};

const std::vector<NamedValue> k_parameters = {
    {0x00, "VENDOR_ID"},        {0x01, "SUBSYSTEM_ID"},  {0x02, "REV_ID"},
    {0x04, "NODE_COUNT"},       {0x05, "FUNCTION_TYPE"}, {0x08, "AUDIO_FG_CAP"},
    {0x09, "AUDIO_WIDGET_CAP"}, {0x0a, "PCM"},           {0x0b, "STREAM"},
    {0x0c, "PIN_CAP"},          {0x0d, "AMP_IN_CAP"},    {0x0e, "CONNLIST_LEN"},
    {0x0f, "POWER_STATE"},      {0x10, "PROC_CAP"},      {0x11, "GPIO_CAP"},
    {0x12, "AMP_OUT_CAP"},      {0x13, "VOL_KNB_CAP"},   {0x15, "DEVLIST_LEN"},
    {0x20, "HDMI_LPCM_CAP"},
};

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::optional<std::string_view> name_of(const std::vector<NamedValue>& table, std::uint32_t value) {
    for (const auto& entry : table)
        if (entry.value == value)
            return entry.name;
    return std::nullopt;
}

/// Looks a name up the way hda-verb does (a unique prefix is enough), but an exact name always
/// wins: SET_EAPD is a verb of its own and also the start of SET_EAPD_BTLENABLE.
std::uint32_t lookup(std::string_view text, std::string_view prefix, std::string_view what,
                     std::int64_t max_value,
                     std::initializer_list<const std::vector<NamedValue>*> tables) {
    std::string trimmed(trim(text));
    if (trimmed.empty())
        throw VerbError("an empty " + std::string(what));
    if (std::isdigit(static_cast<unsigned char>(trimmed.front())) || trimmed.front() == '-') {
        auto number = parse_int(trimmed);
        if (!number)
            throw VerbError("'" + trimmed + "' is not a number or a " + std::string(what) +
                            " name");
        if (*number < 0 || *number > max_value)
            throw VerbError(std::string(what) + " " + trimmed + " is out of range (0-" +
                            hex(static_cast<std::uint32_t>(max_value), 0) + ")");
        return static_cast<std::uint32_t>(*number);
    }
    std::string name = upper(trimmed);
    if (name.rfind(prefix, 0) == 0)
        name.erase(0, prefix.size());
    std::vector<const NamedValue*> matches;
    for (const auto* table : tables)
        for (const auto& entry : *table) {
            if (entry.name == name)
                return entry.value;
            if (entry.name.rfind(name, 0) == 0)
                matches.push_back(&entry);
        }
    bool one_value = !matches.empty() && std::all_of(matches.begin(), matches.end(), [&](auto* m) {
        return m->value == matches.front()->value;
    });
    if (one_value)
        return matches.front()->value;
    if (matches.empty())
        throw VerbError("no " + std::string(what) + " is called '" + trimmed +
                        "' ('sndoctor hda verb list' shows the names)");
    std::string names;
    for (const auto* match : matches)
        names += (names.empty() ? "" : ", ") + std::string(match->name);
    throw VerbError("'" + trimmed + "' could be any of " + names + "; say which");
}

bool is_function_group_power_down(const Verb& verb) {
    int state = static_cast<int>(verb.payload & 0xf);
    return verb.verb == 0x705 && (state == 3 || state == 4);
}

}  // namespace

VerbWidth verb_width(std::uint32_t verb) {
    return (verb & 0x700) == 0x700 ? VerbWidth::twelve_bit : VerbWidth::four_bit;
}

VerbDirection verb_direction(std::uint32_t verb) {
    // Set ids are 0x2..0x5 and 0x7 in the top nibble, get ids 0xa..0xd and 0xf: bit 11.
    return (verb & 0x800) != 0 ? VerbDirection::get : VerbDirection::set;
}

Verb make_verb(std::int64_t nid, std::int64_t verb, std::int64_t payload) {
    if (nid < 0 || nid > k_max_nid)
        throw VerbError("node " + std::to_string(nid) + " (" +
                        hex(static_cast<std::uint32_t>(nid & 0xffffffff), 0) +
                        ") is out of range: node ids go up to 0x7f");
    if (verb < 0 || verb > k_max_verb)
        throw VerbError("verb " + hex(static_cast<std::uint32_t>(verb & 0xffffffff), 0) +
                        " is out of range: verbs are 12 bits (0x000-0xfff)");
    if (payload < 0)
        throw VerbError("a negative payload (" + std::to_string(payload) + ")");
    auto id = static_cast<std::uint32_t>(verb);
    auto value = static_cast<std::uint32_t>(payload & 0xffffffff);
    if (verb_width(id) == VerbWidth::twelve_bit) {
        if (payload > 0xff)
            throw VerbError(hex(id, 3) +
                            " is a 12-bit verb: its payload is 8 bits (0x00-0xff), not " +
                            hex(value, 0));
        return {static_cast<int>(nid), id, value};
    }
    if ((id & 0xff) != 0) {
        // hda-verb style: the 16-bit payload's high byte rides in the verb's low byte.
        if (payload > 0xff)
            throw VerbError(hex(id, 3) +
                            " already holds the payload's high byte; the rest is 8 bits, not " +
                            hex(value, 0));
        return {static_cast<int>(nid), id & 0xf00, ((id & 0xff) << 8) | value};
    }
    if (payload > 0xffff)
        throw VerbError(hex(id, 3) +
                        " is a 4-bit verb: its payload is 16 bits (0x0000-0xffff), not " +
                        hex(value, 0));
    return {static_cast<int>(nid), id, value};
}

std::uint32_t verb_field(const Verb& verb) {
    return (verb.verb << 8 | verb.payload) & 0xfffff;
}

std::uint32_t command_word(int codec_address, const Verb& verb) {
    return static_cast<std::uint32_t>(codec_address & 0xf) << 28 |
           static_cast<std::uint32_t>(verb.nid & 0xff) << 20 | verb_field(verb);
}

std::uint32_t hwdep_word(const Verb& verb) {
    return static_cast<std::uint32_t>(verb.nid & 0xff) << 24 | verb_field(verb);
}

DecodedCommand decode_command(std::uint32_t word) {
    DecodedCommand decoded;
    decoded.codec_address = static_cast<int>(word >> 28);
    decoded.verb.nid = static_cast<int>((word >> 20) & 0xff);
    std::uint32_t field = word & 0xfffff;
    if ((field & 0x70000) == 0x70000) {
        decoded.verb.verb = field >> 8;
        decoded.verb.payload = field & 0xff;
    } else {
        decoded.verb.verb = (field >> 16) << 8;
        decoded.verb.payload = field & 0xffff;
    }
    return decoded;
}

std::optional<std::string_view> verb_name(std::uint32_t verb) {
    return name_of(k_verbs, verb);
}

std::optional<std::string_view> parameter_name(std::uint32_t parameter) {
    return name_of(k_parameters, parameter);
}

std::uint32_t parse_verb(std::string_view text) {
    return lookup(text, "AC_VERB_", "verb", k_max_verb, {&k_verbs, &k_verb_aliases});
}

std::uint32_t parse_parameter(std::string_view text) {
    return lookup(text, "AC_PAR_", "parameter", 0xff, {&k_parameters});
}

const std::vector<NamedValue>& verb_names() {
    return k_verbs;
}

const std::vector<NamedValue>& parameter_names() {
    return k_parameters;
}

std::optional<Verb> readback_verb(const Verb& set) {
    if (verb_direction(set.verb) != VerbDirection::set)
        return std::nullopt;
    if (verb_width(set.verb) == VerbWidth::four_bit) {
        if (set.verb == 0x300) {
            // Read the first amp the write touches: output before input, left before right.
            bool output = (set.payload & 0x8000) != 0;
            bool left = (set.payload & 0x2000) != 0;
            std::uint32_t index = (set.payload >> 8) & 0xf;
            return Verb{set.nid, 0xb00, (output ? 0x8000u : 0u) | (left ? 0x2000u : 0u) | index};
        }
        if (!verb_name(set.verb))
            return std::nullopt;
        return Verb{set.nid, set.verb | 0x800, 0};  // 0x200 -> 0xa00, ..., 0x500 -> 0xd00
    }
    switch (set.verb) {
        case 0x709:  // pin sense: a trigger, nothing is stored
        case 0x731:  // reading DIP data moves the byte index: not a harmless read
        case 0x73e:  // DIG3 comes back inside GET_DIGI_CONVERT_1, not on its own
        case 0x788:  // vendor-specific, no matching get
        case 0x7ff:  // reset
            return std::nullopt;
        case 0x71c:
        case 0x71d:
        case 0x71e:
        case 0x71f:
            return Verb{set.nid, 0xf1c, 0};
        case 0x720:
        case 0x721:
        case 0x722:
        case 0x723:
            return Verb{set.nid, 0xf20, 0};
        case 0x734:  // the get names the converter channel whose slot it reads
            return Verb{set.nid, 0xf34, (set.payload >> 4) & 0xf};
        default:
            break;
    }
    if (!verb_name(set.verb))
        return std::nullopt;  // a vendor verb: its get, if any, is unknown
    return Verb{set.nid, set.verb | 0x800, 0};
}

std::optional<std::string> risky_verb_reason(const Verb& verb, bool function_group) {
    if (verb.verb == 0x7ff)
        return std::string(
            "SET_CODEC_RESET (0x7ff) returns the function group to its reset state behind the "
            "driver's back: the driver's caches no longer match the codec until it "
            "re-initialises it (resume, reconfig or reload)");
    if (function_group && is_function_group_power_down(verb))
        return "SET_POWER_STATE " + std::string((verb.payload & 0xf) == 3 ? "D3" : "D3cold") +
               " on node " + hex(static_cast<std::uint32_t>(verb.nid), 2) +
               " powers the whole function group down; the driver's runtime power management "
               "owns power states";
    return std::nullopt;
}

}  // namespace sndoctor::hda
