"""Scenario driver-blacklisted: a blacklisted snd_hda_intel found by pci.driver-bound on the real
kernel, the blacklist commented out and the driver loaded by pci.enable-driver, undone."""
from vmtest import Scenario, proc_cards

s = Scenario.from_argv()
CONF = "/etc/modprobe.d/blacklist-sound.conf"

address_run = s.run("address")
address = address_run.stdout.strip() if address_run is not None else "?"
s.expect(address.startswith("0000:"), f"address: a PCI address, got {address!r}")

# Unbound: readlink of the missing driver link fails.
s.expect_rc("driver-before", 1)
before = s.expect_status(s.json("check-before"), "pci.driver-bound", "fail", "check-before")
if before is not None:
    summary = before.get("summary", "")
    s.expect(address in summary and "8086:2668" in summary
             and f"snd_hda_intel is blacklisted ({CONF}:2)" in summary,
             f"check-before: the summary names the device and the blacklist line: {summary!r}")
    s.expect_evidence(before, lambda e: e.get("path") == CONF and e.get("line") == 2
                      and e.get("text") == "blacklist snd_hda_intel", "the blacklist line",
                      "check-before")
    s.expect_evidence(before, lambda e: e.get("path") == f"/sys/bus/pci/devices/{address}/modalias"
                      and e.get("text", "").startswith("pci:v00008086d00002668"),
                      "the device's modalias", "check-before")
    s.expect_equal([f.get("id") for f in before.get("fixes", [])], ["pci.enable-driver"],
                   "check-before: the linked fix")
s.expect_rc("check-before", 2)

# The fix: the line commented out, the driver loaded, the device bound, a card registered.
s.expect_rc("fix", 0)
fix = s.run("fix")
if fix is not None:
    s.expect("modprobe -a snd_hda_intel" in fix.stdout,
             f"fix: the plan shows the modprobe it runs: {fix.stdout[-600:]!r}")
conf = s.run("conf-after")
if conf is not None:
    s.expect_equal(conf.stdout.split("\n")[1] if "\n" in conf.stdout else conf.stdout,
                   "# disabled by sndoctor: blacklist snd_hda_intel", "conf-after: line 2")
driver = s.run("driver-after")
s.expect(driver is not None and driver.stdout.strip().endswith("/snd_hda_intel"),
         f"driver-after: bound to snd_hda_intel: {driver.stdout if driver else None!r}")
cards = s.run("cards")
if cards is not None:
    s.expect_equal([(c[0], c[2]) for c in proc_cards(cards.stdout)], [(0, "HDA-Intel")],
                   "cards after the fix (index, driver)")
after = s.expect_status(s.json("check-after"), "pci.driver-bound", "pass", "check-after")
if after is not None:
    s.expect(f"{address} snd_hda_intel" in after.get("summary", ""),
             f"check-after: names the bound driver: {after.get('summary')!r}")
s.expect_rc("check-after", 0)

# Undo restores the file byte for byte; the driver stays until it is unloaded, and then the
# check finds the blacklist again.
s.expect_rc("undo", 0)
md5_before, md5_undone = s.run("conf-before"), s.run("conf-undone")
if md5_before is not None and md5_undone is not None:
    s.expect_equal(md5_undone.stdout.split()[:1], md5_before.stdout.split()[:1],
                   "conf-undone: the same bytes as before the fix")
s.expect_status(s.json("check-undone"), "pci.driver-bound", "pass", "check-undone")
s.expect_rc("unload", 0)
unloaded = s.expect_status(s.json("check-unloaded"), "pci.driver-bound", "fail", "check-unloaded")
s.expect_evidence(unloaded, lambda e: e.get("path") == CONF and e.get("line") == 2,
                  "the restored blacklist line", "check-unloaded")

raise SystemExit(s.finish())
