#include <unistd.h>

#include <csignal>

#include "cli/assistant_system.hpp"
#include "cli/commands.hpp"
#include "tui/app_model.hpp"
#include "tui/curses_screen.hpp"
#include "tui/render.hpp"
#include "tui/sound_monitor.hpp"

namespace sndoctor::cli {

namespace {

volatile std::sig_atomic_t g_stop = 0;

/// Ctrl-C, a closed terminal (SIGHUP) or SIGTERM end the loop instead of the process, so that
/// curses gives the terminal back and the demo's copy is removed.
void stop_on_signals() {
    struct sigaction action {};
    action.sa_handler = [](int) { g_stop = 1; };
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: the wait for a key returns at once
    for (int signal : {SIGINT, SIGTERM, SIGHUP})
        sigaction(signal, &action, nullptr);
}

void draw(const ui::AppModel& model, ui::CursesScreen& screen) {
    ui::Canvas canvas(screen.width(), screen.height());
    ui::render(model, canvas, {screen.utf8()});
    screen.draw(canvas);
}

}  // namespace

int run_assistant(const Options& options) {
    // Without a terminal (a pipe, a script) there is no one to press keys: the table it always
    // printed is what such a caller wants.
    if (!::isatty(STDIN_FILENO) || !::isatty(STDOUT_FILENO))
        return run_check(options);
    AssistantSystem system = open_assistant_system(options);
    stop_on_signals();
    ui::CursesScreen screen(options.no_color ? ui::Colours::never : ui::Colours::automatic);
    ui::AppModel model(system.workspace);
    // Cards come and go on this machine only: a directory, a report or the demo never change
    // under the assistant but through its own fixes.
    if (system.workspace.source == RootSource::live && !system.workspace.demo)
        model.watch(ui::open_udev_sound_monitor());
    model.resize(screen.width(), screen.height());
    draw(model, screen);
    while (g_stop == 0) {
        // While the checks run, wake up often enough to move the progress bar.
        ui::Input input = screen.read(model.checking() ? 30 : 500, model.monitor_fd());
        ui::Reaction reaction = model.poll();
        if (input.kind == ui::Input::Kind::watched) {
            if (model.on_monitor_ready() == ui::Reaction::redraw)
                reaction = ui::Reaction::redraw;
        } else if (input.kind == ui::Input::Kind::resize) {
            model.resize(screen.width(), screen.height());
            reaction = ui::Reaction::redraw;
        } else if (input.kind == ui::Input::Kind::key) {
            ui::Reaction handled = model.handle(input.key);
            if (handled == ui::Reaction::quit)
                break;
            if (handled == ui::Reaction::work_after_draw) {
                draw(model, screen);
                model.do_pending_work();
                handled = ui::Reaction::redraw;
            }
            if (handled == ui::Reaction::run_as_root) {
                screen.suspend();
                model.run_root_request();
                screen.resume();
                model.resize(screen.width(), screen.height());
                handled = ui::Reaction::redraw;
            }
            if (handled == ui::Reaction::redraw)
                reaction = handled;
        }
        if (reaction == ui::Reaction::redraw)
            draw(model, screen);
    }
    return 0;
}

}  // namespace sndoctor::cli
