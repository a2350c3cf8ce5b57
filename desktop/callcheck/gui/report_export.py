"""Writing a report to a file: JSON, HTML (the core's page), PDF or text.

The format follows the file name's suffix. All come from the report's JSON dict, so a saved
file says what the Results screen says.

One report, three faces (issue 16): the PDF is the HTML page itself, laid out by
:class:`QTextDocument` into a :class:`QPdfWriter` — not a second layout. QTextDocument draws
no SVG, so the page is rendered with ``inline_svg=False`` and the gauge and charts
(:func:`callcheck.core.report_html.report_images`) are rasterised here with
:class:`QSvgRenderer` and handed to the document as image resources. The text is the helpdesk
summary (:func:`callcheck.core.report_text.summary_text`).

HTML, PDF and text come out in the app's language (issue 16; :func:`callcheck.gui.i18n`); the
JSON is the report itself, a contract: never translated.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any, Final, Literal

from PySide6.QtCore import QByteArray, QMarginsF, QRectF, QSize, QStandardPaths, Qt, QUrl
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer

from callcheck.core.phrase import Translate, english
from callcheck.core.report import upgrade
from callcheck.core.report_html import IMAGE_SCHEME, render_html, report_images
from callcheck.core.report_text import summary_text
from callcheck.core.result_phrases import why_phrases
from callcheck.gui import texts
from callcheck.gui.i18n import current_language

ReportFormat = Literal["json", "html", "pdf", "txt"]
SUFFIXES: Final[dict[str, ReportFormat]] = {
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".txt": "txt",
}
#: Pixels per SVG unit of the rasterised pictures: sharp at print resolution.
IMAGE_SCALE: Final = 3.0
PDF_RESOLUTION_DPI: Final = 300
PDF_MARGIN_MM: Final = 15.0


class ExportError(Exception):
    """The report could not be written; the message is for the user."""


def format_for(path: Path) -> ReportFormat:
    """The format a file name asks for (JSON when the suffix is unknown)."""
    return SUFFIXES.get(path.suffix.lower(), "json")


def default_file_name(report: Mapping[str, Any], fmt: ReportFormat = "json") -> str:
    """``callcheck-<id>.<fmt>``."""
    return f"callcheck-{report.get('id', 'report')}.{fmt}"


def default_directory() -> Path:
    """Where Save/Export start: the user's Documents folder, else the home folder — never the
    folder the app happened to start in."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def save_dialog_defaults(report: Mapping[str, Any]) -> tuple[str, str, str]:
    """What Save/Export dialogs start with: the suggested path (in :func:`default_directory`,
    a PDF), the file-type filters, and the filter selected (PDF)."""
    filters = texts.RESULTS_SAVE_FILTERS
    fmt: ReportFormat = "pdf"
    path = default_directory() / default_file_name(report, fmt)
    return str(path), ";;".join(filters.values()), filters[fmt]


def path_for_filter(path: Path, chosen_filter: str) -> Path:
    """Add the suffix of the file type chosen in a save dialog when the name has none."""
    if path.suffix:
        return path
    for fmt, name in texts.RESULTS_SAVE_FILTERS.items():
        if name == chosen_filter:
            return path.with_suffix(f".{fmt}")
    return path.with_suffix(".json")


def export_report(report: Mapping[str, Any], path: Path) -> ReportFormat:
    """Write ``report`` to ``path`` in the format its suffix names; raises :class:`ExportError`."""
    fmt = format_for(path)
    data = upgrade(report)
    try:
        if fmt == "json":
            path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        elif fmt == "html":
            path.write_text(report_html(data), encoding="utf-8")
        elif fmt == "txt":
            path.write_text(summary_text(data, texts.translate), encoding="utf-8")
        else:
            write_pdf(data, path)
    except OSError as exc:
        raise ExportError(texts.RESULTS_SAVE_FAILED.format(path=path, error=exc)) from exc
    return fmt


def report_html(
    report: Mapping[str, Any],
    *,
    inline_svg: bool = True,
    translate: Translate | None = None,
    language: str | None = None,
) -> str:
    """The HTML report in the app's language (or in ``translate``'s, ``language``)."""
    return render_html(
        report,
        inline_svg=inline_svg,
        translate=translate or texts.translate,
        language=language or current_language(),
    )


def svg_image(svg: str) -> QImage:
    """An SVG document rasterised on white at :data:`IMAGE_SCALE` pixels per unit."""
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize()
    image = QImage(
        QSize(round(size.width() * IMAGE_SCALE), round(size.height() * IMAGE_SCALE)),
        QImage.Format.Format_ARGB32,
    )
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    return image


def print_document(
    report: Mapping[str, Any], *, translate: Translate | None = None, language: str | None = None
) -> QTextDocument:
    """The HTML report laid out for print, its gauge and charts as images (the PDF's page), in
    the app's language (or in ``translate``'s)."""
    data = upgrade(report)
    document = QTextDocument()
    document.setDefaultStyleSheet(PRINT_CSS)
    for name, svg in report_images(data, translate or texts.translate).items():
        document.addResource(
            QTextDocument.ResourceType.ImageResource,
            QUrl(f"{IMAGE_SCHEME}{name}"),
            svg_image(svg),
        )
    document.setHtml(print_html(data, translate=translate, language=language))
    return document


def write_pdf(
    report: Mapping[str, Any],
    path: Path,
    *,
    translate: Translate | None = None,
    language: str | None = None,
) -> None:
    """Render the print layout of ``report`` to a PDF file (A4), in the app's language (or in
    ``translate``'s: the command line's ``--language``)."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION_DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(
        QMarginsF(PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )
    writer.setTitle(texts.PDF_TITLE.format(id=report.get("id", "")))
    writer.setCreator(texts.APP_NAME)
    document = print_document(report, translate=translate, language=language)
    document.print_(writer)
    if not path.exists():
        raise OSError(f"Qt did not write {path}")


def write_pdf_headless(
    report: Mapping[str, Any],
    path: Path,
    *,
    translate: Translate | None = None,
    language: str | None = None,
) -> None:
    """:func:`write_pdf` for the command line (`callcheck test --report FILE.pdf`): the same
    page, from a process that has no Qt application and perhaps no display.

    Qt lays text out only inside a QGuiApplication; without a display (a server, a scheduled
    task) the offscreen platform plugin renders the same fonts. In English (the command line's
    language), or in ``translate``'s (``--language``). Raises OSError.
    """
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # Kept on the module: the application must outlive the document it lays out.
        global _HEADLESS_APP
        _HEADLESS_APP = QGuiApplication(["callcheck"])
    write_pdf(report, path, translate=translate or english, language=language or "en")


_HEADLESS_APP: QGuiApplication | None = None


PRINT_CSS: Final = """
body { font-family: 'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif; font-size: 9pt; }
h1 { font-size: 16pt; }
h2 { font-size: 12pt; margin-top: 16pt; margin-bottom: 6pt; }
h3 { font-size: 10pt; margin-top: 8pt; }
.muted { color: #555; }
.grade { font-size: 15pt; font-weight: bold; }
.meta { color: #555; }
td, th { padding: 2pt 4pt; }
th { background: #eeeeee; text-align: left; }
"""


def why_html(quality: Mapping[str, Any]) -> str:
    """The "why this score" items in the user's language, as HTML list items."""
    return "".join(f"<li>{escape(p.render(texts.translate))}</li>" for p in why_phrases(quality))


def print_html(
    data: Mapping[str, Any], *, translate: Translate | None = None, language: str | None = None
) -> str:
    """The HTML report as the PDF lays it out: the same page, pictures as image references,
    tables with cell borders (QTextDocument ignores the page's CSS borders)."""
    page = report_html(data, inline_svg=False, translate=translate, language=language)
    # The screen page's style sheet (flex cards, max-width) is for browsers; QTextDocument
    # reads a subset and laid the tables out at a fraction of the page. PRINT_CSS styles it.
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    # QTextDocument knows no <section>/<header>: as blocks they keep the gauge on its own line.
    for tag in ("section", "header", "footer"):
        page = page.replace(f"<{tag}", "<div").replace(f"</{tag}>", "</div>")
    return page.replace(
        "<table ", "<table border='1' cellspacing='0' cellpadding='4' width='100%' "
    )
