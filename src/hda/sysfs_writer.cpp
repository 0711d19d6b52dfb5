#include "hda/sysfs_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/unique_fd.hpp"

namespace sndoctor::hda {

namespace {

class RootSysfsWriter : public SysfsWriter {
  public:
    explicit RootSysfsWriter(const Root& root) : m_root(root) {}

    void write(const std::string& path, const std::string& text) override {
        auto host = m_root.host_path(path);
        if (!host)
            throw SysfsWriteError(path, ENOENT, explain_sysfs_errno(ENOENT));
        UniqueFd fd(::open(host->c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY));
        if (!fd) {
            int error = errno;
            throw SysfsWriteError(path, error, explain_sysfs_errno(error));
        }
        ssize_t written = ::write(fd.get(), text.data(), text.size());
        if (written < 0) {
            int error = errno;
            throw SysfsWriteError(path, error, explain_sysfs_errno(error));
        }
        // A store function takes the whole buffer or fails; a short count would mean the entry
        // was cut, which no attribute of a codec does.
        if (static_cast<std::size_t>(written) != text.size())
            throw SysfsWriteError(path, EIO,
                                  "took " + std::to_string(written) + " of " +
                                      std::to_string(text.size()) + " bytes of the entry");
    }

    bool can_write(const std::string& path) const override {
        auto host = m_root.host_path(path);
        // The effective ids decide, as they do for open(); sudo runs with both as root.
        return host && ::faccessat(AT_FDCWD, host->c_str(), W_OK, AT_EACCESS) == 0;
    }

  private:
    const Root& m_root;
};

}  // namespace

std::string explain_sysfs_errno(int error_number) {
    switch (error_number) {
        case EBUSY:
            return "device or resource busy: the kernel reconfigures a codec only when no "
                   "program has its card open";
        case EACCES:
        case EPERM:
            return "permission denied: only root may write the codec's sysfs attributes";
        case ENOENT:
            return "no such attribute: the kernel was built without CONFIG_SND_HDA_RECONFIG, "
                   "or the codec is gone";
        case EINVAL:
            return "the kernel did not take the entry (invalid argument)";
        default:
            return std::strerror(error_number);
    }
}

std::unique_ptr<SysfsWriter> open_sysfs_writer(const Root& root) {
    return std::make_unique<RootSysfsWriter>(root);
}

}  // namespace sndoctor::hda
