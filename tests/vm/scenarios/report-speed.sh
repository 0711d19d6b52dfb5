# Benchmark report-speed (run only when named: scripts/bench): `sndoctor report` and `check` against
# Debian's alsa-info.sh on the same system, a Debian guest whose HDA card works, so both do
# their full work (codecs, mixer, modules). Each runs RUNS times after one warm-up; the times
# come from /proc/uptime. report-speed.py prints the figures and asserts nothing about them.
. /tests/lib.sh

RUNS=10
vm_load snd-hda-intel
vm_wait_codec 0

# The warm-ups also show that both wrote a full report (the host checks the codec section).
vm_run warm-sndoctor sndoctor report -o /tmp/sndoctor.txt
vm_run warm-sndoctor-codec grep -c '^Codec: ' /tmp/sndoctor.txt
vm_run warm-sndoctor-pci sed -n '/^!!PCI Soundcards/,/^!!Modprobe/p' /tmp/sndoctor.txt
vm_run warm-alsa-info sh -c '/usr/sbin/alsa-info --stdout --no-upload >/tmp/alsa-info.txt'
vm_run warm-alsa-info-codec grep -c '^Codec: ' /tmp/alsa-info.txt

vm_run runs echo "$RUNS"
vm_run t0 cat /proc/uptime
i=0
while [ "$i" -lt "$RUNS" ]; do
    sndoctor report -o /tmp/sndoctor.txt >/dev/null 2>&1
    i=$((i + 1))
done
vm_run t1 cat /proc/uptime
i=0
while [ "$i" -lt "$RUNS" ]; do
    /usr/sbin/alsa-info --stdout --no-upload >/dev/null 2>&1
    i=$((i + 1))
done
vm_run t2 cat /proc/uptime
# What starting the program costs here (loading Debian's libasound, libkmod with libcrypto...),
# the part of a report no code of sndoctor's can shorten.
i=0
while [ "$i" -lt "$RUNS" ]; do
    sndoctor --version >/dev/null 2>&1
    i=$((i + 1))
done
vm_run t3 cat /proc/uptime
# `sndoctor check` on the same system, the other half of the issue's comparison.
i=0
while [ "$i" -lt "$RUNS" ]; do
    sndoctor check >/dev/null 2>&1
    i=$((i + 1))
done
vm_run t4 cat /proc/uptime
