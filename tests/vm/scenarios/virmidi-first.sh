# Scenario virmidi-first: snd-virmidi loads before the HDA driver and takes card 0, so programs
# playing to the default card hear nothing. sndoctor finds it, writes the modprobe option, reloads
# the sound modules so the HDA card is card 0 again, and undo takes the option back.
# Assertions: virmidi-first.py.
. /tests/lib.sh

vm_load snd-virmidi snd-hda-intel
vm_wait_codec 1
vm_run cards-before cat /proc/asound/cards
vm_run check-before sndoctor check --json --only cards.virmidi-index
vm_run fix sndoctor fix cards.virmidi-index --yes
vm_run conf cat /etc/modprobe.d/50-sndoctor.conf
vm_run cards-after cat /proc/asound/cards
vm_run check-after sndoctor check --json --only cards.virmidi-index
vm_run undo sndoctor undo
vm_run conf-after-undo test -e /etc/modprobe.d/50-sndoctor.conf
# Undo moves what the fix created into the journal: the file must be there, not deleted.
vm_run journal grep -rl 'options snd-virmidi index=-2' /var/lib/sndoctor/journal
