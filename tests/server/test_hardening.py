"""Issue 14, server side: one hostile-input test per defect, each against a real server, each
failing on the code before the fix; the last ones make a normal call on the same server.

The reflector must not be a port scanner or an amplifier, must not log tokens, must answer every
malformed request with a 4xx (never a 500 and a traceback), must not let the log flood, must free
room memory, must give a never-connecting offer's slot back, and must count probes as load.
"""

from __future__ import annotations

import asyncio
import logging
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from server_helpers import WhipClient, metrics_value, running, server_config, wait_until_idle

from callcheck.server.reflector import MAX_REMOTE_CANDIDATES

SDP = "application/sdp"
#: The address the issue's flood named (Linux routes all of 127/8 to lo).
FLOOD_HOST = "127.0.0.5"
FLOOD_FIRST_PORT = 21000


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def _with_candidates(offer: str, candidates: list[str], *, keep_own: bool) -> str:
    """``offer`` with ``candidates`` (``a=candidate:`` lines) added after each ``a=mid``."""
    lines = [
        line
        for line in offer.splitlines()
        if keep_own or not line.startswith(("a=candidate:", "a=end-of-candidates"))
    ]
    out: list[str] = []
    for line in lines:
        out.append(line)
        if line.startswith("a=mid:"):
            out.extend(candidates)
    return "\r\n".join(out) + "\r\n"


def _candidate(i: int, host: str, port: int, kind: str = "host", transport: str = "udp") -> str:
    return f"a=candidate:f{i} 1 {transport} {2130706431 - i} {host} {port} typ {kind}"


class UdpListeners:
    """Plain UDP sockets on ``FLOOD_HOST`` that count what reaches them."""

    def __init__(self, ports: range) -> None:
        self.sockets: list[socket.socket] = []
        for port in ports:
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sock.setblocking(False)
            sock.bind((FLOOD_HOST, port))  # a clash is a test set-up error: fail loudly
            self.sockets.append(sock)

    def count(self) -> int:
        received = 0
        for sock in self.sockets:
            while True:
                try:
                    sock.recv(2048)
                except BlockingIOError:
                    break
                received += 1
        return received

    def close(self) -> None:
        for sock in self.sockets:
            sock.close()


@pytest.fixture
def flood_listeners() -> Iterator[UdpListeners]:
    listeners = UdpListeners(range(FLOOD_FIRST_PORT, FLOOD_FIRST_PORT + 250))
    try:
        yield listeners
    finally:
        listeners.close()


async def _ended(http: aiohttp.ClientSession, url: str, reason: str) -> float:
    async with http.get(f"{url}/metrics") as response:
        text = await response.text()
    match = re.search(rf'^callcheck_calls_ended_total{{reason="{reason}"}} (\S+)$', text, re.M)
    return float(match.group(1)) if match else 0.0


# ------------------------------------------------------------------------------ 1: candidates


def test_a_flood_of_named_candidates_is_refused_and_draws_no_stun(
    flood_listeners: UdpListeners,
) -> None:
    """The issue's offer (250 candidates at 127.0.0.5:21000–21249) got 201 and drew 1466 STUN
    packets; now 400 and none."""

    async def scenario() -> tuple[int, str, float]:
        async with running(server_config()) as url, aiohttp.ClientSession() as http:
            client = WhipClient()
            offer = await client.offer()
            flood = [_candidate(i, FLOOD_HOST, FLOOD_FIRST_PORT + i) for i in range(250)]
            async with http.post(
                f"{url}/whip",
                data=_with_candidates(offer, flood, keep_own=False),
                headers={"Content-Type": SDP},
            ) as response:
                status, body = response.status, await response.text()
            await client.pc.close()
            return status, body, await metrics_value(http, url, "callcheck_active_calls")

    status, body, active = run(scenario())
    assert status == 400
    assert f"more than {MAX_REMOTE_CANDIDATES} ICE candidates" in body
    assert active == 0
    assert flood_listeners.count() == 0


def test_named_candidates_get_no_stun_while_the_real_client_connects(
    flood_listeners: UdpListeners,
) -> None:
    """A real client's offer plus named targets up to the limit: 201, the call works (the
    server learns the client from its authenticated checks), and no packet reaches a target."""

    async def scenario() -> tuple[int, int, float, float]:
        config = server_config()
        async with running(config) as url, aiohttp.ClientSession() as http:
            client = WhipClient()
            offer = await client.offer()
            own = {
                tuple(line.split()[4:6])
                for line in offer.splitlines()
                if line.startswith("a=candidate:")
            }
            room = MAX_REMOTE_CANDIDATES - len(own)  # up to the limit: accepted
            named = [_candidate(i, FLOOD_HOST, FLOOD_FIRST_PORT + i) for i in range(room)]
            client.offer = _return(_with_candidates(offer, named, keep_own=True))  # type: ignore[method-assign]
            response = await client.call(http, url)
            assert response.status == 201, await response.text()
            await client.wait_packets(50)
            at_targets = flood_listeners.count()
            assert at_targets == 0, f"{at_targets} packets reached the named targets"
            checks = await metrics_value(http, url, "callcheck_stun_checks_total")
            refused = await metrics_value(http, url, "callcheck_stun_checks_refused_total")
            await client.hang_up(http, url)
            await wait_until_idle(http, url, 5.0)
            return response.status, len(client.received), at_targets, checks, refused

    status, received, at_targets, checks, refused = run(scenario())
    assert status == 201
    assert received >= 50
    assert at_targets + flood_listeners.count() == 0
    assert 1 <= checks <= 20  # triggered checks to the client's own address only
    assert refused == 0


def _return(offer: str) -> Any:
    async def offer_again() -> str:
        return offer

    return offer_again


@pytest.mark.parametrize(
    ("candidate", "words"),
    [
        (_candidate(1, "224.0.0.1", 5000), "multicast"),
        (_candidate(1, "169.254.10.1", 5000), "link-local"),
        (_candidate(1, "fe80::1", 5000), "link-local"),
        (_candidate(1, "0.0.0.0", 5000), "unspecified"),
        (_candidate(1, "255.255.255.255", 5000), "broadcast"),
        (_candidate(1, "victim.example.com", 5000), "not an IP address"),
        (_candidate(1, "192.0.2.10", 5000, transport="sctp"), "not UDP or TCP"),
    ],
    ids=["multicast", "link-local-v4", "link-local-v6", "unspecified", "broadcast", "dns", "sctp"],
)
def test_candidates_no_real_client_sends_get_a_clear_400(candidate: str, words: str) -> None:
    async def scenario() -> tuple[int, str]:
        async with running(server_config()) as url, aiohttp.ClientSession() as http:
            client = WhipClient()
            offer = _with_candidates(await client.offer(), [candidate], keep_own=True)
            await client.pc.close()
            async with http.post(
                f"{url}/whip", data=offer, headers={"Content-Type": SDP}
            ) as response:
                return response.status, await response.text()

    status, body = run(scenario())
    assert status == 400
    assert words in body


def test_loopback_candidates_are_refused_unless_the_reflector_itself_uses_loopback() -> None:
    async def scenario() -> tuple[int, str]:
        config = server_config(ice_host_addresses=None)
        async with running(config) as url, aiohttp.ClientSession() as http:
            client = WhipClient()
            offer = await client.offer()  # its candidates are on 127.0.0.1
            await client.pc.close()
            async with http.post(
                f"{url}/whip", data=offer, headers={"Content-Type": SDP}
            ) as response:
                return response.status, await response.text()

    status, body = run(scenario())
    assert status == 400
    assert "loopback" in body


# ------------------------------------------------------------------------------ 8: slots


def test_an_offer_that_never_checks_gives_its_slot_back_after_the_first_check_timeout() -> None:
    """Before: a never-connecting offer held its slot for the whole ICE timeout (20 s)."""

    async def scenario() -> dict[str, float]:
        config = server_config(max_calls=1, first_check_timeout_s=1.0, ice_connect_timeout_s=30)
        out: dict[str, float] = {}
        async with running(config) as url, aiohttp.ClientSession() as http:
            silent = WhipClient()
            offer = await silent.offer()
            await silent.pc.close()  # it will never send a check
            started = time.monotonic()
            async with http.post(
                f"{url}/whip", data=offer, headers={"Content-Type": SDP}
            ) as response:
                out["silent_status"] = response.status
            out["pending"] = await metrics_value(http, url, "callcheck_pending_calls")
            second = WhipClient()
            out["full_status"] = (await second.call(http, url)).status
            await second.pc.close()
            await wait_until_idle(http, url, 5.0)
            out["released_after_s"] = time.monotonic() - started
            out["ended_first_check"] = await _ended(http, url, "first_check_timeout")
            out["pending_after"] = await metrics_value(http, url, "callcheck_pending_calls")
            normal = WhipClient()
            out["normal_status"] = (await normal.call(http, url)).status
            await normal.wait_packets(25)
            out["normal_pending"] = await metrics_value(http, url, "callcheck_pending_calls")
            await normal.hang_up(http, url)
        return out

    out = run(scenario())
    assert out["silent_status"] == 201
    assert out["pending"] == 1
    assert out["full_status"] == 503
    assert out["released_after_s"] < 4.0  # 1 s timeout + the 0.5 s watch tick + load
    assert out["ended_first_check"] == 1
    assert out["pending_after"] == 0
    assert out["normal_status"] == 201
    assert out["normal_pending"] == 0


# ------------------------------------------------------------------------------ 9: probes


def test_open_probes_count_against_max_calls() -> None:
    """Before: with --max-calls 3, 2 probes + 3 calls ran at once."""

    async def scenario() -> list[int]:
        async with (
            running(server_config(max_calls=3)) as url,
            aiohttp.ClientSession() as http,
        ):
            statuses = []
            for _ in range(2):
                async with http.post(f"{url}/probe") as response:
                    statuses.append(response.status)
            clients = [WhipClient() for _ in range(2)]
            for client in clients:
                statuses.append((await client.call(http, url)).status)
            for client in clients:
                await client.hang_up(http, url)
            return statuses

    assert run(scenario()) == [201, 201, 201, 503]


# ------------------------------------------------------------------------------ 6, 11: 4xx, logs


async def _raw(url: str, request: bytes) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    try:
        writer.write(request)
        await writer.drain()
        return await reader.read()
    finally:
        writer.close()


def _deflate_junk() -> bytes:
    """A deflate stream that starts well and turns to junk (what made the handler fail)."""
    import os
    import zlib

    good = zlib.compress(b"v=0\r\n" + os.urandom(20_000))
    return good[:15_000] + b"\xff" * 2_000 + good[17_000:]


def _post(headers: bytes, body: bytes) -> bytes:
    return (
        b"POST /whip HTTP/1.1\r\nHost: x\r\nContent-Type: application/sdp\r\n"
        + headers
        + b"Content-Length: "
        + str(len(body)).encode()
        + b"\r\nConnection: close\r\n\r\n"
        + body
    )


MALFORMED = {
    "non-utf8-authorization": _post(b"Authorization: Bearer \xff\xfe\xfd\r\n", b"v=0\r\n"),
    "deflate-junk-body": _post(b"Content-Encoding: deflate\r\n", _deflate_junk()),
}


@pytest.mark.parametrize("request_bytes", list(MALFORMED.values()), ids=list(MALFORMED))
def test_malformed_requests_get_a_4xx_and_no_traceback(
    request_bytes: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    """Before: both were a 500 logged as an internal error with a traceback."""

    async def scenario() -> tuple[bytes, float, int]:
        async with running(server_config(token="tok")) as url, aiohttp.ClientSession() as http:
            answer = await _raw(url, request_bytes)
            async with http.get(f"{url}/metrics") as response:
                text = await response.text()
            internal = float(
                re.search(r'callcheck_errors_total{kind="internal"} (\S+)', text).group(1)  # type: ignore[union-attr]
            )
            normal = WhipClient()
            status = (await normal.call(http, url, token="tok")).status
            await normal.wait_packets(10)
            await normal.hang_up(http, url, headers={"Authorization": "Bearer tok"})
            return answer, internal, status

    with caplog.at_level(logging.INFO):
        answer, internal, normal_status = run(scenario())
    status = int(answer.split(b" ", 2)[1])
    assert 400 <= status < 500, answer[:200]
    assert internal == 0
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    assert normal_status == 201


def test_error_logging_is_rate_limited_and_counted(caplog: pytest.LogCaptureFixture) -> None:
    """Before: every malformed request logged an ERROR with a traceback, unthrottled."""
    floods = 12
    budget = 3

    async def scenario() -> float:
        config = server_config(error_logs_per_minute=budget)
        async with running(config) as url, aiohttp.ClientSession() as http:
            for _ in range(floods):
                await _raw(url, MALFORMED["deflate-junk-body"])
            return await metrics_value(http, url, "callcheck_log_records_suppressed_total")

    with caplog.at_level(logging.INFO):
        suppressed = run(scenario())
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(loud) <= budget
    assert suppressed >= floods - budget


# ------------------------------------------------------------------------------ 7: room memory


async def _ws_receive(ws: aiohttp.ClientWebSocketResponse) -> dict[str, Any]:
    msg = await asyncio.wait_for(ws.receive(), 5)
    assert msg.type == aiohttp.WSMsgType.TEXT, msg
    data: dict[str, Any] = __import__("json").loads(msg.data)
    return data


def test_room_messages_are_bounded_and_freed_when_the_room_empties() -> None:
    """Before: up to 32 × 64 KiB per room stayed until the room expired (~2.2 MB a room)."""
    message = '{"type": "offer", "sdp": "' + "x" * 10_000 + '"}'

    async def scenario() -> dict[str, Any]:
        config = server_config(max_room_backlog_bytes=35_000, max_backlog_bytes_total=45_000)
        out: dict[str, Any] = {}
        async with running(config) as url, aiohttp.ClientSession() as http:
            codes = []
            for _ in range(2):
                async with http.post(f"{url}/rooms") as response:
                    codes.append((await response.json())["code"])
            first = await http.ws_connect(f"{url}/rooms/{codes[0]}/ws")
            await _ws_receive(first)
            for _ in range(4):  # three fit the room's 35 kB, the fourth does not
                await first.send_str(message)
            out["first_refused"] = await _ws_receive(first)
            out["bytes_one_room"] = await metrics_value(http, url, "callcheck_room_backlog_bytes")
            second = await http.ws_connect(f"{url}/rooms/{codes[1]}/ws")
            await _ws_receive(second)
            await second.send_str(message)  # one fits the global 45 kB, the next does not
            await second.send_str(message)
            out["second_refused"] = await _ws_receive(second)
            await first.close()
            await second.close()
            await wait_for_metric(http, url, "callcheck_room_backlog_bytes", 0.0)
            out["bytes_after_leaving"] = await metrics_value(
                http, url, "callcheck_room_backlog_bytes"
            )
            out["rooms_after_leaving"] = await metrics_value(http, url, "callcheck_active_rooms")
        return out

    out = run(scenario())
    assert out["first_refused"]["error"] == "backlog_full"
    assert out["bytes_one_room"] == 3 * len(message)
    assert out["second_refused"]["error"] == "backlog_full"
    assert out["bytes_after_leaving"] == 0
    assert out["rooms_after_leaving"] == 2  # the rooms live on; their kept messages do not


async def wait_for_metric(
    http: aiohttp.ClientSession, url: str, name: str, value: float, timeout_s: float = 5.0
) -> None:
    deadline = time.monotonic() + timeout_s
    while await metrics_value(http, url, name) != value and time.monotonic() < deadline:
        await asyncio.sleep(0.05)


# ------------------------------------------------------------------------------ 2, 12: the log


SERVER_CODE = """
from callcheck.server.app import run_server
from callcheck.server.config import ServerConfig
raise SystemExit(run_server(ServerConfig(
    host="127.0.0.1", port=0, ice_host_addresses=("127.0.0.2",), token={token!r},
)))
"""
TOKEN = "s3cret-token-that-must-never-be-logged"


@pytest.fixture
def logged_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A real `callcheck serve` process (run_server) with its log (stderr) in a file."""
    log = tmp_path / "server.log"
    with (
        log.open("w") as stderr,
        subprocess.Popen(
            [sys.executable, "-c", SERVER_CODE.format(token=TOKEN)],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        ) as process,
    ):
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            match = re.search(r"listening on (http://\S+) ", line)
            assert match, f"unexpected first line {line!r}; log: {log.read_text()}"
            yield match.group(1), log
        finally:
            process.terminate()
            process.wait(10)


def test_tokens_and_secrets_never_reach_the_log(logged_server: tuple[str, Path]) -> None:
    """Before: joining a room with ?access_token= wrote the token into the access log."""
    url, log = logged_server
    auth = {"Authorization": f"Bearer {TOKEN}"}

    async def scenario() -> tuple[str, str, str, int]:
        async with aiohttp.ClientSession() as http:
            async with http.post(f"{url}/rooms", headers=auth) as response:
                created = await response.json()
            ws = await http.ws_connect(f"{url}/rooms/{created['code']}/ws?access_token={TOKEN}")
            await _ws_receive(ws)
            await ws.close()
            client = WhipClient()
            response = await client.call(http, url, token=TOKEN)
            await client.wait_packets(10)
            location = client.location or ""
            delete_status = await client.hang_up(http, url, headers=auth)
            async with http.get(f"{url}/healthz") as response:  # the last line, as a marker
                await response.read()
            return created["code"], created.get("secret"), location, delete_status

    code, secret, location, delete_status = run(scenario())  # secret: the room's own
    session_id = location.rsplit("/", 1)[-1]
    deadline = time.monotonic() + 5
    while "/healthz" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)  # the server process writes its log line after answering
    text = log.read_text()
    assert delete_status == 200
    assert "/healthz" in text, text
    assert "access_token=REDACTED" in text
    for secret_text in (TOKEN, code, code.replace("-", ""), session_id):
        assert secret_text not in text, f"{secret_text!r} is in the log"
    assert secret is not None
    assert secret not in text


def test_an_offer_without_bundle_still_connects_through_the_guarded_transport() -> None:
    """An offer without a BUNDLE group: the reflector's max-bundle policy keeps one ICE
    transport, which waits for the client's checks; its checks are counted per session."""

    async def scenario() -> tuple[int, int, float, dict[str, Any]]:
        async with running(server_config()) as url, aiohttp.ClientSession() as http:
            client = WhipClient()
            offer = await client.offer()
            unbundled = "\r\n".join(
                line for line in offer.splitlines() if not line.startswith("a=group:BUNDLE")
            )
            client.offer = _return(unbundled + "\r\n")  # type: ignore[method-assign]
            response = await client.call(http, url)
            assert response.status == 201, await response.text()
            await client.wait_packets(25)
            await client.wait_message("hello")  # the data channel's own transport works too
            checks = await metrics_value(http, url, "callcheck_stun_checks_total")
            async with http.get(f"{url}{client.location}") as status_response:
                status = await status_response.json()
            await client.hang_up(http, url)
            return response.status, len(client.received), checks, status

    status, received, checks, session = run(scenario())
    assert status == 201
    assert received >= 25
    assert 1 <= session["ice_checks_started"] == checks <= 20
