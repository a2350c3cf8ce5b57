"""Limits on what clients can make the server do: requests, log lines, and what the log says.

Request rate (:class:`RateLimiter`)
    A token bucket per client: ``per_minute`` requests in a burst, then one every
    ``60/per_minute`` seconds. The client is its IPv4 address, or its IPv6 **/64** prefix
    (:func:`client_key`): one subscriber usually holds a whole /64 (RFC 6177), so keying on
    the full IPv6 address would give one client 2⁶⁴ buckets. Memory is bounded: idle clients
    whose bucket has refilled are forgotten, and at most ``max_addresses`` are tracked (the
    oldest is dropped first). Time is an argument (``now_s``, monotonic seconds).

Log rate (:class:`LogRateLimit`)
    Warnings and errors from the server's loggers (and aiohttp's) pass through one token bucket
    of ``error_logs_per_minute``; the rest are dropped and counted in
    ``callcheck_log_records_suppressed_total``, so a flood of malformed requests cannot flood
    the log or the disk. aiohttp's "Error handling request" for a malformed request (bad client
    input, answered 400 by aiohttp itself) loses its traceback: it is not a server bug.

Secrets never in the log (:class:`RedactingAccessLogger`)
    The access log writes the request line with the values of ``access_token``, ``token`` and
    ``secret`` query parameters replaced by ``REDACTED`` (a WebSocket passes the bearer token as
    ``?access_token=``, RFC 6750 §2.3, and RFC 6750 §5.3 warns that URLs end up in logs), and the
    capability parts of paths shortened: a WHIP session id (its URL is its secret), a probe id,
    a room code and a live-view code keep only their first two characters (enough to tell log
    lines apart, not enough to guess with: a code keeps 34 of its 43 bits secret).
"""

from __future__ import annotations

import ipaddress
import logging
import re
from collections import OrderedDict
from collections.abc import Callable
from typing import Final
from urllib.parse import parse_qsl, quote, urlencode

from aiohttp.abc import AbstractAccessLogger
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.web_protocol import RequestPayloadError
from aiohttp.web_request import BaseRequest
from aiohttp.web_response import StreamResponse

from callcheck.server.metrics import ServerMetrics

__all__ = [
    "REDACTED",
    "LogRateLimit",
    "RateLimiter",
    "RedactingAccessLogger",
    "client_key",
    "plain_error",
    "redact_target",
]

#: Addresses tracked at most.
MAX_ADDRESSES: Final = 100_000
#: IPv6 prefix length treated as one client (RFC 6177: a site gets a /48–/64).
IPV6_CLIENT_PREFIX: Final = 64
#: What a secret is replaced with in the log.
REDACTED: Final = "REDACTED"
#: Query parameters whose values are secrets.
SECRET_PARAMETERS: Final = frozenset({"access_token", "token", "secret"})
#: Characters of a capability path segment kept in the log.
KEPT_CHARS: Final = 2
#: Loggers whose warnings and errors share the log budget.
LIMITED_LOGGERS: Final = (
    "aiohttp.server",
    "aiohttp.web",
    "aiohttp.websocket",
    "callcheck.server.app",
    "callcheck.server.reflector",
    "callcheck.server.rooms",
    "callcheck.server.probe",
    "callcheck.server.live.api",
)

_CAPABILITY_PATH: Final = re.compile(r"^/(whip|rooms|probe|live)/([^/?]+)")


def plain_error(exc: BaseException) -> str:
    """An aiohttp error's message on one line, without its ``400, message:`` prefix."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return re.sub(r"^\d{3}, message:\s*", "", text)[:200]


def client_key(remote: str | None) -> str:
    """The rate-limit key of a client address: IPv4 as is, IPv6 by its /64."""
    if not remote:
        return "unknown"
    try:
        address = ipaddress.ip_address(remote.split("%", 1)[0])
    except ValueError:
        return remote
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        network = ipaddress.IPv6Network((address, IPV6_CLIENT_PREFIX), strict=False)
        return str(network)
    return str(address)


def redact_target(target: str) -> str:
    """A request target (path and query) as the log may show it (module docstring)."""
    path, sep, query = target.partition("?")
    match = _CAPABILITY_PATH.match(path)
    if match is not None and len(match.group(2)) > KEPT_CHARS:
        start, end = match.span(2)
        path = path[:start] + match.group(2)[:KEPT_CHARS] + "..." + path[end:]
    if sep:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode(
            [(k, REDACTED if k.lower() in SECRET_PARAMETERS else v) for k, v in pairs],
            quote_via=quote,
            safe="",
        )
    return path + sep + query


class RedactingAccessLogger(AbstractAccessLogger):
    """aiohttp's access log without secrets: ``ADDRESS "METHOD TARGET" STATUS BYTES SECONDS``."""

    def log(self, request: BaseRequest, response: StreamResponse, time: float) -> None:
        self.logger.info(
            '%s "%s %s" %d %d %.6f',
            request.remote or "-",
            request.method,
            redact_target(request.raw_path),
            response.status,
            response.body_length,
            time,
        )


class LogRateLimit(logging.Filter):
    """One token bucket for the warnings and errors of :data:`LIMITED_LOGGERS`."""

    def __init__(self, per_minute: int, metrics: ServerMetrics, clock: Callable[[], float]) -> None:
        super().__init__("callcheck-log-rate-limit")
        self._capacity = float(per_minute)
        self._tokens = float(per_minute)
        self._refill_per_s = per_minute / 60.0
        self._metrics = metrics
        self._clock = clock
        self._last_s = clock()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, HttpProcessingError | RequestPayloadError):  # the client's fault
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.msg = f"{record.msg} (malformed request: {plain_error(exc)})"
        now_s = self._clock()
        self._tokens = min(
            self._capacity, self._tokens + (now_s - self._last_s) * self._refill_per_s
        )
        self._last_s = now_s
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return True
        self._metrics.log_records_suppressed_total += 1
        return False

    def install(self) -> None:
        """Attach to the limited loggers."""
        for name in LIMITED_LOGGERS:
            logging.getLogger(name).addFilter(self)

    def remove(self) -> None:
        """Detach (server stopped)."""
        for name in LIMITED_LOGGERS:
            logging.getLogger(name).removeFilter(self)


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
