"""The device latency check: the call's own device path, measured without the network.

The Devices screen and ``callcheck devices --measure-latency`` used to play a chirp through one
duplex stream and time it by frame counters, while a call plays through separate capture and
playback streams and times its in-band probes heard back (:mod:`callcheck.engine.call_audio`).
The two models gave the same devices figures one host period apart (16.1 ms against 20.0 ms on
the test sound server's direct path; 11 ms apart under load), so the screen did not show what
the call would use (issue 13).

Now the check *is* the call's device path, with the network left out: a
:class:`~callcheck.engine.call_audio.CallAudio` opens the devices exactly as a call does
(separate streams for PortAudio, the same suggested latency, CallCheck's output queue held at
its cushion by :class:`~callcheck.engine.call_audio.PlaybackControl`, the capture FIFO at its
target), the far end's probed speech is handed straight to the output every 20 ms on the call's
deadline grid, and the microphone's frames are read on the same grid. The probes heard back give
the device path beyond CallCheck's two queues by the same estimator the call's report uses
(:attr:`~callcheck.engine.call_audio.AudioPathSummary.device_roundtrip_ms`). Each repetition
opens fresh streams (a stream keeps its start-up offset for its life, so the spread over
repetitions shows how much a new call's figure may move); the median over repetitions is the
figure, and ``typical`` the median of the largest cluster.

A repetition lasts until :data:`HEARD_BACK_ENOUGH` probes came back (3–4 s through the test
sound server: PulseAudio takes its first callbacks, then none for 0.7–1.4 s while it starts a
stream; after that a probe every 500 ms), at most :data:`REPETITION_S`. When the first
repetition hears none (headphones), the check stops there.
"""

from __future__ import annotations

import asyncio
import logging
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from callcheck.engine.audio_io import (
    DEFAULT_LATENCY_S,
    AudioBackend,
    AudioDevice,
    AudioDeviceError,
)
from callcheck.engine.call_audio import (
    FIFO_TARGET_MS,
    METHOD_SIGNAL,
    OUTPUT_CUSHION_MS,
    AudioPathSummary,
    CallAudio,
    CallAudioConfig,
)
from callcheck.engine.device_checks import (
    LatencyMeasurement,
    LatencyRepetition,
    Spread,
)
from callcheck.engine.loop import now_ms
from callcheck.engine.peer import FRAME_MS, SOURCE_RATE_HZ
from callcheck.engine.probes import DEFAULT_PERIOD_MS

logger = logging.getLogger(__name__)

REPETITION_S: Final = 6.0
"""The longest a repetition runs: the stream's start-up stall (up to 1.4 s through PulseAudio),
then a probe every 500 ms; it ends earlier once :data:`HEARD_BACK_ENOUGH` probes came back."""

HEARD_BACK_ENOUGH: Final = 5
"""Probes heard back after which a repetition ends (a median of five: one stray pairing while
the output queue settles after the stream's start cannot move it)."""

CHECK_CODEC: Final = "opus"
"""The codec whose rate the check runs at (48 kHz, the call's default)."""


@dataclass(frozen=True)
class DevicePathRun:
    """One repetition: the call's device path summary of one pair of fresh streams."""

    summary: AudioPathSummary
    """The figures, as a call reports them."""

    def repetition(self) -> LatencyRepetition:
        """The repetition in the latency check's terms."""
        s = self.summary
        device = s.device_roundtrip_ms
        confidences = list(s.device_confidences)
        return LatencyRepetition(
            detected=device is not None,
            roundtrip_ms=device if device is not None else float("nan"),
            confidence=statistics.median(confidences) if confidences else 0.0,
            output_buffer_ms=s.host_output_buffer_ms,
        )


async def run_device_path(
    backend: AudioBackend,
    input_device: AudioDevice,
    output_device: AudioDevice,
    *,
    duration_s: float = REPETITION_S,
    latency_s: float = DEFAULT_LATENCY_S,
    output_cushion_ms: float = OUTPUT_CUSHION_MS,
    fifo_target_ms: float = FIFO_TARGET_MS,
    probe_period_ms: float = DEFAULT_PERIOD_MS,
    heard_back_enough: int | None = HEARD_BACK_ENOUGH,
    each_frame: Callable[[CallAudio, float], None] | None = None,
) -> AudioPathSummary:
    """Run the call's device path for ``duration_s`` with no network: the far end's probed
    speech goes straight to the output, the microphone's frames are read, both every 20 ms on one
    deadline grid, until ``heard_back_enough`` probes came back (None: the whole duration).
    ``each_frame`` is called before every frame with the path and the seconds since the first
    (the truth tests add known queues mid-run with it: tests/audio/test_audio_latency.py).
    Raises :class:`AudioDeviceError` when the devices cannot be opened; a device that fails
    mid-way ends the run with the error in the summary."""
    audio = CallAudio(
        CallAudioConfig(
            codec=CHECK_CODEC,
            input_device=input_device.index,
            output_device=output_device.index,
            latency_s=latency_s,
            fifo_target_ms=fifo_target_ms,
            output_cushion_ms=output_cushion_ms,
            probe_period_ms=probe_period_ms,
        ),
        backend=backend,
    )
    audio.start()
    if not audio.device_active:
        audio.close()
        raise AudioDeviceError(
            audio.errors[0] if audio.errors else "The audio devices could not be opened.",
            device=f"{input_device.name} / {output_device.name}",
        )
    rate = SOURCE_RATE_HZ[CHECK_CODEC]
    frame = rate * FRAME_MS // 1000
    frames = round(duration_s * 1000.0 / FRAME_MS)
    start = now_ms()
    try:
        for n in range(frames):
            if audio.errors:
                break  # the device failed: the summary keeps its error
            heard = audio.captured_back
            enough = heard_back_enough
            if enough is not None and heard is not None and len(heard.detections) >= enough:
                break
            if each_frame is not None:
                each_frame(audio, (now_ms() - start) / 1000.0)
            audio.sink(audio.far_end_source.read(frame), rate)
            audio.source.read(frame)
            wait_ms = start + (n + 1) * FRAME_MS - now_ms()
            if wait_ms > 0:
                await asyncio.sleep(wait_ms / 1000.0)
            else:
                await asyncio.sleep(0)
    finally:
        audio.close()
    return audio.summary()


async def measure_device_latency(
    backend: AudioBackend,
    input_device: AudioDevice,
    output_device: AudioDevice,
    *,
    repetitions: int = 3,
    duration_s: float = REPETITION_S,
    latency_s: float = DEFAULT_LATENCY_S,
    probe_period_ms: float = DEFAULT_PERIOD_MS,
) -> LatencyMeasurement:
    """The device path of ``repetitions`` fresh stream pairs, as a call measures it.

    Raises :class:`AudioDeviceError` when the first repetition cannot open the devices; a device
    failure after that ends the measurement early with ``error`` set and what was measured kept.
    """
    if repetitions < 1:
        raise ValueError(f"repetitions must be ≥ 1, got {repetitions}")
    runs: list[LatencyRepetition] = []
    reported: list[tuple[float | None, float | None]] = []
    error: str | None = None

    async def once() -> AudioPathSummary:
        summary = await run_device_path(
            backend,
            input_device,
            output_device,
            duration_s=duration_s,
            latency_s=latency_s,
            probe_period_ms=probe_period_ms,
        )
        if summary.errors:
            raise AudioDeviceError(summary.errors[0], device=output_device.name)
        return summary

    for _ in range(repetitions):
        try:
            try:
                summary = await once()
            except AudioDeviceError as exc:
                # PortAudio's ALSA host ends about one stream in 200 through PulseAudio on its
                # own; a device really gone fails the second attempt too, and that ends the
                # check.
                logger.warning("latency check: a stream failed (%s); trying once more", exc)
                summary = await once()
        except AudioDeviceError as exc:
            if not runs:
                raise
            error = str(exc)
            break
        runs.append(DevicePathRun(summary).repetition())
        reported.append(summary.portaudio_latency_ms)
        if not runs[-1].detected and len(runs) == 1:
            break  # nothing comes back (headphones): more repetitions would not change that
    return summarise(input_device, output_device, runs, reported, error)


def summarise(
    input_device: AudioDevice,
    output_device: AudioDevice,
    runs: list[LatencyRepetition],
    reported: list[tuple[float | None, float | None]],
    error: str | None,
) -> LatencyMeasurement:
    """The measurement over the repetitions: detected when at least half heard the probes."""
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
            f"{input_device.name} (spread {roundtrip.spread:.0f} ms over {len(heard)} runs)."
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
        method=METHOD_SIGNAL,
    )
