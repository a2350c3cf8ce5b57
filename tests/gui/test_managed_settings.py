"""Managed settings in the app (issue 18): the admin's locked keys are shown disabled with "set
by your IT department", unlocked presets fill what the user left at the default, and the tray
and the upload follow the settings in effect."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_app import _open_window

from callcheck.engine.managed_config import MANAGED_CONFIG_ENV, ManagedConfig
from callcheck.engine.upload_queue import UploadTarget
from callcheck.gui.app import MainWindow, _start_tray
from callcheck.gui.bridge import TestOutcome
from callcheck.gui.settings import AppSettings, SettingsStore, apply_managed
from callcheck.gui.tray import tray_config

pytestmark = pytest.mark.gui
SERVER = "https://cc.example.com:8443"


@pytest.fixture
def managed_window(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    managed = tmp_path / "callcheck.toml"
    managed.write_text(
        f'server_url = "{SERVER}"\nfleet_token = "fleet"\nupload = true\n'
        "schedule_every_h = 4\nschedule_at_login = true\n"
        'locked = ["server_url", "upload"]\n'
    )
    monkeypatch.setenv(MANAGED_CONFIG_ENV, str(managed))
    store = SettingsStore(tmp_path / "settings.ini")
    # The user had chosen another server and turned the upload off: both are locked.
    store.save(AppSettings(duration_s=5.0, server_url="http://mine:1", upload=False))
    win = _open_window(qtbot, store, data_dir)
    yield win
    win.bridge.shutdown()
    win.historyStore.close()


def test_locked_keys_are_shown_disabled_and_win(managed_window: MainWindow) -> None:
    screen = managed_window.settingsScreen
    assert managed_window.settings.server_url == SERVER
    assert managed_window.settings.upload is True
    for key in ("server_url", "upload"):
        widget = screen.managedFields[key]
        assert not widget.isEnabled()
        assert widget.toolTip() == "set by your IT department"
    assert screen.serverUrl.text() == SERVER
    assert screen.upload.isChecked()
    # Unlocked presets: the user may change them; shown with the admin's value as the start.
    assert screen.scheduleEvery.isEnabled()
    assert screen.scheduleEvery.value() == 4
    assert screen.scheduleAtLogin.isChecked()
    assert screen.serverToken.isEnabled()


def test_the_tray_and_upload_follow_the_settings_in_effect(managed_window: MainWindow) -> None:
    config = tray_config(managed_window.settings, managed_window.managed)
    assert config.schedule.every_h == 4
    assert config.schedule.at_login
    assert config.server_url == SERVER
    assert config.upload is not None
    assert config.upload.server_url == SERVER
    assert config.upload.token == "fleet"


def test_user_values_win_where_not_locked() -> None:
    managed = ManagedConfig(schedule_every_h=4.0, server_url=SERVER, upload=True)
    mine = AppSettings(schedule_every_h=8.0, server_url="http://mine:1")
    effective = apply_managed(mine, managed)
    assert effective.schedule_every_h == 8.0
    assert effective.server_url == "http://mine:1"
    assert effective.upload is True  # the user kept the default: the admin's preset
    off = tray_config(AppSettings(), ManagedConfig())
    assert off.upload is None
    assert not off.schedule.enabled
    assert isinstance(tray_config(effective, managed).upload, UploadTarget)


def test_schedule_and_upload_survive_a_restart(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.ini")
    store.save(AppSettings(schedule_every_h=6.0, schedule_at_login=True, upload=True))
    again = SettingsStore(tmp_path / "settings.ini").load()
    assert (again.schedule_every_h, again.schedule_at_login, again.upload) == (6.0, True, True)
    assert SettingsStore(tmp_path / "other.ini").load().schedule_every_h == 0.0  # off by default


def test_a_manual_result_is_uploaded_when_settings_say_so(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MANAGED_CONFIG_ENV, str(tmp_path / "absent.toml"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        down = f"http://127.0.0.1:{s.getsockname()[1]}"  # closed once the socket is
    store = SettingsStore(tmp_path / "settings.ini")
    store.save(AppSettings(duration_s=5.0, server_url=down, upload=True))
    win = _open_window(qtbot, store, data_dir)
    try:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        tray = _start_tray(app, [win])
        with qtbot.waitSignal(win.bridge.finished, timeout=40_000) as done:
            win.start_test("loopback")
        report_id = cast(TestOutcome, done.args[0]).report.id
        queue = data_dir / "upload-queue"
        # The server is down: the report waits in the queue for the next send.
        qtbot.waitUntil(
            lambda: any(report_id in p.name for p in queue.glob("*.json")), timeout=20_000
        )
        if tray is not None:
            tray.shutdown()
    finally:
        win.bridge.shutdown()
        win.historyStore.close()
