#pragma once

#include <alsa/asoundlib.h>

#include <string>
#include <vector>

namespace sndoctor {

/// Collects what alsa-lib reports through its error handler on this thread while this object
/// lives, instead of letting it print on stderr over the program's output. Captures on other
/// threads keep their own messages; one made inside another has the messages until it ends.
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
    std::vector<std::string>* m_outer;  ///< the capture this one is made inside, if any
    std::vector<std::string> m_messages;
};

}  // namespace sndoctor
