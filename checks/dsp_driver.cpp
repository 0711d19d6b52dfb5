// firmware.dsp-driver: snd_intel_dspcfg decides, for each Intel audio controller, whether the
// legacy HD-Audio driver or a DSP driver (SOF, SST, AVS) takes it (failure-modes.md M2). Its
// rules (sound/hda/core/intel-dsp-config.c): the dsp_driver parameter wins; else the PCI class
// says whether a DSP is there (0x040300 none, 0x040100 DSP, 0x040380 either), and the DSP driver
// is chosen when the machine has digital microphones (a PDM endpoint in the ACPI NHLT table) or
// SoundWire. A forced choice that contradicts the hardware leaves the microphones or the whole
// card dead.
#include "checks/dsp_driver.hpp"

#include <algorithm>
#include <stdexcept>

#include "checks/checks.hpp"
#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/acpi_addresses.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_log.hpp"
#include "facts/modprobe_config.hpp"
#include "facts/nhlt.hpp"
#include "facts/pci_devices.hpp"
#include "fixes/sndoctor_conf.hpp"
#include "report/acpi_soundwire.hpp"

namespace sndoctor::checks {

namespace {

constexpr std::string_view k_fix = "firmware.set-dsp-driver";
constexpr const char* k_module = "snd_intel_dspcfg";
constexpr const char* k_param_path = "/sys/module/snd_intel_dspcfg/parameters/dsp_driver";
constexpr const char* k_soundwire_dir = "/sys/bus/soundwire/devices";
constexpr std::uint16_t k_intel = 0x8086;

/// Controllers without a PCI DSP, for which intel-dsp-config.c ignores the parameter
/// (PCI_DEVICE_ID_INTEL_HDA_BDW, HSW_0, HSW_2, HSW_3, BYT, BSW of include/linux/pci_ids.h).
constexpr std::uint16_t k_ignored[] = {0x160c, 0x0a0c, 0x0c0c, 0x0d0c, 0x0f04, 0x2284};

constexpr std::uint32_t k_class_dsp = 0x040100;
constexpr std::uint32_t k_class_legacy = 0x040300;
constexpr std::uint32_t k_class_either = 0x040380;

std::string driver_name(int value) {
    switch (value) {
        case 0:
            return "automatic choice";
        case 1:
            return "the legacy HD-Audio driver (snd_hda_intel)";
        case 2:
            return "the SST driver";
        case 3:
            return "Sound Open Firmware (SOF)";
        case 4:
            return "the AVS driver";
    }
    return "an unknown driver";
}

/// The class with its programming interface, from sysfs "class" ("0x040380"); libpci's class
/// without it when the file says nothing usable.
std::uint32_t full_class(const Root& root, const PciDevice& device) {
    try {
        if (auto text = root.read(device.sysfs_path + "/class", 4096))
            if (auto value = parse_int(trim(*text)))
                return static_cast<std::uint32_t>(*value);
    } catch (const InputError&) {
        // libpci read it already; fall back to its value.
    }
    return static_cast<std::uint32_t>(device.device_class) << 8;
}

std::optional<DspSetting> running_setting(const Root& root) {
    std::optional<std::string> text;
    try {
        text = root.read(k_param_path, 4096);
    } catch (const InputError&) {
        return std::nullopt;
    }
    if (!text)
        return std::nullopt;
    std::string value(trim(*text));
    auto number = parse_int(value);
    return DspSetting{number ? static_cast<int>(*number) : -1,
                      clip(value, 40),
                      DspSettingSource::running,
                      {k_param_path, 1, "dsp_driver = " + clip(value, 40)}};
}

std::optional<DspSetting> configured_setting(const ModprobeConfig& config) {
    auto setting = fixes::sndoctor_conf::configured_param(config, k_module, "dsp_driver");
    if (!setting)
        return std::nullopt;
    auto number = parse_int(setting->value);
    return DspSetting{number ? static_cast<int>(*number) : -1, clip(setting->value, 40),
                      DspSettingSource::modprobe, setting->entry->where};
}

/// snd_intel_dspcfg.dsp_driver=N (or snd-intel-dspcfg.) on the kernel command line.
std::optional<DspSetting> command_line_setting(const Root& root) {
    std::optional<std::string> text;
    try {
        text = root.read("/proc/cmdline", 64 * 1024);
    } catch (const InputError&) {
        return std::nullopt;
    }
    if (!text)
        return std::nullopt;
    std::optional<DspSetting> found;
    for (auto word : split_words(trim(*text))) {
        auto dot = word.find('.');
        auto equals = word.find('=');
        if (dot == std::string_view::npos || equals == std::string_view::npos || equals < dot ||
            module_name(word.substr(0, dot)) != k_module ||
            module_name(word.substr(dot + 1, equals - dot - 1)) != "dsp_driver")
            continue;
        std::string value(word.substr(equals + 1));
        auto number = parse_int(value);
        found = DspSetting{number ? static_cast<int>(*number) : -1,
                           value,
                           DspSettingSource::command_line,
                           {"/proc/cmdline", 1, std::string(word)}};
    }
    return found;
}

/// What says the machine needs the DSP: digital microphones or SoundWire.
struct Needs {
    std::vector<Evidence> dmic;
    std::vector<Evidence> soundwire;
    std::string unknown;  ///< why the NHLT table could not be read, if it could not

    bool any() const { return !dmic.empty() || !soundwire.empty(); }
    std::string what() const {
        if (!dmic.empty() && !soundwire.empty())
            return "digital microphones and SoundWire";
        return dmic.empty() ? "SoundWire audio" : "digital microphones";
    }
};

Needs machine_needs(const Root& root, const KernelLog& log, const AcpiAddresses& acpi) {
    Needs needs;
    try {
        if (auto bytes = root.read(Nhlt::k_path, 1024 * 1024)) {
            Nhlt table = Nhlt::parse(*bytes);
            if (table.has_dmic())
                needs.dmic.push_back({Nhlt::k_path, 0,
                                      "the ACPI NHLT table has a PDM (digital microphone) "
                                      "endpoint"});
        }
    } catch (const InputError& e) {
        needs.unknown = e.what();
    }
    for (const char* needle : {"Digital mics found", "DMICs detected in NHLT tables"})
        for (auto& line : log.find(needle))
            if (line.text.find("tables: 0") == std::string::npos)
                needs.dmic.push_back(std::move(line));
    for (auto& line : log.find("SoundWire enabled on"))
        needs.soundwire.push_back(std::move(line));
    for (const auto& entry : root.list(k_soundwire_dir))
        if (entry.name.starts_with("sdw:")) {
            needs.soundwire.push_back(
                {join_path(k_soundwire_dir, entry.name), 0, "SoundWire device " + entry.name});
            return needs;
        }
    // The SoundWire bus appears only once a DSP driver runs it; with the legacy driver forced,
    // the BIOS's description of the peripherals (their ACPI _ADR, as alsa-info lists them) is
    // what is left to see.
    for (const auto& address : acpi.addresses) {
        const std::string& path = address.path;
        const std::optional<std::string>& text = address.text;  // an unreadable one: none
        auto value = text ? parse_int(trim(*text)) : std::nullopt;
        if (!value)
            continue;
        auto vendor = report::soundwire_vendor(static_cast<std::uint64_t>(*value));
        if (!vendor.empty()) {
            needs.soundwire.push_back(
                {path, 1,
                 std::string(vendor) + " SoundWire peripheral " + std::string(trim(*text))});
            break;
        }
    }
    return needs;
}

struct Verdict {
    Status status = Status::pass;
    std::string summary;
    std::vector<Evidence> evidence;
    std::string detail;
    std::optional<int> fix_value;
};

/// The verdict for one controller when `value` is in force (0 = automatic).
Verdict judge(const PciDevice& device, std::uint32_t cls, int value, const Evidence* setting,
              const Needs& needs, const KernelLog& log, const std::string& name) {
    Verdict verdict;
    if (setting)
        verdict.evidence.push_back(*setting);
    std::string bound = device.driver.empty() ? "no driver" : device.driver;
    if (value == 1 && cls != k_class_legacy && needs.any()) {
        verdict.status = Status::fail;
        verdict.summary = "dsp_driver=1 forces the legacy HD-Audio driver on " + name +
                          ", but this machine has " + needs.what() + ", which only the DSP " +
                          "driver runs";
        for (const auto& e : needs.dmic)
            verdict.evidence.push_back(e);
        for (const auto& e : needs.soundwire)
            verdict.evidence.push_back(e);
        verdict.detail = needs.soundwire.empty()
                             ? "With the legacy driver the speakers and headphones work, but the "
                               "internal microphone (digital, wired to the DSP) does not. "
                             : "With the legacy driver nothing on the SoundWire links (speakers, "
                               "microphones, the headset codec) works. ";
        verdict.detail +=
            "The fix removes the forced choice (dsp_driver=0, automatic), so the DSP "
            "driver (SOF) takes the controller at the next boot; it needs the SOF "
            "firmware (see firmware.sof).";
        verdict.fix_value = 0;
        return verdict;
    }
    if (value >= 2 && value <= 4 && cls == k_class_legacy) {
        verdict.status = Status::fail;
        verdict.summary = "dsp_driver=" + std::to_string(value) + " forces " + driver_name(value) +
                          " on " + name + ", which has no DSP (PCI class 0x040300)";
        verdict.evidence.push_back(
            {device.sysfs_path + "/class", 1, "0x040300 (" + bound + " bound)"});
        verdict.detail =
            "A DSP driver cannot run a controller without a DSP, and the legacy "
            "driver steps back because the parameter names another: no card. The "
            "fix restores the automatic choice (dsp_driver=0).";
        verdict.fix_value = 0;
        return verdict;
    }
    bool dsp_class = cls == k_class_dsp || cls == k_class_either;
    auto aborted = log.find("HDAudio driver not selected, aborting probe");
    if (value != 1 && device.driver.empty() && dsp_class && !aborted.empty()) {
        verdict.status = Status::fail;
        verdict.summary = "no driver took " + name + ": snd_intel_dspcfg chose a DSP driver, so " +
                          "snd_hda_intel stepped back, and no DSP driver bound";
        verdict.evidence.push_back(aborted.front());
        verdict.evidence.push_back(
            {device.sysfs_path + "/class", 1, hex(cls, 6) + " (a DSP is present)"});
        for (auto& line : log.find("SOF firmware and/or topology file not found"))
            verdict.evidence.push_back(std::move(line));
        verdict.detail =
            "The DSP driver (SOF) failed or is not installed: firmware.sof says whether its "
            "firmware is missing, pci.driver-bound whether the module is. Until that is "
            "repaired, dsp_driver=1 (the fix) gives the controller to the legacy driver: "
            "speakers, headphones and HDMI work" +
            std::string(needs.dmic.empty() ? "." : ", the digital microphones do not.");
        verdict.fix_value = 1;
        return verdict;
    }
    if (value == 1 && dsp_class) {
        verdict.status = Status::info;
        verdict.summary = "dsp_driver=1 forces the legacy HD-Audio driver on " + name +
                          "; nothing seen here needs the DSP (no digital microphones, no "
                          "SoundWire)";
        verdict.detail =
            needs.unknown.empty()
                ? "Fine as long as every microphone works."
                : "Whether the machine has digital microphones is not known: " + needs.unknown +
                      ".";
        return verdict;
    }
    verdict.summary = name + ": " + bound +
                      (value == 0 ? " (snd_intel_dspcfg's automatic choice)"
                                  : " (dsp_driver=" + std::to_string(value) + ")");
    verdict.evidence.push_back({device.sysfs_path + "/class", 1, hex(cls, 6)});
    return verdict;
}

}  // namespace

DspReview review_dsp_driver(Facts& facts) {
    const Root& root = facts.root();
    DspReview review;
    const PciDevices& pci = facts.get<PciDevices>();
    if (!pci.available) {
        review.skip = Status::skip;
        review.summary = "no PCI devices to look at: " + pci.unavailable_reason;
        return review;
    }
    std::vector<const PciDevice*> intel;
    for (const auto& device : pci.devices)
        if (device.vendor_id == k_intel &&
            std::find(std::begin(k_ignored), std::end(k_ignored), device.device_id) ==
                std::end(k_ignored) &&
            device.device_class != PciAudioClass::other)
            intel.push_back(&device);
    if (intel.empty()) {
        review.skip = Status::skip;
        review.summary = "no Intel audio controller for snd_intel_dspcfg to decide on";
        return review;
    }
    const KernelLog& log = facts.get<KernelLog>();
    auto running = running_setting(root);
    std::optional<DspSetting> configured;
    try {
        configured = configured_setting(facts.get<ModprobeConfig>());
    } catch (const InputError&) {
        // modprobe.card-aliases reports an unreadable configuration.
    }
    review.command_line = command_line_setting(root);
    Needs needs = machine_needs(root, log, facts.get<AcpiAddresses>());

    // In force now: the loaded module's parameter; else what its next load reads (the command
    // line wins over modprobe.d, as kmod appends it last).
    const DspSetting* now = running               ? &*running
                            : review.command_line ? &*review.command_line
                                                  : (configured ? &*configured : nullptr);
    const DspSetting* next = review.command_line ? &*review.command_line
                             : configured        ? &*configured
                                                 : nullptr;
    for (const DspSetting* setting : {now, next})
        if (setting && (setting->value < 0 || setting->value > 4)) {
            review.status = Status::warn;
            review.summary = "dsp_driver=" + setting->text + " is not one of 0 (auto), 1 " +
                             "(legacy), 2 (SST), 3 (SOF), 4 (AVS)";
            review.evidence = {setting->where};
            review.detail =
                "snd_intel_dspcfg ignores a value out of range and chooses by itself; "
                "a value it cannot read stops the module from loading.";
            review.fix_value = 0;
            return review;
        }

    Verdict worst;
    bool first = true;
    for (const PciDevice* device : intel) {
        std::uint32_t cls = full_class(root, *device);
        std::string name = device->address + " [" + device->ids() + "]";
        Verdict verdict = judge(*device, cls, now ? now->value : 0, now ? &now->where : nullptr,
                                needs, log, name);
        if (verdict.fix_value && next && next != now) {
            // The configuration already holds another value: it decides at the next boot.
            Verdict later = judge(*device, cls, next->value, &next->where, needs, log, name);
            if (severity(later.status) < severity(Status::warn)) {
                verdict.status = Status::info;
                verdict.summary += "; " + next->where.path + " sets dsp_driver=" + next->text +
                                   ", which repairs it at the next boot";
                verdict.evidence.push_back(next->where);
                verdict.fix_value.reset();
            }
        } else if (next && next != now && severity(verdict.status) < severity(Status::warn)) {
            // Fine now, but the configuration holds another value for the next boot.
            Verdict later = judge(*device, cls, next->value, &next->where, needs, log, name);
            if (later.status == Status::fail) {
                later.status = Status::warn;
                later.summary = "at the next boot: " + later.summary;
                verdict = std::move(later);
            }
        }
        if (first || severity(verdict.status) > severity(worst.status)) {
            worst = std::move(verdict);
            first = false;
        }
    }
    review.status = worst.status;
    review.summary = worst.summary;
    review.evidence = std::move(worst.evidence);
    review.detail = std::move(worst.detail);
    review.fix_value = worst.fix_value;
    return review;
}

namespace {

Finding run(Facts& facts) {
    DspReview review = review_dsp_driver(facts);
    if (review.skip)
        return make_finding(Status::skip, review.summary);
    Finding finding = make_finding(review.status, review.summary, review.evidence);
    finding.detail = review.detail;
    if (review.fix_value)
        finding.fixes = {k_fix};
    return finding;
}

}  // namespace

const CheckDescriptor dsp_driver = {
    .id = "firmware.dsp-driver",
    .title = "Intel DSP driver choice (snd_intel_dspcfg)",
    .area = "firmware",
    .needs = {},
    .report_needs = {"/sys/bus/pci"},
    .explanation =
        "On Intel laptops the audio controller can be run by two kinds of driver: the classic "
        "HD-Audio driver (snd_hda_intel), or a driver for the audio DSP beside it (Sound Open "
        "Firmware). The small module snd_intel_dspcfg picks one at boot: the DSP driver when "
        "the machine has digital microphones or SoundWire audio, which only the DSP can run, "
        "else the classic one. Its dsp_driver option (0 auto, 1 legacy, 2 SST, 3 SOF, 4 AVS) "
        "overrides that, and a value copied from a forum for another laptop leaves the "
        "internal microphone dead, or no sound card at all.",
    .fixes = {{k_fix, "Set snd-intel-dspcfg dsp_driver (the driver choice for Intel audio)", true}},
    .run = run,
};

}  // namespace sndoctor::checks
