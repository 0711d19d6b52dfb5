#include "engine/mixer_control.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include "core/alsa_handles.hpp"
#include "core/alsa_messages.hpp"
#include "core/text.hpp"
#include "engine/disk.hpp"

namespace sndoctor {

namespace {

using namespace alsa;  // the handle owners of core/alsa_handles.hpp

std::string control_device(int card) {
    return "/dev/snd/controlC" + std::to_string(card);
}

/// The item of an enumeration called `name`, or the number itself.
std::optional<unsigned> enum_item(snd_ctl_t* ctl, snd_ctl_elem_info_t* info,
                                  const std::string& name) {
    unsigned items = snd_ctl_elem_info_get_items(info);
    for (unsigned item = 0; item < items; ++item) {
        snd_ctl_elem_info_set_item(info, item);
        if (snd_ctl_elem_info(ctl, info) >= 0 && name == snd_ctl_elem_info_get_item_name(info))
            return item;
    }
    if (auto number = parse_int(name);
        number && *number >= 0 && *number < static_cast<std::int64_t>(items))
        return static_cast<unsigned>(*number);
    return std::nullopt;
}

}  // namespace

void write_mixer_control(const ControlSetting& setting) {
    std::string device = control_device(setting.card);
    auto fail = [&](const std::string& reason) -> WriteError {
        return WriteError(device, "'" + setting.name + "': " + reason);
    };
    if (setting.values.empty())
        throw fail("no value to set");
    snd_ctl_t* raw = nullptr;
    std::string name = "hw:" + std::to_string(setting.card);
    {
        // alsa-lib's words go into the error, not onto stderr over the assistant's screen.
        AlsaMessageCapture messages;
        if (int error = snd_ctl_open(&raw, name.c_str(), 0); error < 0)
            throw WriteError(
                device, messages.explain(std::string("cannot open it: ") + snd_strerror(error)));
    }
    Ctl ctl(raw);

    auto id = allocate<ElemId>(snd_ctl_elem_id_malloc);
    snd_ctl_elem_id_set_interface(id.get(), SND_CTL_ELEM_IFACE_MIXER);
    snd_ctl_elem_id_set_name(id.get(), setting.name.c_str());
    snd_ctl_elem_id_set_index(id.get(), static_cast<unsigned>(setting.index));
    auto info = allocate<ElemInfo>(snd_ctl_elem_info_malloc);
    snd_ctl_elem_info_set_id(info.get(), id.get());
    if (int error = snd_ctl_elem_info(ctl.get(), info.get()); error < 0)
        throw fail(std::string("no such control (") + snd_strerror(error) + ")");
    if (!snd_ctl_elem_info_is_writable(info.get()))
        throw fail("the control is read-only");

    auto value = allocate<ElemValue>(snd_ctl_elem_value_malloc);
    snd_ctl_elem_value_set_id(value.get(), id.get());
    snd_ctl_elem_type_t type = snd_ctl_elem_info_get_type(info.get());
    unsigned count = snd_ctl_elem_info_get_count(info.get());
    for (unsigned channel = 0; channel < count; ++channel) {
        const std::string& text =
            setting.values[std::min<std::size_t>(channel, setting.values.size() - 1)];
        switch (type) {
            case SND_CTL_ELEM_TYPE_BOOLEAN: {
                bool on = text == "true" || text == "on" || text == "1";
                if (!on && text != "false" && text != "off" && text != "0")
                    throw fail("\"" + text + "\" is not on or off");
                snd_ctl_elem_value_set_boolean(value.get(), channel, on ? 1 : 0);
                break;
            }
            case SND_CTL_ELEM_TYPE_INTEGER: {
                auto number = parse_int(text);
                long min = snd_ctl_elem_info_get_min(info.get());
                long max = snd_ctl_elem_info_get_max(info.get());
                if (!number || *number < min || *number > max)
                    throw fail("\"" + text + "\" is not a value from " + std::to_string(min) +
                               " to " + std::to_string(max));
                snd_ctl_elem_value_set_integer(value.get(), channel, static_cast<long>(*number));
                break;
            }
            case SND_CTL_ELEM_TYPE_INTEGER64: {
                auto number = parse_int(text);
                if (!number)
                    throw fail("\"" + text + "\" is not a number");
                snd_ctl_elem_value_set_integer64(value.get(), channel, *number);
                break;
            }
            case SND_CTL_ELEM_TYPE_ENUMERATED: {
                auto item = enum_item(ctl.get(), info.get(), text);
                if (!item)
                    throw fail("\"" + text + "\" is not one of its items");
                snd_ctl_elem_value_set_enumerated(value.get(), channel, *item);
                break;
            }
            default:
                throw fail("sndoctor sets only switches, volumes and enumerations");
        }
    }
    if (int error = snd_ctl_elem_write(ctl.get(), value.get()); error < 0)
        throw fail(std::string("the write was refused (") + snd_strerror(error) + ")");
}

}  // namespace sndoctor
