#include "checks/firmware_hint.hpp"

#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"

namespace sndoctor::checks {

namespace {

/// ID and ID_LIKE of os-release(5), the words a distribution uses to name itself and its
/// parents ("ubuntu", "debian").
std::vector<std::string> distribution_ids(const Root& root) {
    std::vector<std::string> ids;
    for (const char* path : {"/etc/os-release", "/usr/lib/os-release"}) {
        std::optional<std::string> text;
        try {
            text = root.read(path, 64 * 1024);
        } catch (const InputError&) {
            continue;  // unreadable: the hint falls back to naming every distribution
        }
        if (!text)
            continue;
        for (const auto& line : split_lines(*text)) {
            std::string_view entry = trim(line.text);
            for (std::string_view key : {"ID=", "ID_LIKE="}) {
                if (!entry.starts_with(key))
                    continue;
                std::string_view value = entry.substr(key.size());
                if (value.size() >= 2 && (value.front() == '"' || value.front() == '\''))
                    value = value.substr(1, value.size() - 2);
                for (auto word : split_words(value))
                    ids.emplace_back(word);
            }
        }
        break;
    }
    return ids;
}

bool is(const std::vector<std::string>& ids, std::string_view name) {
    for (const auto& id : ids)
        if (id == name)
            return true;
    return false;
}

}  // namespace

std::string sof_package_hint(const Root& root) {
    auto ids = distribution_ids(root);
    // Order matters: Ubuntu says ID_LIKE=debian, Manjaro ID_LIKE=arch.
    if (is(ids, "debian") || is(ids, "ubuntu"))
        return "install the package firmware-sof-signed (sudo apt install firmware-sof-signed)";
    if (is(ids, "arch"))
        return "install the package sof-firmware (sudo pacman -S sof-firmware)";
    if (is(ids, "fedora") || is(ids, "rhel") || is(ids, "centos"))
        return "install the package alsa-sof-firmware (sudo dnf install alsa-sof-firmware)";
    if (is(ids, "gentoo"))
        return "install sys-firmware/sof-firmware (sudo emerge sys-firmware/sof-firmware)";
    if (is(ids, "suse") || is(ids, "opensuse"))
        return "install the package sof-firmware (sudo zypper install sof-firmware)";
    return "install the SOF firmware package (Debian, Ubuntu: firmware-sof-signed; Arch, "
           "openSUSE: sof-firmware; Fedora: alsa-sof-firmware; Gentoo: sys-firmware/sof-firmware), "
           "or the release files from github.com/thesofproject/sof-bin";
}

std::string linux_firmware_hint(const Root& root) {
    auto ids = distribution_ids(root);
    if (is(ids, "ubuntu"))
        return "update the package linux-firmware (sudo apt install linux-firmware)";
    if (is(ids, "debian"))
        return "update the non-free firmware packages (firmware-cirrus for Cirrus amplifiers, "
               "firmware-misc-nonfree for TI and Awinic ones; Debian's non-free-firmware "
               "component) or take the files from linux-firmware's git";
    if (is(ids, "arch"))
        return "update linux-firmware (sudo pacman -Syu linux-firmware)";
    if (is(ids, "fedora") || is(ids, "rhel") || is(ids, "centos"))
        return "update the firmware packages (sudo dnf upgrade linux-firmware "
               "cirrus-audio-firmware)";
    if (is(ids, "gentoo"))
        return "update sys-kernel/linux-firmware (sudo emerge -u sys-kernel/linux-firmware)";
    return "update linux-firmware (your distribution's package, or the files from "
           "git.kernel.org/pub/scm/linux/kernel/git/firmware/linux-firmware.git)";
}

}  // namespace sndoctor::checks
