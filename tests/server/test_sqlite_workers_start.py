"""Workers of one server open the same new SQLite file at the same moment.

Before: now and then one of them failed with "database is locked" while switching the file to
WAL mode, and ``serve --workers 2`` did not start (seen in the suite under load; reproduced in
18 of 200 rounds of four openers). Then the whole store's opening, as a worker does it.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from callcheck.server.store.sqlite import BUSY_TIMEOUT_S, SqliteStore, _use_wal

OPENERS = 4


def _together(job: Callable[[], None]) -> list[BaseException]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            job()
        except BaseException as error:  # collected: the assertion names them
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(OPENERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_switching_a_new_file_to_wal_together_never_fails(tmp_path: Path) -> None:
    for round_ in range(100):
        path = tmp_path / f"wal-{round_}.sqlite3"
        start = threading.Barrier(OPENERS)

        def switch(path: Path = path, start: threading.Barrier = start) -> None:
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            try:
                start.wait()
                _use_wal(db)
                assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            finally:
                db.close()

        assert _together(switch) == [], f"round {round_}"


def test_workers_opening_a_new_store_together_all_start(tmp_path: Path) -> None:
    for round_ in range(10):
        path = tmp_path / f"store-{round_}.sqlite3"

        def open_and_close(path: Path = path) -> None:
            async def scenario() -> None:
                store = SqliteStore(path, clock=lambda: datetime.now(UTC), retention_days=30)
                await store.open()
                await store.close()

            asyncio.run(scenario())

        assert _together(open_and_close) == [], f"round {round_}"
