"""Device round-trip latency through PulseAudio: a LADSPA delay sink adds a known N ms."""

from __future__ import annotations

import argparse
import asyncio
import json

import pytest

from callcheck.cli import devices as devices_cli
from callcheck.engine.audio_io import AudioDevice, SoundDeviceBackend, find_device
from callcheck.engine.device_checks import LatencyMeasurement, measure_device_latency

pytestmark = pytest.mark.audio

REPETITIONS = 9
TOLERANCE_MS = 5.0


def _measure(
    backend: SoundDeviceBackend, devices: list[AudioDevice], output: str, input_: str
) -> LatencyMeasurement:
    return asyncio.run(
        measure_device_latency(
            backend,
            find_device(devices, input_, "input"),
            find_device(devices, output, "output"),
            repetitions=REPETITIONS,
            max_roundtrip_ms=500.0,
        )
    )


@pytest.fixture(scope="module")
def baseline(sound_system: dict[str, str]) -> LatencyMeasurement:
    """The direct path (null sink → its monitor), measured in this run."""
    backend = SoundDeviceBackend()
    return _measure(backend, backend.list_devices(), "callcheck_direct", "callcheck_monitor")


def test_direct_path_is_detected(baseline: LatencyMeasurement) -> None:
    assert baseline.detected
    assert baseline.roundtrip_ms is not None
    assert 0.0 < baseline.roundtrip_ms.median < 100.0
    assert baseline.confidence > 0.9
    assert all(v is not None and v > 0 for v in baseline.portaudio_latency_ms)
    # The null sink's monitor hears what the sink renders: nothing beyond the stream's own queue.
    assert baseline.beyond_output_buffer_ms is not None
    assert baseline.beyond_output_buffer_ms.typical == pytest.approx(0.0, abs=TOLERANCE_MS)


@pytest.mark.parametrize("delay_ms", [50, 100, 200], ids=lambda n: f"{n}ms")
def test_measurement_recovers_a_configured_extra_latency(
    backend: SoundDeviceBackend,
    devices: list[AudioDevice],
    baseline: LatencyMeasurement,
    delay_ms: int,
) -> None:
    measured = _measure(backend, devices, f"callcheck_delay{delay_ms}", "callcheck_monitor")
    assert measured.detected, measured.message
    assert measured.roundtrip_ms is not None
    assert measured.beyond_output_buffer_ms is not None
    assert baseline.beyond_output_buffer_ms is not None
    # Each PulseAudio stream keeps a start-up offset of whole periods (5.33 ms) in its output
    # queue for its life, and which offset is the most common changes between runs, so raw round
    # trips of two paths can differ by a period. The figure net of each stream's own output
    # buffer does not carry that offset: compare those.
    expected = delay_ms + baseline.beyond_output_buffer_ms.typical
    net = measured.beyond_output_buffer_ms
    context = (net, baseline.beyond_output_buffer_ms, measured.roundtrip_ms, baseline.roundtrip_ms)
    assert net.typical == pytest.approx(expected, abs=TOLERANCE_MS), context
    assert net.median == pytest.approx(expected, abs=TOLERANCE_MS), context
    # The raw round trip is that path plus what the stream had queued.
    assert measured.roundtrip_ms.median > delay_ms, context


def test_nothing_routed_back_is_reported_as_not_detected(
    backend: SoundDeviceBackend, devices: list[AudioDevice]
) -> None:
    # Playing on one null sink while recording another's monitor: the burst is never heard.
    measured = _measure(backend, devices, "callcheck_unplug", "callcheck_monitor")
    assert not measured.detected
    assert measured.roundtrip_ms is None
    assert measured.confidence < 0.3
    assert "not heard" in measured.message


def test_cli_measure_latency_json(
    sound_system: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    parser = argparse.ArgumentParser()
    devices_cli.add_parser(parser.add_subparsers())
    args = parser.parse_args(
        [
            "devices",
            "--measure-latency",
            "--input",
            "callcheck_monitor",
            "--output",
            "callcheck_direct",
            "--repetitions",
            "3",
            "--json",
        ]
    )
    assert args.handler(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["detected"] is True
    assert report["repetitions"] == 3
    assert set(report["roundtrip_ms"]) >= {"median", "spread", "min", "max", "values"}
    assert set(report["portaudio_latency_ms"]) == {"input", "output"}
    assert set(report["beyond_output_buffer_ms"]) >= {"median", "typical", "values"}
    assert report["output_buffer_ms"] > 0.0
    assert 0.0 < report["confidence"] <= 1.0
