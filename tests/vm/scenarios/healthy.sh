# Scenario healthy: a plain Debian system whose HDA card works. sndoctor check should report
# nothing to fix. Assertions: healthy.py.
. /tests/lib.sh

vm_load snd-hda-intel
vm_wait_codec 0
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

# The report: written from the live system, read back and checked offline.
vm_run report sndoctor report -o /tmp/report.txt
vm_run report-codec grep -c '^Codec: QEMU Generic' /tmp/report.txt
vm_run report-check sndoctor check --report /tmp/report.txt --json
vm_run report-json sndoctor report --format json
