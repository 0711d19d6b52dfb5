// The firmware checks on a report root, where the firmware tree and sysfs are absent: they
// judge only what the report carries (the kernel's log), never the reader's missing files.
#include <gtest/gtest.h>

#include "checks/checks.hpp"
#include "core/root.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_log.hpp"

namespace sndoctor {
namespace {

Finding run(const CheckDescriptor& check, const MemoryRoot& root) {
    Facts facts(root, Environment{});
    return check.run(facts);
}

TEST(FirmwareChecksOnAReport, SofFailsOnTheKernelsOwnNotFoundLine) {
    MemoryRoot root("report.txt");
    root.add_file(KernelLog::k_report_path,
                  "[    5.104311] sof-audio-pci-intel-tgl 0000:00:1f.3: SOF firmware and/or "
                  "topology file not found.\n"
                  "[    5.104317] sof-audio-pci-intel-tgl 0000:00:1f.3:  Firmware file: "
                  "intel/sof/sof-tgl.ri\n");
    root.add_file("/etc/os-release", "ID=fedora\n");
    Finding finding = run(checks::sof_firmware, root);
    EXPECT_EQ(finding.status, Status::fail) << finding.summary;
    ASSERT_FALSE(finding.evidence.empty());
    EXPECT_EQ(finding.evidence.front().path, KernelLog::k_report_path);
    EXPECT_EQ(finding.evidence.front().line, 1);
    EXPECT_NE(finding.detail.find("alsa-sof-firmware"), std::string::npos) << finding.detail;
}

TEST(FirmwareChecksOnAReport, SofSkipsWithoutAFailureInTheLog) {
    MemoryRoot root("report.txt");
    root.add_file(KernelLog::k_report_path,
                  "[    4.203117] sof-audio-pci-intel-tgl 0000:00:1f.3:  Firmware file:     "
                  "intel/sof/sof-tgl.ri\n");
    Finding finding = run(checks::sof_firmware, root);
    EXPECT_EQ(finding.status, Status::skip);
    EXPECT_NE(finding.summary.find("not in the report"), std::string::npos) << finding.summary;
    EXPECT_EQ(run(checks::sof_firmware, MemoryRoot("empty.txt")).status, Status::skip);
}

TEST(FirmwareChecksOnAReport, OthersSayWhatTheReportLacks) {
    // The runner skips them by report_needs before they run; the descriptors must say so.
    for (const auto* check : {&checks::dsp_driver, &checks::amp_firmware}) {
        ASSERT_FALSE(check->report_needs.empty()) << check->id;
        EXPECT_TRUE(check->report_needs.front().starts_with("/sys/")) << check->id;
    }
}

}  // namespace
}  // namespace sndoctor
