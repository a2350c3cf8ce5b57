"""The desktop app driven like a user: Start → Live test → Results, cancel, errors, settings."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from callcheck.core.grades import format_mos
from callcheck.engine.audio_io import SyntheticAudioBackend
from callcheck.engine.loop import THREAD_NAME
from callcheck.gui import texts
from callcheck.gui.app import MainWindow
from callcheck.gui.bridge import TestOutcome
from callcheck.gui.history_store import HistoryStore
from callcheck.gui.settings import AppSettings, SettingsStore

pytestmark = pytest.mark.gui

TEST_S = 5.0


def _engine_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == THREAD_NAME and t.is_alive()]


@pytest.fixture
def store(tmp_path: Path) -> SettingsStore:
    store = SettingsStore(tmp_path / "settings.ini")
    store.save(AppSettings(duration_s=TEST_S))
    return store


def _open_window(qtbot: QtBot, store: SettingsStore, data_dir: Path) -> MainWindow:
    win = MainWindow(
        store=store,
        history=HistoryStore(data_dir / "history.sqlite3"),
        device_backend=SyntheticAudioBackend,
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot: QtBot, store: SettingsStore, data_dir: Path) -> Iterator[MainWindow]:
    win = _open_window(qtbot, store, data_dir)
    yield win
    win.bridge.shutdown()
    win.historyStore.close()


def _shot(window: MainWindow, directory: Path, name: str) -> None:
    assert window.grab().save(str(directory / f"app-{name}.png"))


def test_start_screen_has_one_obvious_button(window: MainWindow, screenshot_dir: Path) -> None:
    assert window.stack.currentWidget() is window.start
    button = window.start.startButton
    assert button.isVisible()
    assert button.isEnabled()
    assert button.text().replace("&", "") == "Test my call quality"
    assert button.accessibleName() == "Test my call quality"
    assert button.isDefault()
    assert window.start.selectedMode() == "loopback"
    _shot(window, screenshot_dir, "start")


def test_a_loopback_test_through_the_ui(
    window: MainWindow, qtbot: QtBot, screenshot_dir: Path, store: SettingsStore, data_dir: Path
) -> None:
    with qtbot.waitSignal(window.bridge.finished, timeout=int(TEST_S * 1000) + 20_000) as done:
        qtbot.mouseClick(window.start.startButton, Qt.MouseButton.LeftButton)
        live = window.liveScreen()
        assert window.stack.currentWidget() is live
        qtbot.waitUntil(lambda: live.gauge.hasValue(), timeout=15_000)
        qtbot.wait(1500)
        _shot(window, screenshot_dir, "live")
    outcome: TestOutcome = done.args[0]
    report_mos = outcome.report.to_json()["verdict"]["mos"]
    results = window.resultsScreen()
    assert window.stack.currentWidget() is results
    assert results.gauge.value == pytest.approx(report_mos)
    # The one MOS formatter: the verdict prints what the gauge prints.
    assert f"MOS {texts.mos_text(report_mos)}" in results.verdict.text()
    assert len(live.mos.t) >= 4 * (TEST_S - 1)  # ≥ 4 snapshots a second reached the charts
    # What the listener heard: both directions of the loopback scored after the call (at once,
    # in two threads), and the Results screen shows the report's figure beside the prediction.
    heard = outcome.report.to_json()["quality"]["heard"]
    assert [d["direction"] for d in heard["directions"]] == ["downlink", "uplink"], heard
    assert all(d["available"] and d["segments"] >= 1 for d in heard["directions"]), heard
    assert results.heardValue.text() == f"{format_mos(heard['mos'])} (MOS-LQO)"
    # The gauge, the Results screen and the stored history entry all carry the report's MOS.
    assert live.gauge.hasValue()
    assert results.gauge.value == pytest.approx(report_mos)
    [entry] = window.historyStore.entries()
    assert entry.mos == pytest.approx(report_mos)
    assert entry.report_id == outcome.report.id
    # The engine's report, plus what only the app knows for the helpdesk: the devices.
    stored = window.historyStore.report(entry.row_id)
    expected = outcome.report.to_json()
    expected["environment"]["devices"] = {"input": "system default", "output": "system default"}
    assert stored == expected
    _shot(window, screenshot_dir, "results")

    # History survives a restart: a new window on the same data directory lists the test.
    window.close()
    again = _open_window(qtbot, store, data_dir)
    try:
        again.navActions["history"].trigger()
        assert again.stack.currentWidget() is again.history
        [listed] = again.history.entries()
        assert listed.mos == pytest.approx(report_mos)
        assert again.history.table.item(0, 3).text() == texts.mos_text(report_mos)
        again.history.open_selected()
        assert again.stack.currentWidget() is again.resultsScreen()
        assert again.resultsScreen().gauge.value == pytest.approx(report_mos)
    finally:
        again.bridge.shutdown()
        again.historyStore.close()


def test_enter_starts_the_test_and_escape_cancels_it(window: MainWindow, qtbot: QtBot) -> None:
    window.settings = AppSettings(duration_s=60.0)
    window.start.startButton.setFocus()
    qtbot.keyClick(window.start, Qt.Key.Key_Return)
    live = window.liveScreen()
    assert window.stack.currentWidget() is live
    assert window.bridge.isRunning()
    qtbot.waitSignal(window.bridge.snapshot, timeout=15_000).wait()
    with qtbot.waitSignal(window.bridge.cancelled, timeout=3000):
        qtbot.keyClick(live.cancelButton, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.start


def test_keyboard_reaches_every_screen(window: MainWindow, qtbot: QtBot) -> None:
    for key, screen in (
        ("devices", lambda: window.devicesScreen()),
        ("history", lambda: window.history),
        ("settings", lambda: window.settingsScreen),
        ("home", lambda: window.start),
    ):
        action = window.navActions[key]
        assert not action.shortcut().isEmpty()
        action.trigger()
        assert window.stack.currentWidget() is screen()
    # The Start screen's tab order: the green button, then the test choice, then devices.
    assert window.start.startButton.nextInFocusChain() is not None
    assert window.minimumSize().width() >= 720


def test_cancel_stops_the_test_within_a_second(window: MainWindow, qtbot: QtBot) -> None:
    window.settings = AppSettings(duration_s=60.0)
    window.start_test("loopback")
    qtbot.waitSignal(window.bridge.snapshot, timeout=15_000).wait()
    started = time.perf_counter()
    with qtbot.waitSignal(window.bridge.cancelled, timeout=3000):
        qtbot.mouseClick(window.liveScreen().cancelButton, Qt.MouseButton.LeftButton)
    assert time.perf_counter() - started < 1.0
    assert window.stack.currentWidget() is window.start
    assert not window.bridge.isRunning()


def test_a_network_test_without_a_server_shows_the_error_screen(
    window: MainWindow, qtbot: QtBot, screenshot_dir: Path
) -> None:
    window.start_test("server")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.error, timeout=2000)
    assert "No test server is set up" in window.error.message.text()
    assert "Settings" in window.error.advice.text()
    assert window.error.settingsButton.isVisibleTo(window.error)
    _shot(window, screenshot_dir, "error")


def test_closing_the_window_stops_the_engine(window: MainWindow, qtbot: QtBot) -> None:
    window.settings = AppSettings(duration_s=60.0)
    window.start_test("loopback")
    qtbot.waitSignal(window.bridge.snapshot, timeout=15_000).wait()
    window.close()
    assert not _engine_threads()


def test_settings_are_saved_and_read_back(
    window: MainWindow, store: SettingsStore, screenshot_dir: Path, qtbot: QtBot
) -> None:
    window._show(window.settingsScreen)
    screen = window.settingsScreen
    screen.duration.setValue(30)
    screen.codec.setCurrentIndex(screen.codec.findData("g722"))
    screen.ice.setPlainText("stun:stun.example.net:3478\n")
    screen.saveButton.click()
    screen.theme.setCurrentIndex(screen.theme.findData("dark"))
    screen.serverUrl.setText("https://reflector.example.net")
    screen.saveButton.click()
    assert store.load() == AppSettings(
        30.0,
        "g722",
        ("stun:stun.example.net:3478",),
        theme="dark",
        server_url="https://reflector.example.net",
    )
    from callcheck.gui.theme import is_dark

    qtbot.waitUntil(lambda: is_dark(window.palette()), timeout=2000)
    assert "30" in window.start.hint.text()
    _shot(window, screenshot_dir, "settings")


@pytest.mark.parametrize(
    "content",
    ["[test]\nduration_s=banana\n", "[test]\nduration_s=20\ncodec=mp3\n"],
    ids=["bad-number", "unknown-codec"],
)
def test_damaged_settings_are_reported_and_replaced_by_defaults(
    tmp_path: Path, content: str
) -> None:
    path = tmp_path / "settings.ini"
    path.write_text(content)
    store = SettingsStore(path)
    assert store.load() == AppSettings()
    assert store.problem is not None
    assert "defaults" in store.problem
    assert (tmp_path / "settings.damaged.ini").read_text() == content
