"""The RTT echo subtracts how long the far end held the ping (like RTCP's DLSR, RFC 3550 §6.4.1)."""

from __future__ import annotations

import asyncio
import statistics
import struct
import sys
import time
from collections.abc import Callable
from typing import Any

import pytest
from aiortc import RTCConfiguration, RTCPeerConnection

from callcheck.engine.arrivals import ArrivalStamps
from callcheck.engine.loop import now_ms
from callcheck.engine.peer import host_addresses
from callcheck.engine.rtt_probe import (
    CHANNEL_LABEL,
    CHANNEL_OPTIONS,
    HELD_ECHO_BYTES,
    HELD_ECHO_WANTED,
    PING_BYTES,
    RttProbe,
    WireStamps,
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


def test_a_ping_leaves_with_its_departure_as_its_send_time() -> None:
    wire = WireStamps()
    ping = _ping(HELD_ECHO_WANTED | 9, 100.0)
    assert wire.restamp(ping, 103.25) == _ping(HELD_ECHO_WANTED | 9, 103.25)


def test_a_held_echo_is_held_until_it_leaves() -> None:
    wire = WireStamps()
    ping = _ping(HELD_ECHO_WANTED | 4, 50.0)
    arrival_ms = now_ms() - 2.0
    echo = wire.echo(ping, arrival_ms)
    assert echo is not None
    # Queued 2 ms after the datagram arrived, it left 9.5 ms after: the hold says 9.5.
    left = wire.restamp(echo, arrival_ms + 9.5)
    assert left is not None
    assert left[:PING_BYTES] == echo[:PING_BYTES]
    assert struct.unpack_from("!d", left, PING_BYTES) == (9.5,)
    # A copy sent again (SCTP retransmission) keeps the hold of the first copy.
    assert wire.restamp(left, arrival_ms + 30.0) is None


@pytest.mark.parametrize(
    "message",
    [
        echo_for(_ping(7, 1.0), hold_ms=0.0),  # the plain echo an older desktop reads
        b"E" + struct.pack("!Idd", HELD_ECHO_WANTED | 7, 1.0, 3.0),  # not an echo of ours
        b'{"type":"uplink"}',
        b"",
    ],
    ids=["plain-echo", "unknown-held-echo", "json", "empty"],
)
def test_other_messages_leave_as_they_are(message: bytes | None) -> None:
    assert message is not None
    assert WireStamps().restamp(message, 1.0) is None


#: How long a loop is busy while a probe message waits (to be sent, or in a socket).
STALL_MS = 20.0


def _stall() -> None:
    asyncio.get_running_loop().call_soon(time.sleep, STALL_MS / 1000.0)


async def _probe_pair(*, stall_sends: bool, stall_after_pings: bool) -> RttProbe:
    """A pinger and an echoer: two aiortc peers in one process on loopback (no wire delay),
    stamped as the measured peer and the reflector stamp (the echoer by its kernel's clock, as
    the reflector). ``stall_sends``: each side's loop is busy :data:`STALL_MS` after a probe
    message is queued, before SCTP sends it. ``stall_after_pings``: the loop is busy
    :data:`STALL_MS` just after a ping left, so the ping waits in the echoer's socket."""

    def stamped(pc: RTCPeerConnection, *, kernel_clock: bool) -> ArrivalStamps:
        # As the measured peer and the reflector do: before ICE connects.
        arrivals = ArrivalStamps(kernel_clock=kernel_clock)
        assert arrivals.stamp_datagrams(pc.sctp.transport.transport)
        assert arrivals.stamp_sctp(pc.sctp)
        return arrivals

    def probe_on(channel: Any, arrivals: ArrivalStamps, sctp: Any, *, ping: bool) -> RttProbe:
        probe = RttProbe(channel, ping=ping, interval_ms=60.0, arrival_ms=arrivals.message_ms)
        restamp = probe.restamp

        def restamp_then_stall(message: bytes, departure_ms: float) -> bytes | None:
            if message[:1] == b"P":
                _stall()  # runs once this ping's datagram has been handed to the socket
            return restamp(message, departure_ms)

        assert arrivals.stamp_departures(sctp, restamp_then_stall if stall_after_pings else restamp)
        if stall_sends:
            send = channel.send

            def send_after_a_stall(data: bytes) -> None:
                _stall()  # queued ahead of SCTP's flush task, which ``send`` schedules
                send(data)

            channel.send = send_after_a_stall
        return probe

    with host_addresses(("127.0.0.1",)):
        pinger = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        echoer = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        echoed = asyncio.get_running_loop().create_future()
        echoer.on("datachannel", lambda channel: echoed.set_result(channel))
        channel = pinger.createDataChannel(CHANNEL_LABEL, **CHANNEL_OPTIONS)
        pinger_arrivals = stamped(pinger, kernel_clock=False)
        probe = probe_on(channel, pinger_arrivals, pinger.sctp, ping=True)
        await pinger.setLocalDescription(await pinger.createOffer())
        await echoer.setRemoteDescription(pinger.localDescription)
        echoer_arrivals = stamped(echoer, kernel_clock=True)
        await echoer.setLocalDescription(await echoer.createAnswer())
        await pinger.setRemoteDescription(echoer.localDescription)
    probe_on(await asyncio.wait_for(echoed, 10), echoer_arrivals, echoer.sctp, ping=False)
    try:
        async with asyncio.timeout(10):
            while len(probe.samples_ms) < 6:
                await asyncio.sleep(0.05)
    finally:
        await probe.stop()
        await pinger.close()
        await echoer.close()
    return probe


def test_rtt_leaves_out_the_time_messages_wait_to_be_sent_on_a_real_connection() -> None:
    """The ping's send time and the echo's hold are written as the datagram leaves."""
    probe = asyncio.run(_probe_pair(stall_sends=True, stall_after_pings=False))
    # The echoer's hold runs until its echo left, after its stall.
    assert min(probe.holds_ms) >= STALL_MS
    # Without the departure stamps the RTT would read ≥ 2 × STALL_MS (the median: on a loaded
    # machine a sample can wait for a CPU in the kernel, which no stamp in Python sees).
    rtts = [rtt for _, rtt in probe.samples_ms]
    assert statistics.median(rtts) < STALL_MS / 4, rtts


@pytest.mark.skipif(sys.platform != "linux", reason="the kernel's receive stamps are Linux's")
def test_a_ping_that_waits_in_the_echoers_socket_is_held_too() -> None:
    """A busy server's pings wait in its socket, not in aiortc: the hold starts at the
    kernel's receive time."""
    probe = asyncio.run(_probe_pair(stall_sends=False, stall_after_pings=True))
    assert min(probe.holds_ms) >= STALL_MS
    rtts = [rtt for _, rtt in probe.samples_ms]
    assert statistics.median(rtts) < STALL_MS / 4, rtts
