#include "tui/background_checks.hpp"

#include "checks/checks.hpp"
#include "engine/runner.hpp"
#include "facts/facts.hpp"

namespace sndoctor::ui {

BackgroundChecks::~BackgroundChecks() {
    wait();
}

void BackgroundChecks::wait() {
    if (m_thread.joinable())
        m_thread.join();
}

void BackgroundChecks::start(const Workspace& workspace) {
    wait();
    {
        std::lock_guard lock(m_mutex);
        m_progress = {{}, false, {}, m_progress.generation + 1};
    }
    m_thread = std::thread([this, &workspace] {
        std::string failure;
        try {
            auto root = workspace.open_root();
            Facts facts(*root, workspace.environment());
            run_checks(checks::registry(), facts, {}, [this](const Result& result) {
                std::lock_guard lock(m_mutex);
                m_progress.results.push_back(result);
            });
        } catch (const std::exception& e) {
            failure = e.what();
        }
        std::lock_guard lock(m_mutex);
        m_progress.finished = true;
        m_progress.failure = failure;
    });
}

BackgroundChecks::Progress BackgroundChecks::progress() const {
    std::lock_guard lock(m_mutex);
    return m_progress;
}

}  // namespace sndoctor::ui
