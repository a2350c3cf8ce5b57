"""`callcheck room create`: open a peer-mode room, print its code, and host the test call.

The helpdesk flow: the technician runs ``callcheck room create --server URL``, reads the code
out over the phone (``AC7-K3M-9PX``: no look-alike letters or digits), and the employee runs
``callcheck test --room AC7-K3M-9PX --server URL`` (or types the code into the app). The host waits
for the guest, then both measure the call, swap their receive-side figures, and each prints a
report with both directions. ``--no-wait`` only creates the room and prints the code.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any, Final

from callcheck.cli.test_cmd import (
    EXIT_COULD_NOT_RUN,
    EXIT_PASS,
    EXIT_USAGE,
    UsageError,
    _config,
    _report_path,
    add_call_arguments,
    run_config,
)
from callcheck.engine.loop import EngineLoop
from callcheck.engine.remote import PEER_WAIT_S
from callcheck.engine.signaling import RoomInfo, new_room
from callcheck.engine.snapshots import CallFailed

PROG: Final = "callcheck room create"


def add_parser(subparsers: Any) -> None:
    """Register the `room` sub-command (`room create`)."""
    room: argparse.ArgumentParser = subparsers.add_parser(
        "room",
        help="peer-mode rooms: call a colleague's computer through the server",
        description="Peer mode: two desktops call each other, paired by a short code.",
    )
    sub = room.add_subparsers(dest="room_command", metavar="ACTION", required=True)
    p: argparse.ArgumentParser = sub.add_parser(
        "create",
        help="create a room, print its code, and wait to host the test call",
        description=(
            "Create a room on the CallCheck server and print its code to read out. Then wait "
            "for the other person (callcheck test --room CODE --server URL) and run the test "
            "call with them; both reports show both directions. Exit codes as `callcheck test`."
        ),
    )
    p.add_argument("--server", required=True, metavar="URL", help="the CallCheck server")
    p.add_argument(
        "--wait",
        type=float,
        default=PEER_WAIT_S,
        metavar="S",
        help=f"how long to wait for the other person (default {PEER_WAIT_S:g} s)",
    )
    p.add_argument(
        "--no-wait",
        action="store_true",
        help="only create the room and print its code (JSON with --json)",
    )
    add_call_arguments(p)
    p.set_defaults(handler=run)


def _announce(info: RoomInfo, server: str, *, to_stderr: bool) -> None:
    out = sys.stderr if to_stderr else sys.stdout
    print(f"Room code: {info.code}", file=out, flush=True)
    print(
        f"Read it out; the other person runs: callcheck test --room {info.code} --server {server}",
        file=out,
        flush=True,
    )


def run(args: argparse.Namespace) -> int:
    """Run `callcheck room create`; returns the exit code."""
    err = sys.stderr
    try:
        if not math.isfinite(args.wait) or args.wait <= 0:
            raise UsageError("--wait must be a positive number of seconds")
        probe = _config(args, mode="peer", room_code="AAA-222")  # validates every option
        report_path = _report_path(args)
    except (UsageError, ValueError) as exc:
        print(f"{PROG}: error: {exc}", file=err)
        return EXIT_USAGE
    try:
        with EngineLoop() as loop:
            info = loop.run(new_room(args.server, probe.token), timeout_s=30)
    except CallFailed as exc:
        print(f"{PROG}: could not create a room: {exc.message} [{exc.reason_code}]", file=err)
        if args.json:
            print(json.dumps({"error": {"code": exc.reason_code, "message": exc.message}}))
        return EXIT_COULD_NOT_RUN
    if args.no_wait:
        if args.json:
            print(
                json.dumps(
                    {
                        "code": info.code,
                        "expires_in_s": info.expires_in_s,
                        "join": f"callcheck test --room {info.code} --server {args.server}",
                    }
                )
            )
        else:
            _announce(info, args.server, to_stderr=False)
        return EXIT_PASS
    _announce(info, args.server, to_stderr=bool(args.json))
    config = _config(args, mode="peer", room_code=info.code)

    def waiting(code: str) -> None:
        print(f"Waiting for the other person to join room {code} …", file=err, flush=True)

    return run_config(config, args, report_path, on_waiting=waiting, prog=PROG)
