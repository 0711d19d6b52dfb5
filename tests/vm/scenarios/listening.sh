# vm-audio: wav
# Scenario listening: QEMU writes what the codec outputs to a WAV file on the host (the line
# above asks the runner for it). The guest plays a 1 kHz sine with Master muted, then unmuted;
# listening.py proves silence in the first part and the tone in the second, using the uptimes
# around each play to find where one part ends in the recording.
. /tests/lib.sh

# One loop on the front left channel only (-s 1), which speaker-test plays for about 5 s; a 1 s
# ring buffer instead of its default 20 s one, so that little is queued when the play ends.
tone() {
    speaker-test -D plughw:0,0 -c 2 -r 48000 -t sine -f 1000 -l 1 -s 1 -b 1000000 -p 250000
}

vm_load snd-hda-intel
vm_wait_codec 0
vm_run mute amixer -c 0 sset Master 100% mute
vm_run t0 cat /proc/uptime
vm_run play-muted tone
vm_run t1 cat /proc/uptime
vm_run unmute amixer -c 0 sset Master 100% unmute
vm_run t2 cat /proc/uptime
vm_run play-unmuted tone
vm_run t3 cat /proc/uptime
