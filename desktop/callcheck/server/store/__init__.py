"""The server store: one interface, SQLite embedded by default, PostgreSQL when configured.

``open_store(config.database, …)`` picks the back end from the setting: ``postgresql://…`` (or
``postgres://…``) → :class:`~.postgres.PostgresStore`; a file path → :class:`~.sqlite.SqliteStore`
on it; ``None`` → SQLite in the user's data directory, so `callcheck serve` needs no set-up.
The live view and rooms across instances (issues 17 and 20) extend the same :class:`Store`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Final

from callcheck.server.store.model import (
    FleetRecord,
    LiveRun,
    LiveShare,
    ReportPage,
    ReportQuery,
    Store,
    SummaryBy,
    SummaryRow,
    record_from_report,
)

__all__ = [
    "DATA_DIR_ENV",
    "FleetRecord",
    "LiveRun",
    "LiveShare",
    "ReportPage",
    "ReportQuery",
    "Store",
    "SummaryBy",
    "SummaryRow",
    "default_sqlite_path",
    "is_postgres",
    "open_store",
    "record_from_report",
]

#: Overrides the directory of the default SQLite file (as the GUI's history store does).
DATA_DIR_ENV: Final = "CALLCHECK_DATA_DIR"
SQLITE_FILE_NAME: Final = "server-store.sqlite3"


def default_sqlite_path() -> Path:
    """``$CALLCHECK_DATA_DIR/server-store.sqlite3``, else in the user's data directory."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override) / SQLITE_FILE_NAME
    import platformdirs

    return Path(platformdirs.user_data_dir("CallCheck", appauthor=False)) / SQLITE_FILE_NAME


def is_postgres(database: str | None) -> bool:
    """True when ``database`` names a PostgreSQL server."""
    return database is not None and database.startswith(("postgresql://", "postgres://"))


def open_store(
    database: str | None, *, clock: Callable[[], datetime], retention_days: float
) -> Store:
    """The store for the ``database`` setting (not yet opened: ``await store.open()``)."""
    if is_postgres(database):
        assert database is not None
        from callcheck.server.store.postgres import PostgresStore

        return PostgresStore(database, clock=clock, retention_days=retention_days)
    from callcheck.server.store.sqlite import SqliteStore

    path = default_sqlite_path() if database is None else database
    return SqliteStore(path, clock=clock, retention_days=retention_days)
