"""Per-client-address request rate limiting (a token bucket per address).

Each address may make ``per_minute`` requests in a burst and then one every ``60/per_minute``
seconds. Memory is bounded: idle addresses whose bucket has refilled are forgotten, and at most
``max_addresses`` are tracked (the oldest is dropped first), so a spoofed-source flood cannot grow
the table without limit. Time is an argument (``now_s``, monotonic seconds).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Final

__all__ = ["RateLimiter"]

#: Addresses tracked at most.
MAX_ADDRESSES: Final = 100_000


class RateLimiter:
    """Token buckets keyed by client address."""

    def __init__(self, per_minute: int, *, max_addresses: int = MAX_ADDRESSES) -> None:
        if per_minute <= 0:
            raise ValueError("per_minute must be positive")
        self._capacity = float(per_minute)
        self._refill_per_s = per_minute / 60.0
        self._max_addresses = max_addresses
        # address -> (tokens, last update s); ordered by last use.
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._buckets)

    def check(self, address: str, now_s: float) -> float:
        """Take one token for ``address``: 0.0 if allowed, else seconds until one is available."""
        tokens, last_s = self._buckets.pop(address, (self._capacity, now_s))
        tokens = min(self._capacity, tokens + (now_s - last_s) * self._refill_per_s)
        if tokens >= 1.0:
            self._buckets[address] = (tokens - 1.0, now_s)
            retry_s = 0.0
        else:
            self._buckets[address] = (tokens, now_s)
            retry_s = (1.0 - tokens) / self._refill_per_s
        self._prune(now_s)
        return retry_s

    def _prune(self, now_s: float) -> None:
        while len(self._buckets) > self._max_addresses:
            self._buckets.popitem(last=False)
        # Forget the least recently used addresses whose buckets are full again.
        full_after_s = self._capacity / self._refill_per_s
        while self._buckets:
            address, (_tokens, last_s) = next(iter(self._buckets.items()))
            if now_s - last_s < full_after_s:
                break
            del self._buckets[address]
