#include "hda/codec_parser.hpp"

#include <charconv>

#include "core/text.hpp"

namespace sndoctor::hda {

namespace {

constexpr bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

/// A line without its leading blanks, its trailing blanks and a CR: the kernel indents with
/// spaces, hand-pasted dumps with one space or tabs, and mail clients leave CRs and blanks.
std::string_view strip(std::string_view line) {
    std::size_t begin = 0;
    while (begin < line.size() && is_blank(line[begin]))
        ++begin;
    std::size_t end = line.size();
    while (end > begin && (is_blank(line[end - 1]) || line[end - 1] == '\r'))
        --end;
    return line.substr(begin, end - begin);
}

std::string_view skip_blanks(std::string_view text) {
    while (!text.empty() && is_blank(text.front()))
        text.remove_prefix(1);
    return text;
}

/// The first word of `text` (up to a blank, a comma, a colon or a bracket).
std::string_view first_token(std::string_view text) {
    std::size_t end = 0;
    while (end < text.size() && !is_blank(text[end]) && text[end] != ',' && text[end] != ':' &&
           text[end] != ']' && text[end] != ')')
        ++end;
    return text.substr(0, end);
}

/// A whole hexadecimal number, with or without 0x; 32 bits at most.
std::optional<std::uint32_t> hex_number(std::string_view token) {
    if (token.size() > 2 && token[0] == '0' && (token[1] == 'x' || token[1] == 'X'))
        token.remove_prefix(2);
    std::uint32_t value = 0;
    auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value, 16);
    if (token.empty() || ec != std::errc() || end != token.data() + token.size())
        return std::nullopt;
    return value;
}

/// A whole decimal number, or a hexadecimal one written with 0x; may be negative.
std::optional<long> number(std::string_view token) {
    bool negative = !token.empty() && token.front() == '-';
    if (negative)
        token.remove_prefix(1);
    if (token.size() > 2 && token[0] == '0' && (token[1] == 'x' || token[1] == 'X')) {
        auto value = hex_number(token);
        if (!value)
            return std::nullopt;
        return negative ? -static_cast<long>(*value) : static_cast<long>(*value);
    }
    long value = 0;
    auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value, 10);
    if (token.empty() || ec != std::errc() || end != token.data() + token.size())
        return std::nullopt;
    return negative ? -value : value;
}

/// The value of `key` in "key=value, key2=value2" text (blanks around '=' allowed, as in
/// "PD = 1"): the token after it, up to a comma, a blank or a closing bracket.
std::optional<std::string_view> field(std::string_view text, std::string_view key) {
    std::size_t from = 0;
    while (true) {
        std::size_t at = text.find(key, from);
        if (at == std::string_view::npos)
            return std::nullopt;
        from = at + 1;
        // "steps" must not match inside "nsteps".
        if (at > 0 && !is_blank(text[at - 1]) && text[at - 1] != ',' && text[at - 1] != '(')
            continue;
        std::string_view rest = skip_blanks(text.substr(at + key.size()));
        if (rest.empty() || rest.front() != '=')
            continue;
        return first_token(skip_blanks(rest.substr(1)));
    }
}

std::optional<long> number_field(std::string_view text, std::string_view key) {
    auto value = field(text, key);
    return value ? number(*value) : std::nullopt;
}

std::optional<std::uint32_t> hex_field(std::string_view text, std::string_view key) {
    auto value = field(text, key);
    return value ? hex_number(*value) : std::nullopt;
}

/// The quoted value of `key="..."`; the name may itself hold quotes and commas, so it ends at
/// the last `", ` before `next_key` (or at the last quote when there is none).
std::optional<std::string> quoted_field(std::string_view text, std::string_view key,
                                        std::string_view next_key) {
    std::string opening = std::string(key) + "=\"";
    auto begin = text.find(opening);
    if (begin == std::string_view::npos)
        return std::nullopt;
    begin += opening.size();
    std::size_t end = std::string_view::npos;
    if (!next_key.empty())
        end = text.rfind("\", " + std::string(next_key));
    if (end == std::string_view::npos || end < begin)
        end = text.rfind('"');
    if (end == std::string_view::npos || end < begin)
        return std::nullopt;
    return std::string(text.substr(begin, end - begin));
}

/// "D0".."D3cold" for a power-state field, as the kernel names them.
std::string power_state_name(std::uint32_t state) {
    static constexpr const char* k_names[] = {"D0", "D1", "D2", "D3", "D3cold"};
    return state < std::size(k_names) ? k_names[state] : "UNKNOWN";
}

/// Where the next rates/bits/formats lines go.
enum class PcmTarget { none, codec_default, node };

/// Which list the next `0x..` lines fill.
enum class ListTarget { none, connections, driver_connections };

/// The parse of one text: the codec and node being filled, and what the next lines continue.
class DumpParser {
  public:
    explicit DumpParser(std::string_view path) : m_path(path) {}

    std::vector<Codec> run(std::string_view text) {
        std::size_t pos = 0;
        while (pos < text.size()) {
            std::size_t end = text.find('\n', pos);
            if (end == std::string_view::npos)
                end = text.size();
            ++m_line;
            take(strip(text.substr(pos, end - pos)));
            pos = end + 1;
        }
        finish_codec();
        return std::move(m_codecs);
    }

  private:
    void take(std::string_view line) {
        if (line.empty())
            return;
        if (line.starts_with("Codec:")) {
            finish_codec();
            start_codec(line);
            return;
        }
        if (m_codec == nullptr)
            return;
        if (line.starts_with("!!") || line.starts_with("--endcollapse--")) {
            // alsa-info's next section: the codec dump is over.
            finish_codec();
            return;
        }
        if (continues_previous(line))
            return;
        dispatch(line);
    }

    /// Lines that belong to the line before: connection lists, wrapped amp values, the three
    /// lines of a PCM block. Anything else closes what was open.
    bool continues_previous(std::string_view line) {
        if (m_list != ListTarget::none) {
            if (line.starts_with("0x")) {
                read_list_line(line);
                return true;
            }
            close_list();
        }
        if (m_amp_continued != nullptr) {
            if (line.front() == '[') {
                read_amp_values(line, *m_amp_continued);
                return true;
            }
            m_amp_continued = nullptr;
        }
        if (m_pcm != PcmTarget::none) {
            if (line.starts_with("rates [") || line.starts_with("bits [") ||
                line.starts_with("formats [")) {
                read_pcm_line(line);
                return true;
            }
            if (line == "N/A") {
                pcm_slot() = std::nullopt;
                m_pcm = PcmTarget::none;
                return true;
            }
            m_pcm = PcmTarget::none;
        }
        return false;
    }

    void dispatch(std::string_view line) {
        switch (line.front()) {
            case 'A':
                if (line.starts_with("Address:"))
                    return read_address(line);
                if (line.starts_with("AFG Function Id:"))
                    return read_function_id(line.substr(16), FunctionGroup::audio);
                if (line.starts_with("Amp-In caps:"))
                    return read_amp_caps(line, node_amp(AmpDirection::input));
                if (line.starts_with("Amp-Out caps:"))
                    return read_amp_caps(line, node_amp(AmpDirection::output));
                if (line.starts_with("Amp-In vals:"))
                    return start_amp_values(line.substr(12), AmpDirection::input);
                if (line.starts_with("Amp-Out vals:"))
                    return start_amp_values(line.substr(13), AmpDirection::output);
                if (line.starts_with("Analog Loopback:"))
                    return keep_vendor_line(line);
                break;
            case 'C':
                if (line.starts_with("Connection:"))
                    return read_connection_count(line.substr(11), ListTarget::connections);
                if (line.starts_with("Conn ="))
                    return;  // the decoded default configuration; the raw value is kept
                if (line.starts_with("Control:"))
                    return read_control(line);
                if (line.starts_with("ControlAmp:"))
                    return read_control_amp(line);
                if (line.starts_with("Converter:"))
                    return read_converter(line);
                if (line.starts_with("Coeff "))
                    return read_coefficient(line);
                if (line.starts_with("Coefficient Index:"))
                    return read_old_coefficient(line, 18, OldCoefficient::index);
                break;
            case 'D':
                if (line.starts_with("Default PCM:"))
                    return start_pcm(line.substr(12), PcmTarget::codec_default);
                if (line.starts_with("Default Amp-In caps:"))
                    return read_default_amp_caps(line, m_codec->default_amp_in_caps);
                if (line.starts_with("Default Amp-Out caps:"))
                    return read_default_amp_caps(line, m_codec->default_amp_out_caps);
                if (line.starts_with("DefAssociation"))
                    return;  // decoded default configuration
                if (line.starts_with("Device:"))
                    return read_pcm_device(line);
                if (line.starts_with("Devices:"))
                    return;  // the count of the `Dev NN:` lines that follow
                if (line.starts_with("Delay:"))
                    return;  // bits 19:16 of wcaps, kept there
                if (line.starts_with("Digital category:"))
                    return read_digital_field(line, 17, DigitalField::category);
                if (line.starts_with("Digital:"))
                    return read_digital(line);
                if (line.starts_with("Dev "))
                    return read_mst_device(line, false);
                break;
            case 'E':
                if (line.starts_with("EAPD"))
                    return read_eapd(line);
                break;
            case 'F':
                if (line.starts_with("Function Id:"))
                    return read_function_id(line.substr(12), FunctionGroup::old_unnamed);
                break;
            case 'G':
                if (line.starts_with("GPIO:"))
                    return read_gpio(line);
                break;
            case 'I':
                if (line.starts_with("IO["))
                    return read_gpio_line(line);
                if (line.starts_with("In-driver Connection:"))
                    return read_connection_count(line.substr(21), ListTarget::driver_connections);
                if (line.starts_with("IEC Coding Type:"))
                    return read_digital_field(line, 16, DigitalField::coding_type);
                if (line.starts_with("Invalid AFG subtree"))
                    return warn("the kernel could not read the AFG's nodes (Invalid AFG subtree)");
                break;
            case 'M':
                if (line.starts_with("MFG Function Id:"))
                    return read_function_id(line.substr(16), FunctionGroup::modem);
                if (line.starts_with("Modem Function Group:"))
                    return read_modem_group(line);
                if (line.starts_with("Misc ="))
                    return;  // decoded default configuration
                break;
            case 'N':
                if (line.starts_with("Node 0x"))
                    return start_node(line);
                if (line.starts_with("No Modem Function Group"))
                    return;
                break;
            case 'P':
                if (line.starts_with("Pincap "))
                    return read_pincap(line);
                if (line.starts_with("Pin Default "))
                    return read_pin_default(line);
                if (line.starts_with("Pin-ctls:"))
                    return read_pin_ctls(line);
                if (line.starts_with("PCM:"))
                    return start_pcm(line.substr(4), PcmTarget::node);
                if (line.starts_with("Power states:"))
                    return read_power_states(line.substr(13));
                if (line.starts_with("Power-Map:"))
                    return keep_vendor_line(line);
                if (line.starts_with("Power:"))
                    return read_power(skip_blanks(line.substr(6)));
                if (line.starts_with("Processing caps:"))
                    return read_processing_caps(line);
                if (line.starts_with("Processing Coefficient:"))
                    return read_old_coefficient(line, 23, OldCoefficient::value);
                break;
            case 'R':
                if (line.starts_with("Revision Id:"))
                    return read_id(line.substr(12), m_codec->revision_id, "Revision Id");
                break;
            case 'S':
                if (line.starts_with("Subsystem Id:"))
                    return read_id(line.substr(13), m_codec->subsystem_id, "Subsystem Id");
                if (line.starts_with("State of AFG node"))
                    return read_afg_node(line);
                if (line.starts_with("SDI-Select:"))
                    return read_sdi_select(line);
                break;
            case 'U':
                if (line.starts_with("Unsolicited:"))
                    return read_unsolicited(line);
                break;
            case 'V':
                if (line.starts_with("Vendor Id:")) {
                    m_has_vendor_id = true;
                    return read_id(line.substr(10), m_codec->vendor_id, "Vendor Id");
                }
                if (line.starts_with("Vref caps:"))
                    return read_vref_caps(line);
                if (line.starts_with("Volume-Knob:"))
                    return read_volume_knob(line);
                break;
            case '*':
                if (line.starts_with("*Dev "))
                    return read_mst_device(line.substr(1), true);
                break;
            default:
                break;
        }
        not_understood(line);
    }

    // ---- codecs and nodes ----

    void start_codec(std::string_view line) {
        m_codecs.emplace_back();
        m_codec = &m_codecs.back();
        m_codec->name = std::string(skip_blanks(line.substr(6)));
        m_codec->line = m_line;
        m_node = nullptr;
        m_last_control = nullptr;
        m_has_vendor_id = false;
    }

    void finish_codec() {
        if (m_codec == nullptr)
            return;
        close_list();
        finish_node();
        if (!m_has_vendor_id)
            m_codec->warnings.push_back(
                {std::string(m_path), m_codec->line, "the codec has no Vendor Id line"});
        m_codec = nullptr;
        m_node = nullptr;
        m_amp_continued = nullptr;
        m_pcm = PcmTarget::none;
    }

    void start_node(std::string_view line) {
        finish_node();
        Widget widget;
        widget.line = m_line;
        auto nid = hex_number(first_token(line.substr(5)));
        if (!nid || *nid > 0x7f)
            warn("cannot read the node id of '" + clip(line, 80) + "'");
        widget.nid = nid ? static_cast<int>(*nid) : 0;
        auto at = line.find(" wcaps ");
        auto wcaps = at == std::string_view::npos ? std::nullopt
                                                  : hex_number(first_token(line.substr(at + 7)));
        if (!wcaps)
            warn("cannot read the widget capabilities of '" + clip(line, 80) + "'");
        widget.wcaps = wcaps.value_or(0);
        widget.type = widget_type_of(widget.wcaps);
        if (widget.type == WidgetType::pin_complex)
            widget.pin.emplace();
        m_codec->widgets.push_back(std::move(widget));
        m_node = &m_codec->widgets.back();
        m_last_control = nullptr;
        m_has_pin_default = false;
    }

    void finish_node() {
        if (m_node != nullptr && m_node->pin && !m_has_pin_default)
            m_codec->warnings.push_back(
                {std::string(m_path), m_node->line, "pin node has no Pin Default line"});
        m_node = nullptr;
    }

    /// The node the line belongs to; a node's line that comes before any `Node` line is a
    /// warning (and kept with the codec's lines not understood).
    Widget* node_for(std::string_view line) {
        if (m_node == nullptr)
            not_understood(line);
        return m_node;
    }

    Pin* pin_for(std::string_view line) {
        Widget* node = node_for(line);
        if (node == nullptr)
            return nullptr;
        if (!node->pin)
            node->pin.emplace();
        return &*node->pin;
    }

    // ---- header lines ----

    void read_address(std::string_view line) {
        auto value = number(first_token(skip_blanks(line.substr(8))));
        if (!value || *value < 0 || *value > 15)
            return cannot_read("the codec address", line);
        m_codec->address = static_cast<int>(*value);
    }

    enum class FunctionGroup { audio, modem, old_unnamed };

    /// "0x1 (unsol 1)"; the oldest kernels print a bare "Function Id: 0x1", where 2 is a modem.
    void read_function_id(std::string_view rest, FunctionGroup group) {
        rest = skip_blanks(rest);
        auto value = hex_number(first_token(rest));
        if (!value)
            return cannot_read("the function id", rest);
        bool unsol = false;
        auto at = rest.find("(unsol ");
        if (at != std::string_view::npos)
            unsol = number(first_token(rest.substr(at + 7))).value_or(0) != 0;
        bool modem = group == FunctionGroup::modem ||
                     (group == FunctionGroup::old_unnamed && (*value & 0xff) == 2);
        (modem ? m_codec->mfg_function_id : m_codec->afg_function_id) = *value;
        (modem ? m_codec->mfg_unsol : m_codec->afg_unsol) = unsol;
    }

    void read_id(std::string_view rest, std::uint32_t& slot, const char* what) {
        auto value = hex_number(first_token(skip_blanks(rest)));
        if (!value)
            return cannot_read(std::string("the ") + what, rest);
        slot = *value;
    }

    void read_modem_group(std::string_view line) {
        auto value = hex_number(first_token(skip_blanks(line.substr(21))));
        if (!value)
            return cannot_read("the modem function group node", line);
        m_codec->mfg_nid = static_cast<int>(*value);
    }

    void read_afg_node(std::string_view line) {
        auto value = hex_number(first_token(skip_blanks(line.substr(17))));
        if (!value)
            return cannot_read("the AFG node", line);
        m_codec->afg_nid = static_cast<int>(*value);
    }

    void keep_vendor_line(std::string_view line) {
        (m_node != nullptr ? m_node->extra : m_codec->extra).emplace_back(line);
    }

    // ---- PCM blocks ----

    std::optional<PcmCaps>& pcm_slot() {
        return m_pcm == PcmTarget::node && m_node != nullptr ? m_node->pcm : m_codec->default_pcm;
    }

    /// "Default PCM:" / "PCM:" opens a block of rates/bits/formats lines; old kernels put it
    /// on one line: "rates 0x560, bits 0x0e, types 0x1"; a failed read prints N/A.
    void start_pcm(std::string_view rest, PcmTarget target) {
        if (target == PcmTarget::node && node_for("PCM:") == nullptr)
            return;
        m_pcm = target;
        rest = skip_blanks(rest);
        if (rest.empty()) {
            pcm_slot() = PcmCaps{};
            return;
        }
        m_pcm = PcmTarget::none;
        if (rest == "N/A")
            return;
        std::optional<std::uint32_t> rates, bits, types;
        for (std::string_view part = rest; !part.empty();) {
            std::size_t comma = part.find(',');
            auto words = split_words(part.substr(0, comma));
            part = comma == std::string_view::npos ? std::string_view() : part.substr(comma + 1);
            if (words.size() != 2)
                continue;
            if (words[0] == "rates")
                rates = hex_number(words[1]);
            else if (words[0] == "bits")
                bits = hex_number(words[1]);
            else if (words[0] == "types")
                types = hex_number(words[1]);
        }
        if (!rates || !bits || !types)
            return cannot_read("the PCM formats", rest);
        std::optional<PcmCaps>& slot =
            target == PcmTarget::node ? m_node->pcm : m_codec->default_pcm;
        slot = PcmCaps{*rates, *bits, *types};
    }

    /// "rates [0x7f]: 8000 ...", "bits [0xe]: 16 20 24", "formats [0x1]: PCM".
    void read_pcm_line(std::string_view line) {
        auto open = line.find('[');
        auto value = hex_number(first_token(line.substr(open + 1)));
        std::optional<PcmCaps>& slot = pcm_slot();
        if (!value || !slot)
            return cannot_read("the PCM formats", line);
        if (line.front() == 'r')
            slot->rates = *value;
        else if (line.front() == 'b')
            slot->bits = *value;
        else
            slot->formats = *value;
    }

    // ---- amplifiers ----

    Amp* node_amp(AmpDirection direction) {
        if (m_node == nullptr)
            return nullptr;
        std::optional<Amp>& amp =
            direction == AmpDirection::input ? m_node->amp_in : m_node->amp_out;
        if (!amp)
            amp.emplace();
        return &*amp;
    }

    std::optional<std::optional<AmpCaps>> amp_caps_of(std::string_view line) {
        std::string_view rest = skip_blanks(line.substr(line.find(':') + 1));
        if (rest == "N/A")
            return std::optional<AmpCaps>{};
        auto offset = number_field(rest, "ofs");
        auto steps = number_field(rest, "nsteps");
        auto size = number_field(rest, "stepsize");
        auto mute = number_field(rest, "mute");
        if (!offset || !steps || !size || !mute) {
            cannot_read("the amplifier caps", line);
            return std::nullopt;
        }
        auto raw = static_cast<std::uint32_t>((*offset & 0x7f) | (*steps & 0x7f) << 8 |
                                              (*size & 0x7f) << 16) |
                   (*mute != 0 ? 1u << 31 : 0u);
        return std::optional<AmpCaps>{decode_amp_caps(raw)};
    }

    void read_amp_caps(std::string_view line, Amp* amp) {
        if (amp == nullptr)
            return not_understood(line);
        if (auto caps = amp_caps_of(line))
            amp->caps = *caps;
    }

    void read_default_amp_caps(std::string_view line, std::optional<AmpCaps>& slot) {
        if (auto caps = amp_caps_of(line))
            slot = *caps;
    }

    void start_amp_values(std::string_view rest, AmpDirection direction) {
        Amp* amp = node_amp(direction);
        if (amp == nullptr)
            return not_understood(rest);
        amp->values.clear();
        read_amp_values(rest, *amp);
        // A mail client may have wrapped a long list: the rest comes on lines of `[..]`.
        m_amp_continued = amp;
    }

    /// " [0x00 0x00] [0x80 0x80]" (one bracket per index), or old kernels' bare "0x00 0x00",
    /// grouped by the widget's channels. A trailing '=' is a quoted-printable line break.
    void read_amp_values(std::string_view text, Amp& amp) {
        std::size_t per_index = m_node->has(WidgetCap::stereo) ? 2 : 1;
        std::vector<int> bare;
        std::vector<int>* group = nullptr;
        std::size_t pos = 0;
        while (pos < text.size()) {
            char c = text[pos];
            if (is_blank(c) || c == '=') {
                ++pos;
            } else if (c == '[') {
                amp.values.emplace_back();
                group = &amp.values.back();
                ++pos;
            } else if (c == ']') {
                group = nullptr;
                ++pos;
            } else {
                std::string_view token = first_token(text.substr(pos));
                if (token.empty()) {
                    ++pos;
                    continue;
                }
                pos += token.size();
                if (!token.empty() && token.back() == '=')
                    token.remove_suffix(1);
                auto value = hex_number(token);
                if (!value || *value > 0xff)
                    return cannot_read("the amplifier values", text);
                (group != nullptr ? *group : bare).push_back(static_cast<int>(*value));
            }
        }
        for (std::size_t i = 0; i < bare.size(); i += per_index)
            amp.values.emplace_back(
                bare.begin() + static_cast<std::ptrdiff_t>(i),
                bare.begin() + static_cast<std::ptrdiff_t>(std::min(bare.size(), i + per_index)));
    }

    // ---- pins ----

    /// "Pincap 0x0000173f: IN OUT Detect". Early kernels printed "0x08%x" by mistake: a token
    /// that starts with 0x08 and is not the full ten characters drops the 08 (hda.md 1.3).
    void read_pincap(std::string_view line) {
        Pin* pin = pin_for(line);
        if (pin == nullptr)
            return;
        std::string_view token = first_token(line.substr(7));
        std::string fixed;
        if (token.size() != 10 && token.starts_with("0x08")) {
            fixed = "0x" + std::string(token.substr(4));
            token = fixed;
        }
        auto value = hex_number(token);
        if (!value)
            return cannot_read("the pin caps", line);
        pin->pincap = *value;
    }

    /// "Vref caps: HIZ 50 GRD 80 100": the names of bits 15:8 of the pin caps.
    void read_vref_caps(std::string_view line) {
        Pin* pin = pin_for(line);
        if (pin == nullptr)
            return;
        std::uint32_t bits = 0;
        for (std::string_view word : split_words(line.substr(10))) {
            if (word == "HIZ")
                bits |= 0x01;
            else if (word == "50")
                bits |= 0x02;
            else if (word == "GRD")
                bits |= 0x04;
            else if (word == "80")
                bits |= 0x10;
            else if (word == "100")
                bits |= 0x20;
            else
                return cannot_read("the vref caps", line);
        }
        pin->vref_caps = bits;
    }

    /// "EAPD 0x2: EAPD" (new) or "EAPD: 0x0" (old).
    void read_eapd(std::string_view line) {
        Pin* pin = pin_for(line);
        if (pin == nullptr)
            return;
        std::string_view rest = skip_blanks(line.substr(4));
        if (!rest.empty() && rest.front() == ':')
            rest = skip_blanks(rest.substr(1));
        auto value = hex_number(first_token(rest));
        if (!value)
            return cannot_read("the EAPD value", line);
        pin->eapd = *value;
    }

    void read_pin_default(std::string_view line) {
        Pin* pin = pin_for(line);
        if (pin == nullptr)
            return;
        auto value = hex_number(first_token(line.substr(12)));
        if (!value)
            return cannot_read("the pin default configuration", line);
        pin->default_config = *value;
        m_has_pin_default = true;
    }

    void read_pin_ctls(std::string_view line) {
        Pin* pin = pin_for(line);
        if (pin == nullptr)
            return;
        auto value = hex_number(first_token(skip_blanks(line.substr(9))));
        if (!value)
            return cannot_read("the pin controls", line);
        pin->pin_ctls = *value;
    }

    // ---- connections ----

    void read_connection_count(std::string_view rest, ListTarget target) {
        if (node_for("Connection:") == nullptr)
            return;
        auto count = number(first_token(skip_blanks(rest)));
        if (!count)
            return cannot_read("the connection count", rest);
        if (target == ListTarget::driver_connections)
            m_node->driver_connections.emplace();
        else
            m_node->connections.clear();
        if (*count < 0) {
            // The kernel prints the error of a failed read (-22, EINVAL) as the count.
            warn("node " + hex(m_node->nid, 2) +
                 ": the kernel could not read the connection list (error " +
                 std::to_string(*count) + ")");
            return;
        }
        if (*count == 0)
            return;
        m_list = target;
        m_list_declared = *count;
        m_list_line = m_line;
    }

    std::vector<int>& list_slot() {
        return m_list == ListTarget::driver_connections ? *m_node->driver_connections
                                                        : m_node->connections;
    }

    /// " 0x02 0x03* 0x0b": the `*` marks the selected entry.
    void read_list_line(std::string_view line) {
        std::vector<int>& list = list_slot();
        for (std::string_view word : split_words(line)) {
            bool selected = word.back() == '*';
            if (selected)
                word.remove_suffix(1);
            auto value = hex_number(word);
            if (!value)
                return cannot_read("the connection list", line);
            if (selected && m_list == ListTarget::connections)
                m_node->selected = static_cast<int>(list.size());
            list.push_back(static_cast<int>(*value));
        }
    }

    void close_list() {
        if (m_list == ListTarget::none)
            return;
        auto got = static_cast<long>(list_slot().size());
        if (got != m_list_declared)
            m_codec->warnings.push_back({std::string(m_path), m_list_line,
                                         "node " + hex(m_node->nid, 2) + " declares " +
                                             std::to_string(m_list_declared) +
                                             " connections but lists " + std::to_string(got)});
        m_list = ListTarget::none;
    }

    // ---- controls and PCM devices ----

    /// `Control: name="Master Playback Volume", index=0, device=0` (node or AFG).
    void read_control(std::string_view line) {
        auto name = quoted_field(line, "name", "index=");
        auto index = number_field(line, "index");
        auto device = number_field(line, "device");
        if (!name || !index || !device)
            return cannot_read("the control", line);
        std::vector<Control>& controls =
            m_node != nullptr ? m_node->controls : m_codec->afg_controls;
        controls.push_back(
            {std::move(*name), static_cast<int>(*index), static_cast<int>(*device), std::nullopt});
        m_last_control = &controls.back();
    }

    /// `ControlAmp: chs=3, dir=Out, idx=0, ofs=0`, under the control it belongs to.
    void read_control_amp(std::string_view line) {
        if (m_last_control == nullptr)
            return not_understood(line);
        auto channels = number_field(line, "chs");
        auto direction = field(line, "dir");
        auto index = number_field(line, "idx");
        auto offset = number_field(line, "ofs");
        if (!channels || !direction || !index || !offset ||
            (*direction != "In" && *direction != "Out"))
            return cannot_read("the control's amplifier", line);
        m_last_control->amp =
            ControlAmp{static_cast<int>(*channels),
                       *direction == "In" ? AmpDirection::input : AmpDirection::output,
                       static_cast<int>(*index), static_cast<int>(*offset)};
    }

    /// `Device: name="ALC269 Analog", type="Audio", device=0`.
    void read_pcm_device(std::string_view line) {
        Widget* node = node_for(line);
        if (node == nullptr)
            return;
        auto name = quoted_field(line, "name", "type=");
        auto type = quoted_field(line, "type", "device=");
        auto device = number_field(line, "device");
        if (!name || !type || !device)
            return cannot_read("the PCM device", line);
        node->pcm_devices.push_back(
            {std::move(*name), std::move(*type), static_cast<int>(*device)});
    }

    // ---- converters ----

    void read_converter(std::string_view line) {
        Widget* node = node_for(line);
        if (node == nullptr)
            return;
        auto stream = number_field(line, "stream");
        auto channel = number_field(line, "channel");
        if (!stream || !channel)
            return cannot_read("the converter", line);
        node->converter = Converter{static_cast<int>(*stream), static_cast<int>(*channel)};
    }

    void read_sdi_select(std::string_view line) {
        Widget* node = node_for(line);
        if (node == nullptr)
            return;
        auto value = number(first_token(skip_blanks(line.substr(11))));
        if (!value)
            return cannot_read("the SDI select", line);
        node->sdi_select = static_cast<int>(*value);
    }

    /// "Digital: Enabled GenLevel": the names of the DIG1 bits (old kernels said "Copyright"
    /// for the bit new ones call "Non-Copyright") and DIG3's KAE.
    void read_digital(std::string_view line) {
        Widget* node = node_for(line);
        if (node == nullptr)
            return;
        DigitalConverter& digital = node->digital ? *node->digital : node->digital.emplace();
        for (std::string_view word : split_words(line.substr(8))) {
            if (word == "Enabled")
                digital.dig1 |= 0x01;
            else if (word == "Validity")
                digital.dig1 |= 0x02;
            else if (word == "ValidityCfg")
                digital.dig1 |= 0x04;
            else if (word == "Preemphasis")
                digital.dig1 |= 0x08;
            else if (word == "Non-Copyright" || word == "Copyright")
                digital.dig1 |= 0x10;
            else if (word == "Non-Audio")
                digital.dig1 |= 0x20;
            else if (word == "Pro")
                digital.dig1 |= 0x40;
            else if (word == "GenLevel")
                digital.dig1 |= 0x80;
            else if (word == "KAE")
                digital.keep_alive = true;
            else
                return cannot_read("the digital converter flags", line);
        }
    }

    enum class DigitalField { category, coding_type };

    void read_digital_field(std::string_view line, std::size_t prefix, DigitalField which) {
        Widget* node = node_for(line);
        if (node == nullptr)
            return;
        auto value = hex_number(first_token(skip_blanks(line.substr(prefix))));
        if (!value)
            return cannot_read("the digital converter", line);
        DigitalConverter& digital = node->digital ? *node->digital : node->digital.emplace();
        (which == DigitalField::category ? digital.category : digital.coding_type) =
            static_cast<int>(*value);
    }

    // ---- unsolicited responses and power ----

    /// "Unsolicited: tag=3f, enabled=1": the tag is hex without 0x.
    void read_unsolicited(std::string_view line) {
        Widget* node = node_for(line);
        if (node == nullptr)
            return;
        auto tag = hex_field(line, "tag");
        auto enabled = number_field(line, "enabled");
        if (!tag || !enabled)
            return cannot_read("the unsolicited response", line);
        node->unsol = Unsolicited{static_cast<int>(*tag), *enabled != 0};
    }

    /// "Power states:  D0 D1 D2 D3 EPSS": the supported states as parameter 0x0f bits.
    void read_power_states(std::string_view rest) {
        std::uint32_t bits = 0;
        for (std::string_view word : split_words(rest)) {
            if (word == "D0")
                bits |= 1u << 0;
            else if (word == "D1")
                bits |= 1u << 1;
            else if (word == "D2")
                bits |= 1u << 2;
            else if (word == "D3")
                bits |= 1u << 3;
            else if (word == "D3cold")
                bits |= 1u << 4;
            else if (word == "S3D3cold")
                bits |= 1u << 29;
            else if (word == "CLKSTOP")
                bits |= 1u << 30;
            else if (word == "EPSS")
                bits |= 1u << 31;
            else
                return cannot_read("the power states", rest);
        }
        (m_node != nullptr ? m_node->power_caps : m_codec->afg_power_caps) = bits;
    }

    /// "setting=D0, actual=D0, Clock-stop-OK", or old kernels' raw "0x0".
    void read_power(std::string_view rest) {
        PowerState state;
        if (rest.starts_with("0x")) {
            auto raw = hex_number(first_token(rest));
            if (!raw)
                return cannot_read("the power state", rest);
            state.setting = power_state_name(*raw & 0xf);
            state.actual = power_state_name((*raw >> 4) & 0xf);
        } else {
            auto setting = field(rest, "setting");
            auto actual = field(rest, "actual");
            if (!setting || !actual)
                return cannot_read("the power state", rest);
            state.setting = std::string(*setting);
            state.actual = std::string(*actual);
            std::size_t at = rest.find(',', rest.find("actual="));
            while (at != std::string_view::npos) {
                std::size_t next = rest.find(',', at + 1);
                std::string_view flag = strip(
                    rest.substr(at + 1, next == std::string_view::npos ? next : next - at - 1));
                if (!flag.empty())
                    state.flags.emplace_back(flag);
                at = next;
            }
        }
        (m_node != nullptr ? m_node->power : m_codec->afg_power) = std::move(state);
    }

    // ---- GPIO ----

    /// "GPIO: io=2, o=0, i=0, unsolicited=1, wake=0".
    void read_gpio(std::string_view line) {
        auto io = number_field(line, "io");
        auto o = number_field(line, "o");
        auto i = number_field(line, "i");
        auto unsolicited = number_field(line, "unsolicited");
        auto wake = number_field(line, "wake");
        if (!io || !o || !i || !unsolicited || !wake)
            return cannot_read("the GPIO caps", line);
        Gpio gpio;
        gpio.io = static_cast<int>(*io);
        gpio.o = static_cast<int>(*o);
        gpio.i = static_cast<int>(*i);
        gpio.unsolicited = *unsolicited != 0;
        gpio.wake = *wake != 0;
        m_codec->gpio = std::move(gpio);
    }

    /// "IO[0]: enable=0, dir=0, wake=0, sticky=0, data=0, unsol=0" (no unsol on old kernels).
    void read_gpio_line(std::string_view line) {
        auto index = number(line.substr(3, line.find(']') - 3));
        auto enable = number_field(line, "enable");
        auto dir = number_field(line, "dir");
        auto wake = number_field(line, "wake");
        auto sticky = number_field(line, "sticky");
        auto data = number_field(line, "data");
        if (!m_codec->gpio || !index || !enable || !dir || !wake || !sticky || !data)
            return cannot_read("the GPIO line", line);
        GpioLine gpio;
        gpio.index = static_cast<int>(*index);
        gpio.enable = *enable != 0;
        gpio.dir = *dir != 0;
        gpio.wake = *wake != 0;
        gpio.sticky = *sticky != 0;
        gpio.data = *data != 0;
        gpio.unsol = number_field(line, "unsol").value_or(0) != 0;
        m_codec->gpio->lines.push_back(gpio);
    }

    // ---- volume knobs, processing widgets, DP-MST devices ----

    /// "Volume-Knob: delta=1, steps=127, direct=1, val=108".
    void read_volume_knob(std::string_view line) {
        Widget* node = node_for(line);
        if (node == nullptr)
            return;
        auto delta = number_field(line, "delta");
        auto steps = number_field(line, "steps");
        auto direct = number_field(line, "direct");
        auto value = number_field(line, "val");
        if (!delta || !steps || !direct || !value)
            return cannot_read("the volume knob", line);
        node->volume_knob = VolumeKnob{*delta != 0, static_cast<int>(*steps), *direct != 0,
                                       static_cast<int>(*value)};
    }

    Processing* processing_for(std::string_view line) {
        Widget* node = node_for(line);
        if (node == nullptr)
            return nullptr;
        return node->processing ? &*node->processing : &node->processing.emplace();
    }

    /// "Processing caps: benign=0, ncoeff=17".
    void read_processing_caps(std::string_view line) {
        auto benign = number_field(line, "benign");
        auto count = number_field(line, "ncoeff");
        if (!benign || !count)
            return cannot_read("the processing caps", line);
        if (Processing* processing = processing_for(line)) {
            processing->benign = *benign != 0;
            processing->coefficient_count = static_cast<int>(*count);
        }
    }

    /// "Coeff 0x05: 0x8003" (kernel dump_coef=1).
    void read_coefficient(std::string_view line) {
        std::string_view rest = line.substr(6);
        auto index = hex_number(first_token(rest));
        auto colon = rest.find(':');
        auto value = colon == std::string_view::npos
                         ? std::nullopt
                         : hex_number(first_token(skip_blanks(rest.substr(colon + 1))));
        if (!index || !value)
            return cannot_read("the coefficient", line);
        if (Processing* processing = processing_for(line))
            processing->coefficients.emplace_back(static_cast<int>(*index), *value);
    }

    enum class OldCoefficient { index, value };

    void read_old_coefficient(std::string_view line, std::size_t prefix, OldCoefficient which) {
        auto value = hex_number(first_token(skip_blanks(line.substr(prefix))));
        if (!value)
            return cannot_read("the coefficient", line);
        if (Processing* processing = processing_for(line))
            (which == OldCoefficient::index ? processing->coefficient_index
                                            : processing->coefficient_value) = *value;
    }

    /// "Dev 00: PD = 1, ELDV = 1, IA = 0, Connections [ 0x02* 0x03 ]" (the `*` before `Dev`
    /// marks the current device, the one after an entry the selected connection).
    void read_mst_device(std::string_view line, bool current) {
        Widget* node = node_for(line);
        if (node == nullptr)
            return;
        auto index = number(first_token(line.substr(4)));
        auto presence = number_field(line, "PD");
        auto eld_valid = number_field(line, "ELDV");
        auto inactive = number_field(line, "IA");
        auto open = line.find('[');
        auto close = line.rfind(']');
        if (!index || !presence || !eld_valid || !inactive || open == std::string_view::npos ||
            close == std::string_view::npos || close < open)
            return cannot_read("the DP-MST device", line);
        MstDevice device;
        device.index = static_cast<int>(*index);
        device.current = current;
        device.presence = *presence != 0;
        device.eld_valid = *eld_valid != 0;
        device.inactive = *inactive != 0;
        for (std::string_view word : split_words(line.substr(open + 1, close - open - 1))) {
            bool selected = word.back() == '*';
            if (selected)
                word.remove_suffix(1);
            auto nid = hex_number(word);
            if (!nid)
                return cannot_read("the DP-MST device", line);
            if (selected)
                device.selected = static_cast<int>(device.connections.size());
            device.connections.push_back(static_cast<int>(*nid));
        }
        node->mst_devices.push_back(std::move(device));
    }

    // ---- problems ----

    void warn(std::string reason) {
        m_codec->warnings.push_back({std::string(m_path), m_line, std::move(reason)});
    }

    void cannot_read(const std::string& what, std::string_view text) {
        warn("cannot read " + what + " in '" + clip(text, 80) + "'");
    }

    /// A line this parser does not know: kept for export and reported, and the parse goes on.
    void not_understood(std::string_view line) {
        keep_vendor_line(line);
        warn("line not understood: '" + clip(line, 80) + "'");
    }

    std::string_view m_path;
    std::vector<Codec> m_codecs;
    Codec* m_codec = nullptr;
    Widget* m_node = nullptr;
    Control* m_last_control = nullptr;
    Amp* m_amp_continued = nullptr;
    PcmTarget m_pcm = PcmTarget::none;
    ListTarget m_list = ListTarget::none;
    long m_list_declared = 0;
    int m_list_line = 0;
    int m_line = 0;
    bool m_has_vendor_id = false;
    bool m_has_pin_default = false;
};

}  // namespace

std::vector<Codec> parse_codec_dump(std::string_view text, std::string_view path) {
    return DumpParser(path).run(text);
}

}  // namespace sndoctor::hda
