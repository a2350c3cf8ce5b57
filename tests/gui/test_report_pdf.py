"""The PDF is the HTML report (one layout) with its gauge, charts, advice and helpdesk facts.

Rendered by Qt offscreen, then rasterised by poppler's ``pdftoppm`` (an independent reader)
and searched for the gauge's band colours; its text is read back with ``pdftotext``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from callcheck.core.report_html import GRADE_COLOURS
from callcheck.gui.report_export import export_report

FIXTURE = Path(__file__).parents[1] / "fixtures" / "report-v1-loopback.json"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils is not installed (apt-get install poppler-utils)",
)


def _pixels(png: Path) -> np.ndarray:
    """A page as an (height, width, 3) RGB array; PNG decoded by Qt."""
    image = QImage(str(png)).convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    bgra = np.array(image.constBits(), dtype=np.uint8).reshape(height, width, 4)
    return bgra[:, :, [2, 1, 0]]  # Format_RGB32 is 0xffRRGGBB: B, G, R, A in memory


def _has_colour(pixels: np.ndarray, hex_colour: str, min_count: int, tolerance: int = 12) -> bool:
    rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.int16)
    close = np.abs(pixels.astype(np.int16) - rgb).max(axis=2) <= tolerance
    return int(close.sum()) >= min_count


@needs_poppler
def test_pdf_has_gauge_advice_and_helpdesk_block(tmp_path: Path, qtbot: QtBot) -> None:
    del qtbot  # the QApplication
    report: dict[str, Any] = json.loads(FIXTURE.read_text())
    pdf = tmp_path / "report.pdf"
    assert export_report(report, pdf) == "pdf"
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert pages
    first = _pixels(pages[0])
    # The gauge: every grade band's colour is on the first page (the red "Bad" band and the
    # green "Excellent" band are only in the gauge there; the charts start later).
    top = first[: first.shape[0] // 2]
    for grade in ("Bad", "Poor", "Fair", "Good", "Excellent"):
        assert _has_colour(top, GRADE_COLOURS[grade], 30), grade
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    for expected in (
        "MOS 4.0",  # the gauge's figure, the one formatter's
        "What to do",
        report["recommendations"]["actions"][0]["text"][:30],  # the advice
        "For the helpdesk",
        "Microphone",
        "During the test",
    ):
        assert expected in text, expected
    # No table header breaks mid-word: the page has no snake_case field names to break.
    assert "_ms" not in text
    assert "_pct" not in text
    # The charts are images on a later page.
    later = np.concatenate([_pixels(p) for p in pages[1:]], axis=0)
    # Thin anti-aliased lines at 50 dpi: a looser colour match.
    assert _has_colour(later, "#3778c2", 50, tolerance=40)  # the round-trip line
    assert _has_colour(later, "#8e44ad", 50, tolerance=40)  # the jitter line
