# Scenario healthy: a plain Debian system whose HDA card works. sndoctor check should report
# nothing to fix. Assertions: healthy.py.
. /tests/lib.sh

vm_load snd-hda-intel
vm_wait_codec 0
# Debian's udev rule (90-alsa-restore.rules) runs 'alsactl restore', which falls back to
# 'alsactl init' when nothing is saved, so a user never meets the driver's muted defaults. No
# udev runs here: the scenario does what it would.
alsactl init 0 >/dev/null 2>&1
vm_run cards cat /proc/asound/cards
vm_run check sndoctor check --json --user alice

# A mixer state as alsactl saves it for this card, with the output audible: the state-file check
# reads a real file written by alsa-utils.
vm_run unmute amixer -c 0 sset Master 80% unmute
vm_run store alsactl store
vm_run check-state sndoctor check --json --only alsa.state-file

# The HDA core: the real /proc codec file, and a verb through the real hwdep device.
vm_run hda-dump sndoctor hda dump --card 0 --codec 0 --json
vm_run hda-verb sndoctor hda verb 0x00 PARAMETERS VENDOR_ID --json

# The report: written from the live system, read back and checked offline. The kernel log as
# dmesg prints it just before, for its ALSA/HDA dmesg section.
vm_run dmesg dmesg
vm_run report sndoctor report -o /tmp/report.txt
vm_run report-codec grep -c '^Codec: QEMU Generic' /tmp/report.txt
vm_run report-check sndoctor check --report /tmp/report.txt --json
vm_run report-json sndoctor report --format json

# The report's sections of alsa-utils programs, gathered through alsa-lib, next to what the
# programs themselves print (alsa-info.sh runs exactly these; amixer's -c takes the index as
# well as the id). Nothing changes the mixer between the report and these runs.
vm_run report-text cat /tmp/report.txt
vm_run aplay-l aplay -l
vm_run arecord-l arecord -l
vm_run amixer-info amixer -c 0 info
vm_run amixer-contents amixer -c 0
vm_run alsactl-store alsactl -f - store
# Without the right to open /dev/snd/controlC0 (root's, mode 0600, as no udev runs here) those
# sections are left out and the report says which device it could not open.
vm_run control-mode ls -l /dev/snd/controlC0
vm_run report-user su -s /bin/sh alice -c 'sndoctor report --format json'
