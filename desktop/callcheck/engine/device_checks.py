"""Device checks for the walkthrough: input level, speaker test tone, and the types of the device
latency check.

The latency check itself runs the call's own device path (separate streams, the call's probes
heard back, the call's estimator): :mod:`callcheck.engine.device_latency`. Its result types live
here because the call's report (:mod:`callcheck.engine.call_audio`) embeds them.

A figure of the check, ``beyond_output_buffer_ms``, is the device path less the host's live
output buffer (PortAudio's DAC time − callback time, the median over the output stream's
callbacks): the part outside every application queue — the device's own latency, or a routed
path's added delay. Through PulseAudio the host buffer keeps a start-up offset of whole periods
for a stream's life; the figure net of it does not.
"""

from __future__ import annotations

import asyncio
import logging
import math
import statistics
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from callcheck.core.audio_analysis import (
    LevelReading,
    measure_level,
    tone,
)
from callcheck.engine.audio_io import (
    DEFAULT_SAMPLE_RATE_HZ,
    AudioBackend,
    AudioDevice,
    AudioDeviceError,
    InputBlock,
    StreamConfig,
)

logger = logging.getLogger(__name__)

LEVEL_WINDOW_MS: Final = 100.0
"""Input level meter: one reading per 100 ms."""

STREAM_TIMEOUT_MARGIN_S: Final = 3.0
"""Time allowed beyond a stream's nominal length before it counts as stalled."""

#: Values closer than this belong to one cluster in :func:`_typical`.
CLUSTER_MS = 1.0


def _typical(values: list[float]) -> float:
    """Median of the largest group of values that lie within CLUSTER_MS of their neighbours
    (ties: the group nearest the overall median)."""
    ordered = sorted(values)
    groups: list[list[float]] = [[ordered[0]]]
    for v in ordered[1:]:
        if v - groups[-1][-1] <= CLUSTER_MS:
            groups[-1].append(v)
        else:
            groups.append([v])
    middle = statistics.median(values)
    best = max(groups, key=lambda g: (len(g), -abs(statistics.median(g) - middle)))
    return float(statistics.median(best))


@dataclass(frozen=True)
class Spread:
    """Median and spread of repeated measurements (milliseconds)."""

    median: float
    """Median."""
    min: float
    """Smallest."""
    max: float
    """Largest."""
    spread: float
    """max − min."""
    values: tuple[float, ...]
    """Every value, in measurement order."""
    typical: float = math.nan
    """The median of the largest cluster of values (within 1 ms of each other): leaves out the
    repetitions whose stream kept an unusual start-up offset (PulseAudio: whole periods of
    ≈ 5.3 ms either way), which can pull the median of a few repetitions off. Which offset is the
    most common still changes between runs: compare ``beyond_output_buffer_ms`` across paths, not
    raw round trips."""

    @classmethod
    def of(cls, values: list[float]) -> Spread:
        """Summarise a non-empty list."""
        return cls(
            median=statistics.median(values),
            min=min(values),
            max=max(values),
            spread=max(values) - min(values),
            values=tuple(values),
            typical=_typical(values),
        )

    def to_json(self) -> dict[str, Any]:
        """JSON form, rounded to 0.01 ms."""
        return {
            "median": round(self.median, 2),
            "typical": round(self.typical, 2),
            "min": round(self.min, 2),
            "max": round(self.max, 2),
            "spread": round(self.spread, 2),
            "values": [round(v, 2) for v in self.values],
        }


@dataclass(frozen=True)
class LatencyRepetition:
    """One run of the device path in fresh streams."""

    detected: bool
    """Enough probes came back through the devices to measure the path."""
    roundtrip_ms: float
    """The device path beyond CallCheck's own queues: the median over the probes heard back
    (meaningful when detected; NaN otherwise)."""
    confidence: float
    """Median normalised correlation of the probes heard back, 0–1 (0 when none was)."""
    output_buffer_ms: float | None
    """The host's live output buffer: the median over the output stream's callbacks of
    PortAudio's DAC time minus the callback time (None without output timing)."""

    @property
    def beyond_output_buffer_ms(self) -> float | None:
        """The round trip outside the stream's output queue (round trip − output buffer)."""
        if self.output_buffer_ms is None:
            return None
        return self.roundtrip_ms - self.output_buffer_ms


@dataclass(frozen=True)
class LatencyMeasurement:
    """Result of the device round-trip latency measurement."""

    input_device: str
    """Capture device name."""
    output_device: str
    """Playback device name."""
    repetitions: int
    """Repetitions run (each in its own streams)."""
    detected: bool
    """True when the probes came back in at least half of the repetitions."""
    confidence: float
    """Median confidence over the repetitions, 0–1."""
    roundtrip_ms: Spread | None
    """Round trip over the detected repetitions; None when not detected."""
    beyond_output_buffer_ms: Spread | None
    """Round trip minus its stream's live output buffer, per detected repetition: the device
    path's latency without the start-up offset each stream keeps in its output queue; None when
    PortAudio gave no output timing."""
    output_buffer_ms: float | None
    """Median over the repetitions of the stream's live output buffer (PortAudio DAC time −
    callback time)."""
    portaudio_latency_ms: tuple[float | None, float | None]
    """PortAudio's reported (input, output) stream latency."""
    runs: tuple[LatencyRepetition, ...]
    """Every repetition."""
    message: str
    """One sentence for the user: the figure, or why it is missing."""
    error: str | None = None
    """An error that stopped the measurement early (what was measured before it is kept)."""
    method: str = "probes_heard_back"
    """How the round trip was measured: ``probes_heard_back``, the call's own model of the device
    path (:mod:`callcheck.engine.device_latency`)."""

    def to_json(self) -> dict[str, Any]:
        """The ``callcheck devices --measure-latency --json`` form (also the report's)."""
        pa_in, pa_out = self.portaudio_latency_ms
        return {
            "input_device": self.input_device,
            "output_device": self.output_device,
            "detected": self.detected,
            "repetitions": self.repetitions,
            "detections": sum(r.detected for r in self.runs),
            "confidence": round(self.confidence, 3),
            "roundtrip_ms": None if self.roundtrip_ms is None else self.roundtrip_ms.to_json(),
            "beyond_output_buffer_ms": (
                None
                if self.beyond_output_buffer_ms is None
                else self.beyond_output_buffer_ms.to_json()
            ),
            "output_buffer_ms": _round(self.output_buffer_ms),
            "portaudio_latency_ms": {"input": _round(pa_in), "output": _round(pa_out)},
            "message": self.message,
            "error": self.error,
            "method": self.method,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


@dataclass
class _Capture:
    """What one stream recorded (loop-thread only)."""

    blocks: list[InputBlock] = field(default_factory=list)
    frames: int = 0

    def samples(self) -> npt.NDArray[np.float32]:
        if not self.blocks:
            return np.zeros(0, dtype=np.float32)
        return np.concatenate([b.samples for b in self.blocks])


async def _run_stream(
    backend: AudioBackend,
    config: StreamConfig,
    *,
    play: npt.NDArray[np.float64] | None,
    capture_frames: int,
    capture: _Capture,
) -> tuple[float | None, float | None]:
    """Play ``play`` and/or capture ``capture_frames`` samples into ``capture``.

    Returns PortAudio's reported (input, output) latency. Raises :class:`AudioDeviceError` when the
    stream cannot open or stops mid-way (``capture`` keeps what arrived before).
    """
    loop = asyncio.get_running_loop()
    finished: asyncio.Future[None] = loop.create_future()

    def on_input(block: InputBlock) -> None:
        capture.blocks.append(block)
        capture.frames += block.samples.size
        if capture.frames >= capture_frames and not finished.done():
            finished.set_result(None)

    def on_error(error: AudioDeviceError) -> None:
        if not finished.done():
            finished.set_exception(error)

    stream = backend.open_stream(config, loop=loop, on_input=on_input, on_error=on_error)
    try:
        reported = stream.reported_latency_ms
        if play is not None:
            stream.write(play)
        stream.start()
        nominal_s = max(capture_frames, 0 if play is None else play.size) / config.sample_rate_hz
        if config.input_device is None:
            # Output only: wait until the queue has drained, then for the device's buffer.
            deadline = loop.time() + nominal_s + STREAM_TIMEOUT_MARGIN_S
            while stream.queued_output_frames() > 0 and not finished.done():
                if loop.time() > deadline:
                    break
                await asyncio.sleep(0.02)
            await asyncio.sleep(config.latency_s * 2)
            if stream.error is not None:
                raise stream.error
        else:
            try:
                await asyncio.wait_for(
                    asyncio.shield(finished), nominal_s + STREAM_TIMEOUT_MARGIN_S
                )
            except TimeoutError:
                raise AudioDeviceError(
                    f"{config.input_device.name} delivered no audio in time. It may be in use by "
                    "another application or disconnected; pick another device.",
                    device=config.input_device.name,
                ) from None
    finally:
        stream.close()
        if not finished.done():
            finished.cancel()
    return reported


# --------------------------------------------------------------------------- input level


@dataclass(frozen=True)
class InputLevelResult:
    """An input level session: one reading per 100 ms and the whole."""

    device: str
    """Capture device name."""
    overall: LevelReading
    """Level over everything captured."""
    readings: tuple[LevelReading, ...]
    """One reading per :data:`LEVEL_WINDOW_MS`."""
    message: str
    """What it means for the user (silent, clipping, fine)."""
    error: str | None = None
    """An error that stopped the session early (readings until then are kept)."""


async def measure_input_level(
    backend: AudioBackend,
    device: AudioDevice,
    *,
    duration_ms: float = 2000.0,
    sample_rate_hz: int = DEFAULT_SAMPLE_RATE_HZ,
) -> InputLevelResult:
    """Record ``duration_ms`` from ``device`` and meter it.

    A device that fails mid-way gives a result with ``error`` set and the readings so far;
    one that cannot be opened raises :class:`AudioDeviceError`.
    """
    config = StreamConfig(device, None, sample_rate_hz)
    capture = _Capture()
    frames = round(duration_ms * sample_rate_hz / 1000.0)
    error: str | None = None
    try:
        await _run_stream(backend, config, play=None, capture_frames=frames, capture=capture)
    except AudioDeviceError as exc:
        if not capture.blocks:
            raise
        error = str(exc)
    samples = capture.samples()
    step = round(LEVEL_WINDOW_MS * sample_rate_hz / 1000.0)
    readings = tuple(
        measure_level(samples[i : i + step]) for i in range(0, samples.size - step + 1, step)
    )
    overall = measure_level(samples)
    if overall.silent:
        message = (
            f"No sound from {device.name}: it may be muted, the wrong microphone, or blocked by "
            "the system's privacy settings. Speak and try again, or pick another input."
        )
    elif overall.clipping:
        message = f"{device.name} is too loud (clipping): lower the input volume."
    else:
        message = f"{device.name} works: {overall.rms_dbfs:.0f} dBFS average."
    return InputLevelResult(device.name, overall, readings, message, error)


async def play_test_tone(
    backend: AudioBackend,
    device: AudioDevice,
    *,
    frequency_hz: float = 1000.0,
    duration_ms: float = 1000.0,
    level_dbfs: float = -12.0,
    sample_rate_hz: int = DEFAULT_SAMPLE_RATE_HZ,
) -> None:
    """Play a sine tone on ``device`` (the speaker test). Raises :class:`AudioDeviceError`."""
    signal = tone(
        sample_rate_hz, frequency_hz=frequency_hz, duration_ms=duration_ms, level_dbfs=level_dbfs
    )
    config = StreamConfig(None, device, sample_rate_hz)
    await _run_stream(backend, config, play=signal, capture_frames=0, capture=_Capture())
