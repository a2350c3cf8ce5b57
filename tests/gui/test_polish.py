"""Issue 16's screen defects, each checked on real widgets offscreen: the token kept secret,
window size and test type remembered, results opened at the top, plurals, one MOS figure."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from callcheck.core.report_html import render_html
from callcheck.core.report_text import summary_text
from callcheck.core.result_phrases import verdict_phrase
from callcheck.engine.audio_io import SyntheticAudioBackend
from callcheck.gui import texts
from callcheck.gui.app import MainWindow
from callcheck.gui.history_store import HistoryStore
from callcheck.gui.report_export import (
    default_directory,
    export_report,
    path_for_filter,
    print_html,
    save_dialog_defaults,
)
from callcheck.gui.settings import TOKEN_FILE_MODE, AppSettings, SettingsStore

TOKEN = "s3cret-token-value"


def _window(qtbot: QtBot, store: SettingsStore, data_dir: Path) -> MainWindow:
    win = MainWindow(
        store=store,
        history=HistoryStore(data_dir / "history.sqlite3"),
        device_backend=SyntheticAudioBackend,
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _close(win: MainWindow) -> None:
    win.close()  # closeEvent saves the window state, shuts the bridge, closes the history
    win.bridge.shutdown()  # also when the window was never shown (close() then sends no event)
    win.historyStore.close()


def test_the_token_is_never_in_settings_ini(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.ini")
    store.save(AppSettings(server_url="https://reflector.example", server_token=TOKEN))
    assert TOKEN not in (tmp_path / "settings.ini").read_text()
    token_file = store.secrets.fallback_path
    assert not store.secrets.in_keychain  # CALLCHECK_NO_KEYRING (conftest): the file fallback
    assert stat.S_IMODE(token_file.stat().st_mode) == TOKEN_FILE_MODE
    assert SettingsStore(tmp_path / "settings.ini").load().server_token == TOKEN


def test_a_plain_token_of_an_older_version_is_migrated(tmp_path: Path) -> None:
    ini = tmp_path / "settings.ini"
    qs = QSettings(str(ini), QSettings.Format.IniFormat)
    qs.setValue("server/token", TOKEN)
    qs.sync()
    del qs
    assert TOKEN in ini.read_text()
    assert SettingsStore(ini).load().server_token == TOKEN
    assert TOKEN not in ini.read_text()
    assert SettingsStore(ini).load().server_token == TOKEN  # from the secret store now


def test_the_token_is_masked_on_screen(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    store = SettingsStore(tmp_path / "settings.ini")
    store.save(AppSettings(server_token=TOKEN))
    win = _window(qtbot, store, data_dir)
    field = win.settingsScreen.serverToken
    assert field.text() == TOKEN
    assert field.echoMode() == QLineEdit.EchoMode.Password
    win.settingsScreen.showToken.setChecked(True)
    assert field.echoMode() == QLineEdit.EchoMode.Normal
    win.settingsScreen.showToken.setChecked(False)
    assert field.echoMode() == QLineEdit.EchoMode.Password
    _close(win)


def test_window_size_and_last_test_type_are_remembered(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    store = SettingsStore(tmp_path / "settings.ini")
    store.save(AppSettings(server_url="https://reflector.example"))
    win = _window(qtbot, store, data_dir)
    size = QSize(777, 555)  # inside the offscreen platform's 800 × 600 screen
    win.resize(size)
    qtbot.waitUntil(lambda: win.size() == size)
    win.start.selectMode("server")
    assert win.start.selectedMode() == "server"
    _close(win)
    again = _window(qtbot, SettingsStore(tmp_path / "settings.ini"), data_dir)
    assert again.size() == size
    assert again.start.selectedMode() == "server"
    _close(again)


def test_results_open_scrolled_to_the_top(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, make_report: Any
) -> None:
    win = _window(qtbot, SettingsStore(tmp_path / "settings.ini"), data_dir)
    win.resize(QSize(1024, 640))
    results = win.resultsScreen()
    win.stack.setCurrentWidget(results)
    results.show_report(make_report(3.2, "2025-03-01T10:00:00+00:00"))
    results.detailsButton.click()  # the details make the page taller than the window
    bar = results.bodyScroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    assert bar.value() > 0
    results.show_report(make_report(4.2, "2025-03-02T10:00:00+00:00"))
    assert bar.value() == 0
    # Opened from History, after scrolling down again.
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    win.historyStore.add(make_report(3.9, "2025-03-03T10:00:00+00:00"))
    win.show_history()
    win.history.selectRows([0])
    win.history.open_selected()
    assert win.stack.currentWidget() is results
    QApplication.processEvents()
    assert bar.value() == 0
    _close(win)


@pytest.mark.parametrize(
    ("name", "count", "expected"),
    [
        ("HISTORY_DELETED", 1, "Deleted 1 test."),
        ("HISTORY_DELETED", 3, "Deleted 3 tests."),
        ("HISTORY_DELETE_CONFIRM", 1, "Delete 1 test from the history?"),
    ],
)
def test_plurals(qtbot: QtBot, name: str, count: int, expected: str) -> None:
    del qtbot
    assert texts.counted(name, count).startswith(expected)


def test_room_code_placeholder_has_the_current_format(qtbot: QtBot) -> None:
    del qtbot
    assert re.search(r"[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}", texts.PEER_CODE_PLACEHOLDER)


def test_one_mos_figure_on_the_screens_and_in_every_report(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, make_report: Any
) -> None:
    """MOS 4.39: the gauge, the verdict, the history, the codecs, the HTML, the PDF's page and
    the text all print 4.3 (one decimal, rounded down), never 4.39 or 4.4."""
    win = _window(qtbot, SettingsStore(tmp_path / "settings.ini"), data_dir)
    report = make_report(4.39, "2025-03-01T10:00:00+00:00")
    # Saved by a version that printed two decimals: the verdict is rebuilt with today's figure.
    report["verdict"]["summary"] = verdict_phrase(
        "Excellent", 4.39, passed=True, partial=False
    ).text.replace("MOS 4.3", "MOS 4.39")
    results = win.resultsScreen()
    results.show_report(report)
    faces = {
        "gauge": results.gauge.accessibleDescription(),
        "verdict": results.verdict.text(),
        "summary": summary_text(report),
        "html": render_html(report),
        "pdf page": print_html(report),
        "history": "",
    }
    entry = win.historyStore.add(report)
    win.show_history()
    row = next(r for r in range(win.history.table.rowCount()) if win.history.table.item(r, 3))
    faces["history"] = win.history.table.item(row, 3).text()
    assert entry.mos == pytest.approx(4.39)
    txt = tmp_path / "r.txt"
    assert export_report(report, txt) == "txt"
    faces["txt"] = txt.read_text()
    for face, text in faces.items():
        assert "4.3" in text, face
        assert not re.search(r"MOS[^0-9<]{0,12}4\.39|MOS[^0-9<]{0,12}4\.4\b", text), face
    # The codec predictions on screen: one decimal too.
    assert re.search(r"MOS \d\.\d,", results.codecs.text())
    assert not re.search(r"MOS \d\.\d\d", results.codecs.text())
    _close(win)


def test_save_starts_in_documents_or_home_as_a_pdf(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    del qtbot
    monkeypatch.chdir(tmp_path)  # the folder the app was started in is not where files go
    folder = default_directory()
    assert folder.is_dir()
    assert folder in (Path.home(), Path.home() / "Documents") or folder.name == "Documents"
    path, filters, selected = save_dialog_defaults({"id": "abc123"})
    assert Path(path) == folder / "callcheck-abc123.pdf"
    assert selected == texts.RESULTS_SAVE_FILTERS["pdf"]
    for suffix in ("*.pdf", "*.html", "*.txt", "*.json"):
        assert suffix in filters
    assert path_for_filter(Path("report"), texts.RESULTS_SAVE_FILTERS["txt"]).suffix == ".txt"


def test_fixture_shape(make_report: Any) -> None:
    assert json.dumps(make_report(4.0, "2025-03-01T10:00:00+00:00"))


def test_results_say_the_reason_first_and_keep_the_figures_for_details(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, make_report: Any
) -> None:
    win = _window(qtbot, SettingsStore(tmp_path / "settings.ini"), data_dir)
    results = win.resultsScreen()
    win.stack.setCurrentWidget(results)
    report = make_report(3.4, "2025-03-01T10:00:00+00:00")
    report["quality"]["inputs"]["Ppl"]["value"] = 0.93
    results.show_report(report)
    assert results.reason.isVisible()
    assert results.reason.text().startswith("Main reason:")
    # No jargon in the first sentences: R figures and codec tables wait behind "details".
    for first in (results.verdict.text(), results.reason.text(), results.actionsText.text()):
        assert "R = " not in first
        assert "dBFS" not in first
    assert not results.details.isVisible()
    results.detailsButton.click()
    assert results.details.isVisible()
    assert "R = " in results.why.text()
    # One figure for the audio lost or late: the number on screen is the one "why" gives.
    assert results.lossValue.text() == "0.9 %"
    assert "0.9 % of the audio was lost or late" in results.why.text()
    results.show_report(make_report(4.4, "2025-03-02T10:00:00+00:00"))
    assert not results.reason.isVisible()
    _close(win)


def test_a_failed_test_is_kept_and_copied_for_the_helpdesk(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    from PySide6.QtGui import QGuiApplication

    from callcheck.core.report import upgrade
    from callcheck.gui.bridge import TestFailure

    store = SettingsStore(tmp_path / "settings.ini")
    store.save(
        AppSettings(
            server_url="https://jdoe:pw@reflector.example:8443/?token=abc", server_token=TOKEN
        )
    )
    win = _window(qtbot, store, data_dir)
    win._last_mode = "server"
    win._on_failure(TestFailure("server_unreachable", "connect to reflector.example:8443 failed"))
    assert win.stack.currentWidget() is win.error
    [entry] = win.historyStore.entries()
    assert entry.mode == "server"
    assert entry.grade is None
    report = upgrade(win.historyStore.report(entry.row_id))
    assert report["errors"][0]["code"] == "server_unreachable"
    assert report["environment"]["server"] == "https://reflector.example:8443/"
    win.error.copyButton.click()
    text = QGuiApplication.clipboard().text()
    assert "Result: no score (FAIL)" in text
    assert "Main reason:" in text
    assert "For the helpdesk:" in text
    assert "Test server: https://reflector.example:8443/" in text
    for secret in (TOKEN, "pw@", "token=abc"):
        assert secret not in text
    _close(win)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("ac7k3m9px", "AC7-K3M-9PX"), ("AC7 K3M-9PX", "AC7-K3M-9PX"), ("XNP365", "XNP-365")],
)
def test_room_codes_are_shown_with_their_dashes(qtbot: QtBot, typed: str, shown: str) -> None:
    from callcheck.gui.room_screen import RoomScreen

    screen = RoomScreen()
    qtbot.addWidget(screen)
    screen.begin_join(typed)
    assert screen.roomCode() == shown
    assert shown in screen.status.text()


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("", "system default"),
        ("default", "system default"),
        ("default (default)", "system default"),
        ("pulse", "system sound (default)"),
        ("callcheck_monitor", "what callcheck plays"),
        ("Monitor of Built-in Audio Analog Stereo", "what Built-in Audio Analog Stereo plays"),
        ("USB Headset (hw:1,0)", "USB Headset"),
        ("Jabra_Evolve_65", "Jabra Evolve 65"),
    ],
)
def test_device_names_in_plain_words(qtbot: QtBot, raw: str, plain: str) -> None:
    del qtbot
    assert texts.device_name(raw) == plain


def test_start_screen_shows_plain_device_names(qtbot: QtBot) -> None:
    from callcheck.gui.start_screen import StartScreen

    start = StartScreen()
    qtbot.addWidget(start)
    start.setDevices("default (default)", "callcheck_monitor")
    assert "(default)" not in start.devices.text()
    assert "_" not in start.devices.text()
    assert "system default" in start.devices.text()


def test_one_name_for_each_test_mode_on_screens_and_in_reports(qtbot: QtBot) -> None:
    del qtbot
    from callcheck.core.report_text import MODE_NAMES

    assert texts.MODE_SHORT == MODE_NAMES  # English: the History list and the reports agree
    for mode, name in MODE_NAMES.items():
        long_name = {
            "loopback": texts.MODE_LOOPBACK,
            "server": texts.MODE_SERVER,
            "peer": texts.MODE_PEER,
        }[mode]
        assert long_name.startswith(name)  # the Start screen's choice begins with the name


def test_the_token_file_fallback_is_logged_without_the_token(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("WARNING", logger="callcheck.gui.settings"):
        SettingsStore(tmp_path / "settings.ini").save(AppSettings(server_token=TOKEN))
    [record] = [r for r in caplog.records if "keychain" in r.getMessage()]
    assert str(tmp_path / "server-token") in record.getMessage()
    assert "readable only by you" in record.getMessage()
    assert TOKEN not in caplog.text


class _FakeKeychain:
    """A keyring backend in memory (the interface ``keyring`` backends have)."""

    priority = 5

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, user: str) -> str | None:
        return self.items.get((service, user))

    def set_password(self, service: str, user: str, password: str) -> None:
        self.items[(service, user)] = password

    def delete_password(self, service: str, user: str) -> None:
        del self.items[(service, user)]


def test_the_token_goes_to_the_keychain_where_there_is_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from callcheck.gui import settings as settings_module

    keychain = _FakeKeychain()
    monkeypatch.delenv("CALLCHECK_NO_KEYRING")
    monkeypatch.setattr(settings_module, "_system_keyring", lambda: keychain)
    store = SettingsStore(tmp_path / "settings.ini")
    assert store.secrets.in_keychain
    store.save(AppSettings(server_token=TOKEN))
    assert keychain.items == {("CallCheck", "server-token"): TOKEN}
    assert not store.secrets.fallback_path.exists()
    assert TOKEN not in (tmp_path / "settings.ini").read_text()
    assert SettingsStore(tmp_path / "settings.ini").load().server_token == TOKEN
    store.save(AppSettings(server_token=""))
    assert keychain.items == {}
