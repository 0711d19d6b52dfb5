#include "hda/pin_config.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <optional>

#include "core/text.hpp"

namespace sndoctor::hda {

namespace {

// The name tables are the HDA specification's, as the two drivers spell them
// (../shared/knowledge/hda.md section 2). Linux leaves some values unnamed (an empty entry
// here) and prints "UNKNOWN" for them.
constexpr std::string_view k_linux_unknown = "UNKNOWN";

constexpr std::array<std::string_view, 4> k_linux_connectivity = {"Jack", "N/A", "Fixed", "Both"};
constexpr std::array<std::string_view, 16> k_linux_devices = {
    "Line Out",   "Speaker",    "HP Out",   "CD",   "SPDIF Out", "Digital Out",
    "Modem Line", "Modem Hand", "Line In",  "Aux",  "Mic",       "Telephony",
    "SPDIF In",   "Digital In", "Reserved", "Other"};
constexpr std::array<std::string_view, 16> k_linux_connection_types = {
    "Unknown", "1/8", "1/4",  "ATAPI", "RCA", "Optical", "Digital", "Analog",
    "DIN",     "XLR", "RJ11", "Comb",  "",    "",        "",        "Other"};
constexpr std::array<std::string_view, 16> k_linux_colors = {
    "Unknown", "Black", "Grey", "Blue", "Green", "Red", "Orange", "Yellow",
    "Purple",  "Pink",  "",     "",     "",      "",    "White",  "Other"};
constexpr std::array<std::string_view, 4> k_linux_gross_locations = {"Ext", "Int", "Sep", "Oth"};
constexpr std::array<std::string_view, 7> k_linux_geometric_locations = {
    "N/A", "Rear", "Front", "Left", "Right", "Top", "Bottom"};

struct NamedValue {
    std::uint8_t value;
    std::string_view name;
};
// Locations whose geometric part is 7 or more have a name of their own only at these values.
constexpr std::array<NamedValue, 7> k_linux_special_locations = {{{0x07, "Rear Panel"},
                                                                  {0x08, "Drive Bar"},
                                                                  {0x17, "Riser"},
                                                                  {0x18, "HDMI"},
                                                                  {0x19, "ATAPI"},
                                                                  {0x37, "Mobile-In"},
                                                                  {0x38, "Mobile-Out"}}};

constexpr std::array<std::string_view, 4> k_freebsd_connectivity = {"Jack", "None", "Fixed",
                                                                    "Both"};
constexpr std::array<std::string_view, 16> k_freebsd_devices = {
    "Line-out",   "Speaker",       "Headphones", "CD",   "SPDIF-out", "Digital-out",
    "Modem-line", "Modem-handset", "Line-in",    "AUX",  "Mic",       "Telephony",
    "SPDIF-in",   "Digital-in",    "Res.E",      "Other"};
constexpr std::array<std::string_view, 16> k_freebsd_connection_types = {
    "Unknown", "1/8", "1/4",   "ATAPI", "RCA", "Optical", "Digital", "Analog",
    "DIN",     "XLR", "RJ-11", "Combo", "0xc", "0xd",     "0xe",     "Other"};
constexpr std::array<std::string_view, 16> k_freebsd_colors = {
    "Unknown", "Black", "Grey",  "Blue",  "Green", "Red",   "Orange", "Yellow",
    "Purple",  "Pink",  "Res.A", "Res.B", "Res.C", "Res.D", "White",  "Other"};
// FreeBSD names these locations; the others print (and are given) as numbers.
constexpr std::array<NamedValue, 22> k_freebsd_locations = {
    {{0x01, "Rear"},     {0x02, "Front"},      {0x03, "Left"},       {0x04, "Right"},
     {0x05, "Top"},      {0x06, "Bottom"},     {0x07, "Rear-panel"}, {0x08, "Drive-bay"},
     {0x10, "Internal"}, {0x17, "Riser"},      {0x19, "Onboard"},    {0x20, "External"},
     {0x21, "Ext-Rear"}, {0x22, "Ext-Front"},  {0x23, "Ext-Left"},   {0x24, "Ext-Right"},
     {0x25, "Ext-Top"},  {0x26, "Ext-Bottom"}, {0x30, "Other"},      {0x36, "Other-Bott"},
     {0x37, "Lid-In"},   {0x38, "Lid-Out"}}};

std::string_view linux_or_unknown(std::string_view name) {
    return name.empty() ? k_linux_unknown : name;
}

template <std::size_t N>
std::optional<std::string_view> location_from(const std::array<NamedValue, N>& table,
                                              std::uint8_t location) {
    for (const auto& entry : table)
        if (entry.value == location)
            return entry.name;
    return std::nullopt;
}

bool same_letters(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

/// One key of the hint syntax: its field's range, its names (value → name; none when the key
/// takes numbers only) and where the value goes.
struct HintKey {
    std::string_view key;
    std::string_view what;  ///< for messages: "association", "device type"
    int max;
    std::vector<NamedValue> names;
    void (*set)(PinConfig&, std::uint8_t);
};

template <std::size_t N>
std::vector<NamedValue> names_of(const std::array<std::string_view, N>& table) {
    std::vector<NamedValue> names;
    for (std::size_t i = 0; i < N; ++i)
        names.push_back({static_cast<std::uint8_t>(i), table[i]});
    return names;
}

template <std::size_t N>
std::vector<NamedValue> names_of(const std::array<NamedValue, N>& table) {
    return {table.begin(), table.end()};
}

const std::vector<HintKey>& hint_keys() {
    static const std::vector<HintKey> keys = {
        {"as", "association", 15, {}, [](PinConfig& c, std::uint8_t v) { c.association = v; }},
        {"seq", "sequence", 15, {}, [](PinConfig& c, std::uint8_t v) { c.sequence = v; }},
        {"misc", "misc bits", 15, {}, [](PinConfig& c, std::uint8_t v) { c.misc = v; }},
        {"device", "device type", 15, names_of(k_freebsd_devices),
         [](PinConfig& c, std::uint8_t v) { c.device = static_cast<PinDevice>(v); }},
        {"conn", "connectivity", 3, names_of(k_freebsd_connectivity),
         [](PinConfig& c, std::uint8_t v) { c.connectivity = static_cast<Connectivity>(v); }},
        {"ctype", "connector type", 15, names_of(k_freebsd_connection_types),
         [](PinConfig& c, std::uint8_t v) { c.connection_type = v; }},
        {"loc", "location", 63, names_of(k_freebsd_locations),
         [](PinConfig& c, std::uint8_t v) { c.location = v; }},
        {"color", "colour", 15, names_of(k_freebsd_colors),
         [](PinConfig& c, std::uint8_t v) { c.color = v; }},
    };
    return keys;
}

/// A field value of a hint: a number in range, or one of the key's names.
int hint_value(const HintKey& key, std::string_view pair, std::string_view text,
               const std::string& path, int line) {
    if (auto number = parse_int(text)) {
        if (*number < 0 || *number > key.max)
            throw InputError(path,
                             "'" + std::string(pair) + "': " + std::string(key.key) + " takes 0-" +
                                 std::to_string(key.max) + " (the " + std::string(key.what) + ")",
                             line);
        return static_cast<int>(*number);
    }
    for (const auto& entry : key.names)
        if (same_letters(entry.name, text))
            return entry.value;
    std::string reason = "'" + std::string(pair) + "': ";
    if (key.names.empty()) {
        reason += std::string(key.key) + " takes a number 0-" + std::to_string(key.max) + " (the " +
                  std::string(key.what) + ")";
    } else {
        reason += "not a " + std::string(key.what) + "; give a number 0-" +
                  std::to_string(key.max) + " or one of";
        for (const auto& entry : key.names)
            if (!parse_int(entry.name))
                reason += " " + std::string(entry.name);
    }
    throw InputError(path, reason, line);
}

nlohmann::ordered_json named(int value, std::string_view linux_name, std::string_view bsd_name) {
    return {{"value", value}, {"linux", linux_name}, {"freebsd", bsd_name}};
}

}  // namespace

PinConfig PinConfig::decode(std::uint32_t value) {
    PinConfig config;
    config.connectivity = static_cast<Connectivity>((value >> 30) & 0x3);
    config.location = static_cast<std::uint8_t>((value >> 24) & 0x3f);
    config.device = static_cast<PinDevice>((value >> 20) & 0xf);
    config.connection_type = static_cast<std::uint8_t>((value >> 16) & 0xf);
    config.color = static_cast<std::uint8_t>((value >> 12) & 0xf);
    config.misc = static_cast<std::uint8_t>((value >> 8) & 0xf);
    config.association = static_cast<std::uint8_t>((value >> 4) & 0xf);
    config.sequence = static_cast<std::uint8_t>(value & 0xf);
    return config;
}

std::uint32_t PinConfig::encode() const {
    // Masks keep an out-of-range field (set by hand) from spilling into its neighbours.
    return (static_cast<std::uint32_t>(connectivity) & 0x3) << 30 |
           (static_cast<std::uint32_t>(location) & 0x3f) << 24 |
           (static_cast<std::uint32_t>(device) & 0xf) << 20 |
           (static_cast<std::uint32_t>(connection_type) & 0xf) << 16 |
           (static_cast<std::uint32_t>(color) & 0xf) << 12 |
           (static_cast<std::uint32_t>(misc) & 0xf) << 8 |
           (static_cast<std::uint32_t>(association) & 0xf) << 4 |
           (static_cast<std::uint32_t>(sequence) & 0xf);
}

std::string_view linux_connectivity_name(Connectivity connectivity) {
    return k_linux_connectivity[static_cast<std::size_t>(connectivity) & 0x3];
}

std::string_view linux_device_name(PinDevice device) {
    return k_linux_devices[static_cast<std::size_t>(device) & 0xf];
}

std::string_view linux_connection_type_name(std::uint8_t connection_type) {
    return linux_or_unknown(k_linux_connection_types[connection_type & 0xf]);
}

std::string_view linux_color_name(std::uint8_t color) {
    return linux_or_unknown(k_linux_colors[color & 0xf]);
}

std::string linux_location_name(std::uint8_t location) {
    location &= 0x3f;
    std::string name(k_linux_gross_locations[location >> 4]);
    // Linux names the geometric part from the low nibble alone when it is below 7, whatever the
    // gross part; only the special values have names beyond that.
    std::string_view detail = k_linux_unknown;
    if ((location & 0xf) < k_linux_geometric_locations.size())
        detail = k_linux_geometric_locations[location & 0xf];
    else if (auto special = location_from(k_linux_special_locations, location))
        detail = *special;
    return name + " " + std::string(detail);
}

std::string_view freebsd_connectivity_name(Connectivity connectivity) {
    return k_freebsd_connectivity[static_cast<std::size_t>(connectivity) & 0x3];
}

std::string_view freebsd_device_name(PinDevice device) {
    return k_freebsd_devices[static_cast<std::size_t>(device) & 0xf];
}

std::string_view freebsd_connection_type_name(std::uint8_t connection_type) {
    return k_freebsd_connection_types[connection_type & 0xf];
}

std::string_view freebsd_color_name(std::uint8_t color) {
    return k_freebsd_colors[color & 0xf];
}

std::string freebsd_location_name(std::uint8_t location) {
    location &= 0x3f;
    if (auto name = location_from(k_freebsd_locations, location))
        return std::string(*name);
    char text[8];
    std::snprintf(text, sizeof text, "0x%02x", location);
    return text;
}

std::string linux_pin_default_text(const PinConfig& config) {
    return "[" + std::string(linux_connectivity_name(config.connectivity)) + "] " +
           std::string(linux_device_name(config.device)) + " at " +
           linux_location_name(config.location);
}

std::string linux_conn_color_text(const PinConfig& config) {
    return "Conn = " + std::string(linux_connection_type_name(config.connection_type)) +
           ", Color = " + std::string(linux_color_name(config.color));
}

std::string freebsd_hint_text(const PinConfig& config) {
    return "as=" + std::to_string(config.association) + " seq=" + std::to_string(config.sequence) +
           " device=" + std::string(freebsd_device_name(config.device)) +
           " conn=" + std::string(freebsd_connectivity_name(config.connectivity)) +
           " ctype=" + std::string(freebsd_connection_type_name(config.connection_type)) +
           " loc=" + freebsd_location_name(config.location) +
           " color=" + std::string(freebsd_color_name(config.color)) +
           " misc=" + std::to_string(config.misc);
}

PinHint parse_freebsd_hint(std::string_view spec, std::uint32_t base, const std::string& path,
                           int line) {
    spec = trim(spec);
    if (spec.empty())
        throw InputError(path, "an empty pin hint: give 0xVALUE or key=value pairs", line);
    PinHint hint;
    if (spec.size() > 2 && spec[0] == '0' && (spec[1] == 'x' || spec[1] == 'X')) {
        auto value = parse_int(spec);
        if (!value || *value < 0 || *value > 0xffffffffLL)
            throw InputError(
                path,
                "'" + std::string(spec) + "': a whole pin value is 0x and at most 8 hex digits",
                line);
        hint.value = static_cast<std::uint32_t>(*value);
        return hint;
    }
    PinConfig config = PinConfig::decode(base);
    for (std::string_view pair : split_words(spec)) {
        auto equals = pair.find('=');
        if (equals == std::string_view::npos)
            throw InputError(path,
                             "'" + std::string(pair) + "' is not key=value (write it without " +
                                 "blanks around '=')",
                             line);
        std::string_view key = pair.substr(0, equals);
        std::string_view text = pair.substr(equals + 1);
        const auto& keys = hint_keys();
        auto known = std::find_if(keys.begin(), keys.end(),
                                  [&](const HintKey& candidate) { return candidate.key == key; });
        if (known == keys.end()) {
            // FreeBSD compares keys exactly (lower case) and skips the others without a word.
            hint.warnings.push_back(
                {path, line,
                 "unknown key '" + std::string(key) +
                     "' ignored (FreeBSD ignores it too; keys are as, seq, device, conn, "
                     "ctype, loc, color, misc)"});
            continue;
        }
        if (text.empty())
            throw InputError(path, "'" + std::string(pair) + "' has no value", line);
        known->set(config, static_cast<std::uint8_t>(hint_value(*known, pair, text, path, line)));
    }
    hint.value = config.encode();
    return hint;
}

nlohmann::ordered_json to_json(const PinConfig& config) {
    return {
        {"value", hex(config.encode(), 8)},
        {"connectivity",
         named(static_cast<int>(config.connectivity), linux_connectivity_name(config.connectivity),
               freebsd_connectivity_name(config.connectivity))},
        {"location", named(config.location, linux_location_name(config.location),
                           freebsd_location_name(config.location))},
        {"device", named(static_cast<int>(config.device), linux_device_name(config.device),
                         freebsd_device_name(config.device))},
        {"connection_type",
         named(config.connection_type, linux_connection_type_name(config.connection_type),
               freebsd_connection_type_name(config.connection_type))},
        {"color",
         named(config.color, linux_color_name(config.color), freebsd_color_name(config.color))},
        {"misc", config.misc},
        {"no_presence", config.no_presence()},
        {"association", config.association},
        {"sequence", config.sequence},
        {"linux", linux_pin_default_text(config)},
        {"freebsd_hint", freebsd_hint_text(config)},
    };
}

}  // namespace sndoctor::hda
