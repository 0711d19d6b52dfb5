#pragma once

#include <string>
#include <vector>

#include "cli/terminal.hpp"
#include "core/root.hpp"
#include "engine/result.hpp"

namespace sndoctor::cli {

/// What the views say about where the results came from.
struct RunHeader {
    std::string root;  ///< "/" or the directory
    RootSource source = RootSource::live;
    bool demo = false;
};

enum class Detail { summary, verbose };

/// The check table: one line per check in check order; evidence, explanation hints and fixes under
/// every result that did not pass when `detail` is verbose; a closing line with the counts.
std::string render_table(const RunHeader& header, const std::vector<Result>& results,
                         const TextStyle& style, Detail detail);

/// The JSON document of DESIGN.md, schema "sndoctor.check/1".
std::string render_json(const RunHeader& header, const std::vector<Result>& results);

}  // namespace sndoctor::cli
