"""`callcheck devices`: list audio devices, or measure a device pair's round-trip latency."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from callcheck.engine.audio_io import (
    AudioDevice,
    AudioDeviceError,
    AudioUnavailable,
    SoundDeviceBackend,
    find_device,
)
from callcheck.engine.device_checks import LatencyMeasurement
from callcheck.engine.device_latency import measure_device_latency

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_COULD_NOT_RUN = 3


def add_parser(subparsers: Any) -> None:
    """Register the `devices` sub-command."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "devices",
        help="list audio devices, or measure their round-trip latency",
        description=(
            "List the audio input and output devices. With --measure-latency, run the call's "
            "device path without the network: its probes are played on the output and found "
            "again in the input (speaker to microphone, or an output routed back to an input), "
            "which gives the device round trip a test call will use."
        ),
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--measure-latency",
        action="store_true",
        help="measure the output-to-input round trip as a call does (its probes heard back)",
    )
    p.add_argument("--input", metavar="DEV", default=None, help="input device: index or name")
    p.add_argument("--output", metavar="DEV", default=None, help="output device: index or name")
    p.add_argument(
        "--repetitions",
        type=int,
        default=3,
        metavar="N",
        help="runs of the device path, each in fresh streams (3-6 s each; default: 3)",
    )
    p.set_defaults(handler=run)


def _device_lines(devices: list[AudioDevice]) -> str:
    lines = [f"{'#':>3}  {'in':>3} {'out':>3}  {'rate':>6}  {'host API':<12} name"]
    for d in devices:
        marks = ("<" if d.is_default_input else " ") + (">" if d.is_default_output else " ")
        lines.append(
            f"{d.index:>3}  {d.max_input_channels:>3} {d.max_output_channels:>3}  "
            f"{d.default_sample_rate_hz:>6.0f}  {d.host_api:<12} {d.name} {marks}".rstrip()
        )
    lines.append("< default input, > default output")
    return "\n".join(lines)


def _latency_lines(m: LatencyMeasurement) -> str:
    pa_in, pa_out = m.portaudio_latency_ms
    lines = [f"Output: {m.output_device}", f"Input:  {m.input_device}", m.message]
    if m.roundtrip_ms is not None:
        values = ", ".join(f"{v:.1f}" for v in m.roundtrip_ms.values)
        lines.append(f"Round trip: median {m.roundtrip_ms.median:.1f} ms ({values})")
        lines.append(f"Method: {m.method} (the call's own model of the device path)")
    if m.beyond_output_buffer_ms is not None and m.output_buffer_ms is not None:
        lines.append(
            f"Beyond the output buffer: {m.beyond_output_buffer_ms.typical:.1f} ms "
            f"(the device path; the stream queued {m.output_buffer_ms:.1f} ms)"
        )
    lines.append(f"Confidence: {m.confidence:.2f} over {m.repetitions} repetitions")
    if pa_in is not None and pa_out is not None:
        lines.append(f"PortAudio reports: input {pa_in:.1f} ms, output {pa_out:.1f} ms")
    if m.error:
        lines.append(f"Stopped early: {m.error}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run `callcheck devices`; returns the exit code."""
    if args.repetitions < 1:
        print("callcheck devices: error: --repetitions must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        backend = SoundDeviceBackend()
        devices = backend.list_devices()
        if not args.measure_latency:
            if args.json:
                print(json.dumps({"devices": [d.to_json() for d in devices]}, indent=2))
            else:
                print(_device_lines(devices) if devices else "No audio devices found.")
            return EXIT_OK
        inp = find_device(devices, args.input, "input")
        out = find_device(devices, args.output, "output")
        result = asyncio.run(
            measure_device_latency(backend, inp, out, repetitions=args.repetitions)
        )
    except (AudioUnavailable, AudioDeviceError) as exc:
        print(f"callcheck devices: {exc}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
    else:
        print(_latency_lines(result))
    return EXIT_OK
