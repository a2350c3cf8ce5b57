"""A seeded network-impairment emulator on one direction of the UDP transport.

The kernel on test machines has no netem, so the engine impairs its own datagrams: it sits where
aiortc hands an encrypted datagram to aioice (``RTCIceTransport._send``) and delays, drops or
reorders it there. It is both the "what-if" mode of the product (``--impair``) and the test
harness, so it records the truth — which RTP sequence numbers it dropped and the delay each RTP
packet really got — for tests to compare the measurements against.

Model, per direction:

- **Delay and jitter.** Each datagram is held for ``delay_ms`` plus a jitter sample (uniform on
  ±``jitter_ms``, or normal with σ = ``jitter_ms``). Jitter does **not** reorder packets: a
  datagram never leaves before the one sent before it (its release time is clamped to the previous
  release time), like netem with a rate limit or ``tc ... pfifo`` child. Real access networks
  rarely reorder; a delay spread that reorders is asked for explicitly with ``reorder``.
- **Loss.** ``loss`` % of datagrams are dropped: independently (Bernoulli) by default, or with a
  two-state Gilbert model when ``burst`` (mean burst length, in packets, ≥ 1) is given — every
  packet in the bad state is lost, p = loss·r/(1 − loss), r = 1/burst, so the stationary loss is
  ``loss`` and bursts are geometric with mean ``burst``. DTLS handshake records are never dropped
  (the handshake's 1 s retransmission timer would only delay the start of a test); everything
  else — SRTP, SRTCP, the data channel — is.
- **Reordering.** ``reorder`` % of datagrams are held ``reorder_ms`` longer than their neighbours
  (default 30 ms, more than one 20 ms frame), so they arrive after the next packet.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Final, Literal

from callcheck.engine.loop import now_ms as clock_ms

JitterDistribution = Literal["uniform", "normal"]

#: A datagram whose first byte is in this range is RTP or RTCP (RFC 7983 §7).
_RTP_FIRST_BYTE: Final = range(128, 192)
#: RTCP packet types 192–223 share the second byte with RTP's marker+PT (RFC 5761 §4).
_RTCP_SECOND_BYTE: Final = range(192, 224)
#: DTLS content types change_cipher_spec (20), alert (21), handshake (22) — never dropped.
_DTLS_HANDSHAKE_FIRST_BYTE: Final = frozenset((20, 21, 22))
#: Releasing a datagram this close to "now" is done inline rather than through a timer.
_INLINE_RELEASE_MS: Final = 0.05
#: asyncio's epoll selector rounds its timeout *up* to whole milliseconds, so a timer fires
#: 0–1 ms late; aiming half a millisecond early centres the release error on zero.
_TIMER_LEAD_MS: Final = 0.5

_KEYS: Final = {
    "delay": "delay_ms",
    "jitter": "jitter_ms",
    "dist": "jitter_distribution",
    "loss": "loss_pct",
    "burst": "burst_packets",
    "reorder": "reorder_pct",
    "reorder_ms": "reorder_ms",
    "seed": "seed",
}

#: Networks to try ("Simulate a worse network" in the app, ``--impair NAME`` on the command line;
#: issue 16), each an ``--impair`` spec read by :meth:`ImpairmentSpec.parse`, the one parser of
#: both. Illustrative figures for one direction, not a standard's profiles: a busy Wi-Fi cell
#: delays frames behind other stations' traffic (tens of ms of spread) and loses few (802.11
#: retransmits); a phone's hotspot adds the mobile network's delay, spread and short loss
#: bursts; a VPN to a distant, congested concentrator adds a fixed delay and loses UDP in bursts.
NETWORK_PRESETS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "none": "",
        "busy-wifi": "delay=5,jitter=25,loss=1",
        "mobile-hotspot": "delay=60,jitter=20,loss=2,burst=2",
        "lossy-vpn": "delay=40,loss=5,burst=2",
    }
)


@dataclass(frozen=True, slots=True)
class ImpairmentSpec:
    """What one direction of the emulated network does to each datagram."""

    delay_ms: float = 0.0
    """Fixed one-way delay added to every datagram."""
    jitter_ms: float = 0.0
    """Delay spread: half-width of the uniform distribution, or σ of the normal one."""
    jitter_distribution: JitterDistribution = "uniform"
    """Shape of the delay spread."""
    loss_pct: float = 0.0
    """Long-run share of datagrams dropped, in percent."""
    burst_packets: float = 0.0
    """Mean loss-burst length (Gilbert model); 0 means independent (Bernoulli) loss."""
    reorder_pct: float = 0.0
    """Share of datagrams held back ``reorder_ms`` so that they arrive out of order."""
    reorder_ms: float = 30.0
    """Extra hold of a reordered datagram."""
    seed: int = 0
    """Seed of the emulator's random generator; the same seed gives the same impairments."""

    def __post_init__(self) -> None:
        for name in ("delay_ms", "jitter_ms", "loss_pct", "burst_packets", "reorder_pct"):
            value = getattr(self, name)
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"impairment {name} must be a finite number ≥ 0, got {value!r}")
        if self.delay_ms > 10_000 or self.jitter_ms > 10_000:
            raise ValueError("impairment delay and jitter must be at most 10000 ms")
        if self.loss_pct >= 100 or self.reorder_pct > 100:
            raise ValueError("impairment loss must be below 100 % and reorder at most 100 %")
        if 0 < self.burst_packets < 1:
            raise ValueError(
                f"impairment burst is a mean burst length ≥ 1, got {self.burst_packets}"
            )
        if self.burst_packets >= 1 and self.gilbert_p() > 1:
            raise ValueError(
                f"loss {self.loss_pct} % cannot have mean bursts of only {self.burst_packets} "
                "packets; raise burst or lower loss"
            )
        if self.jitter_distribution not in ("uniform", "normal"):
            raise ValueError(
                f"impairment dist must be 'uniform' or 'normal', got {self.jitter_distribution!r}"
            )
        if not math.isfinite(self.reorder_ms) or self.reorder_ms <= 0:
            raise ValueError("impairment reorder_ms must be a positive number")

    @property
    def is_identity(self) -> bool:
        """True when the spec changes nothing (no emulator needs to be installed)."""
        return (
            self.delay_ms == 0
            and self.jitter_ms == 0
            and self.loss_pct == 0
            and self.reorder_pct == 0
        )

    def gilbert_p(self) -> float:
        """Good→bad transition probability of the Gilbert model (0 for Bernoulli loss)."""
        if self.burst_packets < 1 or self.loss_pct == 0:
            return 0.0
        loss = self.loss_pct / 100
        r = 1 / self.burst_packets
        return loss * r / (1 - loss)

    def with_seed(self, seed: int) -> ImpairmentSpec:
        """The same impairment with another seed (used for the second direction)."""
        return replace(self, seed=seed)

    @classmethod
    def parse(cls, text: str) -> ImpairmentSpec:
        """Parse ``delay=50,jitter=10,loss=2,burst=2`` (the ``--impair`` syntax), or the name
        of one of the :data:`NETWORK_PRESETS` (``lossy-vpn``).

        Keys: delay, jitter (ms), dist (uniform|normal), loss (%), burst (mean burst length,
        packets), reorder (%), reorder_ms, seed. Raises :class:`ValueError` naming the problem.
        """
        values: dict[str, object] = {}
        text = text.strip()
        text = NETWORK_PRESETS.get(text.lower(), text)
        if not text:
            return cls()
        if "=" not in text:
            raise ValueError(
                f"impairment {text!r} is neither key=value pairs nor a network name "
                f"({', '.join(NETWORK_PRESETS)})"
            )
        for item in text.split(","):
            key, sep, raw = (part.strip() for part in item.partition("="))
            if not sep or not key or not raw:
                raise ValueError(f"impairment {item.strip()!r} is not of the form key=value")
            attr = _KEYS.get(key.lower())
            if attr is None:
                raise ValueError(f"unknown impairment {key!r}; expected one of {', '.join(_KEYS)}")
            if attr in values:
                raise ValueError(f"impairment {key!r} is given twice")
            if attr == "jitter_distribution":
                values[attr] = raw.lower()
            elif attr == "seed":
                try:
                    values[attr] = int(raw)
                except ValueError:
                    raise ValueError(f"impairment seed must be an integer, got {raw!r}") from None
            else:
                try:
                    values[attr] = float(raw.removesuffix("ms").removesuffix("%"))
                except ValueError:
                    raise ValueError(f"impairment {key} must be a number, got {raw!r}") from None
        return cls(**values)  # type: ignore[arg-type]

    def describe(self) -> str:
        """The spec back in ``--impair`` syntax (non-default fields only)."""
        default = ImpairmentSpec()
        parts = []
        for key, attr in _KEYS.items():
            value = getattr(self, attr)
            if value != getattr(default, attr):
                parts.append(f"{key}={value:g}" if isinstance(value, float) else f"{key}={value}")
        return ",".join(parts)


assert {f.name for f in fields(ImpairmentSpec)} == set(_KEYS.values())


@dataclass(slots=True)
class ImpairmentTruth:
    """What the emulator did to the RTP packets of its direction (ground truth for tests).

    Lists grow with the call (≈ 50 entries/s); they are only read after a call.
    """

    dropped_seqs: list[int] = field(default_factory=list)
    """RTP sequence numbers dropped, in sending order."""
    delivered: list[tuple[int, int, float, float]] = field(default_factory=list)
    """(sequence number, RTP timestamp, time handed to the emulator ms, time released to the
    socket ms) of every RTP packet released, in release order."""
    datagrams_in: int = 0
    """Datagrams of any kind handed to the emulator."""
    datagrams_dropped: int = 0
    """Datagrams of any kind dropped."""

    def delays_ms(self) -> dict[int, float]:
        """Applied delay per delivered RTP sequence number (last copy wins)."""
        return {seq: out_ms - in_ms for seq, _ts, in_ms, out_ms in self.delivered}


SendDatagram = Callable[[bytes], Awaitable[None]]


class LossProcess:
    """The loss model of one direction: decides, packet after packet, whether it is lost.

    Bernoulli with ``loss_pct``, or the Gilbert model when ``burst_packets`` ≥ 1 (see the module
    docstring). ``rng`` is the caller's: the link draws its delays from the same generator, so
    one seed gives one whole impairment.
    """

    def __init__(self, spec: ImpairmentSpec, rng: random.Random) -> None:
        self._loss_pct = spec.loss_pct
        self._rng = rng
        self._bad_state = False
        self._p = spec.gilbert_p()
        self._r = 1 / spec.burst_packets if spec.burst_packets >= 1 else 1.0

    def lose(self) -> bool:
        """Whether the next packet is lost."""
        if self._loss_pct == 0:
            return False
        if self._p == 0:
            return self._rng.random() * 100 < self._loss_pct
        # Gilbert model: decide the state of this packet, then lose it if bad.
        if self._bad_state:
            self._bad_state = self._rng.random() >= self._r
        else:
            self._bad_state = self._rng.random() < self._p
        return self._bad_state


class ImpairedLink:
    """Impairs the datagrams of one direction before handing them to ``send``.

    Install with ``ice_transport._send = link.send``; call :meth:`close` when the call ends
    (pending datagrams are discarded).
    """

    def __init__(self, spec: ImpairmentSpec, send: SendDatagram) -> None:
        self.spec = spec
        self.truth = ImpairmentTruth()
        self._send = send
        self._rng = random.Random(spec.seed)
        self._loss = LossProcess(spec, self._rng)
        self._last_release_ms = 0.0
        self._handles: set[asyncio.TimerHandle] = set()
        self._queue: deque[tuple[float, bytes, int, float]] = deque()
        self._timer: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._closed = False

    def _delay_ms(self) -> float:
        spec = self.spec
        delay = spec.delay_ms
        if spec.jitter_ms > 0:
            if spec.jitter_distribution == "uniform":
                delay += self._rng.uniform(-spec.jitter_ms, spec.jitter_ms)
            else:
                delay += self._rng.gauss(0.0, spec.jitter_ms)
        return max(delay, 0.0)

    async def send(self, data: bytes) -> None:
        """Impair one datagram (drop it, or release it now or later)."""
        if self._closed:
            return
        now_ms = clock_ms()
        truth = self.truth
        truth.datagrams_in += 1
        first = data[0] if data else 0
        rtp_seq = -1
        if first in _RTP_FIRST_BYTE and len(data) >= 12 and data[1] not in _RTCP_SECOND_BYTE:
            # The RTP header stays in the clear under SRTP (RFC 3711 §3.1).
            rtp_seq = (data[2] << 8) | data[3]

        if first not in _DTLS_HANDSHAKE_FIRST_BYTE and self._loss.lose():
            truth.datagrams_dropped += 1
            if rtp_seq >= 0:
                truth.dropped_seqs.append(rtp_seq)
            return

        release_ms = now_ms + self._delay_ms()
        loop = asyncio.get_running_loop()
        if self.spec.reorder_pct > 0 and self._rng.random() * 100 < self.spec.reorder_pct:
            # Held back past its successors on a timer of its own; the in-order queue goes on.
            release_ms += self.spec.reorder_ms
            handle = loop.call_at(
                (release_ms - _TIMER_LEAD_MS) / 1000.0, self._release, data, rtp_seq, now_ms
            )
            self._handles.add(handle)
            return
        # In order: never before the previous datagram (asyncio timers with equal deadlines
        # are not FIFO, so in-order datagrams share one queue and one timer).
        release_ms = max(release_ms, self._last_release_ms)
        self._last_release_ms = release_ms
        if not self._queue and release_ms - now_ms <= _INLINE_RELEASE_MS:
            if rtp_seq >= 0:
                truth.delivered.append((rtp_seq, _rtp_timestamp(data), now_ms, now_ms))
            await self._send(data)
            return
        self._queue.append((release_ms, data, rtp_seq, now_ms))
        if self._timer is None:
            self._timer = loop.call_at((release_ms - _TIMER_LEAD_MS) / 1000.0, self._release_due)

    def _release_due(self) -> None:
        self._timer = None
        if self._closed:
            return
        queue = self._queue
        now = clock_ms()
        while queue and queue[0][0] <= now + _TIMER_LEAD_MS:
            _, data, rtp_seq, in_ms = queue.popleft()
            self._release(data, rtp_seq, in_ms)
        if queue:
            self._timer = asyncio.get_running_loop().call_at(
                (queue[0][0] - _TIMER_LEAD_MS) / 1000.0, self._release_due
            )

    def _release(self, data: bytes, rtp_seq: int, in_ms: float) -> None:
        if self._closed:
            return
        out_ms = clock_ms()
        if rtp_seq >= 0:
            self.truth.delivered.append((rtp_seq, _rtp_timestamp(data), in_ms, out_ms))
        task = asyncio.get_running_loop().create_task(self._send_quietly(data))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        if len(self._handles) > 64:
            self._handles = {h for h in self._handles if not h.cancelled() and not _is_due(h)}

    async def _send_quietly(self, data: bytes) -> None:
        with contextlib.suppress(ConnectionError):  # the call ended with it "in flight"
            await self._send(data)

    def close(self) -> None:
        """Discard datagrams still in flight; later sends are dropped silently."""
        self._closed = True
        for handle in self._handles:
            handle.cancel()
        self._handles.clear()
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._queue.clear()
        for task in self._tasks:
            task.cancel()


def _rtp_timestamp(data: bytes) -> int:
    return int.from_bytes(data[4:8], "big")


def _is_due(handle: asyncio.TimerHandle) -> bool:
    return handle.when() <= asyncio.get_running_loop().time()


ReceiveDatagram = Callable[[], Awaitable[bytes]]


class ImpairedReceive:
    """Impairs the datagrams one peer *receives* (the emulator on the receive path).

    In server and peer modes the far end is not ours to impair, so the downlink is emulated on
    the user's side: a pump task reads the ICE transport (``RTCIceTransport._recv``), an
    :class:`ImpairedLink` drops and delays each datagram, and the DTLS transport reads the
    survivors from a queue through :meth:`recv` (install with ``ice._recv = impaired.recv``).
    STUN never reaches ``_recv`` (aioice answers it below), so, as on the send path, ICE
    consent checks are not impaired. ``truth`` is the link's record of what it did.
    """

    def __init__(self, spec: ImpairmentSpec, recv: ReceiveDatagram) -> None:
        self._recv = recv
        self._queue: asyncio.Queue[bytes | Exception] = asyncio.Queue()
        self.link = ImpairedLink(spec, self._deliver)
        self._pump_task: asyncio.Task[None] | None = None
        self._closed = False

    @property
    def truth(self) -> ImpairmentTruth:
        """What the emulator did to the received RTP packets."""
        return self.link.truth

    async def _deliver(self, data: bytes) -> None:
        self._queue.put_nowait(data)

    async def recv(self) -> bytes:
        """The next datagram that survived the emulator (raises ``ConnectionError`` when the
        transport does, like the wrapped method)."""
        if self._pump_task is None and not self._closed:
            self._pump_task = asyncio.get_running_loop().create_task(
                self._pump(), name="impaired-receive"
            )
        item = await self._queue.get()
        if isinstance(item, Exception):
            self._queue.put_nowait(item)  # every later reader sees the end too
            raise item
        return item

    async def _pump(self) -> None:
        try:
            while True:
                data = await self._recv()
                await self.link.send(data)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # ConnectionError when the transport closes
            self._queue.put_nowait(error)

    def close(self) -> None:
        """Stop the pump and the emulator; readers get ``ConnectionError``."""
        self._closed = True
        self.link.close()
        if self._pump_task is not None:
            self._pump_task.cancel()
        self._queue.put_nowait(ConnectionError("the impaired receive path was closed"))
