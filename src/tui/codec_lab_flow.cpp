// The codec lab as model actions: its page over the checks screen, the keys that move on it and
// send verbs, and "make persistent", which hands the experiment to the same plan page, apply,
// journal and undo as every fix.
#include "checks/checks.hpp"
#include "engine/runner.hpp"
#include "facts/facts.hpp"
#include "fixes/hda_patch.hpp"
#include "fixes/selection.hpp"
#include "tui/app_model.hpp"
#include "tui/codec_lab.hpp"
#include "tui/pending_fix.hpp"
#include "tui/screen_layout.hpp"

namespace sndoctor::ui {

void AppModel::open_codec_lab() {
    try {
        m_codec_lab = std::make_unique<CodecLab>(m_workspace);
    } catch (const std::exception& e) {
        show_error("Codec lab", e.what());
        return;
    }
    push({PageKind::codec_lab, {}, {}, {}, 0});
    show_codec_lab();
}

void AppModel::show_codec_lab() {
    Page& page = m_pages.back();
    const CodecLab& lab = *m_codec_lab;
    page.title = lab.title();
    page.lines = lab.lines();
    page.footer = lab.open_codec() == nullptr
                      ? "arrows move | Enter opens the codec | q Esc closes"
                      : "arrows move | m d v GPIO mask dir data | e EAPD | p make persistent | "
                        "q Esc back";
    // The cursor's line in sight: the wrapped rows before it decide where it is drawn.
    std::vector<PageLine> before(page.lines.begin(), page.lines.begin() + lab.cursor_line());
    int row = static_cast<int>(wrapped_rows(before, m_width).size());
    int height = layout_page(m_height).text_height;
    if (row < page.scroll)
        page.scroll = row;
    else if (row >= page.scroll + height)
        page.scroll = row - height + 1;
    scroll_page(page, 0);
    if (!lab.status().empty())
        m_status = lab.status();
}

Reaction AppModel::handle_codec_lab_key(const Key& key) {
    CodecLab& lab = *m_codec_lab;
    int step = std::max(layout_page(m_height).text_height - 1, 1);
    switch (key.code) {
        case KeyCode::up:
            lab.move_cursor(-1);
            break;
        case KeyCode::down:
            lab.move_cursor(1);
            break;
        case KeyCode::page_up:
            scroll_page(m_pages.back(), -step);
            return Reaction::redraw;
        case KeyCode::page_down:
            scroll_page(m_pages.back(), step);
            return Reaction::redraw;
        case KeyCode::home:
            lab.move_cursor(-1000000);
            break;
        case KeyCode::end:
            lab.move_cursor(1000000);
            break;
        case KeyCode::enter:
            if (lab.open_codec() == nullptr)
                lab.open_selected();
            break;
        case KeyCode::escape:
        case KeyCode::backspace:
            if (lab.open_codec() == nullptr) {
                m_pages.pop_back();
                m_codec_lab.reset();
                return Reaction::redraw;
            }
            lab.close();
            break;
        case KeyCode::character:
            if (key.is(U'k')) {
                lab.move_cursor(-1);
            } else if (key.is(U'j')) {
                lab.move_cursor(1);
            } else if (key.is(U'q')) {
                return handle_codec_lab_key({KeyCode::escape});
            } else if (lab.open_codec() == nullptr) {
                return Reaction::none;
            } else if (key.is(U'm')) {
                lab.toggle_gpio(GpioBit::mask);
            } else if (key.is(U'd')) {
                lab.toggle_gpio(GpioBit::direction);
            } else if (key.is(U'v')) {
                lab.toggle_gpio(GpioBit::data);
            } else if (key.is(U'e')) {
                lab.toggle_eapd();
            } else if (key.is(U'p')) {
                persist_codec_lab();
                return Reaction::redraw;
            } else {
                return Reaction::none;
            }
            break;
        default:
            return Reaction::none;
    }
    show_codec_lab();
    return Reaction::redraw;
}

void AppModel::persist_codec_lab() {
    const LabCodec* codec = m_codec_lab->open_codec();
    if (!m_workspace.open_disk) {
        m_status = "A report is not a system: nothing can be made persistent here.";
        return;
    }
    hda::SessionChanges changes = m_codec_lab->changes();
    if (changes.empty()) {
        m_status =
            "Nothing to make persistent: no pin, GPIO or EAPD change the codec took is in the "
            "log.";
        return;
    }
    std::string title = "Make persistent: card " + std::to_string(codec->card) + " codec " +
                        std::to_string(codec->codec.address);
    try {
        // The disk first, as for a fix: the demo's copy must be whole before it is planned on.
        auto disk = m_workspace.open_disk();
        auto pending = std::make_unique<PendingFix>();
        pending->check_id = "hda.persist";
        pending->root = m_workspace.open_root();
        pending->facts = std::make_unique<Facts>(*pending->root, m_workspace.environment());
        pending->results = run_checks(checks::registry(), *pending->facts);
        // The same plan as `sndoctor hda persist`.
        Plan plan;
        plan.fix_id = "hda.persist";
        plan.check_id = "hda";
        plan.title = "Make the codec changes stick at boot";
        PlanBuilder builder(*pending->root, plan);
        fixes::hda_patch::plan_persist(*pending->facts, codec->card, changes, builder);
        pending->plans.push_back(std::move(plan));
        pending->verify_ids = fixes::checks_to_verify(pending->plans, pending->results);
        offer_plans(std::move(pending), {}, title, m_codec_lab->hda_command("persist --yes"),
                    *disk);
    } catch (const std::exception& e) {
        show_error(title, e.what());
    }
}

}  // namespace sndoctor::ui
