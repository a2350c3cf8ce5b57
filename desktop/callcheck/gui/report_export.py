"""Writing a report to a file: JSON, HTML (the core's page) or PDF (Qt's own PDF writer).

The format follows the file name's suffix. All three come from the report's JSON dict, so a
saved file says what the Results screen says.

The PDF is a simple print layout rendered by :class:`QTextDocument` into a :class:`QPdfWriter`:
QTextDocument understands a subset of HTML 4 and no SVG, so the HTML report's inline charts
would not survive; the PDF has the verdict, the three numbers, why, what to do and the codecs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any, Final, Literal

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from callcheck.core.advice import action_text
from callcheck.core.report import upgrade
from callcheck.core.report_html import inputs_table, render_html
from callcheck.core.report_text import key_numbers
from callcheck.core.result_phrases import verdict_summary, why_phrases
from callcheck.gui import texts

ReportFormat = Literal["json", "html", "pdf"]
SUFFIXES: Final[dict[str, ReportFormat]] = {
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
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
            path.write_text(render_html(data), encoding="utf-8")
        else:
            write_pdf(data, path)
    except OSError as exc:
        raise ExportError(texts.RESULTS_SAVE_FAILED.format(path=path, error=exc)) from exc
    return fmt


def print_document(report: Mapping[str, Any]) -> QTextDocument:
    """The report laid out for print (also used to preview the PDF)."""
    document = QTextDocument()
    document.setDefaultStyleSheet(PRINT_CSS)
    document.setHtml(print_html(upgrade(report)))
    return document


def write_pdf(report: Mapping[str, Any], path: Path) -> None:
    """Render the print layout of ``report`` to a PDF file (A4)."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION_DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(
        QMarginsF(PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )
    writer.setTitle(texts.PDF_TITLE.format(id=report.get("id", "")))
    writer.setCreator(texts.APP_NAME)
    document = print_document(report)
    document.print_(writer)
    if not path.exists():
        raise OSError(f"Qt did not write {path}")


PRINT_CSS: Final = """
body { font-family: 'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif; font-size: 10pt; }
h1 { font-size: 18pt; margin-bottom: 2pt; }
h2 { font-size: 13pt; margin-top: 14pt; border-bottom: 1px solid #999; }
.muted { color: #555; }
.grade { font-size: 16pt; font-weight: bold; }
td, th { padding: 3pt 6pt; }
th { background: #e8e8e8; text-align: left; }
"""


def why_html(quality: Mapping[str, Any]) -> str:
    """The "why this score" items in the user's language, as HTML list items."""
    return "".join(f"<li>{escape(p.render(texts.translate))}</li>" for p in why_phrases(quality))


def print_html(data: Mapping[str, Any]) -> str:
    """The print layout as the HTML subset QTextDocument renders."""
    verdict = data.get("verdict") or {}
    quality = data.get("quality") or {}
    recs = data.get("recommendations") or {}
    numbers = key_numbers(data)
    grade = texts.grade_word(verdict.get("grade"))
    passed = texts.RESULTS_PASSED if verdict.get("passed") else texts.RESULTS_FAILED
    parts = [
        f"<h1>{escape(texts.PDF_HEADING)}</h1>",
        "<p class='muted'>"
        + escape(
            texts.PDF_META.format(
                id=data.get("id", ""),
                date=data.get("started_at", ""),
                mode=texts.MODE_SHORT.get(str(data.get("mode")), str(data.get("mode"))),
                codec=data.get("codec", ""),
                seconds=float(data.get("duration_s") or 0.0),
            )
        )
        + "</p>",
        f"<p class='grade'>{escape(grade)}</p>",
        f"<p>{escape(verdict_summary(data, texts.translate))}</p>",
        f"<p><b>{escape(passed)}</b></p>",
        f"<h2>{escape(texts.RESULTS_NUMBERS)}</h2>",
        "<table border='1' cellspacing='0'>",
    ]
    for label, value, unit, digits in (
        (texts.RESULTS_RTT, numbers["rtt_ms"], texts.UNIT_MS, 0),
        (texts.RESULTS_JITTER, numbers["jitter_ms"], texts.UNIT_MS, 1),
        (texts.RESULTS_LOSS, numbers["loss_pct"], texts.UNIT_PERCENT, 1),
    ):
        parts.append(
            f"<tr><td>{escape(label)}</td><td>{escape(texts.figure(value, unit, digits))}</td></tr>"
        )
    parts.append("</table>")
    parts.append(f"<h2>{escape(texts.RESULTS_WHY)}</h2>")
    if quality:
        parts.append("<ul>" + why_html(quality) + "</ul>")
        table = inputs_table(quality)
        if table:
            parts.append(table.replace("<table ", "<table border='1' cellspacing='0' ", 1))
    else:
        parts.append(f"<p>{escape(texts.NO_SCORE)}</p>")
    actions = [a for a in recs.get("actions") or [] if isinstance(a, Mapping)]
    if actions:
        parts.append(f"<h2>{escape(texts.RESULTS_ACTIONS)}</h2><ol>")
        parts += [f"<li>{escape(action_text(a, texts.translate))}</li>" for a in actions]
        parts.append("</ol>")
    codecs = [c for c in recs.get("codecs") or [] if isinstance(c, Mapping)]
    if codecs:
        parts.append(f"<h2>{escape(texts.RESULTS_RECOMMENDATIONS)}</h2>")
        parts.append("<table border='1' cellspacing='0'><tr>")
        parts += [f"<th>{escape(h)}</th>" for h in texts.CODEC_TABLE_HEADERS]
        parts.append("</tr>")
        for c in codecs[:6]:
            mos = c.get("predicted_mos")
            kbps = c.get("bandwidth_kbps")
            bandwidth = "" if kbps is None else texts.figure(float(kbps), texts.UNIT_KBPS)
            parts.append(
                f"<tr><td>{escape(str(c.get('rank', '')))}</td>"
                f"<td>{escape(str(c.get('name') or c.get('codec')))}</td>"
                f"<td>{'' if mos is None else f'{float(mos):.2f}'}</td>"
                f"<td>{escape(bandwidth)}</td></tr>"
            )
        parts.append("</table>")
    errors = [e for e in data.get("errors") or [] if isinstance(e, Mapping)]
    if errors:
        parts.append(f"<h2>{escape(texts.PDF_ERRORS)}</h2><ul>")
        parts += [f"<li>{escape(str(e.get('message', '')))}</li>" for e in errors]
        parts.append("</ul>")
    return "<html><body>" + "".join(parts) + "</body></html>"
