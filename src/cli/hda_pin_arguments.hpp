#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "hda/pin_config.hpp"

/// The pin arguments of `hda pins` and `hda retask`: `NID=SPEC` (NID as 0x14, 20 or nid20) or a
/// FreeBSD device.hints line `hint.hdaa.0.nid20.config="SPEC"` /
/// `hint.hdac.0.cad0.nid20.config="SPEC"` (its nid decimal, as FreeBSD writes it), where SPEC is
/// the whole register (0x90170110) or key=value pairs changing the pin's current value.
namespace sndoctor::cli {

/// One pin argument as written.
struct PinArgument {
    int nid = 0;
    std::optional<int> codec_address;  ///< the `cad` of a hint.hdac line
    std::string spec;
    std::string text;  ///< the argument as given
};

/// Reads one argument. Throws UsageError when it has no '=', its node is not a number 0-0x7f,
/// or a hint line names no node; `command` ("pins", "retask") names who asked in the message.
PinArgument parse_pin_argument(const std::string& argument, std::string_view command);

/// An argument that cannot be applied to the codec at hand: it is for a codec at another
/// address, names a node that is no pin, or its hint cannot make a value. The message says
/// which; `hda pins` shows it as a usage error, `hda retask` as a refusal.
class PinArgumentError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Checks that the argument is for this codec and names one of its pins. Throws
/// PinArgumentError naming the codec (`codec_name` at `codec_address`) and listing `pins`.
void check_pin_target(const PinArgument& argument, std::string_view codec_name, int codec_address,
                      const std::vector<int>& pins);

/// What the argument's spec makes of the pin's current value `base` (see
/// hda::parse_freebsd_hint). Throws PinArgumentError when the hint cannot make a value.
hda::PinHint apply_pin_argument(const PinArgument& argument, std::uint32_t base);

}  // namespace sndoctor::cli
