"""Scenario healthy: sndoctor check on a plain Debian 12 system with one working HDA card."""
from vmtest import Scenario, proc_cards

s = Scenario.from_argv()

SEED_ORDER = ["kernel.build-match", "modules.stale-snd", "portage.alsa-driver-mask",
              "modprobe.card-aliases", "user.audio-group", "alsa.state-file", "cards.present",
              "cards.virmidi-index"]
# What a plain Debian system should get from each seed check.
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
    s.expect_equal(ids[:len(SEED_ORDER)], SEED_ORDER, "check: the seed checks, in order")
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
exported = s.json("report-json")
if exported is not None:
    s.expect_equal(exported.get("schema"), "sndoctor.report/1", "report-json: schema")
    names = [c.get("name") for section in exported.get("sections", [])
             for c in section.get("codecs", [])]
    s.expect_equal(names, ["QEMU Generic"], "report-json: the parsed codecs")
s.expect_rc("report-json", 0)

raise SystemExit(s.finish())
