"""Measures what QEMU's wav audio backend recorded from the emulated codec (stdlib only)."""
import math
import struct
import wave


class Recording:
    """A 16-bit PCM WAV file, one list of samples per channel."""

    def __init__(self, path):
        with wave.open(path, "rb") as w:
            if w.getsampwidth() != 2:
                raise ValueError(f"{path}: {8 * w.getsampwidth()}-bit samples, expected 16-bit")
            self.rate = w.getframerate()
            self.channels = w.getnchannels()
            frames = w.getnframes()
            data = struct.unpack(f"<{frames * self.channels}h", w.readframes(frames))
        self.samples = [list(data[c::self.channels]) for c in range(self.channels)]
        self.frames = frames

    @property
    def seconds(self):
        return self.frames / self.rate

    def part(self, channel, start_s, end_s):
        """The samples of one channel between two times."""
        start = max(0, int(start_s * self.rate))
        end = min(self.frames, int(end_s * self.rate))
        return self.samples[channel][start:end]


def rms(samples):
    return math.sqrt(sum(x * x for x in samples) / len(samples)) if samples else 0.0


def peak(samples):
    return max((abs(x) for x in samples), default=0)


def zero_crossing_hz(samples, rate):
    """The frequency of a pure tone from how often it crosses zero (twice a cycle)."""
    crossings = sum(1 for a, b in zip(samples, samples[1:]) if (a < 0) != (b < 0))
    return crossings / 2 / (len(samples) / rate) if samples else 0.0


def power_share_at(samples, rate, hz):
    """The share of the signal's power at one frequency (Goertzel): about 1 for a pure tone."""
    if not samples:
        return 0.0
    coeff = 2 * math.cos(2 * math.pi * hz / rate)
    s1 = s2 = 0.0
    for x in samples:
        s1, s2 = x + coeff * s1 - s2, s1
    power_at = s1 * s1 + s2 * s2 - coeff * s1 * s2  # |X(hz)|^2
    total = sum(x * x for x in samples)
    # A sine of amplitude A over N samples gives |X|^2 = (A N / 2)^2 and total power A^2 N / 2.
    return (2 * power_at / len(samples)) / total if total else 0.0


def block_power_share_at(samples, rate, hz, block_s=0.1):
    """power_share_at() block by block, the median of the blocks: a tone whose phase jumps
    where QEMU's audio output skipped or repeated a period (a busy host) keeps its share in
    every block but the one with the jump, where over the whole signal the parts cancel (0.34
    for a clean, loud 1 kHz tone with such jumps)."""
    size = max(1, int(rate * block_s))
    shares = sorted(power_share_at(samples[i:i + size], rate, hz)
                    for i in range(0, len(samples) - size + 1, size))
    return shares[len(shares) // 2] if shares else 0.0


def loud_share(samples, rate, threshold, block_s=0.05):
    """The share of blocks of block_s seconds whose RMS is above threshold."""
    size = max(1, int(rate * block_s))
    blocks = [samples[i:i + size] for i in range(0, len(samples) - size + 1, size)]
    return sum(1 for b in blocks if rms(b) > threshold) / len(blocks) if blocks else 0.0
