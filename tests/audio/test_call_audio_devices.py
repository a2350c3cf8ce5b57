"""A real call through real PortAudio devices (the PulseAudio null sink): the audio_path figures,
a device rate other than the codec's, and a device unplugged mid-call."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from test_audio_unplug import _unload_unplug_sink, unplug_sink

from callcheck.engine.audio_io import SoundDeviceBackend, find_device
from callcheck.engine.call import CallConfig
from callcheck.engine.call_audio import CallAudio, CallAudioConfig, audio_path_json
from callcheck.engine.device_latency import measure_device_latency
from callcheck.engine.reporting import build_report

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
from call_audio_helpers import run_audio_call, validate_report

pytestmark = pytest.mark.audio

__all__ = ["unplug_sink"]  # the fixture, imported for use here


@pytest.mark.parametrize("device_rate_hz", [48_000, 44_100], ids=["48k", "44k1-resampled"])
def test_call_through_the_null_sink_fills_the_audio_path(
    backend: SoundDeviceBackend, device_rate_hz: int
) -> None:
    devices = backend.list_devices()
    latency = asyncio.run(
        measure_device_latency(
            backend,
            find_device(devices, "callcheck_monitor", "input"),
            find_device(devices, "callcheck_direct", "output"),
            repetitions=1,
        )
    )
    assert latency.detected, latency.message
    audio = CallAudio(
        CallAudioConfig(
            input_device="callcheck_monitor",
            output_device="callcheck_direct",
            device_rate_hz=device_rate_hz,
        ),
        backend=backend,
    )
    run = run_audio_call(audio, CallConfig(duration_s=4))
    summary = audio.summary()
    assert summary.errors == (), summary.errors
    assert summary.device_used
    assert summary.device_sample_rate_hz == device_rate_hz
    assert summary.probe.detected >= 5
    # At most the first probe may go unheard while the streams settle (seen once in CI at
    # 44.1 kHz: 7 of 8); every later one must arrive.
    assert summary.probe.expected - summary.probe.detected <= 1
    assert summary.capture_buffer_ms >= 20.0
    section = audio_path_json(summary, latency)
    report = build_report(run.result, audio_path=section).to_json()
    validate_report(report)
    path = report["audio_path"]
    assert path["input_device"].startswith("callcheck_monitor")
    assert path["output_device"].startswith("callcheck_direct")
    assert path["host_api"]
    assert path["portaudio_latency_ms"]["input"] > 0
    assert path["portaudio_latency_ms"]["output"] > 0
    # The device path by the call's own probes heard back (4 s: a few): the latency check runs
    # the same model of the device path (the same streams, probes and estimator), so the same
    # devices give the same figure within 5 ms (issue 13: it was 16 against 20 ms, one host
    # period apart, when the check played through one duplex stream).
    assert path["methods"]["device_roundtrip_ms"] == "probes_heard_back", path["device_path"]
    assert latency.roundtrip_ms is not None
    assert latency.method == "probes_heard_back"
    assert path["device_roundtrip_ms"] == pytest.approx(latency.roundtrip_ms.median, abs=5.0)
    assert path["device_latency_check"]["detected"] is True
    assert path["mouth_to_ear_with_device_ms"] == path["mouth_to_ear_ms"]["mean"]
    assert path["probe_windows"]
    # The microphone (the sink's monitor) heard the call: it never ran dry after starting.
    assert path["capture_underruns"] <= 2


def test_device_unplugged_mid_call_keeps_a_partial_report(
    backend: SoundDeviceBackend, unplug_sink: None
) -> None:
    audio = CallAudio(
        CallAudioConfig(input_device="callcheck_unplug_monitor", output_device="callcheck_unplug"),
        backend=backend,
    )

    async def unplug() -> None:
        await asyncio.sleep(2.0)
        await asyncio.to_thread(_unload_unplug_sink)

    run = run_audio_call(audio, CallConfig(duration_s=5), during=unplug)
    summary = audio.summary()
    assert run.result.ended_early is None  # the packet-level test went on
    assert summary.device_used
    assert len(summary.errors) == 1
    error = summary.errors[0]
    assert "callcheck_unplug" in error
    assert "stopped working" in error
    assert "plug it back in or pick another device" in error
    assert summary.device_active_s is not None
    assert summary.device_active_s < 4.5
    report = build_report(run.result, audio_path=audio_path_json(summary)).to_json()
    validate_report(report)
    assert report["audio_path"]["errors"] == [error]
    assert report["audio_path"]["probes_detected"] >= 5
    for direction in ("uplink", "downlink"):
        assert report["network"][direction]["packets_received"] > 150
    assert report["quality"] is not None
