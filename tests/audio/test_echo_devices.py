""" "Hear yourself" through real PortAudio devices (the PulseAudio null sink of tests/audio_env.sh):
a known signal is "spoken" into the microphone (played on the sink, recorded from its monitor),
sent through an impaired loopback call, and played back to the speaker, where the monitor hears
it again: the voice comes back at the path's measured delay and is still the voice."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import time

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

from pytestqt.qtbot import QtBot

from callcheck.core.audio_analysis import estimate_delay
from callcheck.core.resample import resample
from callcheck.engine.audio_io import SoundDeviceBackend
from callcheck.engine.echo_test import (
    EchoOptions,
    EchoResult,
    play_to_speaker,
    record_microphone,
    run_echo,
)
from callcheck.engine.impairment import ImpairmentSpec
from callcheck.engine.sources import SyntheticSpeechSource
from callcheck.gui.bridge import (
    ECHO_PLAYING,
    ECHO_RECORDING,
    EchoOutcome,
    EchoRequest,
    EngineBridge,
)

pytestmark = pytest.mark.audio

RATE_HZ = 16_000
SPOKEN_S = 2.0
#: The null sink's path (queue + monitor) is well under this; the recording covers it.
RECORD_MARGIN_S = 1.0
DELAY_TOLERANCE_MS = 20.0
#: Issue 16: Cancel stops the echo within a second.
CANCEL_LIMIT_S = 1.0


async def _through_the_sink(
    signal: np.ndarray, rate_hz: int, backend: SoundDeviceBackend
) -> tuple[np.ndarray, int]:
    """Play ``signal`` on the null sink and record its monitor meanwhile."""
    seconds = signal.size / rate_hz + RECORD_MARGIN_S
    recording = asyncio.ensure_future(
        record_microphone(seconds, "callcheck_monitor", backend=backend)
    )
    await play_to_speaker(signal, rate_hz, "callcheck_direct", backend=backend)
    return await recording


def test_the_voice_comes_back_through_the_devices(backend: SoundDeviceBackend) -> None:
    spoken = SyntheticSpeechSource(sample_rate_hz=RATE_HZ).read(round(SPOKEN_S * RATE_HZ))

    async def scenario() -> tuple[EchoResult, np.ndarray, int]:
        microphone, mic_rate = await _through_the_sink(spoken, RATE_HZ, backend)
        result = await run_echo(
            microphone, mic_rate, EchoOptions(impairment=ImpairmentSpec(delay_ms=60.0))
        )
        heard, heard_rate = await _through_the_sink(
            result.playback_audio(), result.sample_rate_hz, backend
        )
        return result, heard, heard_rate

    result, heard, heard_rate = asyncio.run(scenario())
    assert result.path_delay_ms is not None
    assert result.path_delay_ms >= 60.0
    assert abs(result.heard_delay_ms - result.path_delay_ms) <= DELAY_TOLERANCE_MS
    assert result.similarity >= 0.7
    # The speaker played the echo as it came back: each second of it found in what the monitor
    # heard, nearly sample for sample. (Not the spoken signal at one lag: the adaptive playout
    # buffer shortens pauses by whole frames, so the echo is the voice with some pauses 20 ms
    # shorter; the voice itself is judged window by window, ``result.similarity`` above. And not
    # the whole echo at one lag: an underrun of the sound server's ALSA plugin shifts the rest
    # of the recording, which took a whole-signal match to 0.56–0.82 on an idle machine.)
    played = resample(result.playback_audio(), result.sample_rate_hz, heard_rate)
    windows = [
        played[i : i + heard_rate] for i in range(0, len(played) - heard_rate + 1, heard_rate)
    ]
    voiced = [w for w in windows if float(np.sqrt(np.mean(np.square(w)))) > 1e-3]
    found = [estimate_delay(w, heard) for w in voiced]
    clear = [f for f in found if f.confidence >= 0.9]
    assert len(voiced) >= 2, found
    assert len(clear) >= 0.75 * len(voiced), found


def _client_streams(kind: str) -> int:
    """The sound server's streams of apps (not of its own modules, client "-"): ``kind`` is
    ``source-outputs`` (recording) or ``sink-inputs`` (playing)."""
    listed = subprocess.run(
        ["pactl", "list", "short", kind], capture_output=True, text=True, timeout=5, check=True
    ).stdout
    return sum(
        1
        for line in listed.splitlines()
        if len(fields := line.split("\t")) >= 3 and fields[2].strip() != "-"
    )


def _streams_within(kind: str, expected: int, timeout_s: float) -> int:
    """Poll (the sound server has no event for this that pactl can wait on)."""
    deadline = time.monotonic() + timeout_s
    seen = _client_streams(kind)
    while seen != expected and time.monotonic() < deadline:
        time.sleep(0.02)
        seen = _client_streams(kind)
    return seen


@pytest.mark.gui
@pytest.mark.parametrize(
    ("phase", "streams", "seconds"),
    [(ECHO_RECORDING, "source-outputs", 5.0), (ECHO_PLAYING, "sink-inputs", 0.5)],
    ids=["while-recording", "while-playing"],
)
def test_cancel_frees_the_devices_within_a_second(
    sound_system: dict[str, str], qtbot: QtBot, phase: str, streams: str, seconds: float
) -> None:
    """The app's Cancel (issue 16) through the GUI bridge with the devices on: "cancelled"
    comes within 1 s, the stream the echo had open on the sound server is gone, and a following
    test opens the same devices."""
    if shutil.which("pactl") is None:
        pytest.skip("pactl is not installed (pulseaudio-utils)")
    assert _client_streams(streams) == 0, "another stream is open: the count would mislead"
    bridge = EngineBridge()
    try:
        request = EchoRequest(
            seconds=seconds,
            input_device="callcheck_monitor",
            output_device="callcheck_direct",
        )
        with qtbot.waitSignal(
            bridge.echoPhase, check_params_cb=lambda p: p == phase, timeout=20_000
        ):
            bridge.start_echo(request)
        assert _streams_within(streams, 1, 1.0) == 1, f"the echo's {streams} stream is open"
        started = time.monotonic()
        with qtbot.waitSignal(bridge.echoFinished, timeout=5_000) as done:
            bridge.cancel_echo()
        elapsed_s = time.monotonic() - started
        outcome = done.args[0]
        assert isinstance(outcome, EchoOutcome)
        assert outcome.cancelled
        assert elapsed_s < CANCEL_LIMIT_S, f"Cancel took {elapsed_s:.2f} s"
        # Closed by the time "cancelled" arrives (PortAudio closes synchronously; the server's
        # list follows within a few ms).
        assert _streams_within(streams, 0, 0.2) == 0, f"the echo's {streams} stream is left"
    finally:
        bridge.shutdown()
    # A following test opens the device the echo had (listing the devices costs 1-2 s here).
    if phase == ECHO_RECORDING:
        samples, rate = asyncio.run(record_microphone(0.2, "callcheck_monitor"))
        assert samples.size == round(0.2 * rate)
    else:
        asyncio.run(play_to_speaker(np.zeros(3200, dtype=np.int16), RATE_HZ, "callcheck_direct"))
