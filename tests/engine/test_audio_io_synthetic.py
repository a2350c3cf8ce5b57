"""The synthetic audio backend and the device checks on it (no hardware needed)."""

from __future__ import annotations

import asyncio

import pytest

from callcheck.engine.audio_io import (
    AudioDeviceError,
    SyntheticAudioBackend,
    SyntheticRoute,
    find_device,
)
from callcheck.engine.device_checks import measure_input_level, play_test_tone
from callcheck.engine.device_latency import measure_device_latency

#: Probes every 200 ms: five come back within about a second on the synthetic card (no start-up
#: stall), so a repetition is short.
PROBE_PERIOD_MS = 200.0


def _pair(backend: SyntheticAudioBackend) -> tuple:  # type: ignore[type-arg]
    devices = backend.list_devices()
    return find_device(devices, None, "input"), find_device(devices, None, "output")


@pytest.mark.parametrize("delay_ms", [0.0, 35.0, 180.0], ids=lambda d: f"{d:g}ms")
def test_latency_measurement_recovers_the_routed_delay(delay_ms: float) -> None:
    backend = SyntheticAudioBackend(SyntheticRoute(delay_ms=delay_ms, noise_dbfs=-50.0))
    inp, out = _pair(backend)
    result = asyncio.run(
        measure_device_latency(
            backend, inp, out, repetitions=2, probe_period_ms=PROBE_PERIOD_MS, duration_s=3.0
        )
    )
    assert result.detected
    assert result.roundtrip_ms is not None
    # The synthetic card ticks on the loop's timer: a late tick moves the callback times the
    # call's timing follows by a few ms (the real sound server's truth test allows 5 ms).
    assert result.roundtrip_ms.median == pytest.approx(delay_ms, abs=3.0)
    report = result.to_json()
    assert report["roundtrip_ms"]["median"] == pytest.approx(result.roundtrip_ms.median, abs=0.01)
    assert report["method"] == "probes_heard_back"


def test_nothing_routed_back_is_not_detected() -> None:
    backend = SyntheticAudioBackend(SyntheticRoute(delay_ms=None, noise_dbfs=-40.0))
    inp, out = _pair(backend)
    result = asyncio.run(
        measure_device_latency(
            backend, inp, out, repetitions=3, probe_period_ms=PROBE_PERIOD_MS, duration_s=1.5
        )
    )
    assert result.repetitions == 1  # nothing came back: no point in running it again
    assert not result.detected
    assert result.roundtrip_ms is None
    assert result.to_json()["detected"] is False
    assert "not heard" in result.message


def test_level_session_reports_a_quiet_input_as_silent() -> None:
    backend = SyntheticAudioBackend(SyntheticRoute(noise_dbfs=-90.0))
    inp, _ = _pair(backend)
    result = asyncio.run(measure_input_level(backend, inp, duration_ms=500.0))
    assert result.overall.silent
    assert len(result.readings) == 5
    assert "No sound" in result.message


def test_level_session_reads_the_noise_level() -> None:
    backend = SyntheticAudioBackend(SyntheticRoute(noise_dbfs=-30.0))
    inp, _ = _pair(backend)
    result = asyncio.run(measure_input_level(backend, inp, duration_ms=300.0))
    assert result.overall.rms_dbfs == pytest.approx(-30.0, abs=0.5)


def test_unplug_mid_session_keeps_the_readings() -> None:
    backend = SyntheticAudioBackend()
    backend.fail_after_frames = 48_000 // 2
    inp, _ = _pair(backend)
    result = asyncio.run(measure_input_level(backend, inp, duration_ms=2000.0))
    assert result.error is not None
    assert "stopped working" in result.error
    assert len(result.readings) == 5


def test_speaker_tone_plays_to_the_end() -> None:
    backend = SyntheticAudioBackend()
    _, out = _pair(backend)
    asyncio.run(play_test_tone(backend, out, duration_ms=200.0))


def test_a_missing_input_says_what_to_do() -> None:
    devices = [d for d in SyntheticAudioBackend().list_devices() if d.is_output]
    with pytest.raises(AudioDeviceError, match=r"No microphone .* Plug in a headset"):
        find_device(devices, None, "input")
