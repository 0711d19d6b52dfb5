#pragma once

#include <string>
#include <vector>

#include "engine/result.hpp"
#include "tui/canvas.hpp"

namespace sndoctor::ui {

/// One line of a page's text, wrapped to the screen when drawn.
struct PageLine {
    std::string text;
    Role role = Role::normal;
    bool bold = false;
    /// Where continuation rows start when the line wraps (a key's description, a list item's
    /// text); 0: under the line's own first character.
    int hang = 0;
};

/// The screens that open over the checks screen, as a stack (the codec lab and the guided path
/// will be kinds of their own).
enum class PageKind {
    detail,          ///< one check: explanation, evidence, fixes
    fix_plan,        ///< a fix's preview: y applies, any other key cancels
    message,         ///< what an action did (applied, undone, report written, an error)
    history,         ///< the journal
    help,            ///< the keys
    codec_lab,       ///< the codec lab (codec_lab.hpp): its codecs, or one codec's pins and GPIO
    guided_step,     ///< the guided path: one wrong check, its fix offered (f y), n skips
    guided_summary,  ///< the guided path's end: fixed, skipped, still wrong; e exports
};

struct Page {
    PageKind kind = PageKind::message;
    std::string title;
    std::vector<PageLine> lines;
    std::string footer;  ///< the keys this page takes
    int scroll = 0;      ///< first wrapped row shown
    /// What the page offers to run as root through sudo with s ("fix ID --yes"), when the
    /// user's own privileges cannot do it; empty otherwise.
    std::string root_command;
};

/// The role a status is drawn in.
Role role_for(Status status);

/// The page's lines wrapped to `width` columns, each keeping its line's look.
std::vector<PageLine> wrapped_rows(const std::vector<PageLine>& lines, int width);

}  // namespace sndoctor::ui
