#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/disk.hpp"
#include "hda/backend.hpp"
#include "hda/codec.hpp"
#include "hda/codec_operations.hpp"
#include "hda/experiment_log.hpp"
#include "hda/persist.hpp"
#include "tui/page.hpp"
#include "tui/workspace.hpp"

/// The codec lab: the HD-Audio codecs of the system, and on one of them its pins (decoded
/// default configuration, EAPD), GPIO lines and widgets (type, connections, amplifiers), the
/// pins and GPIO changed verb by verb through a backend that keeps every verb in the
/// experiment log, as `sndoctor hda gpio` and `hda eapd` do.
namespace sndoctor::ui {

/// A codec the lab can open: /proc/asound/card<card>/codec#<address> of the root.
struct LabCodec {
    int card = 0;
    hda::Codec codec;  ///< as its dump shows it
    std::string path;  ///< the dump inside the root
};

/// The GPIO registers a key toggles a line's bit in.
enum class GpioBit { mask, direction, data };

/// What the cursor on a codec's page stands on: a GPIO line, or a pin with EAPD.
struct LabTarget {
    enum class Kind { gpio_line, eapd_pin } kind = Kind::gpio_line;
    int number = 0;  ///< the line (0-7), or the pin's NID
};

class CodecLab {
  public:
    /// Lists the codecs of every card of the workspace's root; a card whose codecs cannot be
    /// read is named in the list page instead.
    explicit CodecLab(const Workspace& workspace);
    ~CodecLab();
    CodecLab(const CodecLab&) = delete;
    CodecLab& operator=(const CodecLab&) = delete;

    /// Moves the cursor over the codecs on the list, over the GPIO lines and EAPD pins on an
    /// open codec.
    void move_cursor(int delta);

    /// Opens the codec under the cursor: its backend (the live hwdep device on the live system,
    /// otherwise the codec emulated from its dump with the earlier writes of its log replayed),
    /// and reads its GPIO and EAPD state through it.
    void open_selected();
    void close();
    const LabCodec* open_codec() const;
    /// Whether verbs go to an emulated codec (a directory, a report or the demo).
    bool emulated() const { return m_workspace.source != RootSource::live || m_workspace.demo; }

    /// Toggles a bit of the GPIO line under the cursor, or the EAPD of the pin under it; the
    /// outcome (or why nothing was sent) goes to status().
    void toggle_gpio(GpioBit bit);
    void toggle_eapd();
    const std::string& status() const { return m_status; }

    /// The log of the open codec: every verb sent to it here and by `sndoctor hda`.
    const std::vector<hda::ExperimentEntry>& log() const;
    /// The open codec's changes that a boot fix can carry (the log's writes, with the pin
    /// overrides and hints the driver uses on a live or copied system), as `hda persist` makes
    /// them.
    hda::SessionChanges changes() const;
    /// The sndoctor command that does `hda_arguments` ("eapd 0x14 on") on the open codec:
    /// "hda eapd 0x14 on --card 1 --codec 0" (the workspace adds sudo and the root).
    std::string hda_command(const std::string& hda_arguments) const;

    std::string title() const;
    std::vector<PageLine> lines() const;
    /// The index in lines() of the cursor's line, to scroll it into sight.
    int cursor_line() const;

  private:
    struct Session;

    std::vector<LabTarget> targets() const;
    std::optional<LabTarget> target() const;
    void read_state();
    std::vector<PageLine> list_lines() const;
    std::vector<PageLine> codec_lines() const;

    const Workspace& m_workspace;
    std::vector<LabCodec> m_codecs;
    std::vector<std::string> m_problems;
    int m_cursor = 0;
    int m_open = -1;  ///< index into m_codecs, or -1 on the list
    std::unique_ptr<Session> m_session;
    /// Why no verb can be sent (no root privileges, no hwdep device); empty when they can.
    std::string m_unreachable;
    std::string m_status;
    /// The state as last read through the backend (the dump's when there is none).
    std::optional<hda::GpioDrive> m_gpio;
    std::vector<std::pair<int, bool>> m_eapd;  ///< pin NID, EAPD on
};

}  // namespace sndoctor::ui
