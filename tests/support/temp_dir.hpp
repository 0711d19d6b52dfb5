#pragma once

#include <filesystem>
#include <string>

namespace sndoctor::testing {

/// A private temporary directory, removed with everything in it when the object goes.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    /// Writes `content` to `relative` (parents created) and returns the full path.
    std::filesystem::path write(const std::string& relative, const std::string& content) const;

  private:
    std::filesystem::path m_path;
};

/// An environment variable the test suite's meson definition sets; fails the test when absent.
std::string required_env(const char* name);

}  // namespace sndoctor::testing
