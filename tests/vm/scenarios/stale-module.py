"""Scenario stale-module: a foreign-vermagic snd-dummy.ko in updates/ is found and quarantined."""
from vmtest import Scenario, proc_cards

CHECK = "modules.stale-snd"
s = Scenario.from_argv()


def path_of(name):
    run = s.run(name)
    return run.stdout.strip() if run is not None else ""


# The state the scenario sets up: modprobe would pick the copy in updates/, which cannot load.
s.expect("/updates/snd-dummy.ko" in path_of("modinfo-before"),
         f"modinfo-before: modprobe resolves snd-dummy to {path_of('modinfo-before')!r}, "
         "expected the copy in updates/")
modprobe_before = s.run("modprobe-before")
if modprobe_before is not None:
    s.expect(modprobe_before.rc != 0 and "Exec format error" in modprobe_before.stderr,
             f"modprobe-before: expected the kernel to refuse the stale copy (Exec format error); "
             f"exit code {modprobe_before.rc}, {modprobe_before.stderr!r}")

before = s.json("check-before")
result = s.expect_status(before, CHECK, "fail", "check-before")
s.expect_evidence(result, lambda e: e.get("path", "").endswith("/updates/snd-dummy.ko"),
                  "path ending in /updates/snd-dummy.ko", "check-before")
s.expect_rc("check-before", 2)

s.expect_rc("fix", 0)
s.expect_status(s.json("check-after"), CHECK, "pass", "check-after")
s.expect_rc("check-after", 0)
s.expect_equal(path_of("updates-after"), "", "updates-after: snd-dummy.ko left in updates/")
stale_md5 = path_of("stale-md5").split(" ")[0]
journal_md5s = [line.split(" ")[0] for line in path_of("journal-md5").split("\n")]
s.expect(stale_md5 != "" and stale_md5 in journal_md5s,
         f"journal-md5: no file under /var/lib/sndoctor/journal has the stale module's md5 "
         f"{stale_md5!r} (the fix must move it there, not delete it)")

# The kernel's own driver loads now.
s.expect("/kernel/sound/drivers/snd-dummy.ko" in path_of("modinfo-after"),
         f"modinfo-after: modprobe resolves snd-dummy to {path_of('modinfo-after')!r}, "
         "expected kernel/sound/drivers/snd-dummy.ko")
s.expect_rc("modprobe-after", 0)
s.expect_rc("taint", 0)
taint = s.run("taint")
if taint is not None:
    s.expect_equal(taint.stdout.strip(), "", "taint: /sys/module/snd_dummy/taint (E: unsigned)")
cards = s.run("cards")
if cards is not None:
    s.expect(any(c[2] == "Dummy" for c in proc_cards(cards.stdout)),
             f"cards: no Dummy card in /proc/asound/cards ({cards.stdout!r})")

raise SystemExit(s.finish())
