"""The helpdesk live view's server side (issue 17): a real server, a raw publishing WebSocket,
real Server-Sent Events readers.

The publisher here is a plain WebSocket speaking :mod:`callcheck.core.live_wire`, so each test
checks the server's contract on its own; tests/engine/test_live_share.py drives the app's
publisher against a real `callcheck serve` process.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import pytest
from fleet_helpers import make_report
from server_helpers import server_config

from callcheck.core import live_wire
from callcheck.server.app import LIVE_KEY, RunningServer, start_server
from callcheck.server.rooms import CODE_ALPHABET

TOKEN = "live-server-token"
VIEWER = "helpdesk-login-0001"


@contextlib.asynccontextmanager
async def live_server(tmp_path: Any, **changes: Any) -> AsyncIterator[RunningServer]:
    config = server_config(database=str(tmp_path / "store.sqlite3"), token=TOKEN, **changes)
    server = await start_server(config)
    try:
        yield server
    finally:
        await server.stop()


async def make_share(http: aiohttp.ClientSession, url: str) -> dict[str, Any]:
    async with http.post(f"{url}/live", headers={"Authorization": f"Bearer {TOKEN}"}) as r:
        assert r.status == 201, await r.text()
        made: dict[str, Any] = await r.json()
        return made


async def publisher(
    http: aiohttp.ClientSession, url: str, share: dict[str, Any]
) -> aiohttp.ClientWebSocketResponse:
    ws = await http.ws_connect(
        f"{url}{share['publish_path']}", headers={live_wire.SECRET_HEADER: share["secret"]}
    )
    hello = json.loads((await ws.receive()).data)
    assert hello["type"] == live_wire.HELLO
    assert hello["code"] == share["code"]
    return ws


def snapshot(elapsed_s: float, mos: float) -> dict[str, Any]:
    direction = {"rtt_ms": 40.0, "jitter_ms": 2.5, "loss_pct": 0.0, "mos": mos}
    return {
        "elapsed_s": elapsed_s,
        "duration_s": 10.0,
        "progress": elapsed_s / 10.0,
        "mos": mos,
        "grade": "Excellent",
        "uplink": direction,
        "downlink": direction,
    }


class Events:
    """A Server-Sent Events reader (what EventSource does)."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self.response = response

    async def next(self, timeout_s: float = 5.0) -> tuple[str, dict[str, Any]]:
        kind, data = "message", ""
        async with asyncio.timeout(timeout_s):
            while True:
                line = (await self.response.content.readline()).decode().rstrip("\n")
                if line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("data: "):
                    data += line[6:]
                elif line == "" and data:
                    return kind, json.loads(data)

    async def until(self, kind: str) -> dict[str, Any]:
        while True:
            got, data = await self.next()
            if got == kind:
                return data


@contextlib.asynccontextmanager
async def events(
    http: aiohttp.ClientSession, url: str, code: str, **kw: Any
) -> AsyncIterator[Events]:
    async with http.get(f"{url}/live/{code}/events", **kw) as r:
        assert r.status == 200, await r.text()
        assert r.content_type == "text/event-stream"
        yield Events(r)


def test_share_code_is_a_43_bit_phone_friendly_code_and_the_page_is_self_contained(
    tmp_path: Any,
) -> None:
    async def scenario() -> None:
        async with live_server(tmp_path) as server, aiohttp.ClientSession() as http:
            async with http.post(f"{server.url}/live") as r:
                assert r.status == 401  # the app needs the server token
            share = await make_share(http, server.url)
            code = share["code"]
            assert re.fullmatch(
                f"[{CODE_ALPHABET}]{{3}}-[{CODE_ALPHABET}]{{3}}-[{CODE_ALPHABET}]{{3}}", code
            )
            assert 9 * math.log2(len(CODE_ALPHABET)) >= 40
            assert share["url"] == f"{server.url}/live/{code}"
            expires = datetime.fromisoformat(share["expires_at"])
            assert timedelta(hours=23.9) < expires - datetime.now(UTC) <= timedelta(hours=24)
            async with http.get(f"{server.url}/live/{code.lower().replace('-', '')}") as r:
                assert r.status == 200
                page = await r.text()
                assert "connect-src 'self'" in r.headers["Content-Security-Policy"]
            assert code in page
            assert "__GRADES__" not in page
            assert not re.search(r"""(src|href)=["']?https?://""", page)  # no CDN, no fonts

    asyncio.run(scenario())


def test_viewers_get_the_test_so_far_then_every_snapshot_and_the_stored_report(
    tmp_path: Any,
) -> None:
    async def scenario() -> None:
        async with live_server(tmp_path) as server, aiohttp.ClientSession() as http:
            url = server.url
            share = await make_share(http, url)
            code = share["code"]
            app = await publisher(http, url, share)
            await app.send_str(live_wire.encode(live_wire.RUN, run=1, mode="server", duration_s=10))
            async with events(http, url, code) as early:
                await early.until("state")
                for i in range(3):
                    await app.send_str(
                        live_wire.encode(
                            live_wire.SNAPSHOT, run=1, snapshot=snapshot(i, 4.0 + i / 10)
                        )
                    )
                for i in range(3):
                    assert (await early.until("snapshot"))["snapshot"]["elapsed_s"] == i
            # A viewer arriving late gets the test so far in its first event ...
            async with events(http, url, code) as late:
                kind, state = await late.next()
                assert kind == "state"
                run = state["runs"][0]
                assert [s["mos"] for s in run["history"]] == [4.0, 4.1, 4.2]
                assert run["mode"] == "server"
                assert run["last"]["mos"] == 4.2
                assert state["sharing"] is True
                # ... and the app hears how many watch.
                while json.loads((await app.receive()).data) != {"type": "viewers", "count": 1}:
                    pass
                await app.send_str(
                    live_wire.encode(live_wire.SNAPSHOT, run=1, snapshot=snapshot(3, 3.1))
                )
                assert (await late.until("snapshot"))["snapshot"]["mos"] == 3.1
                report = make_report("run-1-report", mos=3.4)
                await app.send_str(live_wire.encode(live_wire.REPORT, run=1, report=report))
                got = await late.until("report")
                assert got["run"] == 1
                assert got["report"]["id"] == "run-1-report"
            for fmt, kind in (
                ("json", "application/json"),
                ("html", "text/html"),
                ("txt", "text/plain"),
            ):
                async with http.get(f"{url}/live/{code}/runs/1.{fmt}") as r:
                    assert r.status == 200
                    assert r.content_type == kind
                    assert f"run1.{fmt}" in r.headers["Content-Disposition"]
                    body = await r.text()
            assert "3.4" in body  # the TXT summary carries the verdict's MOS
            async with http.get(f"{url}/live/{code}/runs/2.json") as r:
                assert r.status == 404
            await app.close()

    asyncio.run(scenario())


def test_run_again_reaches_the_app_and_needs_it_connected(tmp_path: Any) -> None:
    async def scenario() -> None:
        async with live_server(tmp_path) as server, aiohttp.ClientSession() as http:
            share = await make_share(http, server.url)
            ask = f"{server.url}/live/{share['code']}/run-again"
            async with http.post(ask) as r:
                assert r.status == 409  # nobody to ask: the app is not connected
            app = await publisher(http, server.url, share)
            async with http.post(ask) as r:
                assert r.status == 202
            while (message := json.loads((await app.receive()).data))["type"] != "run_again":
                pass
            assert message == {"type": "run_again"}
            await app.close()

    asyncio.run(scenario())


def test_a_viewer_that_disconnects_and_reconnects_gets_everything_again(tmp_path: Any) -> None:
    async def scenario() -> None:
        async with live_server(tmp_path) as server, aiohttp.ClientSession() as http:
            share = await make_share(http, server.url)
            app = await publisher(http, server.url, share)
            await app.send_str(live_wire.encode(live_wire.RUN, run=1, mode="server", duration_s=10))
            async with events(http, server.url, share["code"]) as first:
                await first.until("state")
                await app.send_str(
                    live_wire.encode(live_wire.SNAPSHOT, run=1, snapshot=snapshot(1, 4.1))
                )
                assert (await first.until("snapshot"))["snapshot"]["mos"] == 4.1
            # Disconnected; the test goes on without this viewer.
            await app.send_str(
                live_wire.encode(live_wire.SNAPSHOT, run=1, snapshot=snapshot(2, 3.9))
            )
            await app.send_str(live_wire.encode(live_wire.STATUS, run=1, phase="call", checks=[]))
            async with events(http, server.url, share["code"]) as again:
                kind, state = await again.next()
                assert kind == "state"
                assert [s["mos"] for s in state["runs"][0]["history"]] == [4.1, 3.9]
            await app.close()

    asyncio.run(scenario())


def test_unknown_expired_and_stopped_codes_say_so_plainly(tmp_path: Any) -> None:
    async def scenario() -> None:
        async with live_server(tmp_path) as server, aiohttp.ClientSession() as http:
            live = server.app[LIVE_KEY]
            async with http.get(f"{server.url}/live/AAA-AAA-AAA") as r:
                assert r.status == 404
                assert "No test is shared under this code" in await r.text()
            async with http.get(f"{server.url}/live/not-a-code") as r:
                assert r.status == 404
            bare = await make_share(http, server.url)
            kept = await make_share(http, server.url)
            app = await publisher(http, server.url, kept)
            await app.send_str(
                live_wire.encode(live_wire.REPORT, run=1, report=make_report("kept-1"))
            )
            await app.send_str(live_wire.encode(live_wire.STOP))
            while not (await app.receive()).type.name.startswith("CLOS"):
                pass  # the server closes the channel after "stop"
            async with http.get(f"{server.url}/live/{kept['code']}/state") as r:
                state = await r.json()
                assert state["stopped"] is True
                assert state["sharing"] is False
                assert state["runs"][0]["report"]["id"] == "kept-1"
            # A day later: the bare code is expired; the kept one still reopens its report.
            now = datetime.now(UTC)
            live.clock = lambda: now + timedelta(hours=24, seconds=1)
            async with http.get(f"{server.url}/live/{bare['code']}") as r:
                assert r.status == 410
                assert "This code has expired" in await r.text()
            async with http.get(f"{server.url}/live/{kept['code']}") as r:
                assert r.status == 200
            async with http.get(f"{server.url}/live/{kept['code']}/state") as r:
                assert (await r.json())["expired"] is True
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await publisher(http, server.url, kept)
            assert refused.value.status == 410
            # Past retention (30 days) the store forgets both.
            live.clock = lambda: now + timedelta(days=30, seconds=1)
            assert await live.sweep() == 2
            async with http.get(f"{server.url}/live/{kept['code']}/state") as r:
                assert r.status == 404

    asyncio.run(scenario())


def test_publishing_needs_the_share_secret(tmp_path: Any) -> None:
    async def scenario() -> None:
        async with live_server(tmp_path) as server, aiohttp.ClientSession() as http:
            share = await make_share(http, server.url)
            for secret in ("", "wrong", share["secret"] + "x"):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await http.ws_connect(
                        f"{server.url}{share['publish_path']}",
                        headers={live_wire.SECRET_HEADER: secret},
                    )
                assert refused.value.status == 403

    asyncio.run(scenario())


def test_brute_forcing_codes_is_rate_limited_per_address(tmp_path: Any) -> None:
    async def scenario() -> None:
        async with live_server(tmp_path, live_lookups_per_minute=5) as server:
            async with aiohttp.ClientSession() as http:
                share = await make_share(http, server.url)  # one lookup-budget request
                statuses = []
                for i in range(6):
                    async with http.get(f"{server.url}/live/AAA-AAA-AA{'ACDEFG'[i]}/state") as r:
                        statuses.append(r.status)
                assert statuses == [404] * 4 + [429] * 2
                async with http.get(f"{server.url}/live/{share['code']}/state") as r:
                    assert r.status == 429  # even the right code, from this address
                    assert int(r.headers["Retry-After"]) >= 1
            # Another address has its own budget.
            connector = aiohttp.TCPConnector(local_addr=("127.0.0.2", 0))
            async with (
                aiohttp.ClientSession(connector=connector) as other,
                other.get(f"{server.url}/live/{share['code']}/state") as r,
            ):
                assert r.status == 200

    asyncio.run(scenario())


def test_a_viewer_token_guards_the_live_view(tmp_path: Any) -> None:
    async def scenario() -> None:
        async with (
            live_server(tmp_path, viewer_token=VIEWER) as server,
            aiohttp.ClientSession() as http,
        ):
            share = await make_share(http, server.url)
            base = f"{server.url}/live/{share['code']}"
            async with http.get(base) as r:
                assert r.status == 200  # the page holds no data; it asks for the login
                assert "const NEEDS_TOKEN = true" in await r.text()
            for kw in ({}, {"headers": {"Authorization": "Bearer wrong"}}):
                async with http.get(f"{base}/state", **kw) as r:
                    assert r.status == 401
                async with http.get(f"{base}/events", **kw) as r:
                    assert r.status == 401
            async with http.get(f"{base}/events?access_token=wrong") as r:
                assert r.status == 401
            async with http.get(
                f"{base}/state", headers={"Authorization": f"Bearer {VIEWER}"}
            ) as r:
                assert r.status == 200
            async with events(
                http, server.url, share["code"], params={"access_token": VIEWER}
            ) as ev:
                assert (await ev.next())[0] == "state"

    asyncio.run(scenario())


def test_the_access_log_never_shows_a_whole_code_or_a_token(tmp_path: Any) -> None:
    from callcheck.server.limits import redact_target

    assert (
        redact_target("/live/AC7-K3M-9PX/events?access_token=s3cret")
        == "/live/AC.../events?access_token=REDACTED"
    )


def test_junk_from_the_app_is_ignored_and_the_share_goes_on(tmp_path: Any) -> None:
    """Garbled, mistyped or schema-invalid messages change nothing; the channel stays up."""

    async def scenario() -> None:
        async with live_server(tmp_path) as server, aiohttp.ClientSession() as http:
            share = await make_share(http, server.url)
            app = await publisher(http, server.url, share)
            async with events(http, server.url, share["code"]) as viewer:
                await viewer.until("state")
                for junk in (
                    "not json",
                    "[1, 2]",
                    '{"type": "snapshot"}',
                    '{"type": "snapshot", "run": "1", "snapshot": {}}',
                    '{"type": "snapshot", "run": 0, "snapshot": {}}',
                    '{"type": "snapshot", "run": true, "snapshot": {}}',
                    '{"type": "snapshot", "run": 999, "snapshot": {}}',
                    '{"type": "nonsense", "run": 1}',
                    json.dumps({"type": "report", "run": 1, "report": {"id": "x"}}),
                    json.dumps({"type": "snapshot", "run": 1, "snapshot": {"pad": "x" * 70000}}),
                ):
                    await app.send_str(junk)
                await app.send_bytes(b"\x00\xff")
                await app.send_str(
                    live_wire.encode(live_wire.SNAPSHOT, run=1, snapshot=snapshot(1, 4.2))
                )
                kinds = []
                while (got := await viewer.next())[0] != "snapshot":
                    kinds.append(got[0])
                assert got[1]["snapshot"]["mos"] == 4.2
                assert set(kinds) <= {"viewers"}  # no junk was relayed before it
            async with http.get(f"{server.url}/live/{share['code']}/state") as r:
                state = await r.json()
            assert [run["report"] for run in state["runs"]] == [None]  # the invalid one: dropped
            for path in ("runs/1.exe", "runs/x.json", "runs/99999999999999999999.json"):
                async with http.get(f"{server.url}/live/{share['code']}/{path}") as r:
                    assert r.status == 404
            await app.close()

    asyncio.run(scenario())
