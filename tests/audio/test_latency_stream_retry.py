"""A latency repetition whose stream fails once is retried; a device that stays gone stops it.

Runs on the synthetic backend (no audio): PortAudio's ALSA host through PulseAudio occasionally
ends a healthy stream, which tests/audio/test_audio_latency.py meets on the real sound system.
The check runs the call's device path (engine/device_latency.py), one synthetic duplex stream per
repetition.
"""

from __future__ import annotations

import asyncio

import pytest

from callcheck.engine.audio_io import (
    AudioDeviceError,
    ErrorHandler,
    InputHandler,
    StreamConfig,
    SyntheticAudioBackend,
    SyntheticRoute,
    SyntheticStream,
    find_device,
)
from callcheck.engine.device_checks import LatencyMeasurement
from callcheck.engine.device_latency import measure_device_latency


class FailingStreamsBackend(SyntheticAudioBackend):
    """The synthetic sound card, whose streams number ``failing`` (0-based) stop mid-way."""

    def __init__(self, failing: set[int]) -> None:
        super().__init__(SyntheticRoute(delay_ms=30.0, noise_dbfs=-50.0))
        self.failing = failing
        self.opened = 0

    def open_stream(
        self,
        config: StreamConfig,
        *,
        loop: asyncio.AbstractEventLoop,
        on_input: InputHandler | None = None,
        on_error: ErrorHandler | None = None,
    ) -> SyntheticStream:
        # A stream reads the limit at every tick, and the next one opens only after it failed.
        # Half a second in: the call's playback has started by then even on a loaded machine
        # (a stream that fails before it would be reopened by CallAudio itself, unseen here).
        self.fail_after_frames = 24_000 if self.opened in self.failing else None
        self.opened += 1
        return super().open_stream(config, loop=loop, on_input=on_input, on_error=on_error)


def _measure(backend: FailingStreamsBackend, repetitions: int) -> LatencyMeasurement:
    devices = backend.list_devices()
    return asyncio.run(
        measure_device_latency(
            backend,
            find_device(devices, None, "input"),
            find_device(devices, None, "output"),
            repetitions=repetitions,
            probe_period_ms=200.0,
            duration_s=2.0,
        )
    )


@pytest.mark.parametrize("failing", [{0}, {2}], ids=["first-stream", "a-later-stream"])
def test_one_failed_stream_is_retried_and_every_repetition_is_kept(
    failing: set[int], caplog: pytest.LogCaptureFixture
) -> None:
    backend = FailingStreamsBackend(failing)
    result = _measure(backend, repetitions=3)
    assert backend.opened == 4
    assert "a stream failed" in caplog.text  # the retry is not silent
    assert result.error is None
    assert result.repetitions == 3
    assert result.roundtrip_ms is not None
    assert result.roundtrip_ms.median == pytest.approx(30.0, abs=3.0)


def test_a_device_that_fails_again_ends_the_measurement_with_what_was_measured() -> None:
    backend = FailingStreamsBackend({1, 2})
    result = _measure(backend, repetitions=3)
    assert backend.opened == 3
    assert result.repetitions == 1
    assert result.error is not None
    assert "stopped working" in result.error


def test_a_device_that_fails_at_once_raises() -> None:
    backend = FailingStreamsBackend({0, 1})
    with pytest.raises(AudioDeviceError, match="stopped working"):
        _measure(backend, repetitions=3)
    assert backend.opened == 2
