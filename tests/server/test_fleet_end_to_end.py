"""End to end: a real `callcheck test` report, uploaded by the client queue to a real
`callcheck serve` process on PostgreSQL, shows up in the summary and in /metrics (SQLite:
tests/gui/test_tray_fleet.py)."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from postgres_server import AVAILABLE, SKIP_REASON, postgres_server

from callcheck.engine.upload_queue import UploadTarget, upload_report

FLEET = "e2e-fleet-token"
ADMIN = "e2e-admin-token"
EXE = shutil.which("callcheck", path=str(Path(sys.executable).parent))


@pytest.fixture(scope="module")
def real_report() -> dict[str, Any]:
    assert EXE is not None
    proc = subprocess.run(
        [EXE, "test", "--loopback", "--duration", "3", "--no-audio-device", "--json"],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert proc.stdout, proc.stderr
    report: dict[str, Any] = json.loads(proc.stdout)
    return report


# SQLite end to end is tests/gui/test_tray_fleet.py (a tray test's report through the same
# queue and server, up to the fleet page): one real server process each, not two here.
@pytest.fixture(params=["postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if not AVAILABLE:
        pytest.skip(SKIP_REASON)
    with postgres_server() as url:
        yield url


@pytest.fixture
def serve(tmp_path: Path, database: str) -> Iterator[str]:
    assert EXE is not None
    (tmp_path / "sites.csv").write_text("subnet,site,building,network_type\n127.0.0.0/8,Lab,,\n")
    config = tmp_path / "serve.toml"
    config.write_text(
        f'host = "127.0.0.1"\nport = 0\n[fleet]\ndatabase = "{database}"\n'
        f'fleet_token = "{FLEET}"\nadmin_token = "{ADMIN}"\n'
        f'sites_csv = "{tmp_path / "sites.csv"}"\n'
    )
    proc = subprocess.Popen(
        [EXE, "serve", "--config", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.search(r"listening on (http://\S+)", line)
        assert match, line
        yield match.group(1)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def test_a_real_report_reaches_the_summary_and_prometheus(
    real_report: dict[str, Any], serve: str, tmp_path: Path
) -> None:
    async def main() -> tuple[Any, dict[str, Any], str]:
        result = await upload_report(
            real_report, tmp_path / "queue", UploadTarget(serve, FLEET, host_name="laptop-e2e")
        )
        async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {ADMIN}"}) as http:
            async with http.get(f"{serve}/api/v1/summary", params={"by": "host"}) as r:
                summary = await r.json()
            async with http.get(f"{serve}/metrics") as r:
                metrics = await r.text()
        return result, summary, metrics

    result, summary, metrics = asyncio.run(main())
    assert result.sent == (real_report["id"],)
    assert result.complete
    (group,) = summary["groups"]
    assert group["key"] == "laptop-e2e"
    assert group["count"] == 1
    assert group["mean_mos"] == pytest.approx(real_report["verdict"]["mos"])
    outcome = "pass" if real_report["verdict"]["passed"] else "fail"
    assert f'callcheck_fleet_reports_total{{result="{outcome}",site="Lab"}} 1' in metrics
