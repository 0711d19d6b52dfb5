#include "facts/udev_state.hpp"

#include <libudev.h>

#include <memory>

#include "core/root.hpp"
#include "facts/facts.hpp"

namespace sndoctor {

namespace {

Evidence control_evidence(bool running) {
    return {UdevState::k_control_path, 0,
            running ? "present: udev is running"
                    : "missing: udev is not running, so nothing creates /dev/snd nodes"};
}

struct UdevDeleter {
    void operator()(udev* context) const { udev_unref(context); }
    void operator()(udev_queue* queue) const { udev_queue_unref(queue); }
    void operator()(udev_enumerate* enumerate) const { udev_enumerate_unref(enumerate); }
    void operator()(udev_device* device) const { udev_device_unref(device); }
};
template <class T>
using UdevPtr = std::unique_ptr<T, UdevDeleter>;

/// Asks the running udev of this machine (the live root only).
UdevState from_libudev() {
    UdevState state;
    state.evidence = control_evidence(false);
    UdevPtr<udev> context(udev_new());
    if (!context)
        return state;
    UdevPtr<udev_queue> queue(udev_queue_new(context.get()));
    state.running = queue && udev_queue_get_udev_is_active(queue.get()) != 0;
    state.evidence = control_evidence(state.running);
    UdevPtr<udev_enumerate> enumerate(udev_enumerate_new(context.get()));
    if (!enumerate || udev_enumerate_add_match_subsystem(enumerate.get(), "sound") < 0 ||
        udev_enumerate_scan_devices(enumerate.get()) < 0)
        return state;
    udev_list_entry* entry = nullptr;
    udev_list_entry_foreach(entry, udev_enumerate_get_list_entry(enumerate.get())) {
        UdevPtr<udev_device> device(
            udev_device_new_from_syspath(context.get(), udev_list_entry_get_name(entry)));
        if (const char* node = device ? udev_device_get_devnode(device.get()) : nullptr)
            state.sound_nodes.emplace_back(node);
    }
    return state;
}

}  // namespace

UdevState UdevState::from_files(const Root& root) {
    UdevState state;
    state.running = root.exists(k_control_path);
    state.evidence = control_evidence(state.running);
    return state;
}

UdevState UdevState::load(Facts& facts) {
    if (facts.root().source() == RootSource::live)
        return from_libudev();
    return from_files(facts.root());
}

}  // namespace sndoctor
