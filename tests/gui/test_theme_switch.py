"""A runtime light/dark switch repaints every text readably (issue 16): headings and the
verdict were left black on dark until a restart. Measured on the rendered pixels: WCAG 2.x
contrast ratio of the text's colour against its background ≥ 4.5:1 (WCAG 1.4.3, AA)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLabel, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from callcheck.engine.audio_io import SyntheticAudioBackend
from callcheck.gui.app import MainWindow
from callcheck.gui.history_store import HistoryStore
from callcheck.gui.settings import SettingsStore
from callcheck.gui.theme import apply_theme

MIN_CONTRAST = 4.5


def _rgb(widget: QWidget) -> np.ndarray:
    # Cut from the window's rendering, as the user sees it: a label's own grab() paints its
    # own (possibly stale) palette behind it and would hide the defect.
    window = widget.window()
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()) & window.rect()
    image = window.grab(rect).toImage().convertToFormat(QImage.Format.Format_RGB32)
    w, h = image.width(), image.height()
    bgra = np.array(image.constBits(), dtype=np.uint8).reshape(h, image.bytesPerLine() // 4, 4)
    return bgra[:, :w, [2, 1, 0]].astype(np.float64) / 255.0


def _luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG 2.x relative luminance of sRGB pixels (values 0–1)."""
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return np.asarray(linear @ np.array([0.2126, 0.7152, 0.0722]))


def text_contrast(widget: QWidget) -> float:
    """Contrast of the drawn text against the widget's background: the background is the
    most common luminance, the text the pixel farthest from it (a glyph's solid core)."""
    lum = _luminance(_rgb(widget)).ravel()
    values, counts = np.unique(np.round(lum, 3), return_counts=True)
    background = float(values[np.argmax(counts)])
    text = float(lum[np.argmax(np.abs(lum - background))])
    light, dark = max(background, text), min(background, text)
    return (light + 0.05) / (dark + 0.05)


def _texts(window: MainWindow) -> list[QWidget]:
    shown = window.stack.currentWidget()
    return [
        w
        for w in shown.findChildren(QLabel) + shown.findChildren(QRadioButton)
        if w.isVisible()
        and w.isEnabled()
        and w.text().strip()
        and w.width() > 20
        # On screen: a label scrolled out of the results' view is not seen.
        and (QRect(w.mapTo(window, QPoint(0, 0)), w.size()) & window.rect()).height() > 8
    ]


@pytest.mark.parametrize(("first", "second"), [("light", "dark"), ("dark", "light")])
def test_text_stays_readable_after_a_runtime_switch(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, make_report: Any, first: str, second: str
) -> None:
    apply_theme(first)
    window = MainWindow(
        store=SettingsStore(tmp_path / "s.ini"),
        history=HistoryStore(data_dir / "history.sqlite3"),
        device_backend=SyntheticAudioBackend,
    )
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    try:
        # Both screens exist, with their texts set, before the switch.
        results = window.resultsScreen()
        results.show_report(make_report(3.4, "2025-03-01T10:00:00+00:00"))
        apply_theme(second)
        checked = []
        for screen in (window.start, results):
            window.stack.setCurrentWidget(screen)
            qtbot.wait(10)  # one event-loop turn: the repaint
            for widget in _texts(window):
                contrast = text_contrast(widget)
                name = widget.objectName() or widget.text()[:30]
                assert contrast >= MIN_CONTRAST, (second, name, round(contrast, 2))
                checked.append(name)
        assert "startTitle" in checked
        assert "verdict" in checked
    finally:
        window.bridge.shutdown()
        window.historyStore.close()


@pytest.mark.parametrize("control", [QRadioButton, QCheckBox])
@pytest.mark.parametrize("checked", [False, True])
def test_an_option_shows_in_dark_mode(
    qtbot: QtBot, control: type[QAbstractButton], checked: bool
) -> None:
    """WCAG 2.1 §1.4.11 (non-text contrast): a control's outline ≥ 3:1 against its
    background. The unselected indicator of a radio button (and of "Share with helpdesk", a
    check box) was barely visible on the dark window."""
    apply_theme("dark")
    box = QWidget()
    qtbot.addWidget(box)
    box.setAutoFillBackground(True)
    box.resize(240, 40)
    radio = control("Network test", box)
    radio.move(8, 8)
    radio.setChecked(checked)
    box.show()
    qtbot.waitExposed(box)
    window = box.window()
    indicator = QRect(radio.mapTo(window, QPoint(0, 0)), QSize(20, radio.height()))
    image = window.grab(indicator).toImage().convertToFormat(QImage.Format.Format_RGB32)
    w, h = image.width(), image.height()
    bgra = np.array(image.constBits(), dtype=np.uint8).reshape(h, image.bytesPerLine() // 4, 4)
    lum = _luminance(bgra[:, :w, [2, 1, 0]].astype(np.float64) / 255.0)
    background = float(_luminance(np.array([[0x20, 0x21, 0x24]]) / 255.0)[0])  # the window
    brightest = float(lum.max())
    assert (brightest + 0.05) / (background + 0.05) >= 3.0
