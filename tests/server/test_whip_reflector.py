"""The WHIP reflector with a real aiortc client: media comes back encoded, figures arrive.

Each test runs an in-process server on 127.0.0.1 (any free port) and a real aiortc client in one
``asyncio.run``.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import struct
import time
from typing import Any

import aiohttp
import pytest
from server_helpers import (
    LOOPBACK,
    WhipClient,
    metrics_value,
    running,
    server_config,
    wait_until_idle,
)

from callcheck.engine.rtt_probe import HELD_ECHO_BYTES, HELD_ECHO_WANTED, PING_BYTES
from callcheck.server.config import IceServerConfig

FIGURE_FIELDS = {
    "packets_expected",
    "packets_received",
    "packets_lost",
    "loss_pct",
    "jitter_ms",
    "burst_ratio",
    "reordered",
    "duplicates",
    "pdv_ms",
    "duration_ms",
}


def run(coro: Any) -> Any:
    return asyncio.run(coro)


# ------------------------------------------------------------------------------ a full call


@pytest.fixture(scope="module")
def full_call() -> dict[str, Any]:
    """One 2 s call with a data channel; everything the tests below inspect."""

    async def scenario() -> dict[str, Any]:
        out: dict[str, Any] = {}
        async with running(server_config()) as url, aiohttp.ClientSession() as http:
            client = WhipClient()
            response = await client.call(http, url)
            out["status"] = response.status
            out["headers"] = client.response_headers
            await client.wait_packets(50)
            out["hello"] = await client.wait_message("hello")
            out["uplink"] = await client.wait_message("uplink")
            client.channel.send(json.dumps({"type": "ping", "t": 1234.5, "n": 7}))
            out["pong"] = await client.wait_message("pong")
            # A wave-1 desktop's ping, then one that asks for a held echo (rtt_probe).
            probe = b"P" + struct.pack("!Id", 3, 99.25)
            held_probe = b"P" + struct.pack("!Id", HELD_ECHO_WANTED | 4, 99.5)
            client.channel.send(probe)
            client.channel.send(held_probe)
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and not all(
                any(isinstance(m, bytes) and m[1:PING_BYTES] == p[1:] for m in client.messages)
                for p in (probe, held_probe)
            ):
                await asyncio.sleep(0.02)
            out["probe_echoes"] = [
                m for m in client.messages if isinstance(m, bytes) and m[:1] == b"E"
            ]
            async with http.get(f"{url}{client.location}") as status:
                out["session_status"] = await status.json()
            out["active_during"] = await metrics_value(http, url, "callcheck_active_calls")
            out["delete_status"] = await client.hang_up(http, url)
            out["active_after"] = await wait_until_idle(http, url, 5)
            out["reflected_total"] = await metrics_value(
                http, url, "callcheck_reflected_packets_total"
            )
            async with http.delete(f"{url}{client.location}") as again:
                out["second_delete_status"] = again.status
            out["client"] = client
        return out

    result: dict[str, Any] = run(scenario())
    return result


def test_offer_is_answered_201_with_sdp_and_location(full_call: dict[str, Any]) -> None:
    headers = full_call["headers"]
    assert full_call["status"] == 201
    assert headers["Content-Type"].startswith("application/sdp")
    assert headers["Location"].startswith("/whip/")
    assert headers["X-CallCheck-Reflection"] == "encoded"


def test_audio_comes_back_as_the_same_encoded_payloads(full_call: dict[str, Any]) -> None:
    client: WhipClient = full_call["client"]
    received = {packet.payload for _, packet in client.received}
    assert len(client.received) >= 50
    # Encoded reflection: every payload that came back is one the client sent, byte for byte.
    assert received <= client.sent_payloads


def test_reflected_stream_has_its_own_sequence_numbers(full_call: dict[str, Any]) -> None:
    client: WhipClient = full_call["client"]
    seqs = [packet.sequence_number for _, packet in client.received]
    steps = {(b - a) & 0xFFFF for a, b in itertools.pairwise(seqs)}
    assert steps == {1}


def test_hello_names_the_reflection_mode_and_codec(full_call: dict[str, Any]) -> None:
    hello = full_call["hello"]
    assert hello["reflection"] == "encoded"
    assert hello["codec"] == "opus/48000"
    assert hello["v"] == 1
    assert hello["interval_ms"] == 500


def test_uplink_figures_arrive_with_units_in_their_names(full_call: dict[str, Any]) -> None:
    uplink = full_call["uplink"]
    assert uplink["reflection"] == "encoded"
    for window in ("interval", "total"):
        assert set(uplink[window]) >= FIGURE_FIELDS
    assert uplink["total"]["packets_received"] > 0
    assert uplink["total"]["packets_lost"] == 0
    assert uplink["total"]["loss_pct"] == 0.0
    assert uplink["reflect_delay_ms"]["p95"] < 2.0


def test_json_ping_is_echoed_as_pong_with_its_fields(full_call: dict[str, Any]) -> None:
    pong = full_call["pong"]
    assert pong["t"] == 1234.5
    assert pong["n"] == 7
    assert "server_ms" in pong


def test_binary_rtt_probe_pings_get_the_echo_their_sender_reads(
    full_call: dict[str, Any],
) -> None:
    """A plain ping (older desktops) gets the plain 13-byte echo; a ping with the held-echo
    flag gets the echo plus how long the server held it (engine/rtt_probe.py)."""
    echoes = {struct.unpack_from("!I", m, 1)[0]: m for m in full_call["probe_echoes"]}
    assert echoes[3] == b"E" + struct.pack("!Id", 3, 99.25)
    held = echoes[HELD_ECHO_WANTED | 4]
    assert len(held) == HELD_ECHO_BYTES
    assert held[:PING_BYTES] == b"E" + struct.pack("!Id", HELD_ECHO_WANTED | 4, 99.5)
    (hold_ms,) = struct.unpack_from("!d", held, PING_BYTES)
    assert 0.0 <= hold_ms < 50.0  # an idle server answers at once


def test_session_status_reports_encoded_reflection(full_call: dict[str, Any]) -> None:
    status = full_call["session_status"]
    assert status["reflection"] == "encoded"
    assert status["packets_received"] > 0
    assert status["reflected_packets"] > 0


def test_delete_hangs_up_and_metrics_return_to_zero(full_call: dict[str, Any]) -> None:
    assert full_call["active_during"] == 1
    assert full_call["delete_status"] == 200
    assert full_call["active_after"] == 0
    assert full_call["reflected_total"] >= 50
    assert full_call["second_delete_status"] == 404


# ------------------------------------------------------------------------------ other clients


@pytest.mark.parametrize(
    "codec", ["audio/opus", "audio/PCMU", "audio/PCMA", "audio/G722"], ids=str.lower
)
def test_audio_only_client_without_data_channel_gets_audio_reflected(codec: str) -> None:
    """A browser-like WHIP client: one audio track, no data channel."""

    async def scenario() -> tuple[int, int, bool, float]:
        async with running(server_config()) as url, aiohttp.ClientSession() as http:
            client = WhipClient(codec=codec, data_channel=False)
            response = await client.call(http, url)
            await client.wait_packets(25)
            received = {p.payload for _, p in client.received}
            await client.hang_up(http, url)
            idle = await wait_until_idle(http, url, 5)
            return response.status, len(client.received), received <= client.sent_payloads, idle

    status, count, same_payloads, idle = run(scenario())
    assert status == 201
    assert count >= 25
    assert same_payloads
    assert idle == 0


def test_ice_servers_are_handed_to_clients_in_link_headers() -> None:
    config = server_config(
        ice_servers=(
            IceServerConfig(urls=("stun:stun.example.com:3478",)),
            IceServerConfig(
                urls=("turn:turn.example.com:3478?transport=udp",),
                username="u",
                credential="p",
            ),
        )
    )

    async def scenario() -> list[str]:
        async with running(config) as url, aiohttp.ClientSession() as http:
            client = WhipClient(data_channel=False)
            sdp = await client.offer()
            async with http.post(
                f"{url}/whip", data=sdp, headers={"Content-Type": "application/sdp"}
            ) as response:
                links = response.headers.getall("Link")
                location = response.headers["Location"]
            await http.delete(f"{url}{location}")
            await client.pc.close()
            return list(links)

    links = run(scenario())
    assert links == [
        '<stun:stun.example.com:3478>; rel="ice-server"',
        '<turn:turn.example.com:3478?transport=udp>; rel="ice-server"; username="u"; '
        'credential="p"; credential-type="password"',
    ]


def test_token_is_required_when_configured() -> None:
    async def scenario() -> tuple[int, str, int, int]:
        async with (
            running(server_config(token="s3cret")) as url,
            aiohttp.ClientSession() as http,
        ):
            refused = WhipClient(data_channel=False)
            r1 = await refused.call(http, url)
            await refused.pc.close()
            wrong = WhipClient(data_channel=False)
            r2 = await wrong.call(http, url, token="nope")
            await wrong.pc.close()
            client = WhipClient(data_channel=False)
            r3 = await client.call(http, url, token="s3cret")
            await client.wait_packets(5)
            await client.hang_up(http, url, headers={"Authorization": "Bearer s3cret"})
            return r1.status, r1.headers.get("WWW-Authenticate", ""), r2.status, r3.status

    missing, challenge, wrong, ok = run(scenario())
    assert (missing, wrong, ok) == (401, 401, 201)
    assert challenge.startswith("Bearer")


# ------------------------------------------------------------------------------ limits, endings


def test_calls_over_the_limit_get_503_with_retry_after() -> None:
    async def scenario() -> tuple[int, int, str | None, float]:
        async with running(server_config(max_calls=1)) as url, aiohttp.ClientSession() as http:
            first = WhipClient(data_channel=False)
            r1 = await first.call(http, url)
            second = WhipClient(data_channel=False)
            r2 = await second.call(http, url)
            await second.pc.close()
            await first.hang_up(http, url)
            idle = await wait_until_idle(http, url, 5)
            return r1.status, r2.status, r2.headers.get("Retry-After"), idle

    first, second, retry_after, idle = run(scenario())
    assert (first, second) == (201, 503)
    assert retry_after is not None
    assert int(retry_after) > 0
    assert idle == 0


def test_session_ends_at_max_length_with_an_end_message() -> None:
    async def scenario() -> tuple[dict[str, Any], float, float]:
        async with (
            running(server_config(max_session_s=1.5)) as url,
            aiohttp.ClientSession() as http,
        ):
            client = WhipClient()
            await client.call(http, url)
            end = await client.wait_message("end", timeout_s=6)
            idle = await wait_until_idle(http, url, 5)
            ended = await metrics_value(http, url, "callcheck_active_calls")
            await client.pc.close()
            return end, idle, ended

    end, idle, ended = run(scenario())
    assert end["reason"] == "max_session"
    assert end["total"]["packets_received"] > 0
    assert idle == 0
    assert ended == 0


def test_client_that_vanishes_without_hanging_up_is_cleaned_up() -> None:
    async def scenario() -> tuple[float, float]:
        config = server_config(media_timeout_s=1.0)
        async with running(config) as url, aiohttp.ClientSession() as http:
            client = WhipClient()
            await client.call(http, url)
            await client.wait_packets(10)
            during = await metrics_value(http, url, "callcheck_active_calls")
            await client.pc.close()  # no DELETE: the peer just disappears
            idle = await wait_until_idle(http, url, 8)
            return during, idle

    during, idle = run(scenario())
    assert during == 1
    assert idle == 0


def test_offer_whose_ice_never_connects_is_ended() -> None:
    """An offer from a client that never does ICE (answered, then silence)."""

    async def scenario() -> tuple[int, float]:
        config = server_config(ice_connect_timeout_s=1.0)
        async with running(config) as url, aiohttp.ClientSession() as http:
            client = WhipClient(data_channel=False)
            sdp = await client.offer()
            await client.pc.close()  # the offerer is gone before the answer
            async with http.post(
                f"{url}/whip", data=sdp, headers={"Content-Type": "application/sdp"}
            ) as response:
                status = response.status
            idle = await wait_until_idle(http, url, 8)
            return status, idle

    status, idle = run(scenario())
    assert status == 201
    assert idle == 0


def test_server_gathers_on_the_configured_loopback_address() -> None:
    async def scenario() -> str:
        async with running(server_config()) as url, aiohttp.ClientSession() as http:
            client = WhipClient(data_channel=False)
            sdp = await client.offer()
            async with http.post(
                f"{url}/whip", data=sdp, headers={"Content-Type": "application/sdp"}
            ) as response:
                answer = await response.text()
                location = response.headers["Location"]
            await http.delete(f"{url}{location}")
            await client.pc.close()
            return answer

    answer = run(scenario())
    candidates = [line for line in answer.splitlines() if line.startswith("a=candidate:")]
    assert candidates
    assert all(f" {LOOPBACK} " in line for line in candidates)
