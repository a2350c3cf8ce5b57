"""The /fleet page in a real headless Chromium against a real server with uploaded reports."""

from __future__ import annotations

import asyncio
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from fleet_helpers import make_report
from server_helpers import running, server_config

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (apt-get install chromium; packaging/setup.sh test)",
)
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--virtual-time-budget=15000",  # let the page's fetches finish before dumping
)
ADMIN = "page-admin-token-0001"
FLEET = "page-fleet-token-0002"
# Each site uploads from its own loopback address: the server maps it through the CSV.
SITES = {"127.0.0.1": "Lab", "127.0.0.2": "Branch", "127.0.0.3": "Remote"}
# Mean MOS per site: Remote is the worst, Lab the best.
SCORES = {"Lab": [4.4, 4.3, 4.2], "Branch": [4.1, 3.9, 3.7], "Remote": [3.2, 2.8, 3.4]}


def _config(tmp_path: Path) -> Any:
    csv = tmp_path / "sites.csv"
    csv.write_text(
        "subnet,site,building,network_type\n"
        + "".join(f"{ip}/32,{site},,wired\n" for ip, site in SITES.items())
    )
    return server_config(
        database=str(tmp_path / "store.sqlite3"),
        fleet_token=FLEET,
        admin_token=ADMIN,
        sites_csv=csv,
    )


async def _seed(url: str) -> None:
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    for ip, site in SITES.items():
        connector = aiohttp.TCPConnector(local_addr=(ip, 0))
        async with aiohttp.ClientSession(connector=connector) as http:
            for i, mos in enumerate(SCORES[site]):
                report = make_report(
                    f"{site}-{i}", started_at=now - timedelta(hours=3 - i), mos=mos
                )
                async with http.post(
                    f"{url}/api/v1/reports",
                    json=report,
                    headers={"Authorization": f"Bearer {FLEET}", "X-CallCheck-Host": f"{site}-pc"},
                ) as r:
                    assert r.status == 201


async def _chromium(tmp_path: Path, *args: str) -> str:
    assert CHROMIUM is not None
    proc = await asyncio.create_subprocess_exec(
        CHROMIUM,
        *CHROMIUM_FLAGS,
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    out, _ = await asyncio.wait_for(proc.communicate(), timeout=120)
    return out.decode()


def test_the_fleet_page_shows_sites_worst_first_and_opens_a_report(tmp_path: Path) -> None:
    shot = tmp_path / "fleet.png"
    shot_report = tmp_path / "fleet-report.png"

    async def main() -> tuple[str, str, str]:
        async with running(_config(tmp_path)) as url:
            await _seed(url)
            page = f"{url}/fleet#token={ADMIN}"
            dom = await _chromium(tmp_path, "--dump-dom", page)
            await _chromium(tmp_path, "--window-size=1280,1500", f"--screenshot={shot}", page)
            with_report = f"{url}/fleet#token={ADMIN}&report=Remote-1"
            dom_report = await _chromium(tmp_path, "--dump-dom", with_report)
            await _chromium(
                tmp_path, "--window-size=1280,2600", f"--screenshot={shot_report}", with_report
            )
            async with aiohttp.ClientSession() as http, http.get(f"{url}/fleet") as r:
                csp = r.headers["Content-Security-Policy"]
        return dom, dom_report, csp

    dom, dom_report, csp = asyncio.run(main())
    assert 'data-loaded="true"' in dom, dom[-2000:]
    assert "9 tests at 3 sites" in dom
    drawn = set(re.findall(r'class="site-line" data-site="(\w+)"', dom))
    assert drawn == set(SCORES)
    worst = re.search(
        r'<tbody id="worst-sites"><tr><td>(\w+)</td><td class="num">3</td>'
        r'<td class="num">([\d.]+)</td>',
        dom,
    )
    assert worst is not None
    assert worst.group(1) == "Remote"
    assert float(worst.group(2)) == pytest.approx(sum(SCORES["Remote"]) / 3, abs=0.005)
    assert dom.count('class="report"') == 9
    assert "quality:delay" in dom  # failure reasons listed
    # The report opened from the table: the viewer is shown with that report's id.
    assert re.search(r'id="report-view" style="display: block;"', dom_report)
    assert '<span id="report-id">Remote-1</span>' in dom_report
    # Self-contained: nothing but this origin may be contacted.
    assert "default-src 'none'" in csp
    assert "connect-src 'self'" in csp
    for png in (shot, shot_report):
        assert png.stat().st_size > 20_000  # drawn, not blank
