"""`callcheck test`: run a test call, print live lines, then the verdict (or the JSON report)."""

from __future__ import annotations

import argparse
import ipaddress
import json
import math
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any, Final, TextIO

from callcheck.cli import report_file, upload_opts
from callcheck.cli.share import ShareSession
from callcheck.core.grades import format_mos
from callcheck.core.heard import heard_line
from callcheck.core.report import Report
from callcheck.core.report_text import summary_text
from callcheck.engine.call import CallConfig
from callcheck.engine.ice_servers import IceServerError
from callcheck.engine.ice_servers import parse_ice_server as engine_parse_ice_server
from callcheck.engine.impairment import NETWORK_PRESETS, ImpairmentSpec
from callcheck.engine.live_share import ThreadedShare
from callcheck.engine.loop import EngineLoop
from callcheck.engine.peer import IceServer
from callcheck.engine.session import PHASE_PROBE, SessionOptions, SessionOutcome, TestSession
from callcheck.engine.signaling import parse_server_url
from callcheck.engine.snapshots import LiveSnapshot

EXIT_PASS: Final = 0
EXIT_BELOW_PASS: Final = 1
EXIT_USAGE: Final = 2
EXIT_COULD_NOT_RUN: Final = 3

CODECS: Final = ("opus", "g722", "pcmu", "pcma")
MAX_DURATION_S: Final = 3600.0
#: Server and peer modes: give up connecting after this long, so that with the start-up of the
#: process a failure is reported within 10 s.
REMOTE_CONNECT_TIMEOUT_S: Final = 7.0
#: The server's token when no --token is given (so it need not appear in ``ps`` output).
TOKEN_ENV: Final = "CALLCHECK_SERVER_TOKEN"


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
    mode = p.add_argument_group("mode (one of)")
    mode.add_argument(
        "--loopback", action="store_true", help="call between two peers on this computer"
    )
    mode.add_argument(
        "--server",
        metavar="URL",
        help="call the CallCheck reflector at URL (https://host:port or its /whip endpoint); "
        "with --room, the server that holds the room",
    )
    mode.add_argument(
        "--room",
        metavar="CODE",
        help="join the peer-mode room CODE (the code the other person read out); needs --server",
    )
    add_call_arguments(p)
    p.add_argument(
        "--no-probe",
        action="store_true",
        help="server mode: skip the bandwidth, bufferbloat and QoS (DSCP) probe after the call",
    )
    p.add_argument(
        "--share",
        action="store_true",
        help="share the test live with the helpdesk through the server (prints 'share: URL' "
        "first; the helpdesk may ask for another run, which runs only if you say yes)",
    )
    upload_opts.add_upload_arguments(p)
    p.set_defaults(handler=run)


def add_call_arguments(p: argparse.ArgumentParser) -> None:
    """The options of a test call (shared by `callcheck test` and `callcheck room create`)."""
    p.add_argument("--duration", type=float, default=20.0, metavar="S", help="seconds (default 20)")
    p.add_argument("--codec", choices=CODECS, default="opus", help="codec (default opus)")
    p.add_argument(
        "--no-audio-device",
        action="store_true",
        help="use the built-in test signal instead of the microphone and speaker",
    )
    p.add_argument(
        "--input",
        metavar="DEV",
        help="microphone: device index or part of its name (default: the system's)",
    )
    p.add_argument(
        "--output",
        metavar="DEV",
        help="speaker or headset: device index or part of its name (default: the system's)",
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
        help="emulate a network, e.g. delay=50,jitter=10,loss=2,burst=2, or one by name: "
        f"{', '.join(NETWORK_PRESETS)} (what-if mode)",
    )
    p.add_argument("--json", action="store_true", help="print only the final JSON report")
    p.add_argument(
        "--report",
        metavar="FILE",
        help="also write the report to FILE: .json (the full report), .html (to read and print), "
        ".pdf (the same page, to attach) or .txt (the summary for a ticket); checked before "
        "the call starts",
    )
    p.add_argument(
        "--summary", action="store_true", help="print the helpdesk summary after the verdict"
    )
    p.add_argument(
        "--token", help=f"the server's access token (or set {TOKEN_ENV}); server and room modes"
    )
    p.add_argument(
        "--ice-address",
        action="append",
        default=[],
        metavar="IP",
        help="gather ICE host candidates on IP only (repeatable; default: every interface, "
        "or 127.0.0.1 for a server on this computer)",
    )


class UsageError(ValueError):
    """Arguments that make no sense together or in themselves (exit 2)."""


def parse_ice_server(text: str) -> IceServer:
    """`stun:host:port` or `turn[s]:user:password@host:port[?transport=tcp]` (see
    :func:`callcheck.engine.ice_servers.parse_ice_server`); raises :class:`UsageError`."""
    try:
        return engine_parse_ice_server(text)
    except IceServerError as exc:
        raise UsageError(str(exc)) from None


def _mode(args: argparse.Namespace) -> tuple[str, str | None, str | None]:
    """(mode, server URL, room code) from --loopback / --server / --room."""
    loopback = bool(getattr(args, "loopback", False))
    room = getattr(args, "room", None)
    server = getattr(args, "server", None)
    if loopback and (room is not None or server is not None):
        raise UsageError("choose one mode: --loopback, --server URL, or --room CODE --server URL")
    if loopback:
        return "loopback", None, None
    if room is not None:
        if not server:
            raise UsageError("--room CODE needs the server too: --server URL")
        return "peer", server, room
    if server is None:
        raise UsageError("choose a mode: --loopback, --server URL, or --room CODE --server URL")
    return "server", server, None


def _config(
    args: argparse.Namespace, *, mode: str | None = None, room_code: str | None = None
) -> CallConfig:
    if not math.isfinite(args.duration) or not 1.0 <= args.duration <= MAX_DURATION_S:
        raise UsageError(f"--duration must be between 1 and {MAX_DURATION_S:g} seconds")
    chosen, server, room = _mode(args) if mode is None else (mode, args.server, room_code)
    if chosen == "peer" and room is not None and not room.strip():
        raise UsageError("--room needs the code the other person read out")
    if server is not None:
        try:
            parse_server_url(server)
        except ValueError as exc:
            raise UsageError(f"--server: {exc}") from None
    ice = tuple(parse_ice_server(s) for s in args.ice_server)
    if args.force_relay and chosen == "loopback" and not any(s.url.startswith("turn") for s in ice):
        raise UsageError("--force-relay needs a TURN server (--ice-server turn:...)")
    addresses = tuple(args.ice_address) or None
    for address in addresses or ():
        try:
            ipaddress.ip_address(address)
        except ValueError:
            raise UsageError(f"--ice-address {address!r} is not an IP address") from None
    token = args.token or os.environ.get(TOKEN_ENV) or None
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
        "host_addresses": addresses,
        "mode": chosen,
        "server_url": server,
        "token": token,
        "room_code": room,
    }
    if chosen != "loopback":
        kwargs["connect_timeout_s"] = REMOTE_CONNECT_TIMEOUT_S
        if getattr(args, "wait", None) is not None:
            kwargs["peer_wait_s"] = float(args.wait)
    if spec is not None:
        return CallConfig.impaired(spec, **kwargs)
    return CallConfig(**kwargs)


def _fmt(value: float | None, unit: str, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f} {unit}"


def live_line(s: LiveSnapshot) -> str:
    """One readable line of the live test (the worse direction's figures).

    The MOS is the call so far (it converges to the verdict); ``last 1 s`` is the recent-trouble
    rating (see :mod:`callcheck.core.live_rating`); jitter and loss are the last interval's raw
    figures.
    """
    d = s.downlink
    u = s.uplink
    # One MOS formatter everywhere (issue 16): the line reads as the gauge and the verdict do.
    mos = "MOS –" if s.quality is None else f"MOS {format_mos(s.quality.mos)} {s.quality.mos_label}"
    grade = "" if s.quality is None else f" {s.quality.grade:<9}"
    if s.quality_recent is not None:
        grade += f" (last 1 s {format_mos(s.quality_recent.mos)})"
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
            f"MOS {format_mos(q['mos'])} {q['mos_label']}  R {q['r_factor']:.1f} ({q['scale']})  "
            f"RTT {rtt['mean'] if rtt else '–'} ms  "
            f"jitter down/up {down['jitter_ms']['mean']:.1f}/{up['jitter_ms']['mean']:.1f} ms  "
            f"loss down/up {down['loss_pct']['mean']:.1f}/{up['loss_pct']['mean']:.1f} %",
            file=out,
        )
        heard = heard_line(q.get("heard"))
        if heard is not None:
            print(heard, file=out)
    for err in data["errors"]:
        print(f"note: {err['message']}", file=out)
    codecs = data["recommendations"].get("codecs") or []
    if codecs:
        best = codecs[0]
        print(f"best codec for this network: {best['reason']}", file=out)
    print(f"test id {data['id']}", file=out)


def _device(text: str | None) -> int | str | None:
    """A device given on the command line: an index, or part of its name."""
    if text is None:
        return None
    return int(text) if text.strip().isdigit() else text


def session_options(config: CallConfig, args: argparse.Namespace) -> SessionOptions:
    """The test session the command line asks for (the GUI bridge builds the same)."""
    return SessionOptions(
        call=config,
        use_devices=not args.no_audio_device,
        input_device=_device(getattr(args, "input", None)),
        output_device=_device(getattr(args, "output", None)),
        probe=not getattr(args, "no_probe", False),
        ice_server_urls=tuple(args.ice_server),
    )


def run(args: argparse.Namespace) -> int:
    """Run `callcheck test`; returns the exit code."""
    err = sys.stderr
    try:
        config = _config(args)
        report_path = _report_path(args)
        upload_opts.check_upload(args)
    except (UsageError, upload_opts.UploadUsageError) as exc:
        print(f"callcheck test: error: {exc}", file=err)
        return EXIT_USAGE
    with upload_opts.quiet_output(args):
        return _run_shared(config, args, report_path)


def _run_shared(config: CallConfig, args: argparse.Namespace, report_path: Path | None) -> int:
    """Run the test, shared live with the helpdesk when ``--share`` asks (again on request)."""
    err = sys.stderr
    if not getattr(args, "share", False):
        return run_config(config, args, report_path)
    if config.server_url is None:
        print("callcheck test: error: --share needs a server (--server URL)", file=err)
        return EXIT_USAGE
    share = ShareSession(
        parse_server_url(config.server_url).base,
        config.token,
        out=sys.stdout,
        err=err,
        interactive=not args.json,
    )
    shared = share.start()
    try:
        while True:
            code = run_config(config, args, report_path, share=share.share if shared else None)
            if shared is None or not share.run_again():
                return code
    finally:
        share.close()


def _report_path(args: argparse.Namespace) -> Path | None:
    report_path = Path(args.report) if args.report else None
    if report_path is not None:
        try:
            report_file.check_report_path(report_path, getattr(args, "pdf_loader", None))
        except report_file.ReportFileError as exc:
            raise UsageError(str(exc)) from None
    return report_path


def run_config(
    config: CallConfig,
    args: argparse.Namespace,
    report_path: Path | None,
    *,
    on_waiting: Callable[[str], None] | None = None,
    prog: str = "callcheck test",
    share: ThreadedShare | None = None,
) -> int:
    """Run the call ``config`` with the output options of ``args``; returns the exit code.

    With ``share`` the snapshots and the report also go to the helpdesk's live view.
    """
    snapshots: queue.SimpleQueue[LiveSnapshot] = queue.SimpleQueue()
    on_snapshot: Callable[[LiveSnapshot], None] = snapshots.put
    if share is not None:
        share.begin_run(config.mode, config.duration_s)
        shared = share.snapshot_hook(lambda: session.connectivity_checks())

        def on_snapshot(snap: LiveSnapshot) -> None:
            snapshots.put(snap)
            shared(snap)

    def on_status(phase: str) -> None:
        if phase == PHASE_PROBE and not args.json:
            print("measuring bandwidth, delay under load and QoS marking …", flush=True)

    session = TestSession(
        session_options(config, args),
        on_snapshot=on_snapshot,
        on_waiting=on_waiting,
        on_status=on_status,
    )
    engine = EngineLoop()
    engine.start()
    stop_requested = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop_requested.set()

    previous = signal.signal(signal.SIGINT, on_signal)
    try:
        future = engine.submit(session.run())
        last_second = -1
        while not future.done():
            if stop_requested.is_set():
                engine.call_soon(session.request_stop)
                stop_requested.clear()
            try:
                snap = snapshots.get(timeout=0.1)
            except queue.Empty:
                continue
            if not args.json and int(snap.elapsed_s) > last_second:
                last_second = int(snap.elapsed_s)
                print(live_line(snap), flush=True)
        outcome = future.result()
    finally:
        signal.signal(signal.SIGINT, previous)
        engine.stop()
    return _finish(outcome, args, report_path, prog, share)


def _finish(
    outcome: SessionOutcome,
    args: argparse.Namespace,
    report_path: Path | None,
    prog: str,
    share: ThreadedShare | None = None,
) -> int:
    """Print and write the session's report; the exit code."""
    err = sys.stderr
    failure = outcome.failure
    if failure is not None:
        print(
            f"{prog}: the test could not run: {failure.message} [{failure.reason_code}]", file=err
        )
    elif not args.json:
        for line in outcome.notes:
            print(f"note: {line}", file=err)
        probe = outcome.probe
        if probe is not None and probe.status != "ok":
            print(f"note: {probe.message}", flush=True)
    data = outcome.report.to_json()
    if failure is not None:
        # The `--json` contract of a test that could not run: ``error`` at the top (kept from
        # the first release), now beside the partial report itself.
        data["error"] = {"code": failure.reason_code, "message": failure.message}
    if share is not None and share.info is not None:
        data["share"] = share.info.to_json()
        if failure is not None:
            share.failed(failure.message)
        share.report(data)
    report_written = True
    if report_path is not None:
        try:
            report_file.write_report(data, report_path, getattr(args, "pdf_loader", None))
        except report_file.ReportFileError as exc:
            print(f"{prog}: {exc}", file=err)
            report_written = False
    upload_opts.upload_after_test(data, args, prog)
    if args.json:
        print(json.dumps(data, indent=2))
    elif failure is None:
        _print_result(outcome.report, sys.stdout)
        if args.summary:
            print("", file=sys.stdout)
            print(summary_text(data), file=sys.stdout)
    if outcome.result is None or not outcome.complete or outcome.result.quality is None:
        return EXIT_COULD_NOT_RUN
    if not report_written:
        # The report asked for is part of the result: without it the test did not do its job.
        return EXIT_COULD_NOT_RUN
    return EXIT_PASS if outcome.passed else EXIT_BELOW_PASS
