#pragma once

#include <alsa/asoundlib.h>

#include <string>
#include <vector>

namespace sndoctor {

/// Collects what alsa-lib reports through its error handler while this object lives, instead of
/// letting it print on stderr over the program's output. alsa-lib has one process-wide handler,
/// so captures must not overlap: facts and checks load on one thread, one at a time.
class AlsaMessageCapture {
  public:
    AlsaMessageCapture();
    ~AlsaMessageCapture();
    AlsaMessageCapture(const AlsaMessageCapture&) = delete;
    AlsaMessageCapture& operator=(const AlsaMessageCapture&) = delete;

    /// Each message as alsa-lib formatted it, in order.
    const std::vector<std::string>& messages() const { return m_messages; }
    /// `reason` followed by alsa-lib's first message, if it said anything:
    /// "snd_ctl_open: No such file or directory (alsa-lib: Cannot get card index for 1)".
    std::string explain(std::string reason) const;

  private:
    snd_lib_error_handler_t m_previous;
    std::vector<std::string> m_messages;
};

}  // namespace sndoctor
