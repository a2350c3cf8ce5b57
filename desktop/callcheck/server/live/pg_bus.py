"""The live-view bus across instances (and workers): PostgreSQL ``NOTIFY``/``LISTEN`` (asyncpg).

What crosses: every message published on a channel (``share:<code>`` the app's messages,
``app:<code>`` what goes back to the app) is a row of ``callcheck_live_messages`` and is
announced on the PostgreSQL channel ``callcheck_live``. A ``NOTIFY`` payload is limited to
8000 bytes (PostgreSQL docs, "NOTIFY"): a message that fits travels in the payload
(``<id> <channel>\\n<text>``: no second round trip for a snapshot, ~1 kB), a larger one (a
report, tens of kB) as a reference (``<id> <channel>``) that each instance reads from the row.
Notifications arrive in commit order; each instance's listening connection hands them to its
subscribers and followers in that order, the publishing instance included (so every instance
sees one order). A lost listening connection is made again and what was published meanwhile is
read back from the table (:class:`~callcheck.server.pg_listen.PgListener`), once each, in order.

History: the rows stay ``keep_s`` (the live code's lifetime), so an instance that starts
following a share — a viewer reaching another instance, or a worker that was restarted — reads
the share so far (:meth:`PostgresLiveBus.history`) before the live messages; ids tell the two
apart.

Audience: how many subscribe to a channel on every instance (viewers watching; whether the app
is connected anywhere, for "run again") is kept in ``callcheck_live_presence`` by the instance's
listening connection's backend pid, and counted only for backends still in
``pg_stat_activity``: an instance that is killed leaves no ghost viewers (its connection ends
with it).

The tables are the bus's own, created if missing (as :mod:`callcheck.server.room_bus` does):
they hold transient messages, not the store's records.
"""

from __future__ import annotations

import contextlib
import logging
import time
from typing import Any, Final

import asyncpg

from callcheck.server.live.bus import LocalFanout
from callcheck.server.pg_listen import PgListener

__all__ = ["CHANNEL", "NOTIFY_PAYLOAD_BYTES", "PostgresLiveBus"]

logger = logging.getLogger(__name__)

#: The PostgreSQL channel every instance listens on.
CHANNEL: Final = "callcheck_live"
#: Largest NOTIFY payload PostgreSQL accepts (default build), bytes.
NOTIFY_PAYLOAD_BYTES: Final = 8000
#: Room left in a payload for ``<id> <channel>\n`` (ids < 2⁶³, channels ~20 bytes).
_HEADER_ROOM_BYTES: Final = 200
#: How often rows past ``keep_s`` are deleted (at a publish), s.
PURGE_EVERY_S: Final = 300.0
_LOCK_ID: Final = 0x63636C76  # "cclv": schema creation, once among concurrent instances

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS callcheck_live_messages (
    id bigserial PRIMARY KEY,
    channel text NOT NULL,
    body text NOT NULL,
    created_at double precision NOT NULL
);
CREATE INDEX IF NOT EXISTS callcheck_live_messages_channel
    ON callcheck_live_messages (channel, id);
CREATE TABLE IF NOT EXISTS callcheck_live_presence (
    backend_pid integer NOT NULL,
    channel text NOT NULL,
    subscribers integer NOT NULL,
    PRIMARY KEY (backend_pid, channel)
);
"""

_PUBLISH: Final = f"""
WITH m AS (
    INSERT INTO callcheck_live_messages (channel, body, created_at)
    VALUES ($1::text, $2::text, $3) RETURNING id
)
SELECT pg_notify('{CHANNEL}', CASE
    WHEN octet_length($2::text) <= {NOTIFY_PAYLOAD_BYTES - _HEADER_ROOM_BYTES}
    THEN (SELECT id FROM m)::text || ' ' || $1::text || E'\\n' || $2::text
    ELSE (SELECT id FROM m)::text || ' ' || $1::text
END)
"""


class PostgresLiveBus(LocalFanout):
    """:class:`~callcheck.server.live.bus.LiveBus` through PostgreSQL; wall-clock row times
    (shared by the instances)."""

    def __init__(self, dsn: str, *, keep_s: float) -> None:
        super().__init__()
        self._dsn = dsn
        self._keep_s = keep_s
        self._pool: Any = None
        self._backend_pid = 0
        self.listener = PgListener(
            dsn,
            CHANNEL,
            table="callcheck_live_messages",
            # The NOTIFY payload of a message that fits (a larger one is read back the same).
            payload_sql="id::text || ' ' || channel || E'\\n' || body",
            handle=self._deliver_payload,
            on_connected=self._listening,
            name="live-bus",
        )
        self._purged_at = 0.0

    async def start(self) -> None:
        self._pool = await asyncpg.create_pool(self._dsn, min_size=1, max_size=4)
        async with self._pool.acquire() as db, db.transaction():
            await db.execute(f"SELECT pg_advisory_xact_lock({_LOCK_ID})")
            await db.execute(_SCHEMA)
        # Rows of instances that are gone (a reused pid is only counted while it listens).
        await self._pool.execute(
            "DELETE FROM callcheck_live_presence WHERE backend_pid NOT IN "
            "(SELECT pid FROM pg_stat_activity)"
        )
        await self.listener.start()

    async def stop(self) -> None:
        self.close_all()
        await self.listener.stop()
        if self._pool is not None:
            with contextlib.suppress(Exception):
                await self._pool.execute(
                    "DELETE FROM callcheck_live_presence WHERE backend_pid = $1", self._backend_pid
                )
            await self._pool.close()

    async def _listening(self, backend_pid: int) -> None:
        """A (new) listening connection: presence rows move to its pid (the old one's are no
        longer counted once its backend is gone)."""
        old, self._backend_pid = self._backend_pid, backend_pid
        if old:
            await self._pool.execute(
                "DELETE FROM callcheck_live_presence WHERE backend_pid = $1", old
            )
        for channel in self.channels():
            await self.announce(channel)

    async def _deliver_payload(self, payload: str) -> None:
        head, newline, body = payload.partition("\n")
        raw_id, _, channel = head.partition(" ")
        message_id = int(raw_id)
        if not newline:  # too large for the payload: read it from its row
            found = await self._pool.fetchval(
                "SELECT body FROM callcheck_live_messages WHERE id = $1", message_id
            )
            if found is None:
                return  # purged already
            body = str(found)
        self.deliver(channel, message_id, body)

    async def publish(self, channel: str, message: str) -> None:
        now = time.time()
        await self._pool.execute(_PUBLISH, channel, message, now)
        if now - self._purged_at >= PURGE_EVERY_S:
            self._purged_at = now
            await self._pool.execute(
                "DELETE FROM callcheck_live_messages WHERE created_at < $1", now - self._keep_s
            )

    async def history(self, channel: str) -> list[tuple[int, str]]:
        rows = await self._pool.fetch(
            "SELECT id, body FROM callcheck_live_messages WHERE channel = $1 ORDER BY id",
            channel,
        )
        return [(int(r["id"]), str(r["body"])) for r in rows]

    async def announce(self, channel: str) -> None:
        count = self.subscribers(channel)
        if count:
            await self._pool.execute(
                "INSERT INTO callcheck_live_presence (backend_pid, channel, subscribers) "
                "VALUES ($1, $2, $3) ON CONFLICT (backend_pid, channel) "
                "DO UPDATE SET subscribers = EXCLUDED.subscribers",
                self._backend_pid,
                channel,
                count,
            )
        else:
            await self._pool.execute(
                "DELETE FROM callcheck_live_presence WHERE backend_pid = $1 AND channel = $2",
                self._backend_pid,
                channel,
            )

    async def audience(self, channel: str) -> int:
        count = await self._pool.fetchval(
            "SELECT COALESCE(SUM(subscribers), 0) FROM callcheck_live_presence "
            "WHERE channel = $1 AND backend_pid IN (SELECT pid FROM pg_stat_activity)",
            channel,
        )
        return int(count)
