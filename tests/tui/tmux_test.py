#!/usr/bin/env python3
"""The assistant end to end: the real binary in a detached tmux session (80x24 and 120x40), driven
by send-keys and read back with capture-pane, on a temporary copy of the demo system.

Every wait polls the screen until the expected text shows or a deadline passes, so the test is as
fast as the program and never sleeps a fixed time. Writes a JUnit report next to GoogleTest's when
GTEST_OUTPUT names a directory (scripts/test counts them)."""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET

# Absolute: the session starts in the test's own directory (where the report is written).
BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.environ["SNDOCTOR_BIN"])
DEMO = os.environ["SNDOCTOR_DEMO"]
DEADLINE_S = 15


class Session:
    """One tmux server of its own (a private socket), one session running sndoctor."""

    def __init__(self, work, width, height, args, env=None, as_uid=None):
        self.socket = str(work / "tmux.sock")
        self.work = work
        # The server runs without daemon(3) (-D), which fails where /dev/null is not the device
        # (some containers), started by a shell in the background as tmux itself would be: a
        # server that is this script's direct child never delivered send-keys to its pane.
        # close() ends it with kill-server.
        subprocess.run(["sh", "-c", '(tmux -D -u -S "$1" -f /dev/null </dev/null >/dev/null 2>&1 &)',
                        "sh", self.socket], check=True)
        deadline = time.monotonic() + DEADLINE_S
        while not os.path.exists(self.socket):
            if time.monotonic() > deadline:
                raise AssertionError("the tmux server did not start")
            time.sleep(0.01)
        # The server stays this user's; only the program in the pane drops to `as_uid`.
        command = [] if as_uid is None else [
            "setpriv", f"--reuid={as_uid}", f"--regid={as_uid}", "--clear-groups"]
        command += ["env", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "SUDO_USER="]
        command += [f"{k}={v}" for k, v in (env or {}).items()]
        command += [BIN] + args
        self.tmux("new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height), "-c",
                  str(work), " ".join(shell_quote(c) for c in command))

    def tmux(self, *args, check=True):
        return subprocess.run(["tmux", "-u", "-S", self.socket, *args], capture_output=True,
                              text=True, check=check)

    def screen(self):
        return self.tmux("capture-pane", "-p", "-t", "t").stdout

    def keys(self, *keys):
        self.tmux("send-keys", "-t", "t", *keys)

    def literal(self, text):
        self.tmux("send-keys", "-t", "t", "-l", text)

    def wait_for(self, *texts, absent=()):
        deadline = time.monotonic() + DEADLINE_S
        while True:
            screen = self.screen()
            if all(t in screen for t in texts) and not any(t in screen for t in absent):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"waited for {texts} (and not {absent}); the screen:\n{screen}")
            time.sleep(0.02)

    def wait_for_any(self, *texts):
        deadline = time.monotonic() + DEADLINE_S
        while True:
            screen = self.screen()
            if any(t in screen for t in texts):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"waited for one of {texts}; the screen:\n{screen}")
            time.sleep(0.02)

    def wait_for_exit(self):
        deadline = time.monotonic() + DEADLINE_S
        while self.tmux("has-session", "-t", "t", check=False).returncode == 0:
            if time.monotonic() > deadline:
                raise AssertionError("sndoctor did not exit; the screen:\n" + self.screen())
            time.sleep(0.02)

    def close(self):
        self.tmux("kill-server", check=False)


def shell_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


def copy_demo(work):
    root = work / "root"
    # copy2 keeps times (depmod staleness depends on them), symlinks stay links.
    shutil.copytree(DEMO, root, symlinks=True, copy_function=shutil.copy2)
    return root


def check_json(root):
    """The checks as `sndoctor check --json` finds them on `root`, in the screen's order."""
    run = subprocess.run([BIN, "check", "--root", str(root), "--user", "alex", "--json"],
                         capture_output=True, text=True, env={**os.environ, "SUDO_USER": ""})
    return json.loads(run.stdout)["checks"]


def check_order(root):
    """The check ids in the order the checks screen lists them."""
    return [check["id"] for check in check_json(root)]


def tally(root):
    """What the status bar says once every check ran: the closing line of `sndoctor check` on
    the same root ("6 failed, 2 warned"), so that a new check does not break this test."""
    run = subprocess.run([BIN, "check", "--root", str(root), "--user", "alex", "--no-color"],
                         capture_output=True, text=True, env={**os.environ, "SUDO_USER": ""})
    lines = [line for line in run.stdout.split("\n") if line.strip()]
    closing = next(line for line in lines if line[0].isdigit() and line.endswith("."))
    return closing.rstrip(".")


def the_whole_flow(width, height):
    """Open, navigate, filter, fix, see it pass, undo, export, resize, quit."""
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        root = copy_demo(work)
        counts = tally(root)
        s = Session(work, width, height, ["--root", str(root), "--user", "alex"])
        try:
            screen = s.wait_for("sndoctor 0.1.0", str(root), counts)
            assert len(screen.rstrip("\n").split("\n")) <= height
            assert "✗ FAIL  kernel.build-match" in screen, screen
            # Navigate: the selected check's name heads the detail pane.
            order = check_order(root)
            s.keys("Down")
            s.wait_for(f"─ {order[1]} ")
            s.literal("j")
            s.wait_for(f"─ {order[2]} ")
            s.keys("End")
            s.wait_for(f"─ {order[-1]} ")
            s.literal("k")
            s.wait_for(f"─ {order[-2]} ")
            s.keys("Home")
            s.wait_for(f"─ {order[0]} ")
            s.keys("Tab")
            s.wait_for("(Tab: back to the list)")
            s.keys("Tab")
            # Filter: only the audio group check stays.
            s.literal("/user.audio-group")
            s.wait_for("Filter: user.audio-group_")
            s.keys("Enter")
            screen = s.wait_for("user.audio-group", 'filter "user.audio-group"',
                                absent=("kernel.build-match",))
            # Fix it: the plan, then y applies, the checks run again, and the check passes.
            s.literal("f")
            s.wait_for("Fix user.audio-group", "+++ b/etc/group")
            s.literal("y")
            screen = s.wait_for("Applied; journal entry", "user.audio-group: pass")
            assert "alex" in (root / "etc/group").read_text().split("audio:")[1].split("\n")[0]
            s.literal("q")
            s.wait_for("✓ PASS  user.audio-group")
            # The history lists it; u takes it back.
            s.literal("h")
            s.wait_for("History", "user.add-to-audio", "applied")
            s.literal("q")
            s.literal("u")
            s.wait_for("Undone:", "user.audio-group: fail")
            assert "alex" not in (root / "etc/group").read_text().split("audio:")[1].split("\n")[0]
            s.literal("q")
            s.wait_for("✗ FAIL  user.audio-group")
            # Clear the filter, export the report.
            s.literal("/")
            s.keys("Escape")
            s.wait_for("kernel.build-match")
            s.literal("e")
            screen = s.wait_for("Report written", str(work))
            reports = sorted(p.name for p in work.glob("sndoctor-report-*"))
            assert len(reports) == 2 and reports[0].endswith(".json"), reports
            json.loads((work / reports[0]).read_text())
            assert (work / reports[1]).stat().st_size > 0
            s.literal("q")
            # Help, then a resize redraws at the new size.
            s.keys("F1")
            s.wait_for("Help", "filter by id")
            s.keys("Escape")
            s.tmux("resize-window", "-t", "t", "-x", str(width + 20), "-y", str(height + 6))
            screen = s.wait_for(counts)
            lines = screen.rstrip("\n").split("\n")
            deadline = time.monotonic() + DEADLINE_S
            while len(lines) < height + 6 and time.monotonic() < deadline:
                lines = s.screen().rstrip("\n").split("\n")
            assert len(lines) == height + 6, f"{len(lines)} lines after the resize"
            assert counts in lines[-1], lines[-1]
            s.literal("q")
            s.wait_for_exit()
        finally:
            s.close()


def test_80x24():
    the_whole_flow(80, 24)


def test_120x40():
    the_whole_flow(120, 40)


def test_guided_path_fixes_the_demo():
    """g walks through every wrong check of a demo copy, y y applies each fix, and the summary
    comes after the last; the checks it fixed show as pass or info on the checks screen."""
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        root = copy_demo(work)
        counts = tally(root)
        wrong = [c["id"] for c in check_json(root) if c["status"] in ("fail", "warn", "error")]
        # Tall enough for the whole list, so every check's line can be read afterwards.
        s = Session(work, 100, 45, ["--root", str(root), "--user", "alex"])
        try:
            s.wait_for(counts, "g start here")
            s.literal("g")
            s.wait_for(f"Start here, 1 of {len(wrong)}: {wrong[0]}")
            for _ in range(2 * len(wrong)):
                screen = s.screen()
                if "Start here: what was done" in screen:
                    break
                step = next(line for line in screen.split("\n") if "Start here, " in line)
                s.literal("y")
                # The plan page's footer: y applies it, or it only closes.
                screen = s.wait_for_any("y apply |", "any key closes", "any other key closes")
                if "y apply |" in screen:
                    s.literal("y")
                    s.wait_for("Applied; journal entry")
                s.keys("Enter")
                screen = s.wait_for_any("Start here: what was done", "Start here, ")
                if step in screen:  # nothing could be applied here: go on without it
                    s.literal("n")
                    s.wait_for(absent=(step,))
            s.wait_for("Start here: what was done", "Fixed (pass")
            s.literal("q")
            screen = s.wait_for("g start here")
            after = {c["id"]: c["status"] for c in check_json(root)}
            fixed = [i for i in wrong if after[i] in ("pass", "info")]
            # What the summary leaves to the person: a package to remove, and the demo's HDMI
            # audio function that no driver took (a driver reload, which only the running
            # system can do, is its fix).
            assert set(wrong) - set(fixed) == {"portage.alsa-driver-mask", "pci.driver-bound"}, after
            for check in fixed:
                assert f"✓ PASS  {check}" in screen or f"i INFO  {check}" in screen, screen
            s.literal("q")
            s.wait_for_exit()
        finally:
            s.close()


def test_demo_works_on_a_temporary_copy():
    """Without a root the demo opens (as on a machine with no card) and says so; a fix changes
    only its copy, which is gone after q."""
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        tmpdir = work / "tmp"
        tmpdir.mkdir()
        s = Session(work, 80, 24, ["--demo"], env={"TMPDIR": str(tmpdir)})
        try:
            s.wait_for("DEMO system", tally(DEMO))
            copies = list(tmpdir.iterdir())
            assert len(copies) == 1 and copies[0].name.startswith("sndoctor-demo-"), copies
            s.literal("/user.audio-group")
            s.keys("Enter")
            s.wait_for('filter "user.audio-group"')
            s.literal("f")
            s.wait_for("Apply these changes?")
            s.literal("y")
            s.wait_for("Applied; journal entry")
            assert (copies[0] / "demo/var/lib/sndoctor/journal").is_dir()
            s.literal("q")
            s.literal("q")
            s.wait_for_exit()
        finally:
            s.close()
        assert not any(tmpdir.iterdir()), list(tmpdir.iterdir())
        assert not (pathlib.Path(DEMO) / "var/lib/sndoctor").exists()


def test_codec_lab_switches_eapd():
    """c opens the codec lab on a demo copy: Enter on its Realtek, the cursor to the speaker pin
    0x14, e switches its EAPD on through the emulated codec, and the verb is in the experiment
    log inside the copy; p shows the boot fix's plan, which any key but y cancels."""
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        root = copy_demo(work)
        s = Session(work, 80, 24, ["--root", str(root), "--user", "alex"])
        try:
            s.wait_for(tally(root))
            s.literal("c")
            s.wait_for("Codec lab: the HD-Audio codecs (emulated)", "Realtek ALC3246")
            s.keys("Enter")
            s.wait_for("Realtek ALC3246 (emulated)", "0x14  off")
            s.literal("jjj")
            s.wait_for("> 0x14")
            s.literal("e")
            s.wait_for("0x14  on", "SET_EAPD_BTLENABLE 0x02  (was 0x00)")
            log = (root / "var/lib/sndoctor/hda/experiment-1-0.jsonl").read_text()
            assert '"verb":1804,"payload":2' in log, log
            s.literal("p")
            s.wait_for("Make persistent: card 1 codec 0", "sndoctor-hda.fw")
            s.literal("n")
            s.wait_for("Realtek ALC3246 (emulated)")
            assert not (root / "lib/firmware/sndoctor-hda.fw").exists()
            s.literal("q")
            s.wait_for("Codec lab: the HD-Audio codecs")
            s.literal("q")
            s.wait_for(absent=("Codec lab",))
            s.literal("q")
            s.wait_for_exit()
        finally:
            s.close()


NOBODY = 65534


def test_sudo_runs_the_fix_for_a_user_without_root():
    """As a user who may not write the root, the fix's plan names the sudo command and s runs
    it: the assistant gives the terminal to sudo (here a stand-in on PATH that records its
    arguments and runs them as the same user, so the fix itself refuses), waits for Enter, and
    comes back with the command's exit status and the checks run again."""
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        work.chmod(0o755)  # the user reads the root and runs the stand-in; writes nothing
        root = copy_demo(work)
        tools = work / "bin"
        tools.mkdir()
        argv_file = work / "sudo-argv" / "argv"
        argv_file.parent.mkdir()
        argv_file.parent.chmod(0o777)
        sudo = tools / "sudo"
        sudo.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$SUDO_ARGV"\n'
                        '[ "$1" = -- ] && shift\nexec "$@"\n')
        sudo.chmod(0o755)
        env = {"PATH": f"{tools}:/usr/sbin:/usr/bin:/sbin:/bin", "SUDO_ARGV": str(argv_file),
               "HOME": str(work)}
        before = (root / "etc/group").read_bytes()
        s = Session(work, 80, 24, ["--root", str(root), "--user", "alex"], env=env,
                    as_uid=NOBODY)
        try:
            s.wait_for(tally(root))
            s.literal("/user.audio-group")
            s.keys("Enter")
            s.wait_for('filter "user.audio-group"')
            s.literal("f")
            s.wait_for("need root privileges", "s run with sudo")
            s.literal("s")
            s.wait_for("Press Enter to return to sndoctor", "[exit status 4]")
            assert argv_file.read_text().split("\n")[:-1] == [
                "--", BIN, "fix", "user.audio-group", "--yes", "--root", str(root), "--user",
                "alex"], argv_file.read_text()
            s.keys("Enter")
            s.wait_for("ended with exit status 4", "Checking again:",
                       "user.audio-group: fail")
            assert (root / "etc/group").read_bytes() == before
            s.literal("q")
            s.literal("q")
            s.wait_for_exit()
        finally:
            s.close()


def main():
    tests = [test_80x24, test_120x40, test_guided_path_fixes_the_demo,
             test_demo_works_on_a_temporary_copy, test_codec_lab_switches_eapd,
             test_sudo_runs_the_fix_for_a_user_without_root]
    suite = ET.Element("testsuite", name="TuiTmux", tests=str(len(tests)))
    failed = 0
    for test in tests:
        started = time.monotonic()
        case = ET.SubElement(suite, "testcase", classname="TuiTmux", name=test.__name__)
        try:
            test()
            print(f"[       OK ] {test.__name__} ({time.monotonic() - started:.1f} s)")
        except Exception:  # a failed assertion or a tmux that would not start
            failed += 1
            ET.SubElement(case, "failure", message="failed").text = traceback.format_exc()
            print(f"[  FAILED  ] {test.__name__}\n{traceback.format_exc()}")
        case.set("time", f"{time.monotonic() - started:.3f}")
    suite.set("failures", str(failed))
    output = os.environ.get("GTEST_OUTPUT", "")
    if output.startswith("xml:") and output.endswith("/"):
        directory = pathlib.Path(output[4:])
        directory.mkdir(parents=True, exist_ok=True)
        ET.ElementTree(suite).write(directory / "tui-tmux.xml", encoding="unicode")
    print(f"{len(tests) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
