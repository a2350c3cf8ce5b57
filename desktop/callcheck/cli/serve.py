"""`callcheck serve`: the reflector and the peer rooms."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from callcheck.server.app import run_server
from callcheck.server.config import ConfigError, add_serve_arguments, config_from_arguments
from callcheck.server.supervisor import run_supervised

EXIT_USAGE = 2


def add_parser(subparsers: Any) -> None:
    """Register the `serve` sub-command."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "serve",
        help="run the reflector server (WHIP) and the peer rooms",
        description=(
            "Run the CallCheck reflector: clients POST a WebRTC offer to /whip (RFC 9725) and "
            "get their audio back, with the server's own uplink figures on a data channel. "
            "Peer-mode rooms live under /rooms; /healthz and /metrics (Prometheus) for "
            "monitoring. Settings: flags, then an optional TOML file (--config). One worker "
            "process per CPU core by default (--workers); SIGTERM drains: calls in progress "
            "finish, new ones are refused."
        ),
    )
    add_serve_arguments(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the server until interrupted; returns the exit code."""
    try:
        config = config_from_arguments(args)
    except ConfigError as exc:
        print(f"callcheck serve: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if config.worker_count > 1:
        return run_supervised(config)
    return run_server(config)
