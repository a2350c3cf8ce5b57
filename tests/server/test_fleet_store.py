"""The fleet store, the same specification against SQLite and a real PostgreSQL.

Figures are checked against truths computed here from the synthetic reports (means, the
linear-interpolation 10th percentile), not against what either back end says.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import numpy as np
import pytest
from fleet_helpers import T0, hours, make_report
from postgres_server import AVAILABLE, SKIP_REASON, postgres_server

from callcheck.server.store import (
    LiveRun,
    LiveShare,
    ReportQuery,
    Store,
    open_store,
    record_from_report,
)
from callcheck.server.store.migrations import POSTGRES, SQLITE
from callcheck.server.store.model import decode_cursor, percentile_of_counts

_T = TypeVar("_T")
_db_numbers = itertools.count()


class Clock:
    """A settable clock (the store's retention reads it)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    if not AVAILABLE:
        pytest.skip(SKIP_REASON)
    with postgres_server() as url:
        yield url


def _fresh_database(url: str) -> str:
    name = f"fleet_{next(_db_numbers)}"

    async def create() -> None:
        db = await asyncpg.connect(url)
        try:
            await db.execute(f"CREATE DATABASE {name}")
        finally:
            await db.close()

    asyncio.run(create())
    return url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "store.sqlite3")
    return _fresh_database(request.getfixturevalue("postgres_url"))


def run_with_store(
    database: str, scenario: Callable[[Store, Clock], Awaitable[_T]], retention_days: float = 400
) -> _T:
    clock = Clock(T0 + hours(100))

    async def main() -> _T:
        store = open_store(database, clock=clock, retention_days=retention_days)
        await store.open()
        try:
            return await scenario(store, clock)
        finally:
            await store.close()

    return asyncio.run(main())


def record(report: dict[str, Any], *, site: str = "HQ", host: str = "laptop-1", at: datetime = T0):
    return record_from_report(
        report, received_at=at, client_address="10.1.2.3", host=host, site=site
    )


def test_migrations_apply_once_and_reopening_keeps_the_data(database: str) -> None:
    async def first(store: Store, clock: Clock) -> int:
        assert await store.add_report(record(make_report("r1")))
        return await store.schema_version()

    async def second(store: Store, clock: Clock) -> tuple[int, bool]:
        return await store.schema_version(), (await store.get_report("r1")) is not None

    assert run_with_store(database, first) == len(SQLITE) == len(POSTGRES)
    assert run_with_store(database, second) == (len(SQLITE), True)


def test_a_report_is_stored_once_by_id_with_its_key_figures(database: str) -> None:
    report = make_report(
        "dup", mos=3.5, rtt_ms=(80.0, 120.0), jitter_ms=(9.0, 4.0), loss_pct=(2.5, 0.25)
    )

    async def scenario(store: Store, clock: Clock) -> Any:
        first = await store.add_report(record(report))
        again = await store.add_report(record(report, site="elsewhere"))
        page = await store.list_reports(ReportQuery())
        return first, again, page.records, await store.get_report("dup")

    first, again, rows, stored = run_with_store(database, scenario)
    assert (first, again) == (True, False)
    assert [r.id for r in rows] == ["dup"]
    assert stored is not None
    assert stored.site == "HQ"  # the duplicate changed nothing
    # The one worse direction (core.rating.worse_direction: more loss, here the uplink) gives
    # all three figures; never a mix of the two directions.
    assert (stored.rtt_ms, stored.jitter_ms, stored.loss_pct) == (80.0, 9.0, 2.5)
    assert (stored.mos, stored.grade, stored.passed) == (3.5, "Poor", False)
    assert stored.failure_reason == "quality:delay"
    assert stored.started_at == T0
    assert stored.report == report


def test_listing_filters_and_pages_newest_first_without_gaps(database: str) -> None:
    async def scenario(store: Store, clock: Clock) -> Any:
        for i in range(7):
            site = "HQ" if i % 2 == 0 else "Branch"
            await store.add_report(
                record(make_report(f"r{i}", started_at=T0 + hours(i)), site=site, host=f"h{i % 3}")
            )
        pages, cursor = [], None
        while True:
            after = decode_cursor(cursor) if cursor else None
            page = await store.list_reports(ReportQuery(limit=3, after=after))
            pages.append([r.id for r in page.records])
            cursor = page.next_cursor
            if cursor is None:
                break
        hq = await store.list_reports(ReportQuery(site="HQ"))
        host = await store.list_reports(ReportQuery(host="h1"))
        window = await store.list_reports(ReportQuery(since=T0 + hours(2), until=T0 + hours(5)))
        return (
            pages,
            [r.id for r in hq.records],
            [r.id for r in host.records],
            [r.id for r in window.records],
        )

    pages, hq, host, window = run_with_store(database, scenario)
    assert pages == [["r6", "r5", "r4"], ["r3", "r2", "r1"], ["r0"]]
    assert hq == ["r6", "r4", "r2", "r0"]
    assert host == ["r4", "r1"]
    assert window == ["r4", "r3", "r2"]


MOS_HQ = [4.4, 4.1, 3.2, 2.9, 4.3, 3.9]
MOS_BRANCH = [4.4, 4.2]


def _truth(values: list[float]) -> tuple[float, float, float]:
    arr = np.array(values)
    # percentile_cont(0.1): linear interpolation between closest ranks (numpy's default).
    return float(arr.mean()), float(np.percentile(arr, 10)), float((arr < 4.0).mean())


def test_summary_by_site_matches_the_truth(database: str) -> None:
    async def scenario(store: Store, clock: Clock) -> Any:
        n = 0
        for site, scores in (("HQ", MOS_HQ), ("Branch", MOS_BRANCH)):
            for mos in scores:
                n += 1
                report = make_report(f"s{n}", mos=mos, loss_pct=(float(n), 0.0))
                await store.add_report(record(report, site=site, host=f"pc-{site}"))
        # One HQ test that could not run: counted, not rated.
        await store.add_report(
            record(make_report("e1", mos=None, error_code="no_audio"), host="pc-HQ")
        )
        return await store.summary("site"), await store.summary("host")

    by_site, by_host = run_with_store(database, scenario)
    # The two groupings are planned differently on PostgreSQL; they must agree.
    assert [(r.count, r.p10_mos, r.top_failure_reasons) for r in by_site] == [
        (r.count, r.p10_mos, r.top_failure_reasons) for r in by_host
    ]
    rows = {row.key: row for row in by_site}
    assert set(rows) == {"Branch", "HQ"}
    hq = rows["HQ"]
    mean, p10, below = _truth(MOS_HQ)
    assert (hq.count, hq.rated) == (7, 6)
    assert hq.mean_mos == pytest.approx(mean)
    assert hq.p10_mos == pytest.approx(p10)
    assert hq.below_pass_share == pytest.approx(below)
    assert hq.mean_loss_pct == pytest.approx(np.mean([1, 2, 3, 4, 5, 6, 1.5]))
    assert [(r.reason, r.count) for r in hq.top_failure_reasons] == [
        ("quality:delay", 3),
        ("error:no_audio", 1),
    ]
    branch = rows["Branch"]
    assert branch.p10_mos == pytest.approx(_truth(MOS_BRANCH)[1])
    assert branch.top_failure_reasons == ()


def test_summary_by_hour_and_since(database: str) -> None:
    async def scenario(store: Store, clock: Clock) -> Any:
        for i, minutes in enumerate((0, 30, 59, 60, 150)):
            at = T0 + timedelta(minutes=minutes)
            await store.add_report(record(make_report(f"t{i}", started_at=at)))
        await store.add_report(record(make_report("other"), site="Branch"))
        return await store.summary("hour", site="HQ"), await store.summary(
            "host", since=T0 + hours(1)
        )

    by_hour, by_host = run_with_store(database, scenario)
    assert [(r.key, r.count) for r in by_hour] == [
        ("2026-11-30T08:00:00+00:00", 3),
        ("2026-11-30T09:00:00+00:00", 1),
        ("2026-11-30T10:00:00+00:00", 1),
    ]
    assert [(r.key, r.count) for r in by_host] == [("laptop-1", 2)]


def test_retention_deletes_what_arrived_before_the_window(database: str) -> None:
    async def scenario(store: Store, clock: Clock) -> Any:
        clock.now = datetime(2027, 1, 1, tzinfo=UTC)
        await store.add_report(record(make_report("old"), at=clock.now - timedelta(days=31)))
        await store.add_report(record(make_report("new"), at=clock.now - timedelta(days=29)))
        deleted = await store.purge()
        page = await store.list_reports(ReportQuery())
        return deleted, [r.id for r in page.records]

    assert run_with_store(database, scenario, retention_days=30) == (1, ["new"])


@pytest.mark.parametrize(
    "values",
    [
        pytest.param([4.2], id="one"),
        pytest.param([4.4, 4.1, 3.2, 2.9, 4.3, 3.9], id="distinct"),
        pytest.param([3.0, 3.0, 3.0, 4.5, 4.5, 1.0, 1.0, 2.2, 4.5, 4.5, 4.5], id="repeats"),
        pytest.param([float(v) / 100 for v in range(100, 501)] * 3, id="every-2-decimal-mos"),
    ],
)
@pytest.mark.parametrize("percent", [0.0, 10.0, 50.0, 99.0, 100.0])
def test_percentile_of_counts_is_numpys_linear_percentile(
    values: list[float], percent: float
) -> None:
    counts: dict[float, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    assert percentile_of_counts(list(counts.items()), percent) == pytest.approx(
        float(np.percentile(values, percent))
    )


def test_live_shares_and_runs_are_stored_once_and_purged_with_their_share(database: str) -> None:
    """Issue 17: a share's runs reopen by its code; retention deletes the share and its runs."""

    async def scenario(store: Store, clock: Clock) -> None:
        old = LiveShare("AC7-K3M-9PX", "a" * 64, T0, T0 + hours(24))
        new = LiveShare("TTT-222-XYZ", "b" * 64, T0 + hours(48), T0 + hours(72))
        assert await store.add_live_share(old)
        assert not await store.add_live_share(LiveShare(old.code, "c" * 64, T0, T0))
        assert await store.add_live_share(new)
        assert await store.get_live_share(old.code) == old
        assert await store.get_live_share("NOT-THE-RE1") is None
        for run in (2, 1):
            report = make_report(f"run-{run}", mos=3.4 if run == 1 else 4.3)
            assert await store.add_live_run(LiveRun(old.code, run, T0 + hours(1), report))
        assert not await store.add_live_run(LiveRun(old.code, 1, T0, make_report("other")))
        runs = await store.live_runs(old.code)
        assert [(r.run, r.report["id"], r.report["verdict"]["mos"]) for r in runs] == [
            (1, "run-1", 3.4),
            (2, "run-2", 4.3),
        ]
        assert await store.add_live_run(LiveRun(new.code, 1, T0 + hours(49), make_report("n1")))
        assert await store.purge_live(T0 + hours(47)) == 1
        assert await store.get_live_share(old.code) is None
        assert await store.live_runs(old.code) == ()
        assert [r.report["id"] for r in await store.live_runs(new.code)] == ["n1"]

    run_with_store(database, scenario)
