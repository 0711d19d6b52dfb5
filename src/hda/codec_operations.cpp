#include "hda/codec_operations.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace sndoctor::hda {

namespace {

constexpr std::uint32_t k_parameters = 0xf00;
constexpr std::uint32_t k_par_node_count = 0x04;
constexpr std::uint32_t k_par_function_type = 0x05;
constexpr std::uint32_t k_par_widget_caps = 0x09;
constexpr std::uint32_t k_par_pin_caps = 0x0c;
constexpr std::uint32_t k_par_gpio_caps = 0x11;
constexpr std::uint32_t k_pincap_eapd = 1u << 16;
constexpr std::uint32_t k_eapd_bit = 1u << 1;
constexpr int k_max_gpio_lines = 8;

std::uint32_t get(Backend& backend, int nid, std::uint32_t verb) {
    return send(backend, Verb{nid, verb, 0});
}

void put(Backend& backend, int nid, std::uint32_t verb, std::uint32_t payload) {
    send(backend, Verb{nid, verb, payload & 0xff});
}

}  // namespace

NoResponse::NoResponse(const Verb& verb)
    : std::runtime_error("the codec did not answer verb " + hex(verb.verb, 3) + " (" +
                         std::string(verb_name(verb.verb).value_or("unnamed")) + ") on node " +
                         hex(static_cast<std::uint32_t>(verb.nid), 2) +
                         ": the driver refused the command or the codec did not respond") {}

std::uint32_t send(Backend& backend, const Verb& verb) {
    std::uint32_t response = backend.execute(verb);
    if (response == k_no_response)
        throw NoResponse(verb);
    return response;
}

std::uint32_t read_parameter(Backend& backend, int nid, std::uint32_t id) {
    return send(backend, Verb{nid, k_parameters, id});
}

bool CodecNodes::exists(int nid) const {
    if (nid == 0)
        return true;
    return std::any_of(groups.begin(), groups.end(), [&](const FunctionGroup& g) {
        return nid == g.nid || (nid >= g.first_widget && nid < g.first_widget + g.widget_count);
    });
}

bool CodecNodes::is_function_group(int nid) const {
    return std::any_of(groups.begin(), groups.end(),
                       [&](const FunctionGroup& g) { return g.nid == nid; });
}

std::optional<int> CodecNodes::audio_group() const {
    for (const auto& g : groups)
        if (g.type == 1)
            return g.nid;
    return std::nullopt;
}

CodecNodes discover_nodes(Backend& backend) {
    CodecNodes nodes;
    std::uint32_t root = read_parameter(backend, 0, k_par_node_count);
    int first = static_cast<int>((root >> 16) & 0x7fff);
    int count = static_cast<int>(root & 0x7fff);
    for (int nid = first; nid < first + count && nid <= k_max_nid; ++nid) {
        FunctionGroup group;
        group.nid = nid;
        group.type = static_cast<int>(read_parameter(backend, nid, k_par_function_type) & 0xff);
        std::uint32_t widgets = read_parameter(backend, nid, k_par_node_count);
        group.first_widget = static_cast<int>((widgets >> 16) & 0x7fff);
        group.widget_count = static_cast<int>(widgets & 0x7fff);
        nodes.groups.push_back(group);
    }
    return nodes;
}

Gpio read_gpio(Backend& backend, int afg) {
    std::uint32_t caps = read_parameter(backend, afg, k_par_gpio_caps);
    Gpio gpio;
    gpio.io = static_cast<int>(caps & 0xff);
    gpio.o = static_cast<int>((caps >> 8) & 0xff);
    gpio.i = static_cast<int>((caps >> 16) & 0xff);
    gpio.unsolicited = (caps & (1u << 30)) != 0;
    gpio.wake = (caps & (1u << 31)) != 0;
    int lines = std::min(gpio.io, k_max_gpio_lines);
    if (lines == 0)
        return gpio;
    std::uint32_t data = get(backend, afg, 0xf15);
    std::uint32_t mask = get(backend, afg, 0xf16);
    std::uint32_t direction = get(backend, afg, 0xf17);
    std::uint32_t wake = get(backend, afg, 0xf18);
    std::uint32_t unsol = get(backend, afg, 0xf19);
    std::uint32_t sticky = get(backend, afg, 0xf1a);
    for (int n = 0; n < lines; ++n) {
        auto bit = [n](std::uint32_t value) { return (value >> n & 1u) != 0; };
        gpio.lines.push_back(GpioLine{.index = n,
                                      .enable = bit(mask),
                                      .dir = bit(direction),
                                      .wake = bit(wake),
                                      .sticky = bit(sticky),
                                      .data = bit(data),
                                      .unsol = bit(unsol)});
    }
    return gpio;
}

GpioDrive read_gpio_drive(Backend& backend, int afg) {
    GpioDrive drive;
    drive.mask = get(backend, afg, 0xf16) & 0xff;
    drive.direction = get(backend, afg, 0xf17) & 0xff;
    drive.data = get(backend, afg, 0xf15) & 0xff;
    return drive;
}

void write_gpio_drive(Backend& backend, int afg, std::optional<std::uint32_t> mask,
                      std::optional<std::uint32_t> direction, std::optional<std::uint32_t> data) {
    if (mask)
        put(backend, afg, 0x716, *mask);
    if (direction)
        put(backend, afg, 0x717, *direction);
    if (data)
        put(backend, afg, 0x715, *data);
}

GpioChange drive_gpio_line(Backend& backend, int afg, int line, Level level) {
    GpioChange change;
    change.before = read_gpio_drive(backend, afg);
    std::uint32_t bit = 1u << line;
    std::uint32_t data =
        level == Level::high ? change.before.data | bit : change.before.data & ~bit;
    write_gpio_drive(backend, afg, change.before.mask | bit, change.before.direction | bit, data);
    change.after = read_gpio_drive(backend, afg);
    return change;
}

bool pin_has_eapd(Backend& backend, int nid) {
    std::uint32_t wcaps = read_parameter(backend, nid, k_par_widget_caps);
    if (widget_type_of(wcaps) != WidgetType::pin_complex)
        return false;
    return (read_parameter(backend, nid, k_par_pin_caps) & k_pincap_eapd) != 0;
}

EapdChange switch_eapd(Backend& backend, int nid, Eapd state) {
    EapdChange change;
    change.before = get(backend, nid, 0xf0c) & 0xff;
    std::uint32_t value =
        state == Eapd::on ? change.before | k_eapd_bit : change.before & ~k_eapd_bit;
    put(backend, nid, 0x70c, value);
    change.after = get(backend, nid, 0xf0c) & 0xff;
    return change;
}

}  // namespace sndoctor::hda
