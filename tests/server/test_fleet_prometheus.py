"""A real Prometheus scrapes a real server's /metrics and its query API returns the fleet series."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import socket
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from fleet_helpers import make_report
from server_helpers import running, server_config

PROMETHEUS = shutil.which("prometheus")
pytestmark = pytest.mark.skipif(
    PROMETHEUS is None, reason="Prometheus is not installed (packaging/setup.sh test)"
)
FLEET = "prom-fleet-token"
#: Prometheus starts, scrapes every second, and the series is queryable well within this.
DEADLINE_S = 60.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


async def _query(http: aiohttp.ClientSession, base: str, promql: str) -> list[dict[str, Any]]:
    async with http.get(f"{base}/api/v1/query", params={"query": promql}) as r:
        body = await r.json()
    assert body["status"] == "success", body
    result: list[dict[str, Any]] = body["data"]["result"]
    return result


def test_prometheus_scrapes_the_fleet_series(tmp_path: Path) -> None:
    sites = tmp_path / "sites.csv"
    sites.write_text("subnet,site,building,network_type\n127.0.0.0/8,Lab,,wired\n")
    config = server_config(
        database=str(tmp_path / "store.sqlite3"), fleet_token=FLEET, sites_csv=sites
    )

    async def main() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        async with running(config) as url, aiohttp.ClientSession() as http:
            for i, mos in enumerate((4.4, 4.2, 3.0)):
                async with http.post(
                    f"{url}/api/v1/reports",
                    json=make_report(f"m{i}", mos=mos),
                    headers={"Authorization": f"Bearer {FLEET}"},
                ) as r:
                    assert r.status == 201
            target = url.removeprefix("http://")
            prom_port = _free_port()
            (tmp_path / "prometheus.yml").write_text(
                "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                "scrape_configs:\n  - job_name: callcheck\n"
                f"    static_configs:\n      - targets: ['{target}']\n"
            )
            assert PROMETHEUS is not None
            prom = await asyncio.create_subprocess_exec(
                PROMETHEUS,
                f"--config.file={tmp_path / 'prometheus.yml'}",
                f"--storage.tsdb.path={tmp_path / 'tsdb'}",
                f"--web.listen-address=127.0.0.1:{prom_port}",
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
            )
            base = f"http://127.0.0.1:{prom_port}"
            try:
                deadline = time.monotonic() + DEADLINE_S
                reports: list[dict[str, Any]] = []
                while time.monotonic() < deadline and not reports:
                    with contextlib.suppress(aiohttp.ClientConnectionError):  # not up yet
                        reports = await _query(http, base, "callcheck_fleet_reports_total")
                    if not reports:
                        await asyncio.sleep(0.5)  # Prometheus offers no event to await
                counts = await _query(http, base, "callcheck_fleet_mos_count")
                p50 = await _query(
                    http,
                    base,
                    "histogram_quantile(0.5, sum by (le, site) (callcheck_fleet_mos_bucket))",
                )
                return reports, counts, p50
            finally:
                prom.terminate()
                await prom.wait()

    reports, counts, p50 = asyncio.run(main())
    by_result = {r["metric"]["result"]: float(r["value"][1]) for r in reports}
    assert by_result == {"pass": 2.0, "fail": 1.0}
    assert all(r["metric"]["site"] == "Lab" for r in reports)
    assert all(
        set(r["metric"]) == {"__name__", "instance", "job", "result", "site"} for r in reports
    )
    assert [(c["metric"]["site"], float(c["value"][1])) for c in counts] == [("Lab", 3.0)]
    # The median lands in the (4.0, 4.3] bucket: 4.2 is the middle of 3.0, 4.2, 4.4.
    assert 4.0 < float(p50[0]["value"][1]) <= 4.3
