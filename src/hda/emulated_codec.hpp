#pragma once

#include <array>
#include <string>

#include "hda/backend.hpp"
#include "hda/codec.hpp"

namespace sndoctor::hda {

/// A codec that answers verbs from what a dump says about it, so every experiment can be tried
/// offline and tested. It answers the parameters (ids, node counts, function type, widget, pin
/// and amp caps, PCM formats, connection list length, power states, GPIO caps, processing and
/// volume knob caps), connection list entries, and the state verbs the dump shows: config
/// default (get and the four byte-wise sets), amp gain/mute, pin control, connection select,
/// power state, unsolicited enable, converter stream/channel, SDI select, digital converter,
/// volume knob, EAPD/BTL, GPIO data/mask/direction/wake/unsolicited/sticky, subsystem id and
/// Realtek-style coefficients; what is set is kept and read back. A node the codec does not
/// have answers 0, and so does a verb it does not model, as hardware (and QEMU) do.
class EmulatedCodec : public Backend {
  public:
    /// `origin` names where the codec came from in messages (the dump file).
    EmulatedCodec(Codec codec, std::string origin);

    std::uint32_t execute(const Verb& verb) override;
    std::string description() const override;
    int codec_address() const override { return m_codec.address; }

    /// The codec as it stands now, with every change made through verbs.
    const Codec& codec() const { return m_codec; }

  private:
    std::uint32_t parameter(int nid, std::uint32_t id) const;
    std::uint32_t get(const Verb& verb) const;
    void set(const Verb& verb);
    std::uint32_t gpio_register(std::uint32_t verb) const;
    void set_gpio_register(std::uint32_t verb, std::uint32_t bits);
    /// Where the widget of `nid` is in m_codec.widgets, or -1.
    int slot(int nid) const;
    Widget* widget(int nid);
    const Widget* widget(int nid) const;

    Codec m_codec;
    std::string m_origin;
    /// Index into m_codec.widgets by NID (-1: no such widget); NIDs are 7 bits.
    std::array<int, k_max_nid + 1> m_index{};
    /// The coefficient index last set with SET_COEF_INDEX, per NID.
    std::array<std::uint32_t, k_max_nid + 1> m_coefficient_index{};
};

}  // namespace sndoctor::hda
