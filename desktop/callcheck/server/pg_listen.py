"""One PostgreSQL ``LISTEN`` connection that survives its loss (issue 20), for both buses.

The live-view bus (:mod:`callcheck.server.live.pg_bus`) and the rooms bus
(:mod:`callcheck.server.room_bus`) each keep their messages as rows of a table with a
``bigserial`` id and announce each one with ``NOTIFY``, the payload starting with the row's id.
The rows are the history; a notification is only the wake-up. So when the listening connection
is lost (PostgreSQL restarted, the backend terminated, a network cut), :class:`PgListener`
reconnects with backoff, ``LISTEN``\\s again and reads from the table what was published while it
was deaf, handing every message over once, in id order, before the notifications that arrived
meanwhile. A ``NOTIFY`` is not queued for a connection that is not listening (PostgreSQL docs,
"LISTEN"), so without the catch-up those messages would be lost.

Ids are allocated when a row is inserted and notifications come in commit order, so two
publishers on different connections may commit a smaller id after a larger one. The catch-up
therefore re-reads a window of :data:`CATCH_UP_SLACK_IDS` ids below the newest one handed over,
and every id handed over is remembered (the last :data:`REMEMBERED_IDS`) so none is handed over
twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any, Final

import asyncpg

__all__ = ["BACKOFF_S", "CATCH_UP_SLACK_IDS", "REMEMBERED_IDS", "PgListener", "payload_id"]

logger = logging.getLogger(__name__)

#: Waits between reconnection attempts; the last one repeats until the database answers.
BACKOFF_S: Final = (0.1, 0.5, 1.0, 2.0, 5.0)
#: How far below the newest id handed over the catch-up reads again (commit order ≠ id order).
CATCH_UP_SLACK_IDS: Final = 256
#: Ids remembered to hand nothing over twice (more than the slack, so the window is covered).
REMEMBERED_IDS: Final = 4096
#: Time limit of one connection attempt, s.
CONNECT_TIMEOUT_S: Final = 5.0


def payload_id(payload: str) -> int:
    """The row id a payload starts with (``<id>``, ``<id> <channel>``, ``<id> …\\n<body>``);
    :class:`ValueError` when it does not."""
    head = payload.split("\n", 1)[0]
    return int(head.split(" ", 1)[0])


class PgListener:
    """``LISTEN channel`` on its own connection, reconnected and caught up when lost.

    ``table`` is the bus's message table and ``payload_sql`` the SQL expression that rebuilds a
    row's ``NOTIFY`` payload from its columns (so a message read back in the catch-up is handed
    over exactly as a notification would have been). ``handle(payload)`` is awaited for each
    message, one at a time, in order. ``on_connected(pid)`` is awaited after each (re)connection
    with the listening backend's pid, before any message (the live bus keys its presence rows by
    that pid).
    """

    def __init__(
        self,
        dsn: str,
        channel: str,
        *,
        table: str,
        payload_sql: str,
        handle: Callable[[str], Awaitable[None]],
        on_connected: Callable[[int], Awaitable[None]] | None = None,
        name: str = "pg-listen",
    ) -> None:
        self._dsn = dsn
        self._channel = channel
        self._catch_up_sql = (
            f"SELECT id, {payload_sql} AS payload FROM {table} WHERE id > $1 ORDER BY id"
        )
        self._latest_sql = f"SELECT COALESCE(MAX(id), 0) FROM {table}"
        self._handle = handle
        self._on_connected = on_connected
        self._name = name
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self._seen: set[int] = set()
        self._seen_order: deque[int] = deque()
        self._newest = 0
        """The newest id handed over (or, before any, the newest row when listening began)."""
        self._connection: Any = None
        self._lost = asyncio.Event()
        self._stopping = False
        self._keeper: asyncio.Task[None] | None = None
        self._reader: asyncio.Task[None] | None = None
        self.reconnects = 0
        """Times the connection was lost and made again."""
        self.connected = asyncio.Event()
        """Set while listening."""
        self.backend_pid = 0
        """The listening connection's backend pid (0 before the first connection)."""

    async def start(self) -> None:
        """Connect and listen (raises if the database cannot be reached at start-up); from
        then on a lost connection is made again in the background."""
        await self._connect(first=True)
        loop = asyncio.get_running_loop()
        self._reader = loop.create_task(self._read(), name=f"{self._name}-read")
        self._keeper = loop.create_task(self._keep(), name=f"{self._name}-keep")

    async def stop(self) -> None:
        """Stop listening and close the connection."""
        self._stopping = True
        for task in (self._keeper, self._reader):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        if self._connection is not None:
            with contextlib.suppress(Exception):
                await self._connection.close()

    # -------------------------------------------------------------------------- connection

    async def _connect(self, *, first: bool) -> None:
        connection = await asyncpg.connect(self._dsn, timeout=CONNECT_TIMEOUT_S)
        try:
            self._lost.clear()
            connection.add_termination_listener(self._terminated)
            # Listen first, then read the table: a message committed between the two is in
            # both and handed over once; none falls between them.
            await connection.add_listener(self._channel, self._notified)
            if first:
                self._newest = int(await connection.fetchval(self._latest_sql))
            else:
                floor = max(0, self._newest - CATCH_UP_SLACK_IDS)
                rows = await connection.fetch(self._catch_up_sql, floor)
                missed = [str(r["payload"]) for r in rows if int(r["id"]) not in self._seen]
                # Before the notifications queued meanwhile: the older messages first.
                _prepend(self._queue, missed)
                if missed:
                    logger.info("%s: caught up on %d missed messages", self._name, len(missed))
            self.backend_pid = int(connection.get_server_pid())
            if self._on_connected is not None:
                await self._on_connected(self.backend_pid)
        except BaseException:
            with contextlib.suppress(Exception):
                await connection.close()
            raise
        self._connection = connection
        self.connected.set()

    def _terminated(self, connection: Any) -> None:
        if connection is self._connection and not self._stopping:
            self.connected.clear()
            self._lost.set()

    async def _keep(self) -> None:
        while True:
            await self._lost.wait()
            logger.warning(
                "%s: the PostgreSQL listening connection was lost; reconnecting", self._name
            )
            old, self._connection = self._connection, None
            if old is not None:
                with contextlib.suppress(Exception):
                    old.terminate()
            attempt = 0
            while True:
                await asyncio.sleep(BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)])
                attempt += 1
                try:
                    await self._connect(first=False)
                except Exception as exc:  # any failure (refused, timed out, reset): try again
                    logger.warning(
                        "%s: reconnecting failed (attempt %d): %s", self._name, attempt, exc
                    )
                    continue
                break
            self.reconnects += 1
            logger.warning("%s: listening again (attempt %d)", self._name, attempt)

    # -------------------------------------------------------------------------- messages

    def _notified(self, connection: Any, pid: int, channel: str, payload: str) -> None:
        self._queue.put_nowait(payload)

    async def _read(self) -> None:
        while True:
            payload = await self._queue.get()
            try:
                message_id = payload_id(payload)
            except ValueError:
                logger.warning("%s: a notification without an id was ignored", self._name)
                continue
            if message_id in self._seen:
                continue  # read in a catch-up and notified too
            self._remember(message_id)
            try:
                await self._handle(payload)
            except Exception:  # one bad message must not stop the relay
                logger.warning("%s: message %d could not be handled", self._name, message_id,
                               exc_info=True)  # fmt: skip

    def _remember(self, message_id: int) -> None:
        self._seen.add(message_id)
        self._seen_order.append(message_id)
        if len(self._seen_order) > REMEMBERED_IDS:
            self._seen.discard(self._seen_order.popleft())
        self._newest = max(self._newest, message_id)


def _prepend(queue: asyncio.Queue[str], first: list[str]) -> None:
    """``first`` in front of what ``queue`` holds (an asyncio queue has no put-at-front)."""
    if not first:
        return
    rest: list[str] = []
    while not queue.empty():
        rest.append(queue.get_nowait())
    for item in (*first, *rest):
        queue.put_nowait(item)
