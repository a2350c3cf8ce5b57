"""`--report FILE`: the report file of `callcheck test` and `callcheck room`, checked before the
call and written after it.

Issue 16: an unwritable path used to fail only after the whole test, with a temporary file's
name and an errno, and exit 0. Now the path is tried before the call starts (a usage error,
exit 2) and a report that still cannot be written at the end is a test that could not run
(exit 3). Messages name the path and say why in plain words, never an errno.

The PDF is the HTML report laid out by Qt (the desktop app's exporter). The command line may
not import Qt (DESIGN.md, Layers), so the composition root (:mod:`callcheck.launcher`) hands in
a :data:`PdfLoader`; where Qt for Python is not installed the loader raises ImportError and
``--report x.pdf`` is refused before the call, naming what is missing.

``--language de`` writes the report file (.html, .pdf, .txt) in that language (issue 16); the
JSON is the report itself and never translated. The translations are the desktop app's, read
with Qt: the launcher hands in a :data:`TranslationLoader` the same way.
"""

from __future__ import annotations

import errno
import json
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final, Protocol

from callcheck.core.phrase import Translate, english
from callcheck.core.report_html import render_html
from callcheck.core.report_text import summary_text
from callcheck.engine.reporting import write_text_atomically


class PdfWrite(Protocol):
    """Writes the report (its JSON dict) as a PDF file, in the language of ``translate``;
    raises OSError when it cannot."""

    def __call__(
        self,
        report: Mapping[str, Any],
        path: Path,
        *,
        translate: Translate = ...,
        language: str = ...,
    ) -> None: ...


#: Returns the PDF writer; raises ImportError when Qt for Python is not installed.
PdfLoader = Callable[[], PdfWrite]
#: The reports' words in a language (``de``); raises ImportError without Qt for Python and
#: LookupError for a language CallCheck is not translated into.
TranslationLoader = Callable[[str], Translate]

REPORT_FORMATS: Final = (".json", ".html", ".txt", ".pdf")
PDF_MISSING: Final = (
    "writing a PDF report needs Qt for Python (the PySide6 package of the desktop app), which "
    "is not installed here ({missing}); write a .html report and print it to PDF, or install "
    "CallCheck with its desktop app"
)


class ReportFileError(ValueError):
    """The report file cannot be written; the message is for the user (no errno)."""


def reason(exc: OSError) -> str:
    """Why a file could not be written, in plain words."""
    if isinstance(exc, PermissionError):
        return "you have no permission to write there"
    if isinstance(exc, IsADirectoryError):
        return "it is a folder"
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        return "part of its folder path is a file, not a folder"
    if isinstance(exc, FileNotFoundError):
        return "its folder does not exist and cannot be created"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return "the system refused to write it"


def pdf_writer(loader: PdfLoader | None) -> PdfWrite:
    """The PDF writer from the launcher's loader; raises :class:`ReportFileError`."""
    if loader is None:
        raise ReportFileError(PDF_MISSING.format(missing="no PDF writer in this program"))
    try:
        return loader()
    except ImportError as exc:
        missing = f"cannot load {exc.name}" if exc.name else str(exc)
        raise ReportFileError(PDF_MISSING.format(missing=missing)) from None


def check_report_path(path: Path, pdf_loader: PdfLoader | None) -> None:
    """Refuse, before the call, a report path that cannot be written.

    Tried for real — a temporary file created and removed in the report's folder (made if
    missing) — because permission bits do not tell (a root user, read-only mounts, ACLs).
    Raises :class:`ReportFileError`.
    """
    if path.suffix.lower() not in REPORT_FORMATS:
        raise ReportFileError("--report writes a .json, .html, .txt or .pdf file")
    if path.suffix.lower() == ".pdf":
        pdf_writer(pdf_loader)
    target = path.expanduser()
    if target.is_dir():
        raise ReportFileError(f"cannot write the report to {path}: it is a folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=target.parent):
            pass
    except OSError as exc:
        raise ReportFileError(f"cannot write the report to {path}: {reason(exc)}") from None


def report_language(language: str | None, loader: TranslationLoader | None) -> Translate:
    """The translation ``--language`` asks for (English without it); raises
    :class:`ReportFileError` before the call when it cannot be had."""
    if not language:
        return english
    if loader is None:
        raise ReportFileError("--language: this program has no translations")
    try:
        return loader(language)
    except ImportError as exc:
        missing = f"cannot load {exc.name}" if exc.name else str(exc)
        raise ReportFileError(
            f"--language needs the desktop app's translations (Qt for Python: {missing})"
        ) from None
    except LookupError as exc:
        raise ReportFileError(f"--language: {exc.args[0] if exc.args else exc}") from None


def render_report(
    data: Mapping[str, Any],
    suffix: str,
    translate: Translate = english,
    language: str = "en",
) -> str:
    """The report as text in the format its file name asks for (not PDF); its words in the
    language of ``translate`` (the JSON never)."""
    suffix = suffix.lower()
    if suffix == ".html":
        return render_html(data, translate=translate, language=language)
    if suffix == ".txt":
        return summary_text(data, translate) + "\n"
    return json.dumps(data, indent=2) + "\n"


def write_report(
    data: Mapping[str, Any],
    path: Path,
    pdf_loader: PdfLoader | None,
    translate: Translate = english,
    language: str = "en",
) -> None:
    """Write the report file; raises :class:`ReportFileError` with a plain message."""
    try:
        if path.suffix.lower() == ".pdf":
            pdf_writer(pdf_loader)(data, path.expanduser(), translate=translate, language=language)
        else:
            write_text_atomically(path, render_report(data, path.suffix, translate, language))
    except OSError as exc:
        raise ReportFileError(f"could not write the report to {path}: {reason(exc)}") from None
