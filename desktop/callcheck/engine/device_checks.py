"""Device checks for the walkthrough: input level, speaker test tone, device round-trip latency.

The latency measurement plays a chirp on the output and finds it in the input by
cross-correlation (speaker → microphone acoustically, or an output routed back to an input). Each
repetition opens its own duplex stream: measured through PulseAudio the round trip keeps the
start-up offset of its stream for the stream's life and changes between streams by multiples of
the host's period (256 samples, 5.33 ms at 48 kHz), so repeats within one stream would only
measure one offset. The median over streams is the figure; the spread shows how much the offset
moves.

That offset sits in the stream's own output queue: PortAudio reports it at every callback as the
live output buffer (the DAC time of the callback's first output sample minus the callback time).
One callback's value jitters by up to a period with the moment the callback runs, so each
repetition takes the median over the callbacks of its stream's steady part (from halfway through
the lead-in on). The round trip minus that buffer — ``beyond_output_buffer_ms`` — is the part
outside the application's output queue: the device's (or a routed path's) own latency. Measured
through PulseAudio it stays within ±0.3 ms between streams while the raw round trip moves by whole
periods, so it is the figure to compare between paths, headsets or runs.

PortAudio's ALSA host occasionally ends a healthy stream through PulseAudio (a failed poll of the
capture side, about one stream in 200 here), so a repetition whose stream fails is tried once more
in a fresh stream; a device that is really gone fails that one too, and the measurement stops.
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
    chirp,
    estimate_delay,
    measure_level,
    tone,
)
from callcheck.engine.audio_io import (
    DEFAULT_LATENCY_S,
    DEFAULT_SAMPLE_RATE_HZ,
    AudioBackend,
    AudioDevice,
    AudioDeviceError,
    InputBlock,
    StreamConfig,
)

logger = logging.getLogger(__name__)

LEAD_IN_MS: Final = 300.0
"""Silence before the burst: lets the stream reach its steady state first."""

BURST_MS: Final = 100.0
"""Latency burst length."""

BURST_BAND_HZ: Final = (300.0, 6000.0)
"""Latency burst band: wide for a sharp correlation peak, within what laptop speakers play."""

BURST_AMPLITUDE: Final = 0.5
"""Latency burst peak level (−6 dBFS)."""

DETECTION_CONFIDENCE: Final = 0.3
"""Normalised correlation a repetition needs to count as heard (a wire loop gives ≈ 1.0,
a speaker heard by a laptop microphone 0.3–0.7, noise alone < 0.15)."""

DETECTION_PEAK_RATIO: Final = 2.0
"""And the peak must stand this far above every other lag (no ambiguous echo)."""

LEVEL_WINDOW_MS: Final = 100.0
"""Input level meter: one reading per 100 ms."""

STREAM_TIMEOUT_MARGIN_S: Final = 3.0
"""Time allowed beyond a stream's nominal length before it counts as stalled."""

STEADY_FROM_LEAD_IN_FRACTION: Final = 0.5
"""The live output buffer is read from this far into the lead-in on: the first callbacks of a
stream still fill its queue."""


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
    """One burst played and searched for."""

    detected: bool
    """The burst was found with enough confidence."""
    roundtrip_ms: float
    """Output-to-input delay of the best correlation peak (meaningful when detected)."""
    confidence: float
    """Normalised correlation at the peak, 0–1."""
    output_buffer_ms: float | None
    """The stream's live output buffer: the median over its steady callbacks of PortAudio's DAC
    time minus the callback time (None without output timing)."""

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
    """Repetitions run (each in its own stream)."""
    detected: bool
    """True when the burst was heard in at least half of the repetitions."""
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


# ----------------------------------------------------------------------------- latency


async def measure_device_latency(
    backend: AudioBackend,
    input_device: AudioDevice,
    output_device: AudioDevice,
    *,
    repetitions: int = 5,
    max_roundtrip_ms: float = 1000.0,
    sample_rate_hz: int = DEFAULT_SAMPLE_RATE_HZ,
    latency_s: float = DEFAULT_LATENCY_S,
) -> LatencyMeasurement:
    """Measure the output → input round trip by playing a chirp ``repetitions`` times.

    Raises :class:`AudioDeviceError` when the first stream cannot be opened; a device failure
    after that ends the measurement early with ``error`` set and the repetitions done so far kept.
    """
    if repetitions < 1:
        raise ValueError(f"repetitions must be ≥ 1, got {repetitions}")
    low, high = BURST_BAND_HZ
    burst = chirp(
        sample_rate_hz, duration_ms=BURST_MS, start_hz=low, end_hz=high, amplitude=BURST_AMPLITUDE
    )
    lead = round(LEAD_IN_MS * sample_rate_hz / 1000.0)
    window = round(max_roundtrip_ms * sample_rate_hz / 1000.0)
    signal = np.concatenate([np.zeros(lead), burst, np.zeros(window)])
    config = StreamConfig(input_device, output_device, sample_rate_hz, latency_s)
    runs: list[LatencyRepetition] = []
    reported: list[tuple[float | None, float | None]] = []
    error: str | None = None
    for _ in range(repetitions):
        try:
            capture, latency_ms = await _play_burst(backend, config, signal)
        except AudioDeviceError as exc:
            if not runs:
                raise
            error = str(exc)
            break
        reported.append(latency_ms)
        runs.append(_find_burst(capture, burst, lead, window, sample_rate_hz))
    return _summarise(input_device, output_device, runs, reported, error)


async def _play_burst(
    backend: AudioBackend, config: StreamConfig, signal: npt.NDArray[np.float64]
) -> tuple[_Capture, tuple[float | None, float | None]]:
    """One repetition: play and record ``signal`` in a fresh stream, retried once if it fails."""

    async def attempt() -> tuple[_Capture, tuple[float | None, float | None]]:
        capture = _Capture()
        reported = await _run_stream(
            backend, config, play=signal, capture_frames=signal.size, capture=capture
        )
        return capture, reported

    try:
        return await attempt()
    except AudioDeviceError as error:
        # The ALSA pulse plugin ends about one stream in 200 on its own; a device really gone
        # fails the second attempt too, and that error ends the measurement.
        logger.warning("latency check: a stream failed (%s); trying once more", error)
    return await attempt()


def _find_burst(
    capture: _Capture,
    burst: npt.NDArray[np.float64],
    lead: int,
    window: int,
    sample_rate_hz: int,
) -> LatencyRepetition:
    recorded = capture.samples()[lead : lead + window + burst.size]
    estimate = estimate_delay(burst, recorded)
    detected = (
        estimate.confidence >= DETECTION_CONFIDENCE and estimate.peak_ratio >= DETECTION_PEAK_RATIO
    )
    return LatencyRepetition(
        detected=detected,
        roundtrip_ms=estimate.delay_ms(sample_rate_hz),
        confidence=estimate.confidence,
        output_buffer_ms=steady_output_buffer_ms(
            capture.blocks, from_frame=round(lead * STEADY_FROM_LEAD_IN_FRACTION)
        ),
    )


def steady_output_buffer_ms(blocks: list[InputBlock], *, from_frame: int) -> float | None:
    """The median live output buffer over the callbacks from ``from_frame`` on (None if unknown).

    In a duplex stream the input and output frame counters advance together, so an input block
    stands for the callback that also played the output frames of the same indexes.
    """
    buffers_s = [
        b.output_latency_s
        for b in blocks
        if b.output_latency_s is not None and b.first_frame + b.samples.size > from_frame
    ]
    return 1000.0 * statistics.median(buffers_s) if buffers_s else None


def _summarise(
    input_device: AudioDevice,
    output_device: AudioDevice,
    runs: list[LatencyRepetition],
    reported: list[tuple[float | None, float | None]],
    error: str | None,
) -> LatencyMeasurement:
    heard = [r for r in runs if r.detected]
    detected = bool(runs) and 2 * len(heard) >= len(runs)
    pa_in = [r[0] for r in reported if r[0] is not None]
    pa_out = [r[1] for r in reported if r[1] is not None]
    buffers = [r.output_buffer_ms for r in runs if r.output_buffer_ms is not None]
    beyond = [b for r in heard if (b := r.beyond_output_buffer_ms) is not None]
    roundtrip = Spread.of([r.roundtrip_ms for r in heard]) if detected else None
    if roundtrip is not None:
        message = (
            f"Round trip {roundtrip.median:.0f} ms from {output_device.name} to "
            f"{input_device.name} (spread {roundtrip.spread:.0f} ms over {len(heard)} bursts)."
        )
    else:
        message = (
            f"The test sound played on {output_device.name} was not heard on "
            f"{input_device.name}: with headphones this is expected; otherwise check that the "
            "microphone is not muted and the speaker volume is up."
        )
    return LatencyMeasurement(
        input_device=input_device.name,
        output_device=output_device.name,
        repetitions=len(runs),
        detected=detected,
        confidence=statistics.median([r.confidence for r in runs]) if runs else 0.0,
        roundtrip_ms=roundtrip,
        beyond_output_buffer_ms=Spread.of(beyond) if detected and beyond else None,
        output_buffer_ms=statistics.median(buffers) if buffers else None,
        portaudio_latency_ms=(
            statistics.median(pa_in) if pa_in else None,
            statistics.median(pa_out) if pa_out else None,
        ),
        runs=tuple(runs),
        message=message,
        error=error,
    )


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
