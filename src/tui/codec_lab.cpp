#include "tui/codec_lab.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>

#include "cli/hda_source.hpp"
#include "core/text.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "hda/emulated_codec.hpp"
#include "hda/pin_config.hpp"
#include "hda/verbs.hpp"

namespace sndoctor::ui {

namespace {

constexpr std::uint32_t k_get_eapd = 0xf0c;
constexpr std::uint32_t k_eapd_bit = 1u << 1;
constexpr std::uint32_t k_pincap_eapd = 1u << 16;

std::string hex(std::uint32_t value, int digits) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%0*x", digits, value);
    return text;
}

bool has_eapd(const hda::Widget& widget) {
    return widget.pin && (widget.pin->pincap & k_pincap_eapd) != 0;
}

std::string on_off(bool on) {
    return on ? "on " : "off";
}

/// Every widget of the codec with its type, what it connects from (the selected input marked
/// *) and its amplifiers: the signal paths a pin's EAPD or a GPIO line sits on.
void append_widget_lines(const hda::Codec& codec, std::vector<PageLine>& out) {
    out.push_back({"Widgets:  NID  type  <- connections (* selected)  amps", Role::heading, true});
    for (const auto& widget : codec.widgets) {
        std::string text = "  " + hex(static_cast<std::uint32_t>(widget.nid), 2) + "  " +
                           std::string(hda::widget_type_name(widget.type));
        if (!widget.connections.empty()) {
            text += "  <-";
            for (std::size_t i = 0; i < widget.connections.size(); ++i)
                text += " " + hex(static_cast<std::uint32_t>(widget.connections[i]), 2) +
                        (widget.selected && *widget.selected == static_cast<int>(i) &&
                                 widget.connections.size() > 1
                             ? "*"
                             : "");
        }
        if (widget.amp_in)
            text += "  amp-in";
        if (widget.amp_out)
            text += "  amp-out";
        out.push_back({text,
                       widget.type == hda::WidgetType::vendor_defined ? Role::dim : Role::normal,
                       false, 8});
    }
}

}  // namespace

/// The open codec's backend and the log every verb goes into; the log's disk lives as long as
/// the log.
struct CodecLab::Session {
    std::unique_ptr<Disk> disk;
    std::unique_ptr<hda::ExperimentLog> log;
    std::unique_ptr<hda::Backend> device;
    std::unique_ptr<hda::LoggingBackend> backend;
};

CodecLab::CodecLab(const Workspace& workspace) : m_workspace(workspace) {
    auto root = m_workspace.open_root();
    Facts facts(*root, m_workspace.environment());
    for (const auto& card : facts.get<CardList>().cards) {
        // The same reading as `sndoctor hda dump --card N`: /proc codec files, else sysfs.
        try {
            auto source = cli::load_card(*root, card.index, std::nullopt);
            for (auto& sourced : source.codecs)
                m_codecs.push_back({card.index, std::move(sourced.codec), sourced.path});
        } catch (const InputError& e) {
            // Cards without an HD-Audio codec (USB, virtual) are not the lab's.
            if (card.driver.starts_with("HDA"))
                m_problems.push_back(e.what());
        }
    }
}

CodecLab::~CodecLab() = default;

const LabCodec* CodecLab::open_codec() const {
    return m_open < 0 ? nullptr : &m_codecs[static_cast<std::size_t>(m_open)];
}

void CodecLab::move_cursor(int delta) {
    int rows = m_open < 0 ? static_cast<int>(m_codecs.size()) : static_cast<int>(targets().size());
    m_cursor = std::clamp(m_cursor + delta, 0, std::max(rows - 1, 0));
}

std::string CodecLab::hda_command(const std::string& hda_arguments) const {
    const LabCodec* codec = open_codec();
    if (codec == nullptr)
        return {};
    return "hda " + hda_arguments + " --card " + std::to_string(codec->card) + " --codec " +
           std::to_string(codec->codec.address);
}

void CodecLab::open_selected() {
    if (m_cursor < 0 || m_cursor >= static_cast<int>(m_codecs.size()))
        return;
    m_open = m_cursor;
    m_cursor = 0;
    m_status.clear();
    m_unreachable.clear();
    const LabCodec& lab = m_codecs[static_cast<std::size_t>(m_open)];
    auto session = std::make_unique<Session>();
    try {
        // The log is the one `sndoctor hda` keeps inside the root, so `hda persist` (with the
        // same --root) sees these changes; a report cannot be written, so its log stays here.
        if (m_workspace.open_disk) {
            session->disk = m_workspace.open_disk();
            session->log = std::make_unique<hda::ExperimentLog>(
                *session->disk, hda::live_log_path(lab.card, lab.codec.address));
        } else {
            session->log = std::make_unique<hda::ExperimentLog>();
        }
        if (emulated()) {
            auto emulated_codec = std::make_unique<hda::EmulatedCodec>(lab.codec, lab.path);
            hda::replay(*session->log, *emulated_codec);
            session->device = std::move(emulated_codec);
        } else {
            auto root = m_workspace.open_root();
            std::string node = hda::hwdep_node_path(lab.card, lab.codec.address);
            auto host = root->host_path(node);
            if (!host)
                throw hda::hwdep_open_error(ENOENT, node, node);
            session->device = hda::open_hwdep(*host, node, lab.codec.address);
        }
        // Nothing is sent that the log could not keep: `hda persist` relies on it.
        if (session->disk && !session->disk->can_write(session->log->path()))
            throw hda::BackendError(hda::BackendFailure::permission,
                                    session->log->path() + ": cannot be written",
                                    "every verb sent to the codec is kept in this experiment "
                                    "log; run it as root (sudo)");
    } catch (const hda::BackendError& e) {
        m_unreachable = std::string(e.what()) + (e.hint().empty() ? "" : "; " + e.hint());
        session.reset();
    } catch (const std::exception& e) {
        m_unreachable = e.what();
        session.reset();
    }
    if (session) {
        auto clock = m_workspace.environment;
        session->backend = std::make_unique<hda::LoggingBackend>(*session->device, *session->log,
                                                                 [clock] { return clock().now; });
    }
    m_session = std::move(session);
    read_state();
}

void CodecLab::close() {
    m_cursor = std::max(m_open, 0);
    m_open = -1;
    m_session.reset();
    m_status.clear();
    m_unreachable.clear();
}

void CodecLab::read_state() {
    const LabCodec* lab = open_codec();
    m_gpio.reset();
    m_eapd.clear();
    if (lab == nullptr)
        return;
    // Reads go to the codec itself, not through the log: they change nothing, and the log is
    // what `hda persist` turns into a boot fix.
    if (m_session) {
        try {
            if (lab->codec.gpio && lab->codec.gpio->io > 0)
                m_gpio = hda::read_gpio_drive(*m_session->device, lab->codec.afg_nid);
            for (const auto& widget : lab->codec.widgets)
                if (has_eapd(widget))
                    m_eapd.emplace_back(
                        widget.nid, (hda::send(*m_session->device, {widget.nid, k_get_eapd, 0}) &
                                     k_eapd_bit) != 0);
            return;
        } catch (const std::exception& e) {
            m_status = std::string("Could not read the codec: ") + e.what();
            m_gpio.reset();
            m_eapd.clear();
        }
    }
    // No backend: what the dump says.
    if (lab->codec.gpio && lab->codec.gpio->io > 0) {
        hda::GpioDrive drive;
        for (const auto& line : lab->codec.gpio->lines) {
            std::uint32_t bit = 1u << line.index;
            drive.mask |= line.enable ? bit : 0;
            drive.direction |= line.dir ? bit : 0;
            drive.data |= line.data ? bit : 0;
        }
        m_gpio = drive;
    }
    for (const auto& widget : lab->codec.widgets)
        if (has_eapd(widget))
            m_eapd.emplace_back(widget.nid, (widget.pin->eapd.value_or(0) & k_eapd_bit) != 0);
}

std::vector<LabTarget> CodecLab::targets() const {
    std::vector<LabTarget> out;
    const LabCodec* lab = open_codec();
    if (lab == nullptr)
        return out;
    // At most 8 lines: the GPIO verbs carry 8 bits.
    int lines = lab->codec.gpio ? std::min(lab->codec.gpio->io, 8) : 0;
    for (int line = 0; line < lines; ++line)
        out.push_back({LabTarget::Kind::gpio_line, line});
    for (const auto& [nid, on] : m_eapd)
        out.push_back({LabTarget::Kind::eapd_pin, nid});
    return out;
}

std::optional<LabTarget> CodecLab::target() const {
    auto all = targets();
    if (m_cursor < 0 || m_cursor >= static_cast<int>(all.size()))
        return std::nullopt;
    return all[static_cast<std::size_t>(m_cursor)];
}

void CodecLab::toggle_gpio(GpioBit bit) {
    auto line = target();
    if (!line || line->kind != LabTarget::Kind::gpio_line || !m_gpio) {
        m_status = "Move to a GPIO line first (m, d and v change its bits).";
        return;
    }
    std::uint32_t flag = 1u << line->number;
    std::string word = bit == GpioBit::mask ? "mask" : bit == GpioBit::direction ? "dir" : "data";
    std::uint32_t value = (bit == GpioBit::mask        ? m_gpio->mask
                           : bit == GpioBit::direction ? m_gpio->direction
                                                       : m_gpio->data) ^
                          flag;
    if (!m_session) {
        m_status = "Nothing was sent: " + m_unreachable + ". Run: " +
                   m_workspace.as_root_command(hda_command("gpio --" + word + " " + hex(value, 2)));
        return;
    }
    try {
        const LabCodec& lab = *open_codec();
        hda::write_gpio_drive(*m_session->backend, lab.codec.afg_nid,
                              bit == GpioBit::mask ? std::optional(value) : std::nullopt,
                              bit == GpioBit::direction ? std::optional(value) : std::nullopt,
                              bit == GpioBit::data ? std::optional(value) : std::nullopt);
        read_state();
        m_status = "GPIO" + std::to_string(line->number) + " " + word + " set to " +
                   std::to_string((value & flag) != 0) + " (" + hex(value, 2) + ").";
    } catch (const std::exception& e) {
        m_status = std::string("GPIO: ") + e.what();
    }
}

void CodecLab::toggle_eapd() {
    auto pin = target();
    if (!pin || pin->kind != LabTarget::Kind::eapd_pin) {
        m_status = "Move to a pin with EAPD first (e switches it).";
        return;
    }
    bool on = false;
    for (const auto& [nid, state] : m_eapd)
        if (nid == pin->number)
            on = state;
    if (!m_session) {
        m_status =
            "Nothing was sent: " + m_unreachable + ". Run: " +
            m_workspace.as_root_command(hda_command(
                "eapd " + hex(static_cast<std::uint32_t>(pin->number), 2) + (on ? " off" : " on")));
        return;
    }
    try {
        auto change =
            hda::switch_eapd(*m_session->backend, pin->number, on ? hda::Eapd::off : hda::Eapd::on);
        read_state();
        m_status = "EAPD of pin " + hex(static_cast<std::uint32_t>(pin->number), 2) + " " +
                   ((change.after & k_eapd_bit) != 0 ? "on" : "off") + " (" +
                   hex(change.before, 2) + " -> " + hex(change.after, 2) + ").";
    } catch (const std::exception& e) {
        m_status = std::string("EAPD: ") + e.what();
    }
}

const std::vector<hda::ExperimentEntry>& CodecLab::log() const {
    static const std::vector<hda::ExperimentEntry> none;
    return m_session ? m_session->log->entries() : none;
}

hda::SessionChanges CodecLab::changes() const {
    const LabCodec* lab = open_codec();
    if (lab == nullptr)
        return {};
    hda::DriverOverrides overrides;
    if (m_workspace.open_disk) {
        auto root = m_workspace.open_root();
        overrides = hda::read_driver_overrides(*root, lab->card, lab->codec.address);
    }
    return hda::session_changes(lab->codec, overrides.pins, overrides.hints, log());
}

std::string CodecLab::title() const {
    std::string mode = emulated() ? " (emulated)" : " (live)";
    const LabCodec* lab = open_codec();
    if (lab == nullptr)
        return "Codec lab: the HD-Audio codecs" + mode;
    return "Codec lab: card " + std::to_string(lab->card) + " codec " +
           std::to_string(lab->codec.address) + ", " + lab->codec.name + mode;
}

std::vector<PageLine> CodecLab::lines() const {
    std::vector<PageLine> out;
    // The last key's outcome on top: pages have no status bar, and a refusal names the command
    // to run instead.
    if (!m_status.empty()) {
        out.push_back({m_status, Role::info, true});
        out.push_back({"", Role::normal, false});
    }
    auto rest = m_open < 0 ? list_lines() : codec_lines();
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

int CodecLab::cursor_line() const {
    auto all = lines();
    for (int i = 0; i < static_cast<int>(all.size()); ++i)
        if (all[static_cast<std::size_t>(i)].text.starts_with("> "))
            return i;
    return 0;
}

std::vector<PageLine> CodecLab::list_lines() const {
    std::vector<PageLine> out;
    if (m_codecs.empty())
        out.push_back(
            {"No HD-Audio codec here (no /proc/asound/card*/codec#* file).", Role::dim, false});
    for (std::size_t i = 0; i < m_codecs.size(); ++i) {
        const LabCodec& lab = m_codecs[i];
        int pins = 0;
        for (const auto& widget : lab.codec.widgets)
            pins += widget.pin ? 1 : 0;
        bool here = static_cast<int>(i) == m_cursor;
        out.push_back({std::string(here ? "> " : "  ") + "card " + std::to_string(lab.card) +
                           " codec " + std::to_string(lab.codec.address) + "  " + lab.codec.name +
                           "  " + hex(lab.codec.vendor_id, 8) + "  " + plural(pins, "pin", "pins") +
                           "  " + lab.path,
                       here ? Role::heading : Role::normal, here, 4});
    }
    for (const auto& problem : m_problems)
        out.push_back({problem, Role::warn, false});
    out.push_back({"", Role::normal, false});
    out.push_back({emulated() ? "Changes go to a codec emulated from its dump: nothing reaches "
                                "hardware, and each one is kept in the experiment log."
                              : "Changes go to the live codec through its hwdep device (root "
                                "only), and each one is kept in the experiment log.",
                   Role::dim, false});
    return out;
}

std::vector<PageLine> CodecLab::codec_lines() const {
    std::vector<PageLine> out;
    const LabCodec& lab = *open_codec();
    if (!m_unreachable.empty()) {
        out.push_back({"Read only: " + m_unreachable, Role::warn, true});
        out.push_back({"  as root: " + m_workspace.as_root_command(hda_command("eapd NID on|off")),
                       Role::heading, false, 4});
    }
    auto here = target();
    auto mark = [&](LabTarget::Kind kind, int number) {
        return here && here->kind == kind && here->number == number ? "> " : "  ";
    };
    out.push_back({"GPIO lines (m mask, d direction, v data):", Role::heading, true});
    if (!m_gpio) {
        out.push_back({"  none", Role::dim, false});
    } else {
        int count = std::min(lab.codec.gpio->io, 8);
        for (int line = 0; line < count; ++line) {
            std::uint32_t bit = 1u << line;
            std::string prefix = mark(LabTarget::Kind::gpio_line, line);
            out.push_back({prefix + "GPIO" + std::to_string(line) +
                               "  mask=" + std::to_string((m_gpio->mask & bit) != 0) +
                               "  dir=" + std::to_string((m_gpio->direction & bit) != 0) +
                               "  data=" + std::to_string((m_gpio->data & bit) != 0),
                           prefix == "> " ? Role::heading : Role::normal, prefix == "> "});
        }
    }
    out.push_back({"", Role::normal, false});
    out.push_back({"Pins (e switches EAPD):  NID  EAPD  as/seq  device at location, conn, colour",
                   Role::heading, true});
    for (const auto& widget : lab.codec.widgets) {
        if (!widget.pin)
            continue;
        auto config = hda::PinConfig::decode(widget.pin->default_config);
        std::string eapd = "  - ";
        for (const auto& [nid, on] : m_eapd)
            if (nid == widget.nid)
                eapd = on_off(on) + " ";
        std::string prefix = has_eapd(widget) ? mark(LabTarget::Kind::eapd_pin, widget.nid) : "  ";
        out.push_back({prefix + hex(static_cast<std::uint32_t>(widget.nid), 2) + "  " + eapd + " " +
                           std::to_string(config.association) + "/" +
                           std::to_string(config.sequence) + "  " +
                           hda::linux_pin_default_text(config) + ", " +
                           std::string(hda::linux_connection_type_name(config.connection_type)) +
                           ", " + std::string(hda::linux_color_name(config.color)),
                       prefix == "> "                                   ? Role::heading
                       : config.connectivity == hda::Connectivity::none ? Role::dim
                                                                        : Role::normal,
                       prefix == "> ", 24});
    }
    out.push_back({"", Role::normal, false});
    out.push_back({"Experiment log (" +
                       (m_session && !m_session->log->path().empty() ? m_session->log->path()
                                                                     : std::string("not kept")) +
                       "):",
                   Role::heading, true});
    const auto& entries = log();
    if (entries.empty())
        out.push_back({"  no verb sent yet", Role::dim, false});
    for (const auto& entry : entries)
        out.push_back({"  " + format_utc(entry.time, "%H:%M:%S") + "  node " +
                           hex(static_cast<std::uint32_t>(entry.verb.nid), 2) + "  " +
                           std::string(hda::verb_name(entry.verb.verb).value_or("verb")) + " " +
                           hex(entry.verb.payload, 2) +
                           (entry.before ? "  (was " + hex(*entry.before, 2) + ")" : "") +
                           (entry.error.empty() ? "" : "  " + entry.error),
                       entry.error.empty() ? Role::normal : Role::fail, false});
    // Last: what the verbs above act on, for reference, below what an experiment changes.
    out.push_back({"", Role::normal, false});
    append_widget_lines(lab.codec, out);
    return out;
}

}  // namespace sndoctor::ui
