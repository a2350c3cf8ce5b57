"""Audio analysis: level metering, test signals, delay estimation and marker detection.

Pure numpy, no clocks, no I/O: the engine hands in sample arrays and sample positions. Signals are
float arrays scaled to full scale ±1.0 (int16 input is scaled by :func:`as_float`).

Delay estimation uses FFT cross-correlation (optionally GCC-PHAT, Knapp & Carter 1976, which whitens
the cross-spectrum so the peak is sharp even for coloured signals), refined to a fraction of a
sample by fitting a parabola through the peak and its two neighbours. Confidence is the normalised
cross-correlation coefficient at the peak (1.0 = the reference appears unchanged, up to scale).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

FULL_SCALE_INT16: Final = 32768.0
"""int16 samples are divided by this to give full scale ±1.0."""

SILENCE_DBFS: Final = -60.0
"""RMS below this is reported as silence (a muted or disconnected microphone)."""

CLIP_LEVEL: Final = 0.999
"""A sample at or above this magnitude (of full scale) counts as clipped."""

CLIPPING_FRACTION: Final = 0.001
"""More than this fraction of clipped samples (0.1 %) flags the input as clipping."""

LEVEL_FLOOR_DBFS: Final = -120.0
"""dBFS reported for digital silence instead of −∞."""

PROBE_CHIRP_MS: Final = 50.0
"""Probe marker length: 50 ms survives Opus at 12 kbit/s and is located to < 0.1 ms."""

PROBE_BAND_HZ: Final = (300.0, 3400.0)
"""Probe marker band: the telephone band every codec keeps, narrowband included."""


def as_float(samples: npt.ArrayLike) -> FloatArray:
    """Return ``samples`` as float64 at full scale ±1.0 (int16 is divided by 32768), mono.

    A 2-D ``(frames, channels)`` array is averaged to mono.
    """
    x = np.asarray(samples)
    scale = FULL_SCALE_INT16 if x.dtype == np.int16 else 1.0
    y = x.astype(np.float64) / scale
    if y.ndim == 2:
        y = y.mean(axis=1)
    if y.ndim != 1:
        raise ValueError(f"expected a mono or (frames, channels) signal, got shape {x.shape}")
    return y


def dbfs(amplitude: float) -> float:
    """Amplitude (of full scale 1.0) in dBFS, floored at :data:`LEVEL_FLOOR_DBFS`."""
    if amplitude <= 0.0:
        return LEVEL_FLOOR_DBFS
    return max(LEVEL_FLOOR_DBFS, 20.0 * math.log10(amplitude))


# ---------------------------------------------------------------------------------------- levels


@dataclass(frozen=True)
class LevelReading:
    """The level of a block of audio."""

    rms_dbfs: float
    """Root-mean-square level in dBFS (a full-scale sine reads −3.01)."""
    peak_dbfs: float
    """Largest absolute sample in dBFS."""
    clipped_fraction: float
    """Fraction of samples at full scale (0–1)."""
    clipping: bool
    """True when more than :data:`CLIPPING_FRACTION` of the samples are clipped."""
    silent: bool
    """True when the RMS level is below the silence threshold (muted or wrong microphone)."""
    n_samples: int
    """Number of samples measured."""


def measure_level(samples: npt.ArrayLike, *, silence_dbfs: float = SILENCE_DBFS) -> LevelReading:
    """Measure RMS and peak level, clipping and silence of a block of audio (int16 or float)."""
    x = as_float(samples)
    if x.size == 0:
        return LevelReading(LEVEL_FLOOR_DBFS, LEVEL_FLOOR_DBFS, 0.0, False, True, 0)
    rms_dbfs = dbfs(float(np.sqrt(np.mean(x * x))))
    magnitude = np.abs(x)
    clipped = float(np.count_nonzero(magnitude >= CLIP_LEVEL)) / x.size
    return LevelReading(
        rms_dbfs=rms_dbfs,
        peak_dbfs=dbfs(float(magnitude.max())),
        clipped_fraction=clipped,
        clipping=clipped > CLIPPING_FRACTION,
        silent=rms_dbfs < silence_dbfs,
        n_samples=int(x.size),
    )


# ----------------------------------------------------------------------------------- test signals


def chirp(
    sample_rate_hz: int,
    *,
    duration_ms: float = PROBE_CHIRP_MS,
    start_hz: float = PROBE_BAND_HZ[0],
    end_hz: float = PROBE_BAND_HZ[1],
    amplitude: float = 0.5,
) -> FloatArray:
    """A linear sine sweep from ``start_hz`` to ``end_hz`` (a down-sweep when ``end_hz`` is lower).

    A Tukey window (25 % cosine tapers) keeps it click-free without wasting energy; ``amplitude``
    is the peak of the flat part (of full scale).
    """
    n = round(sample_rate_hz * duration_ms / 1000.0)
    if n < 2:
        raise ValueError(f"a chirp needs at least 2 samples, got {duration_ms} ms")
    t = np.arange(n) / sample_rate_hz
    duration_s = n / sample_rate_hz
    phase = 2.0 * np.pi * (start_hz * t + (end_hz - start_hz) / (2.0 * duration_s) * t * t)
    return amplitude * np.sin(phase) * _tukey(n, 0.25)


def tone(
    sample_rate_hz: int, *, frequency_hz: float, duration_ms: float, level_dbfs: float
) -> FloatArray:
    """A sine tone at ``level_dbfs`` peak, with 10 ms fades at both ends (a speaker test tone)."""
    n = round(sample_rate_hz * duration_ms / 1000.0)
    t = np.arange(n) / sample_rate_hz
    x: FloatArray = 10.0 ** (level_dbfs / 20.0) * np.sin(2.0 * np.pi * frequency_hz * t)
    fade = min(n // 2, round(sample_rate_hz * 0.010))
    if fade > 0:
        ramp = 0.5 - 0.5 * np.cos(np.pi * np.arange(fade) / fade)
        x[:fade] *= ramp
        x[n - fade :] *= ramp[::-1]
    return x


def _tukey(n: int, taper_fraction: float) -> FloatArray:
    w = np.ones(n)
    edge = max(1, int(taper_fraction * n / 2.0))
    ramp = 0.5 - 0.5 * np.cos(np.pi * np.arange(edge) / edge)
    w[:edge] = ramp
    w[n - edge :] = ramp[::-1]
    return w


# ------------------------------------------------------------------------------ delay estimation


@dataclass(frozen=True)
class DelayEstimate:
    """Where a reference signal sits inside a received signal."""

    delay_samples: float
    """Position of the reference's first sample in the received signal (sub-sample refined)."""
    confidence: float
    """Normalised cross-correlation at the peak, 0–1 (≥ 0.5: clearly present)."""
    peak_ratio: float
    """Peak over the next-highest correlation outside the main lobe (≥ 3: unambiguous)."""

    def delay_ms(self, sample_rate_hz: int) -> float:
        """The delay in milliseconds at ``sample_rate_hz``."""
        return 1000.0 * self.delay_samples / sample_rate_hz


def cross_correlation(
    reference: npt.ArrayLike, received: npt.ArrayLike, *, phat: bool = False
) -> FloatArray:
    """Cross-correlation ``c[k] = Σ reference[n] · received[n + k]`` for k = 0 … len(received)-1.

    With ``phat`` the cross-spectrum is whitened (GCC-PHAT): each frequency keeps only its phase,
    which sharpens the peak for narrow-band or reverberant signals but ignores amplitude.
    """
    ref = as_float(reference)
    rx = as_float(received)
    n = _fft_size(ref.size + rx.size)
    spectrum = np.fft.rfft(rx, n) * np.conj(np.fft.rfft(ref, n))
    if phat:
        spectrum /= np.maximum(np.abs(spectrum), 1e-12 * np.abs(spectrum).max() + 1e-30)
    return np.fft.irfft(spectrum, n)[: rx.size]


def normalized_cross_correlation(reference: npt.ArrayLike, received: npt.ArrayLike) -> FloatArray:
    """Cross-correlation divided by the energies of the reference and of each received window.

    Value k is the correlation coefficient (−1…1, no mean removal) between the reference and
    ``received[k : k + len(reference)]``; positions where the window runs past the end are 0. It is
    level-independent, so a quiet marker under louder audio still scores by its shape.
    """
    ref = as_float(reference)
    rx = as_float(received)
    m = ref.size
    out = np.zeros(rx.size)
    if rx.size < m or m == 0:
        return out
    raw = cross_correlation(ref, rx)[: rx.size - m + 1]
    csum = np.concatenate([[0.0], np.cumsum(rx * rx)])
    window_energy = np.maximum(csum[m:] - csum[:-m], 0.0)
    denominator = np.sqrt(window_energy * float(ref @ ref))
    valid = denominator > 1e-12
    out[: rx.size - m + 1][valid] = raw[valid] / denominator[valid]
    return out


def estimate_delay(
    reference: npt.ArrayLike,
    received: npt.ArrayLike,
    *,
    min_delay_samples: int = 0,
    max_delay_samples: int | None = None,
    phat: bool = False,
) -> DelayEstimate:
    """Find ``reference`` in ``received`` by cross-correlation.

    Args:
        reference: the signal that was sent (e.g. a chirp).
        received: the recording that should contain it, starting at the send instant.
        min_delay_samples, max_delay_samples: the search range of the start position.
        phat: use GCC-PHAT weighting for the peak search (the confidence is still the plain
            normalised correlation at the chosen lag).

    Returns:
        the best position with its confidence; confidence 0 when ``received`` is silent or too
        short.
    """
    ref = as_float(reference)
    rx = as_float(received)
    m = ref.size
    last = rx.size - m if max_delay_samples is None else min(max_delay_samples, rx.size - m)
    if last < min_delay_samples or m == 0:
        return DelayEstimate(float(min_delay_samples), 0.0, 0.0)
    ncc = normalized_cross_correlation(ref, rx)
    score = cross_correlation(ref, rx, phat=True) if phat else ncc
    lo, hi = min_delay_samples, last + 1
    segment = np.abs(score[lo:hi])
    k = int(np.argmax(segment)) + lo
    confidence = max(0.0, float(abs(ncc[k])))
    if confidence == 0.0:
        return DelayEstimate(float(k), 0.0, 0.0)
    peak_ratio = _peak_ratio(np.abs(ncc[lo:hi]), k - lo, _main_lobe(ref))
    return DelayEstimate(k + _parabolic_offset(score, k), confidence, peak_ratio)


def _main_lobe(reference: FloatArray) -> int:
    """Half-width (samples) of the autocorrelation's main lobe: first zero crossing after 0."""
    ac = cross_correlation(reference, np.concatenate([reference, np.zeros(reference.size)]))
    below = np.nonzero(ac[: reference.size] <= 0.0)[0]
    return int(below[0]) if below.size else reference.size


def _peak_ratio(magnitude: FloatArray, k: int, lobe: int) -> float:
    outside = magnitude.copy()
    outside[max(0, k - 2 * lobe) : k + 2 * lobe + 1] = 0.0
    second = float(outside.max()) if outside.size else 0.0
    return float("inf") if second <= 0.0 else float(magnitude[k]) / second


def _parabolic_offset(score: FloatArray, k: int) -> float:
    """Sub-sample offset of a peak from a parabola through it and its neighbours (−0.5…0.5)."""
    if k <= 0 or k >= score.size - 1:
        return 0.0
    a, b, c = abs(score[k - 1]), abs(score[k]), abs(score[k + 1])
    denominator = a - 2.0 * b + c
    if denominator >= 0.0:
        return 0.0
    return float(np.clip(0.5 * (a - c) / denominator, -0.5, 0.5))


def _fft_size(n: int) -> int:
    return 1 << max(0, (n - 1).bit_length())


# ------------------------------------------------------------------------------------- markers


@dataclass(frozen=True)
class MarkerHit:
    """A marker found in a received signal."""

    position_samples: float
    """Start of the marker in the searched signal (sub-sample refined)."""
    confidence: float
    """Normalised cross-correlation at the peak, 0–1."""
    template: int
    """Index of the template that matched (for alternating up/down probe chirps)."""


def probe_templates(
    sample_rate_hz: int, *, amplitude: float = 1.0
) -> tuple[FloatArray, FloatArray]:
    """The two probe markers: an up-sweep and a down-sweep over :data:`PROBE_BAND_HZ`.

    They are nearly orthogonal (their cross-correlation peaks far below either autocorrelation),
    so alternating them doubles the delay a detector can assign to the right probe.
    """
    low, high = PROBE_BAND_HZ
    up = chirp(sample_rate_hz, start_hz=low, end_hz=high, amplitude=amplitude)
    down = chirp(sample_rate_hz, start_hz=high, end_hz=low, amplitude=amplitude)
    return up, down


def find_markers(
    received: npt.ArrayLike,
    templates: tuple[FloatArray, ...],
    *,
    threshold: float,
    min_spacing_samples: int,
) -> list[MarkerHit]:
    """Find every occurrence of any of ``templates`` in ``received`` (gated matched filter).

    A position is a hit when its normalised cross-correlation with a template is a local maximum
    within ``min_spacing_samples`` (over all templates) and at least ``threshold``. Normalising by
    the local energy makes the gate independent of the level, so speech over a probe lowers its
    score rather than triggering false hits.
    """
    rx = as_float(received)
    if not templates:
        return []
    scores = np.stack([normalized_cross_correlation(t, rx) for t in templates])
    best_template = np.argmax(scores, axis=0)
    best = scores[best_template, np.arange(rx.size)]
    hits: list[MarkerHit] = []
    candidates = np.nonzero(best >= threshold)[0]
    # Greedy non-maximum suppression: take the strongest, blank its neighbourhood, repeat.
    order = candidates[np.argsort(-best[candidates], kind="stable")]
    taken = np.zeros(rx.size, dtype=bool)
    for k in order:
        lo, hi = max(0, k - min_spacing_samples + 1), k + min_spacing_samples
        if taken[lo:hi].any():
            continue
        taken[k] = True
        template = int(best_template[k])
        offset = _parabolic_offset(scores[template], int(k))
        hits.append(MarkerHit(float(k) + offset, float(best[k]), template))
    hits.sort(key=lambda h: h.position_samples)
    return hits
