"""The device latency check through PulseAudio, against known truths: a LADSPA delay sink adds a
known N ms, and a capture queue CallCheck injects itself raises only its own figure.

The check runs the call's own model of the device path (engine/device_latency.py: separate
streams, the call's probes heard back, the call's estimator), so these are also the truth tests
of the call's ``device_roundtrip_ms`` and ``capture_buffer_ms``.
"""

from __future__ import annotations

import argparse
import asyncio
import json

import pytest

from callcheck.cli import devices as devices_cli
from callcheck.engine.audio_io import AudioDevice, SoundDeviceBackend, find_device
from callcheck.engine.call_audio import AudioPathSummary
from callcheck.engine.device_checks import LatencyMeasurement
from callcheck.engine.device_latency import measure_device_latency, run_device_path
from callcheck.engine.probes import DETECTION_THRESHOLD

pytestmark = pytest.mark.audio

REPETITIONS = 2
TOLERANCE_MS = 5.0
INJECTED_MS = 60.0
"""A queue added on purpose: three frames, well above the queues' dead band."""
QUEUE_RUN_S = 6.0
"""The queue runs last this long: a queue's mean over the call includes its start (a late
stream start is trimmed within 200 ms), which a run of 3 s leaves 10–15 ms noisy."""


def _measure(
    backend: SoundDeviceBackend, devices: list[AudioDevice], output: str, input_: str
) -> LatencyMeasurement:
    return asyncio.run(
        measure_device_latency(
            backend,
            find_device(devices, input_, "input"),
            find_device(devices, output, "output"),
            repetitions=REPETITIONS,
        )
    )


@pytest.fixture(scope="module")
def baseline(sound_system: dict[str, str]) -> LatencyMeasurement:
    """The direct path (null sink → its monitor), measured in this run."""
    backend = SoundDeviceBackend()
    return _measure(backend, backend.list_devices(), "callcheck_direct", "callcheck_monitor")


def test_direct_path_is_detected(baseline: LatencyMeasurement) -> None:
    assert baseline.detected, baseline.message
    assert baseline.method == "probes_heard_back"
    assert baseline.roundtrip_ms is not None
    # Host buffers only (PulseAudio's ALSA plugin: about two 10 ms periods): no hidden queue.
    assert 0.0 < baseline.roundtrip_ms.median < 60.0
    # The probes come back as the product detects them (0.9–1.0 usually; 0.59 seen on an idle
    # machine when the sound server's ALSA plugin underran and cut a chirp): the delay above is
    # the truth this test checks.
    assert baseline.confidence > DETECTION_THRESHOLD
    assert all(v is not None and v > 0 for v in baseline.portaudio_latency_ms)
    assert baseline.output_buffer_ms is not None


def test_a_delay_sink_adds_its_delay(
    backend: SoundDeviceBackend, devices: list[AudioDevice], baseline: LatencyMeasurement
) -> None:
    measured = _measure(backend, devices, "callcheck_delay100", "callcheck_monitor")
    assert measured.detected, measured.message
    assert measured.roundtrip_ms is not None
    assert baseline.roundtrip_ms is not None
    context = (measured.roundtrip_ms, baseline.roundtrip_ms)
    expected = baseline.roundtrip_ms.median + 100.0
    assert measured.roundtrip_ms.median == pytest.approx(expected, abs=TOLERANCE_MS), context


def _path(devices: list[AudioDevice], **queues: float) -> AudioPathSummary:
    backend = SoundDeviceBackend()
    return asyncio.run(
        run_device_path(
            backend,
            find_device(devices, "callcheck_monitor", "input"),
            find_device(devices, "callcheck_direct", "output"),
            duration_s=QUEUE_RUN_S,
            heard_back_enough=None,
            **queues,
        )
    )


@pytest.mark.xfail(
    reason="known gap (issue 13): the capture queue's own cushion absorbs part of an injected "
    "queue when the plain run's queue already sat above target (+43 ms for 60 injected, plain "
    "run at 60 ms, on an idle machine); a truth needs a queue the controller cannot trim",
    strict=False,
)
def test_an_injected_capture_queue_raises_capture_buffer_by_its_size_and_nothing_else(
    devices: list[AudioDevice],
) -> None:
    # The truth for capture_buffer_ms: CallCheck keeps its capture FIFO at its target, so raising
    # the target by N ms is a queue of N ms more on the capture side. The figure is read from the
    # callbacks' times, not from that setting: it must grow by N; the output queue and the device
    # path beyond both queues must not move. The FIFO's controller lets its low point float up to
    # QUEUE_EXCESS_MS (10 ms) above its target before it trims, so that is the tolerance
    # (measured on an idle machine over five runs with the same settings: 43–55 ms).
    #
    # The same test on the output side (the output cushion raised by N) does not hold: the plain
    # output queue floats 15–25 ms above its 10 ms cushion (engine wake-ups, the dead band), and
    # a cushion raised by 60 ms absorbs that float: 32.8 → 69.6 ms (+37), measured at load 2.6.
    from callcheck.engine.call_audio import FIFO_TARGET_MS, QUEUE_EXCESS_MS

    plain = _path(devices)
    raised = _path(devices, fifo_target_ms=FIFO_TARGET_MS + INJECTED_MS)
    names = ("output_wait_p50_ms", "capture_wait_p50_ms", "output_buffer_ms", "capture_buffer_ms")
    context = {name: (getattr(plain, name), getattr(raised, name)) for name in names}
    context["device_roundtrip_ms"] = (plain.device_roundtrip_ms, raised.device_roundtrip_ms)
    assert plain.errors == ()
    assert raised.errors == ()
    assert plain.device_roundtrip_ms is not None, context
    assert raised.device_roundtrip_ms is not None, context
    grown = raised.capture_buffer_ms - plain.capture_buffer_ms
    other = raised.output_buffer_ms - plain.output_buffer_ms
    # Timing-sensitive: under a load of 7–11 on 2 cores the engine loop's stalls bunch the reads
    # and writes, and one 6 s run's queues moved by 10–25 ms between runs with the same settings.
    assert grown == pytest.approx(INJECTED_MS, abs=QUEUE_EXCESS_MS), context
    assert other == pytest.approx(0.0, abs=QUEUE_EXCESS_MS), context
    assert raised.device_roundtrip_ms == pytest.approx(
        plain.device_roundtrip_ms, abs=TOLERANCE_MS
    ), context


def test_nothing_routed_back_is_reported_as_not_detected(
    backend: SoundDeviceBackend, devices: list[AudioDevice]
) -> None:
    # Playing on one null sink while recording another's monitor: the probes never come back,
    # and one repetition says so (more would not change it).
    measured = asyncio.run(
        measure_device_latency(
            backend,
            find_device(devices, "callcheck_monitor", "input"),
            find_device(devices, "callcheck_unplug", "output"),
            repetitions=3,
            duration_s=3.0,
        )
    )
    assert not measured.detected
    assert measured.repetitions == 1
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
            "1",
            "--json",
        ]
    )
    assert args.handler(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["detected"] is True
    assert report["repetitions"] == 1
    assert report["method"] == "probes_heard_back"
    assert set(report["roundtrip_ms"]) >= {"median", "spread", "min", "max", "values"}
    assert set(report["portaudio_latency_ms"]) == {"input", "output"}
    assert set(report["beyond_output_buffer_ms"]) >= {"median", "typical", "values"}
    assert report["output_buffer_ms"] > 0.0
    assert 0.0 < report["confidence"] <= 1.0
