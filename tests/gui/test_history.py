"""The test history: stored before shown, listed, opened, compared, exported, deleted; a damaged
database is moved aside with a message (issue 7, History)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from callcheck.core.report_text import summary_text
from callcheck.engine.audio_io import SyntheticAudioBackend
from callcheck.gui.app import MainWindow
from callcheck.gui.comparison import compare
from callcheck.gui.history_store import DB_NAME, HistoryError, HistoryStore
from callcheck.gui.history_store import data_dir as history_data_dir
from callcheck.gui.report_export import export_report
from callcheck.gui.settings import AppSettings, SettingsStore

pytestmark = pytest.mark.gui


@pytest.fixture
def earlier(make_report: Any) -> dict[str, Any]:
    return make_report(3.52, "2026-11-20T09:00:00+00:00", rtt_ms=180.0)  # type: ignore[no-any-return]


@pytest.fixture
def later(make_report: Any) -> dict[str, Any]:
    return make_report(4.21, "2026-11-25T09:00:00+00:00", rtt_ms=60.0)  # type: ignore[no-any-return]


@pytest.fixture
def history(data_dir: Path) -> Iterator[HistoryStore]:
    store = HistoryStore()
    yield store
    store.close()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, history: HistoryStore) -> Iterator[MainWindow]:
    settings = SettingsStore(tmp_path / "settings.ini")
    settings.save(AppSettings(duration_s=5.0))
    win = MainWindow(store=settings, history=history, device_backend=SyntheticAudioBackend)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.bridge.shutdown()


# ---------------------------------------------------------------------- the store (no Qt)


def test_the_data_directory_follows_the_environment(data_dir: Path) -> None:
    assert history_data_dir() == data_dir
    assert HistoryStore().path == data_dir / DB_NAME


def test_a_stored_report_reads_back_unchanged(history: HistoryStore, later: dict[str, Any]) -> None:
    entry = history.add(later)
    assert (entry.mode, entry.grade, entry.mos) == ("loopback", "Good", 4.21)
    assert history.report(entry.row_id) == later


def test_entries_are_newest_first_and_know_their_predecessor(
    history: HistoryStore, earlier: dict[str, Any], later: dict[str, Any]
) -> None:
    second = history.add(later)  # stored first, started later
    first = history.add(earlier)
    assert [e.row_id for e in history.entries()] == [second.row_id, first.row_id]
    assert history.previous(second.row_id) == first
    assert history.previous(first.row_id) is None


@pytest.mark.parametrize(
    "content",
    [b"this is not a database" * 50, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["garbage", "truncated-header"],
)
def test_a_damaged_database_is_moved_aside(
    data_dir: Path, content: bytes, later: dict[str, Any]
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / DB_NAME).write_bytes(content)
    store = HistoryStore()
    store.open()
    assert store.problem is not None
    assert "new one was started" in store.problem
    [kept] = list(data_dir.glob("history.damaged-*.sqlite3"))
    assert kept.read_bytes() == content
    assert str(kept) in store.problem
    store.add(later)  # and the new history works
    assert len(store.entries()) == 1
    store.close()


def test_an_unusable_entry_is_an_error_not_a_crash(
    history: HistoryStore, later: dict[str, Any]
) -> None:
    entry = history.add(later)
    history.close()
    with sqlite3.connect(history.path) as db:
        db.execute("UPDATE reports SET report_json = '{not json'")
    with pytest.raises(HistoryError):
        history.report(entry.row_id)


def test_compare_gives_the_change_and_whether_it_is_better(
    earlier: dict[str, Any], later: dict[str, Any]
) -> None:
    mos, rtt, jitter, loss = compare(earlier, later)
    assert (mos.earlier, mos.later) == (3.52, 4.21)
    assert mos.delta_text() == "+0.7 (better)"  # one decimal, like every MOS on screen
    assert rtt.delta_text() == "−120 ms (better)"
    assert jitter.change == "same"
    assert loss.delta_text() == "no change"


def test_compare_adds_a_row_for_whatever_else_changed(
    earlier: dict[str, Any], later: dict[str, Any]
) -> None:
    """MOS up while round trip, jitter and loss stayed: the delay row says why (issue 16)."""
    later = {**later, "quality": json.loads(json.dumps(later["quality"]))}
    later["network"] = earlier["network"]
    ta, buffer = earlier["quality"]["inputs"]["Ta"]["value"], 60.0
    later["quality"]["inputs"]["Ta"]["value"] = ta - 150.0
    later["quality"]["inputs"]["buffer_ms"]["value"] = buffer
    earlier["quality"]["inputs"]["buffer_ms"]["value"] = buffer + 150.0
    rows = {row.label: row for row in compare(earlier, later)}
    assert rows["Round trip"].change == "same"
    assert rows["Delay from mouth to ear"].delta_text() == "−150 ms (better)"
    assert rows["Wait in the playout buffer"].delta_text() == "−150 ms (better)"
    assert "Audio device delay" not in rows  # unchanged inputs add no row


# ---------------------------------------------------------------------- through the window


def test_a_damaged_database_shows_a_message_in_the_window(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / DB_NAME).write_bytes(b"\x00garbage" * 100)
    win = MainWindow(store=SettingsStore(tmp_path / "s.ini"))
    qtbot.addWidget(win)
    try:
        assert "could not be read" in win.statusBar().currentMessage()
        win.show_history()
        assert "could not be read" in win.history.message.text()
        assert win.history.entries() == []
    finally:
        win.bridge.shutdown()
        win.historyStore.close()


def test_history_lists_date_mode_grade_and_mos(
    window: MainWindow,
    history: HistoryStore,
    screenshot_dir: Path,
    earlier: dict[str, Any],
    later: dict[str, Any],
) -> None:
    history.add(earlier)
    history.add(later)
    window.show_history()
    table = window.history.table
    assert table.rowCount() == 2
    row = [table.item(0, c).text() for c in range(4)]
    assert row[1:] == ["Quick local check", "Good", "4.2"]  # the one MOS formatter
    assert row[0].startswith("2026-11-2")


def test_open_shows_the_stored_report_on_the_results_screen(
    window: MainWindow, history: HistoryStore, qtbot: QtBot, earlier: dict[str, Any]
) -> None:
    history.add(earlier)
    window.show_history()
    qtbot.keyClick(window.history.table, Qt.Key.Key_Return)
    results = window.resultsScreen()
    assert window.stack.currentWidget() is results
    assert results.gauge.value == pytest.approx(3.52)
    assert "From the history" in results.note.text()
    assert not results.compareButton.isEnabled()  # nothing earlier


def test_compare_two_selected_tests(
    window: MainWindow,
    history: HistoryStore,
    qtbot: QtBot,
    earlier: dict[str, Any],
    later: dict[str, Any],
) -> None:
    history.add(later)
    history.add(earlier)
    window.show_history()
    window.history.selectRows([0, 1])
    assert window.history.compareButton.isEnabled()
    qtbot.mouseClick(window.history.compareButton, Qt.MouseButton.LeftButton)
    screen = window.compareScreen
    assert window.stack.currentWidget() is screen
    cells = [[screen.table.item(r, c).text() for c in range(4)] for r in range(1, 5)]
    assert cells[0] == ["MOS", "3.5", "4.2", "+0.7 (better)"]
    assert cells[1] == ["Round trip", "180 ms", "60 ms", "−120 ms (better)"]
    assert "Poor 3.5" in screen.table.item(0, 1).text()
    qtbot.mouseClick(screen.backButton, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.history


def test_results_compare_with_the_previous_test(
    window: MainWindow,
    history: HistoryStore,
    qtbot: QtBot,
    earlier: dict[str, Any],
    later: dict[str, Any],
) -> None:
    history.add(earlier)
    history.add(later)
    window.show_history()
    window.history.selectRows([0])  # the later one
    window.history.open_selected()
    results = window.resultsScreen()
    assert results.compareButton.isEnabled()
    qtbot.mouseClick(results.compareButton, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.compareScreen
    assert window.compareScreen.table.item(1, 3).text() == "+0.7 (better)"
    qtbot.mouseClick(window.compareScreen.backButton, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is results


@pytest.mark.parametrize(
    ("answer", "remaining"),
    [(QMessageBox.StandardButton.Cancel, 2), (QMessageBox.StandardButton.Yes, 1)],
    ids=["cancelled", "confirmed"],
)
def test_delete_asks_first(
    window: MainWindow,
    history: HistoryStore,
    qtbot: QtBot,
    answer: QMessageBox.StandardButton,
    remaining: int,
    earlier: dict[str, Any],
    later: dict[str, Any],
) -> None:
    history.add(earlier)
    history.add(later)
    window.show_history()
    window.history.selectRows([0])
    qtbot.mouseClick(window.history.deleteButton, Qt.MouseButton.LeftButton)
    box = window.history.confirmBox
    qtbot.waitUntil(box.isVisible)
    assert "cannot be undone" in box.text()
    box.button(answer).click()
    assert len(history.entries()) == remaining
    assert window.history.table.rowCount() == remaining
    if remaining == 1:
        assert history.entries()[0].mos == pytest.approx(3.52)  # the later one went


@pytest.mark.parametrize("suffix", [".json", ".html", ".pdf"])
def test_export_from_history_writes_the_file(
    window: MainWindow, history: HistoryStore, tmp_path: Path, suffix: str, later: dict[str, Any]
) -> None:
    history.add(later)
    window.show_history()
    path = tmp_path / f"exported{suffix}"
    assert window.history.export_selected(path)
    assert "Exported" in window.history.message.text()
    content = path.read_bytes()
    if suffix == ".json":
        assert json.loads(content) == later
    elif suffix == ".html":
        assert b"<html" in content
        assert later["id"].encode() in content
    else:
        assert content.startswith(b"%PDF")
        assert len(content) > 2000


@pytest.mark.parametrize("suffix", [".json", ".html", ".pdf"])
def test_save_report_from_results(
    window: MainWindow, history: HistoryStore, tmp_path: Path, suffix: str, later: dict[str, Any]
) -> None:
    history.add(later)
    window.show_history()
    window.history.open_selected()
    results = window.resultsScreen()
    path = tmp_path / f"saved{suffix}"
    assert results.save_report(path)
    assert path.stat().st_size > 0
    assert "saved" in results.message.text()


def test_save_to_an_unwritable_place_says_so(
    window: MainWindow, tmp_path: Path, later: dict[str, Any]
) -> None:
    window.resultsScreen().show_report(later)
    assert not window.resultsScreen().save_report(tmp_path / "missing-dir" / "r.json")
    assert "Could not save" in window.resultsScreen().message.text()


def test_copy_summary_puts_the_helpdesk_text_on_the_clipboard(
    window: MainWindow, later: dict[str, Any]
) -> None:
    results = window.resultsScreen()
    results.show_report(later)
    results.copyButton.click()
    assert QGuiApplication.clipboard().text() == summary_text(later)
    assert "MOS 4.21" in QGuiApplication.clipboard().text()


def test_pdf_layout_has_the_verdict_and_numbers(
    tmp_path: Path, qtbot: QtBot, later: dict[str, Any]
) -> None:
    from callcheck.gui.report_export import print_document

    text = print_document(later).toPlainText()
    for expected in ("Good", "Round trip", "Why this score", "What to do", "Opus 32k + FEC"):
        assert expected in text
    assert export_report(later, tmp_path / "r.pdf") == "pdf"


def test_the_mos_change_is_the_difference_of_the_printed_figures(
    earlier: dict[str, Any], later: dict[str, Any]
) -> None:
    earlier["verdict"]["mos"], later["verdict"]["mos"] = 3.52, 4.47
    mos = compare(earlier, later)[0]
    assert (mos.value_text(mos.earlier), mos.value_text(mos.later)) == ("3.5", "4.4")
    assert mos.delta_text() == "+0.9 (better)"
