# Scenario user-and-state: the two fixes that act through system programs on a live machine.
# user.add-to-audio runs gpasswd for a user outside the audio group; alsa.move-stale-state moves
# a saved mixer state for a card that is gone into the journal and runs 'alsactl store' for the
# card present now. Undo takes each back. Assertions: user-and-state.py.
. /tests/lib.sh

vm_load snd-hda-intel
vm_wait_codec 0

# bob, a second user the installer did not put in audio.
echo 'bob:x:1001:1001:Bob,,,:/home/bob:/bin/sh' >>/etc/passwd
echo 'bob:x:1001:' >>/etc/group
echo 'bob:*::' >>/etc/gshadow
vm_run group-before sndoctor check --json --only user.audio-group --user bob
vm_run group-fix sndoctor fix user.audio-group --user bob --yes
vm_run group-line grep '^audio:' /etc/group
vm_run group-after sndoctor check --json --only user.audio-group --user bob
vm_run group-undo sndoctor undo
vm_run group-line-undone grep '^audio:' /etc/group

# A state saved for a card that is gone: this card's own state, renamed.
amixer -q -c 0 sset Master 80% unmute
alsactl -f /tmp/state store 0
sed 's/^state\.Intel /state.Gone /' /tmp/state >/var/lib/alsa/asound.state
vm_run state-before sndoctor check --json --only alsa.state-file
vm_run state-fix sndoctor fix alsa.state-file --yes
vm_run state-cards grep '^state\.' /var/lib/alsa/asound.state
vm_run state-after sndoctor check --json --only alsa.state-file
vm_run state-undo sndoctor undo
vm_run state-cards-undone grep '^state\.' /var/lib/alsa/asound.state
