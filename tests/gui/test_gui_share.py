"""Sharing a test with the helpdesk from the desktop app (issue 17), against a real server.

The switch on the Start screen, the code on the Live screen, the helpdesk's "run again" request
answered by the employee's click, and "Stop sharing" — the page's state is read from the
server as the technician's browser would.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from callcheck.engine.audio_io import SyntheticAudioBackend
from callcheck.engine.live_share import RECONNECTING
from callcheck.engine.loop import EngineLoop
from callcheck.gui import texts
from callcheck.gui.app import MainWindow
from callcheck.gui.history_store import HistoryStore
from callcheck.gui.settings import AppSettings, SettingsStore
from callcheck.server.app import RunningServer, start_server
from callcheck.server.config import ServerConfig

pytestmark = pytest.mark.gui

TOKEN = "gui-share-token"
LOOPBACK = "127.0.0.1"


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    loop = EngineLoop(name="callcheck-test-server")
    loop.start()
    config = ServerConfig(
        host=LOOPBACK,
        port=0,
        token=TOKEN,
        ice_host_addresses=(LOOPBACK,),
        request_timeout_s=5.0,
        database=str(tmp_path_factory.mktemp("store") / "store.sqlite3"),
    )
    server: RunningServer = loop.run(start_server(config), timeout_s=10)
    try:
        yield server.url
    finally:
        loop.run(server.stop(), timeout_s=10)
        loop.stop()


def _state(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url + "/state", timeout=10) as r:
        state: dict[str, Any] = json.load(r)
        return state


def test_share_run_again_on_click_and_stop_sharing(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, server_url: str, screenshot_dir: Path
) -> None:
    store = SettingsStore(tmp_path / "settings.ini")
    store.save(AppSettings(server_url=server_url, server_token=TOKEN))
    window = MainWindow(
        store=store,
        history=HistoryStore(data_dir / "history.sqlite3"),
        device_backend=SyntheticAudioBackend,
    )
    window.settings = replace(window.settings, duration_s=2.0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        start = window.start
        assert not start.shareSwitch.isVisible()  # the quick local check cannot be shared
        start.selectMode("server")
        assert start.shareSwitch.isVisible()
        start.shareSwitch.setChecked(True)
        with qtbot.waitSignal(window.bridge.shareStarted, timeout=20_000) as started:
            qtbot.mouseClick(start.startButton, Qt.MouseButton.LeftButton)
        info = started.args[0]
        panel = window.liveScreen().sharePanel
        assert panel.isVisible()
        assert panel.shareCode() == info.code
        assert info.url in panel.link.text()
        with qtbot.waitSignal(window.bridge.snapshot, timeout=20_000):
            pass
        # The engine's "reconnecting" and "sharing again" (tests/engine/test_live_share.py,
        # tests/server/test_live_share_failover.py) as the panel shows them.
        window.bridge.shareReconnecting.emit(RECONNECTING)
        assert panel.status.text() == texts.SHARE_RECONNECTING
        window.bridge.shareResumed.emit()
        assert panel.status.text() == ""
        assert panel.stopButton.isEnabled()
        window.grab().save(str(screenshot_dir / "live-shared.png"))
        qtbot.waitUntil(lambda: window._results is not None and window.stack.currentWidget()
                        is window._results, timeout=40_000)  # fmt: skip
        qtbot.waitUntil(lambda: _state(info.url)["runs"][0]["report"] is not None, timeout=10_000)
        # The helpdesk asks; nothing runs until the employee clicks Run.
        ask = urllib.request.Request(info.url + "/run-again", method="POST")
        with qtbot.waitSignal(window.bridge.runAgainRequested, timeout=10_000):
            urllib.request.urlopen(ask, timeout=10).close()
        prompt = window.runAgainPrompt
        qtbot.waitUntil(prompt.isVisible)
        assert prompt.question.text() == texts.SHARE_RUN_AGAIN
        assert not window.bridge.isRunning()
        with qtbot.waitSignal(window.bridge.finished, timeout=40_000):
            qtbot.mouseClick(prompt.runButton, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(_state(info.url)["runs"]) == 2, timeout=10_000)
        qtbot.waitUntil(lambda: _state(info.url)["runs"][1]["report"] is not None, timeout=10_000)
        runs = _state(info.url)["runs"]
        assert runs[0]["report"]["id"] != runs[1]["report"]["id"]
        assert runs[1]["report"]["share"]["code"] == info.code
        # "Stop sharing": the page says the employee stopped; the panel says so too.
        with qtbot.waitSignal(window.bridge.shareStopped, timeout=15_000):
            panel.stopButton.click()
        assert _state(info.url)["stopped"] is True
        assert panel.status.text() == texts.SHARE_STOPPED
        assert not window.bridge.isSharing()
    finally:
        window.bridge.shutdown()
        window.historyStore.close()
