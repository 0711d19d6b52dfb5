"""Scenario usb-audio: the report's USB Descriptors of QEMU's USB audio device, made from sysfs,
agree with the device's own descriptor bytes (parsed here independently) and show its IDs and
audio interfaces as lsusb -v does (the image has no lsusb to compare with line by line)."""
import re

from vmtest import Scenario, proc_cards, report_section

s = Scenario.from_argv()

cards = s.run("cards")
if cards is not None:
    s.expect_equal([c[2] for c in proc_cards(cards.stdout)], ["USB-Audio"],
                   "cards in /proc/asound/cards (driver)")
usbbus = s.run("usbbus")
bus, dev = (int(n) for n in usbbus.stdout.strip().split("/")) if usbbus else (0, 0)


def descriptors(od_text):
    """(type, bytes) of every descriptor in the `od -An -tx1` dump of a sysfs descriptors file."""
    data = bytes(int(b, 16) for b in od_text.split())
    found, at = [], 0
    while at + 2 <= len(data) and data[at] >= 2:
        found.append((data[at + 1], data[at:at + data[at]]))
        at += data[at]
    return found


raw = s.run("descriptors")
parsed = descriptors(raw.stdout) if raw else []
s.expect(len(parsed) > 3 and parsed[0][0] == 1,
         f"descriptors: a device descriptor and more ({len(parsed)} descriptors)")

s.expect_rc("report", 0)
text = s.run("report-text")
section = report_section(text.stdout, "USB Descriptors") if text else None
if s.expect(section is not None, "report-text: a USB Descriptors section") and parsed:
    device = parsed[0][1]
    vendor, product = device[8] | device[9] << 8, device[10] | device[11] << 8
    s.expect_equal(section[0][:32],
                   f"Bus {bus:03d} Device {dev:03d}: ID {vendor:04x}:{product:04x}",
                   "USB Descriptors: the Bus line")
    s.expect_equal((vendor, product), (0x46f4, 0x0002), "descriptors: QEMU's usb-audio IDs")
    fields = [re.sub(r"\s+", " ", line.strip()) for line in section]
    s.expect(f"idVendor 0x{vendor:04x}" in fields, "USB Descriptors: idVendor")
    s.expect(f"idProduct 0x{product:04x}" in fields, "USB Descriptors: idProduct")
    # Every interface (class, subclass, alternate setting) and endpoint address, in order.
    interfaces = [(d[5], d[6], d[3]) for t, d in parsed if t == 4]
    shown, current = [], {}
    for line in fields:
        m = re.match(r"^(bInterfaceClass|bInterfaceSubClass|bAlternateSetting) (\d+)", line)
        if m:
            current[m.group(1)] = int(m.group(2))
            if m.group(1) == "bInterfaceSubClass":
                shown.append((current["bInterfaceClass"], current["bInterfaceSubClass"],
                              current["bAlternateSetting"]))
    s.expect_equal(shown, interfaces, "USB Descriptors: interfaces (class, subclass, setting)")
    s.expect(any(i[:2] == (1, 1) for i in interfaces), "descriptors: an AudioControl interface")
    s.expect(any(i[:2] == (1, 2) for i in interfaces), "descriptors: an AudioStreaming interface")
    endpoints = [f"0x{d[2]:02x}" for t, d in parsed if t == 5]
    shown_endpoints = [line.split()[1] for line in fields if line.startswith("bEndpointAddress")]
    s.expect_equal(shown_endpoints, endpoints, "USB Descriptors: endpoint addresses")
    # Every class-specific descriptor is decoded as the audio class's, none left unrecognized.
    class_interface = ("AudioControl Interface Descriptor:",
                       "AudioStreaming Interface Descriptor:")
    s.expect_equal(sum(1 for line in fields if line in class_interface),
                   sum(1 for t, d in parsed if t == 0x24),
                   "USB Descriptors: class-specific interface descriptors")
    s.expect_equal(sum(1 for line in fields if line == "AudioStreaming Endpoint Descriptor:"),
                   sum(1 for t, d in parsed if t == 0x25),
                   "USB Descriptors: class-specific endpoint descriptors")
    s.expect(not any("UNRECOGNIZED" in line or "Undecoded" in line for line in fields),
             "USB Descriptors: every descriptor decoded")
# The stream information of the same card is there too.
s.expect(text is not None and report_section(text.stdout, "USB Stream information"),
         "report-text: a USB Stream information section")
report = s.json("report-json")
if report is not None:
    s.expect_equal(report.get("problems", []), [], "report-json: problems")

raise SystemExit(s.finish())
