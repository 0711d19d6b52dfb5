// The anonymizer on a memory root: what it gathers, stable placeholders, MAC addresses in both
// spellings, short names only as whole words, firmware filler left alone.
#include <gtest/gtest.h>

#include "core/root.hpp"
#include "report/anonymize.hpp"

namespace sndoctor::report {
namespace {

MemoryRoot machine() {
    MemoryRoot root("memory");
    root.add_file("/etc/passwd",
                  "root:x:0:0:root:/root:/bin/bash\nmpd:x:110:29::/var/lib/mpd:/bin/false\n"
                  "sam:x:1000:1000::/home/sam:/bin/bash\nnobody:x:65534:65534::/:/bin/false\n");
    root.add_file("/proc/sys/kernel/hostname", "studio\n");
    root.add_file("/sys/class/dmi/id/product_serial", "PF3XYZ12\n");
    root.add_file("/sys/class/dmi/id/board_serial", "To be filled by O.E.M.\n");
    root.add_file("/sys/class/dmi/id/product_uuid", "0f1e2d3c-aaaa-bbbb-cccc-0123456789ab\n");
    root.add_file("/sys/bus/usb/devices/3-2/serial", "UA25EX-77\n");
    return root;
}

TEST(Anonymize, GathersWhatNamesPeopleAndMachines) {
    auto root = machine();
    Anonymizer anonymizer(root, {"kim", ""});
    auto originals = anonymizer.originals();
    std::sort(originals.begin(), originals.end());
    std::vector<std::string> expected = {
        "0f1e2d3c-aaaa-bbbb-cccc-0123456789ab", "PF3XYZ12", "UA25EX-77", "kim", "sam", "studio"};
    EXPECT_EQ(originals, expected);  // not root, mpd, nobody or the firmware's filler
}

TEST(Anonymize, SameOriginalSamePlaceholder) {
    auto root = machine();
    Anonymizer anonymizer(root, {});
    EXPECT_EQ(anonymizer.apply("sam@studio:/home/sam PF3XYZ12 UA25EX-77"),
              "<user-1>@<host-1>:/home/<user-1> <serial-2> <serial-1>");  // longest first
    EXPECT_EQ(anonymizer.apply("again sam"), "again <user-1>");
}

TEST(Anonymize, MacAddressesInEitherSpelling) {
    MemoryRoot root("memory");
    Anonymizer anonymizer(root, {});
    EXPECT_EQ(
        anonymizer.apply("bt 00:1A:7D:DA:71:13 and 00-1a-7d-da-71-13, wifi a4:5e:60:01:02:03"),
        "bt <mac-1> and <mac-1>, wifi <mac-2>");
    // Codec and PCI numbers are not MAC addresses.
    EXPECT_EQ(anonymizer.apply("0000:00:1f.3 Node 0x14 11:22:33:44:55:66:77"),
              "0000:00:1f.3 Node 0x14 11:22:33:44:55:66:77");
}

TEST(Anonymize, ShortNamesOnlyAsWholeWords) {
    MemoryRoot root("memory");
    Anonymizer anonymizer(root, {"al"});
    EXPECT_EQ(anonymizer.apply("al runs alsa"), "<user-1> runs alsa");
}

TEST(Anonymize, ReportAndResults) {
    auto root = machine();
    Anonymizer anonymizer(root, {});
    Report report;
    report.sections = {{"Title", "host studio", {{"Module: x", "sam", {}, 0}}, 0}};
    anonymizer.apply(report);
    EXPECT_EQ(report.sections[0].text, "host <host-1>");
    EXPECT_EQ(report.sections[0].subsections[0].text, "<user-1>");
    Result result;
    result.summary = "sam is not in the audio group";
    result.evidence = {{"/home/sam/.asoundrc", 1, "sam"}};
    anonymizer.apply(result);
    EXPECT_EQ(result.summary, "<user-1> is not in the audio group");
    EXPECT_EQ(result.evidence[0].path, "/home/<user-1>/.asoundrc");
}

}  // namespace
}  // namespace sndoctor::report
