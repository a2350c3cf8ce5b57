"""The app's live-view publisher against real `callcheck serve` processes and real test calls.

A real server-mode call runs through one server while its snapshots and report are shared
through a server; a viewer reads the events the technician's page reads.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.live_share import (
    RECONNECTING,
    SHARE_ENDED,
    STOPPED_BY_SERVER,
    LiveShare,
    ShareError,
)
from callcheck.engine.loop import EngineLoop
from callcheck.engine.reporting import build_report
from callcheck.engine.snapshots import LiveSnapshot

TOKEN = "share-token"


def _exe() -> str:
    exe = shutil.which("callcheck", path=str(Path(sys.executable).parent))
    assert exe
    return exe


class Serve:
    """A `callcheck serve` process on 127.0.0.1 (media offered on 127.0.0.2)."""

    def __init__(self, tmp: Path, config: str = "") -> None:
        self.log = tmp / "server.log"
        self._stderr = self.log.open("w")
        self.process = subprocess.Popen(
            [_exe(), "serve", "--host", "127.0.0.1", "--port", "0", "--ice-address",
             "127.0.0.2", "--token", TOKEN, "--config", str(self._config(tmp, config))],
            stdout=subprocess.PIPE, stderr=self._stderr, text=True,
        )  # fmt: skip
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        match = re.search(r"listening on (http://\S+) ", line)
        if match is None:  # no process or open file left behind for the next tests to trip on
            self.stop()
            pytest.fail(f"unexpected first line {line!r}; log: {self.log.read_text()}")
        self.url = match.group(1)

    @staticmethod
    def _config(tmp: Path, config: str) -> Path:
        path = tmp / "serve.toml"
        path.write_text(f'database = "{tmp / "store.sqlite3"}"\n{config}')
        return path

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)
        if self.process.stdout is not None:
            self.process.stdout.close()
        self._stderr.close()


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serve]:
    server = Serve(tmp_path_factory.mktemp("serve"))
    try:
        yield server
    finally:
        server.stop()


async def _read_events(response: aiohttp.ClientResponse, into: list[tuple[str, Any]]) -> None:
    kind, data = "message", ""
    while line := await response.content.readline():
        text = line.decode().rstrip("\n")
        if text.startswith("event: "):
            kind = text[7:]
        elif text.startswith("data: "):
            data += text[6:]
        elif text == "" and data:
            into.append((kind, json.loads(data)))
            kind, data = "message", ""


async def _until(events: list[tuple[str, Any]], test: Any, timeout_s: float = 20.0) -> Any:
    async with asyncio.timeout(timeout_s):
        while True:
            for kind, data in events:
                if test(kind, data):
                    return data
            await asyncio.sleep(0.05)


def test_a_shared_test_reaches_the_viewer_and_run_again_needs_consent(serve: Serve) -> None:
    """Snapshots arrive as the app made them; "run again" asks; a second run follows consent."""

    async def scenario() -> dict[str, Any]:
        asked = asyncio.Event()
        share = LiveShare(serve.url, TOKEN, on_run_again=asked.set)
        info = await share.start()
        shown: list[LiveSnapshot] = []
        events: list[tuple[str, Any]] = []
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"{serve.url}/live/{info.code}/events") as viewer,
        ):
            reader = asyncio.create_task(_read_events(viewer, events))

            async def one_run() -> None:
                config = CallConfig(
                    mode="server", server_url=serve.url, token=TOKEN, duration_s=2.0
                )
                share.start_run("server", config.duration_s)

                def on_snapshot(snap: LiveSnapshot) -> None:
                    shown.append(snap)
                    share.publish_snapshot(snap)

                result = await TestCall(config, on_snapshot=on_snapshot).run()
                share.publish_report(build_report(result).to_json())

            await one_run()
            await _until(events, lambda k, d: k == "report" and d["run"] == 1)
            async with http.post(f"{serve.url}/live/{info.code}/run-again") as r:
                assert r.status == 202
            await asyncio.wait_for(asked.wait(), 10)
            await one_run()  # the employee pressed Run
            await _until(events, lambda k, d: k == "report" and d["run"] == 2)
            reader.cancel()
            await share.close()
            async with http.get(f"{serve.url}/live/{info.code}/state") as r:
                state: dict[str, Any] = await r.json()
        # Every snapshot the app showed reached the viewer with the app's own MOS.
        relayed = [d["snapshot"]["mos"] for k, d in events if k == "snapshot"]
        assert relayed == [None if s.quality is None else round(s.quality.mos, 2) for s in shown]
        assert share.dropped_snapshots == 0
        return state

    with EngineLoop() as loop:
        state = loop.run(scenario(), timeout_s=90)
    runs = state["runs"]
    assert [r["run"] for r in runs] == [1, 2]
    assert all(r["report"]["mode"] == "server" for r in runs)
    assert not runs[0]["history"]  # an older run keeps its report, not its snapshots
    assert runs[1]["history"]
    assert state["stopped"] is True  # close() said "stop"


def test_the_test_goes_on_when_the_sharing_server_goes_away(serve: Serve, tmp_path: Path) -> None:
    """The call reflects through one server and shares through another, which dies mid-call:
    the share tries to reconnect (a short backoff here) and, when every attempt fails, says
    sharing stopped — the call never waits."""
    sharing = Serve(tmp_path)

    async def scenario() -> tuple[Any, list[float], list[str], LiveShare]:
        stopped: list[str] = []
        share = LiveShare(
            sharing.url,
            TOKEN,
            on_stopped=stopped.append,
            on_reconnecting=stopped.append,
            reconnect_backoff_s=(0.1, 0.2),
        )
        await share.start()
        share.start_run("server", 3.0)
        arrivals: list[float] = []
        publish_s: list[float] = []

        def on_snapshot(snap: LiveSnapshot) -> None:
            arrivals.append(time.monotonic())
            started = time.perf_counter()
            share.publish_snapshot(snap)
            publish_s.append(time.perf_counter() - started)
            if snap.elapsed_s >= 1.0 and sharing.process.poll() is None:
                sharing.process.kill()  # the channel is cut mid-test

        config = CallConfig(mode="server", server_url=serve.url, token=TOKEN, duration_s=3.0)
        result = await TestCall(config, on_snapshot=on_snapshot).run()
        share.publish_report(build_report(result).to_json())  # a no-op now: sharing stopped
        await share.close()
        return result, publish_s, stopped, share

    try:
        with EngineLoop() as loop:
            result, publish_s, stopped, share = loop.run(scenario(), timeout_s=60)
    finally:
        sharing.stop()
    assert result.ended_early is None  # the call ran its whole length
    assert result.quality is not None
    assert stopped == [RECONNECTING, STOPPED_BY_SERVER]
    assert share.stopped == STOPPED_BY_SERVER
    assert share.reconnects == 0
    assert max(publish_s) < 0.005  # publishing never waits on the network


def test_a_share_the_server_ended_is_not_reconnected(tmp_path: Path) -> None:
    """When the share's code expires the server closes the channel saying so (a close code
    of its own): the app stops sharing at once and does not try to reconnect."""
    ttl_s = 1.5
    sharing = Serve(tmp_path, f"live_code_ttl_h = {ttl_s / 3600}\n")

    async def scenario() -> tuple[list[str], LiveShare]:
        said: list[str] = []
        ended = asyncio.Event()

        def on_stopped(reason: str) -> None:
            said.append(reason)
            ended.set()

        share = LiveShare(sharing.url, TOKEN, on_stopped=on_stopped, on_reconnecting=said.append)
        await share.start()
        share.start_run("server", 10.0)
        async with asyncio.timeout(ttl_s + 8.0):
            elapsed_s = 0.0
            while not ended.is_set():  # the app's snapshots, 4 a second, until the server ends
                share.publish_snapshot(_snapshot(elapsed_s))
                elapsed_s += 0.25
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(ended.wait(), 0.25)
        await share.close()
        return said, share

    try:
        with EngineLoop() as loop:
            said, share = loop.run(scenario(), timeout_s=30)
    finally:
        sharing.stop()
    assert said == [SHARE_ENDED]  # no "reconnecting" before it
    assert share.reconnects == 0


def test_publishing_never_blocks_and_drops_only_old_snapshots(serve: Serve) -> None:
    """Without yielding to the loop, nothing is sent: the queue stays bounded, drop-oldest."""

    async def scenario() -> tuple[LiveShare, list[tuple[str, Any]]]:
        share = LiveShare(serve.url, TOKEN, queue_messages=8)
        info = await share.start()
        events: list[tuple[str, Any]] = []
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"{serve.url}/live/{info.code}/events") as viewer,
        ):
            reader = asyncio.create_task(_read_events(viewer, events))
            await _until(events, lambda k, d: k == "state")
            share.start_run("server", 1.0)
            for i in range(50):
                share.publish_snapshot(_snapshot(float(i)))
            await _until(
                events, lambda k, d: k == "snapshot" and d["snapshot"]["elapsed_s"] == 49.0
            )
            reader.cancel()
        await share.close()
        return share, events

    with EngineLoop() as loop:
        share, events = loop.run(scenario(), timeout_s=30)
    assert share.dropped_snapshots == 50 - 7  # 8 places, one holds the run message
    relayed = [d["snapshot"]["elapsed_s"] for k, d in events if k == "snapshot"]
    assert relayed == [float(i) for i in range(43, 50)]
    assert any(k == "run" for k, _ in events)  # never dropped


def test_a_refused_token_is_a_share_error_not_a_crash(serve: Serve) -> None:
    async def scenario() -> str:
        with pytest.raises(ShareError) as refused:
            await LiveShare(serve.url, "wrong").start()
        return str(refused.value)

    with EngineLoop() as loop:
        assert "token" in loop.run(scenario(), timeout_s=20)


def _snapshot(elapsed_s: float) -> LiveSnapshot:
    """A snapshot with the engine's own types (no quality yet: MOS shows as none); the packet
    statistics objects are not part of what is shared."""
    from callcheck.engine.snapshots import DirectionSnapshot

    def direction(name: Any) -> DirectionSnapshot:
        return DirectionSnapshot(
            direction=name, rtt_ms=40.0, rtt_rtcp_ms=None, jitter_ms=1.0,
            loss_interval_pct=0.0, loss_total_pct=0.0, burst_ratio=1.0, playout_delay_ms=40.0,
            late_discard_pct=0.0, concealed_pct=0.0, interval=None, totals=None,
            playout=None, quality=None,
        )  # fmt: skip

    return LiveSnapshot(elapsed_s, 60.0, direction("uplink"), direction("downlink"), None)
