"""A device removed mid-stream gives a clear AudioDeviceError and keeps what was measured."""

from __future__ import annotations

import asyncio
import os
import subprocess
from collections.abc import Callable, Iterator

import numpy as np
import pytest

from callcheck.engine.audio_io import (
    AudioDevice,
    AudioDeviceError,
    InputBlock,
    SoundDeviceBackend,
    StreamConfig,
    find_device,
)
from callcheck.engine.device_latency import measure_device_latency

pytestmark = pytest.mark.audio


def _pactl(*args: str) -> str:
    return subprocess.run(["pactl", *args], capture_output=True, text=True, check=True).stdout


def _unload_unplug_sink() -> None:
    """Remove the sink as an unplug does, and end this process's streams that were on it.

    PulseAudio "rescues" the streams of a removed sink to the fallback device when it can; a
    real unplugged USB headset often ends them instead, which is the case tested here.
    """
    for line in _pactl("list", "short", "modules").splitlines():
        if "sink_name=callcheck_unplug " in line + " ":
            _pactl("unload-module", line.split()[0])
    pid = str(os.getpid())
    for kind, kill in (
        ("sink-inputs", "kill-sink-input"),
        ("source-outputs", "kill-source-output"),
    ):
        for block in _pactl("list", kind).split("\n\n"):
            if f'application.process.id = "{pid}"' in block:
                index = block.split("#", 1)[1].split()[0]
                # pactl 16 has no kill commands; pacmd has (module-cli-protocol-unix).
                subprocess.run(["pacmd", kill, index], capture_output=True, check=True)


@pytest.fixture
def unplug_sink(restart_sound_system: Callable[[], object]) -> Iterator[None]:
    """The removable sink; brought back afterwards by re-running tests/audio_env.sh."""
    yield
    restart_sound_system()


async def _unplug_after(delay_s: float) -> None:
    await asyncio.sleep(delay_s)
    await asyncio.to_thread(_unload_unplug_sink)


def test_call_stream_removed_mid_stream_reports_the_device(
    backend: SoundDeviceBackend, devices: list[AudioDevice], unplug_sink: None
) -> None:
    # A call's duplex stream: capture and playback on the removable sink. (PulseAudio moves a
    # capture-only stream to the fallback source instead of failing it, so the error comes from
    # the playback side, as with a headset unplugged.)
    config = StreamConfig(
        find_device(devices, "callcheck_unplug_monitor", "input"),
        find_device(devices, "callcheck_unplug", "output"),
    )

    async def scenario() -> tuple[list[InputBlock], AudioDeviceError]:
        loop = asyncio.get_running_loop()
        blocks: list[InputBlock] = []
        failed: asyncio.Future[AudioDeviceError] = loop.create_future()
        stream = backend.open_stream(
            config, loop=loop, on_input=blocks.append, on_error=failed.set_result
        )
        stream.write(np.zeros(48_000 * 10, dtype=np.float32))
        stream.start()
        try:
            await _unplug_after(1.0)
            error = await asyncio.wait_for(failed, 10.0)
        finally:
            stream.close()
        assert stream.error is error
        return blocks, error

    blocks, error = asyncio.run(scenario())
    assert error.device == "callcheck_unplug_monitor / callcheck_unplug"
    assert "stopped working" in str(error)
    assert "plug it back in or pick another device" in str(error)
    assert sum(b.samples.size for b in blocks) > 0


def test_output_removed_during_latency_measurement_keeps_finished_repetitions(
    backend: SoundDeviceBackend, devices: list[AudioDevice], unplug_sink: None
) -> None:
    output = find_device(devices, "callcheck_unplug", "output")
    input_ = find_device(devices, "callcheck_unplug_monitor", "input")

    async def scenario() -> object:
        # A repetition runs the call's device path for 3–6 s: unplug during the second.
        unplug = asyncio.create_task(_unplug_after(8.0))
        result = await measure_device_latency(backend, input_, output, repetitions=20)
        await unplug
        return result

    result = asyncio.run(scenario())
    # The sink went away during a repetition (the stream stopped) or between two (the next could
    # not open): either way the message names the device and the repetitions done are kept.
    assert result.error is not None  # type: ignore[attr-defined]
    assert "callcheck_unplug" in result.error  # type: ignore[attr-defined]
    assert "pick another device" in result.error  # type: ignore[attr-defined]
    assert 1 <= result.repetitions < 20  # type: ignore[attr-defined]
