"""Issue 14, client side: a broken or hostile server cannot exhaust the client's memory, cannot
collect its token from another origin, and every bad answer is named in plain words.

Each test runs the engine's real signaling client (the code `callcheck test --server` uses)
against small fake HTTP servers in the test, on 127.0.0.1 and 127.0.0.2 (two origins).
"""

from __future__ import annotations

import asyncio
import contextlib
import resource
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription

from callcheck.engine.connectivity import check_http
from callcheck.engine.signaling import (
    MAX_REDIRECTS,
    MAX_RESPONSE_BYTES,
    WhipClient,
    create_room,
    parse_server_url,
)
from callcheck.engine.snapshots import BAD_ANSWER, CallFailed

TOKEN = "client-secret-token"
HUGE_BYTES = 300 * 1024 * 1024
CHUNK = b"\0" * (1024 * 1024)


def run(coro: Awaitable[Any]) -> Any:
    return asyncio.run(coro)  # type: ignore[arg-type]


@dataclass
class FakeServer:
    """An aiohttp server whose every request is recorded and answered by ``handler``."""

    host: str
    handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    seen: list[tuple[str, str, str | None]] = field(default_factory=list)
    """(method, path, Authorization header) of every request."""
    url: str = ""
    bytes_sent: int = 0

    async def _record(self, request: web.Request) -> web.StreamResponse:
        self.seen.append((request.method, request.path, request.headers.get("Authorization")))
        return await self.handler(request)


@contextlib.asynccontextmanager
async def serving(server: FakeServer) -> AsyncIterator[FakeServer]:
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", server._record)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, server.host, 0)
    await site.start()
    port = runner.addresses[0][1]
    server.url = f"http://{server.host}:{port}"
    try:
        yield server
    finally:
        await runner.cleanup()


async def offer_and_answer() -> tuple[str, str]:
    """A real aiortc offer (audio + data channel) and a real answer to it."""
    a = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    b = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    try:
        a.addTransceiver("audio", direction="sendrecv")
        a.createDataChannel("callcheck-rtt")
        await a.setLocalDescription(await a.createOffer())
        await b.setRemoteDescription(RTCSessionDescription(a.localDescription.sdp, "offer"))
        await b.setLocalDescription(await b.createAnswer())
        return a.localDescription.sdp, b.localDescription.sdp
    finally:
        await a.close()
        await b.close()


def _max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


# ------------------------------------------------------------------------------ 4: body size


def test_a_300_mb_answer_is_refused_with_bounded_memory() -> None:
    """Before: a 300 MB body took the client to 714–993 MB RSS."""

    async def huge(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(status=201, headers={"Location": "/whip/x"})
        response.content_type = "application/sdp"
        await response.prepare(request)
        with contextlib.suppress(ConnectionError):
            while server.bytes_sent < HUGE_BYTES:
                await response.write(CHUNK)
                server.bytes_sent += len(CHUNK)
        return response

    server = FakeServer("127.0.0.1", huge)

    async def scenario() -> tuple[CallFailed, str]:
        async with serving(server), aiohttp.ClientSession() as http:
            whip = WhipClient(http, parse_server_url(server.url), TOKEN)
            with pytest.raises(CallFailed) as failed:
                await whip.post_offer("v=0\r\n")
            health = await check_http(http, parse_server_url(server.url))
            return failed.value, health.message

    before_mib = _max_rss_mib()
    failure, health_found = run(scenario())
    grown_mib = _max_rss_mib() - before_mib
    assert failure.reason_code == BAD_ANSWER
    assert f"larger than {MAX_RESPONSE_BYTES // 1024} KiB" in failure.message
    assert "larger than" in health_found  # the connectivity check reads bounded too
    assert grown_mib < 64, f"the client grew by {grown_mib:.0f} MiB"
    assert server.bytes_sent < HUGE_BYTES / 4  # the client hung up early


# ------------------------------------------------------------------------------ 5: origins


def test_no_token_after_a_cross_origin_redirect_or_to_a_cross_origin_location() -> None:
    """Before: a 307 to another address, or a 201 whose Location pointed elsewhere, got a DELETE
    with ``Authorization: Bearer …`` at that other host."""
    offer, answer = run(offer_and_answer())

    async def elsewhere_handler(request: web.Request) -> web.StreamResponse:
        if request.method == "POST":
            return web.Response(
                status=201,
                text=answer,
                content_type="application/sdp",
                headers={"Location": "/whip/elsewhere-session"},
            )
        return web.Response(status=200)

    elsewhere = FakeServer("127.0.0.2", elsewhere_handler)

    async def origin_handler(request: web.Request) -> web.StreamResponse:
        if request.method == "DELETE":
            return web.Response(status=200)
        if request.path == "/whip":  # WHIP load balancing (RFC 9725 §4.5), to another host
            raise web.HTTPTemporaryRedirect(f"{elsewhere.url}/whip")
        if request.path == "/direct/whip":  # an answer whose session lives on another host
            return web.Response(
                status=201,
                text=answer,
                content_type="application/sdp",
                headers={"Location": f"{elsewhere.url}/whip/direct-session"},
            )
        if request.path == "/same/whip":  # a same-origin redirect keeps the token
            raise web.HTTPTemporaryRedirect("/same/whip2")
        return web.Response(
            status=201,
            text=answer,
            content_type="application/sdp",
            headers={"Location": "/same/session"},
        )

    origin = FakeServer("127.0.0.1", origin_handler)

    async def scenario() -> None:
        async with serving(elsewhere), serving(origin), aiohttp.ClientSession() as http:
            for base in ("", "/direct", "/same"):
                whip = WhipClient(http, parse_server_url(origin.url + base), TOKEN)
                got = await whip.post_offer(offer)
                assert await whip.delete(got.location) == 200

    run(scenario())
    assert elsewhere.seen == [
        ("POST", "/whip", None),
        ("DELETE", "/whip/elsewhere-session", None),
        ("DELETE", "/whip/direct-session", None),
    ]
    bearer = f"Bearer {TOKEN}"
    assert origin.seen == [
        ("POST", "/whip", bearer),
        ("POST", "/direct/whip", bearer),
        ("POST", "/same/whip", bearer),
        ("POST", "/same/whip2", bearer),
        ("DELETE", "/same/session", bearer),
    ]


# ------------------------------------------------------------------------------ 10: plain words


def test_a_redirect_loop_is_named() -> None:
    """Before: "Cannot reach … (0, message='')"."""

    async def loop_handler(request: web.Request) -> web.StreamResponse:
        raise web.HTTPTemporaryRedirect("/whip")

    server = FakeServer("127.0.0.1", loop_handler)

    async def scenario() -> CallFailed:
        async with serving(server), aiohttp.ClientSession() as http:
            with pytest.raises(CallFailed) as failed:
                await WhipClient(http, parse_server_url(server.url), TOKEN).post_offer("v=0\r\n")
            return failed.value

    failure = run(scenario())
    assert failure.reason_code == BAD_ANSWER
    assert "redirected the request more than" in failure.message
    assert "message=" not in failure.message
    assert len(server.seen) == MAX_REDIRECTS + 1


BAD_ANSWERS: dict[str, tuple[bytes, str]] = {
    "not-utf8": (b"v=0\r\n\xff\xfe", "not text (not UTF-8)"),
    "not-sdp": (b"<html>Welcome to nginx</html>", "not an SDP answer"),
    "media-mismatch": (
        b"v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"
        b"m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n",
        "does not match the call's offer",
    ),
}


@pytest.mark.parametrize(("body", "words"), list(BAD_ANSWERS.values()), ids=list(BAD_ANSWERS))
def test_a_bad_answer_is_named_in_plain_words(body: bytes, words: str) -> None:
    """Before: aiortc or Unicode internals ("Media sections in answer do not match offer",
    "'utf-8' codec can't decode byte 0xff") and a traceback."""
    offer, _answer = run(offer_and_answer())

    async def bad(request: web.Request) -> web.StreamResponse:
        return web.Response(
            status=201,
            body=body,
            content_type="application/sdp",
            headers={"Location": "/whip/s"},
        )

    server = FakeServer("127.0.0.1", bad)

    async def scenario() -> CallFailed:
        async with serving(server), aiohttp.ClientSession() as http:
            with pytest.raises(CallFailed) as failed:
                await WhipClient(http, parse_server_url(server.url), TOKEN).post_offer(offer)
            return failed.value

    failure = run(scenario())
    assert failure.reason_code == BAD_ANSWER
    assert words in failure.message
    assert "codec can't decode" not in failure.message
    assert "Media sections" not in failure.message


def test_a_bad_room_answer_is_named_and_read_bounded() -> None:
    async def bad(request: web.Request) -> web.StreamResponse:
        return web.Response(status=201, body=b"\xff" * (MAX_RESPONSE_BYTES + 1))

    server = FakeServer("127.0.0.1", bad)

    async def scenario() -> CallFailed:
        async with serving(server), aiohttp.ClientSession() as http:
            with pytest.raises(CallFailed) as failed:
                await create_room(http, parse_server_url(server.url), TOKEN)
            return failed.value

    failure = run(scenario())
    assert failure.reason_code == BAD_ANSWER
    assert "larger than" in failure.message
