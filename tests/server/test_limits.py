"""The per-client token bucket, the log budget and the access log's redaction (time is an
argument)."""

from __future__ import annotations

import logging

import pytest

from callcheck.server.limits import LogRateLimit, RateLimiter, client_key, redact_target
from callcheck.server.metrics import ServerMetrics


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


# ------------------------------------------------------------------------------ IPv6 per /64


@pytest.mark.parametrize(
    ("remote", "key"),
    [
        ("192.0.2.7", "192.0.2.7"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("fe80::1%eth0", "fe80::/64"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        (None, "unknown"),
    ],
    ids=["ipv4", "ipv6", "ipv6-same-64", "scoped", "v4-mapped", "none"],
)
def test_clients_are_keyed_by_ipv4_address_or_ipv6_64(remote: str | None, key: str) -> None:
    assert client_key(remote) == key


def test_an_ipv6_client_cannot_escape_the_limit_by_changing_its_interface_id() -> None:
    """Before: every address of a /64 (2⁶⁴ of them) had its own bucket."""
    limiter = RateLimiter(3)
    addresses = [f"2001:db8:0:7::{i:x}" for i in range(1, 10)]
    allowed = [limiter.check(client_key(a), 0.0) == 0.0 for a in addresses]
    assert allowed == [True] * 3 + [False] * 6
    assert limiter.check(client_key("2001:db8:0:8::1"), 0.0) == 0.0  # the next /64 is another


# ------------------------------------------------------------------------------ the log


@pytest.mark.parametrize(
    ("target", "logged"),
    [
        ("/rooms/AC7-K3M-9PX/ws?access_token=s3cret", "/rooms/AC.../ws?access_token=REDACTED"),
        (
            "/rooms/x/ws?a=1&ACCESS_TOKEN=s&token=t",
            "/rooms/x/ws?a=1&ACCESS_TOKEN=REDACTED&token=REDACTED",
        ),
        ("/whip/Zk3l0bm9tYWdpYw", "/whip/Zk..."),
        ("/probe/abcdef123/burst", "/probe/ab.../burst"),
        ("/healthz", "/healthz"),
        ("/whip", "/whip"),
    ],
    ids=["ws-token", "any-case", "whip-session", "probe", "plain", "endpoint"],
)
def test_the_access_log_target_has_no_secrets(target: str, logged: str) -> None:
    assert redact_target(target) == logged


def test_warnings_share_one_budget_that_refills(caplog: pytest.LogCaptureFixture) -> None:
    now = [0.0]
    metrics = ServerMetrics()
    limit = LogRateLimit(2, metrics, lambda: now[0])  # 2 a minute: one every 30 s
    log = logging.getLogger("callcheck.server.app")
    limit.install()
    try:
        with caplog.at_level(logging.INFO, logger="callcheck.server.app"):
            for _ in range(5):
                log.warning("bad request")
            log.info("info is never limited")
            now[0] = 30.0
            log.warning("after refill")
    finally:
        limit.remove()
    messages = [r.getMessage() for r in caplog.records]
    assert messages == ["bad request", "bad request", "info is never limited", "after refill"]
    assert metrics.log_records_suppressed_total == 3
