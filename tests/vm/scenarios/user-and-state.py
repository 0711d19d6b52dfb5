"""Scenario user-and-state: gpasswd and alsactl store, run by fixes on a live system, and undo."""
from vmtest import Scenario

s = Scenario.from_argv()


def stdout_of(name):
    run = s.run(name)
    return run.stdout.strip() if run is not None else None


# user.audio-group: bob is not in audio; the fix adds him with gpasswd; undo takes it back.
s.expect_status(s.json("group-before"), "user.audio-group", "fail", "group-before")
s.expect_rc("group-fix", 0)
s.expect_equal(stdout_of("group-line"), "audio:x:29:alice,bob", "group-line: /etc/group")
s.expect_status(s.json("group-after"), "user.audio-group", "pass", "group-after")
s.expect_rc("group-undo", 0)
s.expect_equal(stdout_of("group-line-undone"), "audio:x:29:alice", "group-line-undone")

# alsa.state-file: the state is for a card that is gone; the fix sets it aside and alsactl
# stores the present card's state; undo brings the old file back.
before = s.json("state-before")
s.expect_status(before, "alsa.state-file", "warn", "state-before")
s.expect_rc("state-fix", 0)
s.expect_equal(stdout_of("state-cards"), "state.Intel {", "state-cards: the fresh state")
s.expect_status(s.json("state-after"), "alsa.state-file", "pass", "state-after")
s.expect_rc("state-undo", 0)
s.expect_equal(stdout_of("state-cards-undone"), "state.Gone {", "state-cards-undone")

raise SystemExit(s.finish())
