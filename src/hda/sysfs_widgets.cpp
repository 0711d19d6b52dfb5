#include "hda/sysfs_widgets.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace sndoctor::hda {

namespace {

/// Every attribute is one short line ("0x10ec0269\n", a name, or up to 32 connections).
constexpr std::size_t k_attribute_cap = 4096;

/// "hdaudioC0D2" → card 0, address 2; nullopt for any other name.
std::optional<std::pair<int, int>> parse_device_name(std::string_view name) {
    constexpr std::string_view k_prefix = "hdaudioC";
    if (!name.starts_with(k_prefix))
        return std::nullopt;
    name.remove_prefix(k_prefix.size());
    auto d = name.find('D');
    if (d == std::string_view::npos)
        return std::nullopt;
    auto card = parse_int(name.substr(0, d));
    auto address = parse_int(name.substr(d + 1));
    if (!card || !address || *card < 0 || *card > 255 || *address < 0 || *address > 15 ||
        name.substr(0, d).starts_with("0x") || name.substr(d + 1).starts_with("0x"))
        return std::nullopt;
    return std::pair{static_cast<int>(*card), static_cast<int>(*address)};
}

/// Reads the attributes of one codec device, turning what cannot be read into warnings.
class AttributeReader {
  public:
    AttributeReader(const Root& root, std::vector<ParseProblem>& warnings)
        : m_root(root), m_warnings(warnings) {}

    /// The attribute's text without its line end; nullopt when the file is missing, or empty
    /// (the kernel shows an empty file for a value that does not apply to the widget).
    std::optional<std::string> text(const std::string& path) {
        try {
            auto content = m_root.read(path, k_attribute_cap);
            if (!content)
                return std::nullopt;
            auto value = trim(*content);
            if (value.empty())
                return std::nullopt;
            return std::string(value);
        } catch (const InputError& e) {
            warn(path, e.reason());
            return std::nullopt;
        }
    }

    /// How many warnings have been recorded so far.
    std::size_t warnings() const { return m_warnings.size(); }

    std::optional<std::uint32_t> number(const std::string& path) {
        auto value = text(path);
        return value ? parse_number(path, *value) : std::nullopt;
    }

    /// The attribute's value as a number; a warning when it is not one.
    std::optional<std::uint32_t> parse_number(const std::string& path, const std::string& value) {
        auto parsed = parse_int(value);
        if (!parsed || *parsed < 0 || *parsed > 0xffffffffLL) {
            warn(path, "not a 32-bit number: '" + clip(value, 40) + "'");
            return std::nullopt;
        }
        return static_cast<std::uint32_t>(*parsed);
    }

    /// "0x02 0x03 0x0b".
    std::vector<int> list(const std::string& path) {
        std::vector<int> nids;
        auto value = text(path);
        if (!value)
            return nids;
        for (auto word : split_words(*value)) {
            auto nid = parse_int(word);
            if (!nid || *nid < 0 || *nid > 0x7f) {
                warn(path, "not a node id: '" + clip(word, 40) + "'");
                return {};
            }
            nids.push_back(static_cast<int>(*nid));
        }
        return nids;
    }

    void warn(const std::string& path, std::string reason) {
        m_warnings.push_back({path, 0, std::move(reason)});
    }

  private:
    const Root& m_root;
    std::vector<ParseProblem>& m_warnings;
};

std::optional<PcmCaps> pcm_caps(AttributeReader& reader, const std::string& dir) {
    auto pcm = reader.number(join_path(dir, "pcm_caps"));
    auto formats = reader.number(join_path(dir, "pcm_formats"));
    if (!pcm || !formats)
        return std::nullopt;
    return PcmCaps{*pcm & 0xfff, (*pcm >> 16) & 0xff, *formats & 0xf};
}

/// An amplifier's caps; the kernel's dump says N/A for 0 and so does this.
std::optional<AmpCaps> amp_caps(AttributeReader& reader, const std::string& path) {
    auto raw = reader.number(path);
    if (!raw || *raw == 0)
        return std::nullopt;
    return decode_amp_caps(*raw);
}

/// The AFG node holds the codec's defaults and GPIO caps, not a widget.
void read_afg(AttributeReader& reader, const std::string& dir, Codec& codec) {
    codec.default_pcm = pcm_caps(reader, dir);
    codec.default_amp_in_caps = amp_caps(reader, join_path(dir, "amp_in_caps"));
    codec.default_amp_out_caps = amp_caps(reader, join_path(dir, "amp_out_caps"));
    codec.afg_power_caps = reader.number(join_path(dir, "power_caps"));
    if (auto caps = reader.number(join_path(dir, "gpio_caps"))) {
        // Parameter 0x11: 7:0 GPIOs, 15:8 GPOs, 23:16 GPIs, 30 unsolicited, 31 wake.
        Gpio gpio;
        gpio.io = static_cast<int>(*caps & 0xff);
        gpio.o = static_cast<int>((*caps >> 8) & 0xff);
        gpio.i = static_cast<int>((*caps >> 16) & 0xff);
        gpio.unsolicited = (*caps >> 30) & 1;
        gpio.wake = (*caps >> 31) & 1;
        codec.gpio = gpio;
    }
}

Widget read_widget(AttributeReader& reader, const std::string& dir, int nid, std::uint32_t wcaps) {
    Widget widget;
    widget.nid = nid;
    widget.wcaps = wcaps;
    widget.type = widget_type_of(wcaps);
    if (widget.type == WidgetType::pin_complex) {
        Pin pin;
        pin.pincap = reader.number(join_path(dir, "pin_caps")).value_or(0);
        if (std::uint32_t vref = (pin.pincap >> 8) & 0xff; vref != 0)
            pin.vref_caps = vref;
        std::string config_path = join_path(dir, "pin_cfg");
        std::size_t warned = reader.warnings();
        if (auto config = reader.number(config_path))
            pin.default_config = *config;
        else if (reader.warnings() == warned)  // missing or empty, not already reported
            reader.warn(config_path, "the pin has no configuration default");
        widget.pin = pin;
    }
    if (widget.has(WidgetCap::in_amp))
        widget.amp_in = Amp{amp_caps(reader, join_path(dir, "amp_in_caps")), {}};
    if (widget.has(WidgetCap::out_amp))
        widget.amp_out = Amp{amp_caps(reader, join_path(dir, "amp_out_caps")), {}};
    if (widget.has(WidgetCap::power))
        widget.power_caps = reader.number(join_path(dir, "power_caps"));
    if (widget.has(WidgetCap::format_override))
        widget.pcm = pcm_caps(reader, dir);
    widget.connections = reader.list(join_path(dir, "connections"));
    return widget;
}

}  // namespace

std::vector<SysfsCodecDevice> list_sysfs_codecs(const Root& root, std::optional<int> card) {
    std::vector<SysfsCodecDevice> devices;
    for (const auto& entry : root.list(k_hdaudio_devices)) {
        auto numbers = parse_device_name(entry.name);
        if (!numbers || (card && numbers->first != *card))
            continue;
        devices.push_back(
            {numbers->first, numbers->second, join_path(k_hdaudio_devices, entry.name)});
    }
    std::sort(devices.begin(), devices.end(), [](const auto& a, const auto& b) {
        return std::pair(a.card, a.address) < std::pair(b.card, b.address);
    });
    return devices;
}

Codec read_sysfs_codec(const Root& root, const SysfsCodecDevice& device) {
    Codec codec;
    AttributeReader reader(root, codec.warnings);
    auto vendor = reader.number(join_path(device.path, "vendor_id"));
    if (!vendor)
        throw InputError(device.path, "not an HD-Audio codec device (no readable vendor_id)");
    codec.vendor_id = *vendor;
    codec.subsystem_id = reader.number(join_path(device.path, "subsystem_id")).value_or(0);
    codec.revision_id = reader.number(join_path(device.path, "revision_id")).value_or(0);
    codec.address = device.address;
    auto vendor_name = reader.text(join_path(device.path, "vendor_name"));
    auto chip_name = reader.text(join_path(device.path, "chip_name"));
    // The kernel's dump says "Not Set" when it has no names; say the same.
    codec.name = vendor_name && chip_name ? *vendor_name + " " + *chip_name : "Not Set";
    // A function group's function id is its type: 1 audio, 2 modem (parameter 0x05).
    if (auto afg = reader.number(join_path(device.path, "afg")); afg && *afg != 0) {
        codec.afg_nid = static_cast<int>(*afg);
        codec.afg_function_id = 1;
    }
    if (auto mfg = reader.number(join_path(device.path, "mfg")); mfg && *mfg != 0) {
        codec.mfg_nid = static_cast<int>(*mfg);
        codec.mfg_function_id = 2;
    }
    std::string widgets_dir = join_path(device.path, "widgets");
    for (const auto& entry : root.list(widgets_dir)) {
        auto nid = parse_int("0x" + entry.name);
        if (!nid || *nid < 0 || *nid > 0x7f || entry.name.size() != 2) {
            codec.warnings.push_back(
                {join_path(widgets_dir, entry.name), 0, "not a widget directory (a node id)"});
            continue;
        }
        std::string dir = join_path(widgets_dir, entry.name);
        if (codec.afg_function_id && *nid == codec.afg_nid) {
            read_afg(reader, dir, codec);
            continue;
        }
        std::string caps_path = join_path(dir, "caps");
        auto caps_text = reader.text(caps_path);
        if (!caps_text) {
            reader.warn(caps_path, "widget without capabilities");
            continue;
        }
        auto wcaps = reader.parse_number(caps_path, *caps_text);
        if (!wcaps)
            continue;
        codec.widgets.push_back(read_widget(reader, dir, static_cast<int>(*nid), *wcaps));
    }
    return codec;
}

}  // namespace sndoctor::hda
