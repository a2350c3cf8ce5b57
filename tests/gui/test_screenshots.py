"""Screenshots of every screen in both themes, for review (artifacts/screenshots/, gitignored).

One real loopback call (4 s) is recorded once; each theme replays its snapshots into the Live
screen and its report through the normal "finished" path (history first, then Results).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from callcheck.engine.audio_io import SyntheticAudioBackend
from callcheck.engine.snapshots import LiveSnapshot
from callcheck.gui.app import MainWindow
from callcheck.gui.bridge import EngineBridge, TestOptions, TestOutcome
from callcheck.gui.settings import AppSettings, SettingsStore
from callcheck.gui.theme import is_dark

pytestmark = pytest.mark.gui

RECORD_S = 4.0


@pytest.fixture(scope="module")
def recorded(qapp: QApplication) -> tuple[list[LiveSnapshot], TestOutcome]:
    """Snapshots and outcome of one real loopback test."""
    bridge = EngineBridge()
    snapshots: list[LiveSnapshot] = []
    outcomes: list[object] = []
    bridge.snapshot.connect(snapshots.append)
    bridge.finished.connect(outcomes.append)
    bridge.failed.connect(outcomes.append)
    bridge.start_test(TestOptions(duration_s=RECORD_S))
    deadline = time.monotonic() + RECORD_S + 20.0
    while not outcomes and time.monotonic() < deadline:
        qapp.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    bridge.shutdown()
    assert outcomes, "the recording call did not finish"
    outcome = outcomes[0]
    assert isinstance(outcome, TestOutcome), outcome
    return snapshots, outcome


@pytest.fixture
def themed_window(
    request: pytest.FixtureRequest, qtbot: QtBot, tmp_path: Path
) -> Iterator[MainWindow]:
    store = SettingsStore(tmp_path / "settings.ini")
    store.save(
        AppSettings(
            duration_s=20.0,
            theme=request.param,
            server_url="https://callcheck.example.com:8443",
            server_token="not-shown",
        )
    )
    win = MainWindow(store=store, device_backend=SyntheticAudioBackend)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.bridge.shutdown()
    win.historyStore.close()


@pytest.mark.parametrize("themed_window", ["light", "dark"], indirect=True)
def test_screenshots_of_every_screen(
    themed_window: MainWindow,
    qtbot: QtBot,
    recorded: tuple[list[LiveSnapshot], TestOutcome],
    screenshot_dir: Path,
    make_report: Any,
) -> None:
    window = themed_window
    theme = window.settings.theme
    assert theme in ("light", "dark")
    qtbot.waitUntil(lambda: is_dark(window.palette()) == (theme == "dark"), timeout=2000)
    snapshots, outcome = recorded
    window.historyStore.add(make_report(3.52, "2020-01-01T09:00:00+00:00", rtt_ms=180.0))

    def shot(name: str) -> None:
        QApplication.processEvents()
        image = window.grab().toImage()
        assert not image.isNull()
        corner = image.pixelColor(image.width() - 3, image.height() // 2)
        assert (corner.lightness() < 128) == (theme == "dark"), name
        assert image.save(str(screenshot_dir / f"{theme}-{name}.png"))

    shot("start")
    window.start.selectMode("server")
    shot("start-network-test")
    window.start.selectMode("peer")
    shot("start-call-a-colleague")
    window.start.selectMode("loopback")
    room = window.roomScreen()
    room.show_code("ac7k3m9px")
    window.stack.setCurrentWidget(room)
    shot("room")
    window.show_devices()
    qtbot.waitUntil(lambda: window.devicesScreen().inputPicker.count() > 0, timeout=5000)
    shot("devices")
    live = window.liveScreen()
    live.begin(RECORD_S)
    window.stack.setCurrentWidget(live)
    for snapshot in snapshots:
        live.show_snapshot(snapshot)
    qtbot.wait(400)  # the needle's animation
    shot("live")
    window._on_finished(outcome)
    shot("results")
    window.resultsScreen().detailsButton.click()
    shot("results-details")
    window.compare_with_previous()
    assert window.stack.currentWidget() is window.compareScreen
    shot("compare")
    window.show_history()
    shot("history")
    window.navActions["settings"].trigger()
    shot("settings")
    window._on_failed(
        "Could not connect the test call within 10 s. Check the network or the firewall, then "
        "try again."
    )
    shot("error")
