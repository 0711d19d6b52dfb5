#include "hda/associations.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/text.hpp"

namespace sndoctor::hda {

namespace {

constexpr int k_unassociated = 15;

std::string pin_name(const AssociationPin& pin) {
    return hex(pin.nid, 2) + " (" + std::string(freebsd_device_name(pin.config.device)) + ")";
}

/// The checks FreeBSD makes of an association of several pins, and what it derives from them.
void settle(Association& association) {
    std::stable_sort(association.pins.begin(), association.pins.end(),
                     [](const AssociationPin& a, const AssociationPin& b) {
                         return a.config.sequence < b.config.sequence;
                     });
    const AssociationPin& first = association.pins.front();
    for (std::size_t i = 1; i < association.pins.size(); ++i) {
        const AssociationPin& pin = association.pins[i];
        if (pin.config.sequence == association.pins[i - 1].config.sequence)
            association.problems.push_back("pins " + hex(association.pins[i - 1].nid, 2) + " and " +
                                           hex(pin.nid, 2) + " share sequence " +
                                           std::to_string(pin.config.sequence));
    }
    for (const auto& pin : association.pins)
        if (device_direction(pin.config.device) != association.direction)
            association.problems.push_back(
                pin_name(pin) + " is " +
                (association.direction == Direction::playback ? "an input" : "an output") +
                " in a " + std::string(to_string(association.direction)) + " association");
    if (association.direction == Direction::playback && association.pins.size() > 1) {
        bool headphones_last = std::any_of(
            association.pins.begin(), association.pins.end(), [](const AssociationPin& pin) {
                return pin.config.device == PinDevice::headphone && pin.config.sequence == 15;
            });
        if (headphones_last)
            association.headphone_redirect = first.config.sequence;
    }
    if (association.direction == Direction::capture)
        association.mixed =
            association.pins.size() == 1 ||
            std::any_of(association.pins.begin(), association.pins.end(),
                        [](const AssociationPin& pin) { return pin.config.sequence >= 14; });
}

/// Pairs enabled associations into devices: each takes the first device of its kind (analog or
/// digital) whose slot for its direction is free, or a new one.
std::vector<AudioDevice> pair_devices(const std::vector<Association>& associations) {
    std::vector<AudioDevice> devices;
    for (std::size_t i = 0; i < associations.size(); ++i) {
        const Association& association = associations[i];
        if (!association.enabled())
            continue;
        auto slot = [&](AudioDevice& device) -> std::optional<std::size_t>& {
            return association.direction == Direction::playback ? device.playback : device.capture;
        };
        auto free = std::find_if(devices.begin(), devices.end(), [&](AudioDevice& device) {
            return device.digital == association.digital && !slot(device);
        });
        if (free == devices.end()) {
            devices.push_back({static_cast<int>(devices.size()), std::nullopt, std::nullopt,
                               association.digital});
            free = devices.end() - 1;
        }
        slot(*free) = i;
    }
    return devices;
}

}  // namespace

Direction device_direction(PinDevice device) {
    switch (device) {
        case PinDevice::line_out:
        case PinDevice::speaker:
        case PinDevice::headphone:
        case PinDevice::spdif_out:
        case PinDevice::digital_out:
            return Direction::playback;
        default:
            return Direction::capture;
    }
}

AssociationLayout group_associations(const Codec& codec) {
    AssociationLayout layout;
    std::vector<const Widget*> pins;
    for (const auto& widget : codec.widgets)
        if (widget.type == WidgetType::pin_complex && widget.pin)
            pins.push_back(&widget);
    std::stable_sort(pins.begin(), pins.end(),
                     [](const Widget* a, const Widget* b) { return a->nid < b->nid; });

    std::map<int, Association> numbered;  // associations 1..14 by number
    std::vector<Association> unassociated;
    for (const Widget* widget : pins) {
        PinConfig config = PinConfig::decode(widget->pin->default_config);
        if (config.connectivity == Connectivity::none) {
            layout.skipped.push_back({widget->nid, config, SkipReason::no_connection});
            continue;
        }
        if (config.association == 0) {
            layout.skipped.push_back({widget->nid, config, SkipReason::association_zero});
            continue;
        }
        bool digital = widget->has(WidgetCap::digital);
        if (config.association == k_unassociated) {
            Association alone;
            alone.number = k_unassociated;
            alone.direction = device_direction(config.device);
            alone.pins.push_back({widget->nid, config});
            alone.digital = digital;
            unassociated.push_back(std::move(alone));
            continue;
        }
        // The first pin of an association (in node order) sets its direction.
        auto [it, created] = numbered.try_emplace(config.association);
        Association& association = it->second;
        if (created) {
            association.number = config.association;
            association.direction = device_direction(config.device);
        }
        association.pins.push_back({widget->nid, config});
        association.digital = association.digital || digital;
    }
    for (auto& [number, association] : numbered)
        layout.associations.push_back(std::move(association));
    for (auto& association : unassociated)
        layout.associations.push_back(std::move(association));
    for (auto& association : layout.associations)
        settle(association);
    layout.devices = pair_devices(layout.associations);
    return layout;
}

std::string_view to_string(SkipReason reason) {
    switch (reason) {
        case SkipReason::no_connection:
            return "connectivity None";
        case SkipReason::association_zero:
            return "association 0";
    }
    return "";
}

std::string_view to_string(Direction direction) {
    return direction == Direction::playback ? "playback" : "capture";
}

}  // namespace sndoctor::hda
