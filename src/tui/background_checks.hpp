#pragma once

#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/result.hpp"
#include "tui/workspace.hpp"

namespace sndoctor::ui {

/// Runs every check on a thread of its own so that the screen stays usable while they run
/// (a live system's module trees take a while); each result is published as soon as it is known.
class BackgroundChecks {
  public:
    struct Progress {
        std::vector<Result> results;  ///< in check order, as far as the run got
        bool finished = false;
        std::string failure;  ///< why the run stopped early (the root could not be opened)
        int generation = 0;   ///< counts the runs started, so a reader sees a new run began
    };

    BackgroundChecks() = default;
    BackgroundChecks(const BackgroundChecks&) = delete;
    BackgroundChecks& operator=(const BackgroundChecks&) = delete;
    ~BackgroundChecks();

    /// Starts a run over a fresh view of the workspace; a run still going is waited for first
    /// (the checks are quick, and two runs must not publish into one list).
    void start(const Workspace& workspace);
    /// Waits for the current run to end.
    void wait();
    Progress progress() const;

  private:
    mutable std::mutex m_mutex;
    Progress m_progress;
    std::thread m_thread;
};

}  // namespace sndoctor::ui
