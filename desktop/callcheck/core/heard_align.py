"""Time alignment of the audio a listener heard with the audio that was sent.

A full-reference score (ViSQOL, ITU-T P.863-like) compares the received audio with the reference
it came from, sample against sample: the two must first be lined up. Sent and received audio are
kept on one clock (each stream's first sample is anchored to the engine's monotonic time), so the
lag of a piece of received audio is known to within the call's delay; cross-correlation inside
that window finds it to the sample. The playout buffer adapts its delay during a call, so each
segment is aligned on its own.

Scoring costs about 0.05 s of CPU per second of audio on a 2-core laptop, so a bounded number
of segments are scored: segments whose reference carries speech, spread evenly over the call
(the call's start is skipped while the playout buffer settles). The bound is set by the issue's
cost (2 s from the call's end to the report), and it must be large: a lost packet is heard only
where it falls in speech, and a short sample holds few of them (two 1.5 s segments held 0–5
concealed frames at 2 % loss, and a call at 5 % could score as clean).
Segments are chosen by the *reference's* speech activity only, never by how well the received
audio matches: choosing by match would pick the undamaged parts and hide the damage the score is
meant to find.

Pure: numpy only, no clock, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

HEARD_RATE_HZ: Final = 16_000
"""ViSQOL v3 speech mode works at 16 kHz (wideband, 50–8000 Hz gammatone bands)."""

ACTIVE_FRAME_MS: Final = 20.0
"""Frame length of the speech-activity measure (one codec frame)."""

ACTIVE_FLOOR_DBFS: Final = -50.0
"""A 20 ms reference frame above this RMS is speech: the test signal's active level is −20 dBov
and its pauses are digital silence, so 30 dB below the active level separates the two."""

SILENCE_FLOOR_DBFS: Final = -60.0
"""Below this RMS a stretch of audio is treated as silence by the delay search (10 dB under the
speech-activity floor)."""

FOLLOW_BLOCK_MS: Final = 100.0
"""Blocks of received audio re-aligned one by one inside a segment (5 codec frames)."""

FOLLOW_RANGE_MS: Final = 160.0
"""How far a block's delay may move from the previous block's: the playout buffer grows or
shrinks its delay by whole frames when it adapts (measured here: steps of 20–120 ms)."""

FOLLOW_MIN_CORRELATION: Final = 0.9
"""A block moves to a new delay only where it matches the reference this well. A block damaged
by loss matches nowhere that well (its concealment is not in the reference), so it keeps the
delay of the audio before it and its damage is scored; concealment that repeats the last pitch
period cannot pull the reference along with it."""

MIN_ACTIVE_SHARE: Final = 0.3
"""A segment whose reference is active less than this share is mostly pause: not worth scoring."""


@dataclass(frozen=True, slots=True)
class AlignmentWindow:
    """Where to look for the received audio's delay, and how much of it to score."""

    segment_s: float = 1.5
    """Length of each scored segment."""
    max_segments: int = 12
    """How many segments to score at most (the cost bound)."""
    skip_start_s: float = 1.0
    """Received audio skipped at the start: the playout buffer's prefetch and first adaptation."""
    min_delay_ms: float = -20.0
    """Smallest delay searched (a little below zero: the two anchors are read ±1 frame apart)."""
    max_delay_ms: float = 1500.0
    """Largest delay searched: a reflector round trip through a jitter buffer stays below it. It
    must stay below the test signal's 8 s loop, or a repeat of the signal would also match."""

    def __post_init__(self) -> None:
        if self.segment_s <= 0 or self.max_segments < 1:
            raise ValueError("segment_s must be > 0 and max_segments ≥ 1")
        if self.max_delay_ms <= self.min_delay_ms:
            raise ValueError("max_delay_ms must be above min_delay_ms")


DEFAULT_WINDOW: Final = AlignmentWindow()
"""Up to twelve segments of 1.5 s: 18 s per direction, all of a 20 s call (the default) after
its start-up. A lost packet is heard only where it falls in speech, and bursts of loss are few:
at 2 % with a mean burst of 3 packets a 20 s call has about 7 of them, about half in pauses.
With half the call scored (9 s) the medians of 3 seeds fell by only 0.005–0.02 from clean to 2 %
bursty loss; with all of it, by 0.04–0.11 (the same recorded calls, ``bench_heard_loss.py
table``). Measured on recorded 20 s calls, 3 seeds, random and bursty (mean burst 3 packets)
loss at 2/5/10/20 %: every codec's median falls at every step (``bench_heard_loss.py record``,
then ``table``; the deterministic table is ``tests/engine/test_heard_calibration.py``). Cost:
both directions of a loopback call are scored at once (``score_pairs``), adding 1.1–1.6 s from
the call's end to the report on this 2-core machine (``bench_heard.py session``), within the
issue's 2 s."""


@dataclass(frozen=True, slots=True)
class AlignedSegment:
    """One piece of received audio and the reference it came from, lined up sample for sample."""

    received_start_s: float
    """Where the segment starts in the received stream."""
    delay_ms: float
    """Delay of the received audio behind the reference (network + playout buffer + codec)."""
    correlation: float
    """Normalised cross-correlation at that delay (1 = identical up to a gain)."""
    active_share: float
    """Share of the reference's 20 ms frames that carry speech."""
    reference: FloatArray
    received: FloatArray


def active_share(samples: FloatArray, rate_hz: int, full_scale: float = 32768.0) -> float:
    """Share of 20 ms frames of ``samples`` whose RMS is above :data:`ACTIVE_FLOOR_DBFS`."""
    n = int(rate_hz * ACTIVE_FRAME_MS / 1000.0)
    frames = samples.size // n
    if frames == 0:
        return 0.0
    blocks = samples[: frames * n].reshape(frames, n) / full_scale
    rms = np.sqrt(np.mean(blocks * blocks, axis=1))
    floor = 10.0 ** (ACTIVE_FLOOR_DBFS / 20.0)
    return float(np.mean(rms > floor))


def find_delay(
    reference_window: FloatArray, received: FloatArray, full_scale: float = 32768.0
) -> tuple[int, float]:
    """The offset ``j`` where ``received`` best matches ``reference_window[j : j + len]``, and the
    normalised correlation there (FFT cross-correlation, each candidate normalised by the energy
    of its reference stretch, so a loud stretch cannot win by level alone)."""
    n, w = received.size, reference_window.size
    if n == 0 or w < n:
        raise ValueError("the reference window must be at least as long as the received audio")
    size = 1 << int(np.ceil(np.log2(w + n)))
    spectrum = np.fft.rfft(reference_window, size) * np.conj(np.fft.rfft(received, size))
    corr = np.fft.irfft(spectrum, size)[: w - n + 1]
    cumulative = np.concatenate([[0.0], np.cumsum(reference_window * reference_window)])
    energy_ref = cumulative[n:] - cumulative[: w - n + 1]
    energy_rec = float(np.dot(received, received))
    # A stretch of the reference in a pause is digital silence: its energy is round-off, and
    # dividing by it turns the FFT's round-off into a "correlation" of 10 or 20 that picks the
    # pause. Each stretch's energy is floored at that of a steady SILENCE_FLOOR_DBFS signal: the
    # floor is far below any stretch with speech (so their values are exact), keeps every value
    # ≤ 1 (Cauchy–Schwarz), and does not depend on the received level (a device's gain cannot
    # move the match).
    floor = n * (full_scale * 10.0 ** (SILENCE_FLOOR_DBFS / 20.0)) ** 2
    denominator = np.sqrt(np.maximum(energy_ref, floor) * max(energy_rec, floor))
    normalised = corr / denominator
    best = int(np.argmax(normalised))
    return best, float(normalised[best])


@dataclass(frozen=True, slots=True)
class SegmentPlan:
    """Where one scored segment lies: in the received stream, and the reference window searched."""

    received_start_s: float
    """Start of the segment in the received stream."""
    reference_start_s: float
    """Start of the reference window searched for it (latest delay)."""
    reference_end_s: float
    """End of that window (earliest delay, plus the segment)."""
    active_share: float
    """Speech activity of the reference window."""
    received_offset_s: float
    """Time of the received stream's first sample minus the reference's (one clock)."""


def plan_segments(
    reference: FloatArray,
    reference_rate_hz: int,
    received_duration_s: float,
    received_offset_s: float,
    window: AlignmentWindow = DEFAULT_WINDOW,
) -> tuple[SegmentPlan, ...]:
    """The segments to score, at most ``window.max_segments``, in stream order.

    Args:
        reference: the sent audio, one stream at ``reference_rate_hz``.
        reference_rate_hz: its sample rate.
        received_duration_s: length of the received stream.
        received_offset_s: the time of the received stream's first sample minus that of the
            reference's first sample, on the clock both were anchored to.
        window: the delay search range and the cost bound.

    Returns:
        Empty when no segment has enough speech (a call shorter than ``skip_start_s`` plus one
        segment, or a silent reference).
    """
    candidates: list[SegmentPlan] = []
    reference_s = reference.size / reference_rate_hz
    start = window.skip_start_s
    while start + window.segment_s <= received_duration_s + 1e-9:
        # received(t) ≈ reference(t + offset − delay), delay in [min, max]
        lo = start + received_offset_s - window.max_delay_ms / 1000.0
        hi = start + received_offset_s - window.min_delay_ms / 1000.0 + window.segment_s
        if lo >= 0.0 and hi <= reference_s:
            piece = reference[int(lo * reference_rate_hz) : int(hi * reference_rate_hz)]
            share = active_share(piece, reference_rate_hz)
            if share >= MIN_ACTIVE_SHARE:
                candidates.append(SegmentPlan(start, lo, hi, share, received_offset_s))
        start += window.segment_s
    return _spread(candidates, window.max_segments)


def align_segment(
    plan: SegmentPlan, reference_window: FloatArray, received: FloatArray, rate_hz: int
) -> AlignedSegment:
    """Line up one planned segment: ``received`` is the segment and ``reference_window`` the
    planned window, both at ``rate_hz``.

    The segment is found as a whole first (its delay and correlation), then followed block by
    block (:func:`follow_delay`): the playout buffer changes its delay during a call, and a
    segment lined up at one lag across such a step would score the clean audio after the step
    as damaged — that noise, not the loss, dominated the score of a short sample.
    """
    j, corr = find_delay(reference_window, received)
    ref_piece = follow_delay(reference_window, received, j, rate_hz)
    ref_start_s = plan.reference_start_s + j / rate_hz
    return AlignedSegment(
        received_start_s=plan.received_start_s,
        delay_ms=(plan.received_start_s + plan.received_offset_s - ref_start_s) * 1000.0,
        correlation=corr,
        active_share=active_share(ref_piece, rate_hz),
        reference=ref_piece,
        received=received.copy(),
    )


def follow_delay(
    reference_window: FloatArray,
    received: FloatArray,
    start: int,
    rate_hz: int,
    full_scale: float = 32768.0,
) -> FloatArray:
    """The reference as the received audio played it: ``received`` cut in blocks of
    :data:`FOLLOW_BLOCK_MS`, each matched with the stretch of ``reference_window`` it came
    from, starting at offset ``start`` (the whole segment's match).

    A block moves to another offset only where it matches with at least
    :data:`FOLLOW_MIN_CORRELATION`, within :data:`FOLLOW_RANGE_MS` of the last one; silent
    blocks and damaged ones keep the last offset. The result has ``received``'s length.
    """
    block = max(int(rate_hz * FOLLOW_BLOCK_MS / 1000.0), 1)
    reach = int(rate_hz * FOLLOW_RANGE_MS / 1000.0)
    silence = full_scale * 10.0 ** (SILENCE_FLOOR_DBFS / 20.0)
    out = np.zeros(received.size)
    offset = start  # reference index of received[0] at the current delay
    for k in range(0, received.size, block):
        piece = received[k : k + block]
        if piece.size == block and np.sqrt(np.mean(piece * piece)) > silence:
            lo = max(offset + k - reach, 0)
            hi = min(offset + k + block + reach, reference_window.size)
            if hi - lo >= block:
                j, corr = find_delay(reference_window[lo:hi], piece, full_scale)
                if corr >= FOLLOW_MIN_CORRELATION:
                    offset = lo + j - k
        a = min(max(offset + k, 0), reference_window.size)
        stretch = reference_window[a : a + piece.size]
        out[k : k + stretch.size] = stretch
    return out


def _spread(candidates: list[SegmentPlan], count: int) -> tuple[SegmentPlan, ...]:
    """``count`` candidates spread evenly over the call (first, last and between), so a fault
    in one part of the call is not missed; all of them when there are fewer."""
    if len(candidates) <= count:
        return tuple(candidates)
    picks = np.linspace(0, len(candidates) - 1, count).round().astype(int)
    return tuple(candidates[i] for i in sorted(set(picks.tolist())))
