"""The app's sharing channel survives the instance that holds it (issues 17 and 20).

Real processes: `callcheck serve` instances sharing one real PostgreSQL behind a fail-over load
balancer (what HAProxy does with a backup server: a new connection goes to the first backend
that accepts it). The employee's app (:class:`~callcheck.engine.live_share.LiveShare`) shares a
real server-mode call through the balancer, which sends it to an instance of its own; that
instance is killed (SIGKILL, its whole process group) mid-call. The app says "reconnecting",
reconnects through the balancer to the surviving instance and says it shares again; the viewer,
watching through a third instance, goes on receiving the call's snapshots in order and gets the
final report, and the page still shows one run.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from fleet_helpers import make_report
from postgres_server import AVAILABLE, SKIP_REASON
from test_live_view import Events
from test_workers import TOKEN, serve_command

from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.live_share import RECONNECTING, LiveShare
from callcheck.engine.loop import EngineLoop
from callcheck.engine.reporting import build_report
from callcheck.engine.snapshots import LiveSnapshot

pytestmark = pytest.mark.skipif(not AVAILABLE, reason=SKIP_REASON)

RESUMED = "resumed"


@contextlib.contextmanager
def doomed_instance(database: str, tmp: Path) -> Iterator[tuple[str, int]]:
    """A one-worker instance in its own process group (so one SIGKILL takes the whole
    instance, as when its machine dies); yields (URL, process group id)."""
    config = tmp / "serve.toml"
    config.write_text(f'database = "{database}"\n')
    log = tmp / "doomed.log"
    with (
        log.open("w") as stderr,
        subprocess.Popen(
            serve_command("--workers", "1", "--config", str(config)),
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            start_new_session=True,
        ) as process,
    ):
        try:
            assert process.stdout is not None
            match = re.search(r"listening on (http://\S+)", process.stdout.readline())
            assert match, log.read_text()
            yield match.group(1), process.pid
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


class FailoverBalancer:
    """A TCP load balancer: each new connection goes to the first backend that accepts it."""

    def __init__(self, backends: list[str], *, cut_at_bytes: int | None = None) -> None:
        self._backends = [_host_port(url) for url in backends]
        self._server: asyncio.Server | None = None
        self._cut_at_bytes = cut_at_bytes
        self.connections: list[int] = []
        """Which backend (index) each connection went to."""
        self.cut = asyncio.Event()
        """Set once a connection was cut (see :meth:`_upstream`)."""

    async def start(self) -> str:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        for index, (host, port) in enumerate(self._backends):
            try:
                up_reader, up_writer = await asyncio.open_connection(host, port)
            except OSError:
                continue
            self.connections.append(index)
            await asyncio.gather(
                self._upstream(reader, up_writer, writer), _pipe(up_reader, writer)
            )
            return
        writer.close()

    async def _upstream(
        self,
        reader: asyncio.StreamReader,
        up_writer: asyncio.StreamWriter,
        writer: asyncio.StreamWriter,
    ) -> None:
        """The client's bytes to the backend; with ``cut_at_bytes``, the first read that large
        (a report: WebSocket frames from a client are masked, so size is what shows) is not
        passed on and both sides are cut, once: the network failing as the report is sent."""
        try:
            while data := await reader.read(65536):
                if self._cut_at_bytes and len(data) >= self._cut_at_bytes and not self.cut.is_set():
                    self.cut.set()
                    writer.transport.abort()
                    break
                up_writer.write(data)
                await up_writer.drain()
        except ConnectionError:
            pass
        finally:
            up_writer.close()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


def _host_port(url: str) -> tuple[str, int]:
    host, _, port = url.removeprefix("http://").rpartition(":")
    return host, int(port)


def test_the_app_reconnects_through_another_instance_and_the_viewer_sees_the_whole_test(
    shared_database: str,
    shared_instances: tuple[str, Path, str, Path],
    tmp_path: Path,
) -> None:
    survivor_url, _log, viewer_url, _log2 = shared_instances
    duration_s, kill_at_s = 4.0, 1.5

    async def scenario(doomed_url: str, doomed_group: int) -> dict[str, Any]:
        balancer = FailoverBalancer([doomed_url, survivor_url])
        share_url = await balancer.start()
        said: list[str] = []
        resumed_at: list[float] = []

        def on_resumed() -> None:
            said.append(RESUMED)
            resumed_at.append(time.monotonic())

        share = LiveShare(
            share_url,
            TOKEN,
            on_stopped=said.append,
            on_reconnecting=said.append,
            on_resumed=on_resumed,
        )
        info = await share.start()
        shown: list[float] = []
        killed_at = 0.0
        killed_after = 0  # snapshots shown before the kill
        events: list[tuple[str, dict[str, Any]]] = []
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"{viewer_url}/live/{info.code}/events") as response,
        ):
            assert response.status == 200
            viewer = Events(response)

            async def watch() -> None:
                while True:
                    events.append(await viewer.next(timeout_s=30))

            watching = asyncio.create_task(watch())
            share.start_run("server", duration_s)

            def on_snapshot(snap: LiveSnapshot) -> None:
                nonlocal killed_after, killed_at
                shown.append(round(snap.elapsed_s, 2))
                share.publish_snapshot(snap)
                if snap.elapsed_s >= kill_at_s and not killed_after:
                    os.killpg(doomed_group, signal.SIGKILL)  # the instance dies mid-call
                    killed_after = len(shown)
                    killed_at = time.monotonic()

            config = CallConfig(
                mode="server", server_url=survivor_url, token=TOKEN, duration_s=duration_s
            )
            result = await TestCall(config, on_snapshot=on_snapshot).run()
            share.publish_report(build_report(result).to_json())
            async with asyncio.timeout(15):
                while not any(k == "report" and d["run"] == 1 for k, d in events):
                    await asyncio.sleep(0.05)
            stopped_before_close = share.stopped
            await share.close()
            watching.cancel()
            async with http.get(f"{viewer_url}/live/{info.code}/state") as r:
                state: dict[str, Any] = await r.json()
        await balancer.stop()
        relayed = [d["snapshot"]["elapsed_s"] for k, d in events if k == "snapshot"]
        assert killed_after, "the call ended before the kill"
        assert said == [RECONNECTING, RESUMED]
        assert stopped_before_close is None
        assert share.reconnects == 1
        assert share.dropped_snapshots == 0
        assert balancer.connections[0] == 0  # the app first reached the doomed instance
        assert balancer.connections[-1] == 1  # and came back through the survivor
        # In order, none twice; everything shown after the kill reached the viewer (at most
        # what was on the wire to the dying instance is lost).
        assert relayed == sorted(set(relayed))
        assert set(relayed) <= set(shown)
        assert set(shown[killed_after:]) <= set(relayed)
        print(
            f"snapshots shown {len(shown)}, relayed {len(relayed)}, "
            f"lost with the instance {len(set(shown) - set(relayed))}, "
            f"kill to sharing again {resumed_at[0] - killed_at:.2f} s"
        )
        return state

    started = time.monotonic()
    with (
        doomed_instance(shared_database, tmp_path) as (doomed_url, doomed_group),
        EngineLoop() as loop,
    ):
        state = loop.run(scenario(doomed_url, doomed_group), timeout_s=60)
    runs = state["runs"]
    assert [r["run"] for r in runs] == [1]  # announced again after reconnecting: still one run
    assert runs[0]["mode"] == "server"
    assert runs[0]["report"]["mode"] == "server"
    assert state["stopped"] is True  # close() said "stop" through the survivor
    print(f"took {time.monotonic() - started:.1f} s")


def test_a_report_lost_on_the_way_is_sent_again_after_reconnecting(
    shared_instances: tuple[str, Path, str, Path],
) -> None:
    """The network fails just as the app sends the run's report: the server never got it, says
    so in its ``hello`` on the new channel, and the app sends it again — once."""
    url, _log, viewer_url, _log2 = shared_instances

    async def scenario() -> None:
        balancer = FailoverBalancer([url], cut_at_bytes=4096)
        said: list[str] = []
        share = LiveShare(
            await balancer.start(),
            TOKEN,
            on_stopped=said.append,
            on_reconnecting=said.append,
            on_resumed=lambda: said.append(RESUMED),
        )
        info = await share.start()
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"{viewer_url}/live/{info.code}/events") as response,
        ):
            viewer = Events(response)
            assert (await viewer.next())[0] == "state"
            share.start_run("server", 20.0)
            share.publish_status("call")
            report = make_report("lost-on-the-way")
            assert len(json.dumps(report)) > 4096
            share.publish_report(report)
            await asyncio.wait_for(balancer.cut.wait(), 10)
            got = await viewer.until("report")  # within 5 s of the last event, or TimeoutError
            assert got["report"]["id"] == "lost-on-the-way"
            await share.close()
            async with http.get(f"{viewer_url}/live/{info.code}/state") as r:
                state = await r.json()
            async with http.get(f"{url}/live/{info.code}/runs/1.json") as r:
                assert r.status == 200
                assert (await r.json())["id"] == "lost-on-the-way"
        await balancer.stop()
        assert said == [RECONNECTING, RESUMED]
        assert [r["run"] for r in state["runs"]] == [1]
        assert state["runs"][0]["mode"] == "server"

    with EngineLoop() as loop:
        loop.run(scenario(), timeout_s=40)
