#include "report/live_alsa.hpp"

#include <alsa/asoundlib.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>

#include "core/alsa_handles.hpp"
#include "core/alsa_messages.hpp"
#include "core/text.hpp"
#include "core/unique_fd.hpp"
#include "facts/facts.hpp"
#include "report/section_files.hpp"

// Each function here follows the alsa-utils 1.2.x source it names, call for call, so that the
// text is the program's own: aplay/aplay.c device_list(), amixer/amixer.c info(), selems() and
// show_selem(), alsactl/state.c get_controls(), get_control() and add_tlv_comments().
namespace sndoctor::report {

namespace {

/// An alsa-lib call that failed; the caller knows which card it was about.
struct AlsaError {
    std::string reason;
};

int check(int result, const char* call) {
    if (result < 0)
        throw AlsaError{std::string(call) + ": " + snd_strerror(result)};
    return result;
}

/// The device every query of these sections goes through.
std::string control_device(int card) {
    return "/dev/snd/controlC" + std::to_string(card);
}

ParseProblem left_out(int card, const AlsaError& error, const std::string& what) {
    return {control_device(card), 0, error.reason + "; " + what + " is left out"};
}

using namespace alsa;  // the handle owners of core/alsa_handles.hpp

/// The cards /proc/asound lists, in index order. Not snd_card_next(): it skips a card whose
/// control device this user may not open, and the report must say that it could not read it.
std::vector<int> cards(const Root& root) {
    std::vector<int> indexes;
    auto is_digit = [](unsigned char c) { return std::isdigit(c) != 0; };
    for (const auto& entry : root.list("/proc/asound")) {
        std::string_view name = entry.name;
        if (entry.type != FileType::directory || !name.starts_with("card"))
            continue;
        std::string_view digits = name.substr(4);
        if (!digits.empty() && std::all_of(digits.begin(), digits.end(), is_digit))
            indexes.push_back(static_cast<int>(*parse_int(digits)));
    }
    std::sort(indexes.begin(), indexes.end());
    return indexes;
}

/// Opens the card's control device once before alsa-lib does: alsa-lib turns a device this user
/// may not open into "Cannot get card index" (on stderr) and ENOENT, which would hide the reason.
void check_control_device(const Root& root, int card) {
    auto path = root.host_path(control_device(card));
    if (!path)
        throw AlsaError{"no such device"};
    UniqueFd fd(::open(path->c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        throw AlsaError{std::string("cannot open it: ") + std::strerror(errno)};
    // A plain file in its place (a copied /dev, a chroot) would make alsa-lib fail the same way.
    struct stat st {};
    if (::fstat(fd.get(), &st) == 0 && !S_ISCHR(st.st_mode))
        throw AlsaError{"it is not a character device"};
}

/// alsa-lib's own words on a failed open go into the error instead of onto stderr, where they
/// would land in the middle of the program's output.
Ctl open_control(const std::string& name, int mode) {
    AlsaMessageCapture messages;
    snd_ctl_t* raw = nullptr;
    if (int error = snd_ctl_open(&raw, name.c_str(), mode); error < 0)
        throw AlsaError{messages.explain(std::string("snd_ctl_open: ") + snd_strerror(error))};
    return Ctl(raw);
}

CardInfo card_info(snd_ctl_t* ctl) {
    auto info = allocate<CardInfo>(snd_ctl_card_info_malloc);
    check(snd_ctl_card_info(ctl, info.get()), "snd_ctl_card_info");
    return info;
}

// ---- aplay -l / arecord -l ----

std::string device_list_header(snd_pcm_stream_t stream) {
    return std::string("**** List of ") + snd_pcm_stream_name(stream) + " Hardware Devices ****\n";
}

/// One card's part of `aplay -l` (or `arecord -l`), from its open control device.
std::string card_devices(snd_ctl_t* ctl, const snd_ctl_card_info_t* info, int card,
                         snd_pcm_stream_t stream) {
    auto pcm = allocate<PcmInfo>(snd_pcm_info_malloc);
    std::string text;
    int device = -1;
    while (true) {
        check(snd_ctl_pcm_next_device(ctl, &device), "snd_ctl_pcm_next_device");
        if (device < 0)
            break;
        snd_pcm_info_set_device(pcm.get(), static_cast<unsigned>(device));
        snd_pcm_info_set_subdevice(pcm.get(), 0);
        snd_pcm_info_set_stream(pcm.get(), stream);
        int error = snd_ctl_pcm_info(ctl, pcm.get());
        if (error == -ENOENT)
            continue;  // the device has no stream in this direction
        check(error, "snd_ctl_pcm_info");
        text += "card " + std::to_string(card) + ": " + snd_ctl_card_info_get_id(info) + " [" +
                snd_ctl_card_info_get_name(info) + "], device " + std::to_string(device) + ": " +
                snd_pcm_info_get_id(pcm.get()) + " [" + snd_pcm_info_get_name(pcm.get()) + "]\n";
        unsigned count = snd_pcm_info_get_subdevices_count(pcm.get());
        text += "  Subdevices: " + std::to_string(snd_pcm_info_get_subdevices_avail(pcm.get())) +
                "/" + std::to_string(count) + "\n";
        for (unsigned subdevice = 0; subdevice < count; ++subdevice) {
            snd_pcm_info_set_subdevice(pcm.get(), subdevice);
            check(snd_ctl_pcm_info(ctl, pcm.get()), "snd_ctl_pcm_info");
            text += "  Subdevice #" + std::to_string(subdevice) + ": " +
                    snd_pcm_info_get_subdevice_name(pcm.get()) + "\n";
        }
    }
    return text;
}

// ---- amixer -c <card> info / amixer -c <card> ----

/// amixer's playback and capture accessors, so that one function prints either direction.
struct Direction {
    const char* title;
    int (*has_volume)(snd_mixer_elem_t*);
    int (*has_switch)(snd_mixer_elem_t*);
    int (*get_volume)(snd_mixer_elem_t*, snd_mixer_selem_channel_id_t, long*);
    int (*get_db)(snd_mixer_elem_t*, snd_mixer_selem_channel_id_t, long*);
    int (*get_switch)(snd_mixer_elem_t*, snd_mixer_selem_channel_id_t, int*);
};

constexpr Direction k_playback = {
    " Playback",
    snd_mixer_selem_has_playback_volume,
    snd_mixer_selem_has_playback_switch,
    snd_mixer_selem_get_playback_volume,
    snd_mixer_selem_get_playback_dB,
    snd_mixer_selem_get_playback_switch,
};
constexpr Direction k_capture = {
    " Capture",
    snd_mixer_selem_has_capture_volume,
    snd_mixer_selem_has_capture_switch,
    snd_mixer_selem_get_capture_volume,
    snd_mixer_selem_get_capture_dB,
    snd_mixer_selem_get_capture_switch,
};

/// show_selem_volume(): " 52 [81%] [-17.25dB]", the dB part only where the control has a scale.
std::string volume_text(snd_mixer_elem_t* elem, snd_mixer_selem_channel_id_t channel,
                        const Direction& direction, long min, long max) {
    long raw = 0;
    direction.get_volume(elem, channel, &raw);
    std::string text = " " + amixer_volume(raw, min, max);
    long db = 0;
    if (direction.get_db(elem, channel, &db) == 0)
        text += " [" + amixer_db(db) + "]";
    return text;
}

std::string switch_text(snd_mixer_elem_t* elem, snd_mixer_selem_channel_id_t channel,
                        const Direction& direction) {
    int on = 0;
    direction.get_switch(elem, channel, &on);
    return on ? " [on]" : " [off]";
}

/// The part of a channel line that belongs to one direction: " Playback 52 [81%] [on]".
std::string direction_text(snd_mixer_elem_t* elem, snd_mixer_selem_channel_id_t channel,
                           const Direction& direction, long min, long max) {
    std::string text;
    bool titled = false;
    if (!snd_mixer_selem_has_common_volume(elem) && direction.has_volume(elem)) {
        text += direction.title;
        titled = true;
        text += volume_text(elem, channel, direction, min, max);
    }
    if (!snd_mixer_selem_has_common_switch(elem) && direction.has_switch(elem)) {
        if (!titled)
            text += direction.title;
        text += switch_text(elem, channel, direction);
    }
    return text;
}

/// " Front Left - Front Right", or " Mono".
std::string channel_names(snd_mixer_elem_t* elem, int (*is_mono)(snd_mixer_elem_t*),
                          int (*has_channel)(snd_mixer_elem_t*, snd_mixer_selem_channel_id_t)) {
    if (is_mono(elem))
        return " Mono";
    std::string text;
    for (int i = 0; i <= SND_MIXER_SCHN_LAST; ++i) {
        auto channel = static_cast<snd_mixer_selem_channel_id_t>(i);
        if (!has_channel(elem, channel))
            continue;
        text += std::string(text.empty() ? "" : " -") + " " + snd_mixer_selem_channel_name(channel);
    }
    return text;
}

std::string enum_item_name(snd_mixer_elem_t* elem, unsigned item) {
    char name[64] = {};
    snd_mixer_selem_get_enum_item_name(elem, item, sizeof(name) - 1, name);
    return name;
}

/// show_selem() at amixer's default level: everything after "Simple mixer control".
std::string simple_control(snd_mixer_elem_t* elem) {
    const std::string space = "  ";
    bool common_volume = snd_mixer_selem_has_common_volume(elem);
    bool common_switch = snd_mixer_selem_has_common_switch(elem);
    bool pvolume = snd_mixer_selem_has_playback_volume(elem);
    bool pswitch = snd_mixer_selem_has_playback_switch(elem);
    bool cvolume = snd_mixer_selem_has_capture_volume(elem);
    bool cswitch = snd_mixer_selem_has_capture_switch(elem);

    std::string text = space + "Capabilities:";
    if (common_volume) {
        text += " volume";
        if (snd_mixer_selem_has_playback_volume_joined(elem))
            text += " volume-joined";
    } else {
        if (pvolume) {
            text += " pvolume";
            if (snd_mixer_selem_has_playback_volume_joined(elem))
                text += " pvolume-joined";
        }
        if (cvolume) {
            text += " cvolume";
            if (snd_mixer_selem_has_capture_volume_joined(elem))
                text += " cvolume-joined";
        }
    }
    if (common_switch) {
        text += " switch";
        if (snd_mixer_selem_has_playback_switch_joined(elem))
            text += " switch-joined";
    } else {
        if (pswitch) {
            text += " pswitch";
            if (snd_mixer_selem_has_playback_switch_joined(elem))
                text += " pswitch-joined";
        }
        if (cswitch) {
            text += " cswitch";
            if (snd_mixer_selem_has_capture_switch_joined(elem))
                text += " cswitch-joined";
            if (snd_mixer_selem_has_capture_switch_exclusive(elem))
                text += " cswitch-exclusive";
        }
    }
    if (snd_mixer_selem_is_enum_playback(elem))
        text += " penum";
    else if (snd_mixer_selem_is_enum_capture(elem))
        text += " cenum";
    else if (snd_mixer_selem_is_enumerated(elem))
        text += " enum";
    text += "\n";

    if (snd_mixer_selem_is_enumerated(elem)) {
        text += "  Items:";
        int items = snd_mixer_selem_get_enum_items(elem);
        for (int i = 0; i < items; ++i)
            text += " '" + enum_item_name(elem, static_cast<unsigned>(i)) + "'";
        text += "\n";
        unsigned item = 0;
        for (int i = 0; snd_mixer_selem_get_enum_item(
                            elem, static_cast<snd_mixer_selem_channel_id_t>(i), &item) == 0;
             ++i)
            text += "  Item" + std::to_string(i) + ": '" + enum_item_name(elem, item) + "'\n";
        return text;
    }

    if (snd_mixer_selem_has_capture_switch_exclusive(elem))
        text += space + "Capture exclusive group: " +
                std::to_string(snd_mixer_selem_get_capture_group(elem)) + "\n";
    if (pvolume || pswitch)
        text += space + "Playback channels:" +
                channel_names(elem, snd_mixer_selem_is_playback_mono,
                              snd_mixer_selem_has_playback_channel) +
                "\n";
    if (cvolume || cswitch)
        text += space + "Capture channels:" +
                channel_names(elem, snd_mixer_selem_is_capture_mono,
                              snd_mixer_selem_has_capture_channel) +
                "\n";
    long pmin = 0, pmax = 0, cmin = 0, cmax = 0;
    if (pvolume || cvolume) {
        text += space + "Limits:";
        if (common_volume) {
            snd_mixer_selem_get_playback_volume_range(elem, &pmin, &pmax);
            snd_mixer_selem_get_capture_volume_range(elem, &cmin, &cmax);
            text += " " + std::to_string(pmin) + " - " + std::to_string(pmax);
        } else {
            if (pvolume) {
                snd_mixer_selem_get_playback_volume_range(elem, &pmin, &pmax);
                text += " Playback " + std::to_string(pmin) + " - " + std::to_string(pmax);
            }
            if (cvolume) {
                snd_mixer_selem_get_capture_volume_range(elem, &cmin, &cmax);
                text += " Capture " + std::to_string(cmin) + " - " + std::to_string(cmax);
            }
        }
        text += "\n";
    }

    // A direction whose only channel is mono gets one "Mono:" line; the others a line per
    // channel. The order of the parts is amixer's, including its quirks.
    constexpr auto mono = SND_MIXER_SCHN_MONO;
    bool pmono = snd_mixer_selem_has_playback_channel(elem, mono) &&
                 (snd_mixer_selem_is_playback_mono(elem) || (!pvolume && !pswitch));
    bool cmono = snd_mixer_selem_has_capture_channel(elem, mono) &&
                 (snd_mixer_selem_is_capture_mono(elem) || (!cvolume && !cswitch));
    if (pmono || cmono) {
        text += space + "Mono:";
        if (common_volume)
            text += volume_text(elem, mono, k_playback, pmin, pmax);
        if (common_switch)
            text += switch_text(elem, mono, k_playback);
        if (pmono)
            text += direction_text(elem, mono, k_playback, pmin, pmax);
        if (cmono)
            text += direction_text(elem, mono, k_capture, cmin, cmax);
        text += "\n";
    }
    if (pmono && cmono)
        return text;
    for (int i = 0; i <= SND_MIXER_SCHN_LAST; ++i) {
        auto channel = static_cast<snd_mixer_selem_channel_id_t>(i);
        bool playback = !pmono && snd_mixer_selem_has_playback_channel(elem, channel);
        bool capture = !cmono && snd_mixer_selem_has_capture_channel(elem, channel);
        if (!playback && !capture)
            continue;
        text += space + snd_mixer_selem_channel_name(channel) + ":";
        if (!pmono && !cmono && common_volume)
            text += volume_text(elem, channel, k_playback, pmin, pmax);
        if (!pmono && !cmono && common_switch)
            text += switch_text(elem, channel, k_playback);
        if (playback)
            text += direction_text(elem, channel, k_playback, pmin, pmax);
        if (capture)
            text += direction_text(elem, channel, k_capture, cmin, cmax);
        text += "\n";
    }
    return text;
}

/// A simple mixer over an open control device, which it takes over: alsa-lib closes the device
/// with the mixer. What snd_mixer_attach() does by name, without opening the device and
/// resolving its name in the configuration a second time.
Mixer open_mixer(Ctl ctl) {
    snd_mixer_t* raw = nullptr;
    check(snd_mixer_open(&raw, 0), "snd_mixer_open");
    Mixer mixer(raw);
    snd_hctl_t* hctl = nullptr;
    check(snd_hctl_open_ctl(&hctl, ctl.get()), "snd_hctl_open_ctl");
    ctl.release();  // the hctl's now
    if (int error = snd_mixer_attach_hctl(raw, hctl); error < 0) {
        snd_hctl_close(hctl);
        check(error, "snd_mixer_attach_hctl");
    }
    check(snd_mixer_selem_register(raw, nullptr, nullptr), "snd_mixer_selem_register");
    check(snd_mixer_load(raw), "snd_mixer_load");
    return mixer;
}

/// One card's `!!-------Mixer controls for card <id>` subsection.
Section card_mixer(int card) {
    // `amixer -c N` works on "sysdefault:N" (alsa-utils 1.2.5 on), where a card's own
    // configuration can put another control device; it also prints that name.
    std::string device = "sysdefault:" + std::to_string(card);
    Ctl ctl = open_control(device, 0);
    CardInfo info = card_info(ctl.get());
    auto list = allocate<ElemList>(snd_ctl_elem_list_malloc);
    check(snd_ctl_elem_list(ctl.get(), list.get()), "snd_ctl_elem_list");
    Mixer mixer = open_mixer(std::move(ctl));

    std::string text = "Card " + device + " '" + snd_ctl_card_info_get_id(info.get()) + "'/'" +
                       snd_ctl_card_info_get_longname(info.get()) + "'\n";
    text += std::string("  Mixer name\t: '") + snd_ctl_card_info_get_mixername(info.get()) + "'\n";
    text += std::string("  Components\t: '") + snd_ctl_card_info_get_components(info.get()) + "'\n";
    text += "  Controls      : " + std::to_string(snd_ctl_elem_list_get_count(list.get())) + "\n";
    text += "  Simple ctrls  : " + std::to_string(snd_mixer_get_count(mixer.get())) + "\n";
    for (auto* elem = snd_mixer_first_elem(mixer.get()); elem; elem = snd_mixer_elem_next(elem)) {
        if (!snd_mixer_selem_is_active(elem))
            continue;  // amixer shows inactive controls only with -i
        text += std::string("Simple mixer control '") + snd_mixer_selem_get_name(elem) + "'," +
                std::to_string(snd_mixer_selem_get_index(elem)) + "\n";
        text += simple_control(elem);
    }
    // alsa-info prints a blank line between the subsection's header and amixer's text; the
    // collector's carried amixer output starts with it too.
    return {std::string(k_mixer_prefix) + snd_ctl_card_info_get_id(info.get()), "\n" + text, {}, 0};
}

// ---- alsactl -f - store ----

void add_node(snd_config_t* parent, snd_config_t* leaf) {
    int error = snd_config_add(parent, leaf);
    if (error < 0) {
        snd_config_delete(leaf);
        check(error, "snd_config_add");
    }
}

snd_config_t* add_compound(snd_config_t* parent, const std::string& id, bool join) {
    snd_config_t* leaf = nullptr;
    check(snd_config_make_compound(&leaf, id.c_str(), join ? 1 : 0), "snd_config_make_compound");
    add_node(parent, leaf);
    return leaf;
}

void add_string(snd_config_t* parent, const std::string& id, const std::string& text) {
    snd_config_t* leaf = nullptr;
    check(snd_config_imake_string(&leaf, id.c_str(), text.c_str()), "snd_config_imake_string");
    add_node(parent, leaf);
}

void add_integer(snd_config_t* parent, const std::string& id, long value) {
    snd_config_t* leaf = nullptr;
    check(snd_config_imake_integer(&leaf, id.c_str(), value), "snd_config_imake_integer");
    add_node(parent, leaf);
}

void add_integer64(snd_config_t* parent, const std::string& id, long long value) {
    snd_config_t* leaf = nullptr;
    check(snd_config_imake_integer64(&leaf, id.c_str(), value), "snd_config_imake_integer64");
    add_node(parent, leaf);
}

/// add_tlv_comments(): the TLV of a user control as hex, the dB range and each value in dB.
void add_tlv_comments(snd_ctl_t* ctl, snd_ctl_elem_id_t* id, snd_ctl_elem_info_t* info,
                      snd_ctl_elem_value_t* value, snd_config_t* comment) {
    constexpr unsigned k_max_user_tlv = 64;  // alsactl's MAX_USER_TLV_SIZE, in words
    unsigned tlv[k_max_user_tlv] = {};
    if (snd_ctl_elem_tlv_read(ctl, id, tlv, sizeof(tlv)) < 0)
        return;  // alsactl stores the control without its dB comments
    if (snd_ctl_elem_info_is_tlv_writable(info)) {
        unsigned words = tlv[1] / 4 + 2;
        if (words < k_max_user_tlv) {
            std::string hex_words;
            for (unsigned i = 0; i < words; ++i) {
                char word[9];
                std::snprintf(word, sizeof(word), "%08x", tlv[i]);
                hex_words += word;
            }
            add_string(comment, "tlv", hex_words);
        }
    }
    unsigned* db = nullptr;
    if (snd_tlv_parse_dB_info(tlv, sizeof(tlv), &db) <= 0)
        return;
    long min = snd_ctl_elem_info_get_min(info);
    long max = snd_ctl_elem_info_get_max(info);
    long db_min = 0, db_max = 0;
    snd_tlv_get_dB_range(db, min, max, &db_min, &db_max);  // alsactl ignores a failure here
    add_integer(comment, "dbmin", db_min);
    add_integer(comment, "dbmax", db_max);
    if (snd_ctl_elem_info_get_type(info) != SND_CTL_ELEM_TYPE_INTEGER)
        return;
    snd_config_t* values = add_compound(comment, "dbvalue", true);
    for (unsigned i = 0; i < snd_ctl_elem_info_get_count(info); ++i) {
        long gain = 0;
        check(snd_tlv_convert_to_dB(db, min, max, snd_ctl_elem_value_get_integer(value, i), &gain),
              "snd_tlv_convert_to_dB");
        add_integer(values, std::to_string(i), gain);
    }
}

/// get_control(): one control as `control.<numid> { iface name value comment }`.
void store_control(snd_ctl_t* ctl, snd_ctl_elem_id_t* id, snd_config_t* controls) {
    auto info = allocate<ElemInfo>(snd_ctl_elem_info_malloc);
    snd_ctl_elem_info_set_id(info.get(), id);
    check(snd_ctl_elem_info(ctl, info.get()), "snd_ctl_elem_info");
    if (!snd_ctl_elem_info_is_readable(info.get()))
        return;
    auto value = allocate<ElemValue>(snd_ctl_elem_value_malloc);
    snd_ctl_elem_value_set_id(value.get(), id);
    check(snd_ctl_elem_read(ctl, value.get()), "snd_ctl_elem_read");

    snd_config_t* control =
        add_compound(controls, std::to_string(snd_ctl_elem_info_get_numid(info.get())), false);
    // The comment is filled first and added last, where alsactl puts it.
    snd_config_t* raw_comment = nullptr;
    check(snd_config_make_compound(&raw_comment, "comment", 0), "snd_config_make_compound");
    Config comment(raw_comment);

    struct Access {
        int (*is)(const snd_ctl_elem_info_t*);
        const char* word;
    };
    static constexpr Access k_access[] = {
        {snd_ctl_elem_info_is_readable, " read"},     {snd_ctl_elem_info_is_writable, " write"},
        {snd_ctl_elem_info_is_inactive, " inactive"}, {snd_ctl_elem_info_is_volatile, " volatile"},
        {snd_ctl_elem_info_is_locked, " locked"},     {snd_ctl_elem_info_is_user, " user"},
    };
    std::string access;
    for (const auto& flag : k_access)
        if (flag.is(info.get()))
            access += flag.word;
    add_string(comment.get(), "access", access.substr(1));
    auto type = snd_ctl_elem_info_get_type(info.get());
    unsigned count = snd_ctl_elem_info_get_count(info.get());
    add_string(comment.get(), "type", snd_ctl_elem_type_name(type));
    add_integer(comment.get(), "count", count);

    std::vector<std::string> items;
    if (type == SND_CTL_ELEM_TYPE_INTEGER) {
        long step = snd_ctl_elem_info_get_step(info.get());
        add_string(comment.get(), "range",
                   std::to_string(snd_ctl_elem_info_get_min(info.get())) + " - " +
                       std::to_string(snd_ctl_elem_info_get_max(info.get())) +
                       (step ? " (step " + std::to_string(step) + ")" : ""));
        if (snd_ctl_elem_info_is_tlv_readable(info.get()))
            add_tlv_comments(ctl, id, info.get(), value.get(), comment.get());
    } else if (type == SND_CTL_ELEM_TYPE_INTEGER64) {
        long long step = snd_ctl_elem_info_get_step64(info.get());
        add_string(comment.get(), "range",
                   std::to_string(snd_ctl_elem_info_get_min64(info.get())) + " - " +
                       std::to_string(snd_ctl_elem_info_get_max64(info.get())) +
                       (step ? " (step " + std::to_string(step) + ")" : ""));
    } else if (type == SND_CTL_ELEM_TYPE_ENUMERATED) {
        snd_config_t* item_node = add_compound(comment.get(), "item", true);
        for (unsigned i = 0; i < snd_ctl_elem_info_get_items(info.get()); ++i) {
            snd_ctl_elem_info_set_item(info.get(), i);
            check(snd_ctl_elem_info(ctl, info.get()), "snd_ctl_elem_info");
            items.emplace_back(snd_ctl_elem_info_get_item_name(info.get()));
            add_string(item_node, std::to_string(i), items.back());
        }
    }

    add_string(control, "iface",
               snd_ctl_elem_iface_name(snd_ctl_elem_info_get_interface(info.get())));
    if (unsigned device = snd_ctl_elem_info_get_device(info.get()))
        add_integer(control, "device", device);
    if (unsigned subdevice = snd_ctl_elem_info_get_subdevice(info.get()))
        add_integer(control, "subdevice", subdevice);
    add_string(control, "name", snd_ctl_elem_info_get_name(info.get()));
    if (unsigned index = snd_ctl_elem_info_get_index(info.get()))
        add_integer(control, "index", index);

    if (type == SND_CTL_ELEM_TYPE_BYTES || type == SND_CTL_ELEM_TYPE_IEC958) {
        // Bytes and IEC958 status are one hex string, not a value per channel.
        std::size_t size = type == SND_CTL_ELEM_TYPE_BYTES ? count : sizeof(snd_aes_iec958_t);
        const auto* bytes =
            static_cast<const unsigned char*>(snd_ctl_elem_value_get_bytes(value.get()));
        std::string text;
        for (std::size_t i = 0; i < size; ++i)
            text += hex(bytes[i], 2).substr(2);
        add_string(control, "value", text);
    } else {
        // One value is written as `value X`; several as `value.0 X`, `value.1 Y`, ...
        snd_config_t* parent = control;
        auto key = [&](unsigned i) {
            return count == 1 ? std::string("value") : std::to_string(i);
        };
        if (count != 1)
            parent = add_compound(control, "value", true);
        for (unsigned i = 0; i < count; ++i) {
            switch (type) {
                case SND_CTL_ELEM_TYPE_BOOLEAN:
                    add_string(parent, key(i),
                               snd_ctl_elem_value_get_boolean(value.get(), i) ? "true" : "false");
                    break;
                case SND_CTL_ELEM_TYPE_INTEGER:
                    add_integer(parent, key(i), snd_ctl_elem_value_get_integer(value.get(), i));
                    break;
                case SND_CTL_ELEM_TYPE_INTEGER64:
                    add_integer64(parent, key(i), snd_ctl_elem_value_get_integer64(value.get(), i));
                    break;
                case SND_CTL_ELEM_TYPE_ENUMERATED: {
                    unsigned item = snd_ctl_elem_value_get_enumerated(value.get(), i);
                    if (item < items.size())
                        add_string(parent, key(i), items[item]);
                    else
                        add_integer(parent, key(i), item);
                    break;
                }
                default:
                    throw AlsaError{"control '" +
                                    std::string(snd_ctl_elem_info_get_name(info.get())) +
                                    "' has a type alsactl does not know (" +
                                    std::to_string(static_cast<int>(type)) + ")"};
            }
        }
    }
    add_node(control, comment.release());
}

/// get_controls(): `state.<id> { control { ... } }` for one card.
void store_card(int card, snd_config_t* top) {
    Ctl ctl = open_control("hw:" + std::to_string(card), SND_CTL_READONLY);
    CardInfo info = card_info(ctl.get());
    snd_config_t* state = nullptr;
    if (snd_config_search(top, "state", &state) < 0)
        state = add_compound(top, "state", true);
    snd_config_t* card_node = add_compound(state, snd_ctl_card_info_get_id(info.get()), false);
    auto list = allocate<ElemList>(snd_ctl_elem_list_malloc);
    check(snd_ctl_elem_list(ctl.get(), list.get()), "snd_ctl_elem_list");
    unsigned count = snd_ctl_elem_list_get_count(list.get());
    snd_config_t* controls = add_compound(card_node, "control", count > 0);
    if (count == 0)
        return;
    check(snd_ctl_elem_list_alloc_space(list.get(), count), "snd_ctl_elem_list_alloc_space");
    check(snd_ctl_elem_list(ctl.get(), list.get()), "snd_ctl_elem_list");
    auto id = allocate<ElemId>(snd_ctl_elem_id_malloc);
    for (unsigned i = 0; i < snd_ctl_elem_list_get_used(list.get()); ++i) {
        snd_ctl_elem_list_get_id(list.get(), i, id.get());
        store_control(ctl.get(), id.get(), controls);
    }
}

std::string saved_text(snd_config_t* top) {
    // Saving to memory fails only when memory does.
    snd_output_t* raw = nullptr;
    if (snd_output_buffer_open(&raw) < 0)
        throw std::bad_alloc();
    Output output(raw);
    if (snd_config_save(top, raw) < 0)
        throw std::bad_alloc();
    char* buffer = nullptr;
    std::size_t size = snd_output_buffer_string(raw, &buffer);
    return std::string(buffer, size);
}

}  // namespace

std::string amixer_volume(long value, long min, long max) {
    long range = max - min;
    long percent =
        range == 0
            ? 0
            : std::lrint(static_cast<double>(value - min) / static_cast<double>(range) * 100);
    return std::to_string(value) + " [" + std::to_string(percent) + "%]";
}

std::string amixer_db(long centi_db) {
    long magnitude = centi_db < 0 ? -centi_db : centi_db;
    std::string hundredths = std::to_string(magnitude % 100);
    return (centi_db < 0 ? "-" : "") + std::to_string(magnitude / 100) + "." +
           (hundredths.size() < 2 ? "0" : "") + hundredths + "dB";
}

std::optional<Section> live_aplay_section(const Root& root, std::vector<ParseProblem>& problems) {
    auto indexes = cards(root);
    if (indexes.empty())
        return std::nullopt;  // aplay -l would only say "no soundcards found..."
    std::string playback, capture;
    for (int card : indexes) {
        try {
            check_control_device(root, card);
            // aplay -l and arecord -l each open every card; one open serves both listings.
            Ctl ctl = open_control("hw:" + std::to_string(card), 0);
            CardInfo info = card_info(ctl.get());
            playback += card_devices(ctl.get(), info.get(), card, SND_PCM_STREAM_PLAYBACK);
            capture += card_devices(ctl.get(), info.get(), card, SND_PCM_STREAM_CAPTURE);
        } catch (const AlsaError& e) {
            problems.push_back(
                left_out(card, e, "the section \"" + std::string(k_aplay_title) + "\""));
            return std::nullopt;
        }
    }
    return Section{std::string(k_aplay_title),
                   "APLAY\n\n" + device_list_header(SND_PCM_STREAM_PLAYBACK) + playback +
                       "\nARECORD\n\n" + device_list_header(SND_PCM_STREAM_CAPTURE) + capture,
                   {},
                   0};
}

std::optional<Section> live_amixer_section(const Root& root, std::vector<ParseProblem>& problems) {
    Section section{std::string(k_amixer_title), "", {}, 0};
    for (int card : cards(root)) {
        try {
            check_control_device(root, card);
            section.subsections.push_back(card_mixer(card));
        } catch (const AlsaError& e) {
            problems.push_back(left_out(
                card, e, "card " + std::to_string(card) + "'s part of \"" + section.title + "\""));
        }
    }
    if (section.subsections.empty())
        return std::nullopt;
    return section;
}

namespace {

std::optional<Section> live_alsactl_section(const Root& root, std::vector<ParseProblem>& problems) {
    auto indexes = cards(root);
    if (indexes.empty())
        return std::nullopt;
    snd_config_t* raw_top = nullptr;
    if (snd_config_top(&raw_top) < 0)
        throw std::bad_alloc();
    Config top(raw_top);
    for (int card : indexes) {
        try {
            check_control_device(root, card);
            store_card(card, top.get());
        } catch (const AlsaError& e) {
            // alsactl store writes nothing when one card fails.
            problems.push_back(
                left_out(card, e, "the section \"" + std::string(k_alsactl_title) + "\""));
            return std::nullopt;
        }
    }
    return Section{std::string(k_alsactl_title), saved_text(top.get()), {}, 0};
}

}  // namespace

LiveAlsactl LiveAlsactl::load(Facts& facts) {
    LiveAlsactl live;
    if (facts.root().source() == RootSource::live)
        live.section = live_alsactl_section(facts.root(), live.problems);
    return live;
}

}  // namespace sndoctor::report
