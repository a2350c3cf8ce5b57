"""Peer-mode rooms: phone-friendly codes, a two-party WebSocket relay, limits and expiry."""

from __future__ import annotations

import asyncio
import json
import math
import re
from typing import Any

import aiohttp
import pytest
from server_helpers import running, server_config

from callcheck.server.rooms import CODE_ALPHABET, new_room_code, normalize_code

AMBIGUOUS = set("BIOLSZ01")


def run(coro: Any) -> Any:
    return asyncio.run(coro)


async def _receive(ws: aiohttp.ClientWebSocketResponse) -> dict[str, Any]:
    msg = await asyncio.wait_for(ws.receive(), 5)
    assert msg.type == aiohttp.WSMsgType.TEXT, msg
    data: dict[str, Any] = json.loads(msg.data)
    return data


# ------------------------------------------------------------------------------ codes


def test_codes_are_three_groups_of_three_without_look_alikes_and_at_least_40_bits() -> None:
    codes = {new_room_code() for _ in range(500)}
    assert all(re.fullmatch(r"[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}", c) for c in codes)
    assert not set("".join(codes)) & AMBIGUOUS
    assert not set(CODE_ALPHABET) & AMBIGUOUS
    assert 9 * math.log2(len(CODE_ALPHABET)) >= 40
    assert len(codes) == 500


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("AC7-K3M-9PX", "AC7-K3M-9PX"),
        ("ac7k3m9px", "AC7-K3M-9PX"),
        (" ac7 k3m 9px ", "AC7-K3M-9PX"),
        ("AC7--K3M-9PX", "AC7-K3M-9PX"),
        ("AB7-K3M-9PX", None),  # B is not in the alphabet
        ("AC0-K3M-9PX", None),  # nor 0 or 1
        ("ACD-234", None),  # the old, 22-bit form
        ("", None),
    ],
    ids=[
        "canonical",
        "lowercase-compact",
        "spaces",
        "double-dash",
        "b",
        "zero-one",
        "old-short-form",
        "empty",
    ],
)
def test_typed_codes_are_normalized(typed: str, code: str | None) -> None:
    assert normalize_code(typed) == code


# ------------------------------------------------------------------------------ HTTP + WebSocket


def test_create_join_relay_and_leave() -> None:
    async def scenario() -> dict[str, Any]:
        out: dict[str, Any] = {}
        async with running(server_config()) as url, aiohttp.ClientSession() as http:
            async with http.post(f"{url}/rooms") as response:
                out["create_status"] = response.status
                created = await response.json()
                out["created"] = created
                out["location"] = response.headers["Location"]
            code = created["code"]
            typed = code.lower().replace("-", " ")
            async with http.get(f"{url}/rooms/{typed}") as response:
                out["status_waiting"] = await response.json()
            host = await http.ws_connect(f"{url}{created['ws_path']}")
            out["host_joined"] = await _receive(host)
            # A message sent while alone waits for the guest.
            await host.send_str(json.dumps({"type": "offer", "sdp": "v=0..."}))
            guest = await http.ws_connect(f"{url}/rooms/{typed}/ws")
            out["guest_joined"] = await _receive(guest)
            out["host_told"] = await _receive(host)
            out["guest_backlog"] = await _receive(guest)
            await guest.send_str(json.dumps({"type": "answer", "sdp": "v=0 answer"}))
            out["host_got"] = await _receive(host)
            await host.send_str(json.dumps({"type": "summary", "uplink": {"loss_pct": 1.5}}))
            out["guest_got"] = await _receive(guest)
            async with http.get(f"{url}/rooms/{code}") as response:
                out["status_paired"] = await response.json()
            third = await http.get(f"{url}/rooms/{code}/ws")
            out["third_status"] = third.status
            third.release()
            await guest.send_str("not json")
            out["error"] = await _receive(guest)
            await guest.send_str(json.dumps({"type": "room.joined"}))
            out["reserved"] = await _receive(guest)
            await guest.close()
            out["host_after_leave"] = await _receive(host)
            await host.close()
            async with http.delete(f"{url}/rooms/{code}") as response:
                out["delete_without_secret"] = response.status
            secret = {"X-CallCheck-Room-Secret": created["secret"]}
            async with http.delete(f"{url}/rooms/{code}", headers=secret) as response:
                out["delete_status"] = response.status
            async with http.get(f"{url}/rooms/{code}") as response:
                out["after_delete"] = response.status
        return out

    out = run(scenario())
    assert out["create_status"] == 201
    assert out["location"] == f"/rooms/{out['created']['code']}"
    assert out["created"]["expires_in_s"] > 0
    assert out["status_waiting"]["participants"] == 0
    assert out["host_joined"]["type"] == "room.joined"
    assert out["host_joined"]["role"] == "host"
    assert out["guest_joined"]["role"] == "guest"
    assert out["guest_joined"]["participants"] == 2
    assert out["host_told"] == {"type": "room.peer-joined"}
    assert out["guest_backlog"] == {"type": "offer", "sdp": "v=0..."}
    assert out["host_got"] == {"type": "answer", "sdp": "v=0 answer"}
    assert out["guest_got"] == {"type": "summary", "uplink": {"loss_pct": 1.5}}
    assert out["status_paired"]["state"] == "paired"
    assert out["third_status"] == 409
    assert out["error"]["type"] == "room.error"
    assert out["reserved"]["error"] == "reserved_type"
    assert out["host_after_leave"] == {"type": "room.peer-left"}
    assert out["delete_without_secret"] == 403
    assert out["delete_status"] == 204
    assert out["after_delete"] == 404


def test_unknown_room_websocket_is_404() -> None:
    async def scenario() -> int:
        async with running(server_config()) as url, aiohttp.ClientSession() as http:
            response = await http.get(f"{url}/rooms/ACD-234/ws")
            response.release()
            return response.status

    assert run(scenario()) == 404


def test_rooms_expire_and_their_sockets_are_told() -> None:
    async def scenario() -> tuple[dict[str, Any], int, float]:
        async with (
            running(server_config(room_ttl_s=0.5)) as url,
            aiohttp.ClientSession() as http,
        ):
            async with http.post(f"{url}/rooms") as response:
                code = (await response.json())["code"]
            ws = await http.ws_connect(f"{url}/rooms/{code}/ws")
            await _receive(ws)
            await asyncio.sleep(0.6)
            async with http.get(f"{url}/rooms/{code}") as response:
                status = response.status
            expired = await _receive(ws)
            await ws.close()
            async with http.get(f"{url}/metrics") as response:
                text = await response.text()
            active = next(
                float(line.split()[1])
                for line in text.splitlines()
                if line.startswith("callcheck_active_rooms ")
            )
            return expired, status, active

    expired, status, active = run(scenario())
    assert expired == {"type": "room.expired"}
    assert status == 404
    assert active == 0


def test_room_limit_gives_503() -> None:
    async def scenario() -> list[int]:
        async with running(server_config(max_rooms=2)) as url, aiohttp.ClientSession() as http:
            statuses = []
            for _ in range(3):
                async with http.post(f"{url}/rooms") as response:
                    statuses.append(response.status)
            return statuses

    assert run(scenario()) == [201, 201, 503]


def test_websocket_accepts_the_token_as_a_query_parameter() -> None:
    async def scenario() -> tuple[int, int, str]:
        async with (
            running(server_config(token="tok")) as url,
            aiohttp.ClientSession() as http,
        ):
            auth = {"Authorization": "Bearer tok"}
            async with http.post(f"{url}/rooms", headers=auth) as response:
                code = (await response.json())["code"]
            async with http.get(f"{url}/rooms/{code}/ws") as response:
                refused = response.status
            async with http.post(f"{url}/rooms") as response:
                refused_create = response.status
            ws = await http.ws_connect(f"{url}/rooms/{code}/ws?access_token=tok")
            joined = await _receive(ws)
            await ws.close()
            return refused, refused_create, joined["type"]

    refused, refused_create, joined = run(scenario())
    assert (refused, refused_create) == (401, 401)
    assert joined == "room.joined"
