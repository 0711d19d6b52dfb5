#pragma once

#include <alsa/asoundlib.h>

#include <memory>
#include <new>

/// alsa-lib's handles as owners: each closes or frees itself with the call alsa-lib gives it.
namespace sndoctor::alsa {

template <auto Free>
struct Release {
    template <typename T>
    void operator()(T* pointer) const {
        Free(pointer);
    }
};

template <typename T, auto Free>
using Owned = std::unique_ptr<T, Release<Free>>;

/// An element list owns the id array snd_ctl_elem_list_alloc_space gave it, too.
inline void free_elem_list(snd_ctl_elem_list_t* list) {
    snd_ctl_elem_list_free_space(list);
    snd_ctl_elem_list_free(list);
}

using Ctl = Owned<snd_ctl_t, snd_ctl_close>;
using CardInfo = Owned<snd_ctl_card_info_t, snd_ctl_card_info_free>;
using PcmInfo = Owned<snd_pcm_info_t, snd_pcm_info_free>;
using ElemList = Owned<snd_ctl_elem_list_t, free_elem_list>;
using ElemId = Owned<snd_ctl_elem_id_t, snd_ctl_elem_id_free>;
using ElemInfo = Owned<snd_ctl_elem_info_t, snd_ctl_elem_info_free>;
using ElemValue = Owned<snd_ctl_elem_value_t, snd_ctl_elem_value_free>;
using Mixer = Owned<snd_mixer_t, snd_mixer_close>;
using Config = Owned<snd_config_t, snd_config_delete>;
using Output = Owned<snd_output_t, snd_output_close>;

/// One of alsa-lib's *_malloc calls, as an owner.
template <typename Pointer>
Pointer allocate(int (*make)(typename Pointer::element_type**)) {
    typename Pointer::element_type* raw = nullptr;
    if (make(&raw) < 0)
        throw std::bad_alloc();
    return Pointer(raw);
}

}  // namespace sndoctor::alsa
