"""The `callcheck` command line."""

from __future__ import annotations

import argparse
import sys

from callcheck import __build__, __version__
from callcheck.cli import devices, echo_cmd, mos, room_cmd, serve, test_cmd


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="callcheck",
        description="Test call quality: a real WebRTC test call, measured and scored (MOS).",
    )
    parser.add_argument(
        "--version", action="version", version=f"callcheck {__version__} (build {__build__})"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    test_cmd.add_parser(sub)
    devices.add_parser(sub)
    serve.add_parser(sub)
    room_cmd.add_parser(sub)
    echo_cmd.add_parser(sub)
    mos.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run the sub-command; returns the exit code (2 = usage error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    code: int = handler(args)
    return code
