"""The embedded fleet store: one SQLite file, no set-up.

sqlite3 blocks, so every statement runs on one dedicated worker thread (a single-thread
executor): the event loop never waits on the disk, and the one connection is never shared
between threads. WAL journaling lets readers run while a report is written.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Final, TypeVar

from callcheck.server.store import summary_sql
from callcheck.server.store.migrations import SQLITE
from callcheck.server.store.model import (
    COLUMNS,
    FleetRecord,
    LiveRun,
    LiveShare,
    ReportPage,
    ReportQuery,
    SummaryBy,
    SummaryRow,
    encode_cursor,
    from_us,
    to_us,
)
from callcheck.server.store.summary_sql import SummaryQuery, lows_from_scores, summary_rows

__all__ = ["SqliteStore"]

_T = TypeVar("_T")

#: How long a writer waits for another process's lock before failing.
BUSY_TIMEOUT_S: Final = 30.0

_SELECT: Final = (
    "SELECT id, received_at_us, started_at_us, host, client_address, site, building, "
    "network_type, mode, codec, mos, grade, passed, rtt_ms, jitter_ms, loss_pct, "
    "failure_reason, report FROM fleet_reports"
)


def _record(row: tuple[Any, ...]) -> FleetRecord:
    values = dict(zip((*COLUMNS, "report"), row, strict=True))
    values["received_at"] = from_us(values["received_at"])
    values["started_at"] = from_us(values["started_at"])
    values["passed"] = bool(values["passed"])
    values["report"] = json.loads(values["report"])
    return FleetRecord(**values)


def _use_wal(db: sqlite3.Connection) -> None:
    """Put the file in WAL mode (it stays so), waiting for the other workers of the same server.

    Workers start together and open the same file: switching the journal mode needs the file to
    itself, and the worker that lost the race got "database is locked" at once, busy timeout or
    not (seen: ``serve --workers 2`` failing to start on a new file).
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            (mode,) = db.execute("PRAGMA journal_mode").fetchone()
            if str(mode).lower() != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class SqliteStore:
    """:class:`~callcheck.server.store.model.Store` on a SQLite file (``":memory:"`` works)."""

    def __init__(
        self, path: Path | str, *, clock: Callable[[], datetime], retention_days: float
    ) -> None:
        self._path = str(path)
        self._clock = clock
        self._retention = timedelta(days=retention_days)
        self._executor: ThreadPoolExecutor | None = None
        self._db: sqlite3.Connection | None = None

    async def _run(self, fn: Callable[[sqlite3.Connection], _T]) -> _T:
        if self._executor is None or self._db is None:
            raise RuntimeError("the store is not open")
        db = self._db
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, db)

    async def open(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fleet-sqlite")
        loop = asyncio.get_running_loop()

        def connect() -> sqlite3.Connection:
            if self._path != ":memory:":
                Path(self._path).parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(
                self._path,
                timeout=BUSY_TIMEOUT_S,
                isolation_level=None,  # explicit BEGIN/COMMIT below
                check_same_thread=False,  # one thread uses it: the executor's
            )
            _use_wal(db)
            db.execute("PRAGMA synchronous=NORMAL")
            return db

        self._db = await loop.run_in_executor(self._executor, connect)
        applied_at_us = to_us(self._clock())
        await self._run(lambda db: self._migrate(db, applied_at_us))

    @staticmethod
    def _migrate(db: sqlite3.Connection, applied_at_us: int) -> None:
        # BEGIN IMMEDIATE: two servers starting on one file migrate one after the other.
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, applied_at_us INTEGER NOT NULL)"
            )
            done = {v for (v,) in db.execute("SELECT version FROM schema_migrations")}
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        for version, sql in SQLITE:
            if version in done:
                continue
            db.execute("BEGIN IMMEDIATE")
            try:
                if db.execute(
                    "SELECT 1 FROM schema_migrations WHERE version = ?", (version,)
                ).fetchone():
                    db.execute("COMMIT")
                    continue
                for statement in _statements(sql):
                    db.execute(statement)
                db.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?)",
                    (version, applied_at_us),
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    async def close(self) -> None:
        if self._executor is None:
            return
        if self._db is not None:
            await self._run(lambda db: db.close())
        self._executor.shutdown(wait=True)
        self._executor = None
        self._db = None

    async def schema_version(self) -> int:
        def query(db: sqlite3.Connection) -> int:
            (version,) = db.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
            return int(version[0])

        return await self._run(query)

    async def add_report(self, record: FleetRecord) -> bool:
        values = record.columns()
        values["received_at"] = to_us(record.received_at)
        values["started_at"] = to_us(record.started_at)
        values["passed"] = int(record.passed)
        params = (*(values[c] for c in COLUMNS), json.dumps(record.report))

        def insert(db: sqlite3.Connection) -> bool:
            cursor = db.execute(
                "INSERT INTO fleet_reports VALUES (" + ", ".join("?" * len(params)) + ") "
                "ON CONFLICT (id) DO NOTHING",
                params,
            )
            return cursor.rowcount == 1

        return await self._run(insert)

    async def get_report(self, report_id: str) -> FleetRecord | None:
        def query(db: sqlite3.Connection) -> FleetRecord | None:
            row = db.execute(f"{_SELECT} WHERE id = ?", (report_id,)).fetchone()
            return None if row is None else _record(row)

        return await self._run(query)

    async def list_reports(self, query: ReportQuery) -> ReportPage:
        sql, params = summary_sql.report_list(summary_sql.SQLITE, _SELECT, query)

        def run(db: sqlite3.Connection) -> list[FleetRecord]:
            return [_record(row) for row in db.execute(sql, params)]

        records = await self._run(run)
        more = len(records) > query.limit
        records = records[: query.limit]
        cursor = encode_cursor(records[-1].started_at, records[-1].id) if more else None
        return ReportPage(tuple(records), cursor)

    async def summary(
        self,
        by: SummaryBy,
        since: datetime | None = None,
        until: datetime | None = None,
        site: str | None = None,
    ) -> tuple[SummaryRow, ...]:
        query = SummaryQuery(summary_sql.SQLITE, by, since, until, site)
        statements = (query.figures(), query.scores(), query.reasons())

        def run(db: sqlite3.Connection) -> list[list[Any]]:
            # One read transaction: the three parts see the same rows.
            db.execute("BEGIN")
            try:
                return [db.execute(sql, params).fetchall() for sql, params in statements]
            finally:
                db.execute("COMMIT")

        figures, scores, reasons = await self._run(run)
        return summary_rows(
            [(query.key(k), *rest) for k, *rest in figures],
            [(query.key(k), reason, n) for k, reason, n in reasons],
            lows_from_scores([(query.key(k), mos, n) for k, mos, n in scores]),
        )

    async def purge(self) -> int:
        cutoff = to_us(self._clock() - self._retention)

        def run(db: sqlite3.Connection) -> int:
            return db.execute(
                "DELETE FROM fleet_reports WHERE received_at_us < ?", (cutoff,)
            ).rowcount

        return await self._run(run)

    # ------------------------------------------------------------------ live view (issue 17)

    async def add_live_share(self, share: LiveShare) -> bool:
        params = (
            share.code,
            share.secret_sha256,
            to_us(share.created_at),
            to_us(share.expires_at),
        )

        def insert(db: sqlite3.Connection) -> bool:
            cursor = db.execute(
                "INSERT INTO live_shares (code, secret_sha256, created_at_us, expires_at_us) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING",
                params,
            )
            return cursor.rowcount == 1

        return await self._run(insert)

    async def get_live_share(self, code: str) -> LiveShare | None:
        def query(db: sqlite3.Connection) -> LiveShare | None:
            row = db.execute(
                "SELECT code, secret_sha256, created_at_us, expires_at_us FROM live_shares "
                "WHERE code = ?",
                (code,),
            ).fetchone()
            if row is None:
                return None
            return LiveShare(row[0], row[1], from_us(row[2]), from_us(row[3]))

        return await self._run(query)

    async def add_live_run(self, run: LiveRun) -> bool:
        params = (run.code, run.run, to_us(run.stored_at), json.dumps(dict(run.report)))

        def insert(db: sqlite3.Connection) -> bool:
            cursor = db.execute(
                "INSERT INTO live_runs (code, run, stored_at_us, report) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (code, run) DO NOTHING",
                params,
            )
            return cursor.rowcount == 1

        return await self._run(insert)

    async def live_runs(self, code: str) -> tuple[LiveRun, ...]:
        def query(db: sqlite3.Connection) -> tuple[LiveRun, ...]:
            rows = db.execute(
                "SELECT code, run, stored_at_us, report FROM live_runs WHERE code = ? ORDER BY run",
                (code,),
            )
            return tuple(LiveRun(c, r, from_us(at), json.loads(rep)) for c, r, at, rep in rows)

        return await self._run(query)

    async def purge_live(self, created_before: datetime) -> int:
        cutoff = to_us(created_before)

        def run(db: sqlite3.Connection) -> int:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute(
                    "DELETE FROM live_runs WHERE code IN "
                    "(SELECT code FROM live_shares WHERE created_at_us < ?)",
                    (cutoff,),
                )
                deleted = db.execute(
                    "DELETE FROM live_shares WHERE created_at_us < ?", (cutoff,)
                ).rowcount
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            return int(deleted)

        return await self._run(run)


def _statements(script: str) -> list[str]:
    """The statements of ``script``, whole: a trigger's body has semicolons of its own."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"an incomplete statement in a migration: {pending.strip()[:60]}")
    return statements
