#pragma once

#include <memory>

namespace sndoctor::ui {

/// Tells when a sound device comes or goes, so that the assistant checks again on its own (a
/// USB card plugged in, a driver reloaded by a fix). The terminal loop waits on fd() beside the
/// keyboard; the model only sees this interface, so tests hand it a fake.
class SoundMonitor {
  public:
    virtual ~SoundMonitor() = default;
    /// Readable while events wait to be taken.
    virtual int fd() const = 0;
    /// Takes every waiting event; true when a device was added or removed among them (a burst of
    /// a card's nodes is one answer, so the checks run once for it).
    virtual bool take_events() = 0;
};

/// The udev monitor of the "sound" subsystem on this machine; nullptr when udev cannot be
/// watched (no udev, a container without its netlink socket): the assistant then re-runs on r
/// only.
std::unique_ptr<SoundMonitor> open_udev_sound_monitor();

}  // namespace sndoctor::ui
