"""Scenario healthy: sndoctor check on a plain Debian 12 system with one working HDA card."""
import difflib
import re

from vmtest import Scenario, proc_cards, report_section

s = Scenario.from_argv()

SEED_ORDER = ["kernel.build-match", "modules.stale-snd", "portage.alsa-driver-mask",
              "modprobe.card-aliases", "user.audio-group", "alsa.state-file", "cards.present",
              "cards.virmidi-index"]
# What a plain Debian system should get from each check.
EXPECTED = {
    # Debian's kernel has no /usr/src/linux to compare with: noted, not a fault.
    "kernel.build-match": "info",
    "modules.stale-snd": "pass",
    "portage.alsa-driver-mask": "skip",  # not Gentoo
    # Debian's own modprobe.d sound options, no conflict, no snd-card-N alias lines.
    "modprobe.card-aliases": "pass",
    "user.audio-group": "pass",  # alice is in audio, as Debian's installer puts the first user
    "alsa.state-file": "info",  # nothing saved yet on this fresh system
    "cards.present": "pass",
    "cards.virmidi-index": "pass",
    # Issue 8's checks: the kernel's own driver and a current alsa-lib; the levels `alsactl
    # init` set; QEMU's generic codec has no EAPD pin.
    "alsa.version-match": "pass",
    "mixer.muted": "pass",
    "codec.eapd-off": "pass",
    # QEMU's HD-Audio controller (8086:2668) is bound to snd_hda_intel.
    "pci.driver-bound": "pass",
}

cards = s.run("cards")
if cards is not None:
    s.expect_equal([(c[0], c[2]) for c in proc_cards(cards.stdout)], [(0, "HDA-Intel")],
                   "cards in /proc/asound/cards (index, driver)")

doc = s.json("check")
if doc is not None:
    s.expect_equal(doc.get("schema"), "sndoctor.check/1", "check: schema")
    s.expect_equal(doc.get("source"), "live", "check: source")
    ids = [r.get("id") for r in doc.get("checks", [])]
    # Later checks take their places between the seed checks, which keep their order.
    s.expect_equal([i for i in ids if i in SEED_ORDER], SEED_ORDER,
                   "check: the seed checks, in order")
    for check_id, status in EXPECTED.items():
        s.expect_status(doc, check_id, status, "check")
    # counts agree with the statuses listed
    statuses = [r.get("status") for r in doc.get("checks", [])]
    counts = doc.get("counts", {})
    for status in ("pass", "info", "warn", "fail", "skip", "error"):
        s.expect_equal(counts.get(status), statuses.count(status), f"check: counts.{status}")
    present = s.check_result(doc, "cards.present", "check")
    s.expect_evidence(present, lambda e: e.get("path") == "/proc/asound/cards",
                      "/proc/asound/cards line", "check")
# 0: nothing warns, fails or errs.
s.expect_rc("check", 0)

s.expect_rc("unmute", 0)
s.expect_rc("store", 0)
state = s.json("check-state")
s.expect_status(state, "alsa.state-file", "pass", "check-state")
s.expect_rc("check-state", 0)

# The HDA core on the real /proc file and the real hwdep device: QEMU's hda-duplex codec.
dump = s.json("hda-dump")
if dump is not None:
    s.expect_equal(dump.get("schema"), "sndoctor.codec/1", "hda-dump: schema")
    codecs = dump.get("codecs", [])
    s.expect_equal(len(codecs), 1, "hda-dump: codecs")
    if codecs:
        codec = codecs[0]
        s.expect_equal(codec.get("name"), "QEMU Generic", "hda-dump: name")
        s.expect_equal(codec.get("vendor_id"), "0x1af40022", "hda-dump: vendor_id")
        s.expect_equal(codec.get("warnings"), [], "hda-dump: warnings")
        pins = {p.get("nid"): p for p in codec.get("pins", [])}
        s.expect_equal(sorted(pins), [3, 5], "hda-dump: pin nids")
        if 3 in pins:
            s.expect_equal(pins[3].get("default_config"), "0x00004010", "hda-dump: pin 0x03")
            s.expect_equal(pins[3].get("device"), "Line Out", "hda-dump: pin 0x03 device")
s.expect_rc("hda-dump", 0)
verb = s.json("hda-verb")
if verb is not None:
    s.expect_equal(verb.get("answered"), True, "hda-verb: answered")
    s.expect_equal(verb.get("response"), 0x1af40022, "hda-verb: VENDOR_ID of node 0")
s.expect_rc("hda-verb", 0)

# The report of the live system reads back: its codec section is the real one, and the checks
# give the same card verdict offline.
s.expect_rc("report", 0)
codec_lines = s.run("report-codec")
if codec_lines is not None:
    s.expect_equal(codec_lines.stdout.strip(), "1", "report-codec: 'Codec: QEMU Generic' lines")
offline = s.json("report-check")
if offline is not None:
    s.expect_equal(offline.get("source"), "report", "report-check: source")
    s.expect_status(offline, "cards.present", "pass", "report-check")
    s.expect_status(offline, "modules.stale-snd", "skip", "report-check")
    # The report's PCI section (lspci's first lines) does not say which driver is bound.
    s.expect_status(offline, "pci.driver-bound", "skip", "report-check")
exported = s.json("report-json")
if exported is not None:
    s.expect_equal(exported.get("schema"), "sndoctor.report/1", "report-json: schema")
    names = [c.get("name") for section in exported.get("sections", [])
             for c in section.get("codecs", [])]
    s.expect_equal(names, ["QEMU Generic"], "report-json: the parsed codecs")
s.expect_rc("report-json", 0)


def expect_same_text(actual, expected, what):
    """Text equality with a diff on failure: a whole section in one line would be unreadable."""
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), "program",
                                    "sndoctor", lineterm="")
        s.fail(f"{what} differs from the program's output:\n" + "\n".join(diff))


# The sections alsa-info fills from aplay, amixer and alsactl are those programs' text, byte for
# byte: nothing needs normalising, as sndoctor asks alsa-lib what they ask, in the same state.
programs = {name: s.run(name) for name in ("aplay-l", "arecord-l", "amixer-info",
                                            "amixer-contents", "alsactl-store")}
for name in programs:
    s.expect_rc(name, 0)
sections = {section.get("title"): section for section in (exported or {}).get("sections", [])}
if all(run is not None for run in programs.values()) and exported is not None:
    aplay = sections.get("Aplay/Arecord output", {}).get("text")
    # alsa-info's layout: a label, a blank line, the listing, a blank line (alsa-info.md 1.2).
    expect_same_text(aplay, "APLAY\n\n" + programs["aplay-l"].stdout + "\nARECORD\n\n" +
                     programs["arecord-l"].stdout, "report-json: Aplay/Arecord output")
    mixers = sections.get("Amixer output", {}).get("subsections", [])
    card_id = proc_cards(cards.stdout)[0][1] if cards is not None else "?"
    s.expect_equal([m.get("title") for m in mixers], [f"-------Mixer controls for card {card_id}"],
                   "report-json: Amixer output subsections")
    if mixers:
        expect_same_text(mixers[0].get("text"), "\n" + programs["amixer-info"].stdout +
                         programs["amixer-contents"].stdout, "report-json: Mixer controls")
    alsactl = programs["alsactl-store"].stdout
    expect_same_text(sections.get("Alsactl output", {}).get("text"), alsactl,
                     "report-json: Alsactl output")
    # The alsa-info text carries the same, with alsa-info's folding markers around the state.
    text = s.run("report-text")
    if text is not None:
        s.expect("!!Alsactl output\n!!--------------\n\n--startcollapse--\n" + alsactl +
                 "--endcollapse--\n" in text.stdout, "report: Alsactl output block as alsa-info")
        s.expect("\n\n" + programs["amixer-info"].stdout + programs["amixer-contents"].stdout
                 in text.stdout, "report: the amixer text after its Mixer controls header")

# alice cannot open the control device: no program section, a problem naming the device, and
# still a report.
s.expect_rc("report-user", 0)
user_doc = s.json("report-user")
if user_doc is not None:
    titles = [section.get("title") for section in user_doc.get("sections", [])]
    for title in ("Aplay/Arecord output", "Amixer output", "Alsactl output"):
        s.expect(title not in titles, f"report-user: {title} is left out")
    denied = [p for p in user_doc.get("problems", []) if p.get("path") == "/dev/snd/controlC0"]
    s.expect(len(denied) == 3 and all("Permission denied" in p.get("reason", "") for p in denied),
             f"report-user: one problem per section naming /dev/snd/controlC0: {denied!r}")

# The report's ALSA/HDA dmesg section holds the HDA driver's lines the real dmesg showed just
# before it (the section is read from /dev/kmsg, dmesg uses syslog(2): same records, same
# "[seconds.micros] text" lines), and its Packages section lists alsa-utils from the image's
# dpkg database.
report_text = s.run("report-text")
real_dmesg = s.run("dmesg")
if report_text is not None and real_dmesg is not None:
    section = report_section(report_text.stdout, "ALSA/HDA dmesg")
    if s.expect(section is not None, "report-text: an ALSA/HDA dmesg section"):
        hda = [line for line in real_dmesg.stdout.split("\n")
               if re.search(r"snd_hda_intel|hda.codec", line)]
        s.expect(hda, "dmesg: snd_hda_intel or hda codec lines to compare with")
        missing = [line for line in hda if line not in section]
        s.expect_equal(missing, [], "report-text: dmesg's HDA lines missing from ALSA/HDA dmesg")
    # QEMU's controller named by libpci from pci.ids (this guest has no udev hwdb; the
    # report-speed benchmark's guest has one and asserts the same name from it).
    pci = report_section(report_text.stdout, "PCI Soundcards installed in the system")
    s.expect(pci is not None and any("(ICH6 Family) High Definition Audio Controller [8086:2668]"
                                     in line for line in pci),
             f"report-text: the PCI section names the HDA controller: {pci}")
    packages = report_section(report_text.stdout, "Packages installed")
    if s.expect(packages is not None, "report-text: a Packages installed section"):
        s.expect(any(re.match(r"^ii  alsa-utils +\S", line) for line in packages),
                 f"report-text: Packages installed lists alsa-utils: {packages}")
# Debian's kernel sets kernel.dmesg_restrict: alice's report leaves the dmesg section out and
# says why, naming /dev/kmsg.
if user_doc is not None:
    s.expect("ALSA/HDA dmesg" not in [x.get("title") for x in user_doc.get("sections", [])],
             "report-user: ALSA/HDA dmesg is left out")
    kmsg = [p for p in user_doc.get("problems", []) if p.get("path") == "/dev/kmsg"]
    s.expect(len(kmsg) == 1 and "dmesg_restrict" in kmsg[0].get("reason", ""),
             f"report-user: a problem naming /dev/kmsg and dmesg_restrict: {kmsg!r}")

raise SystemExit(s.finish())
