#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

/// HD-Audio verbs (../shared/knowledge/hda.md section 3): how a command to a codec widget is
/// packed into the 32-bit command word and the hwdep word, the names hda-verb and the kernel
/// give every verb and parameter, and which verbs are not sent without --force.
namespace sndoctor::hda {

inline constexpr int k_max_nid = 0x7f;            ///< Linux refuses larger node ids
inline constexpr int k_max_codec_address = 0x0f;  ///< 4 bits of the command word
inline constexpr std::uint32_t k_max_verb = 0xfff;
/// What the hwdep ioctl answers when the driver refused the command or the codec did not answer.
inline constexpr std::uint32_t k_no_response = 0xffffffff;

/// The two verb layouts inside the 20-bit verb field of a command.
enum class VerbWidth {
    twelve_bit,  ///< ids 0x7xx (set) and 0xfxx (get), with an 8-bit payload
    four_bit,    ///< ids 0x2..0x5 (set) and 0xa..0xd (get), with a 16-bit payload
};

enum class VerbDirection { get, set };

/// One command to one node. `verb` is the id as the kernel writes it: 12 bits, with the 4-bit
/// ids in the top nibble (SET_AMP_GAIN_MUTE is 0x300); `payload` is 8 or 16 bits by width.
struct Verb {
    int nid = 0;
    std::uint32_t verb = 0;
    std::uint32_t payload = 0;

    bool operator==(const Verb&) const = default;
};

/// A verb that breaks the range rules, or a name that matches no verb (or several).
class VerbError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

VerbWidth verb_width(std::uint32_t verb);
VerbDirection verb_direction(std::uint32_t verb);

/// Builds a verb after checking the range rules: NID <= 0x7f, verb <= 0xfff, an 8-bit payload
/// for 12-bit verbs and a 16-bit one for 4-bit verbs. A 4-bit verb written the way hda-verb
/// allows, with the payload's high byte in the verb (0x3b0 with 0x80), is folded into the
/// canonical form (0x300 with 0xb080). Throws VerbError saying which rule was broken.
Verb make_verb(std::int64_t nid, std::int64_t verb, std::int64_t payload);

/// The 20-bit verb field: verb id and payload as they travel.
std::uint32_t verb_field(const Verb& verb);
/// The command word a controller sends: codec address in 31:28, NID in 27:20, verb field below.
std::uint32_t command_word(int codec_address, const Verb& verb);
/// The word for the hwdep VERB_WRITE ioctl (HDA_VERB(nid, verb, param)): NID in 31:24.
std::uint32_t hwdep_word(const Verb& verb);

struct DecodedCommand {
    int codec_address = 0;
    Verb verb;
};
/// Splits a command word again. The verb field is a 12-bit verb when its bits 18:16 are all set
/// (0x7xx and 0xfxx ids), else a 4-bit one.
DecodedCommand decode_command(std::uint32_t word);

/// The name of a verb id ("SET_GPIO_DATA"), or nullopt for ids no table names.
std::optional<std::string_view> verb_name(std::uint32_t verb);
/// The name of a parameter id for PARAMETERS ("GPIO_CAP"), or nullopt.
std::optional<std::string_view> parameter_name(std::uint32_t parameter);

/// Reads a verb as a user writes it: a number (0xf00, 3840) or a name, case-insensitive, with
/// or without the kernel's AC_VERB_ prefix, GET_PARAMETERS for PARAMETERS, and (like hda-verb) a
/// prefix that matches one name only. Throws VerbError naming the candidates when it matches
/// none or several.
std::uint32_t parse_verb(std::string_view text);
/// Reads a parameter id for PARAMETERS: a number or a name (AC_PAR_ prefix optional).
std::uint32_t parse_parameter(std::string_view text);

struct NamedValue {
    std::uint32_t value = 0;
    std::string_view name;
};
/// Every named verb, in id order (for `hda verb list`).
const std::vector<NamedValue>& verb_names();
/// Every named parameter, in id order.
const std::vector<NamedValue>& parameter_names();

/// The GET that reads back what a SET verb changes (SET_GPIO_DATA -> GET_GPIO_DATA, the four
/// SET_CONFIG_DEFAULT_BYTES -> GET_CONFIG_DEFAULT, SET_AMP_GAIN_MUTE -> the first amp it sets),
/// so a log can keep the value a write replaced. nullopt for GETs and for SETs with nothing
/// to read back (pin sense trigger, reset, the DIG3 byte, vendor SET_EAPD).
std::optional<Verb> readback_verb(const Verb& set);

/// Why a verb may not be sent without --force (hda.md 3.5): a function group or codec reset,
/// or a power-down (D3, D3cold) of a function group. `function_group` says whether the verb's
/// node is one. nullopt when nothing stands against it.
std::optional<std::string> risky_verb_reason(const Verb& verb, bool function_group);

}  // namespace sndoctor::hda
