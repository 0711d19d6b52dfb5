#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace sndoctor {

class Facts;

/// One card of /proc/asound/cards:
///   " 0 [PCH            ]: HDA-Intel - HDA Intel PCH"
///   "                      HDA Intel PCH at 0xf7f10000 irq 31"
struct Card {
    int index = 0;
    std::string id;          ///< "PCH"
    std::string driver;      ///< "HDA-Intel"
    std::string short_name;  ///< "HDA Intel PCH"
    std::string long_name;   ///< the second line
    std::string module;      ///< from /proc/asound/modules ("snd_hda_intel"), when known
    int line = 0;            ///< line of the card in /proc/asound/cards
    std::string text;        ///< that line, for evidence
};

/// The cards the kernel's ALSA core has registered.
struct CardList {
    static constexpr const char* k_path = "/proc/asound/cards";
    static constexpr const char* k_modules_path = "/proc/asound/modules";

    bool alsa_present = false;  ///< /proc/asound/cards exists (the sound core is loaded)
    std::string text;           ///< /proc/asound/cards as read (the report shows it)
    std::vector<Card> cards;
    /// Lines that were not understood, and an unreadable /proc/asound/modules; kept going past.
    std::vector<ParseProblem> problems;

    const Card* find(int index) const;

    static CardList load(Facts& facts);
    /// Parses the text of /proc/asound/cards and (optionally) /proc/asound/modules. Throws
    /// InputError for binary data; unknown lines become problems.
    static CardList parse(const std::string& cards_text,
                          const std::optional<std::string>& modules_text);
};

}  // namespace sndoctor
