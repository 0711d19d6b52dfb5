"""Scenario virmidi-first: VirMIDI took card 0; the fix gives card 0 back to the HDA card."""
from vmtest import Scenario

CHECK = "cards.virmidi-index"
s = Scenario.from_argv()


# The state the scenario sets up: VirMIDI is card 0.
s.expect_equal(s.card0_driver("cards-before"), "VirMIDI", "cards-before: card 0's driver")

before = s.json("check-before")
result = s.expect_status(before, CHECK, "fail", "check-before")
s.expect_evidence(result, lambda e: e.get("path") == "/proc/asound/cards",
                  "/proc/asound/cards line", "check-before")
s.expect_rc("check-before", 2)

s.expect_rc("fix", 0)
conf = s.run("conf")
if conf is not None:
    s.expect_rc("conf", 0)
    lines = [line.strip() for line in conf.stdout.split("\n")]
    s.expect("options snd-virmidi index=-2" in lines,
             f"conf: /etc/modprobe.d/50-sndoctor.conf has no line 'options snd-virmidi index=-2' "
             f"(it reads {conf.stdout!r})")

# The fix reloads the sound modules: the HDA card is card 0 now, and the check passes.
s.expect_equal(s.card0_driver("cards-after"), "HDA-Intel", "cards-after: card 0's driver")
after = s.json("check-after")
s.expect_status(after, CHECK, "pass", "check-after")
s.expect_rc("check-after", 0)

s.expect_rc("undo", 0)
s.expect_rc("conf-after-undo", 1)  # test -e: the file is gone
s.expect_rc("journal", 0)  # ...and kept in the journal

raise SystemExit(s.finish())
