"""The per-address token bucket (time is an argument)."""

from __future__ import annotations

import pytest

from callcheck.server.limits import RateLimiter


def test_burst_then_one_request_per_refill_interval() -> None:
    limiter = RateLimiter(60)  # one per second, burst of 60
    assert all(limiter.check("a", 0.0) == 0.0 for _ in range(60))
    wait = limiter.check("a", 0.0)
    assert wait == pytest.approx(1.0)
    assert limiter.check("a", 1.0) == 0.0


def test_addresses_are_limited_separately() -> None:
    limiter = RateLimiter(2)
    limiter.check("a", 0.0)
    limiter.check("a", 0.0)
    assert limiter.check("a", 0.0) > 0
    assert limiter.check("b", 0.0) == 0.0


def test_memory_is_bounded() -> None:
    limiter = RateLimiter(10, max_addresses=100)
    for i in range(1000):
        limiter.check(f"10.0.{i // 256}.{i % 256}", 0.0)
    assert len(limiter) <= 100
    limiter.check("x", 3600.0)  # an hour later every bucket is full again: all forgotten
    assert len(limiter) == 1
