"""Scenario unprivileged: a fix that needs root stops cleanly, says how to run it, changes nothing."""
from vmtest import Scenario

s = Scenario.from_argv()


s.expect_equal(s.card0_driver("cards-before"), "VirMIDI", "cards-before: card 0's driver")
whoami = s.run("whoami")
if whoami is not None:
    s.expect_equal(whoami.stdout.strip(), "1000", "whoami: su runs the command as alice's uid")

s.expect_rc("fix", 4)  # 4: needs root, nothing was changed
fix = s.run("fix")
if fix is not None:
    s.expect(any("sudo sndoctor fix" in line for line in fix.stdout.split("\n")),
             f"fix: no line with the command to run as root ('sudo sndoctor fix ...'): "
             f"{fix.stdout!r}")

# Nothing changed: no option file, no journal, VirMIDI still card 0.
s.expect_rc("conf-after", 1)
s.expect_rc("journal-after", 1)
s.expect_equal(s.card0_driver("cards-after"), "VirMIDI", "cards-after: card 0's driver")

# The hwdep verb as alice: refused by the kernel; exit 4 (needs root), and the message names the
# node and the permission it lacks.
s.expect_rc("verb", 4)
verb = s.run("verb")
if verb is not None:
    s.expect("/dev/snd/hwC1D0" in verb.stderr and "CAP_SYS_RAWIO" in verb.stderr
             and "the audio group is not enough" in verb.stderr,
             f"verb: the message does not name the node, CAP_SYS_RAWIO and the audio group: "
             f"{verb.stderr!r}")

raise SystemExit(s.finish())
