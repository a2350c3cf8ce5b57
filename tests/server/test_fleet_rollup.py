"""The summary read from the hourly rollup (migration 3) equals the summary of the rows
themselves — on SQLite and a real PostgreSQL, for every grouping, for windows that start and
end inside an hour or on one, after the retention purge, and for rows stored before the
rollup existed (back-filled by the migration). The truth is computed here from the records."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from test_fleet_store import Clock, _fresh_database, postgres_url  # noqa: F401  (a fixture)

from callcheck.core.grades import PASS_MOS
from callcheck.server.store import FleetRecord, Store, open_store
from callcheck.server.store import postgres as postgres_store
from callcheck.server.store import sqlite as sqlite_store
from callcheck.server.store.model import HOUR_FORMAT, SummaryBy, SummaryRow

T0 = datetime(2026, 11, 1, tzinfo=UTC)
NOW = T0 + timedelta(days=3)
SITES = ("HQ", "Branch", "Remote")
HOSTS = tuple(f"pc-{i}" for i in range(12))
REASONS = ("quality:delay", "quality:loss_or_codec", "connectivity:udp")
N_ROWS = 1500


def _records(seed: int, n: int, prefix: str) -> list[FleetRecord]:
    """Tests spread over 3 days at random minutes and seconds; MOS to 2 decimals as reports
    carry it, some unrated, some with missing network figures."""
    rng = random.Random(seed)
    records = []
    for i in range(n):
        started = T0 + timedelta(seconds=rng.randrange(3 * 86_400))
        mos = None if rng.random() < 0.05 else round(rng.uniform(1.0, 4.9), 2)
        passed = mos is not None and mos >= PASS_MOS
        records.append(
            FleetRecord(
                id=f"{prefix}{i}",
                # Received a day after the test, so the purge (by arrival) cuts mid-window.
                received_at=started + timedelta(days=1),
                started_at=started,
                host=rng.choice(HOSTS),
                client_address="10.0.0.1",
                site=rng.choice(SITES),
                building="",
                network_type="",
                mode="server",
                codec="opus",
                mos=mos,
                grade=None,
                passed=passed,
                rtt_ms=None if rng.random() < 0.1 else rng.uniform(10, 300),
                jitter_ms=rng.uniform(0, 40),
                loss_pct=None if mos is None else rng.uniform(0, 5),
                failure_reason=None if passed else rng.choice(REASONS),
                report={"id": f"{prefix}{i}"},
            )
        )
    return records


def _key(record: FleetRecord, by: SummaryBy) -> str:
    if by == "hour":
        return record.started_at.strftime(HOUR_FORMAT)
    return str(getattr(record, by))


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return float(np.mean(present)) if present else None


def _truth(
    records: list[FleetRecord],
    by: SummaryBy,
    since: datetime | None,
    until: datetime | None,
    site: str | None,
) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[FleetRecord]] = {}
    for r in records:
        if since is not None and r.started_at < since:
            continue
        if until is not None and r.started_at >= until:
            continue
        if site is not None and r.site != site:
            continue
        groups.setdefault(_key(r, by), []).append(r)
    truth = {}
    for key, rows in groups.items():
        scores = [r.mos for r in rows if r.mos is not None]
        reasons = Counter(r.failure_reason for r in rows if r.failure_reason is not None)
        truth[key] = {
            "count": len(rows),
            "rated": len(scores),
            "mean_mos": _mean(list(scores)),
            # percentile_cont: linear interpolation between the closest ranks (numpy's default).
            "p10_mos": float(np.percentile(scores, 10)) if scores else None,
            "below_pass_share": (
                sum(s < PASS_MOS for s in scores) / len(scores) if scores else None
            ),
            "mean_loss_pct": _mean([r.loss_pct for r in rows]),
            "mean_jitter_ms": _mean([r.jitter_ms for r in rows]),
            "mean_rtt_ms": _mean([r.rtt_ms for r in rows]),
            "top": sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))[:3],
        }
    return truth


def _as_dict(rows: tuple[SummaryRow, ...]) -> dict[str, dict[str, Any]]:
    return {
        r.key: {
            "count": r.count,
            "rated": r.rated,
            "mean_mos": r.mean_mos,
            "p10_mos": r.p10_mos,
            "below_pass_share": r.below_pass_share,
            "mean_loss_pct": r.mean_loss_pct,
            "mean_jitter_ms": r.mean_jitter_ms,
            "mean_rtt_ms": r.mean_rtt_ms,
            "top": [(t.reason, t.count) for t in r.top_failure_reasons],
        }
        for r in rows
    }


def _assert_equal(got: dict[str, dict[str, Any]], want: dict[str, dict[str, Any]]) -> None:
    assert sorted(got) == sorted(want)
    for key, figures in want.items():
        for name, value in figures.items():
            if isinstance(value, float):
                # The same numbers summed in another order: equal to the last bits of a double.
                assert got[key][name] == pytest.approx(value, rel=1e-12, abs=1e-12), (key, name)
            else:
                assert got[key][name] == value, (key, name)


# Windows: everything; whole hours; starting and ending inside an hour; inside one hour only.
WINDOWS = [
    pytest.param(None, None, None, id="all"),
    pytest.param(T0 + timedelta(hours=5), T0 + timedelta(hours=40), None, id="whole-hours"),
    pytest.param(
        T0 + timedelta(hours=5, minutes=17, seconds=3),
        T0 + timedelta(hours=50, minutes=42),
        None,
        id="partial-hours",
    ),
    pytest.param(
        T0 + timedelta(hours=7, minutes=10), T0 + timedelta(hours=7, minutes=50), None, id="in-1h"
    ),
    pytest.param(T0 + timedelta(hours=30, minutes=1), None, "Branch", id="since-at-a-site"),
]


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "store.sqlite3")
    return _fresh_database(request.getfixturevalue("postgres_url"))


def _load(database: str, records: list[FleetRecord]) -> tuple[str, list[FleetRecord]]:
    async def load() -> None:
        store = open_store(database, clock=Clock(NOW), retention_days=400)
        await store.open()
        try:
            await asyncio.gather(*(store.add_report(r) for r in records))
        finally:
            await store.close()

    asyncio.run(load())
    return database, records


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def loaded_once(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, list[FleetRecord]]:
    """One store per back end, loaded once, for the read-only tests."""
    if request.param == "sqlite":
        database = str(tmp_path_factory.mktemp("rollup") / "store.sqlite3")
    else:
        database = _fresh_database(request.getfixturevalue("postgres_url"))
    return _load(database, _records(1, N_ROWS, "r"))


async def _summaries(
    store: Store, since: datetime | None, until: datetime | None, site: str | None
) -> dict[str, tuple[SummaryRow, ...]]:
    return {by: await store.summary(by, since, until, site) for by in ("site", "host", "hour")}


@pytest.mark.parametrize(("since", "until", "site"), WINDOWS)
def test_the_rollup_summary_equals_the_rows_summary(
    loaded_once: tuple[str, list[FleetRecord]],
    since: datetime | None,
    until: datetime | None,
    site: str | None,
) -> None:
    database, records = loaded_once

    async def main() -> dict[str, tuple[SummaryRow, ...]]:
        store = open_store(database, clock=Clock(NOW), retention_days=400)
        await store.open()
        try:
            return await _summaries(store, since, until, site)
        finally:
            await store.close()

    got = asyncio.run(main())
    for by in ("site", "host", "hour"):
        _assert_equal(_as_dict(got[by]), _truth(records, by, since, until, site))  # type: ignore[arg-type]


@pytest.mark.parametrize(("since", "until", "site"), WINDOWS)
def test_postgresql_reads_by_hour_in_slices_of_whole_hours(
    loaded_once: tuple[str, list[FleetRecord]],
    since: datetime | None,
    until: datetime | None,
    site: str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """PostgreSQL reads a long window by hour in slices on several connections at once; cut
    into slices as small as one hour, every window still gives the rows' own figures, and the
    slices are whole hours that cover the window once."""
    database, records = loaded_once
    monkeypatch.setattr(postgres_store, "MIN_SLICE_HOURS", 1)
    seen: list[list[tuple[datetime | None, datetime | None]]] = []

    async def main() -> tuple[SummaryRow, ...]:
        store = open_store(database, clock=Clock(NOW), retention_days=400)
        await store.open()
        try:
            if isinstance(store, postgres_store.PostgresStore):
                seen.append(await store._hour_slices(since, until, site))
            return await store.summary("hour", since, until, site)
        finally:
            await store.close()

    got = asyncio.run(main())
    _assert_equal(_as_dict(got), _truth(records, "hour", since, until, site))
    assert bool(seen) == database.startswith("postgres")
    if seen:
        (slices,) = seen
        assert [slices[0][0], slices[-1][1]] == [since, until]
        cuts = [high for _, high in slices[:-1]]
        assert cuts == [low for low, _ in slices[1:]]
        assert all(
            cut is not None and cut.minute == cut.second == cut.microsecond == 0 for cut in cuts
        )
        if site is not None:
            assert slices == [(since, until)]  # one site: through its own index, at once
        elif until is None or since is None or until - since > timedelta(hours=4):
            assert len(slices) == postgres_store.HOUR_SLICES


def test_the_rollup_follows_the_purge_and_a_duplicate_changes_nothing(database: str) -> None:
    database, records = _load(database, _records(3, 500, "p"))
    now = T0 + timedelta(days=4, hours=12)  # retention 2 days: arrivals before day 2.5 go

    async def main() -> tuple[int, dict[str, tuple[SummaryRow, ...]]]:
        store = open_store(database, clock=Clock(now), retention_days=2)
        await store.open()
        try:
            assert not await store.add_report(records[0])  # stored already: no change
            deleted = await store.purge()
            return deleted, await _summaries(store, None, None, None)
        finally:
            await store.close()

    deleted, got = asyncio.run(main())
    kept = [r for r in records if r.received_at >= now - timedelta(days=2)]
    assert deleted == len(records) - len(kept) > 0
    for by in ("site", "host", "hour"):
        _assert_equal(_as_dict(got[by]), _truth(kept, by, None, None, None))  # type: ignore[arg-type]


def test_rows_stored_before_the_rollup_are_back_filled_by_migration_3(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = _records(2, 300, "old")

    async def before_3() -> None:
        store = open_store(database, clock=Clock(NOW), retention_days=400)
        await store.open()
        try:
            assert await store.schema_version() == 2
            for r in records:
                await store.add_report(r)
        finally:
            await store.close()

    with monkeypatch.context() as m:
        m.setattr(sqlite_store, "SQLITE", sqlite_store.SQLITE[:2])
        m.setattr(postgres_store, "POSTGRES", postgres_store.POSTGRES[:2])
        asyncio.run(before_3())

    async def after_3() -> tuple[int, dict[str, tuple[SummaryRow, ...]]]:
        store = open_store(database, clock=Clock(NOW), retention_days=400)
        await store.open()
        try:
            return await store.schema_version(), await _summaries(store, None, None, None)
        finally:
            await store.close()

    version, got = asyncio.run(after_3())
    assert version == 3
    for by in ("site", "host", "hour"):
        _assert_equal(_as_dict(got[by]), _truth(records, by, None, None, None))  # type: ignore[arg-type]
