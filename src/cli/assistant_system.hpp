#pragma once

#include <filesystem>
#include <future>
#include <memory>

#include "cli/options.hpp"
#include "tui/workspace.hpp"

namespace sndoctor::cli {

/// A directory that exists as long as this object does: where the assistant copies the demo,
/// so that fixes and undo change the copy and never the installed demo.
class TemporaryDirectory {
  public:
    TemporaryDirectory();
    ~TemporaryDirectory();
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    const std::filesystem::path& path() const { return m_path; }

  private:
    std::filesystem::path m_path;
};

/// The system the assistant opens, chosen as `sndoctor check` chooses it but with the demo
/// fallback, and the workspace the model works through.
struct AssistantSystem {
    AssistantSystem() = default;
    AssistantSystem(AssistantSystem&&) = default;
    /// Waits for the demo's copy to end before its directory goes.
    ~AssistantSystem();

    /// Holds the demo's copy while the assistant runs; empty for any other system.
    std::unique_ptr<TemporaryDirectory> demo_copy;
    /// Ready when the copy is whole; until then the checks read the installed demo (the same
    /// files), and whatever writes waits for it.
    std::shared_future<void> demo_copied;
    ui::Workspace workspace;
};

/// Opens it; the demo (asked for, or because this machine has no sound card) is copied in the
/// background, so that the first screen does not wait for a few hundred file writes.
/// Throws InputError when the root cannot be opened.
AssistantSystem open_assistant_system(const Options& options);

}  // namespace sndoctor::cli
