"""When a datagram reached the process and when one leaves it: the clock of one connection.

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

Before aioice there is the socket: a datagram reaching a busy process waits there until the loop
is free to read it, and a server busy with other calls holds a ping there rather than in aiortc.
Measured on a reflector whose loop was busy 25 ms in every 108 ms: the pings that arrived
meanwhile (a quarter) read 9–24 ms too long. Linux stamps each datagram as it arrives, and
``SIOCGSTAMPNS`` (socket(7)) reads the stamp of the datagram just read, so with ``kernel_clock``
the FIFO holds that instead — the reflector's: a server's hold starts when its kernel got the
ping. The socket is the nominated pair's (``aioice.Connection._nominated``, read), the one data
arrives on once ICE has chosen. Elsewhere, or when the kernel has no stamp, the stamp is when
aioice got the datagram.

The other end of the hold is the echo's departure, and it is not when the echo is queued:
``RTCDataChannel.send`` only queues the message, and a flush task runs it through SCTP after the
loop has worked off what reached it meanwhile (a server that held the loop 25 ms first reflects
the RTP packets that arrived in those 25 ms). Measured on a `callcheck serve` process that held
each ping 25 ms (every datagram's time at both ends' ``aioice.StunProtocol``, one monotonic
clock): the echo's datagram left 0.4–0.7 ms after it was queued (median 0.5 ms), and a client's
ping 0.2 ms after it was. So one more hook writes the probe's times as the datagram leaves:

- ``RTCSctpTransport._send_chunk`` (wrapped): SCTP serialises, DTLS encrypts and aioice sends
  each chunk within that call, nothing queued in between, so a binary message that fits one
  DATA chunk is rewritten there by the probe's ``restamp`` (:meth:`ArrivalStamps.stamp_departures`;
  :class:`callcheck.engine.rtt_probe.WireStamps`), same length, so SCTP's bookkeeping holds.

Both ends use all of them (:mod:`callcheck.engine.peer`, :mod:`callcheck.server.reflector`), so
the two ends of an echo measure alike. When a receive hook cannot be installed (aiortc's or
aioice's internals moved, or an emulator replaces the receive path and its release is the
arrival), the stamp is taken on entering SCTP, else now; without the send hook a probe message
keeps the time it was queued. The hooks were written against aiortc 1.16 and aioice 0.13
(``tests/engine/test_engine_aiortc_hooks.py`` checks the methods they wrap).
"""

from __future__ import annotations

import collections
import struct
import sys
import time
from collections.abc import Callable
from typing import Any, Final

from aiortc.rtcsctptransport import DataChunk

from callcheck.engine.loop import now_ms

#: Stamps kept beside aioice's queue at most (a stalled loop must not grow them without bound).
MAX_QUEUED_STAMPS: Final = 4096
#: A DATA chunk carrying a whole message has its B (first) and E (last) bits set (RFC 9260
#: §3.3.1); a fragment is never rewritten.
_WHOLE_MESSAGE_FLAGS: Final = 0x03
#: The payload protocol identifier of a binary data-channel message (RFC 8831 §8).
_WEBRTC_BINARY_PPID: Final = 53

#: ``SIOCGSTAMPNS`` (linux/sockios.h; ``SIOCGSTAMPNS_OLD`` since Linux 5.1, the same number):
#: the kernel's receive time (CLOCK_REALTIME) of the last datagram read from a socket. The first
#: call on a socket switches the stamps on and fails (ENOENT).
_SIOCGSTAMPNS: Final = 0x8907
#: ``struct timespec`` as that ioctl fills it: two C longs.
_TIMESPEC: Final = struct.Struct("@ll")
#: A kernel stamp older than this is not of the datagram just read (it came on another socket).
_MAX_KERNEL_AGE_MS: Final = 1000.0

if sys.platform == "linux":
    import fcntl

    def _kernel_stamp(fd: int) -> bytes | None:
        """The ``struct timespec`` SIOCGSTAMPNS gives for socket ``fd``, or ``None``."""
        try:
            stamp: bytes = fcntl.ioctl(fd, _SIOCGSTAMPNS, bytes(_TIMESPEC.size))
        except OSError:  # ENOENT: no stamp yet (the first call switches them on)
            return None
        return stamp

else:

    def _kernel_stamp(fd: int) -> bytes | None:
        """No SIOCGSTAMPNS here (``kernel_clock`` is off)."""
        return None


#: ``restamp(message, departure_ms)``: the message to send instead (the same length), or
#: ``None`` to send it as it is.
Restamp = Callable[[bytes, float], bytes | None]


class ArrivalStamps:
    """The arrival clock of one peer connection's receive path (module docstring)."""

    def __init__(self, *, kernel_clock: bool = False) -> None:
        self.kernel_clock = kernel_clock and sys.platform == "linux"
        """Datagrams are stamped with the kernel's receive time (module docstring)."""
        self.datagram_ms: float | None = None
        """When the datagram being handled now reached aioice (or the kernel, with
        :attr:`kernel_clock`); ``None`` without the hook."""
        self._message_ms: float | None = None
        self._datagrams_hooked = False
        self._sctp_hooked = False
        self._departures_hooked = False

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
        # Each stamp beside the datagram it belongs to (aioice hands the same object through):
        # a read already waiting in the unwrapped ``_recv`` when the hook goes in takes one
        # datagram past the stamps, and by position every later one would get its
        # predecessor's arrival.
        stamps: collections.deque[tuple[bytes, float]] = collections.deque(maxlen=MAX_QUEUED_STAMPS)

        kernel_clock = self.kernel_clock

        def stamped_received(data: bytes, component: int) -> None:
            arrival_ms = now_ms()
            if kernel_clock:
                arrival_ms = _kernel_arrival_ms(connection, component, arrival_ms)
            stamps.append((data, arrival_ms))
            received(data, component)

        async def stamped_recv() -> bytes:
            data: bytes = await recv()
            self.datagram_ms = None
            if any(stamped is data for stamped, _ in stamps):  # the first, but for the above
                while self.datagram_ms is None:
                    stamped, arrival_ms = stamps.popleft()
                    if stamped is data:
                        self.datagram_ms = arrival_ms
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

    def stamp_departures(self, sctp: Any, restamp: Restamp) -> bool:
        """Let ``restamp`` rewrite each binary message ``sctp`` sends as its datagram leaves.

        ``sctp`` is an ``RTCSctpTransport``; ``restamp`` is called with the message and the
        departure time (module docstring) for every whole binary message, first sending or
        retransmission. Returns whether the hook is installed (``False`` without SCTP or when
        aiortc moved): then every message leaves as it was queued.
        """
        if self._departures_hooked:
            return True
        send_chunk = getattr(sctp, "_send_chunk", None)
        if sctp is None or send_chunk is None:
            return False

        async def stamped(chunk: Any) -> None:
            if (
                type(chunk) is DataChunk
                and chunk.flags & _WHOLE_MESSAGE_FLAGS == _WHOLE_MESSAGE_FLAGS
                and chunk.protocol == _WEBRTC_BINARY_PPID
            ):
                message: bytes = chunk.user_data
                replaced = restamp(message, now_ms())
                if replaced is not None and len(replaced) == len(message):
                    chunk.user_data = replaced
            await send_chunk(chunk)

        sctp._send_chunk = stamped
        self._departures_hooked = True
        return True


def _kernel_arrival_ms(connection: Any, component: int, now: float) -> float:
    """When the kernel received the datagram just read on ``connection``'s nominated socket
    for ``component`` (Linux, ``SIOCGSTAMPNS``), on the engine clock; ``now`` without a stamp."""
    pair = connection._nominated.get(component)
    transport = getattr(getattr(pair, "protocol", None), "transport", None)
    sock = transport.get_extra_info("socket") if transport is not None else None
    if sock is None:
        return now
    raw = _kernel_stamp(sock.fileno())
    if raw is None:
        return now
    seconds, nanoseconds = _TIMESPEC.unpack(raw)
    # The kernel stamps on the wall clock: its age, read on the wall clock now, moves it to ours.
    age_ms = time.time() * 1000.0 - (seconds * 1000.0 + nanoseconds / 1e6)
    return now - age_ms if 0.0 <= age_ms < _MAX_KERNEL_AGE_MS else now
