"""Application-level RTT: timestamped pings echoed over a WebRTC data channel.

RTCP gives an RTT only every 0.5–1.5 s and its first one 1–5 s into a call; a 20 s test needs a
figure within a second (DESIGN.md, Measurement 2). Each side pings every 250 ms and echoes the
other side's pings. The channel must be **unordered with no retransmissions**: on a reliable,
ordered channel a lost ping stalls every later one behind it (head-of-line blocking measured 100–
640 ms against a true 60 ms at 3 % loss). A lost ping is simply never answered.

Wire format (binary): a ping is 13 bytes — one kind byte ``P``, the ping number (uint32) and the
sender's monotonic send time (float64 ms). The plain echo is the same 13 bytes with the kind
byte ``E``. The **held echo** (since wave 2) is followed by a float64: how long the echoing side
held the ping, from the arrival of the datagram that carried it to the echo, in ms. Only the
pinging side reads the send time and only the echoing side measures the hold, so the two peers'
clocks never need to agree.

Who gets which echo: a pinger that reads held echoes says so in every ping by setting the top
bit of the ping number (:data:`HELD_ECHO_WANTED`); an echoer answers such a ping with a held
echo and any other ping with the plain 13 bytes. The ping keeps its 13 bytes and its kind byte,
so an old echoer (a wave-1 reflector or desktop: it echoes exactly 13-byte ``P`` messages and
copies the number back unchanged) still answers it, and the plain echo counts as held 0 ms; an
old pinger (it reads exactly 13-byte echoes) never sets the bit, so it still gets the echo it
understands. The flag travels in each ping rather than in the offer or a hello because the
channel is unordered and lossy, and because each side of a peer call pings the other: no state,
no race with the first pings.

Why the hold (issue 12, item 7): a ping waits in the far end's receive path (its DTLS loop also
decrypts every RTP packet) before it is answered, and a loaded far end answers late; RTCP
subtracts exactly this time, its DLSR (RFC 3550 §6.4.1), and so do we:
``rtt = arrival − send time − hold``. Arrival is when the datagram reached aioice, not when the
message callback ran (``arrival_ms``: :mod:`callcheck.engine.arrivals`), on both sides — the
measured peer and the reflector stamp it alike.

Stamped as the datagram leaves: ``RTCDataChannel.send`` only queues a message, and it reaches the
wire after the loop has worked off what arrived meanwhile (0.4–0.7 ms for the echo of a server
that held the ping 25 ms, 0.2 ms for a ping, measured at both ends' sockets). So the ping's send
time and the echo's hold are written once more when SCTP hands the message to DTLS
(:class:`WireStamps`, installed with ``ArrivalStamps.stamp_departures`` of
:mod:`callcheck.engine.arrivals`). Where that hook is not installed the times written when the
message was queued stay; the wire format does not change.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import struct
from collections.abc import Callable
from typing import Any, Final

from callcheck.engine.loop import now_ms

#: DESIGN.md asks for pings every 200–500 ms.
PING_INTERVAL_MS: Final = 250.0
#: Data-channel label used by CallCheck; the reflector echoes pings on it too.
CHANNEL_LABEL: Final = "callcheck-rtt"
#: Options for ``createDataChannel``: no head-of-line blocking (see module docstring).
CHANNEL_OPTIONS: Final[dict[str, Any]] = {"ordered": False, "maxRetransmits": 0}

_PING: Final = ord("P")
_ECHO: Final = ord("E")
_BODY = struct.Struct("!Id")
_HOLD = struct.Struct("!d")
_NUMBER = struct.Struct("!I")
#: A ping, and the plain echo (no hold: old echoers, and pings without the flag).
PING_BYTES: Final = 1 + _BODY.size
#: An echo that says how long the far end held the ping.
HELD_ECHO_BYTES: Final = PING_BYTES + _HOLD.size
#: Set in a ping's number by a pinger that reads held echoes (module docstring). Ping numbers
#: count up from 1 every 250 ms: the low 31 bits last 17 years.
HELD_ECHO_WANTED: Final = 0x8000_0000
#: Held echoes waiting to leave at most (one per ping; a closing channel may never send some).
MAX_WAITING_ECHOES: Final = 64


def echo_for(message: bytes, hold_ms: float) -> bytes | None:
    """The echo of ``message`` held ``hold_ms`` by the echoer, or ``None`` if it is no ping.

    A held echo when the ping asks for one (:data:`HELD_ECHO_WANTED`), else the plain 13 bytes
    every CallCheck understands. Used by :class:`RttProbe` and the reflector alike.
    """
    if len(message) != PING_BYTES or message[0] != _PING:
        return None
    (number,) = _NUMBER.unpack_from(message, 1)
    echo = bytes((_ECHO,)) + message[1:]
    if number & HELD_ECHO_WANTED:
        echo += _HOLD.pack(max(0.0, hold_ms))
    return echo


class WireStamps:
    """A connection's probe times, written as the datagram leaves (module docstring).

    :meth:`echo` answers a ping and remembers when it arrived; :meth:`restamp` is the departure
    hook of :meth:`~callcheck.engine.arrivals.ArrivalStamps.stamp_departures`: it writes our
    ping's send time and our held echo's hold at that moment. One per connection, shared by the
    probe channels on it (the reflector's, the measured peer's).
    """

    def __init__(self) -> None:
        self._waiting: collections.OrderedDict[bytes, float] = collections.OrderedDict()

    def echo(self, message: bytes, arrival_ms: float) -> bytes | None:
        """The echo of ``message`` (:func:`echo_for`, held from ``arrival_ms`` until now, and until
        it leaves once :meth:`restamp` runs), or ``None`` if it is no ping."""
        echo = echo_for(message, now_ms() - arrival_ms)
        if echo is not None and len(echo) == HELD_ECHO_BYTES:
            self._waiting[echo[:PING_BYTES]] = arrival_ms
            while len(self._waiting) > MAX_WAITING_ECHOES:
                self._waiting.popitem(last=False)
        return echo

    def restamp(self, message: bytes, departure_ms: float) -> bytes | None:
        """``message`` as it leaves at ``departure_ms``: a ping sent then, a held echo of ours
        held until then; ``None`` for anything else (sent as it is)."""
        kind = message[0] if message else None
        if kind == _PING and len(message) == PING_BYTES:
            number, _queued_ms = _BODY.unpack_from(message, 1)
            return message[:1] + _BODY.pack(number, departure_ms)
        if kind == _ECHO and len(message) == HELD_ECHO_BYTES:
            arrival_ms = self._waiting.pop(message[:PING_BYTES], None)
            if arrival_ms is not None:
                return message[:PING_BYTES] + _HOLD.pack(max(0.0, departure_ms - arrival_ms))
        return None


class RttProbe:
    """Pings over ``channel`` (an aiortc ``RTCDataChannel``) and answers the far end's pings.

    Samples are ``(arrival time ms, rtt ms)``; ``on_sample`` is called on the engine loop.
    Install :meth:`restamp` as the connection's departure hook so that its times are the wire's.
    """

    def __init__(
        self,
        channel: Any,
        *,
        interval_ms: float = PING_INTERVAL_MS,
        ping: bool = True,
        on_sample: Callable[[float], None] | None = None,
        arrival_ms: Callable[[], float] = now_ms,
    ) -> None:
        self._channel = channel
        self._arrival_ms = arrival_ms
        self._interval_ms = interval_ms
        self._ping = ping
        self._on_sample = on_sample
        self._wire = WireStamps()
        self._task: asyncio.Task[None] | None = None
        self.samples_ms: list[tuple[float, float]] = []
        """``(arrival ms, rtt ms)`` of every echo, the far end's hold subtracted."""
        self.holds_ms: list[float] = []
        """How long the far end held each ping (0.0 for echoes that do not say)."""
        self.pings_sent = 0
        channel.on("message", self._on_message)
        if channel.readyState == "open":
            self._on_open()
        else:
            channel.on("open", self._on_open)

    def _on_open(self) -> None:
        if self._ping and self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="rtt-probe")

    async def _run(self) -> None:
        next_ms = now_ms()
        while self._channel.readyState == "open":
            self.pings_sent += 1
            number = (self.pings_sent % HELD_ECHO_WANTED) | HELD_ECHO_WANTED
            with contextlib.suppress(Exception):  # a closing channel: the loop condition ends us
                self._channel.send(bytes((_PING,)) + _BODY.pack(number, now_ms()))
            next_ms += self._interval_ms
            await asyncio.sleep(max(0.0, (next_ms - now_ms()) / 1000.0))

    def _on_message(self, message: object) -> None:
        if not isinstance(message, bytes) or len(message) not in (PING_BYTES, HELD_ECHO_BYTES):
            return  # not ours (the reflector may send JSON on the same channel)
        kind = message[0]
        if kind == _PING:
            echo = self._wire.echo(message, self._arrival_ms())
            if echo is not None:
                with contextlib.suppress(Exception):
                    self._channel.send(echo)
        elif kind == _ECHO:
            arrival_ms = self._arrival_ms()
            _number, sent_ms = _BODY.unpack_from(message, 1)
            hold_ms = 0.0
            if len(message) == HELD_ECHO_BYTES:
                (hold_ms,) = _HOLD.unpack_from(message, PING_BYTES)
                if not 0.0 <= hold_ms < arrival_ms - sent_ms:
                    hold_ms = 0.0  # nonsense from the far end: ignore it rather than the echo
            rtt_ms = arrival_ms - sent_ms - hold_ms
            if rtt_ms >= 0:
                self.samples_ms.append((arrival_ms, rtt_ms))
                self.holds_ms.append(hold_ms)
                if self._on_sample is not None:
                    self._on_sample(rtt_ms)

    def restamp(self, message: bytes, departure_ms: float) -> bytes | None:
        """The departure hook for this probe's messages (:meth:`WireStamps.restamp`)."""
        return self._wire.restamp(message, departure_ms)

    @property
    def latest_ms(self) -> float | None:
        """The most recent echo RTT, or ``None`` before the first echo."""
        return self.samples_ms[-1][1] if self.samples_ms else None

    async def stop(self) -> None:
        """Stop pinging (echoing stops when the channel closes)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
