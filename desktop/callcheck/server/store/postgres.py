"""The fleet store on PostgreSQL (asyncpg): several `callcheck serve` instances share it.

Migrations run under a transaction-scoped advisory lock, so instances starting together apply
each one exactly once. The summary (:mod:`.summary_sql`: the hourly rollup plus the rows for
what it cannot give) runs its parts side by side on the pool; tests/benchmarks/
bench_fleet_store.py times it on a million rows.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Final

import asyncpg

from callcheck.server.store import summary_sql
from callcheck.server.store.migrations import POSTGRES
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
)
from callcheck.server.store.summary_sql import SummaryQuery, lows_from_scores, summary_rows

__all__ = ["PostgresStore"]

#: Key of the advisory lock held while migrating ("CCFLEET1" as a 64-bit integer).
MIGRATION_LOCK: Final = 0x4343464C45455431
#: Connections per instance: ingest and reads overlap, but a reflector is not a database.
POOL_SIZE: Final = 5
#: The summary by hour reads its window in this many slices of whole hours at once, each on
#: its own connection: PostgreSQL does not run an ordered-set aggregate (the exact p10) in
#: parallel by itself, and hours never straddle two slices, so each slice's groups are final.
#: One connection of the pool stays for the failure reasons read beside them.
HOUR_SLICES: Final = POOL_SIZE - 1
#: No slicing below this many hours a slice (a day or two reads fast in one pass).
MIN_SLICE_HOURS: Final = 24

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
        sql, params = summary_sql.report_list(summary_sql.POSTGRES, _SELECT, query)
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
        pool = self._require_pool()
        query = SummaryQuery(summary_sql.POSTGRES, by, since, until, site)

        async def fetch(sql_params: tuple[str, list[Any]], *, in_index_order: bool) -> list[Any]:
            sql, params = sql_params
            async with pool.acquire() as db, db.transaction():
                if in_index_order:
                    # Many groups: read the (group, …) index in order by itself (an index-only
                    # scan). With the default costs the planner would rather hash a whole-table
                    # scan, measured 1.5-2x slower on a million rows (tests/benchmarks/).
                    await db.execute("SET LOCAL enable_seqscan = off")
                rows: list[Any] = await db.fetch(sql, *params)
                return rows

        reasons_of = fetch(query.reasons(), in_index_order=by != "site")
        figures: list[Any]
        reasons: list[Any]
        if by == "site":
            # Few groups: the rollup's sums, and (group, MOS, count) rows for the percentile —
            # at most 401 a group (MOS to 2 decimals).
            figures, scores, reasons = await asyncio.gather(
                fetch(query.figures(), in_index_order=False),
                fetch(query.scores(), in_index_order=False),
                reasons_of,
            )
            low = lows_from_scores([(query.key(r[0]), r[1], r[2]) for r in scores])
        else:
            # Many groups: every figure in one pass over the (group, MOS) index; by hour in
            # slices of whole hours at once (each slice's groups are final).
            queries = (
                [query]
                if by == "host"
                else [
                    SummaryQuery(summary_sql.POSTGRES, by, low, high, site)
                    for low, high in await self._hour_slices(since, until, site)
                ]
            )
            *parts, reasons = await asyncio.gather(
                *(fetch(q.figures_and_low(), in_index_order=True) for q in queries), reasons_of
            )
            figures = [row for part in parts for row in part]
            low = {  # a host without a rated test has no p10
                query.key(r["k"]): (float(r["p10"]), int(r["below"]))
                for r in figures
                if r["p10"] is not None
            }
        return summary_rows(
            [(query.key(r[0]), *tuple(r)[1:10]) for r in figures],
            [(query.key(r[0]), r[1], r[2]) for r in reasons],
            low,
        )

    async def _hour_slices(
        self, since: datetime | None, until: datetime | None, site: str | None
    ) -> list[tuple[datetime | None, datetime | None]]:
        """[since, until) cut at whole hours into up to :data:`HOUR_SLICES` parts of about as
        many hours each (the open ends closed at the first and last test's start). One site's
        rows are read through the site's index, one slice: each slice would read them all."""
        low, high = since, until
        if site is not None:
            return [(since, until)]
        if low is None or high is None:
            first, last = await self._require_pool().fetchrow(
                "SELECT min(started_at), max(started_at) FROM fleet_reports"
            )
            if first is None:
                return [(since, until)]
            low = first if low is None else low
            high = last + timedelta(microseconds=1) if high is None else high
        hours = (high - low) / timedelta(hours=1)
        slices = min(HOUR_SLICES, int(hours // MIN_SLICE_HOURS))
        if slices < 2:
            return [(since, until)]
        start = low.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
        cuts = [start + timedelta(hours=round(i * hours / slices)) for i in range(1, slices)]
        cuts = [cut for cut in cuts if low < cut < high]
        bounds: list[datetime | None] = [since, *cuts, until]
        return list(itertools.pairwise(bounds))

    async def purge(self) -> int:
        status = await self._require_pool().execute(
            "DELETE FROM fleet_reports WHERE received_at < $1", self._clock() - self._retention
        )
        return int(str(status).rsplit(" ", 1)[-1])

    # ------------------------------------------------------------------ live view (issue 17)

    async def add_live_share(self, share: LiveShare) -> bool:
        status = await self._require_pool().execute(
            "INSERT INTO live_shares (code, secret_sha256, created_at, expires_at) "
            "VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING",
            share.code,
            share.secret_sha256,
            share.created_at,
            share.expires_at,
        )
        return str(status) == "INSERT 0 1"

    async def get_live_share(self, code: str) -> LiveShare | None:
        row = await self._require_pool().fetchrow(
            "SELECT code, secret_sha256, created_at, expires_at FROM live_shares WHERE code = $1",
            code,
        )
        if row is None:
            return None
        return LiveShare(row["code"], row["secret_sha256"], row["created_at"], row["expires_at"])

    async def add_live_run(self, run: LiveRun) -> bool:
        status = await self._require_pool().execute(
            "INSERT INTO live_runs (code, run, stored_at, report) VALUES ($1, $2, $3, $4::jsonb) "
            "ON CONFLICT (code, run) DO NOTHING",
            run.code,
            run.run,
            run.stored_at,
            json.dumps(dict(run.report)),
        )
        return str(status) == "INSERT 0 1"

    async def live_runs(self, code: str) -> tuple[LiveRun, ...]:
        rows = await self._require_pool().fetch(
            "SELECT code, run, stored_at, report::text AS report FROM live_runs "
            "WHERE code = $1 ORDER BY run",
            code,
        )
        return tuple(
            LiveRun(r["code"], r["run"], r["stored_at"], json.loads(r["report"])) for r in rows
        )

    async def purge_live(self, created_before: datetime) -> int:
        # The runs go with their share (ON DELETE CASCADE).
        status = await self._require_pool().execute(
            "DELETE FROM live_shares WHERE created_at < $1", created_before
        )
        return int(str(status).rsplit(" ", 1)[-1])
