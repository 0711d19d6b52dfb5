#pragma once

#include <stdexcept>
#include <string>

namespace sndoctor {

/// An input the program could not use: an unreadable, oversized or malformed file.
/// It carries the path as seen inside the root, what was wrong, and (optionally) the line, so
/// that the check which met it can report `error` with evidence that names the file.
class InputError : public std::runtime_error {
  public:
    InputError(std::string path, std::string reason, int line = 0)
        : std::runtime_error(path + (line > 0 ? ":" + std::to_string(line) : "") + ": " + reason),
          m_path(std::move(path)),
          m_reason(std::move(reason)),
          m_line(line) {}

    const std::string& path() const { return m_path; }
    const std::string& reason() const { return m_reason; }
    int line() const { return m_line; }

  private:
    std::string m_path;
    std::string m_reason;
    int m_line;
};

/// A problem found while parsing that did not stop the parse: the parser kept going and the
/// check decides whether it matters (usually a `warn` naming the file and line).
struct ParseProblem {
    std::string path;
    int line = 0;
    std::string reason;
};

}  // namespace sndoctor
