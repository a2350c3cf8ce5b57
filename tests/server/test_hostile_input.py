"""Hostile and broken requests get clear HTTP errors, never a crash or a leaked session.

The last test throws everything at one server, then makes a normal call on it.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
from server_helpers import WhipClient, metrics_value, running, server_config, wait_until_idle

SDP = "application/sdp"

_VALID_ICE = (
    "a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuv\r\n"
    "a=fingerprint:sha-256 " + ":".join(["AB"] * 32) + "\r\na=setup:actpass\r\n"
)


def _sdp(media: str) -> str:
    return "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n" + media


BAD_OFFERS = {
    "empty": "",
    "not-sdp": "hello, reflector",
    "sdp-without-media": _sdp(""),
    "bad-m-line": "v=0\r\nm=audio x\r\n",
    "video-only": _sdp(
        "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:96 VP8/90000\r\n"
        "a=mid:0\r\na=sendrecv\r\n" + _VALID_ICE
    ),
    "recvonly-audio": _sdp(
        "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\n"
        "a=mid:0\r\na=recvonly\r\n" + _VALID_ICE
    ),
    "no-common-codec": _sdp(
        "m=audio 9 UDP/TLS/RTP/SAVPF 100\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:100 AMR/8000\r\n"
        "a=mid:0\r\na=sendrecv\r\n" + _VALID_ICE
    ),
    "no-ice-credentials": _sdp(
        "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\n"
        "a=mid:0\r\na=sendrecv\r\n"
    ),
    "bad-fingerprint-and-no-rtcp-mux": _sdp(
        "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\n"
        "a=mid:0\r\na=sendrecv\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuv\r\n"
        "a=fingerprint:sha-256 zz\r\na=setup:actpass\r\n"
    ),
}


@dataclass
class Probe:
    """One request and what must come back."""

    method: str
    path: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | str | None = None
    expect_header: str | None = None


PROBES = {
    **{
        f"malformed-sdp-{name}": Probe("POST", "/whip", 400, {"Content-Type": SDP}, body)
        for name, body in BAD_OFFERS.items()
    },
    "non-utf8-body": Probe("POST", "/whip", 400, {"Content-Type": SDP}, b"v=0\r\n\xff\xfe\xfd"),
    "wrong-content-type": Probe(
        "POST", "/whip", 415, {"Content-Type": "application/json"}, "{}", "Accept-Post"
    ),
    "no-content-type": Probe("POST", "/whip", 415, {}, b"v=0"),
    "oversized-offer": Probe("POST", "/whip", 413, {"Content-Type": SDP}, "v=0\r\n" + "a" * 70000),
    "unknown-session-delete": Probe("DELETE", "/whip/no-such-session", 404),
    "unknown-session-get": Probe("GET", "/whip/no-such-session", 404),
    "trickle-patch-unsupported": Probe("PATCH", "/whip/anything", 405),
    "unknown-path": Probe("GET", "/nothing-here", 404),
    "unknown-room": Probe("GET", "/rooms/ACD-234", 404),
    "malformed-room-code": Probe("GET", "/rooms/%00%00", 404),
}


async def _request(http: aiohttp.ClientSession, url: str, probe: Probe) -> aiohttp.ClientResponse:
    async with http.request(
        probe.method, f"{url}{probe.path}", headers=probe.headers, data=probe.body
    ) as response:
        await response.read()
        return response


@pytest.mark.parametrize("probe", list(PROBES.values()), ids=list(PROBES))
def test_bad_request_gets_a_clear_error(probe: Probe) -> None:
    async def scenario() -> tuple[int, dict[str, Any], dict[str, str], float]:
        async with running(server_config()) as url, aiohttp.ClientSession() as http:
            response = await _request(http, url, probe)
            async with http.request(
                probe.method, f"{url}{probe.path}", headers=probe.headers, data=probe.body
            ) as again:
                body = json.loads(await again.text())
            internal = await metrics_value(http, url, "callcheck_active_calls")
            return response.status, body, dict(response.headers), internal

    status, body, headers, active = run(scenario())
    assert status == probe.status
    assert body["error"] != "internal"
    assert body["message"]
    assert headers["Access-Control-Allow-Origin"] == "*"
    if probe.expect_header is not None:
        assert probe.expect_header in headers
    assert active == 0


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_cors_preflight_allows_a_web_page_to_use_whip() -> None:
    async def scenario() -> tuple[int, dict[str, str]]:
        preflight = {
            "Origin": "https://helpdesk.example.com",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        }
        async with running(server_config()) as url, aiohttp.ClientSession() as http:
            response = await http.options(f"{url}/whip", headers=preflight)
            response.release()
            return response.status, dict(response.headers)

    status, headers = run(scenario())
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "DELETE" in headers["Access-Control-Allow-Methods"]
    allowed = {h.strip().lower() for h in headers["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type"} <= allowed
    assert "Location" in headers["Access-Control-Expose-Headers"]


def test_missing_and_wrong_tokens_get_401_with_a_bearer_challenge() -> None:
    async def scenario() -> list[tuple[int, str]]:
        out = []
        async with (
            running(server_config(token="t0ken")) as url,
            aiohttp.ClientSession() as http,
        ):
            for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic x"}):
                async with http.post(
                    f"{url}/whip", data="v=0", headers={"Content-Type": SDP, **headers}
                ) as response:
                    out.append((response.status, response.headers.get("WWW-Authenticate", "")))
            async with http.delete(f"{url}/whip/x") as response:
                out.append((response.status, response.headers.get("WWW-Authenticate", "")))
        return out

    for status, challenge in run(scenario()):
        assert status == 401
        assert challenge.startswith("Bearer")


def test_flood_from_one_address_gets_429_and_others_are_unaffected() -> None:
    async def scenario() -> tuple[list[int], str | None, int]:
        config = server_config(requests_per_minute=10)
        async with running(config) as url:
            # The flood comes from 127.0.0.3 (all of 127/8 is loopback on Linux).
            flooder = aiohttp.TCPConnector(local_addr=("127.0.0.3", 0))
            async with aiohttp.ClientSession(connector=flooder) as http:
                statuses = []
                retry_after = None
                for _ in range(15):
                    async with http.get(f"{url}/rooms/ACD-234") as response:
                        statuses.append(response.status)
                        retry_after = response.headers.get("Retry-After", retry_after)
            async with aiohttp.ClientSession() as http:
                client = WhipClient(data_channel=False)
                response = await client.call(http, url)
                await client.wait_packets(5)
                await client.hang_up(http, url)
                return statuses, retry_after, response.status

    statuses, retry_after, call_status = run(scenario())
    assert statuses[:10] == [404] * 10
    assert set(statuses[10:]) == {429}
    assert retry_after is not None
    assert int(retry_after) >= 1
    assert call_status == 201


def _raw_connect(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    return socket.create_connection((host, int(port)), timeout=5)


def _closed_within(sock: socket.socket, timeout_s: float) -> tuple[bool, bytes]:
    """Read until the server closes the connection; (closed in time, what was received)."""
    sock.settimeout(0.2)
    deadline = time.monotonic() + timeout_s
    data = b""
    while time.monotonic() < deadline:
        try:
            chunk = sock.recv(4096)
        except TimeoutError:
            continue
        except ConnectionResetError:
            return True, data
        if not chunk:
            return True, data
        data += chunk
    return False, data


def test_slowloris_headers_are_cut_off() -> None:
    async def scenario() -> tuple[bool, int]:
        async with (
            running(server_config(request_timeout_s=1.0)) as url,
            aiohttp.ClientSession() as http,
        ):
            sock = _raw_connect(url)
            sock.sendall(b"POST /whip HTTP/1.1\r\nHost: x\r\n")  # ...and never finish
            closed, _ = await asyncio.to_thread(_closed_within, sock, 4.0)
            sock.close()
            async with http.get(f"{url}/healthz") as response:
                return closed, response.status

    closed, health = run(scenario())
    assert closed
    assert health == 200


def test_slow_body_gets_408() -> None:
    async def scenario() -> tuple[bool, bytes]:
        async with running(server_config(request_timeout_s=1.0)) as url:
            sock = _raw_connect(url)
            sock.sendall(
                b"POST /whip HTTP/1.1\r\nHost: x\r\nContent-Type: application/sdp\r\n"
                b"Content-Length: 500\r\n\r\nv=0\r\n"
            )
            closed, data = await asyncio.to_thread(_closed_within, sock, 3.0)
            sock.close()
            return closed, data

    closed, data = run(scenario())
    assert data.startswith(b"HTTP/1.1 408")
    assert closed


def test_chunked_oversized_offer_gets_413() -> None:
    async def scenario() -> int:
        async def chunks() -> Any:
            yield b"v=0\r\n"
            for _ in range(40):
                yield b"a" * 1024

        async with (
            running(server_config(max_offer_bytes=8192)) as url,
            aiohttp.ClientSession() as http,
            http.post(f"{url}/whip", data=chunks(), headers={"Content-Type": SDP}) as response,
        ):
            return response.status

    assert run(scenario()) == 413


def test_everything_at_once_then_a_normal_call_still_works() -> None:
    async def scenario() -> tuple[int, int, float, float]:
        config = server_config(request_timeout_s=1.0)
        async with running(config) as url, aiohttp.ClientSession() as http:
            for probe in PROBES.values():
                await _request(http, url, probe)
            # abrupt disconnects: mid-headers and mid-body
            for payload in (
                b"POST /whip HTTP/1.1\r\nHost",
                b"POST /whip HTTP/1.1\r\nContent-Type: application/sdp\r\n"
                b"Content-Length: 900\r\n\r\nv=0\r\n",
            ):
                sock = _raw_connect(url)
                sock.sendall(payload)
                sock.close()
            # a burst of concurrent bad offers
            await asyncio.gather(
                *(_request(http, url, PROBES["malformed-sdp-no-common-codec"]) for _ in range(20))
            )
            client = WhipClient()
            response = await client.call(http, url)
            await client.wait_packets(25)
            await client.wait_message("uplink")
            hung_up = await client.hang_up(http, url)
            idle = await wait_until_idle(http, url, 5)
            internal = await _metric_labelled(http, url, 'callcheck_errors_total{kind="internal"}')
            return response.status, hung_up, idle, internal

    status, hung_up, idle, internal = run(scenario())
    assert (status, hung_up) == (201, 200)
    assert idle == 0
    assert internal == 0


async def _metric_labelled(http: aiohttp.ClientSession, url: str, sample: str) -> float:
    async with http.get(f"{url}/metrics") as response:
        for line in (await response.text()).splitlines():
            if line.startswith(sample + " "):
                return float(line.split()[1])
    raise KeyError(sample)
