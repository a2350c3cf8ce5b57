"""Live views across instances and workers: `callcheck serve` processes sharing one real
PostgreSQL. The employee's app publishes through one instance (one worker); viewers watch
through another (two workers, no forwarding to worker 0): they get the test so far (from the
bus's history), every snapshot in order (small ones in the NOTIFY payload, a large one by
reference), the report, and "run again" travels back to the app. Then worker 0 of the viewers'
instance is killed (SIGKILL) mid-test and the viewers go on seeing snapshots.

A headless Chromium shows the page through the viewers' instance too. The publisher is a raw
WebSocket speaking :mod:`callcheck.core.live_wire` (as in
test_live_view.py) with snapshots shaped like the app's (``engine.live_share.snapshot_json``).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from chromium_cdp import CHROMIUM, chromium_page
from fleet_helpers import make_report
from postgres_server import AVAILABLE, SKIP_REASON
from test_live_view import Events, publisher
from test_workers import TOKEN

from callcheck.core import live_wire
from callcheck.server.live.pg_bus import NOTIFY_PAYLOAD_BYTES

pytestmark = pytest.mark.skipif(not AVAILABLE, reason=SKIP_REASON)

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def instances(shared_instances: tuple[str, Path, str, Path]) -> tuple[str, str, Path]:
    """(the app's instance URL, the viewers' instance URL — two workers —, its log)."""
    app_url, _app_log, url, log = shared_instances
    return app_url, url, log


def app_snapshot(i: int, pad: int = 0) -> dict[str, Any]:
    """A snapshot as the app sends it (engine.live_share.snapshot_json's fields)."""
    direction = {"rtt_ms": 41.5, "jitter_ms": 2.31, "loss_pct": 0.0, "loss_total_pct": 0.12}
    snap: dict[str, Any] = {
        "elapsed_s": round(i * 0.25, 2),
        "duration_s": 20.0,
        "progress": round(i * 0.25 / 20, 3),
        "mos": 4.31,
        "mos_recent": 4.28,
        "grade": "Excellent",
        "mos_label": "MOS-CQEW",
        "uplink": {**direction, "mos": 4.3},
        "downlink": {**direction, "mos": 4.32},
        "sent_at_ms": 1764700000000.0 + i,
        "seq": i,
    }
    if pad:
        snap["pad"] = "x" * pad
    return snap


async def share_on(http: aiohttp.ClientSession, url: str) -> dict[str, Any]:
    async with http.post(f"{url}/live", headers=AUTH) as r:
        assert r.status == 201, await r.text()
        made: dict[str, Any] = await r.json()
        return made


async def send_snapshot(app: aiohttp.ClientWebSocketResponse, i: int, pad: int = 0) -> int:
    text = live_wire.encode(live_wire.SNAPSHOT, run=1, snapshot=app_snapshot(i, pad))
    await app.send_str(text)
    return len(text.encode())


async def app_hears(app: aiohttp.ClientWebSocketResponse, wanted: dict[str, Any]) -> None:
    async with asyncio.timeout(10):
        while json.loads((await app.receive()).data) != wanted:
            pass


def test_a_viewer_on_another_instance_sees_the_test_so_far_every_snapshot_and_the_report(
    instances: tuple[str, str, Path],
) -> None:
    app_url, url, _log = instances

    async def scenario() -> None:
        async with aiohttp.ClientSession() as http:
            share = await share_on(http, app_url)
            code = share["code"]
            app = await publisher(http, app_url, share)
            await app.send_str(live_wire.encode(live_wire.RUN, run=1, mode="server", duration_s=20))
            sizes = [await send_snapshot(app, i) for i in range(10)]
            assert max(sizes) < 1000  # a real snapshot travels in the NOTIFY payload
            # The other instance reads the test so far from the bus (its first request about
            # this code builds its mirror from the history) ...
            async with asyncio.timeout(10):
                while True:
                    async with http.get(f"{url}/live/{code}/state") as r:
                        state = await r.json()
                    if state["runs"] and len(state["runs"][0]["history"]) == 10:
                        break
                    await asyncio.sleep(0.05)
            # ... and a viewer arriving there gets it in its first event.
            async with http.get(f"{url}/live/{code}/events") as response:
                assert response.status == 200
                viewer = Events(response)
                kind, state = await viewer.next()
                assert kind == "state"
                assert [s["seq"] for s in state["runs"][0]["history"]] == list(range(10))
                assert state["runs"][0]["mode"] == "server"
                assert state["sharing"] is True
                await app_hears(app, {"type": "viewers", "count": 1})
                # ... then every snapshot in order, one too large for a NOTIFY payload too.
                for i in range(10, 30):
                    size = await send_snapshot(app, i, pad=20_000 if i == 20 else 0)
                    assert (size > NOTIFY_PAYLOAD_BYTES) == (i == 20)
                live = [(await viewer.until("snapshot"))["snapshot"]["seq"] for _ in range(20)]
                assert live == list(range(10, 30))
                report = make_report("shared-run-1", mos=4.3)
                assert len(json.dumps(report)) > NOTIFY_PAYLOAD_BYTES
                await app.send_str(live_wire.encode(live_wire.REPORT, run=1, report=report))
                got = await viewer.until("report")
                assert got["report"]["id"] == "shared-run-1"
                # "Run again" from the viewer's instance reaches the app on the other one.
                async with http.post(f"{url}/live/{code}/run-again") as r:
                    assert r.status == 202
                await app_hears(app, {"type": "run_again"})
            for base in (app_url, url):  # both instances tell the same story
                async with http.get(f"{base}/live/{code}/state") as r:
                    state = await r.json()
                assert [s["seq"] for s in state["runs"][0]["history"]] == list(range(30))
                assert state["runs"][0]["report"]["id"] == "shared-run-1"
            await app.send_str(live_wire.encode(live_wire.STOP))
            async with asyncio.timeout(10):
                while not (await app.receive()).type.name.startswith("CLOS"):
                    pass
            async with http.post(f"{url}/live/{code}/run-again") as r:
                assert r.status == 409  # no instance holds the app's channel any more
            # The other instance hears "stopped" through the bus, a moment later.
            async with asyncio.timeout(10):
                while True:
                    async with http.get(f"{url}/live/{code}/state") as r:
                        state = await r.json()
                    assert state["sharing"] is False  # at once: no instance holds the app
                    if state["stopped"]:
                        break
                    await asyncio.sleep(0.05)

    asyncio.run(scenario())


class ReconnectingViewer:
    """What EventSource does: read the stream; when it drops, reconnect and start from the
    ``state`` event again. Records every snapshot it knows of, in order, and the reconnects."""

    def __init__(self, http: aiohttp.ClientSession, url: str) -> None:
        self._http = http
        self._url = url
        self.seqs: list[int] = []
        self.reconnects = 0
        self.last_at = time.monotonic()

    async def run(self) -> None:
        while True:
            try:
                async with self._http.get(self._url) as response:
                    if response.status != 200:
                        raise aiohttp.ClientConnectionError(f"status {response.status}")
                    viewer = Events(response)
                    while True:
                        kind, data = await viewer.next(timeout_s=30)
                        if kind == "state":
                            history = data["runs"][-1]["history"] if data["runs"] else []
                            self.seqs = [s["seq"] for s in history]
                        elif kind == "snapshot":
                            self.seqs.append(data["snapshot"]["seq"])
                            self.last_at = time.monotonic()
            except (aiohttp.ClientError, ConnectionError):
                self.reconnects += 1
                await asyncio.sleep(0.2)  # the page's retry is 1 s; faster here


def test_killing_worker_0_does_not_stop_the_viewers(instances: tuple[str, str, Path]) -> None:
    app_url, url, log = instances
    worker_0 = int(re.findall(r"worker 0 started \(pid (\d+)\)", log.read_text())[-1])

    async def scenario() -> None:
        async with aiohttp.ClientSession() as http:
            share = await share_on(http, app_url)
            app = await publisher(http, app_url, share)
            await app.send_str(live_wire.encode(live_wire.RUN, run=1, mode="server", duration_s=20))
            # Several viewers, so that some are most likely on worker 0 (the kernel spreads
            # connections); each must see the whole test whichever worker it was on.
            stream = f"{url}/live/{share['code']}/events"
            viewers = [ReconnectingViewer(http, stream) for _ in range(4)]
            tasks = [asyncio.create_task(v.run()) for v in viewers]
            try:
                sent = 0
                for _ in range(10):
                    await send_snapshot(app, sent)
                    sent += 1
                    await asyncio.sleep(0.1)
                os.kill(worker_0, signal.SIGKILL)
                killed_at = time.monotonic()
                for _ in range(30):
                    await send_snapshot(app, sent)
                    sent += 1
                    await asyncio.sleep(0.1)
                async with asyncio.timeout(15):
                    while any(len(v.seqs) < sent for v in viewers):
                        await asyncio.sleep(0.1)
            finally:
                for task in tasks:
                    task.cancel()
            for viewer in viewers:
                assert viewer.seqs == list(range(sent))
                assert viewer.last_at > killed_at
            print("viewers that reconnected:", sum(1 for v in viewers if v.reconnects))
            await app.close()
        assert f"worker 0 (pid {worker_0}) exited (killed by SIGKILL)" in log.read_text()

    asyncio.run(scenario())


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_the_page_in_chromium_follows_a_test_published_through_another_instance(
    instances: tuple[str, str, Path], tmp_path: Path
) -> None:
    app_url, url, _log = instances

    async def shown(page: Any, expression: str) -> Any:
        async with asyncio.timeout(20):
            while not (value := await page.evaluate(expression)):
                await asyncio.sleep(0.1)
        return value

    async def scenario() -> None:
        async with aiohttp.ClientSession() as http:
            share = await share_on(http, app_url)
            app = await publisher(http, app_url, share)
            await app.send_str(live_wire.encode(live_wire.RUN, run=1, mode="server", duration_s=20))
            async with chromium_page(tmp_path / "profile", f"{url}/live/{share['code']}") as page:
                await shown(
                    page, "document.getElementById('sharing')?.textContent === 'Sharing live'"
                )
                snap = app_snapshot(1)
                snap["mos"] = 3.77
                await app.send_str(live_wire.encode(live_wire.SNAPSHOT, run=1, snapshot=snap))
                mos = await shown(page, "document.getElementById('gauge-value')?.dataset.mos")
                assert float(mos) == 3.77
            await app.close()

    asyncio.run(scenario())
