"""Peer-mode rooms: a short code read out over the phone pairs two desktops; the server relays
their signaling over a WebSocket and never looks inside it.

Codes
=====
``AC7-K3M-9PX``: nine characters in three groups of three, from an alphabet without look-alikes
or sound-alikes (no ``B``/8, ``I``/``L``/1, ``O``/0, ``S``/5, ``Z``/2, no 0 or 1: 20 letters and
8 digits), so it survives being read over a phone line. Lookup ignores case, spaces and dashes
(``ac7 k3m 9px`` works). 28⁹ ≈ 1.1 × 10¹³ codes (43 bits, above the 40 the hardening issue
asks for): with at most ``max_rooms`` (500) open rooms, one guess finds a room with
probability 5 × 10⁻¹¹, and guesses are rate-limited per IPv4 address and per IPv6 /64
(:mod:`callcheck.server.limits`), so enumerating rooms to find a waiting one is impractical.

HTTP
====
``POST /rooms`` → ``201`` ``{"code", "secret", "expires_in_s", "ws_path", "ice_servers"}``
(``Location: /rooms/<code>``); ``GET /rooms/<code>`` → ``{"code", "participants", "state":
"waiting"|"paired", "expires_in_s"}`` (what a joining guest's connectivity check needs, no
more; an unknown, malformed or expired code is the same ``404``); ``DELETE /rooms/<code>``
with the room's own ``secret`` (header ``X-CallCheck-Room-Secret``) → ``204`` (closes the
sockets), without it ``403``: the shared token alone does not end someone else's room.

Memory
======
Messages sent while alone are kept for the other participant, at most
:data:`BACKLOG_MESSAGES` and ``max_room_backlog_bytes`` per room and ``max_backlog_bytes_total``
over all rooms (then ``room.error`` ``backlog_full``), and dropped as soon as the room is empty
(nobody is left to want them), when it is deleted and when it expires.

WebSocket ``/rooms/<code>/ws``
==============================
Unknown room → ``404``, two participants already → ``409`` (both before the upgrade). Every
*text* message a participant sends must be a JSON object (its ``type`` must not start with
``room.``, which is the server's namespace) and at most ``max_room_message_bytes``; it is
relayed verbatim to the other participant — offers, answers, candidates and result summaries
are opaque to the server. Messages sent while alone are kept (see Memory) and delivered when the
other participant joins. Server messages:

* ``{"type": "room.joined", "code", "role": "host"|"guest", "participants", "expires_in_s",
  "ice_servers"}`` — to the one who joined; ``host`` is the first participant present.
* ``{"type": "room.peer-joined"}`` / ``{"type": "room.peer-left"}`` — to the other one.
* ``{"type": "room.error", "error": KIND, "message"}`` — a message was not relayed.
* ``{"type": "room.expired"}`` — then the socket closes.

Several instances
=================
With a :class:`RoomBus` (:class:`~callcheck.server.room_bus.PostgresRoomBus` when the server's
``database`` is PostgreSQL) a room is a shared row and each instance keeps only its own
participants' sockets: an instance that is asked about a code it does not know looks it up, a
participant's place is taken in the row (so two instances cannot both admit a second guest), and
what the other participant's instance must hear — joined, left, a message, closed — goes as an
event. A message sent while the other participant is on another instance is published; one sent
while nobody else is in the room is kept by the sender's instance (see Memory) and published when
the other participant joins, wherever that is.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import re
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

from aiohttp import WSMsgType, web

from callcheck.server.config import ServerConfig
from callcheck.server.metrics import ServerMetrics

__all__ = [
    "CODE_DIGITS",
    "CODE_LETTERS",
    "Room",
    "RoomBus",
    "RoomEvent",
    "RoomFullError",
    "RoomLimitError",
    "RoomRegistry",
    "RoomRow",
    "new_room_code",
    "normalize_code",
]

logger = logging.getLogger(__name__)

#: Letters of a room code: no B (8), I, L (1), O (0), S (5), Z (2).
CODE_LETTERS: Final = "ACDEFGHJKMNPQRTUVWXY"
#: Digits of a room code: no 0 (O) or 1 (I, L).
CODE_DIGITS: Final = "23456789"
#: The characters of a room code.
CODE_ALPHABET: Final = CODE_LETTERS + CODE_DIGITS
#: Groups of a code and characters per group (``AC7-K3M-9PX``).
CODE_GROUPS: Final = 3
CODE_GROUP_CHARS: Final = 3
#: Participants per room.
ROOM_CAPACITY: Final = 2
#: Messages kept for a participant who has not joined yet.
BACKLOG_MESSAGES: Final = 32
#: WebSocket heartbeat (ping) interval, s: a vanished participant is noticed within ~2×.
HEARTBEAT_S: Final = 15.0
#: How often expired rooms are swept, s.
SWEEP_INTERVAL_S: Final = 5.0

_CODE_RE: Final = re.compile(f"^[{CODE_ALPHABET}]{{{CODE_GROUPS * CODE_GROUP_CHARS}}}$")
_WS_CLOSE_EXPIRED: Final = 4000


class RoomLimitError(RuntimeError):
    """The server holds its maximum number of rooms (HTTP 503)."""


class RoomFullError(RuntimeError):
    """The room already has two participants (HTTP 409)."""


@dataclass(frozen=True, slots=True)
class RoomRow:
    """A room as the instances share it."""

    code: str
    secret: str
    expires_at: float
    """Wall-clock (Unix) seconds: the instances share no monotonic clock."""
    participants: int = 0
    """Participants on every instance together."""


@dataclass(frozen=True, slots=True)
class RoomEvent:
    """What one instance tells the others about a room."""

    code: str
    kind: str
    """``joined``, ``left``, ``message`` (``text`` is the message) or ``deleted``."""
    origin: str
    """The instance it comes from (each ignores its own)."""
    text: str = ""


class RoomBus(Protocol):
    """Where rooms are shared between instances (module docstring, "Several instances")."""

    async def start(self, on_event: Callable[[RoomEvent], Awaitable[None]]) -> None: ...
    async def stop(self) -> None: ...
    async def create(self, row: RoomRow) -> bool: ...
    async def open_rooms(self) -> int: ...
    async def lookup(self, code: str) -> RoomRow | None: ...
    async def join(self, code: str, capacity: int) -> int | None: ...
    async def leave(self, code: str) -> None: ...
    async def delete(self, code: str) -> None: ...
    async def publish(self, event: RoomEvent) -> None: ...


def _grouped(compact: str) -> str:
    n = CODE_GROUP_CHARS
    return "-".join(compact[i : i + n] for i in range(0, len(compact), n))


def new_room_code() -> str:
    """A random ``AC7-K3M-9PX`` code (43 bits)."""
    return _grouped(
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_CHARS))
    )


def normalize_code(text: str) -> str | None:
    """``AC7-K3M-9PX`` from what a user typed (any case, spaces or dashes), or ``None``."""
    compact = re.sub(r"[\s\-]", "", text).upper()
    return _grouped(compact) if _CODE_RE.match(compact) else None


@dataclass(eq=False)
class Room:
    """One room: up to two WebSockets and the messages waiting for the second one."""

    code: str
    created_s: float
    expires_s: float
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    """Only the creator gets it: it deletes the room."""
    participants: list[web.WebSocketResponse | None] = field(
        default_factory=lambda: [None] * ROOM_CAPACITY
    )
    backlog: deque[str] = field(default_factory=lambda: deque(maxlen=BACKLOG_MESSAGES))
    backlog_bytes: int = 0
    """Bytes (UTF-8) of the messages in ``backlog``."""
    reserved: int = 0
    """Slots taken, including sockets still being upgraded."""
    remote: int = 0
    """Participants connected through other instances."""

    def owned_by(self, secret: str | None) -> bool:
        """Whether ``secret`` is this room's own secret."""
        return secret is not None and hmac.compare_digest(
            secret.encode("utf-8", "surrogateescape"), self.secret.encode()
        )

    def count(self) -> int:
        """Connected participants (on every instance)."""
        return sum(1 for p in self.participants if p is not None) + self.remote

    def state(self) -> str:
        """``waiting`` (fewer than two) or ``paired``."""
        return "paired" if self.count() == ROOM_CAPACITY else "waiting"

    def expires_in_s(self, now_s: float) -> float:
        """Seconds until the room expires."""
        return max(0.0, round(self.expires_s - now_s, 1))


class RoomRegistry:
    """All open rooms, with their limits and expiry. Time comes from ``clock`` (seconds)."""

    def __init__(
        self,
        config: ServerConfig,
        metrics: ServerMetrics,
        clock: Callable[[], float],
        bus: RoomBus | None = None,
    ) -> None:
        self._config = config
        self._metrics = metrics
        self._clock = clock
        self._bus = bus
        self._origin = secrets.token_hex(8)
        self._rooms: dict[str, Room] = {}
        self._sweeper: asyncio.Task[None] | None = None
        metrics.active_rooms = lambda: len(self._rooms)
        metrics.room_participants = lambda: sum(r.count() - r.remote for r in self._rooms.values())
        metrics.room_backlog_bytes = self.backlog_bytes

    def backlog_bytes(self) -> int:
        """Bytes kept for participants who have not joined yet, over all rooms."""
        return sum(r.backlog_bytes for r in self._rooms.values())

    def __len__(self) -> int:
        return len(self._rooms)

    async def create(self) -> Room:
        """A new room with a fresh code; raises :class:`RoomLimitError` at the limit."""
        self._sweep()
        bus = self._bus
        open_rooms = len(self._rooms) if bus is None else await bus.open_rooms()
        if open_rooms >= self._config.max_rooms:
            raise RoomLimitError(
                f"the server holds its maximum of {self._config.max_rooms} rooms; try later"
            )
        ttl_s = self._config.room_ttl_s
        while True:
            code = new_room_code()
            if code in self._rooms:
                continue
            now = self._clock()
            room = Room(code=code, created_s=now, expires_s=now + ttl_s)
            if bus is None or await bus.create(RoomRow(code, room.secret, time.time() + ttl_s)):
                break
        self._rooms[code] = room
        self._metrics.rooms_total += 1
        return room

    async def get(self, text: str) -> Room | None:
        """The open room for a typed code, or ``None`` (unknown, malformed or expired)."""
        code = normalize_code(text)
        if code is None:
            return None
        room = self._rooms.get(code)
        if room is not None and room.expires_s <= self._clock():
            self._expire(room)
            return None
        if room is None and self._bus is not None:
            row = await self._bus.lookup(code)
            room = self._rooms.get(code)  # it may have come meanwhile
            if row is not None and room is None:
                now = self._clock()
                room = Room(
                    code=code,
                    created_s=now,
                    expires_s=now + (row.expires_at - time.time()),
                    secret=row.secret,
                    remote=row.participants,
                )
                self._rooms[code] = room
        return room

    async def delete(self, room: Room) -> None:
        """Close the room's sockets and forget it (on every instance)."""
        self._rooms.pop(room.code, None)
        _drop_backlog(room)
        if self._bus is not None:
            await self._bus.delete(room.code)
            await self._publish(room, "deleted")
        await self._close_sockets(room, {"type": "room.expired"})

    # ---------------------------------------------------------------- other instances

    async def _publish(self, room: Room, kind: str, text: str = "") -> None:
        assert self._bus is not None
        await self._bus.publish(RoomEvent(room.code, kind, self._origin, text))

    async def _on_event(self, event: RoomEvent) -> None:
        """An event from another instance (:class:`RoomBus`)."""
        room = self._rooms.get(event.code)
        if event.origin == self._origin or room is None:
            return
        local = [ws for ws in room.participants if ws is not None]
        if event.kind == "joined":
            room.remote += 1
            for ws in local:
                await _send_quietly(ws, json.dumps({"type": "room.peer-joined"}))
            while room.backlog:  # kept while alone: now the other participant can have them
                text = room.backlog.popleft()
                room.backlog_bytes -= _size(text)
                await self._publish(room, "message", text)
        elif event.kind == "left":
            room.remote = max(0, room.remote - 1)
            for ws in local:
                await _send_quietly(ws, json.dumps({"type": "room.peer-left"}))
        elif event.kind == "message":
            for ws in local:
                await _send_quietly(ws, event.text)
        elif event.kind == "deleted":
            self._rooms.pop(room.code, None)
            _drop_backlog(room)
            await self._close_sockets(room, {"type": "room.expired"})

    # ---------------------------------------------------------------- expiry

    async def start(self) -> None:
        """Start sweeping expired rooms (on the server's loop) and hearing other instances."""
        if self._bus is not None:
            await self._bus.start(self._on_event)
        if self._sweeper is None:
            self._sweeper = asyncio.get_running_loop().create_task(
                self._sweep_forever(), name="rooms-sweeper"
            )

    async def stop(self) -> None:
        """Stop sweeping and close every room."""
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
            self._sweeper = None
        if self._bus is not None:
            await self._bus.stop()
        rooms = list(self._rooms.values())
        self._rooms.clear()
        for room in rooms:
            _drop_backlog(room)
        await asyncio.gather(
            *(self._close_sockets(r, {"type": "room.expired"}) for r in rooms),
            return_exceptions=True,
        )

    async def _sweep_forever(self) -> None:
        while True:
            await asyncio.sleep(SWEEP_INTERVAL_S)
            self._sweep()

    def _sweep(self) -> None:
        now = self._clock()
        for room in [r for r in self._rooms.values() if r.expires_s <= now]:
            self._expire(room)

    def _expire(self, room: Room) -> None:
        self._rooms.pop(room.code, None)
        _drop_backlog(room)
        if room.count():
            task = asyncio.get_running_loop().create_task(
                self._close_sockets(room, {"type": "room.expired"})
            )
            _background.add(task)
            task.add_done_callback(_background.discard)

    @staticmethod
    async def _close_sockets(room: Room, message: dict[str, Any]) -> None:
        for ws in list(room.participants):
            if ws is not None and not ws.closed:
                with contextlib.suppress(Exception):
                    await ws.send_json(message)
                    await ws.close(code=_WS_CLOSE_EXPIRED, message=b"room expired")

    # ---------------------------------------------------------------- the WebSocket relay

    async def relay(self, request: web.Request, room: Room) -> web.WebSocketResponse:
        """Join ``room`` over a WebSocket and relay until the participant leaves.

        Raises :class:`RoomFullError` (before upgrading) when two are already in.
        """
        full = RoomFullError(f"room {room.code} already has two participants")
        if room.reserved + room.remote >= ROOM_CAPACITY:
            raise full
        bus = self._bus
        if bus is not None and await bus.join(room.code, ROOM_CAPACITY) is None:
            raise full  # the places are taken on other instances
        room.reserved += 1
        slot: int | None = None
        ws = web.WebSocketResponse(
            heartbeat=HEARTBEAT_S, max_msg_size=self._config.max_room_message_bytes
        )
        try:
            await ws.prepare(request)
            slot = room.participants.index(None)
            room.participants[slot] = ws
            other = room.participants[1 - slot]
            role = "host" if other is None and room.remote == 0 else "guest"
            await ws.send_json(
                {
                    "type": "room.joined",
                    "code": room.code,
                    "role": role,
                    "participants": room.count(),
                    "expires_in_s": room.expires_in_s(self._clock()),
                    "ice_servers": [s.to_json() for s in self._config.ice_servers],
                }
            )
            if other is not None:
                await _send_quietly(other, json.dumps({"type": "room.peer-joined"}))
                while room.backlog:
                    text = room.backlog.popleft()
                    room.backlog_bytes -= _size(text)
                    await ws.send_str(text)
            if bus is not None:
                await self._publish(room, "joined")
            await self._pump(room, ws)
        finally:
            room.reserved -= 1
            if bus is not None:
                with contextlib.suppress(Exception):  # the row expires anyway
                    await bus.leave(room.code)
                    if slot is not None:
                        await self._publish(room, "left")
            if slot is not None:
                room.participants[slot] = None
                other = room.participants[1 - slot]
                if other is not None:
                    await _send_quietly(other, json.dumps({"type": "room.peer-left"}))
                else:
                    _drop_backlog(room)  # empty: nobody is left to want the kept messages
            if not ws.closed and ws.prepared:
                with contextlib.suppress(Exception):
                    await ws.close()
        return ws

    async def _pump(self, room: Room, ws: web.WebSocketResponse) -> None:
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                error = _check_message(msg.data)
                if error is not None:
                    await _send_quietly(ws, json.dumps(error))
                    continue
                other = next((p for p in room.participants if p is not None and p is not ws), None)
                if other is not None:
                    await _send_quietly(other, msg.data)
                elif room.remote:
                    await self._publish(room, "message", msg.data)
                else:
                    size = _size(msg.data)
                    if (
                        len(room.backlog) == BACKLOG_MESSAGES
                        or room.backlog_bytes + size > self._config.max_room_backlog_bytes
                        or self.backlog_bytes() + size > self._config.max_backlog_bytes_total
                    ):
                        await _send_quietly(
                            ws,
                            json.dumps(
                                _error("backlog_full", "the other participant has not joined")
                            ),
                        )
                        continue
                    room.backlog.append(msg.data)
                    room.backlog_bytes += size
                self._metrics.room_messages_total += 1
            elif msg.type == WSMsgType.BINARY:
                await _send_quietly(
                    ws, json.dumps(_error("not_text", "send JSON text messages only"))
                )
            elif msg.type == WSMsgType.ERROR:
                break


_background: set[asyncio.Task[None]] = set()


def _size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _drop_backlog(room: Room) -> None:
    room.backlog.clear()
    room.backlog_bytes = 0


def _error(kind: str, message: str) -> dict[str, Any]:
    return {"type": "room.error", "error": kind, "message": message}


def _check_message(text: str) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except ValueError:
        return _error("not_json", "messages must be JSON objects")
    if not isinstance(data, dict):
        return _error("not_json", "messages must be JSON objects")
    kind = data.get("type")
    if isinstance(kind, str) and kind.startswith("room."):
        return _error("reserved_type", "message types starting with 'room.' are the server's")
    return None


async def _send_quietly(ws: web.WebSocketResponse, text: str) -> None:
    if not ws.closed:
        with contextlib.suppress(Exception):  # the other side went away mid-send
            await ws.send_str(text)
