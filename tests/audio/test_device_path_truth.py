"""The default test with the devices on tells the truth: `callcheck test --loopback` (the CLI
path, a real process) through the test sound server, direct and through LADSPA delay sinks that
add a known delay (the checks: tests/audio/device_truth.py).

One short call (8 s) per delay keeps the suite fast; the issue's 20 s × 3 runs are the benchmark
tests/benchmarks/bench_device_truth.py, which applies the same checks.

The Devices screen's latency check runs the call's own model of the device path
(engine/device_latency.py), so on the same devices it reads what the call reads, within 5 ms,
and a delay sink moves both by its delay.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
from pathlib import Path
from typing import Any

import pytest

from callcheck.engine.audio_io import SoundDeviceBackend, find_device
from callcheck.engine.device_checks import LatencyMeasurement
from callcheck.engine.device_latency import measure_device_latency

sys.path.insert(0, str(Path(__file__).resolve().parent))
from device_truth import (
    TOLERANCE_MS,
    check_path,
    check_rating,
    run_cli,
    run_with_devices,
)

pytestmark = pytest.mark.audio

DURATION_S = 8.0
CHECK_AGAINST_CALL_MS = 5.0
"""The Devices check and a call on the same devices: one model, so within the 5 ms the issue
allows any device figure."""
CHECK_THROUGH_DELAY_MS = 10.0
"""A delay sink seen by the check on the direct path and by a call through the sink: two
measurements, 5 ms each."""


@pytest.fixture(scope="module")
def device_less(sound_system: dict[str, str]) -> dict[str, Any]:
    """The same call without the devices (`--no-audio-device`), run once."""
    return run_cli(DURATION_S, "--no-audio-device")


@pytest.fixture(scope="module")
def direct(sound_system: dict[str, str]) -> dict[str, Any]:
    """The call through the direct path, run once."""
    return run_with_devices(DURATION_S, "callcheck_direct")


@pytest.fixture(scope="module")
def direct_check(sound_system: dict[str, str]) -> LatencyMeasurement:
    """The Devices screen's latency check on the direct path."""
    backend = SoundDeviceBackend()
    devices = backend.list_devices()
    return asyncio.run(
        measure_device_latency(
            backend,
            find_device(devices, "callcheck_monitor", "input"),
            find_device(devices, "callcheck_direct", "output"),
            repetitions=2,
        )
    )


@pytest.fixture(scope="module")
def direct_path_ms(direct: dict[str, Any], direct_check: LatencyMeasurement) -> float:
    """The direct path's round trip, which each delay sink adds its delay to: the median of its
    three readings, the call's and the Devices check's two repetitions. One reading alone is
    one stream set-up: once the call read 25.2 ms where the calls through every delay sink read
    20.1 ms plus their delay, and the +100/+200/+700 ms figures missed by 5.1–5.3 ms."""
    readings = [direct["audio_path"]["device_roundtrip_ms"]]
    readings += [run.roundtrip_ms for run in direct_check.runs if run.detected]
    return float(statistics.median(readings))


def test_direct_path_agrees_with_the_latency_check(
    direct: dict[str, Any], device_less: dict[str, Any], direct_check: LatencyMeasurement
) -> None:
    assert direct_check.roundtrip_ms is not None, direct_check.message
    path = direct["audio_path"]
    assert path["device_roundtrip_ms"] == pytest.approx(
        direct_check.roundtrip_ms.median, abs=CHECK_AGAINST_CALL_MS
    ), (path["device_path"], direct_check.roundtrip_ms)
    check_path(direct, path["device_roundtrip_ms"])
    check_rating(direct, device_less, path["device_roundtrip_ms"])


@pytest.mark.parametrize("added_ms", [100, 200], ids=lambda n: f"{n}ms")
def test_a_known_added_delay_is_measured_and_rated(
    direct_path_ms: float,
    device_less: dict[str, Any],
    direct_check: LatencyMeasurement,
    added_ms: int,
) -> None:
    report = run_with_devices(DURATION_S, f"callcheck_delay{added_ms}")
    truth = direct_path_ms + added_ms
    check_path(report, truth)
    check_rating(report, device_less, truth)
    # The Devices screen's figure for the direct path plus the sink's delay is what the call
    # through the sink reads.
    assert direct_check.roundtrip_ms is not None
    assert report["audio_path"]["device_roundtrip_ms"] == pytest.approx(
        direct_check.roundtrip_ms.median + added_ms, abs=CHECK_THROUGH_DELAY_MS
    )


def test_a_device_adding_700_ms_makes_the_call_poor_and_is_named(
    direct_path_ms: float, device_less: dict[str, Any]
) -> None:
    report = run_with_devices(DURATION_S, "callcheck_delay700")
    path = report["audio_path"]
    context = json.dumps({k: v for k, v in path.items() if k != "probe_windows"})
    assert path["method"] == "signal", context
    truth = direct_path_ms + 700.0
    assert path["device_roundtrip_ms"] == pytest.approx(truth, abs=TOLERANCE_MS), context
    assert report["verdict"]["passed"] is False
    assert report["verdict"]["grade"] in ("Poor", "Bad"), report["verdict"]
    assert device_less["verdict"]["passed"] is True  # the device is what makes it Poor
    check_rating(report, device_less, truth)
    first = report["recommendations"]["actions"][0]
    assert first["id"] == "audio-device-delay", report["recommendations"]["actions"]
    assert first["severity"] == "critical"
    assert "callcheck_delay700" in first["text"]
    assert f"adds {path['device_roundtrip_ms']:.0f} ms of delay" in first["text"]
    assert first["evidence"]["device_delay_ms"] == pytest.approx(path["device_roundtrip_ms"])
