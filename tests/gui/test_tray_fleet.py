"""Issue 18 done-criterion, end to end: a scheduled tray test (real Qt tray offscreen, the
schedule's clock injected, no audio device opened) uploads to a real `callcheck serve` process,
and its result appears on the fleet page in headless Chromium and in /metrics."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from pytestqt.qtbot import QtBot
from test_tray import T0, FakeClock, opened_streams  # noqa: F401  (a fixture)

from callcheck.core.report import Report
from callcheck.core.schedule import LOGIN_DELAY_S, ScheduleSettings
from callcheck.engine.upload_queue import UploadTarget
from callcheck.gui.tray import CallCheckTray, TrayConfig

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))
from chromium_cdp import CHROMIUM, chromium_page

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed"),
]

FLEET = "tray-e2e-fleet-token"
ADMIN = "tray-e2e-admin-token"
EXE = shutil.which("callcheck", path=str(Path(sys.executable).parent))


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[str]:
    """A real `callcheck serve` process: reflector and fleet store (SQLite), 127.0.0.0/8 = Lab."""
    assert EXE is not None
    (tmp_path / "sites.csv").write_text("subnet,site,building,network_type\n127.0.0.0/8,Lab,,\n")
    config = tmp_path / "serve.toml"
    config.write_text(
        # The reflector gathers on loopback, so it accepts the app's loopback candidates.
        'host = "127.0.0.1"\nport = 0\nice_host_addresses = ["127.0.0.1"]\n'
        f'[fleet]\ndatabase = "{tmp_path / "fleet.sqlite3"}"\n'
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
        match = re.search(r"listening on (http://\S+)", proc.stdout.readline())
        assert match
        yield match.group(1)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def _get(url: str) -> str:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {ADMIN}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return cast(bytes, response.read()).decode()


def _stored(serve: str, report_id: str) -> bool:
    listing = json.loads(_get(f"{serve}/api/v1/reports?limit=10"))
    return any(r["id"] == report_id for r in listing["reports"])


def test_a_scheduled_tray_test_shows_on_the_fleet_page_and_in_prometheus(
    qtbot: QtBot,
    serve: str,
    tmp_path: Path,
    data_dir: Path,
    opened_streams: list[str],  # noqa: F811
) -> None:
    clock = FakeClock()
    config = TrayConfig(
        schedule=ScheduleSettings(at_login=True),
        server_url=serve,  # a network test against the server's reflector, as IT deploys it
        duration_s=2.0,
        upload=UploadTarget(serve, FLEET, "laptop-tray"),
    )
    tray = CallCheckTray(config, clock=clock, microphone_in_use=lambda: False)
    qtbot.addWidget(tray.menu)
    try:
        clock.now_s = T0 + LOGIN_DELAY_S  # the login test is due
        with qtbot.waitSignal(tray.reportReady, timeout=60_000) as ready:
            tray.tick()
        report = cast(Report, ready.args[0])
        assert report.to_json()["verdict"]["mos"] is not None  # a rated network test
        assert tray.last_options is not None
        assert tray.last_options.mode == "server"
        # The upload runs on the tray's engine thread: the server has it, and the queue on
        # disk is empty again (sent once, nothing left to resend).
        qtbot.waitUntil(lambda: _stored(serve, report.id), timeout=20_000)
        queue = data_dir / "upload-queue"
        qtbot.waitUntil(lambda: not any(queue.glob("*.json")), timeout=20_000)
    finally:
        tray.shutdown()
    assert opened_streams == []  # no speaker, no microphone

    async def look() -> dict[str, Any]:
        async with chromium_page(tmp_path / "profile", f"{serve}/fleet#token={ADMIN}") as page:
            async with asyncio.timeout(30):
                while not await page.evaluate("document.body?.dataset.loaded === 'true'"):
                    await asyncio.sleep(0.1)  # the page's own fetches
            seen: dict[str, Any] = await page.evaluate(
                "({rows: [...document.querySelectorAll('#reports tr.report')]"
                ".map(tr => tr.dataset.id), hosts: document.getElementById('worst-hosts')"
                ".textContent, sites: document.getElementById('worst-sites').textContent})"
            )
            return seen

    seen = asyncio.run(look())
    assert seen["rows"] == [report.id]
    assert "laptop-tray" in seen["hosts"]
    assert "Lab" in seen["sites"]
    metrics = _get(f"{serve}/metrics")
    outcome = "pass" if report.to_json()["verdict"]["passed"] else "fail"
    assert f'callcheck_fleet_reports_total{{result="{outcome}",site="Lab"}} 1' in metrics
