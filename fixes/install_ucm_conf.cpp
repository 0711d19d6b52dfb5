// ucm.install-ucm-conf: the UCM profiles come from a package; sndoctor never runs a package
// manager, so the plan is the command for this distribution (from /etc/os-release), to run.
#include "fixes/install_ucm_conf.hpp"

#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "fixes/fixes.hpp"

namespace sndoctor::fixes {

namespace ucm_package {

namespace {

/// The package that holds ucm2/ per distribution id (os-release ID, or a word of ID_LIKE).
struct Package {
    std::string_view id;
    std::string_view command;
};
constexpr Package k_packages[] = {
    {"debian", "sudo apt-get update && sudo apt-get install alsa-ucm-conf"},
    {"ubuntu", "sudo apt-get update && sudo apt-get install alsa-ucm-conf"},
    {"fedora", "sudo dnf install alsa-ucm  (or: sudo dnf upgrade alsa-ucm alsa-lib)"},
    {"rhel", "sudo dnf install alsa-ucm"},
    {"arch", "sudo pacman -Syu alsa-ucm-conf"},
    {"opensuse", "sudo zypper install alsa-ucm-conf"},
    {"suse", "sudo zypper install alsa-ucm-conf"},
    {"gentoo", "sudo emerge --ask --update media-libs/alsa-ucm-conf"},
    {"alpine", "sudo apk add alsa-ucm-conf"},
    {"void", "sudo xbps-install -Su alsa-ucm-conf"},
};

/// The value of KEY= in os-release, without its quotes.
std::string value_of(std::string_view text, std::string_view key) {
    for (const auto& line : split_lines(text)) {
        std::string_view t = trim(line.text);
        if (!t.starts_with(key) || t.size() <= key.size() || t[key.size()] != '=')
            continue;
        std::string_view value = t.substr(key.size() + 1);
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
            value.back() == value.front())
            value = value.substr(1, value.size() - 2);
        return std::string(value);
    }
    return {};
}

}  // namespace

std::optional<std::string> install_command(std::string_view os_release_text) {
    std::vector<std::string_view> ids;
    std::string id = value_of(os_release_text, "ID");
    std::string like = value_of(os_release_text, "ID_LIKE");
    ids.push_back(id);
    for (auto word : split_words(like))
        ids.push_back(word);
    for (auto candidate : ids) {
        // "opensuse-tumbleweed", "opensuse-leap": the family is the part before the dash.
        std::string_view family = candidate.substr(0, candidate.find('-'));
        for (const auto& package : k_packages)
            if (candidate == package.id || family == package.id)
                return std::string(package.command);
    }
    return std::nullopt;
}

}  // namespace ucm_package

namespace {

void plan(Facts&, const Result&, PlanBuilder& builder) {
    const Root& root = builder.root();
    std::optional<std::string> text;
    std::string path = "/etc/os-release";
    try {
        text = root.read(path, 64 * 1024);
        if (!text) {
            path = "/usr/lib/os-release";
            text = root.read(path, 64 * 1024);
        }
    } catch (const InputError&) {
        text.reset();  // an unreadable os-release costs the distribution's command only
    }
    auto command =
        text && !looks_binary(*text) ? ucm_package::install_command(*text) : std::nullopt;
    builder.manual_step(command ? "Install or update the UCM profiles: " + *command
                                : "Install or update your distribution's alsa-ucm-conf package "
                                  "(alsa-ucm on Fedora), or copy ucm2/ from "
                                  "https://github.com/alsa-project/alsa-ucm-conf releases to "
                                  "/usr/share/alsa/ucm2");
    builder.manual_step(
        "Then restart the sound server as the desktop user (systemctl --user restart pipewire "
        "wireplumber, or pulseaudio -k) and check the profile with 'alsaucm -c hw:N dump text'.");
}

}  // namespace

const FixDefinition install_ucm_conf = {
    .id = "ucm.install-ucm-conf",
    .check_id = "ucm.profile",
    .title = "Install or update alsa-ucm-conf",
    .needs_root = false,
    .plan = plan,
};

}  // namespace sndoctor::fixes
