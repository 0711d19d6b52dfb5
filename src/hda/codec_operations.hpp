#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <vector>

#include "hda/backend.hpp"
#include "hda/codec.hpp"

/// What the `hda` commands do with verbs, the same on a live and an emulated codec: find which
/// nodes exist, read and set GPIO lines, switch a pin's EAPD. Only verbs go to the backend, so
/// every step lands in the experiment log when the backend logs.
namespace sndoctor::hda {

/// The codec answered k_no_response to a verb an operation needs: the driver refused the
/// command or the codec did not answer.
class NoResponse : public std::runtime_error {
  public:
    explicit NoResponse(const Verb& verb);
};

/// Sends a verb and returns the answer; throws NoResponse for k_no_response.
std::uint32_t send(Backend& backend, const Verb& verb);

/// Reads parameter `id` of node `nid` (verb PARAMETERS).
std::uint32_t read_parameter(Backend& backend, int nid, std::uint32_t id);

struct FunctionGroup {
    int nid = 0;
    int type = 0;  ///< 1 audio, 2 modem (FUNCTION_TYPE bits 7:0)
    int first_widget = 0;
    int widget_count = 0;
};

/// The node tree as the codec reports it: the root's function groups and their widgets.
struct CodecNodes {
    std::vector<FunctionGroup> groups;

    /// The root (0), a function group, or a widget of one.
    bool exists(int nid) const;
    bool is_function_group(int nid) const;
    /// The audio function group's node, when the codec has one.
    std::optional<int> audio_group() const;
};

/// Asks the root for its function groups and each group for its widgets (NODE_COUNT and
/// FUNCTION_TYPE reads only).
CodecNodes discover_nodes(Backend& backend);

/// The GPIO caps (parameter GPIO_CAP) and the state of each line (at most 8: the GPIO verbs
/// carry 8 bits), read from the function group `afg`.
Gpio read_gpio(Backend& backend, int afg);

/// The three registers that drive a GPIO line, as 8-bit masks (bit n = line n).
struct GpioDrive {
    std::uint32_t mask = 0;       ///< GPIO_MASK: the line is enabled
    std::uint32_t direction = 0;  ///< GPIO_DIRECTION: 1 = output
    std::uint32_t data = 0;       ///< GPIO_DATA: the level driven (or read)

    bool operator==(const GpioDrive&) const = default;
};

GpioDrive read_gpio_drive(Backend& backend, int afg);

/// Writes the registers given, in the order the kernel's GPIO fixups use (mask, direction, then
/// data, so a line is an enabled output before its level changes).
void write_gpio_drive(Backend& backend, int afg, std::optional<std::uint32_t> mask,
                      std::optional<std::uint32_t> direction, std::optional<std::uint32_t> data);

enum class Level { low, high };

/// Drives line `line` as an output at `level` by read-modify-write of mask, direction and
/// data (hda.md 3.4); the other lines keep their bits. Returns the registers before and after
/// (as read back, which a codec that does not keep them answers with 0).
struct GpioChange {
    GpioDrive before;
    GpioDrive after;
};
GpioChange drive_gpio_line(Backend& backend, int afg, int line, Level level);

/// Whether the node is a pin with the EAPD capability (PIN_CAP bit 16).
bool pin_has_eapd(Backend& backend, int nid);

/// Sets (`on`) or clears the EAPD bit (bit 1) of a pin's EAPD/BTL register by read-modify-write
/// of 0xf0c/0x70c; the BTL and L/R swap bits stay. Returns the register before and as read back.
struct EapdChange {
    std::uint32_t before = 0;
    std::uint32_t after = 0;
};
enum class Eapd { off, on };
EapdChange switch_eapd(Backend& backend, int nid, Eapd state);

}  // namespace sndoctor::hda
