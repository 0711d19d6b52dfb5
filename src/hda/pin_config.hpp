#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

/// The pin "Configuration Default" register (verb 0xf1c, ../shared/knowledge/hda.md section 2):
/// the BIOS's description of what is wired to a pin. Decoded into its fields, encoded back,
/// named the way Linux prints it in /proc/asound/card*/codec#* and the way FreeBSD names it in
/// its hints, and read from FreeBSD's hint syntax as an alternative input.
namespace sndoctor::hda {

/// Port connectivity, bits 31:30.
enum class Connectivity : std::uint8_t {
    jack = 0,   ///< a jack on the chassis
    none = 1,   ///< no physical connection (Linux "N/A", FreeBSD "None"): the pin is unused
    fixed = 2,  ///< a built-in device (internal speaker, internal mic)
    both = 3,   ///< a jack and a built-in device on the same pin
};

/// Default device, bits 23:20.
enum class PinDevice : std::uint8_t {
    line_out = 0x0,
    speaker = 0x1,
    headphone = 0x2,
    cd = 0x3,
    spdif_out = 0x4,
    digital_out = 0x5,
    modem_line = 0x6,
    modem_handset = 0x7,
    line_in = 0x8,
    aux = 0x9,
    mic = 0xa,
    telephony = 0xb,
    spdif_in = 0xc,
    digital_in = 0xd,
    reserved = 0xe,
    other = 0xf,
};

/// The register's fields. Every field holds exactly the bits of its place, so any value
/// decodes and encodes back unchanged.
struct PinConfig {
    Connectivity connectivity = Connectivity::jack;
    std::uint8_t location = 0;  ///< bits 29:24: 5:4 gross (Ext/Int/Sep/Oth), 3:0 geometric
    PinDevice device = PinDevice::line_out;
    std::uint8_t connection_type = 0;  ///< bits 19:16: 1/8, 1/4, ATAPI, RCA, ...
    std::uint8_t color = 0;            ///< bits 15:12
    std::uint8_t misc = 0;             ///< bits 11:8; bit 0 = no jack detection (NO_PRESENCE)
    std::uint8_t association = 0;      ///< bits 7:4: 1..14 group pins, 15 = unassociated
    std::uint8_t sequence = 0;         ///< bits 3:0: order inside the association

    static PinConfig decode(std::uint32_t value);
    std::uint32_t encode() const;

    /// Misc bit 0: the jack cannot report presence, so no automute or auto-switch on it.
    bool no_presence() const { return (misc & 0x1) != 0; }

    bool operator==(const PinConfig&) const = default;
};

// Names as Linux prints them in a codec dump (sound/hda/common/proc.c). Values without a name
// print as Linux does: "UNKNOWN".
std::string_view linux_connectivity_name(Connectivity connectivity);  ///< Jack N/A Fixed Both
std::string_view linux_device_name(PinDevice device);                 ///< "Line Out", "HP Out"
std::string_view linux_connection_type_name(std::uint8_t connection_type);  ///< "1/8", "Comb"
std::string_view linux_color_name(std::uint8_t color);                      ///< "Green"
/// Gross and geometric location together, as after "at": "Ext Rear", "Int ATAPI", "Sep Front".
std::string linux_location_name(std::uint8_t location);

// Names as FreeBSD's hdaa driver prints them and accepts them in hints. Values without a name
// print as hexadecimal text ("0xc", "0x27"), which the hint parser reads back as numbers.
std::string_view freebsd_connectivity_name(Connectivity connectivity);  ///< Jack None Fixed Both
std::string_view freebsd_device_name(PinDevice device);  ///< "Line-out", "Headphones"
std::string_view freebsd_connection_type_name(std::uint8_t connection_type);  ///< "Combo"
std::string_view freebsd_color_name(std::uint8_t color);                      ///< "Green", "Res.A"
std::string freebsd_location_name(std::uint8_t location);  ///< "Rear", "Onboard", "Ext-Front"

/// The first line of a pin's default in a Linux codec dump, after "Pin Default 0x...: ":
/// "[Jack] Line Out at Ext Rear".
std::string linux_pin_default_text(const PinConfig& config);
/// The second line: "Conn = 1/8, Color = Green".
std::string linux_conn_color_text(const PinConfig& config);

/// The value as a complete FreeBSD hint, fields in the order FreeBSD's sysctl prints them:
/// "as=2 seq=0 device=Line-out conn=Jack ctype=1/8 loc=Rear color=Green misc=0".
/// parse_freebsd_hint() reads it back to the same value from any base.
std::string freebsd_hint_text(const PinConfig& config);

/// What a FreeBSD pin hint made of its base value.
struct PinHint {
    std::uint32_t value = 0;
    /// Keys FreeBSD ignores (anything but as, seq, misc, device, conn, ctype, loc, color): they
    /// change nothing, and the user is told, because a misspelt key is a silent no-op in
    /// FreeBSD.
    std::vector<ParseProblem> warnings;
};

/// Reads a FreeBSD pin hint (the value of `hint.hdaa.0.nid20.config`): either the whole register
/// as "0x" and up to 8 hex digits, or blank-separated key=value pairs that change fields of
/// `base` (as, seq, misc: numbers; device, conn, ctype, loc, color: a number or a name, names in
/// any case). Numbers are decimal, or hexadecimal with 0x. A later pair overrides an earlier one.
/// `path` and `line` say where the text came from ("--pin 0x14", "/boot/device.hints") for
/// messages. Throws InputError naming the bad pair when a pair cannot be used: no '=', an
/// empty value, a number out of the field's range, an unknown name; or when the text is empty.
PinHint parse_freebsd_hint(std::string_view spec, std::uint32_t base, const std::string& path,
                           int line = 0);

/// The decoded register for JSON views: the value as "0x%08x", each named field as
/// {"value": n, "linux": name, "freebsd": name}, misc, no_presence, association, sequence, the
/// Linux dump text and the FreeBSD hint. Shared by every view that shows a pin.
nlohmann::ordered_json to_json(const PinConfig& config);

}  // namespace sndoctor::hda
