"""Scenario virmidi-held: the reload waits for the program that holds a card, and names it."""
from vmtest import Scenario

CHECK = "cards.virmidi-index"
s = Scenario.from_argv()


# The option is written (the fix succeeds), but nothing is unloaded while `sleep` holds the card:
# the fix says who holds which device, and the order is unchanged.
s.expect_rc("fix", 0)
fix = s.run("fix")
if fix is not None:
    s.expect("sleep (pid " in fix.stdout and "/dev/snd/controlC1)" in fix.stdout,
             f"fix: the holder is not named as 'sleep (pid N, /dev/snd/controlC1)': {fix.stdout!r}")
s.expect_equal(s.card0_driver("cards-held"), "VirMIDI", "cards-held: card 0's driver")
held = s.json("check-held")
result = s.expect_status(held, CHECK, "info", "check-held")
if result is not None:
    fixes = [f.get("id") for f in result.get("fixes", [])]
    s.expect(fixes == ["cards.reload-modules"],
             f"check-held: the info links {fixes}, expected ['cards.reload-modules']")
    s.expect_evidence(result, lambda e: e.get("path") == "/etc/modprobe.d/50-sndoctor.conf",
                      "the modprobe.d line that corrects the order", "check-held")
s.expect_rc("check-held", 0)

# With the holder gone, the reload fix unloads and loads the drivers: the HDA card is card 0.
s.expect_rc("reload", 0)
s.expect_equal(s.card0_driver("cards-after"), "HDA-Intel", "cards-after: card 0's driver")
s.expect_status(s.json("check-after"), CHECK, "pass", "check-after")

raise SystemExit(s.finish())
