#include "tui/sound_monitor.hpp"

#include <libudev.h>

#include <string_view>

namespace sndoctor::ui {

namespace {

class UdevSoundMonitor final : public SoundMonitor {
  public:
    UdevSoundMonitor(udev* context, udev_monitor* monitor)
        : m_context(context), m_monitor(monitor) {}
    ~UdevSoundMonitor() override {
        udev_monitor_unref(m_monitor);
        udev_unref(m_context);
    }
    UdevSoundMonitor(const UdevSoundMonitor&) = delete;
    UdevSoundMonitor& operator=(const UdevSoundMonitor&) = delete;

    int fd() const override { return udev_monitor_get_fd(m_monitor); }

    bool take_events() override {
        bool changed = false;
        // The socket is non-blocking (libudev sets it so): this drains what is there.
        while (udev_device* device = udev_monitor_receive_device(m_monitor)) {
            const char* action = udev_device_get_action(device);
            // "change" comes with mixer state restores and jack events: nothing the checks see
            // appears or vanishes with it.
            if (action != nullptr &&
                (std::string_view(action) == "add" || std::string_view(action) == "remove"))
                changed = true;
            udev_device_unref(device);
        }
        return changed;
    }

  private:
    udev* m_context;
    udev_monitor* m_monitor;
};

}  // namespace

std::unique_ptr<SoundMonitor> open_udev_sound_monitor() {
    udev* context = udev_new();
    if (context == nullptr)
        return nullptr;
    // Events after udev has handled them: the device nodes exist when the checks look.
    udev_monitor* monitor = udev_monitor_new_from_netlink(context, "udev");
    if (monitor == nullptr) {
        udev_unref(context);
        return nullptr;
    }
    if (udev_monitor_filter_add_match_subsystem_devtype(monitor, "sound", nullptr) < 0 ||
        udev_monitor_enable_receiving(monitor) < 0) {
        udev_monitor_unref(monitor);
        udev_unref(context);
        return nullptr;
    }
    return std::make_unique<UdevSoundMonitor>(context, monitor);
}

}  // namespace sndoctor::ui
