"""Rooms shared by several `callcheck serve` instances through PostgreSQL (asyncpg).

With ``database = "postgresql://…"`` a room created through one instance can be joined through
any other: the room (code, secret, expiry, participants) is a row, and what one instance must
tell the others — a participant joined or left, a signaling message, the room was closed — is an
event row announced with ``NOTIFY callcheck_rooms, '<event id>'`` (PostgreSQL ``LISTEN``/
``NOTIFY``, delivered in commit order). The event body is a row, not the NOTIFY payload, because
a payload is limited to 8000 bytes and a signaling message may be larger. Each instance has one
listening connection; it reads the events in the order announced and hands them to
:class:`~callcheck.server.rooms.RoomRegistry`. A lost listening connection is made again and the
events published meanwhile are read back from their table
(:class:`~callcheck.server.pg_listen.PgListener`), once each, in order. Events are kept
``EVENT_KEEP_S`` and expired rooms are removed when rooms are created.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Final

import asyncpg

from callcheck.server.pg_listen import PgListener
from callcheck.server.rooms import RoomEvent, RoomRow

__all__ = ["EVENT_KEEP_S", "PostgresRoomBus"]

logger = logging.getLogger(__name__)

CHANNEL: Final = "callcheck_rooms"
#: Events older than this are deleted (every instance has read them long before).
EVENT_KEEP_S: Final = 600.0
_LOCK_ID: Final = 0x63636B72  # "cckr": schema creation, once among concurrent instances

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS callcheck_rooms (
    code text PRIMARY KEY,
    secret text NOT NULL,
    expires_at double precision NOT NULL,
    participants integer NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS callcheck_room_events (
    id bigserial PRIMARY KEY,
    code text NOT NULL,
    body text NOT NULL,
    created_at double precision NOT NULL
);
"""


class PostgresRoomBus:
    """Room rows and events in PostgreSQL; wall-clock times (shared by the instances)."""

    def __init__(self, dsn: str) -> None:
        self._dsn = dsn
        self._pool: Any = None
        self.listener = PgListener(
            dsn,
            CHANNEL,
            table="callcheck_room_events",
            payload_sql="id::text",  # the NOTIFY payload is the event's id
            handle=self._handle,
            name="room-bus",
        )
        self._on_event: Callable[[RoomEvent], Awaitable[None]] | None = None

    async def start(self, on_event: Callable[[RoomEvent], Awaitable[None]]) -> None:
        """Connect, create the tables if needed, and start listening."""
        self._on_event = on_event
        self._pool = await asyncpg.create_pool(self._dsn, min_size=1, max_size=4)
        async with self._pool.acquire() as db, db.transaction():
            await db.execute(f"SELECT pg_advisory_xact_lock({_LOCK_ID})")
            await db.execute(_SCHEMA)
        await self.listener.start()

    async def stop(self) -> None:
        """Stop listening and close the connections."""
        await self.listener.stop()
        if self._pool is not None:
            await self._pool.close()

    async def _handle(self, payload: str) -> None:
        row = await self._pool.fetchrow(
            "SELECT code, body FROM callcheck_room_events WHERE id = $1", int(payload)
        )
        if row is not None and self._on_event is not None:
            await self._on_event(RoomEvent(code=row["code"], **json.loads(row["body"])))

    async def create(self, row: RoomRow) -> bool:
        """Add a room; ``False`` if its code is taken."""
        now = time.time()
        await self._pool.execute("DELETE FROM callcheck_rooms WHERE expires_at <= $1", now)
        await self._pool.execute(
            "DELETE FROM callcheck_room_events WHERE created_at <= $1", now - EVENT_KEEP_S
        )
        status: str = await self._pool.execute(
            "INSERT INTO callcheck_rooms (code, secret, expires_at) VALUES ($1, $2, $3) "
            "ON CONFLICT (code) DO NOTHING",
            row.code,
            row.secret,
            row.expires_at,
        )
        return status.endswith(" 1")

    async def open_rooms(self) -> int:
        """Rooms open on every instance together."""
        count: int = await self._pool.fetchval(
            "SELECT count(*) FROM callcheck_rooms WHERE expires_at > $1", time.time()
        )
        return count

    async def lookup(self, code: str) -> RoomRow | None:
        """The open room with this code, or ``None``."""
        row = await self._pool.fetchrow(
            "SELECT code, secret, expires_at, participants FROM callcheck_rooms "
            "WHERE code = $1 AND expires_at > $2",
            code,
            time.time(),
        )
        if row is None:
            return None
        return RoomRow(row["code"], row["secret"], row["expires_at"], row["participants"])

    async def join(self, code: str, capacity: int) -> int | None:
        """Take a place; the participants now, or ``None`` when the room is full or gone."""
        count: int | None = await self._pool.fetchval(
            "UPDATE callcheck_rooms SET participants = participants + 1 "
            "WHERE code = $1 AND participants < $2 RETURNING participants",
            code,
            capacity,
        )
        return count

    async def leave(self, code: str) -> None:
        """Give a place back."""
        await self._pool.execute(
            "UPDATE callcheck_rooms SET participants = greatest(participants - 1, 0) "
            "WHERE code = $1",
            code,
        )

    async def delete(self, code: str) -> None:
        """Remove a room (its events expire on their own)."""
        await self._pool.execute("DELETE FROM callcheck_rooms WHERE code = $1", code)

    async def publish(self, event: RoomEvent) -> None:
        """Tell every instance (this one too) about ``event``."""
        body = json.dumps({"kind": event.kind, "origin": event.origin, "text": event.text})
        await self._pool.execute(
            "WITH e AS (INSERT INTO callcheck_room_events (code, body, created_at) "
            "VALUES ($1, $2, $3) RETURNING id) "
            "SELECT pg_notify($4, (SELECT id FROM e)::text)",
            event.code,
            body,
            time.time(),
            CHANNEL,
        )
