// modprobe.write-sndoctor-conf: repair what modprobe.card-aliases found, in one file of sndoctor's
// own (/etc/modprobe.d/50-sndoctor.conf), commenting out the lines at fault elsewhere.
#include <algorithm>
#include <map>
#include <set>

#include "checks/card_aliases.hpp"
#include "checks/cards.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "facts/modprobe_config.hpp"
#include "fixes/fixes.hpp"
#include "fixes/sndoctor_conf.hpp"

namespace sndoctor::fixes {

namespace {

using checks::AliasIssue;
using checks::AliasProblem;
using checks::AliasReview;

/// A virtual card's module (VirMIDI, Dummy, Loopback), by the cards checks' own table: it gets
/// -2 (any slot but 0) instead of a number, so the real card keeps the low ones.
bool is_virtual_module(const std::string& module) {
    return std::any_of(std::begin(checks::k_card_kind_rules), std::end(checks::k_card_kind_rules),
                       [&](const checks::CardKindRule& rule) {
                           return rule.field == checks::CardField::module &&
                                  rule.kind == checks::CardKind::virtual_card &&
                                  rule.text == module;
                       });
}

/// Plans the repair, step by step, from the check's review.
class Repair {
  public:
    Repair(Facts& facts, PlanBuilder& builder)
        : m_config(facts.get<ModprobeConfig>()),
          m_review(checks::review_card_aliases(facts)),
          m_builder(builder) {
        for (const auto& issue : m_review.issues)
            if (issue.kind == AliasProblem::unknown_parameter)
                for (const auto* entry : issue.entries)
                    m_unknown[entry].insert(issue.parameters.begin(), issue.parameters.end());
    }

    void plan() {
        for (const auto& issue : m_review.issues) {
            switch (issue.kind) {
                case AliasProblem::missing_module:
                    for (const auto* entry : issue.entries)
                        sndoctor_conf::disable(m_builder, *entry,
                                               entry->module + " does not exist for this kernel");
                    break;
                case AliasProblem::unknown_parameter:
                    for (const auto* entry : issue.entries)
                        move_known_params(*entry);
                    break;
                case AliasProblem::disabled_driver:
                    for (const auto* entry : issue.entries)
                        sndoctor_conf::disable(m_builder, *entry,
                                               "it keeps " + entry->module +
                                                   ", the driver of a present card, from loading");
                    m_reload = true;
                    break;
                case AliasProblem::builtin_options:
                    m_builder.manual_step(issue.text + "; sndoctor leaves those lines alone.");
                    break;
                case AliasProblem::config_problem:
                case AliasProblem::bad_index:
                case AliasProblem::index_taken:
                case AliasProblem::slot_taken:
                    break;
            }
        }
        // After the parameter repairs: the index lines they carried over are rewritten here.
        assign_indexes();
        if (m_reload)
            m_builder.manual_step(
                "The new options take effect when the sound drivers load next: reboot, or unload "
                "and reload them (modprobe -r, then modprobe) when no program uses a card.");
    }

  private:
    /// Whether the check found that `entry`'s module has no parameter `param`.
    bool is_unknown(const ModprobeEntry& entry, const ModuleParam& param) const {
        auto unknown = m_unknown.find(&entry);
        return unknown != m_unknown.end() && unknown->second.count(param.name) > 0;
    }

    /// An options line with parameters the module does not have: commented out, and the
    /// parameters it does have go on in 50-sndoctor.conf.
    void move_known_params(const ModprobeEntry& entry) {
        sndoctor_conf::disable(m_builder, entry, entry.module + " has no such parameter");
        std::vector<ModuleParam> kept;
        for (const auto& param : split_module_params(entry.argument))
            if (!is_unknown(entry, param))
                kept.push_back(param);
        if (!kept.empty())
            sndoctor_conf::set_options(m_builder, entry.module, kept,
                                       "the parameters " + entry.where.path + ":" +
                                           std::to_string(entry.where.line) + " had right");
    }

    /// The index value a module asks for now (its last index= in kmod's order), split at commas.
    std::vector<std::string> index_items(const std::string& module) const {
        std::string value;
        for (const auto* entry : sndoctor_conf::index_lines(m_config, module))
            for (const auto& param : split_module_params(entry->argument))
                if (sndoctor_conf::is_index(param))
                    value = param.value;
        std::vector<std::string> items;
        for (auto item : split_commas(value))
            items.emplace_back(item);
        return items;
    }

    /// Distinct index values for every module in an index conflict: virtual cards' modules get
    /// -2; the others keep their numbers in kmod's order unless a number is taken (by a module
    /// outside the conflict, by one before, or by a slot kept for another module), which then
    /// becomes the lowest number nobody asks for. Only modules whose value changes are rewritten.
    void assign_indexes() {
        std::vector<std::string> involved;  // in the order kmod reads their lines
        std::map<int, std::string> reserved;
        for (const auto& issue : m_review.issues) {
            if (issue.kind != AliasProblem::index_taken && issue.kind != AliasProblem::slot_taken &&
                issue.kind != AliasProblem::bad_index)
                continue;
            if (issue.kind == AliasProblem::slot_taken)
                reserved[issue.index] = issue.reserved_for;
            for (const auto* entry : issue.entries)
                if (std::find(involved.begin(), involved.end(), entry->module) == involved.end())
                    involved.push_back(entry->module);
        }
        if (involved.empty())
            return;
        std::stable_partition(involved.begin(), involved.end(), is_virtual_module);

        std::set<int> taken;
        for (const auto& [index, claims] : m_review.claims)
            for (const auto& claim : claims)
                if (std::find(involved.begin(), involved.end(), claim.module) == involved.end())
                    taken.insert(index);
        auto free_for = [&](const std::string& module, int index) {
            auto slot = reserved.find(index);
            return taken.count(index) == 0 && (slot == reserved.end() || slot->second == module);
        };
        auto lowest_unclaimed = [&](const std::string& module) {
            int index = 0;
            while (!free_for(module, index) || m_review.claims.count(index) > 0)
                ++index;
            return index;
        };

        for (const auto& module : involved) {
            auto items = index_items(module);
            std::string before;
            for (const auto& item : items)
                before += (before.empty() ? "" : ",") + item;
            std::string after;
            if (is_virtual_module(module)) {
                after = "-2";
            } else {
                for (std::size_t i = 0; i < items.size(); ++i) {
                    const std::string& item = items[i];
                    std::string chosen = item;
                    auto number = parse_int(item);
                    if (!item.empty() && !number) {
                        chosen = "-1";  // the kernel's default: the first free slot
                    } else if (number && *number >= 0) {
                        int index = static_cast<int>(*number);
                        if (!free_for(module, index))
                            index = lowest_unclaimed(module);
                        taken.insert(index);
                        chosen = std::to_string(index);
                    }
                    after += (i == 0 ? "" : ",") + chosen;
                }
            }
            if (after == before)
                continue;
            sndoctor_conf::set_index(m_builder, m_config, module, after,
                                     "index=" + after + " instead of index=" + before,
                                     [this](const ModprobeEntry& entry, const ModuleParam& param) {
                                         return is_unknown(entry, param);
                                     });
            m_reload = true;
        }
    }

    const ModprobeConfig& m_config;
    AliasReview m_review;
    PlanBuilder& m_builder;
    std::map<const ModprobeEntry*, std::set<std::string>> m_unknown;
    bool m_reload = false;
};

void plan(Facts& facts, const Result&, PlanBuilder& builder) {
    Repair(facts, builder).plan();
}

}  // namespace

const FixDefinition write_sndoctor_conf = {
    .id = "modprobe.write-sndoctor-conf",
    .check_id = "modprobe.card-aliases",
    .title =
        "Write /etc/modprobe.d/50-sndoctor.conf with one index per sound driver and comment "
        "out the conflicting lines",
    .needs_root = true,
    .plan = plan,
};

}  // namespace sndoctor::fixes
