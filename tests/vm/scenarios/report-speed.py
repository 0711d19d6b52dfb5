"""Benchmark report-speed: prints the wall time of one `sndoctor report` and of one alsa-info.sh
run in the same guest, and their ratio (the report issue's goal is at least 20x). Only that both
ran and wrote the codec section is asserted; a time is a figure, never a pass/fail."""
from vmtest import Scenario

s = Scenario.from_argv()
for name in ("warm-sndoctor", "warm-alsa-info"):
    s.expect_rc(name, 0)
for name in ("warm-sndoctor-codec", "warm-alsa-info-codec"):
    run = s.run(name)
    s.expect(run is not None and run.stdout.strip() == "1", f"{name}: no 'Codec:' line written")
# QEMU's HDA controller, named on the live system (from udev's hwdb when the guest has one).
pci = s.run("warm-sndoctor-pci")
s.expect(pci is not None and "(ICH6 Family) High Definition Audio Controller" in pci.stdout,
         f"warm-sndoctor-pci: the controller is not named: {pci.stdout if pci else None!r}")



runs_run = s.run("runs")
runs = int(runs_run.stdout.strip()) if runs_run else 0
t0, t1, t2, t3, t4 = (s.uptime(f"t{i}") for i in range(5))
if runs > 0 and None not in (t0, t1, t2, t3, t4) and t1 > t0 and t4 > t3:
    sndoctor_ms = (t1 - t0) * 1000 / runs
    alsa_info_ms = (t2 - t1) * 1000 / runs
    startup_ms = (t3 - t2) * 1000 / runs
    check_ms = (t4 - t3) * 1000 / runs
    print(f"sndoctor report (whole program)   {sndoctor_ms:9.1f} ms per run ({runs} runs)")
    print(f"sndoctor check (whole program)    {check_ms:9.1f} ms per run ({runs} runs)")
    print(f"alsa-info --stdout --no-upload    {alsa_info_ms:9.1f} ms per run ({runs} runs)")
    print(f"sndoctor --version (startup)      {startup_ms:9.1f} ms per run ({runs} runs)")
    print(f"ratio: report is {alsa_info_ms / sndoctor_ms:.1f}x faster (goal: at least 20x), "
          f"check {alsa_info_ms / check_ms:.1f}x; guest under QEMU TCG, times from /proc/uptime "
          "(10 ms steps)")
    # For scripts/bench-table, which gathers every benchmark's figures into one table.
    print(f"FIGURE vm.report {sndoctor_ms:.1f} ms")
    print(f"FIGURE vm.check {check_ms:.1f} ms")
    print(f"FIGURE vm.alsa-info {alsa_info_ms:.1f} ms")
raise SystemExit(s.finish())
