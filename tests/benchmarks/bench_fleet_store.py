"""Fleet store benchmarks for the fleet issue; prints the figures, asserts nothing.

    .venv/bin/python tests/benchmarks/bench_fleet_store.py [--reports 2000] [--clients 8]
        [--workers 1] [--rows 1000000] [--skip-postgres]

1. Ingest: reports per second through the real HTTP API (``POST /api/v1/reports`` on a
   real `callcheck serve` process: token, schema validation, site lookup, store, access log)
   with ``--clients`` concurrent uploaders in this process, and straight into the store
   (``add_report``), for SQLite and PostgreSQL (target ≥ 200/s). The report is the 12 KB v1
   fixture with a fresh id each time. The server's own CPU per report (from /proc) is the
   figure that does not depend on what else shares the cores.
2. Summary: ``--rows`` synthetic reports generated inside PostgreSQL with SQL
   (``generate_series``, not over HTTP: 40 sites, 5000 hosts, 400 days), then the
   summary by site, host and hour — over everything and over the last 7 days — timed as the
   API runs it (target < 1 s). The rows' JSONB is a small object: the summary never reads it.
   The insert keeps the hourly rollup through its trigger (migration 3), as ingest does.

PostgreSQL is a throw-away cluster (tests/server/postgres_server.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))
from postgres_server import AVAILABLE, postgres_server  # noqa: E402

from callcheck.server.store import open_store, record_from_report  # noqa: E402

FIXTURE = json.loads((ROOT / "fixtures" / "report-v1-loopback.json").read_text())
TOKEN = "bench-fleet"
ADMIN = "bench-admin"


def _report(report_id: str) -> dict[str, Any]:
    report = dict(FIXTURE)
    report["id"] = report_id
    return report


async def start_serve_process(
    database: str, tmp: Path, workers: int
) -> tuple[asyncio.subprocess.Process, str]:
    """A real `callcheck serve` (``workers`` processes), configured by a TOML file."""
    config = tmp / f"serve-{time.monotonic_ns()}.toml"
    config.write_text(
        f'host = "127.0.0.1"\nport = 0\ndatabase = "{database}"\n'
        f'fleet_token = "{TOKEN}"\nadmin_token = "{ADMIN}"\n'
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "callcheck",
        "serve",
        "--workers",
        str(workers),
        "--config",
        str(config),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,  # the access log is still written, and costs
    )
    assert proc.stdout is not None
    line = (await asyncio.wait_for(proc.stdout.readline(), 60)).decode()
    url = line.split("listening on ", 1)[1].split()[0]
    return proc, url


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process and its running children, the workers
    (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(c) for c in (task / "children").read_text().split()]
    return own + sum(_cpu_s(child) for child in children)


async def http_ingest(
    database: str, n: int, clients: int, tag: str, tmp: Path, workers: int
) -> tuple[float, float]:
    """(reports per second, server CPU milliseconds per report, all its processes)."""
    proc, url = await start_serve_process(database, tmp, workers)
    bodies = [json.dumps(_report(f"{tag}-http-{i}")).encode() for i in range(n)]
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    try:
        async with aiohttp.ClientSession() as http:

            async def uploader(k: int) -> None:
                for body in bodies[k::clients]:
                    async with http.post(f"{url}/api/v1/reports", data=body, headers=headers) as r:
                        assert r.status == 201, await r.text()

            cpu_before = _cpu_s(proc.pid)
            start = time.perf_counter()
            await asyncio.gather(*(uploader(k) for k in range(clients)))
            elapsed = time.perf_counter() - start
            return n / elapsed, (_cpu_s(proc.pid) - cpu_before) * 1000 / n
    finally:
        proc.terminate()
        await proc.wait()


async def store_ingest(database: str, n: int, tag: str) -> float:
    store = open_store(database, clock=lambda: datetime.now(UTC), retention_days=400)
    await store.open()
    try:
        now = datetime.now(UTC)
        records = [
            record_from_report(
                _report(f"{tag}-store-{i}"),
                received_at=now,
                client_address="10.0.0.1",
                host="bench",
                site="Bench",
            )
            for i in range(n)
        ]
        start = time.perf_counter()
        for record in records:
            await store.add_report(record)
        return n / (time.perf_counter() - start)
    finally:
        await store.close()


# MOS with 2 decimals like real reports, from a hash of the row number so that sites, hosts
# and hours are not correlated with it; 1 in 97 tests unrated (could not run).
GENERATE = """
INSERT INTO fleet_reports
SELECT 'syn-' || g, t, t, 'host-' || (g % 5000), '10.' || (g % 250) || '.0.1',
       'site-' || (g % 40), '', 'wired', 'server', 'opus', m, NULL, COALESCE(m >= 4.0, false),
       (abs(hashint8(g + 1)) % 300)::float, (abs(hashint8(g + 2)) % 40)::float,
       (abs(hashint8(g + 3)) % 50) / 10.0,
       CASE WHEN m IS NULL THEN 'error:no_audio' WHEN m >= 4.0 THEN NULL
            WHEN g % 3 = 0 THEN 'quality:delay' ELSE 'quality:loss_or_codec' END,
       jsonb_build_object('id', 'syn-' || g)
FROM (
    SELECT g,
           $1::timestamptz - (abs(hashint8(g + 4)) % (400 * 86400)) * interval '1 second' AS t,
           CASE WHEN g % 97 = 0 THEN NULL
                ELSE round((1.0 + 3.5 * (abs(hashint8(g)) % 1000) / 1000.0)::numeric, 2)::float8
           END AS m
    FROM generate_series(1::bigint, $2::bigint) AS g
) AS s
"""


async def summary_timing(database: str, rows: int) -> list[tuple[str, float, int]]:
    now = datetime.now(UTC)
    db = await asyncpg.connect(database)
    try:
        await db.execute("TRUNCATE fleet_reports")  # its trigger empties the rollup too
        start = time.perf_counter()
        await db.execute(GENERATE, now, rows)  # the rollup's trigger runs on this insert
        print(f"  generated {rows} rows in SQL: {time.perf_counter() - start:.1f} s")
        rollup = await db.fetchval("SELECT COUNT(*) FROM fleet_rollup")
        print(f"  rollup (hour x site): {rollup} buckets")
        # As autovacuum would: fresh statistics, and the visibility map for index-only scans.
        await db.execute("VACUUM ANALYZE")
    finally:
        await db.close()
    store = open_store(database, clock=lambda: now, retention_days=400)
    await store.open()
    results = []
    try:
        for since_label, since in (("all", None), ("7 days", now - timedelta(days=7))):
            # By hour at one site: the fleet page's chart asks that for every site.
            for by, site in (("site", None), ("host", None), ("hour", None), ("hour", "site-3")):
                times = []
                groups = 0
                for _ in range(3):
                    start = time.perf_counter()
                    out = await store.summary(by, since, site=site)  # type: ignore[arg-type]
                    times.append(time.perf_counter() - start)
                    groups = len(out)
                label = f"by={by} since={since_label}" + (f" site={site}" if site else "")
                results.append((label, statistics.median(times), groups))
    finally:
        await store.close()
    return results


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = str(Path(tmp) / "bench.sqlite3")
        print(f"SQLite ({args.reports} reports of {len(json.dumps(FIXTURE))} bytes):")
        rate, cpu_ms = await http_ingest(
            sqlite, args.reports, args.clients, "s", Path(tmp), args.workers
        )
        print(
            f"  HTTP ingest, {args.clients} clients, {args.workers} worker(s): {rate:.0f} reports/s"
        )
        print(f"    server CPU {cpu_ms:.2f} ms/report = {1000 / cpu_ms:.0f} reports/s per core")
        print(f"  store.add_report: {await store_ingest(sqlite, args.reports, 's'):.0f} reports/s")
    if args.skip_postgres or not AVAILABLE:
        print("PostgreSQL: skipped")
        return
    with postgres_server() as url, tempfile.TemporaryDirectory() as tmp:
        print(f"PostgreSQL ({args.reports} reports):")
        rate, cpu_ms = await http_ingest(
            url, args.reports, args.clients, "p", Path(tmp), args.workers
        )
        print(
            f"  HTTP ingest, {args.clients} clients, {args.workers} worker(s): {rate:.0f} reports/s"
        )
        print(f"    server CPU {cpu_ms:.2f} ms/report = {1000 / cpu_ms:.0f} reports/s per core")
        print(f"  store.add_report: {await store_ingest(url, args.reports, 'p'):.0f} reports/s")
        print(f"PostgreSQL summary over {args.rows} synthetic reports (median of 3):")
        if args.rows <= 0:
            return
        for label, seconds, groups in await summary_timing(url, args.rows):
            print(f"  {label:<34} {seconds * 1000:8.0f} ms  ({groups} groups)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--workers", type=int, default=1, help="callcheck serve --workers (1: CPU of one process)"
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--skip-postgres", action="store_true")
    asyncio.run(main(parser.parse_args()))
