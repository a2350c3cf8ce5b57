"""The default test with the devices on, against the truth: 20 s calls, 3 repetitions per delay
(issue 13); prints the figures and exits 1 when a target is missed.

    export CALLCHECK_AUDIO_DIR=/tmp/callcheck-audio-$USER
    eval "$(bash tests/audio_env.sh)"
    .venv/bin/python tests/benchmarks/bench_device_truth.py [--duration 20] [--runs 3]
        [--delays 100,200] [--queue-runs 3] [--only-queues]

Per repetition: a device-less call (`--no-audio-device`), a call through the direct path
(callcheck_direct → callcheck_monitor), the Devices screen's latency check on the direct path,
then a call through each delay sink (callcheck_delayN adds exactly N ms) and the latency check
through callcheck_delay100. The targets (tests/audio/device_truth.py, the same checks as the
suite's 8 s runs):

* each call: device path = the direct call's + N within 5 ms; mouth-to-ear = probes + queues +
  that truth within 5 ms; the rating = the call's network figures rated with the true device
  delay within 0.1 MOS, never better than device-less; the playback queue at 18 s within one
  frame (20 ms) of its size at 2 s, the capture FIFO likewise (and, as the suite checks it, the
  median level of the call's second half within a frame of the first half's);
* the latency check on the direct path = the direct call's device path within 5 ms; through
  callcheck_delay100 it reads +100 ms over the direct check, within 10 ms (5 ms each);
* ``--queue-runs`` times, the queue figures' truth (tests/audio/queue_truth.py, the suite's one
  8 s run): queues held on purpose of 20/60/100 ms (output) and 40/80/120 ms (capture) raise
  each figure's per-frame waits by their size within 5 ms, and the device path by the signal
  does not move.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "audio"))

from device_truth import (
    check_path,
    check_rating,
    queue_drift,
    run_cli,
    run_with_devices,
)
from queue_truth import TOLERANCE_MS, queue_errors, run_queue_steps

from callcheck.engine.audio_io import SoundDeviceBackend, find_device
from callcheck.engine.device_latency import measure_device_latency

CHECK_AGAINST_CALL_MS = 5.0
CHECK_THROUGH_DELAY_MS = 10.0


def latency_check(output: str) -> float | None:
    """The Devices screen's check (3 runs of fresh streams): its median, None if not heard."""
    backend = SoundDeviceBackend()
    devices = backend.list_devices()
    result = asyncio.run(
        measure_device_latency(
            backend,
            find_device(devices, "callcheck_monitor", "input"),
            find_device(devices, output, "output"),
            repetitions=3,
        )
    )
    return None if result.roundtrip_ms is None else result.roundtrip_ms.median


class Targets:
    """Every target checked, and the misses."""

    def __init__(self) -> None:
        self.checked = 0
        self.misses: list[str] = []

    def check(self, what: str, test: Callable[..., object], *args: Any) -> None:
        self.checked += 1
        try:
            test(*args)
        except AssertionError as error:
            text = str(error).splitlines()[0] if str(error) else "assertion failed"
            self.misses.append(f"{what}: {text[:400]}")
            print(f"  MISS {what}: {text[:400]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--delays", default="100,200")
    parser.add_argument("--queue-runs", type=int, default=3)
    parser.add_argument("--only-queues", action="store_true", help="skip the calls")
    args = parser.parse_args()
    delays = [int(d) for d in args.delays.split(",")]
    targets = Targets()
    errors: dict[str, list[float]] = {}

    def note(name: str, value: float) -> None:
        errors.setdefault(name, []).append(value)

    for run in range(1, args.queue_runs + 1):
        summary, stretches = run_queue_steps()
        print(
            f"\nqueue run {run}: output_buffer_ms {summary.output_buffer_ms:.2f}, "
            f"capture_buffer_ms {summary.capture_buffer_ms:.2f}, device path "
            f"{summary.device_roundtrip_ms} ms"
        )
        for s in stretches:
            print(
                f"  held output {s.output_held_ms:g}, capture {s.capture_held_ms:g}: wait − "
                f"control {s.output_ms:.2f} / {s.capture_ms:.2f} ms ({s.output_frames} / "
                f"{s.capture_frames} frames), device path "
                f"{', '.join(f'{d:.1f}' for d in s.device_ms)} ms"
            )
        for what, error in queue_errors(summary, stretches):
            note(f"queue truth: {what}", error)
            targets.check(f"queue run {run}: {what}", _within, error, 0.0, TOLERANCE_MS)
        if any(not s.device_ms for s in stretches):
            targets.misses.append(f"queue run {run}: a setting without a probe heard back")

    for run in range(1, 0 if args.only_queues else args.runs + 1):
        device_less = run_cli(args.duration, "--no-audio-device")
        direct = run_with_devices(args.duration, "callcheck_direct")
        check_direct = latency_check("callcheck_direct")
        path = direct["audio_path"]
        device_ms = path["device_roundtrip_ms"]
        print(
            f"\nrun {run}: device-less MOS {device_less['quality']['mos']}; direct MOS "
            f"{direct['quality']['mos']}, device path {device_ms} ms, latency check "
            f"{check_direct} ms; output queue {path['output_buffer_ms']} ms, capture "
            f"{path['capture_buffer_ms']} ms"
        )
        if device_ms is None or check_direct is None:
            targets.misses.append(f"run {run}: the direct path was not measured")
            continue
        note("check − call, direct", check_direct - device_ms)
        targets.check(
            f"run {run} direct: check within {CHECK_AGAINST_CALL_MS} ms of the call",
            _within,
            check_direct,
            device_ms,
            CHECK_AGAINST_CALL_MS,
        )
        targets.check(f"run {run} direct: figures", check_path, direct, device_ms)
        targets.check(f"run {run} direct: rating", check_rating, direct, device_less, device_ms)
        drift = queue_drift(direct)
        note("queue drift 18 s − 2 s (output), direct", drift[0])
        note("queue drift 18 s − 2 s (capture), direct", drift[1])
        targets.check(
            f"run {run} direct: output queue at 18 s vs 2 s", _within, drift[0], 0.0, 20.0
        )
        targets.check(
            f"run {run} direct: capture FIFO at 18 s vs 2 s", _within, drift[1], 0.0, 20.0
        )
        for added in delays:
            report = run_with_devices(args.duration, f"callcheck_delay{added}")
            p = report["audio_path"]
            truth = device_ms + added
            measured = p["device_roundtrip_ms"]
            m2e_truth = (
                p["probe_delay_ms"]["mean"] + p["output_buffer_ms"] + p["capture_buffer_ms"] + truth
            )
            print(
                f"  +{added} ms: MOS {report['quality']['mos']}, device path {measured} ms "
                f"(truth {truth:.2f}), mouth-to-ear {p['mouth_to_ear_ms']['mean']} ms "
                f"(truth {m2e_truth:.2f}); output queue {p['output_buffer_ms']} ms, capture "
                f"{p['capture_buffer_ms']} ms"
            )
            if measured is not None:
                note(f"device path error, +{added} ms", measured - truth)
                note(f"mouth-to-ear error, +{added} ms", p["mouth_to_ear_ms"]["mean"] - m2e_truth)
            targets.check(f"run {run} +{added}: figures", check_path, report, truth)
            targets.check(
                f"run {run} +{added}: rating",
                check_rating,
                report,
                device_less,
                truth,
            )
            drift = queue_drift(report)
            note(f"queue drift 18 s − 2 s (output), +{added} ms", drift[0])
            note(f"queue drift 18 s − 2 s (capture), +{added} ms", drift[1])
            for side, value in zip(("output queue", "capture FIFO"), drift, strict=True):
                targets.check(
                    f"run {run} +{added}: {side} at 18 s vs 2 s", _within, value, 0.0, 20.0
                )
        check_delayed = latency_check("callcheck_delay100")
        print(f"  latency check through +100 ms: {check_delayed} ms")
        if check_delayed is None:
            targets.misses.append(f"run {run}: the check did not hear callcheck_delay100")
            continue
        note("check through +100 − check direct − 100", check_delayed - check_direct - 100.0)
        targets.check(
            f"run {run}: check through +100 ms within {CHECK_THROUGH_DELAY_MS} ms",
            _within,
            check_delayed,
            check_direct + 100.0,
            CHECK_THROUGH_DELAY_MS,
        )

    print("\nsummary (ms):")
    for name, values in errors.items():
        listed = ", ".join(f"{v:+.2f}" for v in values)
        print(
            f"  {name}: {listed} (max |e| {max(abs(v) for v in values):.2f}, "
            f"median {statistics.median(values):+.2f})"
        )
    print(f"{targets.checked - len(targets.misses)} of {targets.checked} targets met")
    for miss in targets.misses:
        print(f"  missed: {miss}")
    return 1 if targets.misses else 0


def _within(value: float, truth: float, tolerance: float) -> None:
    assert abs(value - truth) <= tolerance, f"{value:.2f} vs {truth:.2f} ± {tolerance}"


if __name__ == "__main__":
    sys.exit(main())
