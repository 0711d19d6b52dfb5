#include "report/section_files.hpp"

#include <array>

namespace sndoctor::report {

namespace {

constexpr std::array k_shared_sections = {
    SectionFiles{k_soundwire_title, SectionMapping::verbatim, k_soundwire_path},
    SectionFiles{k_kernel_information_title, SectionMapping::kernel_release,
                 "/proc/sys/kernel/osrelease"},
    SectionFiles{k_alsa_version_title, SectionMapping::driver_version, "/proc/asound/version"},
    SectionFiles{k_card_modules_title, SectionMapping::card_modules, "/proc/asound/modules"},
    SectionFiles{k_cards_title, SectionMapping::verbatim, "/proc/asound/cards"},
    SectionFiles{k_modprobe_title, SectionMapping::modprobe_options, k_modprobe_conf_path},
    SectionFiles{k_module_options_title, SectionMapping::module_parameters,
                 "/sys/module/<mod>/parameters"},
    SectionFiles{k_codecs_title, SectionMapping::codec_dumps, "/proc/asound/card<N>/codec#<M>"},
    SectionFiles{k_usb_descriptors_title, SectionMapping::verbatim, k_usb_descriptors_path},
    SectionFiles{k_device_nodes_title, SectionMapping::verbatim, k_device_nodes_path},
    SectionFiles{k_aplay_title, SectionMapping::verbatim, k_aplay_path},
    SectionFiles{k_amixer_title, SectionMapping::amixer_per_card, k_amixer_dir},
    SectionFiles{k_alsactl_title, SectionMapping::verbatim, k_alsactl_path},
    SectionFiles{k_all_modules_title, SectionMapping::module_names, "/proc/modules"},
    SectionFiles{k_sysfs_files_title, SectionMapping::path_headed_files,
                 "/sys/class/sound/hwC<N>D<M>"},
    SectionFiles{k_dmesg_title, SectionMapping::verbatim, k_dmesg_path},
    SectionFiles{k_packages_title, SectionMapping::verbatim, k_packages_path},
};

}  // namespace

std::span<const SectionFiles> shared_sections() {
    return k_shared_sections;
}

const SectionFiles* find_section_files(std::string_view title) {
    for (const auto& row : k_shared_sections)
        if (row.title == title)
            return &row;
    return nullptr;
}

}  // namespace sndoctor::report
