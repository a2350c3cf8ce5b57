"""``max_calls`` across the workers of one server: the server's cap and each worker's share.

With ``--workers N`` two limits hold at once:

* **each worker's share**, ``ceil(max_calls / N)`` (the worker's own ``max_calls``, checked by
  the reflector and the probes as in one process): a worker is one core, and one that took
  every call would be the bottleneck while the others idle. The kernel spreads connections
  over the workers (``SO_REUSEPORT``) without looking at their load, so a worker at its share
  refuses with the same ``503`` + ``Retry-After`` as a full server; the client's retry opens a
  new connection, which the kernel most likely hands to another worker.
* **the server's cap**, ``max_calls`` exactly (not ``N × share``): every worker writes its load
  (calls, open probes and offers being answered) into one slot of an array shared with its
  siblings (:class:`multiprocessing.Array`, set up by the supervisor); a new call is admitted
  only when the sum is below the cap, under the array's lock, and is reserved in the worker's
  slot at once, so two workers cannot both take the last place. A worker refreshes its slot
  every :data:`REFRESH_S` too, so a call that ended elsewhere frees its place for the others
  within that time.

Refusals are counted in ``callcheck_capacity_refusals_total{limit="worker_share"|"server"}``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any, Final

__all__ = ["REFRESH_S", "SharedCallCap"]

#: How often a worker writes its load into its slot when nothing else does, s.
REFRESH_S: Final = 0.5


class SharedCallCap:
    """The server's ``max_calls`` over every worker's slot of a shared array."""

    def __init__(self, max_calls: int, loads: Any, index: int, load: Callable[[], int]) -> None:
        self.max_calls = max_calls
        """The whole server's cap."""
        self._loads = loads
        self._index = index
        self._load = load
        self._reserved = 0
        self._refresher: asyncio.Task[None] | None = None

    def total(self) -> int:
        """Calls and probes on every worker (this one's figure fresh, the others' at most
        :data:`REFRESH_S` old)."""
        with self._loads.get_lock():
            self._write()
            return int(sum(self._loads))

    def try_reserve(self) -> bool:
        """Take a place for one new call or probe; ``False`` when the server is full. Give
        it back with :meth:`release` once the call is open (or failed)."""
        with self._loads.get_lock():
            self._write()
            if sum(self._loads) >= self.max_calls:
                return False
            self._reserved += 1
            self._write()
            return True

    def release(self) -> None:
        """The reserved place is now counted by the worker's own load (or not needed)."""
        with self._loads.get_lock():
            self._reserved -= 1
            self._write()

    def _write(self) -> None:
        self._loads[self._index] = self._load() + self._reserved

    def start(self) -> None:
        """Keep this worker's slot fresh while it runs."""
        self._refresher = asyncio.get_running_loop().create_task(
            self._refresh_forever(), name="call-cap"
        )

    async def stop(self) -> None:
        """Stop refreshing; this worker's slot goes back to zero."""
        if self._refresher is not None:
            self._refresher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._refresher
        with self._loads.get_lock():
            self._loads[self._index] = 0

    async def _refresh_forever(self) -> None:
        while True:
            await asyncio.sleep(REFRESH_S)
            with self._loads.get_lock():
                self._write()
