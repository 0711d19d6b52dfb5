# Scenario mixer-muted: mixer.muted reads the running card's controls through alsa-lib, and
# mixer.unmute switches them on with amixer, saves them with alsactl store, and undo sets the
# old values back. Assertions: mixer-muted.py.
. /tests/lib.sh

vm_load snd-hda-intel
vm_wait_codec 0

amixer -q -c 0 sset Master 60% mute
vm_run amixer-before amixer -c 0 sget Master
vm_run check-before sndoctor check --only mixer.muted --json
vm_run fix sndoctor fix mixer.unmute --yes
vm_run amixer-after amixer -c 0 sget Master
vm_run state-after grep -A3 "name 'Master Playback Switch'" /var/lib/alsa/asound.state
vm_run check-after sndoctor check --only mixer.muted --json
vm_run undo sndoctor undo
vm_run amixer-undone amixer -c 0 sget Master
vm_run check-undone sndoctor check --only mixer.muted --json
