"""The truth of CallCheck's two queue figures, shared by the suite's 8 s run
(tests/audio/test_audio_latency.py) and the benchmark's repetitions
(tests/benchmarks/bench_device_truth.py).

``output_buffer_ms`` and ``capture_buffer_ms`` are the mean wait of a frame's first sample in
CallCheck's output queue and capture FIFO, read from the PortAudio callbacks' times. The known
truth is a queue CallCheck holds on purpose (:meth:`CallAudio.add_queue_delay`): silence queued
once and kept out of the queue's control, so the control treats the rest exactly as without it
(tests/engine/test_audio_queues.py) and every later frame waits exactly that much longer.

One run through the test sound server's direct path (null sink → its monitor) holds, from fixed
moments on, known queues on the output and the capture side in turn (three settings each, and
each side unchanged while the other moves). Per stretch of the run, the median of each frame's
wait less what the queue's control counted at that moment (its own part of the queue, which
floats in the host's 10 ms blocks within the control's dead band: 10 → 20 → 30 ms within one
run, the probes heard back moving with it) must have risen by the held queue within 5 ms, and
the device path beyond both queues, by the probes heard back (the signal), must not move: the
loop the signal measures grows by exactly what the two figures account for: every setting, the
plain one included, has a probe within 5 ms of the run's device path (the median over all its
probes, the report's ``device_roundtrip_ms``), where a queue the figures missed would put all of
that setting's probes N ms away. One probe alone proves little: it reads a single frame's waits,
which a stall of a loaded machine moves by 10–40 ms (measured at load 4–5: 5 of 95 probes, and
2 of the 3 in one run's first seconds).
"""

from __future__ import annotations

import asyncio
import statistics
from dataclasses import dataclass
from typing import Final

from callcheck.engine.audio_io import SoundDeviceBackend, find_device
from callcheck.engine.call_audio import AudioPathSummary, CallAudio, FrameWait
from callcheck.engine.device_latency import run_device_path

TOLERANCE_MS: Final = 5.0
RUN_S: Final = 8.0
QUEUE_STEPS: Final = (
    (3.35, 20.0, 0.0),
    (4.35, 20.0, 40.0),
    (5.35, 60.0, 80.0),
    (6.35, 100.0, 120.0),
)
"""(from this second of the run, output ms, capture ms held from then on). The probes leave at
every 500 ms and come back 30–260 ms later: a queue added 350 ms after one splits no probe."""
START_SETTLE_MS: Final = 500.0
"""The plain stretch starts this long after the first frame written (the streams' start)."""
MIN_FRAMES: Final = 20
"""Frames a stretch needs for its median (the plain one is short when a stream starts late)."""
STEP_SETTLE_MS: Final = 250.0
"""A stretch starts this long after its step: the capture FIFO's older samples and the held
silence leave it first (at most the FIFO's level plus the held queue)."""


@dataclass(frozen=True)
class QueueStretch:
    """One stretch of the run with the same queues held."""

    output_held_ms: float
    """The output queue held on purpose."""
    capture_held_ms: float
    """The capture queue held on purpose."""
    output_ms: float
    """Median, over its frames, of the output wait less the control's own queue."""
    capture_ms: float
    """The same for the capture FIFO."""
    output_frames: int
    capture_frames: int
    device_ms: tuple[float, ...]
    """The device path of every probe heard back in it."""


def _median_beyond_control(waits: list[FrameWait]) -> float:
    return statistics.median(w.wait_ms - w.control_ms for w in waits) if waits else float("nan")


def run_queue_steps(
    output: str = "callcheck_direct",
) -> tuple[AudioPathSummary, list[QueueStretch]]:
    """The device path for :data:`RUN_S` with :data:`QUEUE_STEPS` held: its summary and the
    stretches (the plain one first)."""
    backend = SoundDeviceBackend()
    devices = backend.list_devices()
    held = {"output": 0.0, "capture": 0.0}
    steps_at_ms: list[float] = []
    paths: list[CallAudio] = []

    def each_frame(audio: CallAudio, at_s: float) -> None:
        if not paths:
            paths.append(audio)
        if len(steps_at_ms) < len(QUEUE_STEPS) and at_s >= QUEUE_STEPS[len(steps_at_ms)][0]:
            _, output_ms, capture_ms = QUEUE_STEPS[len(steps_at_ms)]
            audio.add_queue_delay(
                output_ms=output_ms - held["output"], capture_ms=capture_ms - held["capture"]
            )
            held.update(output=output_ms, capture=capture_ms)
            steps_at_ms.append(audio.clock.now())

    summary = asyncio.run(
        run_device_path(
            backend,
            find_device(devices, "callcheck_monitor", "input"),
            find_device(devices, output, "output"),
            duration_s=RUN_S,
            heard_back_enough=None,
            each_frame=each_frame,
        )
    )
    assert summary.errors == (), summary.errors
    assert len(steps_at_ms) == len(QUEUE_STEPS), steps_at_ms
    audio = paths[0]
    out, cap = audio.output_frame_waits(), audio.capture_frame_waits()
    assert out, "no frame was played"
    assert cap, "no frame was captured"
    origin = audio.clock.origin_ms or 0.0
    probes = audio.heard_back_probes()
    begins = [out[0].at_ms + START_SETTLE_MS, *steps_at_ms]
    ends = [*steps_at_ms, float("inf")]
    settings = [(0.0, 0.0)] + [(o, c) for _, o, c in QUEUE_STEPS]
    stretches = []
    for i, (begin, end, (output_ms, capture_ms)) in enumerate(
        zip(begins, ends, settings, strict=True)
    ):
        start = begin + (STEP_SETTLE_MS if i else 0.0)
        o = [w for w in out if start <= w.at_ms < end]
        c = [w for w in cap if start <= w.at_ms < end]
        # The frames carry what was held when they were queued: the schedule, as applied.
        assert {round(w.held_ms, 6) for w in o} <= {output_ms}, output_ms
        assert {round(w.held_ms, 6) for w in c} <= {capture_ms}, capture_ms
        # A probe's device path subtracts its own frames' waits, right or wrong across a step:
        # the whole stretch (two probes, one sometimes a loaded machine's stray).
        heard = [p.device_ms for p in probes if begin <= origin + 1000.0 * p.heard_at_s < end]
        stretches.append(
            QueueStretch(
                output_held_ms=output_ms,
                capture_held_ms=capture_ms,
                output_ms=_median_beyond_control(o),
                capture_ms=_median_beyond_control(c),
                output_frames=len(o),
                capture_frames=len(c),
                device_ms=tuple(heard),
            )
        )
    return summary, stretches


def queue_errors(
    summary: AudioPathSummary, stretches: list[QueueStretch]
) -> list[tuple[str, float]]:
    """(what, measured − truth in ms): per stretch after the plain one the output and the capture
    figure; per stretch the probe closest to the run's device path."""
    plain = stretches[0]
    device = summary.device_roundtrip_ms
    errors = []
    for s in stretches:
        held = f"output +{s.output_held_ms:g}, capture +{s.capture_held_ms:g}"
        if s is not plain:
            errors.append((f"output, {held}", s.output_ms - plain.output_ms - s.output_held_ms))
            errors.append((f"capture, {held}", s.capture_ms - plain.capture_ms - s.capture_held_ms))
        if s.device_ms and device is not None:
            closest = min((d - device for d in s.device_ms), key=abs)
            errors.append((f"device path, closest probe, {held}", closest))
    return errors


def check_queue_steps(summary: AudioPathSummary, stretches: list[QueueStretch]) -> None:
    """Each queue figure rose by its held queue and by nothing else, the device path by the
    signal did not move: every error within :data:`TOLERANCE_MS`."""
    context = [
        (
            s.output_held_ms,
            s.capture_held_ms,
            round(s.output_ms, 2),
            round(s.capture_ms, 2),
            s.output_frames,
            s.capture_frames,
            [round(d, 1) for d in s.device_ms],
        )
        for s in stretches
    ]
    for s in stretches:
        assert s.output_frames >= MIN_FRAMES, context
        assert s.capture_frames >= MIN_FRAMES, context
        assert s.device_ms, context  # every setting is checked by the signal too
    assert summary.device_roundtrip_ms is not None, context
    for what, error in queue_errors(summary, stretches):
        assert abs(error) <= TOLERANCE_MS, f"{what}: {error:+.2f} ms; {context}"
