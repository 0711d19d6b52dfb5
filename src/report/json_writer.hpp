#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "report/report.hpp"

namespace sndoctor::report {

/// The report as JSON, schema "sndoctor.report/1":
///
///     {"schema": "sndoctor.report/1", "tool_version": "...", "script_version": "sndoctor ...",
///      "root": "/", "source": "live|dir|report", "demo": false,
///      "sections": [{"title": "...", "type": "cards|card_modules|modprobe_options|
///                    module_parameters|codecs|text", "text": "...", <typed data>,
///                    "subsections": [{"title": "...", "text": "..."}]}],
///      "problems": [{"path": "...", "line": 0, "reason": "..."}],
///      "checks": [...], "counts": {...}}
///
/// Every section keeps its raw text; the ones sndoctor understands carry typed data beside it:
/// "cards" (Soundcards recognised by ALSA), "modules" (Loaded ALSA modules; Loaded sound
/// module options with their parameters), "options" (Modprobe options) and "codecs" (the
/// codec dumps as the HDA core parses them). `checks` and `counts` are those of `check --json`
/// ("sndoctor.check/1"): they are taken from `check_document`, that view's own output, so the
/// two never differ, and so are root, source and demo.
std::string write_json(const Report& report, const nlohmann::ordered_json& check_document);

}  // namespace sndoctor::report
