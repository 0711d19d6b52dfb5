#include "facts/udev_hwdb_names.hpp"

#include <libudev.h>

#include <cstdio>
#include <string_view>

namespace sndoctor {

std::unique_ptr<UdevHwdbNames> UdevHwdbNames::open() {
    udev* context = udev_new();
    if (context == nullptr)
        return nullptr;
    udev_hwdb* hwdb = udev_hwdb_new(context);
    if (hwdb == nullptr) {
        udev_unref(context);
        return nullptr;
    }
    return std::unique_ptr<UdevHwdbNames>(new UdevHwdbNames(context, hwdb));
}

UdevHwdbNames::~UdevHwdbNames() {
    udev_hwdb_unref(m_hwdb);
    udev_unref(m_udev);
}

UdevHwdbNames::Names UdevHwdbNames::look_up(std::uint16_t vendor_id,
                                            std::uint16_t device_id) const {
    // The modalias form udev's 20-pci-vendor-model.hwdb is keyed by (upper-case hex).
    char modalias[32];
    std::snprintf(modalias, sizeof modalias, "pci:v%08Xd%08X", vendor_id, device_id);
    Names names;
    udev_list_entry* entry = udev_hwdb_get_properties_list_entry(m_hwdb, modalias, 0);
    for (; entry != nullptr; entry = udev_list_entry_get_next(entry)) {
        std::string_view key = udev_list_entry_get_name(entry);
        const char* value = udev_list_entry_get_value(entry);
        if (value == nullptr)
            continue;
        if (key == "ID_VENDOR_FROM_DATABASE")
            names.vendor = value;
        else if (key == "ID_MODEL_FROM_DATABASE")
            names.device = value;
    }
    return names;
}

}  // namespace sndoctor
