# Benchmark report-speed (run only when named: scripts/bench): `sndoctor report` and `check` against
# Debian's alsa-info.sh on the same system, a Debian guest whose HDA card works, so both do
# their full work (codecs, mixer, modules). Each runs RUNS times with the guest's address-space
# randomisation off and RAW_RUNS times with it on, taking turns; the times come from bash's
# $EPOCHREALTIME. report-speed.py prints the figures and asserts nothing about them.
. /tests/lib.sh

RUNS=15
RAW_RUNS=6
# The linker's cache, as every Debian system has one (report-speed.prepare says why the guest
# gets Debian's programs here).
ldconfig
vm_load snd-hda-intel
vm_wait_codec 0

# The warm-ups also show that both wrote a full report (the host checks the codec section).
vm_run warm-sndoctor sh -c 'sndoctor report >/tmp/sndoctor.txt'
vm_run warm-sndoctor-codec grep -c '^Codec: ' /tmp/sndoctor.txt
vm_run warm-sndoctor-pci sed -n '/^!!PCI Soundcards/,/^!!Modprobe/p' /tmp/sndoctor.txt
vm_run warm-alsa-info sh -c '/usr/sbin/alsa-info --stdout --no-upload >/tmp/alsa-info.txt'
vm_run warm-alsa-info-codec grep -c '^Codec: ' /tmp/alsa-info.txt
vm_run warm-alsa-info-pci sed -n '/^!!PCI Soundcards/,/^!!Modprobe/p' /tmp/alsa-info.txt

# The programs take turns, so that a slower or faster spell of the host (QEMU shares it) falls
# on all of them alike; each run is timed alone. The clock is bash's $EPOCHREALTIME, in
# microseconds and read by the shell itself (no program starts inside a time); /proc/uptime,
# which busybox's shell could read, counts in 10 ms steps, a twelfth of a report. bash is in the
# guest anyway: alsa-info.sh is a bash script.
# Both programs write their report to standard output: `report -o FILE` would add an atomic
# write with fsync that alsa-info's --stdout does not make.
#
# After alsa-info the driver lets the card sleep, and the next program to read a codec file
# wakes it: some 500 ms in this guest, the driver's wait, not the program's work. That fell on
# whichever program came next (`check`, which looked three times slower than `report`). So the
# card is woken, untimed, before every timed run: no program pays for another's sleep.
#
# QEMU's TCG (Debian 12 has 7.2, with no PC-relative translation for x86) keys the code it has
# translated by the guest's virtual address. With address-space randomisation every run of a
# program, and of each library it loads, lands at new addresses, so all the code it runs is
# translated again: in this guest /usr/bin/true took 20 to 40 ms with it, 10 to 20 ms without.
# A real CPU has no such cost. So the rounds run with the guest's randomisation off, for both
# programs alike, after one untimed run of each (whose code is then translated, as a real CPU
# needs no translating at all); then RAW_RUNS rounds with it on, whose figures
# report-speed.py prints too. The two are not interleaved: a program's first run after the
# setting changes translates its code anew (some 400 ms more for the report here).
# One line a round: the setting of kernel.randomize_va_space, then the clock before and after
# each of report, alsa-info, --version and check.
cat >/tmp/round.bash <<'ROUND'
wake() { cat /proc/asound/card0/codec#0 >/dev/null 2>&1; }
wake
r0=$EPOCHREALTIME
sndoctor report >/dev/null 2>&1
r1=$EPOCHREALTIME
wake
a0=$EPOCHREALTIME
/usr/sbin/alsa-info --stdout --no-upload >/dev/null 2>&1
a1=$EPOCHREALTIME
# What starting the program costs here (loading Debian's libasound, libpci, libudev...), the
# part of a report no code of sndoctor's can shorten.
v0=$EPOCHREALTIME
sndoctor --version >/dev/null 2>&1
v1=$EPOCHREALTIME
wake
# `sndoctor check` on the same system, the other half of the issue's comparison.
c0=$EPOCHREALTIME
sndoctor check >/dev/null 2>&1
c1=$EPOCHREALTIME
echo "$1 $r0 $r1 $a0 $a1 $v0 $v1 $c0 $c1" >>/tmp/times
ROUND
round() { bash /tmp/round.bash "$1"; }
: >/tmp/times
for aslr in 0 2; do
    echo "$aslr" >/proc/sys/kernel/randomize_va_space
    runs=$RUNS
    if [ "$aslr" = 0 ]; then
        round warm-up
    else
        runs=$RAW_RUNS
    fi
    i=0
    while [ "$i" -lt "$runs" ]; do
        round "$aslr"
        i=$((i + 1))
    done
done
vm_run times cat /tmp/times
