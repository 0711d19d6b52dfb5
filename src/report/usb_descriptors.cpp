#include "report/usb_descriptors.hpp"

#include <algorithm>
#include <cstdarg>
#include <cstdio>

#include "core/text.hpp"
#include "report/section_files.hpp"

namespace sndoctor::report {

namespace {

constexpr std::uint8_t k_dt_device = 1;
constexpr std::uint8_t k_dt_config = 2;
constexpr std::uint8_t k_dt_interface = 4;
constexpr std::uint8_t k_dt_endpoint = 5;
constexpr std::uint8_t k_dt_interface_association = 0x0b;
constexpr std::uint8_t k_dt_cs_interface = 0x24;
constexpr std::uint8_t k_dt_cs_endpoint = 0x25;
constexpr std::uint8_t k_class_audio = 1;

/// printf into a string: lsusb's layout is written as printf formats, and keeping them so
/// makes comparing with lsusb.c line by line easy.
__attribute__((format(printf, 2, 3))) void put(std::string& out, const char* format, ...) {
    char buffer[512];
    va_list args;
    va_start(args, format);
    int length = std::vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    if (length > 0)
        out.append(buffer,
                   std::min<std::size_t>(static_cast<std::size_t>(length), sizeof buffer - 1));
}

unsigned u16(std::string_view bytes, std::size_t at) {
    return static_cast<unsigned char>(bytes[at]) |
           (static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 1])) << 8);
}

unsigned u24(std::string_view bytes, std::size_t at) {
    return u16(bytes, at) |
           (static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 2])) << 16);
}

/// One descriptor, all of its bLength bytes.
struct Descriptor {
    std::string_view bytes;
    unsigned at(std::size_t i) const {
        return i < bytes.size() ? static_cast<unsigned char>(bytes[i]) : 0;
    }
    unsigned word(std::size_t i) const { return i + 1 < bytes.size() ? u16(bytes, i) : 0; }
};

/// The interface a class-specific descriptor belongs to decides how lsusb reads it.
struct InterfaceKind {
    unsigned cls = 0, subclass = 0, protocol = 0;
};

class Dumper {
  public:
    Dumper(const UsbDevice& device, const UsbIds* names) : m_device(device), m_names(names) {}

    std::string string_of(unsigned index) const {
        auto found = m_device.strings.find(static_cast<int>(index));
        return found == m_device.strings.end() ? std::string() : found->second;
    }

    std::string class_name(unsigned cls) const {
        return m_names ? m_names->device_class(static_cast<std::uint8_t>(cls)) : "";
    }
    std::string subclass_name(unsigned cls, unsigned sub) const {
        return m_names ? m_names->subclass(static_cast<std::uint8_t>(cls),
                                           static_cast<std::uint8_t>(sub))
                       : "";
    }
    std::string protocol_name(unsigned cls, unsigned sub, unsigned protocol) const {
        return m_names ? m_names->protocol(static_cast<std::uint8_t>(cls),
                                           static_cast<std::uint8_t>(sub),
                                           static_cast<std::uint8_t>(protocol))
                       : "";
    }

    void device(std::string& out, const Descriptor& d) const {
        unsigned vendor = d.word(8), product = d.word(10);
        std::string vendor_name =
            m_names ? m_names->vendor(static_cast<std::uint16_t>(vendor)) : "";
        std::string product_name = m_names ? m_names->product(static_cast<std::uint16_t>(vendor),
                                                              static_cast<std::uint16_t>(product))
                                           : "";
        put(out,
            "Device Descriptor:\n"
            "  bLength             %5u\n"
            "  bDescriptorType     %5u\n"
            "  bcdUSB              %2x.%02x\n"
            "  bDeviceClass        %5u %s\n"
            "  bDeviceSubClass     %5u %s\n"
            "  bDeviceProtocol     %5u %s\n"
            "  bMaxPacketSize0     %5u\n",
            d.at(0), d.at(1), d.at(3), d.at(2), d.at(4), class_name(d.at(4)).c_str(), d.at(5),
            subclass_name(d.at(4), d.at(5)).c_str(), d.at(6),
            protocol_name(d.at(4), d.at(5), d.at(6)).c_str(), d.at(7));
        put(out,
            "  idVendor           0x%04x %s\n"
            "  idProduct          0x%04x %s\n"
            "  bcdDevice           %2x.%02x\n"
            "  iManufacturer       %5u %s\n"
            "  iProduct            %5u %s\n"
            "  iSerial             %5u %s\n"
            "  bNumConfigurations  %5u\n",
            vendor, vendor_name.c_str(), product, product_name.c_str(), d.at(13), d.at(12),
            d.at(14), string_of(d.at(14)).c_str(), d.at(15), string_of(d.at(15)).c_str(), d.at(16),
            string_of(d.at(16)).c_str(), d.at(17));
    }

    void config(std::string& out, const Descriptor& d) const {
        // usbutils prints wTotalLength in hexadecimal since 010 (Debian 11 on).
        put(out,
            "  Configuration Descriptor:\n"
            "    bLength             %5u\n"
            "    bDescriptorType     %5u\n"
            "    wTotalLength       0x%04x\n"
            "    bNumInterfaces      %5u\n"
            "    bConfigurationValue %5u\n"
            "    iConfiguration      %5u %s\n"
            "    bmAttributes         0x%02x\n",
            d.at(0), d.at(1), d.word(2), d.at(4), d.at(5), d.at(6), string_of(d.at(6)).c_str(),
            d.at(7));
        unsigned attributes = d.at(7);
        if (!(attributes & 0x80))
            out += "      (Missing must-be-set bit!)\n";
        out += attributes & 0x40 ? "      Self Powered\n" : "      (Bus Powered)\n";
        if (attributes & 0x20)
            out += "      Remote Wakeup\n";
        if (attributes & 0x10)
            out += "      Battery Powered\n";
        // MaxPower counts 2 mA units up to USB 2 (8 mA from SuperSpeed on, which lsusb knows
        // from the speed; sysfs-only devices of a sound card are USB 2 or slower in practice).
        put(out, "    MaxPower            %5umA\n", d.at(8) * 2);
    }

    void association(std::string& out, const Descriptor& d) const {
        put(out,
            "    Interface Association:\n"
            "      bLength             %5u\n"
            "      bDescriptorType     %5u\n"
            "      bFirstInterface     %5u\n"
            "      bInterfaceCount     %5u\n"
            "      bFunctionClass      %5u %s\n"
            "      bFunctionSubClass   %5u %s\n"
            "      bFunctionProtocol   %5u %s\n"
            "      iFunction           %5u %s\n",
            d.at(0), d.at(1), d.at(2), d.at(3), d.at(4), class_name(d.at(4)).c_str(), d.at(5),
            subclass_name(d.at(4), d.at(5)).c_str(), d.at(6),
            protocol_name(d.at(4), d.at(5), d.at(6)).c_str(), d.at(7), string_of(d.at(7)).c_str());
    }

    void interface(std::string& out, const Descriptor& d) const {
        put(out,
            "    Interface Descriptor:\n"
            "      bLength             %5u\n"
            "      bDescriptorType     %5u\n"
            "      bInterfaceNumber    %5u\n"
            "      bAlternateSetting   %5u\n"
            "      bNumEndpoints       %5u\n"
            "      bInterfaceClass     %5u %s\n"
            "      bInterfaceSubClass  %5u %s\n"
            "      bInterfaceProtocol  %5u %s\n"
            "      iInterface          %5u %s\n",
            d.at(0), d.at(1), d.at(2), d.at(3), d.at(4), d.at(5), class_name(d.at(5)).c_str(),
            d.at(6), subclass_name(d.at(5), d.at(6)).c_str(), d.at(7),
            protocol_name(d.at(5), d.at(6), d.at(7)).c_str(), d.at(8), string_of(d.at(8)).c_str());
    }

    void endpoint(std::string& out, const Descriptor& d) const {
        static const char* const k_types[] = {"Control", "Isochronous", "Bulk", "Interrupt"};
        static const char* const k_syncs[] = {"None", "Asynchronous", "Adaptive", "Synchronous"};
        static const char* const k_usages[] = {"Data", "Feedback", "Implicit feedback Data",
                                               "(reserved)"};
        static const char* const k_transactions[] = {"1x", "2x", "3x", "(?\?)"};
        unsigned address = d.at(2), attributes = d.at(3), max_packet = d.word(4);
        put(out,
            "      Endpoint Descriptor:\n"
            "        bLength             %5u\n"
            "        bDescriptorType     %5u\n"
            "        bEndpointAddress     0x%02x  EP %u %s\n"
            "        bmAttributes        %5u\n"
            "          Transfer Type            %s\n"
            "          Synch Type               %s\n"
            "          Usage Type               %s\n"
            "        wMaxPacketSize     0x%04x  %s %u bytes\n"
            "        bInterval           %5u\n",
            d.at(0), d.at(1), address, address & 0x0f, (address & 0x80) ? "IN" : "OUT", attributes,
            k_types[attributes & 3], k_syncs[(attributes >> 2) & 3],
            k_usages[(attributes >> 4) & 3], max_packet, k_transactions[(max_packet >> 11) & 3],
            max_packet & 0x7ff, d.at(6));
        if (d.at(0) == 9)  // the audio endpoint's two extra fields
            put(out,
                "        bRefresh            %5u\n"
                "        bSynchAddress       %5u\n",
                d.at(7), d.at(8));
    }

    /// Bytes lsusb does not decode here, as its `dump_bytes` prints them.
    static void bytes(std::string& out, std::string_view data) {
        for (unsigned char c : data)
            put(out, " %02x", c);
        out += "\n";
    }

    void unrecognized(std::string& out, const char* indent, const Descriptor& d) const {
        out += indent;
        out += "** UNRECOGNIZED: ";
        bytes(out, d.bytes);
    }

    /// UAC1 AudioControl interface descriptors; UAC2/3 and the rarer units print their header
    /// and bytes (lsusb decodes those too; not needed to tell a device's streams apart).
    void audio_control(std::string& out, const Descriptor& d, bool uac1) const {
        static const char* const k_subtypes[] = {
            "(unknown)",         "(HEADER)",          "(INPUT_TERMINAL)",
            "(OUTPUT_TERMINAL)", "(MIXER_UNIT)",      "(SELECTOR_UNIT)",
            "(FEATURE_UNIT)",    "(PROCESSING_UNIT)", "(EXTENSION_UNIT)"};
        unsigned subtype = d.at(2);
        put(out,
            "      AudioControl Interface Descriptor:\n"
            "        bLength             %5u\n"
            "        bDescriptorType     %5u\n"
            "        bDescriptorSubtype  %5u %s\n",
            d.at(0), d.at(1), subtype, subtype < 9 ? k_subtypes[subtype] : "(unknown)");
        if (uac1 && subtype == 1) {
            put(out,
                "        bcdADC              %2x.%02x\n"
                "        wTotalLength        %5u\n"
                "        bInCollection       %5u\n",
                d.at(4), d.at(3), d.word(5), d.at(7));
            for (unsigned i = 0; i < d.at(7); ++i)
                put(out, "        baInterfaceNr(%2u)   %5u\n", i, d.at(8 + i));
        } else if (uac1 && subtype == 2) {
            unsigned type = d.word(4), channels = d.word(8);
            put(out,
                "        bTerminalID         %5u\n"
                "        wTerminalType      0x%04x %s\n"
                "        bAssocTerminal      %5u\n"
                "        bNrChannels         %5u\n"
                "        wChannelConfig     0x%04x\n",
                d.at(3), type, terminal_name(type).c_str(), d.at(6), d.at(7), channels);
            channel_names(out, channels);
            put(out,
                "        iChannelNames       %5u %s\n"
                "        iTerminal           %5u %s\n",
                d.at(10), string_of(d.at(10)).c_str(), d.at(11), string_of(d.at(11)).c_str());
        } else if (uac1 && subtype == 3) {
            unsigned type = d.word(4);
            put(out,
                "        bTerminalID         %5u\n"
                "        wTerminalType      0x%04x %s\n"
                "        bAssocTerminal      %5u\n"
                "        bSourceID           %5u\n"
                "        iTerminal           %5u %s\n",
                d.at(3), type, terminal_name(type).c_str(), d.at(6), d.at(7), d.at(8),
                string_of(d.at(8)).c_str());
        } else if (uac1 && subtype == 6 && d.at(5) > 0) {
            feature_unit(out, d);
        } else {
            out += "        Undecoded:";
            bytes(out, d.bytes.substr(std::min<std::size_t>(3, d.bytes.size())));
        }
    }

    void feature_unit(std::string& out, const Descriptor& d) const {
        static const char* const k_controls[] = {
            "Mute",           "Volume", "Bass",       "Mid",     "Treble", "Graphic Equalizer",
            "Automatic Gain", "Delay",  "Bass Boost", "Loudness"};
        unsigned size = d.at(5);
        unsigned count =
            d.bytes.size() >= 7 ? (static_cast<unsigned>(d.bytes.size()) - 7) / size : 0;
        put(out,
            "        bUnitID             %5u\n"
            "        bSourceID           %5u\n"
            "        bControlSize        %5u\n",
            d.at(3), d.at(4), size);
        for (unsigned i = 0; i < count; ++i) {
            unsigned controls = d.at(6 + size * i) | (size > 1 ? d.at(7 + size * i) << 8 : 0);
            for (unsigned j = 0; j < size; ++j)
                put(out, "        bmaControls(%2u)      0x%02x\n", i, d.at(6 + size * i + j));
            for (unsigned bit = 0; bit < 10; ++bit)
                if (controls & (1u << bit))
                    put(out, "          %s Control\n", k_controls[bit]);
        }
        unsigned feature = d.at(6 + size * count);
        put(out, "        iFeature            %5u %s\n", feature, string_of(feature).c_str());
    }

    void audio_streaming(std::string& out, const Descriptor& d, bool uac1) const {
        static const char* const k_subtypes[] = {"(unknown)", "(AS_GENERAL)", "(FORMAT_TYPE)",
                                                 "(FORMAT_SPECIFIC)"};
        unsigned subtype = d.at(2);
        put(out,
            "      AudioStreaming Interface Descriptor:\n"
            "        bLength             %5u\n"
            "        bDescriptorType     %5u\n"
            "        bDescriptorSubtype  %5u %s\n",
            d.at(0), d.at(1), subtype, subtype < 4 ? k_subtypes[subtype] : "(unknown)");
        if (uac1 && subtype == 1) {
            unsigned tag = d.word(5);
            put(out,
                "        bTerminalLink       %5u\n"
                "        bDelay              %5u frames\n"
                "        wFormatTag         0x%04x %s\n",
                d.at(3), d.at(4), tag, tag == 1 ? "PCM" : "");
        } else if (uac1 && subtype == 2 && d.at(3) == 1) {
            put(out,
                "        bFormatType         %5u (FORMAT_TYPE_I)\n"
                "        bNrChannels         %5u\n"
                "        bSubframeSize       %5u\n"
                "        bBitResolution      %5u\n"
                "        bSamFreqType        %5u %s\n",
                d.at(3), d.at(4), d.at(5), d.at(6), d.at(7),
                d.at(7) == 0 ? "Continuous" : "Discrete");
            if (d.at(7) == 0) {
                put(out,
                    "        tLowerSamFreq     %7u\n"
                    "        tUpperSamFreq     %7u\n",
                    d.bytes.size() >= 11 ? u24(d.bytes, 8) : 0,
                    d.bytes.size() >= 14 ? u24(d.bytes, 11) : 0);
            } else {
                for (unsigned i = 0; i < d.at(7) && 8 + 3 * i + 3 <= d.bytes.size(); ++i)
                    put(out, "        tSamFreq[%2u]      %7u\n", i, u24(d.bytes, 8 + 3 * i));
            }
        } else {
            out += "        Undecoded:";
            bytes(out, d.bytes.substr(std::min<std::size_t>(3, d.bytes.size())));
        }
    }

    void audio_endpoint(std::string& out, const Descriptor& d, bool uac1) const {
        static const char* const k_lock_units[] = {"Undefined", "Milliseconds",
                                                   "Decoded PCM samples", "Reserved"};
        put(out,
            "        AudioStreaming Endpoint Descriptor:\n"
            "          bLength             %5u\n"
            "          bDescriptorType     %5u\n"
            "          bDescriptorSubtype  %5u (%s)\n"
            "          bmAttributes         0x%02x\n",
            d.at(0), d.at(1), d.at(2), d.at(2) == 1 ? "EP_GENERAL" : "Invalid", d.at(3));
        if (uac1) {
            if (d.at(3) & 1)
                out += "            Sampling Frequency\n";
            if (d.at(3) & 2)
                out += "            Pitch\n";
            if (d.at(3) & 0x80)
                out += "            MaxPacketsOnly\n";
        }
        put(out,
            "          bLockDelayUnits     %5u %s\n"
            "          wLockDelay          %5u %s\n",
            d.at(4), k_lock_units[std::min(d.at(4), 3u)], d.word(5),
            d.at(4) == 1   ? "Milliseconds"
            : d.at(4) == 2 ? "Decoded PCM samples"
                           : "Undefined");
    }

    std::string terminal_name(unsigned type) const {
        return m_names ? m_names->audio_terminal(static_cast<std::uint16_t>(type)) : "";
    }

    static void channel_names(std::string& out, unsigned config) {
        static const char* const k_channels[] = {
            "Left Front (L)",      "Right Front (R)",
            "Center Front (C)",    "Low Frequency Enhancement (LFE)",
            "Left Surround (LS)",  "Right Surround (RS)",
            "Left of Center (LC)", "Right of Center (RC)",
            "Surround (S)",        "Side Left (SL)",
            "Side Right (SR)",     "Top (T)"};
        for (unsigned bit = 0; bit < 12; ++bit)
            if (config & (1u << bit))
                put(out, "          %s\n", k_channels[bit]);
    }

  private:
    const UsbDevice& m_device;
    const UsbIds* m_names;
};

/// Audio Class 1, as snd-usb-audio decides it: any protocol but UAC2's 0x20 and UAC3's 0x30
/// (QEMU's usb-audio says 4). lsusb decodes only 0 as UAC1 and prints nothing more for other
/// values; the kernel's reading is the one that explains what the card does.
bool is_uac1(unsigned protocol) {
    return protocol != 0x20 && protocol != 0x30;
}

std::string hex_id(unsigned value) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%04x", value & 0xffff);
    return buffer;
}

}  // namespace

namespace {
/// The key of a class (level 1), subclass (2) or protocol (3) name.
std::uint32_t class_key(std::uint32_t level, std::uint32_t base, std::uint32_t sub,
                        std::uint32_t protocol) {
    return level << 24 | (base & 0xff) << 16 | (sub & 0xff) << 8 | (protocol & 0xff);
}
}  // namespace

UsbIds UsbIds::parse(std::string_view text) {
    UsbIds ids;
    // Two families of blocks: vendors ("vvvv  name", "\tpppp  name") and the tables that
    // start with a keyword ("C cc  name" with subclass and protocol lines, "AT tttt  name").
    enum class Block { none, vendor, device_class, terminal } block = Block::none;
    std::uint32_t vendor = 0, base = 0, sub = 0;
    auto number = [](std::string_view digits) -> std::optional<std::uint32_t> {
        auto value = parse_int("0x" + std::string(digits));
        if (!value || *value < 0)
            return std::nullopt;
        return static_cast<std::uint32_t>(*value);
    };
    for (const auto& line : split_lines(text)) {
        std::string_view l = line.text;
        if (l.empty() || l[0] == '#')
            continue;
        int tabs = l[0] == '\t' ? (l.size() > 1 && l[1] == '\t' ? 2 : 1) : 0;
        std::string_view rest = l.substr(static_cast<std::size_t>(tabs));
        auto gap = rest.find("  ");
        if (gap == std::string_view::npos)
            continue;
        std::string_view key = rest.substr(0, gap);
        std::string name(trim(rest.substr(gap)));
        if (tabs == 0) {
            block = Block::none;
            if (key.size() == 4 && (vendor = number(key).value_or(0x10000)) < 0x10000) {
                block = Block::vendor;
                ids.m_vendors[vendor] = name;
            } else if (key.rfind("C ", 0) == 0 && number(key.substr(2))) {
                block = Block::device_class;
                base = *number(key.substr(2));
                ids.m_classes[class_key(1, base, 0, 0)] = name;
            } else if (key.rfind("AT ", 0) == 0 && number(key.substr(3))) {
                block = Block::terminal;
                ids.m_terminals[*number(key.substr(3))] = name;
            }
            continue;
        }
        auto value = number(key);
        if (!value)
            continue;
        if (block == Block::vendor && tabs == 1)
            ids.m_products[vendor << 16 | *value] = name;
        else if (block == Block::device_class && tabs == 1)
            ids.m_classes[class_key(2, base, sub = *value, 0)] = name;
        else if (block == Block::device_class && tabs == 2)
            ids.m_classes[class_key(3, base, sub, *value)] = name;
    }
    return ids;
}

namespace {
std::string found_or_empty(const std::unordered_map<std::uint32_t, std::string>& map,
                           std::uint32_t key) {
    auto found = map.find(key);
    return found == map.end() ? std::string() : found->second;
}
}  // namespace

std::string UsbIds::vendor(std::uint16_t vendor_id) const {
    return found_or_empty(m_vendors, vendor_id);
}
std::string UsbIds::product(std::uint16_t vendor_id, std::uint16_t product_id) const {
    return found_or_empty(m_products, static_cast<std::uint32_t>(vendor_id) << 16 | product_id);
}
std::string UsbIds::device_class(std::uint8_t base) const {
    return found_or_empty(m_classes, class_key(1, base, 0, 0));
}
std::string UsbIds::subclass(std::uint8_t base, std::uint8_t sub) const {
    return found_or_empty(m_classes, class_key(2, base, sub, 0));
}
std::string UsbIds::protocol(std::uint8_t base, std::uint8_t sub, std::uint8_t protocol) const {
    return found_or_empty(m_classes, class_key(3, base, sub, protocol));
}
std::string UsbIds::audio_terminal(std::uint16_t type) const {
    return found_or_empty(m_terminals, type);
}

std::string lsusb_verbose(const UsbDevice& device, const UsbIds* names,
                          std::vector<ParseProblem>& problems) {
    Dumper dumper(device, names);
    std::string_view data = device.descriptors;
    std::string out;
    unsigned vendor = data.size() >= 12 ? u16(data, 8) : 0;
    unsigned product = data.size() >= 12 ? u16(data, 10) : 0;
    // lsusb names the device from usb.ids, and falls back to the strings the device gave.
    std::string vendor_name = names ? names->vendor(static_cast<std::uint16_t>(vendor)) : "";
    std::string product_name = names ? names->product(static_cast<std::uint16_t>(vendor),
                                                      static_cast<std::uint16_t>(product))
                                     : "";
    if (data.size() >= 18) {
        if (vendor_name.empty())
            vendor_name = dumper.string_of(static_cast<unsigned char>(data[14]));
        if (product_name.empty())
            product_name = dumper.string_of(static_cast<unsigned char>(data[15]));
    }
    put(out, "\nBus %03d Device %03d: ID %s:%s %s %s\n", device.bus, device.device,
        hex_id(vendor).c_str(), hex_id(product).c_str(), vendor_name.c_str(), product_name.c_str());
    if (data.size() < 18 || static_cast<unsigned char>(data[1]) != k_dt_device) {
        problems.push_back({device.path, 0,
                            "holds " + std::to_string(data.size()) +
                                " bytes and no whole device descriptor (18 bytes); the USB "
                                "Descriptors of bus " +
                                std::to_string(device.bus) + " device " +
                                std::to_string(device.device) + " stop at its ID"});
        return out;
    }
    // The sysfs file holds the device descriptor in the CPU's byte order and the rest as the
    // device sent it (little-endian): on the little-endian machines sound cards live on, both
    // read alike.
    dumper.device(out, {data.substr(0, 18)});
    InterfaceKind current;
    enum class Place { config, interface, endpoint } place = Place::config;
    std::size_t offset = 18;
    while (offset + 2 <= data.size()) {
        unsigned length = static_cast<unsigned char>(data[offset]);
        unsigned type = static_cast<unsigned char>(data[offset + 1]);
        if (length < 2 || offset + length > data.size()) {
            problems.push_back({device.path, 0,
                                "a descriptor at byte " + std::to_string(offset) + " claims " +
                                    std::to_string(length) + " bytes and " +
                                    std::to_string(data.size() - offset) +
                                    " remain; the dump stops there"});
            return out;
        }
        Descriptor d{data.substr(offset, length)};
        offset += length;
        if (type == k_dt_config) {
            dumper.config(out, d);
            place = Place::config;
        } else if (type == k_dt_interface) {
            dumper.interface(out, d);
            current = {d.at(5), d.at(6), d.at(7)};
            place = Place::interface;
        } else if (type == k_dt_endpoint) {
            dumper.endpoint(out, d);
            place = Place::endpoint;
        } else if (type == k_dt_interface_association) {
            dumper.association(out, d);
        } else if (place == Place::interface && type == k_dt_cs_interface &&
                   current.cls == k_class_audio && current.subclass == 1) {
            dumper.audio_control(out, d, is_uac1(current.protocol));
        } else if (place == Place::interface && type == k_dt_cs_interface &&
                   current.cls == k_class_audio && current.subclass == 2) {
            dumper.audio_streaming(out, d, is_uac1(current.protocol));
        } else if (place == Place::endpoint && type == k_dt_cs_endpoint &&
                   current.cls == k_class_audio && current.subclass == 2) {
            dumper.audio_endpoint(out, d, is_uac1(current.protocol));
        } else {
            dumper.unrecognized(out,
                                place == Place::config      ? "    "
                                : place == Place::interface ? "      "
                                                            : "        ",
                                d);
        }
    }
    if (offset != data.size())
        problems.push_back({device.path, 0,
                            "ends with " + std::to_string(data.size() - offset) +
                                " byte(s) that make no descriptor; the dump stops there"});
    return out;
}

namespace {

constexpr std::size_t k_descriptors_cap = 64 * 1024;  // wTotalLength is 16 bits

/// "001/002" of card*/usbbus → (1, 2).
std::optional<std::pair<int, int>> bus_and_device(std::string_view text) {
    text = trim(text);
    auto slash = text.find('/');
    if (slash == std::string_view::npos)
        return std::nullopt;
    auto bus = parse_int(text.substr(0, slash));
    auto dev = parse_int(text.substr(slash + 1));
    if (!bus || !dev)
        return std::nullopt;
    return std::pair{static_cast<int>(*bus), static_cast<int>(*dev)};
}

std::optional<std::string> first_line(const Root& root, const std::string& path) {
    auto text = root.read(path, 4096);
    if (!text)
        return std::nullopt;
    return std::string(trim(std::string_view(*text).substr(0, text->find('\n'))));
}

/// The strings sysfs keeps of a device and its interfaces, under the index the descriptors
/// give them.
std::map<int, std::string> device_strings(const Root& root, const std::string& dir,
                                          std::string_view descriptors) {
    std::map<int, std::string> strings;
    auto add = [&](std::size_t index_at, const std::string& file) {
        if (index_at >= descriptors.size())
            return;
        int index = static_cast<unsigned char>(descriptors[index_at]);
        if (index == 0)
            return;
        if (auto text = first_line(root, join_path(dir, file)))
            strings[index] = *text;
    };
    add(14, "manufacturer");
    add(15, "product");
    add(16, "serial");
    // The active configuration's string: the first configuration's iConfiguration (sound
    // devices have one configuration).
    add(18 + 6, "configuration");
    // Interface directories ("1-1:1.0") carry the string of their current setting; the
    // index is the iInterface of that setting's descriptor.
    std::string prefix = std::string(base_name(dir)) + ":";
    std::string parent = dir.substr(0, dir.size() - base_name(dir).size());
    for (const auto& entry : root.list(parent)) {
        if (entry.name.rfind(prefix, 0) != 0)
            continue;
        std::string interface_dir = join_path(parent, entry.name);
        auto number = first_line(root, join_path(interface_dir, "bInterfaceNumber"));
        auto setting = first_line(root, join_path(interface_dir, "bAlternateSetting"));
        auto text = first_line(root, join_path(interface_dir, "interface"));
        if (!number || !setting || !text)
            continue;
        auto want_number = parse_int("0x" + *number), want_setting = parse_int(*setting);
        std::size_t at = 18;
        while (at + 9 <= descriptors.size() && descriptors[at] >= 2) {
            if (descriptors[at + 1] == k_dt_interface &&
                static_cast<unsigned char>(descriptors[at + 2]) == want_number &&
                static_cast<unsigned char>(descriptors[at + 3]) == want_setting &&
                descriptors[at + 8] != 0)
                strings[static_cast<unsigned char>(descriptors[at + 8])] = *text;
            at += static_cast<unsigned char>(descriptors[at]);
        }
    }
    return strings;
}

}  // namespace

std::optional<Section> usb_descriptors_section(const Root& root,
                                               std::vector<ParseProblem>& problems) {
    std::vector<std::pair<int, int>> wanted;
    for (const auto& card : root.list("/proc/asound")) {
        if (card.name.rfind("card", 0) != 0 || !parse_int(card.name.substr(4)))
            continue;
        std::string path = "/proc/asound/" + card.name + "/usbbus";
        try {
            auto text = root.read(path, 256);
            if (!text)
                continue;
            if (auto ids = bus_and_device(*text))
                wanted.push_back(*ids);
            else
                problems.push_back({path, 1, "\"" + clip(trim(*text)) + "\" is no BUS/DEVICE"});
        } catch (const InputError& e) {
            problems.push_back({e.path(), e.line(), e.reason()});
        }
    }
    if (wanted.empty())
        return std::nullopt;

    std::optional<UsbIds> names;
    for (const char* path : {"/usr/share/misc/usb.ids", "/usr/share/hwdata/usb.ids"}) {
        try {
            if (auto text = root.read(path)) {
                names = UsbIds::parse(*text);
                break;
            }
        } catch (const InputError& e) {
            problems.push_back({e.path(), e.line(), e.reason()});
        }
    }

    std::string text;
    const std::string devices = "/sys/bus/usb/devices";
    for (const auto& [bus, number] : wanted) {
        bool found = false;
        for (const auto& entry : root.list(devices)) {
            if (entry.name.find(':') != std::string::npos)
                continue;  // an interface
            std::string dir = join_path(devices, entry.name);
            try {
                if (parse_int(first_line(root, join_path(dir, "busnum")).value_or("")) != bus ||
                    parse_int(first_line(root, join_path(dir, "devnum")).value_or("")) != number)
                    continue;
                found = true;
                UsbDevice device;
                device.bus = bus;
                device.device = number;
                device.path = join_path(dir, "descriptors");
                device.descriptors = root.read(device.path, k_descriptors_cap).value_or("");
                device.strings = device_strings(root, dir, device.descriptors);
                text += lsusb_verbose(device, names ? &*names : nullptr, problems);
            } catch (const InputError& e) {
                problems.push_back({e.path(), e.line(), e.reason()});
            }
            break;
        }
        if (!found)
            problems.push_back({devices, 0,
                                "no device has bus " + std::to_string(bus) + " device " +
                                    std::to_string(number) + " (a card's usbbus names it)"});
    }
    if (text.empty())
        return std::nullopt;
    // lsusb -v starts every device with a blank line; the writer's "--startcollapse--" and
    // blank line (alsa_info_writer.cpp) already give the first one.
    return Section{std::string(k_usb_descriptors_title), text.substr(1), {}, 0};
}

}  // namespace sndoctor::report
