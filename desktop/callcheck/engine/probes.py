"""In-band probe markers: delay, loss and delay variation measured on the audio itself.

:class:`ProbeInjector` mixes a short chirp into the outgoing audio every ``period_ms`` (probe ``k``
starts at sample ``k · period``; even probes sweep up, odd ones down, so a detector can tell
neighbours apart). :class:`ProbeDetector` searches the received audio, just before it goes to the
output device, with a level-normalised matched filter and gives each found probe's delay — in
loopback the one-way mouth-to-ear delay minus the device hardware (add the device latency for the
full figure), via the reflector the round trip. Probes that never arrive are audio-path loss;
the spread of the delays is the delay variation (the playout buffer adapting), tracked over
windows of 1–2 s.

Both sides count samples on one clock: ``t_sample`` is the index of the frame's first sample
since the call's audio started (the engine's sample counter, the same origin for sent and
received audio in loopback). Frames may be int16 or float; the injector returns the same dtype.

Measured offline through Opus (PyAV's libopus) at 12–32 kbit/s with 5 % of 20 ms packets lost
(concealed as silence): every surviving probe is located within 0.1 ms of the codec's own delay.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from callcheck.core.audio_analysis import as_float, find_markers, probe_templates

DEFAULT_PERIOD_MS: Final = 500.0
"""One probe every 500 ms: 2–4 per tracking window; up/down alternation makes delays up to
2 × period (1 s) unambiguous at first detection, and any delay afterwards while tracking."""

PROBE_LEVEL_DBFS: Final = -20.0
"""Probe peak level: well under speech peaks, yet clear of Opus's noise at 12 kbit/s."""

DETECTION_THRESHOLD: Final = 0.4
"""Normalised correlation a probe needs: 0.5–0.8 through Opus 12–32 kbit/s under speech-like
noise; noise and speech alone stay below 0.25."""

DEFAULT_WINDOW_MS: Final = 1000.0
"""Tracking window for the delay's evolution."""

_SEARCH_CHUNK_MS: Final = 100.0
"""Search the received audio in steps of at least this much."""


@dataclass(frozen=True)
class ProbeDetection:
    """A probe found in the received audio."""

    index: int
    """Probe number ``k`` (sent at sample ``k · period``)."""
    sent_sample: int
    """Sample at which the probe started in the sent audio."""
    received_sample: float
    """Sample at which it starts in the received audio (sub-sample refined)."""
    delay_ms: float
    """Received minus sent, in milliseconds."""
    confidence: float
    """Normalised correlation of the match, 0–1."""


@dataclass(frozen=True)
class ProbeWindow:
    """Probe figures over one tracking window (by received time)."""

    start_ms: float
    """Window start, received-audio time since the call's audio started."""
    detected: int
    """Probes found in the window."""
    delay_ms: float | None
    """Median delay of those probes; None when none was found."""


@dataclass(frozen=True)
class ProbeSummary:
    """What the probes measured over the whole call."""

    expected: int
    """Probes that should have arrived since the first one was found."""
    detected: int
    """Probes found."""
    loss_pct: float
    """Audio-path loss: probes missing, percent of expected."""
    delay_ms: float | None
    """Median delay; None when no probe was found."""
    delay_min_ms: float | None
    """Smallest delay."""
    delay_max_ms: float | None
    """Largest delay."""
    delay_variation_ms: float | None
    """Spread of the delay: 95th minus 5th percentile."""
    windows: tuple[ProbeWindow, ...]
    """Per-window figures, oldest first."""


def _period_samples(sample_rate_hz: int, period_ms: float) -> int:
    period = round(sample_rate_hz * period_ms / 1000.0)
    if period <= 0:
        raise ValueError(f"period_ms must be positive, got {period_ms}")
    return period


class ProbeInjector:
    """Adds a probe chirp to outgoing frames every ``period_ms``."""

    def __init__(
        self,
        sample_rate_hz: int = 48_000,
        period_ms: float = DEFAULT_PERIOD_MS,
        *,
        level_dbfs: float = PROBE_LEVEL_DBFS,
    ) -> None:
        self.sample_rate_hz = sample_rate_hz
        self.period_samples = _period_samples(sample_rate_hz, period_ms)
        amplitude = 10.0 ** (level_dbfs / 20.0)
        self._templates = probe_templates(sample_rate_hz, amplitude=amplitude)
        self._length = self._templates[0].size
        if self._length >= self.period_samples:
            raise ValueError(f"period_ms {period_ms} is shorter than a probe")

    def process(self, frame: npt.NDArray[np.generic], t_sample: int) -> npt.NDArray[np.generic]:
        """Return ``frame`` (samples ``t_sample …``) with the probes that overlap it mixed in."""
        n = frame.shape[0]
        probe = np.zeros(n)
        first = max(0, -(-(t_sample - self._length + 1) // self.period_samples))
        k = first
        while k * self.period_samples < t_sample + n:
            start = k * self.period_samples
            template = self._templates[k % 2]
            lo, hi = max(start, t_sample), min(start + self._length, t_sample + n)
            if lo < hi:
                probe[lo - t_sample : hi - t_sample] += template[lo - start : hi - start]
            k += 1
        probe2 = probe[:, np.newaxis] if frame.ndim == 2 else probe
        if frame.dtype == np.int16:
            mixed = frame.astype(np.float64) + probe2 * 32768.0
            out: npt.NDArray[np.generic] = np.clip(np.round(mixed), -32768, 32767).astype(np.int16)
            return out
        return (frame.astype(np.float64) + probe2).astype(frame.dtype)


class ProbeDetector:
    """Finds probes in received frames and tracks their delay."""

    def __init__(
        self,
        sample_rate_hz: int = 48_000,
        period_ms: float = DEFAULT_PERIOD_MS,
        *,
        threshold: float = DETECTION_THRESHOLD,
        window_ms: float = DEFAULT_WINDOW_MS,
        min_delay_ms: float = 0.0,
    ) -> None:
        self.sample_rate_hz = sample_rate_hz
        self.period_samples = _period_samples(sample_rate_hz, period_ms)
        self.threshold = threshold
        self.window_samples = round(window_ms * sample_rate_hz / 1000.0)
        self._min_delay = round(min_delay_ms * sample_rate_hz / 1000.0)
        self._templates = probe_templates(sample_rate_hz)
        self._length = self._templates[0].size
        self._guard = self.period_samples // 2
        self._chunk = round(_SEARCH_CHUNK_MS * sample_rate_hz / 1000.0)
        self._history = np.zeros(0)
        self._history_start = 0  # sample index of _history[0]
        self._next_sample: int | None = None  # expected t_sample of the next frame
        self._searched_until: int | None = None  # positions below this were searched
        self._detections: list[ProbeDetection] = []
        self._last_delay: float | None = None

    @property
    def detections(self) -> list[ProbeDetection]:
        """Every probe found so far (a copy)."""
        return list(self._detections)

    def detections_view(self) -> Sequence[ProbeDetection]:
        """Every probe found so far, without copying (read it, do not keep it)."""
        return self._detections

    def feed(self, frame: npt.NDArray[np.generic], t_sample: int) -> list[ProbeDetection]:
        """Add received samples starting at ``t_sample``; return the probes newly found.

        Gaps (lost frames never handed over) read as silence; overlapping samples are ignored.
        """
        x = as_float(frame)
        if self._next_sample is None:
            self._history_start = t_sample
            self._searched_until = t_sample
            self._next_sample = t_sample
        if t_sample > self._next_sample:
            x = np.concatenate([np.zeros(t_sample - self._next_sample), x])
        elif t_sample < self._next_sample:
            x = x[self._next_sample - t_sample :]
        if x.size:
            self._history = np.concatenate([self._history, x])
            self._next_sample = self._history_start + self._history.size
        return self._search()

    def _search(self) -> list[ProbeDetection]:
        assert self._searched_until is not None
        end = self._history_start + self._history.size
        last_position = end - self._length  # last start whose template fits
        accept_until = last_position - self._guard
        if accept_until - self._searched_until < self._chunk:
            return []
        region_start = max(self._history_start, self._searched_until - self._guard)
        segment = self._history[region_start - self._history_start :]
        hits = find_markers(
            segment,
            self._templates,
            threshold=self.threshold,
            min_spacing_samples=self._guard,
        )
        found = []
        for hit in hits:
            position = region_start + hit.position_samples
            if not self._searched_until <= position < accept_until:
                continue
            detection = self._assign(position, hit.template, hit.confidence)
            if detection is not None:
                found.append(detection)
        self._searched_until = accept_until
        keep_from = self._searched_until - self._guard
        if keep_from > self._history_start:
            self._history = self._history[keep_from - self._history_start :]
            self._history_start = keep_from
        self._detections.extend(found)
        return found

    def _assign(self, position: float, template: int, confidence: float) -> ProbeDetection | None:
        """Which sent probe this is: the one of matching parity nearest the tracked delay."""
        period = self.period_samples
        if self._last_delay is None:
            # First probe: the latest one of this parity sent at least min_delay before.
            k = int((position - self._min_delay) // period)
            if k % 2 != template:
                k -= 1
        else:
            last = self._last_delay
            k = round((position - last) / period)
            if k % 2 != template:
                k = min((k - 1, k + 1), key=lambda c: abs(position - c * period - last))
        if k < 0:
            return None
        delay = position - k * period
        if self._detections and k <= self._detections[-1].index:
            return None  # a repeat or out-of-order match: keep the first
        self._last_delay = delay
        return ProbeDetection(
            index=k,
            sent_sample=k * period,
            received_sample=position,
            delay_ms=1000.0 * delay / self.sample_rate_hz,
            confidence=confidence,
        )

    def summary(self) -> ProbeSummary:
        """Figures over everything fed so far."""
        found = self._detections
        if not found:
            return ProbeSummary(0, 0, 0.0, None, None, None, None, ())
        delays = [d.delay_ms for d in found]
        searched = self._searched_until if self._searched_until is not None else 0
        # Probes whose start, at the tracked delay, falls in the searched part since the first.
        last_expected = int((searched - 1 - (self._last_delay or 0.0)) // self.period_samples)
        expected = max(len(found), last_expected - found[0].index + 1)
        lo, hi = np.percentile(delays, [5.0, 95.0])
        return ProbeSummary(
            expected=expected,
            detected=len(found),
            loss_pct=100.0 * (expected - len(found)) / expected,
            delay_ms=statistics.median(delays),
            delay_min_ms=min(delays),
            delay_max_ms=max(delays),
            delay_variation_ms=float(hi - lo),
            windows=self._windows(),
        )

    def _windows(self) -> tuple[ProbeWindow, ...]:
        groups: dict[int, list[float]] = {}
        for d in self._detections:
            groups.setdefault(int(d.received_sample // self.window_samples), []).append(d.delay_ms)
        first, last = min(groups), max(groups)
        return tuple(
            ProbeWindow(
                start_ms=1000.0 * w * self.window_samples / self.sample_rate_hz,
                detected=len(groups.get(w, [])),
                delay_ms=statistics.median(groups[w]) if w in groups else None,
            )
            for w in range(first, last + 1)
        )


class HeardBackDetector(ProbeDetector):
    """Finds, in the microphone's audio, the probes that were played on the speaker.

    Each probe found is assigned to the latest probe of its sweep direction that was already
    played (``played()``: the output detector's detections, on the same sample clock): sound
    cannot come back before it was played, and alternating sweeps make the pairing unambiguous
    for any device path shorter than two periods (1 s), however the delay jumps meanwhile (the
    output queue being trimmed after a late start moves it by hundreds of ms at once, which would
    throw off a tracker that follows the last delay).
    """

    def __init__(
        self,
        played: Callable[[], Sequence[ProbeDetection]],
        sample_rate_hz: int = 48_000,
        period_ms: float = DEFAULT_PERIOD_MS,
        *,
        threshold: float = DETECTION_THRESHOLD,
        window_ms: float = DEFAULT_WINDOW_MS,
        tolerance_ms: float = 5.0,
    ) -> None:
        super().__init__(sample_rate_hz, period_ms, threshold=threshold, window_ms=window_ms)
        self._played = played
        self._tolerance = tolerance_ms * sample_rate_hz / 1000.0

    def _assign(self, position: float, template: int, confidence: float) -> ProbeDetection | None:
        candidates = [
            d
            for d in self._played()
            if d.index % 2 == template and d.received_sample <= position + self._tolerance
        ]
        if not candidates:
            return None
        k = max(candidates, key=lambda d: d.index).index
        if self._detections and k <= self._detections[-1].index:
            return None  # a repeat or out-of-order match: keep the first
        delay = position - k * self.period_samples
        self._last_delay = delay
        return ProbeDetection(
            index=k,
            sent_sample=k * self.period_samples,
            received_sample=position,
            delay_ms=1000.0 * delay / self.sample_rate_hz,
            confidence=confidence,
        )
