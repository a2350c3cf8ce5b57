"""The default test with the devices on tells the truth: `callcheck test --loopback` (the CLI
path, a real process) through the test sound server, direct and through LADSPA delay sinks that
add a known delay.

The truth: a delay sink of N ms adds exactly N ms to the direct path (null sink → its monitor),
whose own delay the device latency check measures by its chirps (the method
test_audio_latency.py checks against the same sinks). So the call's device path must be the
direct path's plus N within 5 ms, and the direct path's must be the latency check's within its
stream layout's difference; the report's mouth-to-ear delay must be the probes' delay to the
output (checked against the engine's own timestamps by tests/engine/test_call_audio.py) plus
CallCheck's two queues plus that device path; the rating must be the device-less run's rating
with the known device delay added; and the playback queue must not drift over the call.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from typing import Any

import pytest

from callcheck.core.quality import CallConditions, Figure, assess, measured
from callcheck.engine.audio_io import SoundDeviceBackend, find_device
from callcheck.engine.device_checks import measure_device_latency

pytestmark = pytest.mark.audio

DURATION_S = 20
TOLERANCE_MS = 5.0
FRAME_MS = 20.0
MOS_TOLERANCE = 0.1
#: The latency check plays through one duplex stream (PulseAudio period 256 samples), the call
#: through separate capture and playback streams (see CallAudio._open), whose host buffers
#: differ by up to a period each way: the two figures of the same devices agree within this.
SAME_DEVICES_MS = 2 * 5.34


def run_cli(*args: str) -> dict[str, Any]:
    """`callcheck test --loopback --json` in its own process; the parsed report."""
    done = subprocess.run(
        [sys.executable, "-m", "callcheck", "test", "--loopback", "--json", *args],
        capture_output=True,
        text=True,
        timeout=DURATION_S + 60,
        env=dict(os.environ),
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def run_with_devices(output: str) -> dict[str, Any]:
    return run_cli(
        "--duration", str(DURATION_S), "--input", "callcheck_monitor", "--output", output
    )


@pytest.fixture(scope="module")
def device_less(sound_system: dict[str, str]) -> dict[str, Any]:
    """The same call without the devices (`--no-audio-device`), run once."""
    return run_cli("--duration", str(DURATION_S), "--no-audio-device")


@pytest.fixture(scope="module")
def direct(sound_system: dict[str, str]) -> dict[str, Any]:
    """The call through the direct path, run once."""
    return run_with_devices("callcheck_direct")


def rerated_mos(report: dict[str, Any], device_ms: float, *, probes: bool) -> float:
    """The report's rating recomputed with ``device_ms`` as the device delay, as the engine rates
    a call (call_audio.rerate_call): the direction the probes crossed on their delay to the
    output plus CallCheck's queues (``probes``), the other on network + buffer + coding."""
    inputs = report["quality"]["inputs"]

    def figure(name: str) -> Figure | None:
        item = inputs.get(name)
        if item is None:
            return None
        return measured(item.get("clamped_from", item["value"]), item["source"])

    network, loss = figure("network_delay_ms"), figure("loss_pct")
    assert network is not None
    assert loss is not None
    m2e = None
    if probes:
        path = report["audio_path"]
        to_output = path["probe_delay_ms"]["mean"]
        m2e = measured(to_output + path["output_buffer_ms"] + path["capture_buffer_ms"], "")
    conditions = CallConditions(
        codec_key=report["quality"]["codec"],
        network_delay_ms=network,
        loss_pct=loss,
        jitter_ms=figure("jitter_ms"),
        buffer_ms=figure("buffer_ms"),
        late_discard_pct=figure("late_discard_pct"),
        burst_ratio=figure("burst_ratio"),
        mouth_to_ear_ms=m2e,
        device_ms=measured(device_ms, "known device delay"),
    )
    return assess(conditions).mos


def check_path(report: dict[str, Any], device_truth: float) -> str:
    """The figures of one call with the devices on, against the truth; returns the context."""
    path = report["audio_path"]
    context = json.dumps({k: v for k, v in path.items() if k != "probe_windows"})
    assert path["errors"] == [], context
    assert path["method"] == "signal", context
    assert path["methods"]["mouth_to_ear_ms"] == "probes_heard_back"
    assert path["methods"]["device_roundtrip_ms"] == "probes_heard_back"
    assert path["methods"]["output_buffer_ms"] == "queue_count"
    # Most probes come back (a stall of the shared CPU can cut one or two short).
    assert path["device_path"]["probes_heard_back"] >= 0.6 * path["probes_detected"], context

    assert path["device_roundtrip_ms"] == pytest.approx(device_truth, abs=TOLERANCE_MS), context
    # Mouth to ear: the probes' delay + CallCheck's queues + the true device path.
    truth = (
        path["probe_delay_ms"]["mean"]
        + path["output_buffer_ms"]
        + path["capture_buffer_ms"]
        + device_truth
    )
    assert path["mouth_to_ear_ms"]["mean"] == pytest.approx(truth, abs=TOLERANCE_MS), context
    assert path["mouth_to_ear_with_device_ms"] == path["mouth_to_ear_ms"]["mean"]

    # CallCheck's own queues are short and do not drift: each at 18 s within one frame of its
    # size at 2 s.
    levels = {q["at_s"]: q for q in path["queue_timeline"]}
    assert abs(levels[18.0]["output_ms"] - levels[2.0]["output_ms"]) <= FRAME_MS, context
    assert abs(levels[18.0]["capture_ms"] - levels[2.0]["capture_ms"]) <= FRAME_MS, context
    assert path["output_buffer_ms"] < 3 * FRAME_MS, context
    assert path["capture_buffer_ms"] < 4 * FRAME_MS, context
    return context


def check_rating(report: dict[str, Any], device_less: dict[str, Any], device_ms: float) -> None:
    """The rating is the call's network figures rated with the true device delay: the devices
    add their delay and nothing else. (The device-less run's own figures are not used for it:
    on the shared CPU its playout buffer differs from the next run's by up to 40 ms.) And the
    devices never make the call better than without them."""
    expected = min(
        rerated_mos(report, device_ms, probes=True),
        rerated_mos(report, device_ms, probes=False),
    )
    both = json.dumps({"device_less": device_less["quality"], "devices": report["quality"]})
    assert report["quality"]["mos"] == pytest.approx(expected, abs=MOS_TOLERANCE), both
    assert report["quality"]["mos"] <= device_less["quality"]["mos"] + MOS_TOLERANCE, both


def test_direct_path_agrees_with_the_latency_check(
    direct: dict[str, Any], device_less: dict[str, Any]
) -> None:
    backend = SoundDeviceBackend()
    devices = backend.list_devices()
    check = asyncio.run(
        measure_device_latency(
            backend,
            find_device(devices, "callcheck_monitor", "input"),
            find_device(devices, "callcheck_direct", "output"),
            repetitions=9,
            max_roundtrip_ms=500.0,
        )
    )
    assert check.roundtrip_ms is not None, check.message
    truth = check.roundtrip_ms.typical
    path = direct["audio_path"]
    assert path["device_roundtrip_ms"] == pytest.approx(truth, abs=SAME_DEVICES_MS), (
        path["device_path"],
        check.roundtrip_ms,
    )
    check_path(direct, path["device_roundtrip_ms"])
    check_rating(direct, device_less, path["device_roundtrip_ms"])


@pytest.mark.parametrize("added_ms", [100, 200], ids=lambda n: f"{n}ms")
def test_a_known_added_delay_is_measured_and_rated(
    direct: dict[str, Any], device_less: dict[str, Any], added_ms: int
) -> None:
    report = run_with_devices(f"callcheck_delay{added_ms}")
    truth = direct["audio_path"]["device_roundtrip_ms"] + added_ms
    check_path(report, truth)
    check_rating(report, device_less, truth)


def test_a_device_adding_700_ms_makes_the_call_poor_and_is_named(
    direct: dict[str, Any], device_less: dict[str, Any]
) -> None:
    report = run_with_devices("callcheck_delay700")
    path = report["audio_path"]
    context = json.dumps({k: v for k, v in path.items() if k != "probe_windows"})
    assert path["method"] == "signal", context
    truth = direct["audio_path"]["device_roundtrip_ms"] + 700.0
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
