// amp.firmware: the smart amplifiers that drive many laptops' speakers (Cirrus CS35L41/CS35L56,
// TI TAS2781, Awinic AW88399) load a DSP firmware and a tuning made for the laptop, named after
// its subsystem id; without them the speakers stay silent or very quiet while headphones work
// (failure-modes.md M10). The amplifiers are found in ACPI, their files under /lib/firmware, and
// the drivers' own complaints in the kernel's log.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

#include "checks/checks.hpp"
#include "checks/firmware_hint.hpp"
#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "facts/firmware_tree.hpp"
#include "facts/kernel_log.hpp"
#include "facts/pci_devices.hpp"
#include "facts/smart_amps.hpp"

namespace sndoctor::checks {

namespace {

constexpr const char* k_acpi_dir = "/sys/bus/acpi/devices";
/// _STA bits present, enabled, shown in the UI, functioning: a device the BIOS switched on.
constexpr std::int64_t k_sta_on = 15;

struct Amp {
    const AmpHid* hid = nullptr;
    std::string name;  ///< "CSC3551:00"
    Evidence where;
};

std::vector<Amp> find_amps(const Root& root) {
    std::vector<Amp> amps;
    for (const auto& entry : root.list(k_acpi_dir)) {
        auto colon = entry.name.find(':');
        const AmpHid* hid = find_amp_hid(std::string_view(entry.name).substr(0, colon));
        if (colon == std::string::npos || !hid)
            continue;
        std::string dir = join_path(k_acpi_dir, entry.name);
        std::string status_path = dir + "/status";
        std::optional<std::string> status;
        try {
            status = root.read(status_path, 4096);
        } catch (const InputError&) {
            status.reset();
        }
        // Without _STA (no status file) ACPI counts the device as present.
        if (status) {
            auto value = parse_int(trim(*status));
            if (!value || *value != k_sta_on)
                continue;
            amps.push_back({hid,
                            entry.name,
                            {status_path, 1,
                             std::string(trim(*status)) + " (" + std::string(hid->chip) +
                                 " present and enabled)"}});
        } else {
            amps.push_back({hid, entry.name, {dir, 0, std::string(hid->chip) + " in ACPI"}});
        }
    }
    return amps;
}

/// The subsystem id the amplifier drivers name files after, and where it was read: the
/// drivers' own "SSID: 17AA386E" line, else the HD-Audio controller's PCI subsystem ids, else
/// a codec's "Subsystem Id:" (the three agree on almost every laptop).
std::optional<std::pair<std::string, Evidence>> subsystem_id(Facts& facts, const KernelLog& log) {
    for (auto& line : log.find("SSID: ")) {
        auto at = line.text.find("SSID: ");
        std::string id = line.text.substr(at + 6, 8);
        if (id.size() == 8 &&
            std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isxdigit(c); })) {
            std::transform(id.begin(), id.end(), id.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            return std::make_pair(id, std::move(line));
        }
    }
    try {
        const PciDevices& pci = facts.get<PciDevices>();
        for (const auto* device : pci.of_class({PciAudioClass::hd_audio, PciAudioClass::audio}))
            if (device->subsystem_vendor_id != 0 && device->subsystem_vendor_id != 0xffff) {
                char id[16];
                std::snprintf(id, sizeof id, "%04x%04x", device->subsystem_vendor_id,
                              device->subsystem_device_id);
                return std::make_pair(std::string(id),
                                      Evidence{device->sysfs_path + "/subsystem_device", 1,
                                               device->address + " subsystem " + id});
            }
    } catch (const InputError&) {
        // No PCI view: the codecs may still say it.
    }
    const Root& root = facts.root();
    for (int card = 0; card < 8; ++card)
        for (int codec = 0; codec < 4; ++codec) {
            std::string path =
                "/proc/asound/card" + std::to_string(card) + "/codec#" + std::to_string(codec);
            std::optional<std::string> text;
            try {
                text = root.read(path);
            } catch (const InputError&) {
                continue;
            }
            if (!text)
                continue;
            for (const auto& line : split_lines(*text)) {
                std::string_view t = trim(line.text);
                if (!t.starts_with("Subsystem Id:"))
                    continue;
                auto value = parse_int(trim(t.substr(13)));
                if (value && *value != 0) {
                    char id[16];
                    std::snprintf(id, sizeof id, "%08llx",
                                  static_cast<unsigned long long>(*value & 0xffffffff));
                    return std::make_pair(std::string(id),
                                          Evidence{path, line.number, std::string(t)});
                }
            }
        }
    return std::nullopt;
}

/// The log's lines where an amplifier driver could not load a file.
std::vector<Evidence> load_failures(const KernelLog& log) {
    std::vector<Evidence> found;
    std::set<int> seen;
    for (const char* needle : {"failed to load cirrus/", "Failed to request 'cirrus/",
                               "Direct firmware load for cirrus/", "failed to load TAS2XXX",
                               "Direct firmware load for TAS2XXX", "dspfw load TAS2XXX",
                               "aw88399_acf.bin", "Unable to find firmware and tuning"})
        for (auto& line : log.find(needle))
            if (seen.insert(line.line).second && (line.text.find("ail") != std::string::npos ||
                                                  line.text.find("rror") != std::string::npos ||
                                                  line.text.find("Unable") != std::string::npos))
                found.push_back(std::move(line));
    return found;
}

Finding run(Facts& facts) {
    const Root& root = facts.root();
    auto amps = find_amps(root);
    if (amps.empty())
        return make_finding(Status::skip,
                            "no smart amplifier (CS35L41, CS35L56, TAS2781, AW88399) in ACPI",
                            {{k_acpi_dir, 0, "no switched-on device with an amplifier's id"}});
    const KernelLog& log = facts.get<KernelLog>();
    std::vector<Evidence> present;
    for (const auto& amp : amps)
        present.push_back(amp.where);

    auto dsd = log.find("_DSD Properties are missing");
    if (!dsd.empty()) {
        Finding finding = make_finding(
            Status::fail,
            "the BIOS does not describe the " + std::string(amps.front().hid->chip) +
                " amplifiers (ACPI _DSD properties missing), so the driver cannot set them up",
            present);
        for (auto& line : dsd)
            finding.with(std::move(line));
        finding.detail =
            "Firmware files cannot repair this: the kernel needs the laptop's properties, which "
            "newer kernels carry for known models (cs35l41_hda_property.c). Update the kernel, "
            "and the BIOS; an ACPI SSDT override that adds the _DSD is the last resort.";
        return finding;
    }

    auto ssid = subsystem_id(facts, log);
    if (!ssid) {
        Finding finding = make_finding(Status::skip,
                                       "cannot tell the laptop's subsystem id, which names the " +
                                           std::string(amps.front().hid->chip) + " firmware files",
                                       present);
        return finding;
    }
    auto failures = load_failures(log);

    std::vector<std::string> incomplete;
    std::vector<std::string> complete;
    std::vector<Evidence> evidence = present;
    evidence.push_back(ssid->second);
    std::set<AmpFamily> families;
    for (const auto& amp : amps) {
        if (!families.insert(amp.hid->family).second)
            continue;
        std::string dir(amp_firmware_dir(amp.hid->family));
        AmpFirmwareMatch match =
            match_amp_firmware(amp.hid->family, ssid->first, firmware_tree::names_in(root, dir));
        std::string main = firmware_tree::main_dir(root);
        std::string base = dir.empty() ? main : join_path(main, dir);
        if (match.complete) {
            complete.push_back(std::string(amp.hid->chip) + ": " + join(match.found, ", "));
            continue;
        }
        incomplete.push_back(std::string(amp.hid->chip) + " (" + match.wanted + ")");
        evidence.push_back(
            {base, 0,
             "no " + match.wanted +
                 (match.found.empty() ? "" : "; only " + clip(join(match.found, ", "), 120))});
    }
    if (!incomplete.empty()) {
        for (auto& line : failures)
            evidence.push_back(std::move(line));
        Finding finding = make_finding(
            Status::fail,
            "no amplifier firmware for subsystem id " + ssid->first + ": " + join(incomplete, ", "),
            std::move(evidence));
        finding.detail =
            "Looked in " + firmware_tree::searched(root) +
            " (also .xz and .zst). Without its firmware and tuning the amplifier plays nothing, "
            "or plays quietly on default settings. To repair: " +
            linux_firmware_hint(root) +
            ", then reboot. If no release has files for this subsystem id yet, the laptop is "
            "newer than linux-firmware: a newer kernel and a BIOS update may also be needed.";
        return finding;
    }
    auto fallback = log.find("Falling back to default firmware");
    if (!fallback.empty() || !failures.empty()) {
        for (auto& line : fallback)
            evidence.push_back(std::move(line));
        for (auto& line : failures)
            evidence.push_back(std::move(line));
        Finding finding =
            make_finding(Status::warn,
                         "the amplifier driver fell back to default firmware when it started, "
                         "though the files for " +
                             ssid->first + " are here now",
                         std::move(evidence));
        finding.detail =
            "The log is from the driver's start; the files were installed since. "
            "Reboot so the amplifiers load their own tuning (" +
            join(complete, "; ") + ").";
        return finding;
    }
    return make_finding(Status::pass,
                        "amplifier firmware for subsystem id " + ssid->first +
                            " is present: " + clip(join(complete, "; "), 160),
                        std::move(evidence));
}

}  // namespace

const CheckDescriptor amp_firmware = {
    .id = "amp.firmware",
    .title = "Smart amplifier firmware",
    .area = "firmware",
    .needs = {},
    .report_needs = {"/sys/bus/acpi"},
    .explanation =
        "Many recent laptops (Lenovo, HP, ASUS, Dell) drive their speakers through smart "
        "amplifiers on I2C or SPI (Cirrus Logic CS35L41/CS35L56, TI TAS2781, Awinic AW88399). "
        "Each runs a small DSP that needs a firmware and a speaker tuning made for that laptop "
        "model, named after its subsystem id, from linux-firmware. Without them the speakers "
        "are silent or very quiet while headphones work fine. The BIOS must also describe the "
        "amplifiers in ACPI; where it does not, only a newer kernel helps.",
    .fixes = {},
    .run = run,
};

}  // namespace sndoctor::checks
