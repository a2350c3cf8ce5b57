"""The capacity and QoS probe endpoint of `callcheck serve`.

HTTP contract (mounted by :mod:`callcheck.server.app`; Bearer token and the per-address rate
limit as for ``/whip``)
=============================================  =====================================================
``POST /probe``                                open a probe → ``201`` ``{probe_id, udp_port, token,
                                               expires_s, max_burst_kbps, max_burst_ms}`` and a
                                               ``Location: /probe/<id>``; a UDP socket is opened
                                               on the address the request came in on, with
                                               ``IP_RECVTOS`` / ``IPV6_RECVTCLASS``
``GET /probe/<id>``                            what arrived: ``{packets: {fields, rows}, count,
                                               bytes, dscp_received, …}``; ``?summary=1`` leaves
                                               the rows out
``POST /probe/<id>/burst``                     JSON ``{rate_kbps, duration_ms, size_bytes}`` →
                                               ``202``: a paced downlink burst, marked EF, to the
                                               UDP address the client's datagrams came from
``DELETE /probe/<id>``                         close it → ``200``
=============================================  =====================================================

Datagrams (:mod:`callcheck.engine.probe_wire`): ``TOKEN|SEQ|SEND_MS|FLAGS|PAD``. The reflector
records the arrival time (its monotonic clock, ms since the probe opened), the IP size and the
TOS byte of each, and answers those flagged echo at once, marked EF, so the client measures RTT
while it loads the link. Datagrams with a wrong token, or from another IP address than the one
that opened the probe, are counted and ignored: the probe never sends to anyone else.

Limits: a probe lives :data:`PROBE_TTL_S` (capped by ``max_session_s``) and then closes its
socket; open probes count with reflected calls against ``max_calls`` (both ways: a WHIP offer
is refused while probes fill the slots) and at most :data:`MAX_PROBES_PER_ADDRESS` per client
(an IPv4 address or an IPv6 /64); a burst is at most :data:`MAX_BURST_KBPS`
for :data:`MAX_BURST_MS`, :data:`MAX_BURSTS_PER_PROBE` per probe, one at a time, and at most
:data:`MAX_CONCURRENT_BURSTS` on the server. At most :data:`MAX_RECORDED_PACKETS` datagrams are
kept per probe (more are only counted).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import json
import logging
import math
import secrets
import socket
import time
from collections import Counter
from collections.abc import Callable
from typing import Any, Final

from aiohttp import web

from callcheck.engine.probe_wire import (
    FLAG_DOWNLINK,
    FLAG_ECHO,
    IPV4_UDP_OVERHEAD,
    IPV6_UDP_OVERHEAD,
    MAX_DATAGRAM_BYTES,
    MIN_DATAGRAM_BYTES,
    encode,
    parse,
    reply_to,
)
from callcheck.engine.qos import (
    TOS_ANCILLARY_BYTES,
    enable_tos_reception,
    mark_socket,
    tos_from_ancillary,
)
from callcheck.server.capacity import SharedCallCap
from callcheck.server.config import ServerConfig
from callcheck.server.limits import client_key
from callcheck.server.metrics import ServerMetrics

__all__ = [
    "MAX_BURST_KBPS",
    "MAX_BURST_MS",
    "PROBE_TTL_S",
    "ProbeService",
    "ProbeSession",
]

logger = logging.getLogger(__name__)

#: Seconds a probe stays open (its socket closes then).
PROBE_TTL_S: Final = 30.0
#: Fastest downlink burst, kbit/s on the wire.
MAX_BURST_KBPS: Final = 20_000
#: Longest downlink burst.
MAX_BURST_MS: Final = 3_000
#: Bursts one probe may ask for.
MAX_BURSTS_PER_PROBE: Final = 3
#: Bursts running at once on the whole server.
MAX_CONCURRENT_BURSTS: Final = 4
#: Open probes per client address.
MAX_PROBES_PER_ADDRESS: Final = 2
#: Datagrams recorded per probe (the rest are counted only).
MAX_RECORDED_PACKETS: Final = 20_000
#: Largest request body accepted on the probe endpoints.
MAX_BODY_BYTES: Final = 4096
#: Pacing tick of a burst.
_BURST_TICK_S: Final = 0.002
_RECV_BUFFER: Final = 2048
_JSON: Final = "application/json"

#: Builds the HTTP error the application's middleware turns into a JSON response:
#: ``(status, kind, message, headers)``.
ErrorFactory = Callable[[int, str, str, dict[str, str] | None], Exception]


def _same_ip(a: str, b: str) -> bool:
    try:
        x, y = ipaddress.ip_address(a.split("%")[0]), ipaddress.ip_address(b.split("%")[0])
    except ValueError:
        return a == b
    if isinstance(x, ipaddress.IPv6Address) and x.ipv4_mapped is not None:
        x = x.ipv4_mapped
    if isinstance(y, ipaddress.IPv6Address) and y.ipv4_mapped is not None:
        y = y.ipv4_mapped
    return x == y


class ProbeSession:
    """One open probe: its UDP socket and what arrived on it."""

    def __init__(
        self,
        probe_id: str,
        client_ip: str,
        sock: socket.socket,
        ttl_s: float,
        metrics: ServerMetrics,
        on_closed: Callable[[ProbeSession], None],
    ) -> None:
        self.id = probe_id
        self.token = secrets.token_urlsafe(12)
        self._token_bytes = self.token.encode()
        self.client_ip = client_ip
        self.sock = sock
        self.ttl_s = ttl_s
        self.opened_s = time.monotonic()
        self._metrics = metrics
        self._on_closed = on_closed
        self._overhead = IPV6_UDP_OVERHEAD if sock.family == socket.AF_INET6 else IPV4_UDP_OVERHEAD
        self.rows: list[tuple[int, float, int, int | None, int]] = []
        """(seq, arrival ms since opened, IP bytes, TOS or None, flags) per recorded datagram."""
        self.count = 0
        self.bytes = 0
        self.tos_counts: Counter[int] = Counter()
        self.echoed = 0
        self.rejected = 0
        self.send_errors = 0
        self.client_addr: tuple[Any, ...] | None = None
        self.bursts = 0
        self.burst_task: asyncio.Task[None] | None = None
        self.burst_sent = 0
        self.closed = False
        self._reader = False
        self._recv_task: asyncio.Task[None] | None = None
        loop = asyncio.get_running_loop()
        try:
            loop.add_reader(sock.fileno(), self._readable)
            self._reader = True
        except NotImplementedError:  # pragma: no cover - Windows proactor loop
            self._recv_task = loop.create_task(self._recv_loop())
        self._expiry = loop.call_later(ttl_s, self._expire)

    # ------------------------------------------------------------------ receiving

    def _now_ms(self) -> float:
        return (time.monotonic() - self.opened_s) * 1000.0

    def _readable(self) -> None:
        recvmsg = getattr(self.sock, "recvmsg", None)
        for _ in range(64):  # bounded per wake-up so one probe cannot starve the loop
            try:
                if recvmsg is not None:
                    data, anc, _flags, addr = recvmsg(_RECV_BUFFER, TOS_ANCILLARY_BYTES)
                    tos = tos_from_ancillary(anc)
                else:  # pragma: no cover - no recvmsg (Windows)
                    data, addr = self.sock.recvfrom(_RECV_BUFFER)
                    tos = None
            except (BlockingIOError, InterruptedError):
                return
            except OSError:  # e.g. ICMP port unreachable reported on the socket
                self.send_errors += 1
                return
            self._datagram(data, addr, tos)

    async def _recv_loop(self) -> None:  # pragma: no cover - Windows proactor loop
        loop = asyncio.get_running_loop()
        while not self.closed:
            try:
                data, addr = await loop.sock_recvfrom(self.sock, _RECV_BUFFER)
            except OSError:
                await asyncio.sleep(0.01)  # closed socket (the loop ends) or an ICMP error
                continue
            self._datagram(data, addr, None)

    def _datagram(self, data: bytes, addr: tuple[Any, ...], tos: int | None) -> None:
        arrival_ms = self._now_ms()
        if not _same_ip(str(addr[0]), self.client_ip):
            self.rejected += 1
            return
        parsed = parse(data)
        if parsed is None or not hmac.compare_digest(parsed.token, self._token_bytes):
            self.rejected += 1
            return
        self.client_addr = addr
        self.count += 1
        size = len(data) + self._overhead
        self.bytes += size
        self._metrics.probe_packets_total += 1
        if tos is not None:
            self.tos_counts[tos] += 1
        if len(self.rows) < MAX_RECORDED_PACKETS:
            self.rows.append((parsed.seq, round(arrival_ms, 3), size, tos, parsed.flags))
        if parsed.flags & FLAG_ECHO:
            self._send(reply_to(data, parsed, tos), addr)
            self.echoed += 1

    def _send(self, data: bytes, addr: tuple[Any, ...]) -> bool:
        try:
            self.sock.sendto(data, addr)
            return True
        except OSError:  # full send buffer, ICMP error: a lost probe packet, not a failure
            self.send_errors += 1
            return False

    # ------------------------------------------------------------------ downlink burst

    async def burst(self, rate_kbps: float, duration_ms: float, size_bytes: int) -> None:
        """Send ``FLAG_DOWNLINK`` datagrams to the client at ``rate_kbps`` for ``duration_ms``."""
        addr = self.client_addr
        assert addr is not None
        wire = size_bytes + self._overhead
        interval_ms = wire * 8.0 / rate_kbps  # ms per datagram
        total = max(1, int(duration_ms / interval_ms))
        start_ms = self._now_ms()
        seq = 0
        try:
            while seq < total and not self.closed:
                due = min(total, int((self._now_ms() - start_ms) / interval_ms) + 1)
                while seq < due:
                    data = encode(self._token_bytes, seq, self._now_ms(), FLAG_DOWNLINK, size_bytes)
                    if self._send(data, addr):
                        self.burst_sent += 1
                    seq += 1
                await asyncio.sleep(_BURST_TICK_S)
        finally:
            self._metrics.probe_burst_packets_total += seq

    # ------------------------------------------------------------------ report, close

    def summary(self) -> dict[str, Any]:
        """The probe's counts and the DSCP that arrived."""
        dscp_counts: Counter[int] = Counter()
        for tos, n in self.tos_counts.items():
            dscp_counts[tos >> 2] += n
        dominant = (
            max(dscp_counts.items(), key=lambda kv: (kv[1], -kv[0]))[0] if dscp_counts else None
        )
        return {
            "probe_id": self.id,
            "count": self.count,
            "bytes": self.bytes,
            "recorded": len(self.rows),
            "truncated": self.count > len(self.rows),
            "dscp_received": dominant,
            "dscp_counts": {str(d): n for d, n in sorted(dscp_counts.items())},
            "echoed": self.echoed,
            "rejected": self.rejected,
            "burst_sent": self.burst_sent,
            "bursts": self.bursts,
            "burst_running": self.burst_task is not None and not self.burst_task.done(),
            "client_seen": self.client_addr is not None,
            "expires_s": round(max(0.0, self.ttl_s - (time.monotonic() - self.opened_s)), 1),
        }

    def status(self, *, rows: bool) -> dict[str, Any]:
        """``GET /probe/<id>``."""
        out = self.summary()
        if rows:
            out["packets"] = {
                "fields": ["seq", "arrival_ms", "size", "tos", "flags"],
                "rows": [list(r) for r in self.rows],
            }
        return out

    def _expire(self) -> None:
        self.close("expired")

    def close(self, reason: str = "closed") -> None:
        """Stop the burst, close the socket (idempotent)."""
        if self.closed:
            return
        self.closed = True
        self._expiry.cancel()
        if self.burst_task is not None:
            self.burst_task.cancel()
        if self._recv_task is not None:
            self._recv_task.cancel()
        if self._reader:
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_reader(self.sock.fileno())
        self.sock.close()
        logger.debug("probe %s closed (%s)", self.id, reason)
        self._on_closed(self)


class ProbeService:
    """The ``/probe`` endpoints and their sessions."""

    def __init__(
        self,
        config: ServerConfig,
        metrics: ServerMetrics,
        *,
        error: ErrorFactory,
        require_token: Callable[[web.Request], None],
        active_calls: Callable[[], int],
    ) -> None:
        self._config = config
        self._metrics = metrics
        self._error = error
        self._require_token = require_token
        self._active_calls = active_calls
        self.id_prefix = ""
        self.call_cap: SharedCallCap | None = None
        """The server's cap shared by its workers (one worker of several), or ``None``."""
        """Put in front of every probe id: the worker that owns it (server.workers)."""
        self._sessions: dict[str, ProbeSession] = {}
        self.ttl_s = min(PROBE_TTL_S, config.max_session_s)
        metrics.active_probes = self.active

    def active(self) -> int:
        """Open probes."""
        return len(self._sessions)

    def mount(self, app: web.Application) -> None:
        """Add the routes and close every probe at shutdown."""
        app.router.add_post("/probe", self.post)
        app.router.add_get("/probe/{probe_id}", self.get)
        app.router.add_delete("/probe/{probe_id}", self.delete)
        app.router.add_post("/probe/{probe_id}/burst", self.post_burst)

        async def on_shutdown(app: web.Application) -> None:
            self.close_all()

        app.on_shutdown.append(on_shutdown)

    def close_all(self) -> None:
        """Close every probe."""
        for session in list(self._sessions.values()):
            session.close("server_shutdown")

    def _err(
        self, status: int, kind: str, message: str, headers: dict[str, str] | None = None
    ) -> Exception:
        return self._error(status, kind, message, headers)

    def _session(self, request: web.Request) -> ProbeSession:
        session = self._sessions.get(request.match_info["probe_id"])
        if session is None:
            raise self._err(404, "not_found", "no such probe (it expired, or never existed)")
        return session

    def _same_client(self, request: web.Request, session: ProbeSession) -> None:
        if not _same_ip(request.remote or "", session.client_ip):
            raise self._err(403, "forbidden", "only the address that opened the probe may use it")

    # ------------------------------------------------------------------ handlers

    async def post(self, request: web.Request) -> web.StreamResponse:
        """Open a probe (``POST /probe``)."""
        self._require_token(request)
        remote = request.remote
        if not remote:
            raise self._err(400, "bad_request", "the client address is unknown")
        if self.active() + self._active_calls() >= self._config.max_calls:
            self._metrics.capacity_refused("worker_share" if self.call_cap else "server")
            raise self._err(
                503,
                "over_capacity",
                f"the server is running its maximum of {self._config.max_calls} tests"
                if self.call_cap is None
                else f"this worker is running its share ({self._config.max_calls}) of the "
                "server's tests; try again (a new connection may reach another worker)",
                {"Retry-After": "10"},
            )
        cap = self.call_cap
        if cap is not None and not cap.try_reserve():
            self._metrics.capacity_refused("server")
            raise self._err(
                503,
                "over_capacity",
                f"the server is running its maximum of {cap.max_calls} tests",
                {"Retry-After": "10"},
            )
        try:
            return self._open(request, remote)
        finally:
            if cap is not None:
                cap.release()

    def _open(self, request: web.Request, remote: str) -> web.StreamResponse:
        # Per client as the rate limit counts them: an IPv4 address or an IPv6 /64.
        key = client_key(remote)
        mine = sum(1 for s in self._sessions.values() if client_key(s.client_ip) == key)
        if mine >= MAX_PROBES_PER_ADDRESS:
            raise self._err(
                429,
                "rate_limited",
                f"at most {MAX_PROBES_PER_ADDRESS} probes per address at a time",
                {"Retry-After": str(math.ceil(self.ttl_s))},
            )
        sockname = request.transport.get_extra_info("sockname") if request.transport else None
        local: tuple[Any, ...] = tuple(sockname) if sockname else (self._config.host,)
        try:
            sock = _open_socket(local)
        except OSError as exc:
            logger.warning("probe socket on %s failed: %s", local, exc)
            raise self._err(
                503, "over_capacity", "the probe socket could not be opened", None
            ) from None
        probe_id = self.id_prefix + secrets.token_urlsafe(12)
        session = ProbeSession(probe_id, remote, sock, self.ttl_s, self._metrics, self._closed)
        self._sessions[probe_id] = session
        self._metrics.probes_total += 1
        return web.json_response(
            {
                "probe_id": probe_id,
                "udp_port": sock.getsockname()[1],
                "token": session.token,
                "expires_s": self.ttl_s,
                "max_burst_kbps": MAX_BURST_KBPS,
                "max_burst_ms": MAX_BURST_MS,
            },
            status=201,
            headers={"Location": f"/probe/{probe_id}"},
        )

    def _closed(self, session: ProbeSession) -> None:
        self._sessions.pop(session.id, None)

    async def get(self, request: web.Request) -> web.StreamResponse:
        """What arrived (``GET /probe/<id>``)."""
        self._require_token(request)
        session = self._session(request)
        summary_only = request.query.get("summary", "").lower() in ("1", "true", "yes")
        return web.json_response(session.status(rows=not summary_only))

    async def delete(self, request: web.Request) -> web.StreamResponse:
        """Close a probe (``DELETE /probe/<id>``)."""
        self._require_token(request)
        session = self._session(request)
        self._same_client(request, session)
        session.close("deleted")
        return web.Response(status=200)

    async def post_burst(self, request: web.Request) -> web.StreamResponse:
        """Start a downlink burst (``POST /probe/<id>/burst``)."""
        self._require_token(request)
        session = self._session(request)
        self._same_client(request, session)
        body = await self._json_body(request)
        rate = _number(body, "rate_kbps", 1.0, MAX_BURST_KBPS, self._err)
        duration = _number(body, "duration_ms", 10.0, MAX_BURST_MS, self._err)
        size = int(_number(body, "size_bytes", MIN_DATAGRAM_BYTES, MAX_DATAGRAM_BYTES, self._err))
        if session.client_addr is None:
            raise self._err(
                409,
                "conflict",
                "no datagram from you has arrived on the probe's UDP port yet: send one first "
                "(UDP may be blocked)",
            )
        if session.burst_task is not None and not session.burst_task.done():
            raise self._err(409, "conflict", "a burst is already running on this probe")
        if session.bursts >= MAX_BURSTS_PER_PROBE:
            raise self._err(429, "rate_limited", f"at most {MAX_BURSTS_PER_PROBE} bursts per probe")
        running = sum(
            1
            for s in self._sessions.values()
            if s.burst_task is not None and not s.burst_task.done()
        )
        if running >= MAX_CONCURRENT_BURSTS:
            raise self._err(
                503, "over_capacity", "too many bursts running; try again", {"Retry-After": "5"}
            )
        session.bursts += 1
        session.burst_task = asyncio.get_running_loop().create_task(
            session.burst(rate, duration, size), name=f"probe-burst-{session.id}"
        )
        return web.json_response(
            {"rate_kbps": rate, "duration_ms": duration, "size_bytes": size}, status=202
        )

    async def _json_body(self, request: web.Request) -> dict[str, Any]:
        length = request.content_length
        if length is not None and length > MAX_BODY_BYTES:
            raise self._err(413, "too_large", f"the body is larger than {MAX_BODY_BYTES} bytes")
        if request.content_type != _JSON:
            raise self._err(
                415, "unsupported_media_type", f"send the burst parameters as {_JSON}", None
            )
        try:
            async with asyncio.timeout(self._config.request_timeout_s):
                raw = await request.content.read(MAX_BODY_BYTES + 1)
        except TimeoutError:
            raise self._err(408, "timeout", "the body did not arrive in time") from None
        if len(raw) > MAX_BODY_BYTES:
            raise self._err(413, "too_large", f"the body is larger than {MAX_BODY_BYTES} bytes")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise self._err(400, "bad_request", "the body is not JSON") from None
        if not isinstance(data, dict):
            raise self._err(400, "bad_request", "the body must be a JSON object")
        return data


def _number(
    body: dict[str, Any], key: str, low: float, high: float, err: Callable[..., Exception]
) -> float:
    value = body.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise err(400, "bad_request", f"{key} must be a number", None)
    value = float(value)
    if not math.isfinite(value) or not low <= value <= high:
        raise err(400, "bad_request", f"{key} must be between {low:g} and {high:g}", None)
    return value


def _open_socket(local: tuple[Any, ...]) -> socket.socket:
    """A non-blocking UDP socket on the address of ``local`` (a sockname; any port) that reports
    the TOS of what arrives and marks what it sends EF."""
    host = str(local[0])
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    address: tuple[Any, ...] = (host, 0)
    if family == socket.AF_INET6:
        address = (host, 0, 0, local[3] if len(local) >= 4 else 0)
    sock = socket.socket(family, socket.SOCK_DGRAM)
    try:
        sock.setblocking(False)
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        sock.bind(address)
        with contextlib.suppress(OSError):
            enable_tos_reception(sock)
        with contextlib.suppress(OSError):
            mark_socket(sock)
    except BaseException:
        sock.close()
        raise
    return sock
