"""The `callcheck` executable: `callcheck gui` starts the desktop app, everything else is the CLI.

This module sits above the layers so that the CLI never imports Qt and the GUI is only loaded
when asked for.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from callcheck.core.phrase import Translate, english

if TYPE_CHECKING:
    from callcheck.cli.report_file import PdfWrite

HELP_FLAGS = ("-h", "--help")


def load_pdf_writer() -> PdfWrite:
    """The desktop app's PDF exporter for `--report FILE.pdf` (one layout: the HTML report
    laid out by Qt). Raises ImportError where Qt for Python is not installed; Qt is loaded only
    when a PDF is asked for, so every other command starts without it."""
    export = importlib.import_module("callcheck.gui.report_export")

    def write(
        report: Mapping[str, Any],
        path: Path,
        *,
        translate: Translate = english,
        language: str = "en",
    ) -> None:
        export.write_pdf_headless(report, path, translate=translate, language=language)

    return write


def load_translation(language: str) -> Translate:
    """The reports' words in ``language`` for `callcheck test --language` (the desktop app's
    compiled translations, read with Qt like the PDF). English needs nothing. Raises
    ImportError where Qt for Python is not installed, LookupError for a language CallCheck is
    not translated into."""
    if language.replace("-", "_").split("_")[0].lower() == "en":
        return english
    i18n = importlib.import_module("callcheck.gui.i18n")
    translate: Translate | None = i18n.file_translation(language)
    if translate is None:
        shipped = ", ".join(["en", *i18n.shipped_languages()])
        raise LookupError(f"CallCheck is not translated into {language!r} (it speaks {shipped})")
    return translate


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the GUI or the command line; returns the process exit code."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["gui"] and not any(a in HELP_FLAGS for a in args[1:]):
        try:
            gui_app = importlib.import_module("callcheck.gui.app")
        except ImportError as exc:  # PySide6 missing in a CLI-only install
            print(f"callcheck: the desktop app is not available: {exc}", file=sys.stderr)
            return 3
        code: int = gui_app.run_gui(args[1:])
        return code
    from callcheck.cli.main import main as cli_main

    try:
        return cli_main(args, pdf_loader=load_pdf_writer, translation_loader=load_translation)
    except BrokenPipeError:
        # The reader went away (e.g. `callcheck devices --json | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
