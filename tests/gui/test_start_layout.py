"""The Start screen at the two window sizes users have (1024 × 640 and 1366 × 768): no label's
text is clipped, whichever test type is selected (issue 16: the network test's description
was cut top and bottom). Also: Tab reaches the top navigation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel, QRadioButton, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from callcheck.engine.audio_io import SyntheticAudioBackend
from callcheck.gui import texts
from callcheck.gui.app import MainWindow
from callcheck.gui.history_store import HistoryStore
from callcheck.gui.settings import AppSettings, SettingsStore

SIZES = [QSize(1024, 640), QSize(1366, 768)]


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace("&amp;", "&").replace("&", "")


def text_fits(widget: QLabel | QRadioButton) -> tuple[bool, str]:
    """Whether the widget's text, laid out as Qt lays it out, fits the space it was given."""
    metrics = widget.fontMetrics()
    if isinstance(widget, QLabel):
        rect = widget.contentsRect()
        margin = widget.margin()
        rect = rect.adjusted(margin, margin, -margin, -margin)
        flags = Qt.TextFlag.TextWordWrap if widget.wordWrap() else Qt.TextFlag(0)
        needed = metrics.boundingRect(
            QRect(0, 0, rect.width(), 10_000), int(flags), _plain(widget.text())
        )
    else:
        # A radio button: indicator + spacing + text on one line.
        rect = widget.rect()
        needed = metrics.boundingRect(_plain(widget.text()))
        needed.setWidth(needed.width() + 24)
    fits = needed.height() <= rect.height() and needed.width() <= rect.width()
    return fits, f"needs {needed.width()}×{needed.height()}, has {rect.width()}×{rect.height()}"


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> MainWindow:
    store = SettingsStore(tmp_path / "s.ini")
    store.save(AppSettings(server_url="https://callcheck-reflector.example.com:8443"))
    win = MainWindow(
        store=store,
        history=HistoryStore(data_dir / "history.sqlite3"),
        device_backend=SyntheticAudioBackend,
    )
    qtbot.addWidget(win)
    return win


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("mode", ["loopback", "server", "peer"])
def test_no_start_text_is_clipped(qtbot: QtBot, window: MainWindow, size: QSize, mode: str) -> None:
    window.resize(size)
    window.show()
    qtbot.waitExposed(window)
    window.start.selectMode(mode)  # type: ignore[arg-type]
    assert window.start.selectedMode() == mode
    QApplication.processEvents()
    checked = 0
    for widget in window.start.findChildren(QLabel) + window.start.findChildren(QRadioButton):
        if not widget.isVisible() or not _plain(widget.text()).strip():
            continue
        fits, how = text_fits(widget)
        assert fits, (mode, widget.objectName() or _plain(widget.text())[:40], how)
        checked += 1
    assert checked >= 6
    window.bridge.shutdown()
    window.historyStore.close()


def test_the_reason_start_is_off_is_not_clipped(qtbot: QtBot, window: MainWindow) -> None:
    """While "Hear yourself" holds the devices (issue 16), at the small size, with the tallest
    test type chosen."""
    window.resize(SIZES[0])
    window.show()
    qtbot.waitExposed(window)
    window.start.selectMode("peer")
    window.start.setBlocked(texts.ECHO_BLOCKS_START)
    QApplication.processEvents()
    assert not window.start.startButton.isEnabled()
    assert window.start.blocked.isVisible()
    for widget in window.start.findChildren(QLabel) + window.start.findChildren(QRadioButton):
        if widget.isVisible() and _plain(widget.text()).strip():
            fits, how = text_fits(widget)
            assert fits, (widget.objectName() or _plain(widget.text())[:40], how)
    window.start.setBlocked("")
    assert window.start.startButton.isEnabled()
    assert not window.start.blocked.isVisible()
    window.bridge.shutdown()
    window.historyStore.close()


def test_tab_reaches_the_top_navigation(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.start.startButton.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.start.startButton)
    reached: list[QWidget] = []
    for _ in range(30):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    nav = [w for w in reached if isinstance(w, QToolButton) and w.parent() is window._nav]
    assert nav, [w.objectName() or type(w).__name__ for w in reached]
    window.bridge.shutdown()
    window.historyStore.close()
