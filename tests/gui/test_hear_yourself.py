""" "Hear yourself" (issue 16) from the Devices and Results screens, offscreen: the button runs a
real echo call on the engine thread (the built-in signal: the GUI tests' CALLCHECK_NO_AUDIO_DEVICE)
and the screen says how the voice came back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from callcheck.engine.audio_io import SyntheticAudioBackend
from callcheck.gui import app as app_module
from callcheck.gui.app import MainWindow
from callcheck.gui.bridge import EchoOutcome
from callcheck.gui.settings import AppSettings, SettingsStore

pytestmark = pytest.mark.gui

REPORT_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "report-v1-loopback.json"
#: Short recordings keep the suite lean; the engine tests check the audio itself.
SECONDS = 1.5
ECHO_TIMEOUT_MS = 20_000


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(app_module, "ECHO_SECONDS", SECONDS)
    store = SettingsStore(tmp_path / "settings.ini")
    store.save(AppSettings())
    win = MainWindow(store=store, device_backend=SyntheticAudioBackend)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.bridge.shutdown()
    win.historyStore.close()


def _run_echo(window: MainWindow, qtbot: QtBot, button: QPushButton) -> EchoOutcome:
    with qtbot.waitSignal(window.bridge.echoFinished, timeout=ECHO_TIMEOUT_MS) as done:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert not button.isEnabled(), "the button is off while the echo runs"
    outcome = done.args[0]
    assert isinstance(outcome, EchoOutcome)
    assert outcome.error == ""
    assert outcome.heard_delay_ms is not None
    assert 0 < outcome.heard_delay_ms < 500
    assert outcome.similarity is not None
    assert outcome.similarity > 0.5
    return outcome


def test_the_devices_screen_button_runs_the_echo(window: MainWindow, qtbot: QtBot) -> None:
    window.navActions["devices"].trigger()
    screen = window.devicesScreen()
    outcome = _run_echo(window, qtbot, screen.echoButton)
    assert "how the other side hears you" in screen.echoStatus.text()
    assert f"{outcome.heard_delay_ms:.0f} ms" in screen.echoStatus.text()
    assert screen.echoButton.isEnabled()


def test_the_results_screen_button_runs_the_echo(window: MainWindow, qtbot: QtBot) -> None:
    results = window.resultsScreen()
    results.show_report(json.loads(REPORT_FIXTURE.read_text()))
    window.stack.setCurrentWidget(results)
    assert not results.echoStatus.isVisible()
    _run_echo(window, qtbot, results.echoButton)
    assert results.echoStatus.isVisible()
    assert "how the other side hears you" in results.echoStatus.text()
    assert results.echoButton.isEnabled()
