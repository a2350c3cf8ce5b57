"""`callcheck test`: run a test call, print live lines, then the verdict (or the JSON report)."""

from __future__ import annotations

import argparse
import json
import math
import queue
import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Any, Final, TextIO

from callcheck.core.report import Report
from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.impairment import ImpairmentSpec
from callcheck.engine.loop import EngineLoop
from callcheck.engine.peer import IceServer
from callcheck.engine.reporting import build_report, write_report_json
from callcheck.engine.snapshots import CallFailed, LiveSnapshot

EXIT_PASS: Final = 0
EXIT_BELOW_PASS: Final = 1
EXIT_USAGE: Final = 2
EXIT_COULD_NOT_RUN: Final = 3

CODECS: Final = ("opus", "g722", "pcmu", "pcma")
MAX_DURATION_S: Final = 3600.0


def add_parser(subparsers: Any) -> None:
    """Register the `test` sub-command."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "test",
        help="run a test call and rate it",
        description=(
            "Place a real WebRTC test call, measure delay, jitter and loss on every packet, and "
            "rate it with the ITU-T G.107 E-model. Exit status: 0 pass (MOS >= 4.0), 1 below "
            "the pass mark, 2 usage error, 3 the test could not run (a partial report is still "
            "written)."
        ),
    )
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument(
        "--loopback", action="store_true", help="call between two peers on this computer"
    )
    p.add_argument("--duration", type=float, default=20.0, metavar="S", help="seconds (default 20)")
    p.add_argument("--codec", choices=CODECS, default="opus", help="codec (default opus)")
    p.add_argument(
        "--no-audio-device",
        action="store_true",
        help="use the built-in test signal instead of the microphone and speaker",
    )
    p.add_argument(
        "--ice-server",
        action="append",
        default=[],
        metavar="URI",
        help="STUN/TURN server, e.g. turn:user:pass@host:3478 (repeatable)",
    )
    p.add_argument(
        "--force-relay", action="store_true", help="send the media only through a TURN relay"
    )
    p.add_argument(
        "--impair",
        metavar="SPEC",
        help="emulate a network, e.g. delay=50,jitter=10,loss=2,burst=2 (what-if mode)",
    )
    p.add_argument("--json", action="store_true", help="print only the final JSON report")
    p.add_argument("--report", metavar="FILE", help="also write the report to FILE (.json)")
    p.set_defaults(handler=run)


class UsageError(ValueError):
    """Arguments that make no sense together or in themselves (exit 2)."""


def parse_ice_server(text: str) -> IceServer:
    """`stun:host:port` or `turn[s]:user:password@host:port[?transport=tcp]`."""
    scheme, sep, rest = text.partition(":")
    if not sep or scheme not in ("stun", "stuns", "turn", "turns") or not rest:
        raise UsageError(
            f"--ice-server {text!r}: expected stun:HOST:PORT or turn:USER:PASS@HOST:PORT"
        )
    if "@" in rest and scheme.startswith("turn"):
        creds, _, hostpart = rest.rpartition("@")
        user, _, password = creds.partition(":")
        return IceServer(url=f"{scheme}:{hostpart}", username=user, credential=password)
    return IceServer(url=text)


def _config(args: argparse.Namespace) -> CallConfig:
    if not math.isfinite(args.duration) or not 1.0 <= args.duration <= MAX_DURATION_S:
        raise UsageError(f"--duration must be between 1 and {MAX_DURATION_S:g} seconds")
    ice = tuple(parse_ice_server(s) for s in args.ice_server)
    if args.force_relay and not any(s.url.startswith("turn") for s in ice):
        raise UsageError("--force-relay needs a TURN server (--ice-server turn:...)")
    spec = None
    if args.impair:
        try:
            spec = ImpairmentSpec.parse(args.impair)
        except ValueError as exc:
            raise UsageError(f"--impair: {exc}") from None
    kwargs: dict[str, Any] = {
        "duration_s": float(args.duration),
        "codec": args.codec,
        "ice_servers": ice,
        "force_relay": bool(args.force_relay),
    }
    if spec is not None:
        return CallConfig.impaired(spec, **kwargs)
    return CallConfig(**kwargs)


def _fmt(value: float | None, unit: str, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f} {unit}"


def live_line(s: LiveSnapshot) -> str:
    """One readable line of the live test (the worse direction's figures)."""
    d = s.downlink
    u = s.uplink
    mos = "MOS –   " if s.quality is None else f"MOS {s.quality.mos:.2f}"
    grade = "" if s.quality is None else f" {s.quality.grade:<9}"
    rtt = d.rtt_ms if d.rtt_ms is not None else u.rtt_ms
    loss = max(d.loss_interval_pct, u.loss_interval_pct)
    jitter = max(d.jitter_ms, u.jitter_ms)
    buffer_ms = max(d.playout_delay_ms, u.playout_delay_ms)
    return (
        f"{s.elapsed_s:5.1f} s  {mos}{grade}  RTT {_fmt(rtt, 'ms')}  "
        f"jitter {_fmt(jitter, 'ms')}  loss {loss:.1f} %  buffer {buffer_ms:.0f} ms"
    )


def _print_result(report: Report, out: TextIO) -> None:
    data = report.to_json()
    verdict = data["verdict"]
    print("", file=out)
    print(verdict["summary"], file=out)
    q = data["quality"]
    if q is not None:
        down = data["network"]["downlink"]
        up = data["network"]["uplink"]
        rtt = (down or {}).get("rtt_ms") or (up or {}).get("rtt_ms")
        print(
            f"MOS {q['mos']:.2f}  R {q['r_factor']:.1f} ({q['scale']})  "
            f"RTT {rtt['mean'] if rtt else '–'} ms  "
            f"jitter down/up {down['jitter_ms']['mean']:.1f}/{up['jitter_ms']['mean']:.1f} ms  "
            f"loss down/up {down['loss_pct']['mean']:.1f}/{up['loss_pct']['mean']:.1f} %",
            file=out,
        )
    for err in data["errors"]:
        print(f"note: {err['message']}", file=out)
    codecs = data["recommendations"].get("codecs") or []
    if codecs:
        best = codecs[0]
        print(f"best codec for this network: {best['reason']}", file=out)
    print(f"test id {data['id']}", file=out)


def run(args: argparse.Namespace) -> int:
    """Run `callcheck test`; returns the exit code."""
    err = sys.stderr
    try:
        config = _config(args)
        report_path = Path(args.report) if args.report else None
        if report_path is not None and report_path.suffix.lower() != ".json":
            raise UsageError("--report writes a .json file")
    except UsageError as exc:
        print(f"callcheck test: error: {exc}", file=err)
        return EXIT_USAGE

    snapshots: queue.SimpleQueue[LiveSnapshot] = queue.SimpleQueue()
    call = TestCall(config, on_snapshot=snapshots.put)
    engine = EngineLoop()
    engine.start()
    stop_requested = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop_requested.set()

    previous = signal.signal(signal.SIGINT, on_signal)
    try:
        future = engine.submit(call.run())
        last_second = -1
        while not future.done():
            if stop_requested.is_set():
                engine.call_soon(call.request_stop)
                stop_requested.clear()
            try:
                snap = snapshots.get(timeout=0.1)
            except queue.Empty:
                continue
            if not args.json and int(snap.elapsed_s) > last_second:
                last_second = int(snap.elapsed_s)
                print(live_line(snap), flush=True)
        try:
            result = future.result()
        except CallFailed as exc:
            print(f"callcheck test: the test could not run: {exc.message}", file=err)
            if args.json:
                print(json.dumps({"error": {"code": exc.reason_code, "message": exc.message}}))
            return EXIT_COULD_NOT_RUN
    finally:
        signal.signal(signal.SIGINT, previous)
        engine.stop()

    ice_urls = tuple(s.url for s in config.ice_servers)
    report = build_report(result, ice_servers=ice_urls)
    if report_path is not None:
        try:
            write_report_json(report, report_path)
        except OSError as exc:
            print(f"callcheck test: could not write the report to {report_path}: {exc}", file=err)
    if args.json:
        print(json.dumps(report.to_json(), indent=2))
    else:
        _print_result(report, sys.stdout)
    if result.partial or result.quality is None:
        return EXIT_COULD_NOT_RUN
    return EXIT_PASS if result.quality.passed else EXIT_BELOW_PASS
