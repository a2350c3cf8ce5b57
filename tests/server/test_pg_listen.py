"""The buses' PostgreSQL listening connection survives its loss (issue 20), on a real PostgreSQL.

Another connection terminates the listener's backend (``pg_terminate_backend``) mid-stream, the
way a database restart or a failover cuts it; messages are published by another bus (another
instance) before, while and after the listener is deaf. Every one arrives once, in order — a
large live message (read from its row) and the rooms' events too — and the live bus's
presence (viewers, "is the app connected") follows the listener's new backend.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections.abc import Awaitable, Callable

import asyncpg
import pytest
from postgres_server import AVAILABLE, SKIP_REASON

from callcheck.server.live.pg_bus import NOTIFY_PAYLOAD_BYTES, PostgresLiveBus
from callcheck.server.pg_listen import PgListener
from callcheck.server.room_bus import PostgresRoomBus
from callcheck.server.rooms import RoomEvent, RoomRow

pytestmark = pytest.mark.skipif(not AVAILABLE, reason=SKIP_REASON)


async def _until(test: Callable[[], bool], timeout_s: float = 10.0) -> None:
    async with asyncio.timeout(timeout_s):
        while not test():
            await asyncio.sleep(0.02)


async def _cut_while(
    database: str,
    listener: PgListener,
    publish: Callable[[int], Awaitable[None]],
) -> int:
    """Publish 10 messages, terminate the listener's backend, publish 10 while it is deaf (it
    cannot reconnect before its first backoff), 10 after it listens again; returns how many."""
    sent = 0
    for _ in range(10):
        await publish(sent)
        sent += 1
    old_pid = listener.backend_pid
    killer = await asyncpg.connect(database)
    try:
        assert await killer.fetchval("SELECT pg_terminate_backend($1)", old_pid)
    finally:
        await killer.close()
    cut_at = time.monotonic()
    await _until(lambda: not listener.connected.is_set())
    for _ in range(10):
        await publish(sent)
        sent += 1
    await asyncio.wait_for(listener.connected.wait(), 10)
    print(f"listening again {time.monotonic() - cut_at:.3f} s after the backend was terminated")
    assert listener.backend_pid != old_pid
    for _ in range(10):
        await publish(sent)
        sent += 1
    return sent


def test_the_live_bus_listens_again_and_misses_nothing(shared_database: str) -> None:
    channel = f"share:T{secrets.token_hex(4)}"
    viewers = f"viewers:{channel}"

    async def scenario() -> None:
        here = PostgresLiveBus(shared_database, keep_s=600)
        there = PostgresLiveBus(shared_database, keep_s=600)  # another instance publishes
        await here.start()
        await there.start()
        try:
            got: list[tuple[int, str]] = []
            here.follow(channel, lambda message_id, text: got.append((message_id, text)))
            watching = here.subscribe(viewers)
            await here.announce(viewers)
            assert await there.audience(viewers) == 1

            def text(i: int) -> str:
                # Message 15 (published while deaf) is too large for a NOTIFY payload.
                return json.dumps({"seq": i, "pad": "x" * (9000 if i == 15 else 0)})

            async def publish(i: int) -> None:
                await there.publish(channel, text(i))

            sent = await _cut_while(shared_database, here.listener, publish)
            await _until(lambda: len(got) >= sent)
            await asyncio.sleep(0.2)  # anything handed over twice would show by now
            assert [t for _, t in got] == [text(i) for i in range(sent)]
            assert len(text(15)) > NOTIFY_PAYLOAD_BYTES
            assert [i for i, _ in got] == sorted(i for i, _ in got)
            assert here.listener.reconnects == 1
            # The viewer still counts on every instance: presence moved to the new backend.
            assert await there.audience(viewers) == 1
            watching.close()
            await here.announce(viewers)
            assert await there.audience(viewers) == 0
        finally:
            await here.stop()
            await there.stop()

    asyncio.run(scenario())


def test_the_rooms_bus_listens_again_and_misses_nothing(shared_database: str) -> None:
    code = f"T{secrets.token_hex(4).upper()}"

    async def scenario() -> None:
        got: list[str] = []

        async def on_event(event: RoomEvent) -> None:
            if event.code == code:
                got.append(event.text)

        async def ignore(event: RoomEvent) -> None:
            return None

        here, there = PostgresRoomBus(shared_database), PostgresRoomBus(shared_database)
        await here.start(on_event)
        await there.start(ignore)
        try:
            assert await there.create(RoomRow(code, "secret", 4e9, 0))

            async def publish(i: int) -> None:
                await there.publish(RoomEvent(code, "message", "there", f"message {i}"))

            sent = await _cut_while(shared_database, here.listener, publish)
            await _until(lambda: len(got) >= sent)
            await asyncio.sleep(0.2)
            assert got == [f"message {i}" for i in range(sent)]
            assert here.listener.reconnects == 1
            await there.delete(code)
        finally:
            await here.stop()
            await there.stop()

    asyncio.run(scenario())
