"""The live page in a real headless Chromium while a real server-mode test runs (issue 17).

A `callcheck serve` process reflects the call and hosts the share; the app side is the
engine's own TestCall and LiveShare in this process (the CLI and GUI wire the same two).
Chromium is driven over the DevTools protocol so the page can be read while it is live.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium_cdp import CHROMIUM, Page, chromium_page, colours, png_pixels

from callcheck.core.grades import GRADE_BANDS
from callcheck.core.report_html import GRADE_COLOURS
from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.live_share import LiveShare
from callcheck.engine.loop import EngineLoop
from callcheck.engine.reporting import build_report
from callcheck.engine.snapshots import LiveSnapshot

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (apt-get install chromium; packaging/setup.sh test)",
)
TOKEN = "page-token"
ARTIFACTS = Path("/tmp/callcheck-live-page")  # screenshots kept for a person to look at


@pytest.fixture(scope="module")
def serve_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("serve")
    config = tmp / "serve.toml"
    config.write_text(f'database = "{tmp / "store.sqlite3"}"\n')
    exe = shutil.which("callcheck", path=str(Path(sys.executable).parent))
    assert exe
    with (
        (tmp / "server.log").open("w") as log,
        subprocess.Popen(
            [exe, "serve", "--host", "127.0.0.1", "--port", "0", "--ice-address", "127.0.0.2",
             "--token", TOKEN, "--config", str(config)],
            stdout=subprocess.PIPE, stderr=log, text=True,
        ) as process,
    ):  # fmt: skip
        assert process.stdout is not None
        match = re.search(r"listening on (http://\S+) ", process.stdout.readline())
        assert match, (tmp / "server.log").read_text()
        try:
            yield match.group(1)
        finally:
            process.terminate()
            process.wait(10)
            process.stdout.close()


def _gauge_is_drawn(png: Path) -> None:
    """Not blank, and the grade bands' own colours are on the gauge."""
    _w, _h, rows = png_pixels(png)
    seen = colours(rows)
    assert len(seen) > 20, "the gauge region is blank"
    for band in GRADE_BANDS:
        hex_colour = GRADE_COLOURS[band.grade].lstrip("#")
        rgb = tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
        assert rgb in seen, f"band {band.grade} ({hex_colour}) is not drawn"
    assert (0x22, 0x22, 0x22) in seen, "no needle"


async def _wait_for(page: Page, expression: str, timeout_s: float = 20.0) -> Any:
    async with asyncio.timeout(timeout_s):
        while not (value := await page.evaluate(expression)):
            await asyncio.sleep(0.1)
    return value


def test_the_page_follows_a_real_test_then_shows_both_runs_after_run_again(
    serve_url: str, tmp_path: Path
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)

    async def scenario() -> None:
        consent = asyncio.Event()
        share = LiveShare(serve_url, TOKEN, on_run_again=consent.set)
        info = await share.start()
        published: list[float | None] = []
        checks: list[tuple[float, list[float | None]]] = []
        mid_run = asyncio.Event()

        async def one_run(duration_s: float) -> None:
            config = CallConfig(
                mode="server", server_url=serve_url, token=TOKEN, duration_s=duration_s
            )
            share.start_run("server", duration_s)

            call: TestCall

            def on_snapshot(snap: LiveSnapshot) -> None:
                if not published and call.remote is not None:  # connected: the checks so far
                    share.publish_status("call", call.remote.connectivity.to_json()["checks"])
                share.publish_snapshot(snap)
                published.append(None if snap.quality is None else round(snap.quality.mos, 2))
                if snap.elapsed_s > 1.5 and published[-1] is not None:
                    mid_run.set()

            call = TestCall(config, on_snapshot=on_snapshot)
            result = await call.run()
            share.publish_report(build_report(result).to_json())

        async with chromium_page(tmp_path / "profile", info.url) as page:
            await _wait_for(
                page, "document.getElementById('sharing')?.textContent === 'Sharing live'"
            )
            run = asyncio.create_task(one_run(4.0))
            await mid_run.wait()
            # The gauge shows the app's latest snapshot MOS, within one update (≥ 4 a second).
            for _ in range(5):
                before = list(published[-2:])
                shown = await page.evaluate("document.getElementById('gauge-value').dataset.mos")
                after = list(published[-2:])
                checks.append((float(shown), before + after))
                await asyncio.sleep(0.3)
            live_checks = await page.evaluate("document.getElementById('checks').textContent")
            live_png = await page.screenshot(ARTIFACTS / "live.png", "#gauge")
            await page.screenshot(ARTIFACTS / "live-page.png")
            await run
            await _wait_for(page, "!document.getElementById('results').hidden")
            # The technician asks; the app asks the employee, who presses Run.
            await page.evaluate("document.getElementById('run-again').click()")
            await asyncio.wait_for(consent.wait(), 10)
            await one_run(3.0)
            await _wait_for(
                page,
                "document.querySelectorAll('#runs .run').length === 2 && "
                "!document.getElementById('run-2').textContent.includes('running')",
            )
            compare = await page.evaluate("document.getElementById('compare').textContent")
            finished_png = await page.screenshot(ARTIFACTS / "finished.png", "#gauge")
            await page.screenshot(ARTIFACTS / "finished-page.png")
            verdict = await page.evaluate("document.getElementById('verdict').textContent")
            frame = await _wait_for(
                page, "document.getElementById('report-frame').src.startsWith('blob:')"
            )
        await share.close()
        for shown, recent in checks:
            assert shown in recent, f"gauge {shown} is not the latest published MOS {recent}"
        assert "udp: ok" in live_checks
        assert re.fullmatch(r"MOS \d\.\d → \d\.\d", compare), compare
        assert "MOS" in verdict
        assert frame
        _gauge_is_drawn(live_png)
        _gauge_is_drawn(finished_png)

    with EngineLoop() as loop:
        loop.run(scenario(), timeout_s=120)


def test_unknown_code_page_says_so_in_the_browser(serve_url: str, tmp_path: Path) -> None:
    async def scenario() -> str:
        async with chromium_page(tmp_path / "profile", f"{serve_url}/live/AAA-AAA-AAA") as page:
            text: str = await _wait_for(page, "document.getElementById('message')?.textContent")
            return text

    with EngineLoop() as loop:
        assert "No test is shared under this code" in loop.run(scenario(), timeout_s=60)


def test_the_page_asks_for_the_viewer_token_and_then_follows_the_test(tmp_path: Path) -> None:
    """With ``viewer_token`` set, the page shows the helpdesk login; a wrong token is refused
    in words; the right one opens the live view."""
    from server_helpers import running, server_config

    from callcheck.engine.live_share import LiveShare

    async def scenario() -> tuple[bool, str, str]:
        config = server_config(database=str(tmp_path / "store.sqlite3"), viewer_token="login-1")
        async with running(config) as url:
            share = LiveShare(url)
            info = await share.start()
            share.start_run("server", 10.0)
            async with chromium_page(tmp_path / "profile", info.url) as page:
                asked = await _wait_for(page, "document.getElementById('login')?.hidden === false")
                await page.evaluate(
                    "document.getElementById('token').value = 'wrong';"
                    "document.getElementById('login-form').requestSubmit()"
                )
                refused = await _wait_for(
                    page, "document.getElementById('login-error').textContent"
                )
                await page.evaluate(
                    "document.getElementById('token').value = 'login-1';"
                    "document.getElementById('login-form').requestSubmit()"
                )
                await _wait_for(
                    page, "document.getElementById('sharing')?.textContent === 'Sharing live'"
                )
                snap = _snapshot_with_mos()
                share.publish_snapshot(snap)
                shown = await _wait_for(page, "document.getElementById('gauge-value').dataset.mos")
            await share.close()
        return bool(asked), str(refused), str(shown)

    with EngineLoop() as loop:
        asked, refused, shown = loop.run(scenario(), timeout_s=60)
    assert asked
    assert "refused" in refused
    assert float(shown) == 4.21


def _snapshot_with_mos() -> LiveSnapshot:
    """A snapshot whose gauge MOS is 4.21, from the engine's own types."""
    import dataclasses

    from callcheck.core.quality import CallConditions, assess, measured
    from callcheck.engine.snapshots import DirectionSnapshot

    conditions = CallConditions(
        codec_key="opus-96", network_delay_ms=measured(10.0), loss_pct=measured(0.0)
    )
    quality = assess(conditions)
    quality = dataclasses.replace(quality, mos=4.21)
    none: Any = None
    direction = DirectionSnapshot(
        direction="uplink", rtt_ms=20.0, rtt_rtcp_ms=None, jitter_ms=1.0, loss_interval_pct=0.0,
        loss_total_pct=0.0, burst_ratio=1.0, playout_delay_ms=40.0, late_discard_pct=0.0,
        concealed_pct=0.0, interval=none, totals=none, playout=none, quality=quality,
    )  # fmt: skip
    return LiveSnapshot(1.0, 10.0, direction, direction, quality)
