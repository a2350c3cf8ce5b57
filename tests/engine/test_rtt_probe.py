"""The RTT echo subtracts how long the far end held the ping (like RTCP's DLSR, RFC 3550 §6.4.1)."""

from __future__ import annotations

import asyncio
import struct
from collections.abc import Callable
from typing import Any

import pytest

from callcheck.engine.loop import now_ms
from callcheck.engine.rtt_probe import (
    HELD_ECHO_BYTES,
    HELD_ECHO_WANTED,
    PING_BYTES,
    RttProbe,
    echo_for,
)


class FakeChannel:
    """Enough of ``RTCDataChannel``: handlers by event, and what was sent."""

    readyState = "connecting"  # no ping task: the tests drive the messages

    def __init__(self) -> None:
        self.handlers: dict[str, Callable[..., Any]] = {}
        self.sent: list[bytes] = []

    def on(self, event: str, handler: Callable[..., Any]) -> None:
        self.handlers[event] = handler

    def send(self, data: bytes) -> None:
        self.sent.append(data)

    def receive(self, data: object) -> None:
        self.handlers["message"](data)


def _ping(number: int, sent_ms: float) -> bytes:
    return b"P" + struct.pack("!Id", number, sent_ms)


def test_the_echo_says_how_long_the_ping_was_held() -> None:
    channel = FakeChannel()
    # The datagram carrying the ping arrived 7 ms before the echo goes out.
    RttProbe(channel, ping=False, arrival_ms=lambda: now_ms() - 7.0)
    channel.receive(_ping(HELD_ECHO_WANTED | 3, 1234.5))
    (echo,) = channel.sent
    assert len(echo) == HELD_ECHO_BYTES
    assert echo[0] == ord("E")
    assert echo[1:PING_BYTES] == _ping(HELD_ECHO_WANTED | 3, 1234.5)[1:]
    (hold_ms,) = struct.unpack_from("!d", echo, PING_BYTES)
    assert hold_ms == pytest.approx(7.0, abs=1.0)


@pytest.mark.parametrize(
    ("hold_ms", "expected_rtt_ms"),
    [(None, 80.0), (0.0, 80.0), (12.5, 67.5), (-3.0, 80.0), (500.0, 80.0)],
    ids=["reflector-13-bytes", "no-hold", "held", "negative-ignored", "longer-than-rtt-ignored"],
)
def test_rtt_subtracts_the_far_ends_hold(hold_ms: float | None, expected_rtt_ms: float) -> None:
    channel = FakeChannel()
    arrival = 10_000.0
    probe = RttProbe(channel, ping=False, arrival_ms=lambda: arrival)
    echo = b"E" + struct.pack("!Id", 1, arrival - 80.0)
    if hold_ms is not None:
        echo += struct.pack("!d", hold_ms)
    channel.receive(echo)
    assert probe.latest_ms == pytest.approx(expected_rtt_ms)
    assert probe.samples_ms == [(arrival, pytest.approx(expected_rtt_ms))]


def test_messages_that_are_not_probes_are_ignored() -> None:
    channel = FakeChannel()
    probe = RttProbe(channel, ping=False)
    for message in ('{"type": "uplink"}', b"E" * 5, b"X" + bytes(12), b"P" + bytes(20)):
        channel.receive(message)
    assert channel.sent == []
    assert probe.samples_ms == []


@pytest.mark.parametrize(
    ("number", "expected_bytes"),
    [(5, PING_BYTES), (HELD_ECHO_WANTED | 5, HELD_ECHO_BYTES)],
    ids=["older-pinger-gets-13-bytes", "flagged-ping-gets-held-echo"],
)
def test_the_echo_is_one_the_pinger_reads(number: int, expected_bytes: int) -> None:
    """An older desktop reads exactly 13-byte echoes and never sets the flag."""
    ping = b"P" + struct.pack("!Id", number, 42.0)
    echo = echo_for(ping, hold_ms=3.0)
    assert echo is not None
    assert len(echo) == expected_bytes
    assert echo[:PING_BYTES] == b"E" + ping[1:]


def test_pings_ask_for_the_held_echo_and_old_echoers_still_answer_them() -> None:
    """Our ping keeps the 13 bytes and the kind byte an older echoer checks; only the number's
    top bit says we read held echoes."""
    channel = FakeChannel()
    channel.readyState = "open"
    sent: list[bytes] = []

    async def first_ping() -> None:
        probe = RttProbe(channel, interval_ms=10_000.0)
        while not channel.sent:
            await asyncio.sleep(0.001)
        sent.extend(channel.sent)
        await probe.stop()

    asyncio.run(first_ping())
    (ping,) = sent
    assert len(ping) == PING_BYTES
    assert ping[0] == ord("P")
    (number,) = struct.unpack_from("!I", ping, 1)
    assert number & HELD_ECHO_WANTED
    assert number & ~HELD_ECHO_WANTED == 1
