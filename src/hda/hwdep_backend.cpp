// The live backend: verbs go to the kernel's HD-Audio hwdep device (hda.md section 4).
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/text.hpp"
#include "core/unique_fd.hpp"
#include "hda/backend.hpp"

namespace sndoctor::hda {

namespace {

/// The kernel's struct hda_verb_ioctl: the command goes in, the response comes back.
struct VerbExchange {
    std::uint32_t verb = 0;
    std::uint32_t res = 0;
};
static_assert(sizeof(VerbExchange) == 8);

// The ioctl numbers from their definitions (hda_hwdep.h): the macros encode size and direction
// for the architecture we are built for, so no number is copied.
constexpr unsigned long k_ioctl_protocol_version = _IOR('H', 0x10, int);
constexpr unsigned long k_ioctl_verb_write = _IOWR('H', 0x11, VerbExchange);
constexpr int k_protocol_version_1_0_0 = 0x00010000;

#if defined(__x86_64__) || defined(__i386__) || defined(__aarch64__) || defined(__arm__)
// The generic _IOC layout: the values hda-analyzer hard-codes.
static_assert(k_ioctl_protocol_version == 0x80044810);
static_assert(k_ioctl_verb_write == 0xc0084811);
#endif

std::string node_description(const std::string& host_path) {
    struct stat st {};
    if (::stat(host_path.c_str(), &st) != 0)
        return {};
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", st.st_mode & 07777);
    std::string owner = std::to_string(st.st_uid);
    if (const struct passwd* pw = ::getpwuid(st.st_uid))
        owner = pw->pw_name;
    std::string group_name = std::to_string(st.st_gid);
    if (const struct group* gr = ::getgrgid(st.st_gid))
        group_name = gr->gr_name;
    return " (mode " + std::string(mode) + ", " + owner + ":" + group_name + ")";
}

class HwdepBackend : public Backend {
  public:
    HwdepBackend(UniqueFd fd, std::string shown_path, int codec_address)
        : m_fd(std::move(fd)), m_path(std::move(shown_path)), m_codec_address(codec_address) {}

    std::uint32_t execute(const Verb& verb) override {
        VerbExchange exchange;
        exchange.verb = hwdep_word(verb);
        if (::ioctl(m_fd.get(), k_ioctl_verb_write, &exchange) != 0)
            throw BackendError(BackendFailure::io,
                               m_path + ": the verb ioctl failed: " + std::strerror(errno),
                               "the device may have gone away (driver unloaded or card removed)");
        return exchange.res;
    }

    std::string description() const override { return m_path; }
    int codec_address() const override { return m_codec_address; }

  private:
    UniqueFd m_fd;
    std::string m_path;
    int m_codec_address;
};

}  // namespace

std::string hwdep_node_path(int card, int codec_address) {
    return "/dev/snd/hwC" + std::to_string(card) + "D" + std::to_string(codec_address);
}

BackendError hwdep_open_error(int error_number, const std::string& host_path,
                              const std::string& shown_path) {
    switch (error_number) {
        case ENOENT:
        case ENODEV:
        case ENXIO:
            return BackendError(
                BackendFailure::no_device, shown_path + ": no such hwdep device",
                "either the kernel was built without CONFIG_SND_HDA_HWDEP (then no "
                "/dev/snd/hwC*D* node exists at all), or there is no such card or codec "
                "(ls /dev/snd; the codec number is the 'Address:' of its codec dump)");
        case EBUSY:
            return BackendError(BackendFailure::busy,
                                shown_path + ": another program has the codec open",
                                "the hwdep device takes one user at a time; close hda-verb, "
                                "hda-analyzer or another sndoctor and try again");
        case EACCES:
        case EPERM:
            // Two gates: the node's file permissions (udev usually gives /dev/snd group audio),
            // then the driver's open (hda_hwdep_open), which answers EACCES without
            // CAP_SYS_RAWIO unless the kernel has CONFIG_SND_DEBUG_VERBOSE. The audio group can
            // only pass the first, so users are told it is not enough.
            return BackendError(BackendFailure::permission, shown_path + ": permission denied",
                                "talking to a codec needs root or CAP_SYS_RAWIO; the audio group "
                                "is not enough: it can only give access to the node's file (udev "
                                "usually makes /dev/snd/* group audio), and the kernel also wants "
                                "CAP_SYS_RAWIO to open a codec's hwdep device; the node is " +
                                    shown_path + node_description(host_path) +
                                    ". Run it again as root (sudo)");
        default:
            return BackendError(BackendFailure::io,
                                shown_path + ": cannot open it: " + std::strerror(error_number),
                                "");
    }
}

std::unique_ptr<Backend> open_hwdep(const std::string& host_path, const std::string& shown_path,
                                    int codec_address) {
    // Non-blocking: a busy exclusive device answers EBUSY at once instead of waiting.
    UniqueFd fd(::open(host_path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC));
    if (!fd)
        throw hwdep_open_error(errno, host_path, shown_path);
    int version = 0;
    if (::ioctl(fd.get(), k_ioctl_protocol_version, &version) != 0)
        throw BackendError(BackendFailure::not_hwdep,
                           shown_path +
                               " is not an HD-Audio hwdep device (the version ioctl "
                               "failed: " +
                               std::string(std::strerror(errno)) + ")",
                           "HD-Audio codecs appear as /dev/snd/hwC<card>D<codec>; check the card "
                           "and codec numbers");
    if (version < k_protocol_version_1_0_0)
        throw BackendError(BackendFailure::not_hwdep,
                           shown_path + " speaks hwdep protocol " +
                               hex(static_cast<std::uint32_t>(version), 0) +
                               ", older than the 1.0.0 this program knows",
                           "");
    return std::make_unique<HwdepBackend>(std::move(fd), shown_path, codec_address);
}

}  // namespace sndoctor::hda
