#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sndoctor::testing {

/// Every file of the corpus of real codec dumps and alsa-info reports ($SNDOCTOR_CORPUS/hda-emu,
/// ../shared/corpus beside the project), sorted by name. Throws std::runtime_error saying where
/// the corpus must be when it is missing: a corpus test never passes on no files.
std::vector<std::filesystem::path> corpus_files();

/// Whether a corpus file is an alsa-info report (its header, or the upload line of the oldest
/// scripts) rather than a bare codec dump.
bool is_report(const std::string& text);

}  // namespace sndoctor::testing
