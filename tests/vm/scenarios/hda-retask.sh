# Scenario hda-retask: pin 0x03 of QEMU's codec (a line out jack) retasked live to an internal
# speaker through sysfs (user_pin_configs, then reconfig): the driver parses the codec again and
# sees a speaker. While a program holds the card nothing is written and the program is named.
# `hda persist` then carries the override; `--reset` gives the pin its own value back.
# Assertions: hda-retask.py.
. /tests/lib.sh

vm_load snd-hda-intel
vm_wait_codec 0
vm_run retask sndoctor hda retask --card 0 --codec 0 0x03=0x90170110 --yes
vm_wait_codec 0
vm_run user-pins cat /sys/class/sound/hwC0D0/user_pin_configs
vm_run speaker sh -c 'dmesg | grep -c "type:speaker"'
vm_run persist sndoctor hda persist --card 0 --codec 0 --dry-run

# A program with the card's control device open: the retask must not reconfigure under it.
sleep 600 </dev/snd/controlC0 &
holder=$!
vm_run retask-busy sndoctor hda retask --card 0 --codec 0 0x03=0x01014010 --yes
kill "$holder"
wait "$holder" 2>/dev/null

vm_run reset sndoctor hda retask --card 0 --codec 0 --reset --yes
vm_wait_codec 0
vm_run user-pins-reset cat /sys/class/sound/hwC0D0/user_pin_configs
