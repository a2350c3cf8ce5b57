""" "Hear yourself" through real PortAudio devices (the PulseAudio null sink of tests/audio_env.sh):
a known signal is "spoken" into the microphone (played on the sink, recorded from its monitor),
sent through an impaired loopback call, and played back to the speaker, where the monitor hears
it again: the voice comes back at the path's measured delay and is still the voice."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

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

pytestmark = pytest.mark.audio

RATE_HZ = 16_000
SPOKEN_S = 2.0
#: The null sink's path (queue + monitor) is well under this; the recording covers it.
RECORD_MARGIN_S = 1.0
DELAY_TOLERANCE_MS = 20.0


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
    # The speaker played the echo as it came back: found in what the monitor heard, nearly
    # sample for sample. (Not the spoken signal at one lag: the adaptive playout buffer shortens
    # pauses by whole frames, so the echo is the voice with some pauses 20 ms shorter; the
    # voice itself is judged window by window, ``result.similarity`` above.)
    played = result.playback_audio()
    found = estimate_delay(resample(played, result.sample_rate_hz, heard_rate), heard)
    assert found.confidence >= 0.9, found
