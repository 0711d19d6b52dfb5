#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "tui/app_model.hpp"

namespace sndoctor::ui {

/// The "Start here" path (g): the checks that were wrong when it opened, in their order, and
/// what became of each, so that its summary can tell fixed from skipped from still wrong.
struct AppModel::GuidedPath {
    enum class Outcome {
        open,     ///< not decided yet (or fixed along with an earlier step's fix)
        applied,  ///< its fix was applied at this step
        yours,    ///< its fix changes nothing from here: only steps for the person, or root
        skipped,  ///< the person went on without fixing it
    };
    struct Step {
        std::string check_id;
        Outcome outcome = Outcome::open;
        std::string journal_entry;              ///< the applied fix's entry (u takes it back)
        std::vector<std::string> manual_steps;  ///< what its fix leaves to the person
    };
    std::vector<Step> steps;
    std::size_t current = 0;
    /// Why f did nothing on this step (no automatic fix, a report), shown on it until it moves.
    std::string note;
};

}  // namespace sndoctor::ui
