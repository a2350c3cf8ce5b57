"""The fleet store on PostgreSQL (asyncpg): several `callcheck serve` instances share it.

Migrations run under a transaction-scoped advisory lock, so instances starting together apply
each one exactly once. The summary is one SQL statement per part (aggregates with
``percentile_cont``, then failure reasons), so it stays fast on millions of rows.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Final

import asyncpg

from callcheck.server.store.migrations import POSTGRES
from callcheck.server.store.model import (
    COLUMNS,
    LOW_PERCENTILE,
    PASS_MARK_MOS,
    FleetRecord,
    ReportPage,
    ReportQuery,
    SummaryBy,
    SummaryRow,
    encode_cursor,
    top_reasons,
)

__all__ = ["PostgresStore"]

#: Key of the advisory lock held while migrating ("CCFLEET1" as a 64-bit integer).
MIGRATION_LOCK: Final = 0x4343464C45455431
#: Connections per instance: ingest and reads overlap, but a reflector is not a database.
POOL_SIZE: Final = 5

_GROUP_SQL: Final = {
    "site": "site",
    "host": "host",
    "hour": "to_char(date_trunc('hour', started_at AT TIME ZONE 'UTC'), "
    '\'YYYY-MM-DD"T"HH24":00:00+00:00"\')',
}
_SELECT: Final = "SELECT " + ", ".join((*COLUMNS, "report::text AS report")) + " FROM fleet_reports"


def _record(row: Any) -> FleetRecord:
    values = {name: row[name] for name in COLUMNS}
    values["report"] = json.loads(row["report"])
    return FleetRecord(**values)


class PostgresStore:
    """:class:`~callcheck.server.store.model.Store` on PostgreSQL."""

    def __init__(self, dsn: str, *, clock: Callable[[], datetime], retention_days: float) -> None:
        self._dsn = dsn
        self._clock = clock
        self._retention = timedelta(days=retention_days)
        self._pool: Any = None

    def _require_pool(self) -> Any:
        if self._pool is None:
            raise RuntimeError("the store is not open")
        return self._pool

    async def open(self) -> None:
        self._pool = await asyncpg.create_pool(self._dsn, min_size=1, max_size=POOL_SIZE)
        async with self._pool.acquire() as db, db.transaction():
            await db.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
            await db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version integer PRIMARY KEY, applied_at timestamptz NOT NULL)"
            )
            done = {r["version"] for r in await db.fetch("SELECT version FROM schema_migrations")}
            for version, sql in POSTGRES:
                if version not in done:
                    await db.execute(sql)
                    await db.execute(
                        "INSERT INTO schema_migrations VALUES ($1, $2)", version, self._clock()
                    )

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None

    async def schema_version(self) -> int:
        version = await self._require_pool().fetchval(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"
        )
        return int(version)

    async def add_report(self, record: FleetRecord) -> bool:
        values = [getattr(record, c) for c in COLUMNS]
        placeholders = [f"${i}" for i in range(1, len(COLUMNS) + 1)]
        placeholders.append(f"${len(COLUMNS) + 1}::jsonb")
        status = await self._require_pool().execute(
            f"INSERT INTO fleet_reports ({', '.join(COLUMNS)}, report) "
            f"VALUES ({', '.join(placeholders)}) ON CONFLICT (id) DO NOTHING",
            *values,
            json.dumps(record.report),
        )
        return str(status) == "INSERT 0 1"

    async def get_report(self, report_id: str) -> FleetRecord | None:
        row = await self._require_pool().fetchrow(f"{_SELECT} WHERE id = $1", report_id)
        return None if row is None else _record(row)

    async def list_reports(self, query: ReportQuery) -> ReportPage:
        where, params = _filters(query.since, query.until)
        if query.site is not None:
            params.append(query.site)
            where.append(f"site = ${len(params)}")
        if query.host is not None:
            params.append(query.host)
            where.append(f"host = ${len(params)}")
        if query.after is not None:
            params += [query.after[0], query.after[1]]
            where.append(f"(started_at, id) < (${len(params) - 1}, ${len(params)})")
        params.append(query.limit + 1)
        sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
        sql += f" ORDER BY started_at DESC, id DESC LIMIT ${len(params)}"
        rows = await self._require_pool().fetch(sql, *params)
        records = [_record(row) for row in rows]
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
        group = _GROUP_SQL[by]
        where, params = _filters(since, until)
        if site is not None:
            params.append(site)
            where.append(f"site = ${len(params)}")
        clause = " WHERE " + " AND ".join(where) if where else ""
        joiner = " AND" if clause else " WHERE"
        pool = self._require_pool()
        aggregates = await pool.fetch(
            f"SELECT {group} AS k, COUNT(*) AS n, COUNT(mos) AS rated, AVG(mos) AS mean_mos, "
            f"percentile_cont({LOW_PERCENTILE / 100}) WITHIN GROUP (ORDER BY mos) AS p10, "
            f"AVG(CASE WHEN mos IS NULL THEN NULL WHEN mos < {PASS_MARK_MOS} THEN 1.0 "
            "ELSE 0.0 END) AS below, AVG(loss_pct) AS loss, AVG(jitter_ms) AS jitter, "
            f"AVG(rtt_ms) AS rtt FROM fleet_reports{clause} GROUP BY k ORDER BY k",
            *params,
        )
        reasons = await pool.fetch(
            f"SELECT {group} AS k, failure_reason, COUNT(*) AS n FROM fleet_reports{clause}"
            f"{joiner} failure_reason IS NOT NULL GROUP BY k, failure_reason",
            *params,
        )
        top = top_reasons([(r["k"], r["failure_reason"], r["n"]) for r in reasons])
        return tuple(
            SummaryRow(
                key=row["k"],
                count=row["n"],
                rated=row["rated"],
                mean_mos=_float(row["mean_mos"]),
                p10_mos=_float(row["p10"]),
                below_pass_share=_float(row["below"]),
                mean_loss_pct=_float(row["loss"]),
                mean_jitter_ms=_float(row["jitter"]),
                mean_rtt_ms=_float(row["rtt"]),
                top_failure_reasons=top.get(row["k"], ()),
            )
            for row in aggregates
        )

    async def purge(self) -> int:
        status = await self._require_pool().execute(
            "DELETE FROM fleet_reports WHERE received_at < $1", self._clock() - self._retention
        )
        return int(str(status).rsplit(" ", 1)[-1])


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _filters(since: datetime | None, until: datetime | None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if since is not None:
        params.append(since)
        where.append(f"started_at >= ${len(params)}")
    if until is not None:
        params.append(until)
        where.append(f"started_at < ${len(params)}")
    return where, params
