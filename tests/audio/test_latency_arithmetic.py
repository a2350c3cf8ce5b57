"""The latency figure net of each stream's own output buffer, on a fake sound card (no audio).

The fake reproduces what PulseAudio does (tests/audio/test_audio_latency.py measures the real
thing): every stream keeps a start-up offset of whole periods in its output queue for its life,
and PortAudio's live output buffer (DAC time − callback time) shows that queue plus a jitter of
up to a period from the moment each callback runs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import numpy as np
import numpy.typing as npt
import pytest

from callcheck.engine.audio_io import (
    AudioDevice,
    AudioDeviceError,
    ErrorHandler,
    InputBlock,
    InputHandler,
    StreamConfig,
    StreamStats,
)
from callcheck.engine.device_checks import (
    LatencyRepetition,
    measure_device_latency,
    steady_output_buffer_ms,
)

SAMPLE_RATE_HZ = 48_000
PERIOD_FRAMES = 256  # PulseAudio's period through the ALSA plugin: 5.33 ms at 48 kHz
PERIOD_MS = 1000.0 * PERIOD_FRAMES / SAMPLE_RATE_HZ


def _device(index: int, name: str, *, is_input: bool) -> AudioDevice:
    return AudioDevice(
        index=index,
        name=name,
        host_api="fake",
        max_input_channels=1 if is_input else 0,
        max_output_channels=0 if is_input else 1,
        default_sample_rate_hz=float(SAMPLE_RATE_HZ),
        is_default_input=is_input,
        is_default_output=not is_input,
        default_low_input_latency_ms=0.0,
        default_low_output_latency_ms=0.0,
    )


MIC = _device(0, "Fake monitor", is_input=True)
SPEAKER = _device(1, "Fake sink", is_input=False)


class QueuedOffsetStream:
    """A duplex stream whose output reaches the input after ``path + queue`` frames."""

    def __init__(
        self,
        config: StreamConfig,
        *,
        loop: asyncio.AbstractEventLoop,
        on_input: InputHandler | None,
        path_frames: int,
        queue_frames: int,
    ) -> None:
        self._config = config
        self._loop = loop
        self._on_input = on_input
        self._path = path_frames
        self._queue_frames = queue_frames
        self._played: list[npt.NDArray[np.float32]] = []

    @property
    def config(self) -> StreamConfig:
        return self._config

    @property
    def reported_latency_ms(self) -> tuple[float | None, float | None]:
        return 21.3, 21.3  # static, whatever the queue holds (as PortAudio over PulseAudio)

    @property
    def error(self) -> AudioDeviceError | None:
        return None

    def start(self) -> None:
        self._loop.call_soon(self._deliver)

    def write(self, samples: npt.ArrayLike) -> None:
        self._played.append(np.asarray(samples, dtype=np.float32).reshape(-1))

    def queued_output_frames(self) -> int:
        return 0

    def discard_output(self, frames: int) -> None:
        pass

    def written_output_frames(self) -> int:
        return 0

    def output_consumption(self) -> list[tuple[int, float]]:
        return []

    @property
    def live_output_latency_s(self) -> float | None:
        return None

    def stats(self) -> StreamStats:
        return StreamStats(0, 0, 0, 0, 0)

    def close(self) -> None:
        pass

    def _deliver(self) -> None:
        played = np.concatenate(self._played)
        heard = np.zeros(played.size + self._path + self._queue_frames, dtype=np.float32)
        heard[self._path + self._queue_frames :] = played
        for n, first in enumerate(range(0, played.size, PERIOD_FRAMES)):
            # One callback's reading runs up to a period short of the queue it stands for.
            jitter = (n * 97) % PERIOD_FRAMES
            buffer_s = (self._queue_frames - jitter + PERIOD_FRAMES / 2) / SAMPLE_RATE_HZ
            block = heard[first : first + PERIOD_FRAMES]
            if self._on_input is not None:
                self._on_input(InputBlock(block.copy(), first, buffer_s))


class QueuedOffsetBackend:
    """Each new stream keeps the next start-up offset of ``queues_frames`` in its output queue."""

    name = "fake"

    def __init__(self, *, path_ms: float, queues_frames: list[int]) -> None:
        self._path = round(path_ms * SAMPLE_RATE_HZ / 1000.0)
        self._queues: Iterator[int] = iter(queues_frames)

    def list_devices(self) -> list[AudioDevice]:
        return [MIC, SPEAKER]

    def open_stream(
        self,
        config: StreamConfig,
        *,
        loop: asyncio.AbstractEventLoop,
        on_input: InputHandler | None = None,
        on_error: ErrorHandler | None = None,
    ) -> QueuedOffsetStream:
        return QueuedOffsetStream(
            config,
            loop=loop,
            on_input=on_input,
            path_frames=self._path,
            queue_frames=next(self._queues),
        )


def _block(first_frame: int, output_latency_s: float | None) -> InputBlock:
    return InputBlock(np.zeros(PERIOD_FRAMES, dtype=np.float32), first_frame, output_latency_s)


@pytest.mark.parametrize(
    ("blocks", "from_frame", "expected_ms"),
    [
        ([_block(0, 0.010), _block(256, 0.020), _block(512, 0.030)], 0, 20.0),
        ([_block(0, 0.500), _block(256, 0.020), _block(512, 0.022)], 256, 21.0),
        ([_block(0, 0.500), _block(256, 0.020), _block(512, 0.030)], 300, 25.0),
        ([_block(0, None), _block(256, None)], 0, None),
        ([_block(0, 0.010)], 256, None),
    ],
    ids=["median", "start-up-left-out", "block-spanning-the-start", "no-timing", "none-steady"],
)
def test_steady_output_buffer_is_the_median_from_the_given_frame_on(
    blocks: list[InputBlock], from_frame: int, expected_ms: float | None
) -> None:
    assert steady_output_buffer_ms(blocks, from_frame=from_frame) == pytest.approx(expected_ms)


@pytest.mark.parametrize(
    ("roundtrip_ms", "buffer_ms", "expected_ms"),
    [(216.13, 15.8, 200.33), (221.44, 21.1, 200.34), (16.13, None, None)],
    ids=["one-offset", "a-period-more", "no-timing"],
)
def test_beyond_output_buffer_is_the_round_trip_less_the_stream_buffer(
    roundtrip_ms: float, buffer_ms: float | None, expected_ms: float | None
) -> None:
    run = LatencyRepetition(True, roundtrip_ms, 1.0, buffer_ms)
    assert run.beyond_output_buffer_ms == pytest.approx(expected_ms)


@pytest.mark.parametrize("path_ms", [0.0, 50.0, 200.0], ids=lambda n: f"{n:g}ms")
def test_per_stream_offsets_leave_the_net_figure_on_the_path(path_ms: float) -> None:
    # Streams keep 1, 2, 3 or 4 periods queued: raw round trips differ by whole periods.
    queues = [p * PERIOD_FRAMES for p in (3, 2, 3, 4, 1)]
    backend = QueuedOffsetBackend(path_ms=path_ms, queues_frames=queues)
    result = asyncio.run(
        measure_device_latency(
            backend, MIC, SPEAKER, repetitions=len(queues), max_roundtrip_ms=300.0
        )
    )
    assert result.detected
    assert result.roundtrip_ms is not None
    assert result.beyond_output_buffer_ms is not None
    assert result.roundtrip_ms.spread == pytest.approx(3 * PERIOD_MS, abs=0.1)
    # The fake's jitter makes each callback read up to half a period off; the median does not.
    assert result.beyond_output_buffer_ms.spread < 0.2
    assert result.beyond_output_buffer_ms.typical == pytest.approx(path_ms, abs=0.2)
    report = result.to_json()
    assert report["beyond_output_buffer_ms"]["typical"] == pytest.approx(path_ms, abs=0.2)
    assert report["output_buffer_ms"] == pytest.approx(3 * PERIOD_MS, abs=0.2)
