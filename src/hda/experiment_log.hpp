#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "engine/disk.hpp"
#include "hda/backend.hpp"

/// The experiment log: every verb sent to a codec, live or emulated, one JSON object per line,
/// with its response, the time, and for SET verbs the value read back just before. `hda
/// persist` turns the GPIO, EAPD and pin writes in it into a boot patch, and an emulated session
/// replays it onto the dump to continue where the last command stopped.
namespace sndoctor::hda {

/// Where a live codec's log lives inside the root: one file per card and codec address.
std::string live_log_path(int card, int codec_address);

struct ExperimentEntry {
    std::int64_t time = 0;  ///< seconds since the epoch
    int codec = 0;          ///< the codec address
    Verb verb;
    /// What the codec answered (k_no_response when it refused or did not answer); nullopt when
    /// the verb could not be sent at all (then `error` says why).
    std::optional<std::uint32_t> response;
    /// SET verbs: what the matching GET (readback_verb) read just before the write.
    std::optional<std::uint32_t> before;
    std::string error;

    bool operator==(const ExperimentEntry&) const = default;
};

/// One line of the log, without the newline:
/// {"time":1700000000,"codec":0,"nid":1,"verb":1813,"payload":1,"name":"SET_GPIO_DATA",
///  "response":0,"before":0}. Numbers are plain JSON numbers; `name` is for people reading it.
std::string to_json_line(const ExperimentEntry& entry);

/// Reads one line back; nullopt with the reason in `why` when it is not an entry (not JSON, a
/// field missing or of the wrong type, a verb out of range).
std::optional<ExperimentEntry> parse_json_line(std::string_view line, std::string& why);

class ExperimentLog {
  public:
    /// A log kept in this process only.
    ExperimentLog() = default;
    /// The log in `path` (inside the disk's root). What is there is read first; a line that
    /// cannot be read is reported in problems() and kept in the file as it is. Each entry
    /// appended is written at once (the whole file replaced atomically, so a crash leaves the
    /// old or the new log, never half a line); missing directories are made on the first one.
    ExperimentLog(Disk& disk, std::string path);

    /// Records an entry (and writes the file). Throws WriteError when the file cannot be
    /// written: an experiment whose log cannot be kept stops there.
    void append(const ExperimentEntry& entry);

    const std::vector<ExperimentEntry>& entries() const { return m_entries; }
    const std::vector<ParseProblem>& problems() const { return m_problems; }
    /// The file inside the disk's root; empty for a log kept in memory.
    const std::string& path() const { return m_path; }

  private:
    Disk* m_disk = nullptr;
    std::string m_path;
    std::string m_text;  ///< the file as it will be written: old lines kept byte for byte
    FileState m_file_state;
    std::vector<ExperimentEntry> m_entries;
    std::vector<ParseProblem> m_problems;
};

/// Sends the SET verbs of a log that the codec took (answered, not k_no_response) to a backend
/// again, in order: how an emulated codec gets back the state earlier commands left it in.
/// Returns how many verbs were replayed.
std::size_t replay(const ExperimentLog& log, Backend& backend);

/// A backend that records every verb it passes on in a log. Before a SET verb it reads the value
/// the write replaces (readback_verb); that read belongs to the same entry.
class LoggingBackend : public Backend {
  public:
    /// Seconds since the epoch, asked once per verb (tests pass a fixed clock).
    using Clock = std::function<std::int64_t()>;

    LoggingBackend(Backend& inner, ExperimentLog& log, Clock clock)
        : m_inner(inner), m_log(log), m_clock(std::move(clock)) {}

    std::uint32_t execute(const Verb& verb) override;
    std::string description() const override { return m_inner.description(); }
    int codec_address() const override { return m_inner.codec_address(); }

  private:
    Backend& m_inner;
    ExperimentLog& m_log;
    Clock m_clock;
};

}  // namespace sndoctor::hda
