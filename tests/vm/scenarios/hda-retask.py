"""Scenario hda-retask: live pin retasking through the kernel's sysfs files, on a real driver."""
from vmtest import Scenario

s = Scenario.from_argv()


def lines_of(name):
    run = s.run(name)
    return [line.strip() for line in run.stdout.split("\n") if line.strip()] if run else []


s.expect_rc("retask", 0)
s.expect_equal(lines_of("user-pins"), ["0x03 0x90170110"], "user-pins: user_pin_configs")
# The generic parser ran again and took the pin for a speaker.
speaker = lines_of("speaker")
s.expect(speaker and speaker[0] != "0", f"speaker: dmesg has no 'type:speaker' ({speaker})")
s.expect_rc("persist", 0)
persist = s.run("persist")
if persist is not None:
    s.expect("+0x03 0x90170110" in persist.stdout,
             f"persist: the override is not in the patch preview: {persist.stdout!r}")

# Busy: refused (1), the holder named, and the override left as it was.
s.expect_rc("retask-busy", 1)
busy = s.run("retask-busy")
if busy is not None:
    text = busy.stdout + busy.stderr
    s.expect("sleep (pid " in text and "/dev/snd/controlC0" in text,
             f"retask-busy: the holder is not named: {text!r}")

s.expect_rc("reset", 0)
s.expect_equal(lines_of("user-pins-reset"), ["0x03 0x00004010"],
               "user-pins-reset: the pin's own value back")

raise SystemExit(s.finish())
