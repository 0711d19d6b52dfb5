#include "hda/emulated_codec.hpp"

#include <algorithm>

namespace sndoctor::hda {

namespace {

// Parameter ids (hda.md 3.3).
constexpr std::uint32_t k_par_vendor_id = 0x00;
constexpr std::uint32_t k_par_subsystem_id = 0x01;
constexpr std::uint32_t k_par_revision_id = 0x02;
constexpr std::uint32_t k_par_node_count = 0x04;
constexpr std::uint32_t k_par_function_type = 0x05;
constexpr std::uint32_t k_par_widget_caps = 0x09;
constexpr std::uint32_t k_par_pcm = 0x0a;
constexpr std::uint32_t k_par_stream = 0x0b;
constexpr std::uint32_t k_par_pin_caps = 0x0c;
constexpr std::uint32_t k_par_amp_in_caps = 0x0d;
constexpr std::uint32_t k_par_connlist_len = 0x0e;
constexpr std::uint32_t k_par_power_states = 0x0f;
constexpr std::uint32_t k_par_processing_caps = 0x10;
constexpr std::uint32_t k_par_gpio_caps = 0x11;
constexpr std::uint32_t k_par_amp_out_caps = 0x12;
constexpr std::uint32_t k_par_volume_knob_caps = 0x13;

// The GPIO verbs come in the same order for get (0xf15..) and set (0x715..): data, enable mask,
// direction, wake mask, unsolicited mask, sticky mask. The largest payload is 8 lines.
constexpr int k_max_gpio_lines = 8;

/// The field of a line that a GPIO verb reads or writes (const or not, as the line is).
template <typename Line>
auto gpio_field(Line& line, std::uint32_t verb_low_byte) -> decltype(&line.data) {
    switch (verb_low_byte) {
        case 0x15:
            return &line.data;
        case 0x16:
            return &line.enable;
        case 0x17:
            return &line.dir;
        case 0x18:
            return &line.wake;
        case 0x19:
            return &line.unsol;
        case 0x1a:
            return &line.sticky;
        default:
            return nullptr;
    }
}

const char* const k_power_names[] = {"D0", "D1", "D2", "D3", "D3cold"};

std::uint32_t power_code(const std::string& name) {
    for (std::uint32_t i = 0; i < std::size(k_power_names); ++i)
        if (name == k_power_names[i])
            return i;
    return 0;  // "UNKNOWN": the dump lost the value
}

std::string power_name(std::uint32_t code) {
    return code < std::size(k_power_names) ? k_power_names[code] : "UNKNOWN";
}

std::uint32_t power_register(const PowerState& state) {
    std::uint32_t value = power_code(state.setting) | power_code(state.actual) << 4;
    for (const auto& flag : state.flags) {
        if (flag == "Error")
            value |= 1u << 8;
        else if (flag == "Clock-stop-OK")
            value |= 1u << 9;
        else if (flag == "Setting-reset")
            value |= 1u << 10;
    }
    return value;
}

std::uint32_t pcm_parameter(const PcmCaps& pcm) {
    return pcm.rates | pcm.bits << 16;
}

bool is_converter(const Widget& w) {
    return w.type == WidgetType::audio_output || w.type == WidgetType::audio_input;
}

/// The amp value of one channel: mono amps hold one value, stereo ones left then right.
std::uint32_t amp_value(const Amp& amp, std::uint32_t index, bool left) {
    if (index >= amp.values.size() || amp.values[index].empty())
        return 0;
    const auto& channels = amp.values[index];
    std::size_t channel = left || channels.size() < 2 ? 0 : 1;
    return static_cast<std::uint32_t>(channels[channel]) & 0xff;
}

void set_amp_value(Amp& amp, int channel_count, std::uint32_t index, bool left, bool right,
                   int value) {
    std::size_t width = channel_count >= 2 ? 2 : 1;
    if (amp.values.size() <= index)
        amp.values.resize(index + 1, std::vector<int>(width, 0));
    auto& channels = amp.values[index];
    if (channels.size() < width)
        channels.resize(width, 0);
    if (left)
        channels[0] = value;
    if (right)
        channels[width - 1] = value;
}

}  // namespace

EmulatedCodec::EmulatedCodec(Codec codec, std::string origin)
    : m_codec(std::move(codec)), m_origin(std::move(origin)) {
    m_index.fill(-1);
    for (std::size_t i = 0; i < m_codec.widgets.size(); ++i) {
        const Widget& w = m_codec.widgets[i];
        if (w.nid >= 0 && w.nid <= k_max_nid)
            m_index[static_cast<std::size_t>(w.nid)] = static_cast<int>(i);
        if (w.processing && w.processing->coefficient_index)
            m_coefficient_index[static_cast<std::size_t>(w.nid)] = *w.processing->coefficient_index;
    }
    // Old dumps print the GPIO count without IO[] lines: the registers still exist.
    if (m_codec.gpio) {
        auto& lines = m_codec.gpio->lines;
        int count = std::min(m_codec.gpio->io, k_max_gpio_lines);
        for (int i = 0; i < count; ++i)
            if (std::none_of(lines.begin(), lines.end(),
                             [&](const GpioLine& l) { return l.index == i; }))
                lines.push_back(GpioLine{.index = i});
        std::sort(lines.begin(), lines.end(),
                  [](const GpioLine& a, const GpioLine& b) { return a.index < b.index; });
    }
}

std::string EmulatedCodec::description() const {
    return "codec " + std::to_string(m_codec.address) + " (" + m_codec.name + ") emulated from " +
           m_origin;
}

int EmulatedCodec::slot(int nid) const {
    return nid < 0 || nid > k_max_nid ? -1 : m_index[static_cast<std::size_t>(nid)];
}

Widget* EmulatedCodec::widget(int nid) {
    int at = slot(nid);
    return at < 0 ? nullptr : &m_codec.widgets[static_cast<std::size_t>(at)];
}

const Widget* EmulatedCodec::widget(int nid) const {
    int at = slot(nid);
    return at < 0 ? nullptr : &m_codec.widgets[static_cast<std::size_t>(at)];
}

std::uint32_t EmulatedCodec::execute(const Verb& verb) {
    if (verb_direction(verb.verb) == VerbDirection::get)
        return get(verb);
    set(verb);
    return 0;  // hardware answers SET verbs with 0
}

std::uint32_t EmulatedCodec::parameter(int nid, std::uint32_t id) const {
    const Codec& c = m_codec;
    bool root = nid == 0;
    bool afg = nid == c.afg_nid;
    bool mfg = c.mfg_nid && nid == *c.mfg_nid;
    if (root || afg || mfg) {
        switch (id) {
            case k_par_vendor_id:
                return c.vendor_id;
            case k_par_subsystem_id:
                return c.subsystem_id;
            case k_par_revision_id:
                return c.revision_id;
            default:
                break;
        }
    }
    if (root && id == k_par_node_count) {
        // The function groups: the AFG, and the modem group when the dump names its node.
        int first = c.mfg_nid ? std::min(c.afg_nid, *c.mfg_nid) : c.afg_nid;
        std::uint32_t count = c.mfg_nid ? 2 : 1;
        return static_cast<std::uint32_t>(first) << 16 | count;
    }
    if (afg) {
        switch (id) {
            case k_par_node_count: {
                if (c.widgets.empty())
                    return 0;
                auto [low, high] = std::minmax_element(
                    c.widgets.begin(), c.widgets.end(),
                    [](const Widget& a, const Widget& b) { return a.nid < b.nid; });
                return static_cast<std::uint32_t>(low->nid) << 16 |
                       static_cast<std::uint32_t>(high->nid - low->nid + 1);
            }
            case k_par_function_type:
                return c.afg_function_id.value_or(1) | (c.afg_unsol ? 1u << 8 : 0u);
            case k_par_pcm:
                return c.default_pcm ? pcm_parameter(*c.default_pcm) : 0;
            case k_par_stream:
                return c.default_pcm ? c.default_pcm->formats : 0;
            case k_par_amp_in_caps:
                return c.default_amp_in_caps ? c.default_amp_in_caps->raw : 0;
            case k_par_amp_out_caps:
                return c.default_amp_out_caps ? c.default_amp_out_caps->raw : 0;
            case k_par_power_states:
                return c.afg_power_caps.value_or(0);
            case k_par_gpio_caps: {
                if (!c.gpio)
                    return 0;
                const Gpio& g = *c.gpio;
                return (static_cast<std::uint32_t>(g.io) & 0xff) |
                       (static_cast<std::uint32_t>(g.o) & 0xff) << 8 |
                       (static_cast<std::uint32_t>(g.i) & 0xff) << 16 |
                       (g.unsolicited ? 1u << 30 : 0u) | (g.wake ? 1u << 31 : 0u);
            }
            default:
                return 0;
        }
    }
    if (mfg && id == k_par_function_type)
        return c.mfg_function_id.value_or(2) | (c.mfg_unsol ? 1u << 8 : 0u);
    const Widget* w = widget(nid);
    if (w == nullptr)
        return 0;
    switch (id) {
        case k_par_widget_caps:
            return w->wcaps;
        case k_par_pcm:
            if (w->pcm)
                return pcm_parameter(*w->pcm);
            return is_converter(*w) && c.default_pcm ? pcm_parameter(*c.default_pcm) : 0;
        case k_par_stream:
            if (w->pcm)
                return w->pcm->formats;
            return is_converter(*w) && c.default_pcm ? c.default_pcm->formats : 0;
        case k_par_pin_caps:
            return w->pin ? w->pin->pincap : 0;
        case k_par_amp_in_caps:
            if (w->amp_in && w->amp_in->caps)
                return w->amp_in->caps->raw;
            return w->has(WidgetCap::in_amp) && c.default_amp_in_caps ? c.default_amp_in_caps->raw
                                                                      : 0;
        case k_par_amp_out_caps:
            if (w->amp_out && w->amp_out->caps)
                return w->amp_out->caps->raw;
            return w->has(WidgetCap::out_amp) && c.default_amp_out_caps
                       ? c.default_amp_out_caps->raw
                       : 0;
        case k_par_connlist_len:
            return static_cast<std::uint32_t>(std::min<std::size_t>(w->connections.size(), 0x7f));
        case k_par_power_states:
            return w->power_caps.value_or(0);
        case k_par_processing_caps:
            if (!w->processing)
                return 0;
            return (w->processing->benign ? 1u : 0u) |
                   (static_cast<std::uint32_t>(w->processing->coefficient_count) & 0xff) << 8;
        case k_par_volume_knob_caps:
            if (!w->volume_knob)
                return 0;
            return (static_cast<std::uint32_t>(w->volume_knob->steps) & 0x7f) |
                   (w->volume_knob->delta ? 0x80u : 0u);
        default:
            return 0;
    }
}

std::uint32_t EmulatedCodec::gpio_register(std::uint32_t verb) const {
    if (!m_codec.gpio)
        return 0;
    std::uint32_t bits = 0;
    for (const auto& line : m_codec.gpio->lines) {
        const bool* field = gpio_field(line, verb & 0xff);
        if (field != nullptr && *field && line.index >= 0 && line.index < k_max_gpio_lines)
            bits |= 1u << line.index;
    }
    return bits;
}

void EmulatedCodec::set_gpio_register(std::uint32_t verb, std::uint32_t bits) {
    if (!m_codec.gpio)
        return;
    for (auto& line : m_codec.gpio->lines)
        if (bool* field = gpio_field(line, verb & 0xff);
            field != nullptr && line.index >= 0 && line.index < k_max_gpio_lines)
            *field = (bits >> line.index & 1u) != 0;
}

std::uint32_t EmulatedCodec::get(const Verb& verb) const {
    const int nid = verb.nid;
    if (verb.verb == 0xf00)
        return parameter(nid, verb.payload);
    if (nid == m_codec.afg_nid) {
        if (verb.verb >= 0xf15 && verb.verb <= 0xf1a)
            return gpio_register(verb.verb);
        if (verb.verb == 0xf20)
            return m_codec.subsystem_id;
        if (verb.verb == 0xf05)
            return m_codec.afg_power ? power_register(*m_codec.afg_power) : 0;
        return 0;
    }
    const Widget* w = widget(nid);
    if (w == nullptr)
        return 0;
    switch (verb.verb) {
        case 0xb00: {
            const auto& amp = (verb.payload & 0x8000) != 0 ? w->amp_out : w->amp_in;
            return amp ? amp_value(*amp, verb.payload & 0xf, (verb.payload & 0x2000) != 0) : 0;
        }
        case 0xc00: {
            if (!w->processing)
                return 0;
            std::uint32_t index = m_coefficient_index[static_cast<std::size_t>(nid)];
            for (const auto& [at, value] : w->processing->coefficients)
                if (static_cast<std::uint32_t>(at) == index)
                    return value;
            if (w->processing->coefficient_index == index && w->processing->coefficient_value)
                return *w->processing->coefficient_value;
            return 0;
        }
        case 0xd00:
            return m_coefficient_index[static_cast<std::size_t>(nid)];
        case 0xf01:
            return static_cast<std::uint32_t>(w->selected.value_or(0));
        case 0xf02: {
            // Short form: four 8-bit entries from the offset in the payload, first in 7:0.
            std::uint32_t entries = 0;
            for (std::uint32_t i = 0; i < 4; ++i) {
                std::size_t at = verb.payload + i;
                if (at < w->connections.size())
                    entries |= (static_cast<std::uint32_t>(w->connections[at]) & 0xff) << (8 * i);
            }
            return entries;
        }
        case 0xf04:
            return static_cast<std::uint32_t>(w->sdi_select.value_or(0)) & 0xf;
        case 0xf05:
            return w->power ? power_register(*w->power) : 0;
        case 0xf06:
            return w->converter ? (static_cast<std::uint32_t>(w->converter->stream) & 0xf) << 4 |
                                      (static_cast<std::uint32_t>(w->converter->channel) & 0xf)
                                : 0;
        case 0xf07:
            return w->pin ? w->pin->pin_ctls.value_or(0) : 0;
        case 0xf08:
            return w->unsol ? (static_cast<std::uint32_t>(w->unsol->tag) & 0x3f) |
                                  (w->unsol->enabled ? 0x80u : 0u)
                            : 0;
        case 0xf0c:
            return w->pin ? w->pin->eapd.value_or(0) : 0;
        case 0xf0d: {
            if (!w->digital)
                return 0;
            const auto& d = *w->digital;
            std::uint32_t dig3 =
                (static_cast<std::uint32_t>(d.coding_type) & 0xf) | (d.keep_alive ? 0x80u : 0u);
            return (d.dig1 & 0xff) | (static_cast<std::uint32_t>(d.category) & 0x7f) << 8 |
                   dig3 << 16;
        }
        case 0xf0e:
            return w->digital ? static_cast<std::uint32_t>(w->digital->category) & 0x7f : 0;
        case 0xf0f:
            return w->volume_knob ? (static_cast<std::uint32_t>(w->volume_knob->value) & 0x7f) |
                                        (w->volume_knob->direct ? 0x80u : 0u)
                                  : 0;
        case 0xf1c:
            return w->pin ? w->pin->default_config : 0;
        default:
            return 0;
    }
}

void EmulatedCodec::set(const Verb& verb) {
    const int nid = verb.nid;
    const std::uint32_t p = verb.payload;
    if (nid == m_codec.afg_nid) {
        if (verb.verb >= 0x715 && verb.verb <= 0x71a) {
            set_gpio_register(verb.verb, p);
        } else if (verb.verb >= 0x720 && verb.verb <= 0x723) {
            unsigned shift = 8 * (verb.verb - 0x720);
            m_codec.subsystem_id = (m_codec.subsystem_id & ~(0xffu << shift)) | (p & 0xff) << shift;
        } else if (verb.verb == 0x705) {
            if (!m_codec.afg_power)
                m_codec.afg_power = PowerState{};
            m_codec.afg_power->setting = m_codec.afg_power->actual = power_name(p & 0xf);
        }
        // A function reset (0x7ff) is taken and does nothing: the dump does not hold the
        // power-on defaults it would return to.
        return;
    }
    Widget* w = widget(nid);
    if (w == nullptr)
        return;
    switch (verb.verb) {
        case 0x300: {
            bool output = (p & 0x8000) != 0;
            bool input = (p & 0x4000) != 0;
            bool left = (p & 0x2000) != 0;
            bool right = (p & 0x1000) != 0;
            std::uint32_t index = (p >> 8) & 0xf;
            int value = static_cast<int>(p & 0xff);
            if (output && w->amp_out)
                set_amp_value(*w->amp_out, w->channels(), 0, left, right, value);
            if (input && w->amp_in)
                set_amp_value(*w->amp_in, w->channels(), index, left, right, value);
            break;
        }
        case 0x400: {
            if (!w->processing)
                break;
            std::uint32_t index = m_coefficient_index[static_cast<std::size_t>(nid)];
            auto& list = w->processing->coefficients;
            auto it = std::find_if(list.begin(), list.end(), [&](const auto& entry) {
                return static_cast<std::uint32_t>(entry.first) == index;
            });
            if (it != list.end())
                it->second = p;
            else
                list.emplace_back(static_cast<int>(index), p);
            break;
        }
        case 0x500:
            m_coefficient_index[static_cast<std::size_t>(nid)] = p;
            break;
        case 0x701:
            if (p < w->connections.size())
                w->selected = static_cast<int>(p);
            break;
        case 0x704:
            w->sdi_select = static_cast<int>(p & 0xf);
            break;
        case 0x705:
            if (!w->power)
                w->power = PowerState{};
            w->power->setting = w->power->actual = power_name(p & 0xf);
            break;
        case 0x706:
            w->converter = Converter{static_cast<int>(p >> 4 & 0xf), static_cast<int>(p & 0xf)};
            break;
        case 0x707:
            if (w->pin)
                w->pin->pin_ctls = p;
            break;
        case 0x708:
            w->unsol = Unsolicited{static_cast<int>(p & 0x3f), (p & 0x80) != 0};
            break;
        case 0x70c:
            if (w->pin)
                w->pin->eapd = p & 0x7;
            break;
        case 0x70d:
        case 0x70e:
        case 0x73e: {
            if (!w->digital)
                w->digital = DigitalConverter{};
            auto& d = *w->digital;
            if (verb.verb == 0x70d) {
                d.dig1 = p;
            } else if (verb.verb == 0x70e) {
                d.category = static_cast<int>(p & 0x7f);
            } else {
                d.coding_type = static_cast<int>(p & 0xf);
                d.keep_alive = (p & 0x80) != 0;
            }
            break;
        }
        case 0x70f:
            if (w->volume_knob) {
                w->volume_knob->value = static_cast<int>(p & 0x7f);
                w->volume_knob->direct = (p & 0x80) != 0;
            }
            break;
        case 0x71c:
        case 0x71d:
        case 0x71e:
        case 0x71f:
            if (w->pin) {
                unsigned shift = 8 * (verb.verb - 0x71c);
                w->pin->default_config =
                    (w->pin->default_config & ~(0xffu << shift)) | (p & 0xff) << shift;
            }
            break;
        default:
            break;
    }
}

}  // namespace sndoctor::hda
