#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/result.hpp"
#include "facts/modprobe_config.hpp"

namespace sndoctor {
class Facts;
}

/// What modprobe.card-aliases finds wrong in the modprobe configuration, in a form the fix
/// modprobe.write-sndoctor-conf acts on: the check decides, the fix only repairs.
namespace sndoctor::checks {

/// The kinds of fault the check tells apart.
enum class AliasProblem {
    config_problem,     ///< a line the parser reported (no entry: nothing to repair safely)
    bad_index,          ///< an index value that is not a number
    index_taken,        ///< two claims for one card index
    slot_taken,         ///< a claim for an index `options snd slots=` keeps for another module
    missing_module,     ///< options or a card alias for a module the kernel does not have
    builtin_options,    ///< options for a built-in module, never used
    unknown_parameter,  ///< a parameter the module does not declare
    disabled_driver,    ///< the driver of a present card is blacklisted or install-refused
};

/// One thing wrong, with the lines that show it.
struct AliasIssue {
    AliasProblem kind = AliasProblem::config_problem;
    Status status = Status::warn;
    std::string text;
    std::vector<Evidence> evidence;
    /// The configuration lines at fault, in kmod's order (pointers into the ModprobeConfig fact,
    /// which lives as long as the Facts).
    std::vector<const ModprobeEntry*> entries;
    /// unknown_parameter: the parameter names as written ("modle", "#comment").
    std::vector<std::string> parameters;
    /// index_taken, slot_taken: the card index.
    int index = -1;
    /// slot_taken: the module the slot is kept for.
    std::string reserved_for;
};

/// One card index a module's options ask for.
struct IndexClaim {
    std::string module;
    const ModprobeEntry* entry = nullptr;
};

/// The whole review: the issues, and every card index claimed (index → who asks, in order).
struct AliasReview {
    std::vector<AliasIssue> issues;
    std::map<int, std::vector<IndexClaim>> claims;
};

/// Reviews the modprobe configuration as the check modprobe.card-aliases does.
AliasReview review_card_aliases(Facts& facts);

}  // namespace sndoctor::checks
