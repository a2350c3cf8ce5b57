"""The tray (issue 18), offscreen: its menu, a scheduled test started by a fake clock that opens
no audio device, the icon's colour, a notification only below the pass mark or on failure, the
microphone-busy put-off, and the upload of a tray test's report to a real `callcheck serve`."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
import sounddevice as sd
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from callcheck.core.grades import PASS_MOS, Grade, format_mos, grade_for
from callcheck.core.report import Report
from callcheck.core.schedule import LOGIN_DELAY_S, ScheduleSettings
from callcheck.engine.snapshots import CallResult
from callcheck.gui.bridge import TestOutcome
from callcheck.gui.gauge import DEFAULT_BAND_COLORS
from callcheck.gui.tray import NO_GRADE_COLOR, CallCheckTray, TrayConfig

pytestmark = pytest.mark.gui

T0 = 5000.0


class FakeClock:
    def __init__(self) -> None:
        self.now_s = T0

    def __call__(self) -> float:
        return self.now_s


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def opened_streams(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every PortAudio stream anything opens (none may be, in a tray test)."""
    opened: list[str] = []
    for name in ("Stream", "OutputStream", "InputStream", "RawStream", "RawOutputStream"):

        def spy(*args: Any, _name: str = name, **kwargs: Any) -> Any:
            opened.append(_name)
            raise sd.PortAudioError(f"test: {_name} must not be opened by a tray test")

        monkeypatch.setattr(sd, name, spy)
    # The app's test-signal switch must not be what keeps the devices closed here.
    monkeypatch.delenv("CALLCHECK_NO_AUDIO_DEVICE", raising=False)
    return opened


def _tray(qtbot: QtBot, config: TrayConfig, clock: FakeClock, **kwargs: Any) -> CallCheckTray:
    tray = CallCheckTray(config, clock=clock, microphone_in_use=lambda: False, **kwargs)
    qtbot.addWidget(tray.menu)
    return tray


@pytest.fixture
def trays() -> Iterator[list[CallCheckTray]]:
    made: list[CallCheckTray] = []
    yield made
    for tray in made:
        tray.shutdown()


def test_menu_and_schedule_text(qtbot: QtBot, clock: FakeClock, trays: list[CallCheckTray]) -> None:
    tray = _tray(qtbot, TrayConfig(schedule=ScheduleSettings(every_h=4, at_login=True)), clock)
    trays.append(tray)
    texts_ = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts_ == [
        "Test now",
        "No test yet",
        "Scheduled tests: at login and every 4 h",
        "Open CallCheck",
        "Quit",
    ]
    assert not tray.lastResultAction.isEnabled()
    assert tray.icon.contextMenu() is tray.menu
    assert tray.icon_color == NO_GRADE_COLOR
    tray.change(TrayConfig())
    assert tray.scheduleAction.text() == "Scheduled tests: off"
    with qtbot.waitSignal(tray.openRequested, timeout=1000):
        tray.menu.actions()[-2].trigger()


def test_scheduled_test_runs_when_due_without_any_audio_device(
    qtbot: QtBot, clock: FakeClock, opened_streams: list[str], trays: list[CallCheckTray]
) -> None:
    config = TrayConfig(schedule=ScheduleSettings(at_login=True), duration_s=2.0)
    tray = _tray(qtbot, config, clock)
    trays.append(tray)
    notes: list[tuple[str, str]] = []
    tray.notified.connect(lambda title, message: notes.append((title, message)))
    clock.now_s = T0 + LOGIN_DELAY_S - 1
    tray.tick()
    assert not tray.bridge.isRunning()  # not due yet
    clock.now_s = T0 + LOGIN_DELAY_S
    with qtbot.waitSignal(tray.reportReady, timeout=60_000) as ready:
        tray.tick()
        assert tray.bridge.isRunning()
        assert tray.lastResultAction.text() == "Testing the call quality …"
    report = cast(Report, ready.args[0]).to_json()
    assert tray.last_options is not None
    assert tray.last_options.use_devices is False
    assert tray.last_options.duration_s == 2.0
    assert opened_streams == []  # no speaker (and no microphone) was opened
    assert report["audio_path"]["mode"] == "synthetic"
    assert report["audio_path"]["output_device"] is None
    mos = report["verdict"]["mos"]
    grade = Grade(report["verdict"]["grade"])  # the verdict's (the MOS here is rounded)
    assert tray.icon_color == DEFAULT_BAND_COLORS[grade]
    assert tray.lastResultAction.text().endswith(f"MOS {format_mos(mos)}, {grade.value}")
    # Notified only below the pass mark (a clean loopback call passes).
    assert (notes == []) == (mos >= PASS_MOS)
    assert tray.schedule.next_due_s() is None  # at login only: nothing more today


def _report(mos: float, summary: str) -> Report:
    grade = grade_for(mos)
    return Report(
        id="t-below",
        started_at="2026-12-03T11:00:00+00:00",
        mode="loopback",
        codec="opus",
        duration_s=10.0,
        app_version="test",
        uplink=None,
        downlink=None,
        playout=None,
        quality=None,
        verdict={"mos": mos, "grade": str(grade), "passed": mos >= PASS_MOS, "summary": summary},
    )


def test_notifies_once_with_the_reason_below_the_pass_mark(
    qtbot: QtBot, clock: FakeClock, trays: list[CallCheckTray]
) -> None:
    tray = _tray(qtbot, TrayConfig(), clock)
    trays.append(tray)
    shown: list[tuple[str, str]] = []
    tray.icon.showMessage = lambda title, message, *a: shown.append((title, message))  # type: ignore[method-assign,assignment]
    outcome = TestOutcome(cast(CallResult, None), _report(3.3, "Poor: the delay hurts.\nmore"))
    with qtbot.waitSignal(tray.notified, timeout=1000):
        tray.bridge.finished.emit(outcome)
    assert shown == [("Call quality below the pass mark", "Poor: the delay hurts.")]
    assert tray.icon_color == DEFAULT_BAND_COLORS[Grade.POOR]
    # A pass is silent.
    tray.bridge.finished.emit(TestOutcome(cast(CallResult, None), _report(4.4, "Excellent.")))
    qtbot.waitUntil(lambda: tray.icon_color == DEFAULT_BAND_COLORS[Grade.EXCELLENT])
    assert len(shown) == 1


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def test_a_test_that_cannot_run_notifies_with_the_one_line_reason(
    qtbot: QtBot, clock: FakeClock, trays: list[CallCheckTray]
) -> None:
    config = TrayConfig(server_url=f"http://127.0.0.1:{_closed_port()}", duration_s=2.0)
    tray = _tray(qtbot, config, clock)
    trays.append(tray)
    with qtbot.waitSignal(tray.notified, timeout=30_000) as note:
        tray.test_now()
    title, message = note.args
    assert title == "The call quality test could not run"
    assert "127.0.0.1" in message
    assert "\n" not in message
    assert tray.icon_color == DEFAULT_BAND_COLORS[Grade.BAD]
    assert "could not run" in tray.lastResultAction.text()


def test_microphone_busy_puts_the_scheduled_test_off(
    qtbot: QtBot, clock: FakeClock, trays: list[CallCheckTray]
) -> None:
    config = TrayConfig(schedule=ScheduleSettings(every_h=1))
    tray = CallCheckTray(config, clock=clock, microphone_in_use=lambda: True)
    trays.append(tray)
    clock.now_s = T0 + 3600
    tray.tick()
    assert not tray.bridge.isRunning()
    assert "microphone" in tray.lastResultAction.text()
    assert tray.schedule.next_due_s() == pytest.approx(T0 + 3600 + 15 * 60)


def test_tray_report_is_uploaded(
    qtbot: QtBot, clock: FakeClock, trays: list[CallCheckTray], data_dir: Path
) -> None:
    from callcheck.engine.upload_queue import UploadTarget

    down = UploadTarget(f"http://127.0.0.1:{_closed_port()}", "t", "laptop")
    tray = _tray(qtbot, TrayConfig(duration_s=2.0, upload=down), clock)
    trays.append(tray)
    with qtbot.waitSignal(tray.reportReady, timeout=60_000) as ready:
        tray.test_now()
    report_id = cast(Report, ready.args[0]).id
    queue = data_dir / "upload-queue"
    # The server is down: the report waits in the queue, named by its id.
    qtbot.waitUntil(lambda: any(report_id in p.name for p in queue.glob("*.json")), timeout=20_000)


def test_callcheck_gui_tray_starts_in_the_tray_and_at_login_writes_the_entry(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`callcheck gui --tray` (what the at-login entry runs) opens no window where there is a
    tray; the admin's locked "at login" writes the XDG autostart entry that runs it."""
    from callcheck import launcher
    from callcheck.engine.autostart import TRAY_FLAG
    from callcheck.engine.managed_config import MANAGED_CONFIG_ENV
    from callcheck.gui import settings
    from callcheck.gui.app import MainWindow

    managed = tmp_path / "callcheck.toml"
    managed.write_text('schedule_at_login = true\nlocked = ["schedule_at_login"]\n')
    monkeypatch.setenv(MANAGED_CONFIG_ENV, str(managed))
    monkeypatch.setattr(settings, "default_path", lambda: tmp_path / "settings.ini")
    monkeypatch.setattr(CallCheckTray, "available", staticmethod(lambda: True))
    seen: dict[str, Any] = {}

    def look_and_quit() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)]
        seen["visible"] = [w for w in windows if w.isVisible()]
        seen["quit_on_close"] = qapp.quitOnLastWindowClosed()
        for window in windows:
            window.close()
            window.deleteLater()
        qapp.quit()

    QTimer.singleShot(0, look_and_quit)
    try:
        assert launcher.main(["gui", TRAY_FLAG]) == 0
    finally:
        qapp.setQuitOnLastWindowClosed(True)
    assert seen["visible"] == []  # in the tray only
    assert seen["quit_on_close"] is False  # closing the window later leaves the tray running
    entry = tmp_path / "config" / "autostart" / "callcheck.desktop"  # conftest's XDG folder
    exec_line = next(x for x in entry.read_text().splitlines() if x.startswith("Exec="))
    assert exec_line.endswith(f" gui {TRAY_FLAG}")
    # The admin turns it off: the next start removes the entry.
    managed.write_text('schedule_at_login = false\nlocked = ["schedule_at_login"]\n')
    QTimer.singleShot(0, look_and_quit)
    try:
        assert launcher.main(["gui", TRAY_FLAG]) == 0
    finally:
        qapp.setQuitOnLastWindowClosed(True)
    assert not entry.exists()
