"""Application-level RTT: timestamped pings echoed over a WebRTC data channel.

RTCP gives an RTT only every 0.5–1.5 s and its first one 1–5 s into a call; a 20 s test needs a
figure within a second (DESIGN.md, Measurement 2). Each side pings every 250 ms and echoes the
other side's pings. The channel must be **unordered with no retransmissions**: on a reliable,
ordered channel a lost ping stalls every later one behind it (head-of-line blocking measured 100–
640 ms against a true 60 ms at 3 % loss). A lost ping is simply never answered.

Wire format (binary, 13 bytes): one kind byte (``P`` ping, ``E`` echo), the ping number (uint32)
and the sender's monotonic send time (float64 ms). Only the pinging side reads the time, so the
two peers' clocks never need to agree.
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
    ) -> None:
        self._channel = channel
        self._interval_ms = interval_ms
        self._ping = ping
        self._on_sample = on_sample
        self._task: asyncio.Task[None] | None = None
        self.samples_ms: list[tuple[float, float]] = []
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
        if not isinstance(message, bytes) or len(message) != 1 + _BODY.size:
            return  # not ours (the reflector may send JSON on the same channel)
        kind = message[0]
        if kind == _PING:
            with contextlib.suppress(Exception):
                self._channel.send(bytes((_ECHO,)) + message[1:])
        elif kind == _ECHO:
            arrival_ms = now_ms()
            _number, sent_ms = _BODY.unpack_from(message, 1)
            rtt_ms = arrival_ms - sent_ms
            if rtt_ms >= 0:
                self.samples_ms.append((arrival_ms, rtt_ms))
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
