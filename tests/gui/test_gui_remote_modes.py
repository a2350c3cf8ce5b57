"""The network test and "Call a colleague" through the UI, against a real `callcheck serve`.

The server runs in this process on its own asyncio thread (``start_server`` on 127.0.0.1, an
ephemeral port, ICE on 127.0.0.1); the app's engine gathers on 127.0.0.1 for a server on this
machine, so the call is real WebRTC over loopback.
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from callcheck.engine.audio_io import SyntheticAudioBackend
from callcheck.engine.loop import EngineLoop
from callcheck.gui import texts
from callcheck.gui.app import MainWindow
from callcheck.gui.bridge import TestFailure, TestOutcome
from callcheck.gui.connectivity_view import check_statuses
from callcheck.gui.history_store import HistoryStore
from callcheck.gui.settings import AppSettings, SettingsStore
from callcheck.server.app import RunningServer, start_server
from callcheck.server.config import ServerConfig

pytestmark = pytest.mark.gui

TOKEN = "gui-token"
TEST_S = 3.0
LOOPBACK = "127.0.0.1"


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    """A real CallCheck server (reflector and rooms) for the module."""
    loop = EngineLoop(name="callcheck-test-server")
    loop.start()
    config = ServerConfig(
        host=LOOPBACK,
        port=0,
        token=TOKEN,
        ice_host_addresses=(LOOPBACK,),
        ice_connect_timeout_s=10.0,
        media_timeout_s=5.0,
        request_timeout_s=5.0,
    )
    server: RunningServer = loop.run(start_server(config), timeout_s=10)
    try:
        yield server.url
    finally:
        loop.run(server.stop(), timeout_s=10)
        loop.stop()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


def _window(qtbot: QtBot, tmp_path: Path, data_dir: Path, **settings: object) -> MainWindow:
    store = SettingsStore(tmp_path / f"settings-{len(list(tmp_path.iterdir()))}.ini")
    store.save(AppSettings(**settings))  # type: ignore[arg-type]
    win = MainWindow(
        store=store,
        history=HistoryStore(data_dir / f"history-{id(store)}.sqlite3"),
        device_backend=SyntheticAudioBackend,
    )
    assert win.settings.server_url == settings.get("server_url", "")
    # Shorter than Settings allows (5 s), to keep the suite quick.
    win.settings = replace(win.settings, duration_s=TEST_S)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def open_window(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> Iterator[object]:
    """``open_window(**settings)``: a main window, closed (engine stopped) after the test."""
    windows: list[MainWindow] = []

    def make(**settings: object) -> MainWindow:
        win = _window(qtbot, tmp_path, data_dir, **settings)
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.bridge.shutdown()
        win.historyStore.close()


def _click_start(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.mouseClick(window.start.startButton, Qt.MouseButton.LeftButton)


# ------------------------------------------------------------------------------ Start screen


def test_without_a_server_the_network_modes_explain_and_link_to_settings(
    open_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    start = window.start
    for mode in ("server", "peer"):
        assert not start._mode_buttons[mode].isEnabled()
        assert "Settings" in start._mode_buttons[mode].toolTip()
    assert start.serverHint.isVisible()
    assert "Settings" in start.serverHint.text()
    start.serverHint.linkActivated.emit("settings")
    assert window.stack.currentWidget() is window.settingsScreen
    # Entering a server in Settings enables them.
    window.settingsScreen.serverUrl.setText("http://127.0.0.1:9")
    window.settingsScreen.saveButton.click()
    window.show_start()
    assert start._mode_buttons["server"].isEnabled()
    assert start._mode_buttons["peer"].isEnabled()
    assert not start.serverHint.isVisible()
    start.selectMode("peer")
    assert start.peerOptions.isVisible()
    # "Join with a code" with no code: a hint, not a failed test.
    start.joinRoomButton.setChecked(True)
    _click_start(qtbot, window)
    assert window.stack.currentWidget() is start
    assert start.peerMessage.isVisible()
    qtbot.keyClicks(start.roomCodeEdit, "acd-234")
    assert start.roomCode() == "ACD-234"


# ------------------------------------------------------------------------------ server mode


def test_a_network_test_through_the_ui(
    open_window: object, qtbot: QtBot, server_url: str, screenshot_dir: Path
) -> None:
    window: MainWindow = open_window(server_url=server_url, server_token=TOKEN)  # type: ignore[operator]
    window.start.selectMode("server")
    assert window.start.selectedMode() == "server"
    assert server_url in window.start.serverInfo.text()
    with qtbot.waitSignal(window.bridge.finished, timeout=int(TEST_S * 1000) + 25_000) as done:
        _click_start(qtbot, window)
        assert window.stack.currentWidget() is window.liveScreen()
    outcome: TestOutcome = done.args[0]
    report = outcome.report.to_json()
    assert report["mode"] == "server"
    mos = report["verdict"]["mos"]
    assert mos is not None
    results = window.resultsScreen()
    assert window.stack.currentWidget() is results
    assert results.gauge.value == pytest.approx(mos)
    assert f"MOS {texts.mos_text(mos)}" in results.verdict.text()  # the one MOS formatter
    [entry] = window.historyStore.entries()
    assert entry.mos == pytest.approx(mos)
    # The connectivity checks of the report are on the Results screen, in its details.
    assert not results.details.isVisibleTo(results)
    results.detailsButton.click()
    assert results.connectivity.isVisibleTo(results)
    assert check_statuses(results.connectivity.section) == {
        "http": "ok",
        "token": "ok",
        "udp": "ok",
    }
    assert "Server reachable" in results.connectivity.text.text()
    assert window.grab().save(str(screenshot_dir / "app-results-server.png"))


def test_a_server_that_is_down_shows_the_error_screen_within_10_s(
    open_window: object, qtbot: QtBot, screenshot_dir: Path
) -> None:
    url = f"http://{LOOPBACK}:{_closed_port()}"
    window: MainWindow = open_window(server_url=url)  # type: ignore[operator]
    window.start.selectMode("server")
    started = time.monotonic()
    _click_start(qtbot, window)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.error, timeout=10_000)
    assert time.monotonic() - started < 10.0
    error = window.error
    assert error.failure is not None
    assert error.failure.reason_code == "server_unreachable"
    assert error.message.text() == texts.FAILURES["server_unreachable"][0]
    assert "cannot be reached" in error.message.text()
    assert "Settings" in error.advice.text()
    assert url in error.details.text()  # the engine's words name the server
    assert check_statuses(error.connectivity.section) == {"http": "failed"}
    assert error.settingsButton.isVisibleTo(error)
    assert window.grab().save(str(screenshot_dir / "app-error-server-down.png"))
    # Issue 14: the test that could not start left its report in the history.
    [entry] = window.historyStore.entries()
    partial = window.historyStore.report(entry.row_id)
    assert partial["verdict"]["complete"] is False
    assert partial["errors"][0]["code"] == "server_unreachable"
    assert partial["connectivity"]["checks"][0]["name"] == "http"
    assert entry.mos is None
    window.show_history()  # lists it without a result to draw
    window.history.openRequested.emit(partial, entry)  # and opens it
    assert window.stack.currentWidget() is window.resultsScreen()
    error_report = error.failure.report
    assert error_report is not None
    assert error_report.id == partial["id"]
    window.show_start()
    _click_start(qtbot, window)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.error, timeout=10_000)
    error.settingsButton.click()
    assert window.stack.currentWidget() is window.settingsScreen


def test_a_wrong_token_is_named(open_window: object, qtbot: QtBot, server_url: str) -> None:
    window: MainWindow = open_window(server_url=server_url, server_token="wrong")  # type: ignore[operator]
    window.start_test("server")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.error, timeout=10_000)
    assert window.error.message.text() == texts.FAILURES["token_refused"][0]
    assert check_statuses(window.error.connectivity.section) == {"http": "ok", "token": "failed"}


# ------------------------------------------------------------------------------ rooms


def test_create_a_room_shows_the_code_and_cancel_works(
    open_window: object, qtbot: QtBot, server_url: str, screenshot_dir: Path
) -> None:
    window: MainWindow = open_window(server_url=server_url, server_token=TOKEN)  # type: ignore[operator]
    window.start.selectMode("peer")
    window.start.createRoomButton.setChecked(True)
    with qtbot.waitSignal(window.bridge.waiting, timeout=10_000):
        _click_start(qtbot, window)
        room = window.roomScreen()
        assert window.stack.currentWidget() is room
    code = room.roomCode()
    assert re.fullmatch(r"[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}", code), code
    assert room.code.font().pointSize() >= 36  # large enough to read out
    assert code in room.instructions.text()
    assert room.waiting.text() == texts.ROOM_WAITING
    assert window.bridge.isRunning()
    assert window.grab().save(str(screenshot_dir / "app-room-code.png"))
    started = time.perf_counter()
    with qtbot.waitSignal(window.bridge.cancelled, timeout=3000):
        qtbot.mouseClick(room.cancelButton, Qt.MouseButton.LeftButton)
    assert time.perf_counter() - started < 1.5
    assert window.stack.currentWidget() is window.start
    qtbot.waitUntil(lambda: not window.bridge.isRunning(), timeout=2000)


def test_joining_an_unknown_room_says_so(
    open_window: object, qtbot: QtBot, server_url: str
) -> None:
    window: MainWindow = open_window(server_url=server_url, server_token=TOKEN)  # type: ignore[operator]
    window.start.selectMode("peer")
    window.start.joinRoomButton.setChecked(True)
    qtbot.keyClicks(window.start.roomCodeEdit, "zzz-999")
    qtbot.keyClick(window.start.roomCodeEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.error, timeout=10_000)
    assert window.error.message.text() == texts.FAILURES["room_not_found"][0]
    assert "code" in window.error.advice.text()


def test_two_desktops_call_each_other_through_a_room(
    open_window: object, qtbot: QtBot, server_url: str
) -> None:
    host: MainWindow = open_window(server_url=server_url, server_token=TOKEN)  # type: ignore[operator]
    guest: MainWindow = open_window(server_url=server_url, server_token=TOKEN)  # type: ignore[operator]
    host.start.selectMode("peer")
    with qtbot.waitSignal(host.bridge.waiting, timeout=10_000):
        host.start.startButton.click()
    code = host.roomScreen().roomCode()
    guest.start.selectMode("peer")
    guest.start.joinRoomButton.setChecked(True)
    guest.start.roomCodeEdit.setText(code)
    timeout = int(TEST_S * 1000) + 30_000
    with (
        qtbot.waitSignal(host.bridge.finished, timeout=timeout) as host_done,
        qtbot.waitSignal(guest.bridge.finished, timeout=timeout) as guest_done,
    ):
        guest.start.startButton.click()
        assert guest.stack.currentWidget() is guest.roomScreen()
        qtbot.waitUntil(lambda: host.stack.currentWidget() is host.liveScreen(), timeout=15_000)
    for window, done in ((host, host_done), (guest, guest_done)):
        report = done.args[0].report.to_json()
        assert report["mode"] == "peer"
        assert window.stack.currentWidget() is window.resultsScreen()
        assert window.resultsScreen().gauge.value == pytest.approx(report["verdict"]["mos"])


# ------------------------------------------------------------------------------ messages


@pytest.mark.parametrize(
    "reason",
    [
        "server_unreachable",
        "token_refused",
        "room_not_found",
        "room_full",
        "server_busy",
        "udp_blocked",
        "peer_not_joined",
        "peer_left",
        "no_server",
    ],
)
def test_every_reason_has_its_own_plain_message(
    open_window: object, reason: str, screenshot_dir: Path
) -> None:
    window: MainWindow = open_window()  # type: ignore[operator]
    connectivity = {
        "summary": "x",
        "passed": False,
        "checks": [
            {"name": "http", "status": "ok", "message": "The server answers."},
            {"name": "udp", "status": "failed", "message": "No UDP got through."},
        ],
    }
    window._on_failure(TestFailure(reason, "engine words", connectivity))
    error = window.error
    headline, advice = texts.FAILURES[reason]
    assert window.stack.currentWidget() is error
    assert error.message.text() == headline != texts.FAILURE_DEFAULT[0]
    assert advice in error.advice.text()
    assert "engine words" in error.details.text()
    assert "FAILED" in error.connectivity.text.text()  # in words, not colour alone
    if reason == "udp_blocked":
        assert "UDP" in headline
        assert "firewall" in headline.lower()
        assert window.grab().save(str(screenshot_dir / "app-error-udp-blocked.png"))
