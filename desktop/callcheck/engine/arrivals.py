"""When the datagram being handled reached the process: the arrival clock of one connection.

An RTT echo must not count the time the echoing side held the ping (RFC 3550 §6.4.1: RTCP's
DLSR; :mod:`callcheck.engine.rtt_probe`), and a packet's arrival time must not count the time it
waited for aiortc. aiortc's DTLS loop takes one datagram at a time from aioice's queue and
decrypts every RTP packet too (the reflector also sends each one back from that loop), so under
load a datagram can wait there for milliseconds. Two hooks on instances (never on aiortc's
classes) recover the arrival:

- ``aioice.Connection.data_received`` and ``RTCIceTransport._recv`` (wrapped): aioice queues
  datagrams in ``data_received`` and hands them out in order through ``recv``, so a FIFO of
  stamps beside the queue tells when the datagram being handled reached aioice
  (:attr:`ArrivalStamps.datagram_ms`);
- ``RTCSctpTransport._handle_data`` (wrapped): a data-channel message is delivered within that
  call, so while a message callback runs the latest stamp is the arrival of the datagram that
  carried it (:meth:`ArrivalStamps.message_ms`).

Both are used by the measured peer (:mod:`callcheck.engine.peer`) and the reflector
(:mod:`callcheck.server.reflector`), so the two ends of an echo measure the hold alike. When a
hook cannot be installed (aiortc's or aioice's internals moved, or an emulator replaces the
receive path and its release is the arrival), the stamp is taken on entering SCTP, else now.
"""

from __future__ import annotations

import collections
from typing import Any, Final

from callcheck.engine.loop import now_ms

#: Stamps kept beside aioice's queue at most (a stalled loop must not grow them without bound).
MAX_QUEUED_STAMPS: Final = 4096


class ArrivalStamps:
    """The arrival clock of one peer connection's receive path (module docstring)."""

    def __init__(self) -> None:
        self.datagram_ms: float | None = None
        """When the datagram being handled now reached aioice; ``None`` without the hook."""
        self._message_ms: float | None = None
        self._datagrams_hooked = False
        self._sctp_hooked = False

    def stamp_datagrams(self, ice: Any) -> bool:
        """Stamp each datagram reaching aioice on ``ice`` (an ``RTCIceTransport``).

        Returns whether the hook is installed (``False`` when aioice's internals moved).
        """
        if self._datagrams_hooked:
            return True
        connection = getattr(ice, "_connection", None)
        received = getattr(connection, "data_received", None)
        recv = getattr(ice, "_recv", None)
        if connection is None or received is None or recv is None:
            return False
        stamps: collections.deque[float] = collections.deque(maxlen=MAX_QUEUED_STAMPS)

        def stamped_received(data: bytes, component: int) -> None:
            stamps.append(now_ms())
            received(data, component)

        async def stamped_recv() -> bytes:
            data: bytes = await recv()
            self.datagram_ms = stamps.popleft() if stamps else None
            return data

        connection.data_received = stamped_received
        ice._recv = stamped_recv
        self._datagrams_hooked = True
        return True

    def stamp_sctp(self, sctp: Any) -> bool:
        """Stamp each datagram entering ``sctp`` (an ``RTCSctpTransport``) with its arrival.

        Returns whether the hook is installed (``False`` without SCTP or when aiortc moved).
        """
        if self._sctp_hooked:
            return True
        handle = getattr(sctp, "_handle_data", None)
        if sctp is None or handle is None:
            return False

        async def stamped(data: bytes) -> None:
            # The datagram's arrival at aioice when known, else now (entering SCTP).
            self._message_ms = self.datagram_ms if self.datagram_ms is not None else now_ms()
            await handle(data)

        sctp._handle_data = stamped
        self._sctp_hooked = True
        return True

    def message_ms(self) -> float:
        """Arrival of the datagram carrying the data-channel message being handled (else now)."""
        return self._message_ms if self._message_ms is not None else now_ms()
