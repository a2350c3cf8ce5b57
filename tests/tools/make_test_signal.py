"""Generate CallCheck's speech-like test signal: ``resources/test-signal/speech-like-16k.wav``.

A source-filter synthesis, numpy only, seeded, so every run writes the same bytes:

* **Voicing**: a glottal source made of harmonics of a pitch contour (``f0`` 100–220 Hz: a falling
  declination per talkspurt with an accent on each syllable). Built additively, harmonic by
  harmonic up to 7.2 kHz, so nothing aliases; harmonic amplitudes fall as ``k^-0.8``, roughly the
  glottal roll-off plus lip radiation.
* **Vocal tract**: five parallel formant resonances whose centre frequencies glide between vowel
  targets (Peterson & Barney averages for /a e i o u æ/), evaluated at every harmonic.
* **Frication**: band-limited noise for /s/, /ʃ/ and /f/ onsets, plus a little breath noise.
* **Timing**: four talkspurts of about 1 s separated by pauses (55 % of the 8 s are speech, as in
  a conversation's talk/pause pattern), syllables of 170–300 ms (≈ 4 Hz syllabic rhythm) with
  dips and stop closures between them. The file begins and ends in a pause so it loops cleanly.
* **Band and level**: 100–7000 Hz (a circular FFT band-pass, so the loop seam stays continuous),
  active speech level −20 dBov (RMS over the talkspurts relative to full scale, 32768), mono
  16-bit 16 kHz: a wideband signal that exercises G.711 (narrowband), G.722 and Opus alike.

Run ``python tests/tools/make_test_signal.py`` to rewrite the file, ``--check`` to verify that the
shipped file matches what this script generates.
"""

from __future__ import annotations

import argparse
import io
import itertools
import sys
import wave
from pathlib import Path

import numpy as np
import numpy.typing as npt

SAMPLE_RATE_HZ = 16_000
DURATION_S = 8.0
SEED = 20_240_611
ACTIVE_LEVEL_DBOV = -20.0
BAND_LOW_HZ = 100.0
BAND_HIGH_HZ = 7_000.0
OUTPUT = Path(__file__).resolve().parents[2] / "resources" / "test-signal" / "speech-like-16k.wav"

TALKSPURTS_S = [(0.30, 1.45), (2.05, 3.15), (3.85, 5.05), (5.80, 6.75)]
"""Speech on-times: 4.40 s of 8 s = 55 % activity, pauses 0.6–1.55 s."""

VOWEL_FORMANTS_HZ = [
    # F1, F2, F3 (Peterson & Barney 1952, adult averages); F4 and F5 are fixed below.
    (730.0, 1_090.0, 2_440.0),  # /a/
    (530.0, 1_840.0, 2_480.0),  # /e/
    (270.0, 2_290.0, 3_010.0),  # /i/
    (570.0, 840.0, 2_410.0),  # /o/
    (300.0, 870.0, 2_240.0),  # /u/
    (660.0, 1_720.0, 2_410.0),  # /æ/
]
FORMANT_4_HZ = 3_400.0
FORMANT_5_HZ = 4_500.0
FORMANT_BANDWIDTHS_HZ = (80.0, 100.0, 140.0, 220.0, 320.0)
FORMANT_GAINS = (1.0, 0.6, 0.35, 0.2, 0.15)
SPECTRAL_FLOOR = 0.06
"""Gain between formants, so the envelope never drops to nothing."""

FRICATIVE_BANDS_HZ = {"s": (4_000.0, 7_000.0), "sh": (2_200.0, 5_000.0), "f": (1_200.0, 7_000.0)}
FRICATIVE_GAINS = {"s": 0.2, "sh": 0.2, "f": 0.1}

FloatArray = npt.NDArray[np.float64]


def make_test_signal() -> npt.NDArray[np.int16]:
    """The test signal as int16 samples at :data:`SAMPLE_RATE_HZ`."""
    rng = np.random.default_rng(SEED)
    n = round(DURATION_S * SAMPLE_RATE_HZ)
    t = np.arange(n) / SAMPLE_RATE_HZ

    voiced_amp = np.zeros(n)
    f0 = np.full(n, 120.0)
    formant_steps = np.zeros((n, 3))
    formant_steps[:] = VOWEL_FORMANTS_HZ[0]
    fricative_amp = {name: np.zeros(n) for name in FRICATIVE_BANDS_HZ}
    active = np.zeros(n, dtype=bool)

    vowel = 0
    for spurt_start_s, spurt_end_s in TALKSPURTS_S:
        i0, i1 = _index(spurt_start_s), _index(spurt_end_s)
        active[i0:i1] = True
        # Pitch declination across the talkspurt (higher at the start of a phrase).
        f0_start, f0_end = rng.uniform(165.0, 205.0), rng.uniform(105.0, 125.0)
        f0[i0:i1] = np.linspace(f0_start, f0_end, i1 - i0)
        for k, (syl_start_s, syl_end_s) in enumerate(_syllables(rng, spurt_start_s, spurt_end_s)):
            vowel = (vowel + int(rng.integers(1, len(VOWEL_FORMANTS_HZ)))) % len(VOWEL_FORMANTS_HZ)
            onset = rng.random()
            vowel_start_s = syl_start_s
            if onset < 0.35:
                name = ("s", "sh", "f")[int(rng.integers(0, 3))]
                vowel_start_s = syl_start_s + rng.uniform(0.06, 0.10)
                fricative_amp[name] += _bump(n, syl_start_s, vowel_start_s + 0.01, 0.015)
            elif onset < 0.6 and k > 0:
                vowel_start_s = syl_start_s + rng.uniform(0.02, 0.04)  # stop closure
            peak = 10 ** (rng.uniform(-5.0, 0.0) / 20)
            voiced_amp += peak * _bump(n, vowel_start_s, syl_end_s, 0.04)
            j0, j1 = _index(syl_start_s), _index(syl_end_s)
            formant_steps[j0:j1] = VOWEL_FORMANTS_HZ[vowel]
            # Syllable accent: a pitch rise peaking mid-vowel.
            centre_s = 0.5 * (vowel_start_s + syl_end_s)
            f0 += rng.uniform(0.0, 25.0) * np.exp(-0.5 * ((t - centre_s) / 0.06) ** 2)
    f0 *= 1.0 + 0.01 * np.sin(2 * np.pi * 4.5 * t)  # slow natural wobble
    f0 = np.clip(f0, 100.0, 220.0)
    formants = _moving_average(formant_steps, _index(0.06))  # coarticulation glides

    voiced = _voiced(f0, formants) * voiced_amp
    noise = rng.standard_normal(n)
    unvoiced = np.zeros(n)
    for name, (low_hz, high_hz) in FRICATIVE_BANDS_HZ.items():
        band = _band_pass(noise, low_hz, high_hz, transition_hz=400.0)
        unvoiced += FRICATIVE_GAINS[name] * fricative_amp[name] * band
    breath = _band_pass(rng.standard_normal(n), 500.0, 5_000.0, transition_hz=400.0)
    signal = voiced + unvoiced + 0.03 * voiced_amp * breath

    signal = _band_pass(signal, BAND_LOW_HZ, BAND_HIGH_HZ, transition_hz=60.0)
    signal[~active] = 0.0  # digital silence in the pauses, like a muted talker
    active_rms = np.sqrt(np.mean(signal[active] ** 2))
    signal *= 32_768.0 * 10 ** (ACTIVE_LEVEL_DBOV / 20) / active_rms
    return np.clip(np.round(signal), -32_768, 32_767).astype(np.int16)


def _index(time_s: float) -> int:
    return round(time_s * SAMPLE_RATE_HZ)


def _syllables(rng: np.random.Generator, start_s: float, end_s: float) -> list[tuple[float, float]]:
    """Split a talkspurt into syllables of 170–300 ms (the last absorbs the remainder)."""
    bounds = [start_s]
    while end_s - bounds[-1] > 0.40:
        bounds.append(bounds[-1] + rng.uniform(0.17, 0.30))
    bounds.append(end_s)
    return list(itertools.pairwise(bounds))


def _bump(n: int, start_s: float, end_s: float, ramp_s: float) -> FloatArray:
    """0 outside ``[start, end]``, 1 inside, with raised-cosine ramps of ``ramp_s``."""
    t = np.arange(n) / SAMPLE_RATE_HZ
    rise = np.clip((t - start_s) / ramp_s, 0.0, 1.0)
    fall = np.clip((end_s - t) / ramp_s, 0.0, 1.0)
    return 0.5 - 0.5 * np.cos(np.pi * np.minimum(rise, fall))


def _moving_average(x: FloatArray, width: int) -> FloatArray:
    kernel = np.ones(width) / width
    padded = np.pad(x, ((width // 2, width - width // 2 - 1), (0, 0)), mode="edge")
    return np.stack([np.convolve(padded[:, j], kernel, mode="valid") for j in range(x.shape[1])], 1)


def _voiced(f0_hz: FloatArray, formants_hz: FloatArray) -> FloatArray:
    """Harmonics of ``f0`` shaped by the source slope and the formant envelope, band-limited."""
    phase = 2 * np.pi * np.cumsum(f0_hz) / SAMPLE_RATE_HZ
    harmonics = np.arange(1, int(7_200.0 / 100.0) + 1, dtype=np.float64)
    out = np.empty_like(f0_hz)
    block = 4_000
    for b0 in range(0, f0_hz.size, block):
        sl = slice(b0, b0 + block)
        freq = f0_hz[sl, np.newaxis] * harmonics[np.newaxis, :]
        centres = np.concatenate(
            [
                formants_hz[sl],
                np.full((freq.shape[0], 1), FORMANT_4_HZ),
                np.full((freq.shape[0], 1), FORMANT_5_HZ),
            ],
            axis=1,
        )
        envelope = np.full_like(freq, SPECTRAL_FLOOR)
        for i, (bandwidth_hz, gain) in enumerate(
            zip(FORMANT_BANDWIDTHS_HZ, FORMANT_GAINS, strict=True)
        ):
            centre = centres[:, i : i + 1]
            # Magnitude of a second-order resonance, normalised to 1 at its centre.
            detune = (freq**2 - centre**2) / (freq * bandwidth_hz)
            envelope += gain / np.sqrt(1.0 + detune**2)
        # Raised-cosine roll-off 6.8–7.2 kHz: no harmonic near Nyquist, so no aliasing.
        taper = np.clip((7_200.0 - freq) / 400.0, 0.0, 1.0)
        taper = 0.5 - 0.5 * np.cos(np.pi * taper)
        amplitude = harmonics[np.newaxis, :] ** -0.8 * envelope * taper
        out[sl] = np.sum(amplitude * np.sin(harmonics[np.newaxis, :] * phase[sl, np.newaxis]), 1)
    return out


def _band_pass(x: FloatArray, low_hz: float, high_hz: float, transition_hz: float) -> FloatArray:
    """Zero-phase circular band-pass with raised-cosine edges (loop-friendly)."""
    spectrum = np.fft.rfft(x)
    freq = np.fft.rfftfreq(x.size, 1.0 / SAMPLE_RATE_HZ)
    rise = np.clip((freq - (low_hz - transition_hz / 2)) / transition_hz, 0.0, 1.0)
    fall = np.clip(((high_hz + transition_hz / 2) - freq) / transition_hz, 0.0, 1.0)
    gain = 0.5 - 0.5 * np.cos(np.pi * np.minimum(rise, fall))
    return np.fft.irfft(spectrum * gain, n=x.size)


def wav_bytes(samples: npt.NDArray[np.int16]) -> bytes:
    """A mono 16-bit PCM WAV file of ``samples`` at :data:`SAMPLE_RATE_HZ`."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE_HZ)
        wav.writeframes(samples.astype("<i2").tobytes())
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` verify) the test signal file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the WAV")
    parser.add_argument("--check", action="store_true", help="verify instead of writing")
    args = parser.parse_args(argv)
    data = wav_bytes(make_test_signal())
    if args.check:
        if not args.output.is_file() or args.output.read_bytes() != data:
            print(f"{args.output} is not what this script generates", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
