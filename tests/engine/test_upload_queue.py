"""The upload queue against a real server: down then up, a crash mid-upload, refusals.

"Exactly once" is checked on the server: its store holds each report once and its
``callcheck_fleet_reports_total`` counted each once; "in order" by the arrival times it stored.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from callcheck.engine.upload_queue import UploadQueue, UploadTarget, upload_report
from callcheck.server.app import start_server
from callcheck.server.config import ServerConfig

FLEET = "queue-fleet-token"
ADMIN = "queue-admin-token"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "report-v1-loopback.json"


def _report(report_id: str) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(FIXTURE.read_text())
    report["id"] = report_id
    return report


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _config(tmp_path: Path, port: int = 0) -> ServerConfig:
    return ServerConfig(
        host="127.0.0.1",
        port=port,
        database=str(tmp_path / "server.sqlite3"),
        fleet_token=FLEET,
        admin_token=ADMIN,
        request_timeout_s=5.0,
    )


async def _arrivals(url: str) -> tuple[list[str], str]:
    """Stored ids in arrival order, and the metrics text."""
    async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {ADMIN}"}) as http:
        async with http.get(f"{url}/api/v1/reports", params={"limit": "1000"}) as r:
            rows = (await r.json())["reports"]
        async with http.get(f"{url}/metrics") as r:
            metrics = await r.text()
    return [row["id"] for row in sorted(rows, key=lambda row: row["received_at"])], metrics


def test_server_down_during_five_uploads_then_up_all_arrive_once_in_order(
    tmp_path: Path,
) -> None:
    port = _free_port()  # nothing listens here yet: the server is "down"
    target = UploadTarget(f"http://127.0.0.1:{port}", FLEET, host_name="laptop-q")
    queue_dir = tmp_path / "queue"
    ids = [f"down-{i}" for i in range(5)]

    async def main() -> Any:
        while_down = [await upload_report(_report(i), queue_dir, target) for i in ids]
        server = await start_server(_config(tmp_path, port))
        try:
            flushed = await UploadQueue(queue_dir, target).flush()
            again = await UploadQueue(queue_dir, target).flush()
            return while_down, flushed, again, await _arrivals(server.url)
        finally:
            await server.stop()

    while_down, flushed, again, (arrived, metrics) = asyncio.run(main())
    assert [r.pending for r in while_down] == [1, 2, 3, 4, 5]
    assert all(r.sent == () and "cannot be reached" in (r.error or "") for r in while_down)
    assert flushed.sent == tuple(ids)
    assert flushed.complete
    assert again.sent == ()
    assert arrived == ids
    assert 'callcheck_fleet_reports_total{result="pass",site="unknown"} 5' in metrics


_CHILD = """
import asyncio, sys
from pathlib import Path
from callcheck.engine.upload_queue import UploadQueue, UploadTarget
target = UploadTarget(sys.argv[2], sys.argv[3])
asyncio.run(UploadQueue(Path(sys.argv[1]), target).flush())
"""


def test_a_crash_mid_upload_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    """The sender is killed (SIGKILL) after the server stored report 3 but before the answer
    reached it — the worst moment. The next flush sends 3 again (the server keeps one) and
    then 4 and 5."""
    queue_dir = tmp_path / "queue"
    ids = [f"crash-{i}" for i in range(1, 6)]
    queue = UploadQueue(queue_dir, UploadTarget("http://unused", FLEET))
    for report_id in ids:
        queue.enqueue(_report(report_id))

    async def main() -> Any:
        server = await start_server(_config(tmp_path))
        stored_unanswered = asyncio.Event()
        forwarded = 0

        async def proxy(request: web.Request) -> web.StreamResponse:
            """Forwards to the real server; holds the answer to the third upload forever."""
            nonlocal forwarded
            body = await request.read()
            async with (
                aiohttp.ClientSession() as http,
                http.post(server.url + request.path, data=body, headers=request.headers) as r,
            ):
                status, text = r.status, await r.text()
            forwarded += 1
            if forwarded == 3:
                stored_unanswered.set()
                await asyncio.Event().wait()  # the answer never leaves
            return web.Response(status=status, text=text, content_type="application/json")

        proxy_app = web.Application()
        proxy_app.router.add_post("/api/v1/reports", proxy)
        runner = web.AppRunner(proxy_app, handle_signals=False, shutdown_timeout=0.1)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        proxy_url = f"http://127.0.0.1:{runner.addresses[0][1]}"
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "desktop")}
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-c", _CHILD, str(queue_dir), proxy_url, FLEET, env=env
        )
        try:
            await asyncio.wait_for(stored_unanswered.wait(), timeout=60)
            left_at_crash = [p.name for p in queue.pending()]
            child.send_signal(signal.SIGKILL)
            killed = await child.wait()
            resumed = await UploadQueue(queue_dir, UploadTarget(server.url, FLEET)).flush()
            return left_at_crash, killed, resumed, await _arrivals(server.url)
        finally:
            if child.returncode is None:
                child.kill()
                await child.wait()
            await runner.cleanup()
            await server.stop()

    left_at_crash, killed, resumed, (arrived, metrics) = asyncio.run(main())
    assert killed == -signal.SIGKILL
    assert len(left_at_crash) == 3  # 1 and 2 confirmed and deleted; 3 stored, unconfirmed
    assert resumed.sent == ("crash-3", "crash-4", "crash-5")
    assert resumed.complete
    assert arrived == ids
    assert 'callcheck_fleet_reports_total{result="pass",site="unknown"} 5' in metrics


def test_a_refused_report_is_set_aside_and_a_refused_token_keeps_everything(
    tmp_path: Path,
) -> None:
    queue_dir = tmp_path / "queue"

    async def main() -> Any:
        server = await start_server(_config(tmp_path))
        try:
            wrong = UploadQueue(queue_dir, UploadTarget(server.url, "not-the-token"))
            wrong.enqueue(_report("keep-1"))
            refused = await wrong.flush()
            good = UploadQueue(queue_dir, UploadTarget(server.url, FLEET))
            good.enqueue({"id": "broken", "schema": "callcheck.report/1"})  # not a valid report
            good.enqueue(_report("keep-2"))
            flushed = await good.flush()
            return refused, flushed, await _arrivals(server.url)
        finally:
            await server.stop()

    refused, flushed, (arrived, _) = asyncio.run(main())
    assert refused.sent == ()
    assert refused.pending == 1
    assert "refused the fleet token" in (refused.error or "")
    assert FLEET not in (refused.error or "")
    assert flushed.sent == ("keep-1", "keep-2")
    assert flushed.rejected == ("broken",)
    assert arrived == ["keep-1", "keep-2"]
    reasons = list((queue_dir / "rejected").glob("*.reason.txt"))
    assert len(reasons) == 1
    assert reasons[0].read_text().startswith("400 not a valid CallCheck report")


def test_the_queue_keeps_its_order_after_it_was_emptied(tmp_path: Path) -> None:
    queue = UploadQueue(tmp_path / "q", UploadTarget("http://unused"))
    first = queue.enqueue(_report("a"))
    first.unlink()
    second = queue.enqueue(_report("b"))
    assert second.name > first.name
