"""Application-level RTT: timestamped pings echoed over a WebRTC data channel.

RTCP gives an RTT only every 0.5–1.5 s and its first one 1–5 s into a call; a 20 s test needs a
figure within a second (DESIGN.md, Measurement 2). Each side pings every 250 ms and echoes the
other side's pings. The channel must be **unordered with no retransmissions**: on a reliable,
ordered channel a lost ping stalls every later one behind it (head-of-line blocking measured 100–
640 ms against a true 60 ms at 3 % loss). A lost ping is simply never answered.

Wire format (binary): a ping is 13 bytes — one kind byte ``P``, the ping number (uint32) and the
sender's monotonic send time (float64 ms). The echo is the same 13 bytes with the kind byte
``E``, followed (since wave 2) by a float64: how long the echoing side **held** the ping, from
the arrival of the datagram that carried it to the echo, in ms. Only the pinging side reads the
send time and only the echoing side measures the hold, so the two peers' clocks never need to
agree. A 13-byte echo (the reflector, an older CallCheck) counts as held 0 ms.

Why the hold (issue 12, item 7): a ping waits in the far end's receive path (its DTLS loop also
decrypts every RTP packet) before it is answered, and a loaded far end answers late; RTCP
subtracts exactly this time, its DLSR (RFC 3550 §6.4.1), and so do we:
``rtt = arrival − send time − hold``. Arrival is stamped when the datagram enters the SCTP
stack (``arrival_ms``: :class:`~callcheck.engine.peer.MeasuredPeer` stamps it), not when the
message callback runs, on both sides.
"""

from __future__ import annotations

import asyncio
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
#: A ping, and an echo without a hold (the reflector's).
PING_BYTES: Final = 1 + _BODY.size
#: An echo that says how long the far end held the ping.
HELD_ECHO_BYTES: Final = PING_BYTES + _HOLD.size


class RttProbe:
    """Pings over ``channel`` (an aiortc ``RTCDataChannel``) and answers the far end's pings.

    Samples are ``(arrival time ms, rtt ms)``; ``on_sample`` is called on the engine loop.
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
            with contextlib.suppress(Exception):  # a closing channel: the loop condition ends us
                self._channel.send(bytes((_PING,)) + _BODY.pack(self.pings_sent, now_ms()))
            next_ms += self._interval_ms
            await asyncio.sleep(max(0.0, (next_ms - now_ms()) / 1000.0))

    def _on_message(self, message: object) -> None:
        if not isinstance(message, bytes) or len(message) not in (PING_BYTES, HELD_ECHO_BYTES):
            return  # not ours (the reflector may send JSON on the same channel)
        kind = message[0]
        if kind == _PING and len(message) == PING_BYTES:
            hold_ms = max(0.0, now_ms() - self._arrival_ms())
            with contextlib.suppress(Exception):
                self._channel.send(bytes((_ECHO,)) + message[1:] + _HOLD.pack(hold_ms))
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
