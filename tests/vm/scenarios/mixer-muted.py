"""Scenario mixer-muted: the live mixer muted, unmuted by the fix, muted again by undo."""
import re

from vmtest import Scenario

s = Scenario.from_argv()


def master(name):
    """(switch, percent) of every channel amixer printed for Master: [("off", 60), ...]."""
    run = s.run(name)
    if run is None:
        return []
    found = [(m.group(2), int(m.group(1)))
             for m in re.finditer(r"\[(\d+)%\].*?\[(on|off)\]", run.stdout)]
    s.expect(found, f"{name}: no Master level in {run.stdout!r}")
    return found


s.expect(all(switch == "off" for switch, _ in master("amixer-before")), "amixer-before: muted")
before = s.expect_status(s.json("check-before"), "mixer.muted", "fail", "check-before")
s.expect_evidence(before, lambda e: "Master Playback Switch" in e.get("text", "")
                  and e.get("path") == "/dev/snd/controlC0", "Master on controlC0", "check-before")

s.expect_rc("fix", 0)
after = master("amixer-after")
s.expect(all(switch == "on" and percent <= 70 for switch, percent in after),
         f"amixer-after: Master on at 70 % or less, got {after}")
state = s.run("state-after")
s.expect(state is not None and "true" in state.stdout and "false" not in state.stdout,
         "state-after: alsactl stored Master Playback Switch on")
s.expect_status(s.json("check-after"), "mixer.muted", "pass", "check-after")

s.expect_rc("undo", 0)
s.expect(all(switch == "off" for switch, _ in master("amixer-undone")),
         "amixer-undone: Master muted again")
s.expect_status(s.json("check-undone"), "mixer.muted", "fail", "check-undone")

raise SystemExit(s.finish())
