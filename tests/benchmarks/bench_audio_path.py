"""Audio device path benchmark: CallCheck's queues over a long call and the mouth-to-ear error
against a known device delay; prints the figures, asserts nothing.

    eval "$(bash tests/audio_env.sh)"
    .venv/bin/python tests/benchmarks/bench_audio_path.py [--duration 60] [--runs 3]
        [--delays 0,100,200]

Each run is a real `callcheck test --loopback --json` process through the test sound server
(input callcheck_monitor; output callcheck_direct for 0, else callcheck_delayN). For each call:
the output queue and capture FIFO per second (first, 2 s, middle, last, min, max: a queue that
drifts shows as last − 2 s), the trims and stretches that kept them there, the device path
measured by the probes heard back, and its error against the truth: the direct path's figure of
the same repetition plus N (a delay sink adds exactly N), and for the mouth-to-ear delay the
probes' delay + the queues + that truth. The direct path is also compared with the device
latency check (chirps, duplex streams).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
from typing import Any

from callcheck.engine.audio_io import SoundDeviceBackend, find_device
from callcheck.engine.device_latency import measure_device_latency


def run_call(output: str, duration_s: int) -> dict[str, Any]:
    done = subprocess.run(
        [
            *(sys.executable, "-m", "callcheck", "test", "--loopback", "--json"),
            *("--duration", str(duration_s), "--input", "callcheck_monitor", "--output", output),
        ],
        capture_output=True,
        text=True,
        timeout=duration_s + 120,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"callcheck failed ({done.returncode}): {done.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def queue_line(name: str, values: list[tuple[float, float]]) -> str:
    by_s = dict(values)
    last = max(by_s)
    mid = sorted(by_s)[len(by_s) // 2]
    seq = list(by_s.values())
    return (
        f"{name}: 0 s {by_s[min(by_s)]:.1f}, 2 s {by_s.get(2.0, float('nan')):.1f}, "
        f"{mid:.0f} s {by_s[mid]:.1f}, {last:.0f} s {by_s[last]:.1f} ms "
        f"(min {min(seq):.1f}, max {max(seq):.1f}; last − 2 s {by_s[last] - by_s.get(2.0, 0):+.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--delays", default="0,100,200")
    args = parser.parse_args()
    delays = [int(d) for d in args.delays.split(",")]
    backend = SoundDeviceBackend()
    devices = backend.list_devices()
    check = asyncio.run(
        measure_device_latency(
            backend,
            find_device(devices, "callcheck_monitor", "input"),
            find_device(devices, "callcheck_direct", "output"),
            repetitions=9,
        )
    )
    assert check.roundtrip_ms is not None
    print(f"latency check, direct path: round trip {check.roundtrip_ms.typical:.2f} ms (typical)")
    device_errors: dict[int, list[float]] = {d: [] for d in delays}
    m2e_errors: dict[int, list[float]] = {d: [] for d in delays}
    for run in range(1, args.runs + 1):
        direct_ms: float | None = None
        for delay in sorted(delays):
            output = "callcheck_direct" if delay == 0 else f"callcheck_delay{delay}"
            report = run_call(output, args.duration)
            path = report["audio_path"]
            print(f"\nrun {run}, {output}: MOS {report['quality']['mos']}, "
                  f"method {path.get('method')}, errors {path['errors']}")  # fmt: skip
            timeline = path.get("queue_timeline") or []
            if timeline:
                out = [(q["at_s"], q["output_ms"]) for q in timeline]
                cap = [(q["at_s"], q["capture_ms"]) for q in timeline]
                print("  " + queue_line("output queue", out))
                print("  " + queue_line("capture FIFO", cap))
            print(
                f"  output mean {path['output_buffer_ms']} ms, capture mean "
                f"{path['capture_buffer_ms']} ms; stretched {path.get('output_stretched_ms')} ms, "
                f"trimmed silence {path.get('output_trimmed_silence_ms')} ms, trimmed audio "
                f"{path.get('output_trimmed_audio_ms')} ms, capture trimmed "
                f"{path.get('capture_trimmed_ms')} ms; starved {path['output_starved']}, "
                f"underflows {path['output_underflows']}, overflows {path['input_overflows']}"
            )
            device = path["device_roundtrip_ms"]
            dp = path.get("device_path") or {}
            print(f"  device path {device} ms ({dp.get('probes_heard_back')} probes heard back; "
                  f"host output buffer {dp.get('host_output_buffer_ms')} ms)")  # fmt: skip
            if device is None:
                continue
            if delay == 0:
                direct_ms = device
                print(f"  vs latency check: {device - check.roundtrip_ms.typical:+.2f} ms")
                continue
            if direct_ms is None:
                continue
            truth = direct_ms + delay
            m2e_truth = (
                path["probe_delay_ms"]["mean"]
                + path["output_buffer_ms"]
                + path["capture_buffer_ms"]
                + truth
            )
            device_errors[delay].append(device - truth)
            m2e_errors[delay].append(path["mouth_to_ear_ms"]["mean"] - m2e_truth)
            print(
                f"  device error vs direct + {delay}: {device - truth:+.2f} ms; mouth-to-ear "
                f"{path['mouth_to_ear_ms']['mean']} ms, error {m2e_errors[delay][-1]:+.2f} ms"
            )
    print("\nsummary (error against the known delay, ms):")
    for delay in delays:
        if device_errors[delay]:
            e, m = device_errors[delay], m2e_errors[delay]
            print(f"  +{delay} ms: device {', '.join(f'{x:+.2f}' for x in e)} "
                  f"(max |e| {max(abs(x) for x in e):.2f}); mouth-to-ear max |e| "
                  f"{max(abs(x) for x in m):.2f}, median {statistics.median(m):+.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
