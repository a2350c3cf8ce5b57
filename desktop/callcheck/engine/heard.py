"""Heard quality in the engine: keep the call's audio, score it after the call.

* :class:`AudioRecorder` keeps the last ``keep_s`` seconds of one audio stream (bounded memory:
  30 s of 48 kHz int16 is 2.9 MB) with the engine time of its first sample.
* :class:`RecordingSource` wraps an :class:`~callcheck.engine.sources.AudioSource` and keeps what
  it sent (the reference); :class:`RecordingSink` wraps the call's audio sink and keeps what was
  handed to the speaker (after decoding, concealment and the playout buffer). A
  :class:`DeviceFault` can be put in the sink, before the speaker: it is the what-if and test
  harness for damage the network figures cannot see (clipping, gain, noise, dropped audio).
* :func:`score_full_reference` aligns the two (:mod:`callcheck.core.heard_align`) and scores a
  bounded sample with ViSQOL v3 speech mode (:mod:`callcheck.engine.visqol`: visqol-python
  3.8.0, Apache-2.0, with its scipy calls done in numpy so the frozen bundle needs no scipy;
  the exponential mapper — the C++ ``--use_lattice_model=false`` model). Its conformance with
  Google's C++ ViSQOL is a test (``tests/engine/test_heard_visqol.py``).
* :func:`no_reference_unavailable` says why there is no no-reference score: the permissively
  licensed models (Microsoft's PLCMOS/DNSMOS, ``speechmos``) need ``onnxruntime`` (73 MB
  installed) and ``librosa``, beyond the 40 MB the bundle may grow.

Recording runs on the engine loop's thread inside the call's frame callbacks: a copy into a
deque, nothing else. Scoring runs after the call in a worker thread (:func:`score_heard`), never
on the GUI thread and never during the call.
"""

from __future__ import annotations

import asyncio
import collections
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from callcheck.core.heard import HeardDirection, HeardMethod, HeardQuality
from callcheck.core.heard_align import (
    DEFAULT_WINDOW,
    HEARD_RATE_HZ,
    AlignmentWindow,
    align_segment,
    plan_segments,
)
from callcheck.core.resample import StreamingResampler, resample
from callcheck.engine.loop import now_ms
from callcheck.engine.peer import AudioSink
from callcheck.engine.sources import AudioSource

Int16Array = npt.NDArray[np.int16]
FloatArray = npt.NDArray[np.float64]

SILENT_RECEIVED_RMS: Final = 10.0 ** (-70.0 / 20.0)
"""Scored received audio below this RMS (−70 dBFS, 10 dB under the alignment's silence floor)
is silence: nothing of the sent speech reached the speaker."""

KEEP_S: Final = 30.0
"""Audio kept per stream: the last 30 s (a 20 s test and its start-up, with room to spare)."""

VISQOL_SEARCH_PATCHES: Final = 1
"""ViSQOL's patch search radius in patches (its ``search_window_radius``, 60 upstream): ±1 patch
is ±400 ms around each reference patch. The audio handed to ViSQOL is already lined up to the
sample, 100 ms block by block (:func:`~callcheck.core.heard_align.follow_delay`), so the wider
search finds the same patches (the same score to the last digit on the 30 lossy and clean calls
measured) and only costs time: it was half of the score's."""

FULL_REFERENCE_MODEL: Final = "ViSQOL v3 speech (exponential mapper)"
NO_REFERENCE_MODEL: Final = "PLCMOS/DNSMOS (speechmos)"

NO_REFERENCE_NOTE: Final = (
    "not available: the no-reference models (PLCMOS/DNSMOS, speechmos) need onnxruntime (73 MB "
    "installed) and librosa, over the 40 MB the installed bundle may grow"
)


def visqol_version() -> str | None:
    """The version of the ViSQOL copy in :mod:`callcheck.engine.visqol` (visqol-python's, with
    its scipy calls done in numpy); None when it cannot be imported."""
    try:
        # Lazy: its import costs ~0.1 s, wanted only when a score is.
        from callcheck.engine import visqol
    except ImportError:
        return None
    return f"{visqol.__version__}+numpy"


async def preload_visqol() -> bool:
    """Import ViSQOL in a worker thread, so its import does not delay the report after the call.
    Await it *before* the call's media starts: an import running during the call holds the GIL
    in 5 ms slices and would add that to the packets' arrival times."""
    return await asyncio.to_thread(visqol_version) is not None


# ------------------------------------------------------------------------------ recording


class AudioRecorder:
    """The last ``keep_s`` seconds of one int16 mono stream, and when its first sample played.

    Frames are assumed back to back (the call's 20 ms frames are paced on the engine clock), so
    sample ``i`` of the stream is at ``anchor_ms + i / rate``. A change of rate mid-stream (a
    decoder at another rate) restarts the recording: the two halves cannot be joined.
    """

    def __init__(self, keep_s: float = KEEP_S) -> None:
        if keep_s <= 0:
            raise ValueError("keep_s must be > 0")
        self.keep_s = keep_s
        self.rate_hz: int | None = None
        self.anchor_ms: float | None = None
        """Engine time of the stream's first sample (:func:`~callcheck.engine.loop.now_ms`)."""
        self._frames: collections.deque[Int16Array] = collections.deque()
        self._kept = 0
        self._total = 0

    def push(self, samples: Int16Array, rate_hz: int, at_ms: float | None = None) -> None:
        """Keep a copy of ``samples`` (the next frame of the stream)."""
        if self.rate_hz != rate_hz:
            self.rate_hz = rate_hz
            self.anchor_ms = now_ms() if at_ms is None else at_ms
            self._frames.clear()
            self._kept = self._total = 0
        frame = np.array(samples, dtype=np.int16, copy=True).reshape(-1)
        self._frames.append(frame)
        self._kept += frame.size
        self._total += frame.size
        limit = int(self.keep_s * rate_hz)
        while self._kept - self._frames[0].size >= limit:
            self._kept -= self._frames.popleft().size

    @property
    def samples_kept(self) -> int:
        """Samples held now (bounded by ``keep_s``)."""
        return self._kept

    def snapshot(self) -> Recording | None:
        """What is kept, as one array with the time of its first sample; None when empty."""
        if self.rate_hz is None or self.anchor_ms is None or not self._frames:
            return None
        dropped = self._total - self._kept
        return Recording(
            samples=np.concatenate(list(self._frames)),
            rate_hz=self.rate_hz,
            start_ms=self.anchor_ms + dropped * 1000.0 / self.rate_hz,
        )


@dataclass(frozen=True)
class Recording:
    """A kept stretch of audio: int16 mono at ``rate_hz``, its first sample at ``start_ms``."""

    samples: Int16Array
    rate_hz: int
    start_ms: float
    """Engine time of ``samples[0]``."""


class RecordingSource:
    """An :class:`AudioSource` that keeps a copy of everything it sends (the reference).

    With ``sample_rate_hz`` below the wrapped source's rate, the call gets the source converted
    to that rate and the *wrapped* (wider-band) audio is kept: the reference is then what the
    talker said, not what a narrowband codec's input already lost, so a full-reference score
    hears G.711's 3.4 kHz band limit as listening tests do (ITU-T P.800 wideband contexts).
    """

    def __init__(
        self, source: AudioSource, recorder: AudioRecorder, sample_rate_hz: int | None = None
    ) -> None:
        self._source = source
        self.recorder = recorder
        self.sample_rate_hz = sample_rate_hz or source.sample_rate_hz
        self._converter = (
            None
            if self.sample_rate_hz == source.sample_rate_hz
            else StreamingResampler(source.sample_rate_hz, self.sample_rate_hz)
        )
        self._pending = np.zeros(0, dtype=np.float64)

    def read(self, n_samples: int) -> Int16Array:
        """The wrapped source's next frame (converted to ``sample_rate_hz``), kept."""
        if self._converter is None:
            samples: Int16Array = self._source.read(n_samples)
            self.recorder.push(samples, self.sample_rate_hz)
            return samples
        wide_rate = self._source.sample_rate_hz
        while self._pending.size < n_samples:
            wide = self._source.read(-(-n_samples * wide_rate // self.sample_rate_hz))
            self.recorder.push(wide, wide_rate)
            self._pending = np.concatenate([self._pending, self._converter.process(wide)])
        out, self._pending = self._pending[:n_samples], self._pending[n_samples:]
        return np.clip(np.round(out), -32768, 32767).astype(np.int16)


@dataclass(frozen=True)
class DeviceFault:
    """Damage done to the received audio on the computer, before the speaker (what-if/test).

    Applied in this order: gain, clipping at full scale, added noise, dropped audio.
    """

    gain_db: float = 0.0
    """Gain applied to the audio (a driver or AGC too loud or too quiet)."""
    clip_dbfs: float | None = None
    """Clip the samples at this level (0 = full scale): an overdriven output."""
    noise_dbfs: float | None = None
    """Add white noise at this RMS level (a noisy device or ground loop)."""
    drop_every_ms: float | None = None
    """Every this many ms of audio, replace ``drop_ms`` with silence (a device starved by CPU)."""
    drop_ms: float = 0.0
    seed: int = 0

    def __post_init__(self) -> None:
        if self.drop_every_ms is not None and not 0 < self.drop_ms < self.drop_every_ms:
            raise ValueError("drop_ms must be > 0 and shorter than drop_every_ms")


class _FaultState:
    def __init__(self, fault: DeviceFault) -> None:
        self.fault = fault
        self.rng = np.random.default_rng(fault.seed)
        self.position = 0

    def apply(self, samples: Int16Array, rate_hz: int) -> Int16Array:
        f = self.fault
        x = samples.astype(np.float64) * 10.0 ** (f.gain_db / 20.0)
        if f.clip_dbfs is not None:
            limit = 32767.0 * 10.0 ** (f.clip_dbfs / 20.0)
            x = np.clip(x, -limit, limit)
        if f.noise_dbfs is not None:
            x = x + self.rng.normal(0.0, 32768.0 * 10.0 ** (f.noise_dbfs / 20.0), x.size)
        if f.drop_every_ms is not None:
            period = f.drop_every_ms * rate_hz / 1000.0
            length = f.drop_ms * rate_hz / 1000.0
            idx = self.position + np.arange(x.size)
            x[np.mod(idx, period) < length] = 0.0
        self.position += x.size
        out: Int16Array = np.clip(np.round(x), -32768, 32767).astype(np.int16)
        return out


class RecordingSink:
    """The call's audio sink with the received audio kept (and a device fault, if given).

    Called with every frame the playout buffer hands to the speaker; passes it on to ``sink``.
    """

    def __init__(
        self,
        recorder: AudioRecorder,
        sink: AudioSink | None = None,
        fault: DeviceFault | None = None,
    ) -> None:
        self.recorder = recorder
        self._sink = sink
        self._fault = None if fault is None else _FaultState(fault)

    def __call__(self, samples: Int16Array, rate_hz: int) -> None:
        if self._fault is not None:
            samples = self._fault.apply(samples, rate_hz)
        self.recorder.push(samples, rate_hz)
        if self._sink is not None:
            self._sink(samples, rate_hz)


class HeardCapture:
    """What a test session keeps for the heard score, per mode (the session's one seam).

    * loopback: both directions. ``downlink``: the far end's audio is the reference, the user's
      played audio the received. ``uplink``: the user's sent audio (test signal or microphone)
      is the reference, what the far-end peer played the received;
    * server: the user's own sent audio is the reference, and comes back through the reflector
      (``round_trip``) — with a live microphone too, since what was sent is kept;
    * peer: the colleague's voice is not known here: no-reference only (``downlink``).

    Wrap the call's sources and sinks with :meth:`source`, :meth:`far_end`, :meth:`sink` and
    :meth:`far_end_sink` before the call, and :meth:`score` after it.
    """

    def __init__(self, mode: str, keep_s: float = KEEP_S) -> None:
        self.mode = mode
        self._sent = AudioRecorder(keep_s)
        self._played = AudioRecorder(keep_s)
        self._far_sent = AudioRecorder(keep_s)
        self._far_played = AudioRecorder(keep_s)

    def source(self, source: AudioSource) -> AudioSource:
        """The user's outgoing audio; kept in server mode (the round trip's reference) and in
        loopback (the uplink's)."""
        if self.mode in ("server", "loopback"):
            return RecordingSource(source, self._sent)
        return source

    def far_end(self, source: AudioSource | None) -> AudioSource | None:
        """The loopback far end's audio, kept (the downlink's reference)."""
        if source is None or self.mode != "loopback":
            return source
        return RecordingSource(source, self._far_sent)

    def sink(self, sink: AudioSink | None) -> RecordingSink:
        """The call's audio sink with the played audio kept."""
        return RecordingSink(self._played, sink)

    def far_end_sink(self) -> RecordingSink | None:
        """What the loopback far end plays (nobody hears it: it is only kept, the uplink's
        received audio); None in the other modes, whose far end is not in this process."""
        return RecordingSink(self._far_played) if self.mode == "loopback" else None

    @property
    def samples_kept(self) -> int:
        """Samples held now, all streams (bounded by ``keep_s`` each)."""
        recorders = (self._sent, self._played, self._far_sent, self._far_played)
        return sum(r.samples_kept for r in recorders)

    def pairs(self) -> tuple[HeardPair, ...]:
        """The directions to score, as kept so far."""
        received = self._played.snapshot()
        if self.mode == "server":
            return (HeardPair("round_trip", self._sent.snapshot(), received),)
        if self.mode == "loopback":
            return (
                HeardPair("downlink", self._far_sent.snapshot(), received),
                HeardPair("uplink", self._sent.snapshot(), self._far_played.snapshot()),
            )
        return (HeardPair("downlink", None, received),)

    async def score(self, window: AlignmentWindow = DEFAULT_WINDOW) -> HeardQuality:
        """Score what was kept, in a worker thread (:func:`score_heard`)."""
        return await score_heard(self.pairs(), window)


# ------------------------------------------------------------------------------ scoring


@dataclass(frozen=True)
class HeardPair:
    """One direction to score: what was sent and what the listener got."""

    direction: str
    reference: Recording | None
    """The sent audio; None = unknown (a live voice at the far end): no-reference only."""
    received: Recording | None


def _window_16k(recording: Recording, start_s: float, end_s: float) -> FloatArray:
    """``recording`` from ``start_s`` to ``end_s`` (stream time) at 16 kHz, exactly
    ``(end_s − start_s) · 16 kHz`` samples. Only the windows are converted, not the whole call
    (converting 20 s of 48 kHz audio costs ~0.5 s here)."""
    margin_s = 0.01  # the converter's kernel needs a little context on each side
    rate = recording.rate_hz
    a = max(int(np.floor((start_s - margin_s) * rate)), 0)
    b = min(int(np.ceil((end_s + margin_s) * rate)), recording.samples.size)
    wide = resample(recording.samples[a:b], rate, HEARD_RATE_HZ)
    first = round((start_s - a / rate) * HEARD_RATE_HZ)
    n = round((end_s - start_s) * HEARD_RATE_HZ)
    out = wide[first : first + n]
    if out.size < n:
        out = np.concatenate([out, np.zeros(n - out.size)])
    return out


def _windows_16k(recording: Recording, spans: Sequence[tuple[float, float]]) -> list[FloatArray]:
    """:func:`_window_16k` of each ``(start_s, end_s)`` span (in stream order), converting
    overlapping or touching spans together: the reference windows of neighbouring segments
    overlap (each reaches back the longest delay), and one by one most of the reference was
    converted twice — the conversion was a third of the score's time."""
    out: list[FloatArray] = []
    i = 0
    while i < len(spans):
        j, end_s = i + 1, spans[i][1]
        while j < len(spans) and spans[j][0] <= end_s + 1e-9:
            end_s = max(end_s, spans[j][1])
            j += 1
        start_s = spans[i][0]
        run = _window_16k(recording, start_s, end_s)
        for a_s, b_s in spans[i:j]:
            a = round((a_s - start_s) * HEARD_RATE_HZ)
            out.append(run[a : a + round((b_s - a_s) * HEARD_RATE_HZ)])
        i = j
    return out


def score_full_reference(
    direction: str,
    reference: Recording,
    received: Recording,
    window: AlignmentWindow = DEFAULT_WINDOW,
) -> HeardDirection:
    """ViSQOL v3 speech-mode score of ``received`` against ``reference`` (a bounded sample)."""
    version = visqol_version()
    if version is None:
        return HeardDirection(
            direction,
            HeardMethod.FULL_REFERENCE,
            None,
            FULL_REFERENCE_MODEL,
            "",
            note="not available: ViSQOL could not be loaded",
        )
    offset_s = (received.start_ms - reference.start_ms) / 1000.0
    plans = plan_segments(
        reference.samples.astype(np.float64),
        reference.rate_hz,
        received.samples.size / received.rate_hz,
        offset_s,
        window,
    )
    if not plans:
        return HeardDirection(
            direction,
            HeardMethod.FULL_REFERENCE,
            None,
            FULL_REFERENCE_MODEL,
            version,
            note="not available: too little speech was received to score (call too short?)",
        )
    n_segment = round(window.segment_s * HEARD_RATE_HZ)
    references = _windows_16k(reference, [(p.reference_start_s, p.reference_end_s) for p in plans])
    receiveds = _windows_16k(
        received, [(p.received_start_s, p.received_start_s + window.segment_s) for p in plans]
    )
    segments = [
        align_segment(plan, ref, rec[:n_segment], HEARD_RATE_HZ)
        for plan, ref, rec in zip(plans, references, receiveds, strict=True)
    ]
    ref_all = np.concatenate([s.reference for s in segments]) / 32768.0
    rec_all = np.concatenate([s.received for s in segments]) / 32768.0
    note = None
    if float(np.sqrt(np.mean(rec_all * rec_all))) < SILENT_RECEIVED_RMS:
        # Speech was sent and silence reached the speaker: the worst the scale has. ViSQOL
        # cannot say so itself (it levels the received audio to the reference: 0 / 0).
        mos: float | None = 1.0
        note = "the listener heard silence where speech was sent"
    else:
        # ViSQOL levels the received audio to the reference's sound pressure; audio that is
        # silent where it matters (an outage) makes that 0/0 and the score NaN, which no report,
        # advice or format may carry. Its numpy warnings are the same event: checked below.
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            mos = visqol_speech_mos(ref_all, rec_all)
        if not np.isfinite(mos):
            mos, note = None, "not available: ViSQOL gave no score for this audio (an outage?)"
    return HeardDirection(
        direction,
        HeardMethod.FULL_REFERENCE,
        mos,
        FULL_REFERENCE_MODEL,
        version,
        seconds_scored=rec_all.size / HEARD_RATE_HZ,
        segments=len(segments),
        delay_ms=float(np.mean([s.delay_ms for s in segments])),
        correlation=float(np.mean([s.correlation for s in segments])),
        note=note,
    )


def visqol_speech_mos(reference: FloatArray, degraded: FloatArray) -> float:
    """ViSQOL v3 speech mode (16 kHz, exponential mapper scaled to 5.0) of two aligned signals.

    The exponential mapper, not the C++ default lattice: the lattice's level is tied to real
    speech and scores CallCheck's synthetic test signal a point low on clean calls (see
    ``tests/tools/visqol_lattice.py``, which evaluates it for the benchmark).

    The two signals come lined up to the sample (:mod:`callcheck.core.heard_align`), so ViSQOL's
    own alignment is left out: its global alignment repeats that work, and its fine realignment
    re-matches each 400 ms patch by cross-correlation, which with aligned audio moves only the
    patches that concealment damaged towards a better match — it hid part of the loss (lossy
    calls scored 0.01–0.08 higher with it, clean ones within 0.003). The conformance value is
    checked with ViSQOL's defaults (``tests/engine/test_heard_visqol.py``)."""
    from callcheck.engine.visqol import VisqolApi  # imported by visqol_version() first

    api = VisqolApi()
    api.create(
        mode="speech",
        use_lattice_model=False,
        search_window=VISQOL_SEARCH_PATCHES,
        disable_global_alignment=True,
        disable_realignment=True,
    )
    return float(api.measure_from_arrays(reference, degraded, sample_rate=HEARD_RATE_HZ).moslqo)


def no_reference_unavailable(direction: str) -> HeardDirection:
    """The no-reference entry: not available in this build (see the module docstring)."""
    return HeardDirection(
        direction,
        HeardMethod.NO_REFERENCE,
        None,
        NO_REFERENCE_MODEL,
        "",
        note=NO_REFERENCE_NOTE,
    )


def score_pairs(
    pairs: Sequence[HeardPair], window: AlignmentWindow = DEFAULT_WINDOW
) -> HeardQuality:
    """Score every direction (blocking: seconds of CPU; run it in a worker thread).

    Two directions (loopback) are scored at once, each in a thread of its own: most of a score
    is numpy's FFTs and array arithmetic, which run outside the GIL, so on two cores both
    directions take about 0.65× the time of one after the other (two recorded 20 s calls, 11
    segments each: 1.0–1.4 s one after the other, 0.7–0.9 s at once)."""
    started = time.perf_counter()
    todo = [pair for pair in pairs if pair.received is not None]
    if len(todo) > 1:
        with ThreadPoolExecutor(max_workers=len(todo), thread_name_prefix="heard") as pool:
            out = list(pool.map(lambda pair: _score_pair(pair, window), todo))
    else:
        out = [_score_pair(pair, window) for pair in todo]
    return HeardQuality(tuple(out), compute_ms=(time.perf_counter() - started) * 1000.0)


def _score_pair(pair: HeardPair, window: AlignmentWindow) -> HeardDirection:
    assert pair.received is not None
    if pair.reference is None:
        return no_reference_unavailable(pair.direction)
    return score_full_reference(pair.direction, pair.reference, pair.received, window)


async def score_heard(
    pairs: Sequence[HeardPair], window: AlignmentWindow = DEFAULT_WINDOW
) -> HeardQuality:
    """:func:`score_pairs` in a worker thread, so the engine loop (and the GUI) go on."""
    return await asyncio.to_thread(score_pairs, tuple(pairs), window)
