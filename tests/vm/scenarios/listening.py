"""Scenario listening: the codec's output, recorded by QEMU, is silent while Master is muted and
carries a 1 kHz tone once it is unmuted."""
import os

import wavcheck
from vmtest import Scenario

TONE_HZ = 1000
LEFT = 0  # speaker-test -s 1 plays the front left channel
MARGIN_S = 0.3  # around the switch from one part to the other
s = Scenario.from_argv()

for name in ("mute", "play-muted", "unmute", "play-unmuted"):
    s.expect_rc(name, 0)
for name, state in (("mute", "[off]"), ("unmute", "[on]")):
    run = s.run(name)
    if run is not None:
        s.expect(f"{state}" in run.stdout, f"{name}: amixer does not show Master {state}")



times = [s.uptime(f"t{i}") for i in range(4)]
path = os.path.join(s.workdir, "audio.wav")
if None not in times and s.expect(os.path.exists(path), f"no recording at {path}"):
    rec = wavcheck.Recording(path)
    s.expect(rec.seconds > 2, f"the recording is {rec.seconds:.2f} s long, expected both plays")
    # QEMU writes samples only while a stream plays: the file is the muted play, then the
    # unmuted one, in the proportion of their durations in the guest.
    muted_s, unmuted_s = times[1] - times[0], times[3] - times[2]
    split = rec.seconds * muted_s / (muted_s + unmuted_s)

    muted = [x for c in range(rec.channels) for x in rec.part(c, 0, split - MARGIN_S)]
    s.expect(len(muted) > 0 and wavcheck.peak(muted) == 0,
             f"muted part (0-{split - MARGIN_S:.2f} s) is not silent: peak "
             f"{wavcheck.peak(muted)}, RMS {wavcheck.rms(muted):.1f}")

    tone = rec.part(LEFT, split + MARGIN_S, rec.seconds - MARGIN_S)
    level = wavcheck.rms(tone)
    hz = wavcheck.zero_crossing_hz(tone, rec.rate)
    share = wavcheck.block_power_share_at(tone, rec.rate, TONE_HZ)
    loud = wavcheck.loud_share(tone, rec.rate, 1000)
    print(f"recording {rec.seconds:.2f} s at {rec.rate} Hz; muted part up to {split:.2f} s; "
          f"unmuted part: RMS {level:.0f}, {hz:.1f} Hz by zero crossings, "
          f"{share:.2f} of the power at {TONE_HZ} Hz (median of 0.1 s blocks), "
          f"{loud:.2f} of it loud")
    s.expect(level > 1000, f"unmuted part is too quiet: RMS {level:.1f}")
    s.expect(abs(hz - TONE_HZ) < 10, f"unmuted part: tone at {hz:.1f} Hz, expected {TONE_HZ}")
    s.expect(share > 0.9, f"unmuted part: only {share:.2f} of the power is at {TONE_HZ} Hz")
    s.expect(loud > 0.9, f"unmuted part: only {loud:.2f} of it carries the tone")

raise SystemExit(s.finish())
