"""The test history: every finished report in an SQLite file under the user's data directory.

No widgets on purpose (the model half of the History screen; Qt only translates its
messages): it stores and reads report JSON dicts (``Report.to_json()``) and the figures the
list shows (date, mode, grade, MOS). The window writes a report here *before* it shows the
Results screen, so a result is never lost.

A file SQLite cannot read is moved aside (renamed with a timestamp) and a fresh history is
started; :attr:`HistoryStore.problem` then carries the message the window shows.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from callcheck.core.report import upgrade
from callcheck.gui import texts

#: Overrides the data directory (tests, portable installs).
DATA_DIR_ENV: Final = "CALLCHECK_DATA_DIR"
DB_NAME: Final = "history.sqlite3"

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS reports (
    row_id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id TEXT NOT NULL,
    started_at TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    mode TEXT NOT NULL,
    grade TEXT,
    mos REAL,
    report_json TEXT NOT NULL
)
"""


class HistoryError(Exception):
    """The history could not be read or written; the message is for the user."""


def data_dir() -> Path:
    """``$CALLCHECK_DATA_DIR``, else the user's data directory (platformdirs)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("CallCheck", appauthor=False))


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One stored test, as the History list shows it."""

    row_id: int
    """Database key (stable while the entry exists)."""
    report_id: str
    """The report's ``id``."""
    started_at: str
    """When the test started (ISO 8601, from the report)."""
    mode: str
    """``loopback``, ``server`` or ``peer``."""
    grade: str | None
    """The grade word, None when nothing was measured."""
    mos: float | None
    """The report's MOS (``verdict.mos``), None when nothing was measured."""

    def date_text(self) -> str:
        """The start time in the user's local time zone, to the minute."""
        try:
            when = datetime.fromisoformat(self.started_at)
        except ValueError:
            return self.started_at
        if when.tzinfo is not None:
            when = when.astimezone()
        return when.strftime("%Y-%m-%d %H:%M")


def _float_or_none(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


class HistoryStore:
    """Reads and writes the history database; every method raises only :class:`HistoryError`."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / DB_NAME
        self.problem: str | None = None
        """Set when the file was damaged and moved aside (the message for the user)."""
        self._db: sqlite3.Connection | None = None

    # ------------------------------------------------------------------ opening

    def _connect(self) -> sqlite3.Connection:
        if self._db is not None:
            return self._db
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HistoryError(texts.HISTORY_UNWRITABLE.format(path=self.path, error=exc)) from exc
        try:
            self._db = self._open_checked()
        except sqlite3.DatabaseError:
            self._move_aside()
            try:
                self._db = self._open_checked()
            except sqlite3.Error as exc:
                raise HistoryError(
                    texts.HISTORY_UNWRITABLE.format(path=self.path, error=exc)
                ) from exc
        return self._db

    def _open_checked(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        try:
            (status,) = db.execute("PRAGMA quick_check").fetchone()
            if status != "ok":
                raise sqlite3.DatabaseError(status)
            db.execute(_SCHEMA)
            db.execute("SELECT row_id, report_json FROM reports LIMIT 1").fetchall()
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _move_aside(self) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        damaged = self.path.with_name(f"{self.path.stem}.damaged-{stamp}{self.path.suffix}")
        try:
            self.path.replace(damaged)
        except OSError as exc:
            raise HistoryError(texts.HISTORY_UNWRITABLE.format(path=self.path, error=exc)) from exc
        for suffix in ("-journal", "-wal", "-shm"):  # stale side files of the damaged database
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink()
        self.problem = texts.HISTORY_DAMAGED.format(path=damaged)

    def open(self) -> None:
        """Open (or create) the database now, moving a damaged file aside."""
        self._connect()

    def close(self) -> None:
        """Close the database (it reopens on next use)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    # ------------------------------------------------------------------ reading and writing

    def add(self, report: Mapping[str, Any]) -> HistoryEntry:
        """Store a finished report (its JSON dict); returns the new entry. Committed on return."""
        verdict = report.get("verdict") or {}
        grade = verdict.get("grade")
        entry_values = (
            str(report.get("id", "")),
            str(report.get("started_at", "")),
            datetime.now().astimezone().isoformat(timespec="seconds"),
            str(report.get("mode", "")),
            None if grade is None else str(grade),
            _float_or_none(verdict.get("mos")),
            json.dumps(report, separators=(",", ":")),
        )
        try:
            cursor = self._connect().execute(
                "INSERT INTO reports (report_id, started_at, saved_at, mode, grade, mos,"
                " report_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
                entry_values,
            )
        except sqlite3.Error as exc:
            raise HistoryError(texts.HISTORY_WRITE_FAILED.format(error=exc)) from exc
        row_id = cursor.lastrowid
        assert row_id is not None
        return HistoryEntry(row_id, *entry_values[:2], entry_values[3], grade, entry_values[5])

    def entries(self) -> list[HistoryEntry]:
        """Every stored test, newest first."""
        try:
            rows = (
                self._connect()
                .execute(
                    "SELECT row_id, report_id, started_at, mode, grade, mos FROM reports"
                    " ORDER BY started_at DESC, row_id DESC"
                )
                .fetchall()
            )
        except sqlite3.Error as exc:
            raise HistoryError(texts.HISTORY_READ_FAILED.format(error=exc)) from exc
        return [HistoryEntry(*row) for row in rows]

    def report(self, row_id: int) -> dict[str, Any]:
        """The stored report of an entry, upgraded to the current schema."""
        try:
            row = (
                self._connect()
                .execute("SELECT report_json FROM reports WHERE row_id = ?", (row_id,))
                .fetchone()
            )
        except sqlite3.Error as exc:
            raise HistoryError(texts.HISTORY_READ_FAILED.format(error=exc)) from exc
        if row is None:
            raise HistoryError(texts.HISTORY_MISSING)
        try:
            return upgrade(json.loads(row[0]))
        except ValueError as exc:  # JSONDecodeError and ReportFormatError
            raise HistoryError(texts.HISTORY_READ_FAILED.format(error=exc)) from exc

    def previous(self, row_id: int) -> HistoryEntry | None:
        """The test stored just before ``row_id`` (by start time), if any."""
        entries = self.entries()
        for i, entry in enumerate(entries):
            if entry.row_id == row_id:
                return entries[i + 1] if i + 1 < len(entries) else None
        return None

    def delete(self, row_id: int) -> None:
        """Remove an entry."""
        try:
            self._connect().execute("DELETE FROM reports WHERE row_id = ?", (row_id,))
        except sqlite3.Error as exc:
            raise HistoryError(texts.HISTORY_WRITE_FAILED.format(error=exc)) from exc
