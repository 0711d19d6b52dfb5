#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/root.hpp"
#include "engine/result.hpp"

namespace sndoctor {

class Facts;

/// When a kernel was built, read from its build string (`uname -v`, UTS_VERSION). The string
/// holds whatever `date` printed on the build machine, or a distribution's own stamp:
///   "#1 SMP PREEMPT_DYNAMIC Tue May 14 10:12:03 CEST 2024"   (date(1), a zone name)
///   "#2 SMP PREEMPT Thu, 01 Feb 2024 12:34:56 +0000"         (RFC 2822, a numeric offset)
///   "#1 SMP PREEMPT_DYNAMIC Debian 6.1.90-1 (2024-05-03)"    (a date only)
/// A zone name that is unknown or ambiguous (CST, IST) widens the window to every zone on earth.
struct BuildTime {
    enum class Precision { date, local_time, zoned_time };

    Precision precision = Precision::date;
    std::int64_t earliest = 0;  ///< seconds since the epoch (UTC): the build was not before this
    std::int64_t latest = 0;    ///< ... and not after this
    std::string text;           ///< the words that gave the time ("Tue May 14 10:12:03 CEST 2024")
};

/// Finds the build time in a build string; nullopt when it holds none of the known forms.
std::optional<BuildTime> parse_build_time(std::string_view build_string);

/// A kernel image on disk: a tree's arch/*/boot/bzImage or a /boot/vmlinuz-*.
struct KernelImage {
    std::string path;        ///< in-root path
    std::int64_t mtime = 0;  ///< when it was written (seconds since the epoch)
};

/// One kernel source tree (/usr/src/linux, /usr/src/linux-6.6.30-gentoo, ...).
struct SourceTree {
    std::string path;  ///< in-root path the tree was read through ("/usr/src/linux")
    /// include/config/kernel.release: written by the first `make` (prepare). Absent → the tree
    /// was never built.
    std::optional<std::string> release;
    Evidence release_evidence;
    /// UTS_VERSION ("#1 SMP PREEMPT_DYNAMIC Tue May 14 ..."), from include/generated/utsversion.h
    /// (Linux 6.1 and later) or include/generated/compile.h (older trees).
    std::optional<std::string> uts_version;
    Evidence uts_version_evidence;
    std::optional<KernelImage> image;    ///< the newest arch/*/boot image (bzImage, Image, ...)
    std::vector<ParseProblem> problems;  ///< files of the tree that could not be used

    bool built() const { return release.has_value(); }
};

/// A boot loader configuration and the kernel images it names ("vmlinuz-6.6.30-gentoo").
struct BootLoaderConfig {
    std::string path;
    std::vector<std::string> images;

    /// Whether it names the image of a release ("vmlinuz-6.6.32-gentoo" for 6.6.32-gentoo).
    bool names_release(std::string_view release) const;
};

/// What /boot holds and whether it is a separate, mounted file system: where a freshly built
/// kernel has to go before a reboot can run it.
struct BootState {
    std::vector<KernelImage> images;  ///< /boot/vmlinuz-*, vmlinux-*, kernel-* by name
    /// The /etc/fstab line that mounts /boot, when /boot is a separate file system.
    std::optional<Evidence> fstab_line;
    bool fstab_noauto = false;  ///< that line says `noauto` (the Gentoo handbook's default)
    /// From /proc/mounts: whether /boot is mounted now; nullopt when the root does not say.
    std::optional<bool> mounted;
    std::vector<BootLoaderConfig> loaders;  ///< the configurations found (grub, systemd-boot, ...)

    /// The /boot image installed for a release ("vmlinuz-<release>", "kernel-<release>", ...).
    const KernelImage* image_for(std::string_view release) const;
};

/// The kernel sources under /usr/src and the kernels in /boot (Gentoo's "uname -a against
/// ls -l /usr/src/linux" made exact).
struct KernelTree {
    static constexpr const char* k_link_path = "/usr/src/linux";

    /// What /usr/src/linux is.
    enum class Link { missing, symlink, dangling, directory, other };

    Link link = Link::missing;
    std::string link_target;  ///< the link's text as written ("linux-6.6.30-gentoo")
    std::string
        target_path;  ///< where it points, as an in-root path ("/usr/src/linux-6.6.30-gentoo")
    std::optional<SourceTree> current;  ///< the tree behind /usr/src/linux, read through the link
    std::vector<SourceTree> others;     ///< every other directory under /usr/src, by name
    BootState boot;

    /// The built trees under /usr/src, other than the one /usr/src/linux points to, whose
    /// kernel.release is `release`.
    std::vector<const SourceTree*> trees_for(std::string_view release) const;

    static KernelTree load(Facts& facts);
    /// include/config/kernel.release: one word. Throws InputError for binary, empty or
    /// several-word content.
    static std::string parse_kernel_release(const std::string& path, std::string_view text);
    /// The UTS_VERSION define of compile.h or utsversion.h: its string and the line for
    /// evidence; nullopt when the file has no such define. Throws InputError for binary data or
    /// a define that is not a complete string (a file cut short).
    struct UtsVersion {
        std::string value;
        Evidence evidence;
    };
    static std::optional<UtsVersion> parse_uts_version(const std::string& path,
                                                       std::string_view text);
    /// The kernel images a boot loader configuration names.
    static std::vector<std::string> parse_loader_images(std::string_view text);
};

}  // namespace sndoctor
