#pragma once

#include <filesystem>
#include <string>

#include "tui/app_model.hpp"
#include "tui/workspace.hpp"

namespace sndoctor::testing {

/// How a test's workspace may write: as root would, or like a user who may not.
enum class Privileges { writable, read_only };

/// A workspace over the tree `root` (a private copy the test made): the checks look at `user`
/// at a fixed time, fixes write through the tree's disk (or a disk that refuses every write),
/// the sudo command names the tree, and the report is written into `report_dir`.
ui::Workspace workspace_for(const std::filesystem::path& root, const std::string& user,
                            Privileges privileges = Privileges::writable,
                            const std::filesystem::path& report_dir = {});

/// Moves the selection to the check `id` with the arrow keys; false when it is not in the list.
bool select(ui::AppModel& model, const std::string& id);

/// Presses each character of `keys` in turn.
void type(ui::AppModel& model, const std::string& keys);

/// A page's lines as text, one per line.
std::string page_text(const ui::Page& page);

/// The model's screen drawn on a canvas of its size, as text.
std::string screen(const ui::AppModel& model, bool utf8 = true);

}  // namespace sndoctor::testing
