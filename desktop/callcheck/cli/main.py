"""The `callcheck` command line."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from callcheck import __build__, __version__
from callcheck.cli import devices, echo_cmd, mos, room_cmd, serve, test_cmd
from callcheck.cli.report_file import PdfLoader, TranslationLoader

EXIT_USAGE = 2


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
    _add_gui_parser(sub)
    return parser


def _add_gui_parser(subparsers: Any) -> None:
    """`callcheck gui`, listed here for `--help`: the launcher starts the app itself, so that
    the command line never imports Qt (DESIGN.md, Layers)."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "gui",
        help="open the desktop app",
        description=(
            "Open the CallCheck desktop app (the same tests, with a live gauge, history and "
            "exports). --language de shows it in that language for this run (else the one "
            "chosen in its Settings, else the system's). Qt's own options, such as -platform "
            "offscreen or -style fusion, are passed on to Qt."
        ),
    )
    p.add_argument("qt_options", nargs=argparse.REMAINDER, help="options for Qt")
    p.set_defaults(handler=_gui_not_here)


def _gui_not_here(args: argparse.Namespace) -> int:
    print("callcheck gui: start the desktop app with the callcheck command", file=sys.stderr)
    return EXIT_USAGE


def main(
    argv: list[str] | None = None,
    *,
    pdf_loader: PdfLoader | None = None,
    translation_loader: TranslationLoader | None = None,
) -> int:
    """Parse the arguments and run the sub-command; returns the exit code (2 = usage error).

    ``pdf_loader`` and ``translation_loader`` come from the launcher: the desktop app's PDF
    exporter and translations, which the command line may not import itself (``--report
    FILE.pdf``, ``--language de``).
    """
    parser = build_parser()
    parser.set_defaults(pdf_loader=pdf_loader, translation_loader=translation_loader)
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    code: int = handler(args)
    return code
