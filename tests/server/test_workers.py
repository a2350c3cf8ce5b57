"""`callcheck serve --workers 2`: calls land on both workers, every session is reachable
whichever worker a connection reaches, /metrics and /healthz sum the workers, and killing one
worker is reported and leaves the other's calls running. Real processes, real aiortc calls."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from fleet_helpers import make_report
from server_helpers import WhipClient, metrics_value, running, server_config

from callcheck.core import live_wire
from callcheck.server.config import ConfigError, ServerConfig
from callcheck.server.workers import WorkerPlace, sum_prometheus

TOKEN = "workers-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _exe() -> str:
    exe = shutil.which("callcheck", path=str(Path(sys.executable).parent))
    assert exe
    return exe


def serve_command(*extra: str) -> list[str]:
    return [_exe(), "serve", "--host", "127.0.0.1", "--port", "0", "--ice-address",
            "127.0.0.2", "--token", TOKEN, *extra]  # fmt: skip


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str, Path]]:
    log = tmp_path / "serve.log"
    with (
        log.open("w") as stderr,
        subprocess.Popen(
            serve_command("--workers", "2"), stdout=subprocess.PIPE, stderr=stderr, text=True
        ) as process,
    ):
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            match = re.search(r"listening on (http://\S+) .*\[2 workers\]", line)
            assert match, f"unexpected first line {line!r}; log: {log.read_text()}"
            yield process, match.group(1), log
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
            process.wait(30)


def _worker_pids(log: Path) -> dict[int, int]:
    pids: dict[int, int] = {}
    for match in re.finditer(r"worker (\d+) started \(pid (\d+)\)", log.read_text()):
        pids[int(match.group(1))] = int(match.group(2))
    return pids


async def _wait_for(condition: object, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not await condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.1)


def test_calls_spread_metrics_sum_and_a_killed_worker_spares_the_others(
    two_workers: tuple[subprocess.Popen[str], str, Path],
) -> None:
    process, url, log = two_workers

    async def scenario() -> None:
        # A new connection per request: the kernel picks the worker for each one.
        connector = aiohttp.TCPConnector(force_close=True)
        async with aiohttp.ClientSession(connector=connector) as http:
            clients: list[WhipClient] = []
            owners: dict[str, list[WhipClient]] = {}
            while len(owners) < 2:
                assert len(clients) < 16, "16 calls all landed on one worker"
                client = WhipClient()
                response = await client.call(http, url, token=TOKEN)
                assert response.status == 201
                assert client.location is not None
                owner = client.location.split("/")[2].split("-")[0]
                owners.setdefault(owner, []).append(client)
                clients.append(client)
            assert set(owners) == {"w0", "w1"}
            for client in clients:
                await client.wait_packets(25)
            # Every Location works whichever worker the connection reaches.
            for client in clients:
                for _ in range(4):
                    async with http.get(f"{url}{client.location}", headers=AUTH) as answer:
                        assert answer.status == 200
                        assert (await answer.json())["session"] == client.location.split("/")[2]
            assert await metrics_value(http, url, "callcheck_calls_total") == len(clients)
            assert await metrics_value(http, url, "callcheck_active_calls") == len(clients)
            async with http.get(f"{url}/healthz") as answer:
                health = await answer.json()
            assert health["active_calls"] == len(clients)
            assert health["workers"] == {"configured": 2, "up": 2, "restarts": 0}

            # Kill worker 1: its calls end, worker 0's go on.
            pids = _worker_pids(log)
            os.kill(pids[1], signal.SIGKILL)
            survivor = owners["w0"][0]
            before = len(survivor.received)
            await survivor.wait_packets(before + 50)  # 1 s more of reflected audio

            async def reported() -> bool:
                text = log.read_text()
                return f"worker 1 (pid {pids[1]}) exited (killed by SIGKILL)" in text

            await _wait_for(reported, 10)

            async def restarted() -> bool:
                async with http.get(f"{url}/healthz") as answer:
                    workers = (await answer.json()).get("workers", {})
                return bool(workers.get("up") == 2 and workers.get("restarts") == 1)

            await _wait_for(restarted, 30)
            assert await metrics_value(http, url, "callcheck_worker_restarts_total") == 1
            assert await metrics_value(http, url, "callcheck_active_calls") == len(owners["w0"])
            for client in owners["w1"]:
                assert await client.hang_up(http, url, headers=AUTH) == 404
            for client in owners["w0"]:
                assert await client.hang_up(http, url, headers=AUTH) == 200

    asyncio.run(scenario())
    process.send_signal(signal.SIGTERM)
    assert process.wait(30) == 0


def test_rooms_work_whichever_worker_each_request_reaches(
    two_workers: tuple[subprocess.Popen[str], str, Path],
) -> None:
    _, url, _ = two_workers

    async def scenario() -> None:
        connector = aiohttp.TCPConnector(force_close=True)
        async with aiohttp.ClientSession(connector=connector) as http:
            async with http.post(f"{url}/rooms", headers=AUTH) as answer:
                assert answer.status == 201
                room = await answer.json()
            for _ in range(4):
                async with http.get(f"{url}/rooms/{room['code']}", headers=AUTH) as answer:
                    assert answer.status == 200
            ws_url = f"{url}{room['ws_path']}?access_token={TOKEN}"
            async with http.ws_connect(ws_url) as host, http.ws_connect(ws_url) as guest:
                assert (await host.receive_json(timeout=5))["role"] == "host"
                assert (await guest.receive_json(timeout=5))["role"] == "guest"
                assert (await host.receive_json(timeout=5))["type"] == "room.peer-joined"
                await guest.send_json({"type": "offer", "sdp": "v=0 from the guest"})
                relayed = await host.receive_json(timeout=5)
                assert relayed["sdp"] == "v=0 from the guest"

    asyncio.run(scenario())


def test_with_sqlite_a_restarted_worker_0_keeps_the_shares_and_their_reports(
    two_workers: tuple[subprocess.Popen[str], str, Path],
) -> None:
    """Without PostgreSQL live views live on worker 0. Killed, it is started again with what
    the store holds — the share (the app can publish again) and its finished run's report —
    and without what was only in its memory: the snapshots of that run (README, "Scaling")."""
    _process, url, log = two_workers

    async def scenario() -> None:
        connector = aiohttp.TCPConnector(force_close=True)
        async with aiohttp.ClientSession(connector=connector) as http:
            async with http.post(f"{url}/live", headers=AUTH) as answer:
                assert answer.status == 201
                share = await answer.json()
            publish = f"{url}{share['publish_path']}"
            secret = {live_wire.SECRET_HEADER: share["secret"]}
            async with http.ws_connect(publish, headers=secret) as app:
                assert json.loads((await app.receive()).data)["type"] == live_wire.HELLO
                snapshot = {"elapsed_s": 1.0, "mos": 4.2}
                await app.send_str(live_wire.encode(live_wire.SNAPSHOT, run=1, snapshot=snapshot))
                report = make_report("kept-through-a-restart")
                await app.send_str(live_wire.encode(live_wire.REPORT, run=1, report=report))
                state_url = f"{url}/live/{share['code']}/state"

                async def reported() -> bool:
                    async with http.get(state_url) as answer:
                        runs = (await answer.json())["runs"]
                    return bool(runs and runs[0]["report"] and runs[0]["history"])

                await _wait_for(reported, 10)
                os.kill(_worker_pids(log)[0], signal.SIGKILL)
                async with asyncio.timeout(10):
                    while not (await app.receive()).type.name.startswith("CLOS"):
                        pass  # the app's channel went with worker 0

            async def restarted() -> bool:
                async with http.get(f"{url}/healthz") as answer:
                    workers = (await answer.json()).get("workers", {})
                return bool(workers.get("up") == 2 and workers.get("restarts") == 1)

            await _wait_for(restarted, 30)
            async with http.get(state_url) as answer:
                assert answer.status == 200
                state = await answer.json()
            (run,) = state["runs"]
            assert run["report"]["id"] == "kept-through-a-restart"  # kept: in the store
            assert run["history"] == []  # lost: only worker 0's memory had it
            assert state["sharing"] is False
            async with http.ws_connect(publish, headers=secret) as app:  # the share goes on
                assert json.loads((await app.receive()).data)["type"] == live_wire.HELLO

    asyncio.run(scenario())


def test_max_calls_holds_for_the_server_and_for_each_worker(tmp_path: Path) -> None:
    """--max-calls 3 with 2 workers: each worker takes at most its share (2), the server at
    most 3 — refusals are 503 + Retry-After, counted by the limit reached."""
    log = tmp_path / "serve.log"
    with (
        log.open("w") as stderr,
        subprocess.Popen(
            serve_command("--workers", "2", "--max-calls", "3"),
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        ) as process,
    ):
        try:
            assert process.stdout is not None
            match = re.search(r"listening on (http://\S+)", process.stdout.readline())
            assert match, log.read_text()
            url = match.group(1)

            async def scenario() -> None:
                # A new connection per request: the kernel picks the worker for each one.
                connector = aiohttp.TCPConnector(force_close=True)
                async with aiohttp.ClientSession(connector=connector) as http:
                    clients: list[WhipClient] = []
                    while len(clients) < 3:  # a client retries a worker's "share" refusal
                        client = WhipClient()
                        response = await client.call(http, url, token=TOKEN)
                        if response.status == 503:
                            assert int(response.headers["Retry-After"]) > 0
                            await client.pc.close()
                            continue
                        assert response.status == 201
                        clients.append(client)
                    owners = [c.location.split("/")[2].split("-")[0] for c in clients if c.location]
                    assert sorted(owners.count(w) for w in ("w0", "w1")) == [1, 2]
                    # Full: every new call is refused, whichever worker the kernel picks (the
                    # one holding 1 call is below its share, but the server is at its cap).
                    kinds = []
                    for _ in range(16):
                        async with http.post(
                            f"{url}/whip",
                            data="v=0\r\n",
                            headers={"Content-Type": "application/sdp", **AUTH},
                        ) as refused:
                            assert refused.status == 503
                            assert int(refused.headers["Retry-After"]) > 0
                            message = (await refused.json())["message"]
                            kinds.append("share" if "its share" in message else "server")
                    assert set(kinds) == {"share", "server"}  # both limits met (p(miss) 2e-5)
                    async with http.get(f"{url}/metrics") as answer:
                        metrics = await answer.text()
                    refused_at = {
                        limit: float(m.group(1))
                        for limit in ("server", "worker_share")
                        if (
                            m := re.search(
                                rf'^callcheck_capacity_refusals_total{{limit="{limit}"}} (\S+)',
                                metrics,
                                re.M,
                            )
                        )
                    }
                    assert refused_at["server"] == kinds.count("server")
                    assert refused_at["worker_share"] >= kinds.count("share")
                    async with http.get(f"{url}/healthz") as answer:
                        health = await answer.json()
                    assert (health["active_calls"], health["max_calls"]) == (3, 3)
                    # A call that ends frees its place for whichever worker gets the next one.
                    assert await clients[0].hang_up(http, url, headers=AUTH) == 200
                    deadline = time.monotonic() + 10
                    while True:
                        client = WhipClient()
                        response = await client.call(http, url, token=TOKEN)
                        if response.status == 201:
                            clients.append(client)
                            break
                        await client.pc.close()
                        assert time.monotonic() < deadline, "the freed place was never given"
                        await asyncio.sleep(0.2)
                    for client in clients[1:]:
                        await client.hang_up(http, url, headers=AUTH)

            asyncio.run(scenario())
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(30)


def test_sum_prometheus_adds_the_same_series_and_keeps_the_first_order() -> None:
    a = '# TYPE x counter\nx 3\ny{kind="a"} 1\nh_sum 0.250000000\n'
    b = '# TYPE x counter\nx 4\ny{kind="a"} 2\ny{kind="b"} 5\nh_sum 0.5\n'
    assert sum_prometheus([a, b]) == (
        '# TYPE x counter\nx 7\ny{kind="a"} 3\nh_sum 0.75\ny{kind="b"} 5\n'
    )


def test_ids_name_their_worker_and_paths_find_it() -> None:
    place = WorkerPlace(index=1, count=2, run_dir=Path("/nonexistent"))
    assert place.owner_of(place.id_prefix + "abc-def_g") == 1
    assert place.target("/whip/w0-abc") == 0
    assert place.target("/probe/w1-abc/burst") == 1
    assert place.target("/whip/w7-abc") is None  # no such worker: answered (404) here
    assert place.target("/rooms/ABC-DEF-GHJ/ws") == 0
    assert place.target("/live/ABC-DEF-GHJ/events") == 0
    assert place.target("/healthz") is None
    # With PostgreSQL any worker answers rooms and live views (no single worker 0).
    shared = WorkerPlace(index=1, count=2, run_dir=Path("/nonexistent"), shared=True)
    assert shared.target("/rooms/ABC-DEF-GHJ/ws") is None
    assert shared.target("/live/ABC-DEF-GHJ/events") is None
    assert shared.target("/whip/w0-abc") == 0


def test_workers_setting_defaults_to_the_cores_and_rejects_negatives() -> None:
    assert ServerConfig(workers=3).worker_count == 3
    assert ServerConfig().worker_count == len(os.sched_getaffinity(0))
    with pytest.raises(ConfigError, match="workers"):
        ServerConfig(workers=-1)
    with pytest.raises(ConfigError, match="drain_timeout_s"):
        ServerConfig(drain_timeout_s=0)


def test_an_instance_name_is_in_every_session_id_for_the_load_balancer() -> None:
    """What the README's nginx/HAProxy examples route on: ``/whip/[wN-]NAME-…``."""
    pattern = re.compile(r"^/whip/(w[0-9]+-)?(?P<instance>[a-z0-9]+)-")

    async def scenario() -> tuple[str, int]:
        async with (
            running(server_config(instance_name="edge1")) as url,
            aiohttp.ClientSession() as http,
        ):
            client = WhipClient()
            response = await client.call(http, url)
            assert response.status == 201
            assert client.location is not None
            await client.wait_packets(10)
            return client.location, await client.hang_up(http, url)

    location, hangup = asyncio.run(scenario())
    match = pattern.match(location)
    assert match
    assert match.group("instance") == "edge1"
    assert hangup == 200
    with pytest.raises(ConfigError, match="instance_name"):
        ServerConfig(instance_name="Edge-1")


def test_room_guesses_meet_one_rate_limiter_whichever_worker_they_reach() -> None:
    """Rooms live on worker 0 and requests are counted where they are answered: the limit on
    guessing room codes is the configured one, not one per worker."""
    with subprocess.Popen(
        serve_command("--workers", "2", "--rate-limit", "5"),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            match = re.search(r"listening on (http://\S+) ", process.stdout.readline())
            assert match
            url = match.group(1)

            async def guess() -> list[int]:
                connector = aiohttp.TCPConnector(force_close=True)
                async with aiohttp.ClientSession(connector=connector) as http:
                    statuses = []
                    for _ in range(6):
                        async with http.get(f"{url}/rooms/ACD-EFG-HJK", headers=AUTH) as answer:
                            statuses.append(answer.status)
                    return statuses

            assert asyncio.run(guess()) == [404] * 5 + [429]
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(30)
