# Scenario virmidi-held: as virmidi-first, but a program has the HDA card's control device open.
# The fix writes the option, then names the program instead of reloading the drivers; once the
# program has ended, the reload fix finishes the work. Assertions: virmidi-held.py.
. /tests/lib.sh

vm_load snd-virmidi snd-hda-intel
vm_wait_codec 1
# A stand-in for a sound server: a process holding /dev/snd/controlC1 open.
sleep 600 </dev/snd/controlC1 &
holder=$!
vm_run fix sndoctor fix cards.virmidi-index --yes
vm_run cards-held cat /proc/asound/cards
vm_run check-held sndoctor check --json --only cards.virmidi-index
kill "$holder"
wait "$holder" 2>/dev/null
vm_run reload sndoctor fix cards.reload-modules --yes
vm_run cards-after cat /proc/asound/cards
vm_run check-after sndoctor check --json --only cards.virmidi-index
