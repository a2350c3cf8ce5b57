"""The capacity and QoS probe against the CallCheck reflector (server mode).

Runs next to the test call, in a few seconds, only against the configured server (its
``/probe`` endpoint, then UDP to the port that gave, on the server URL's host):

1. **Idle RTT** — :data:`IDLE_PINGS` echo pings.
2. **Uplink** — a burst at increasing rates (:data:`UPLINK_RATES_KBPS`, :data:`STEP_MS` each,
   about :data:`PACKETS_PER_S` datagrams a second) with echo pings interleaved; the reflector
   timestamps every arrival, and the fastest delivered rate of a step (or of the whole burst when
   the link is so slow that a step is too thin to tell) is the available uplink bandwidth. The
   ramp stops early when the pings show a queue of :data:`OVERLOAD_RTT_MS`.
3. **Downlink** — the reflector sends a paced burst (``POST /probe/<id>/burst``) while pings
   continue; this socket timestamps what arrives.

Every datagram this side sends is marked DSCP EF; the reflector reports the DSCP that arrived
(uplink) and marks what it sends EF, read here with ``IP_RECVTOS`` (downlink). Out come a
:class:`~callcheck.core.qos.QosResult` and one :class:`~callcheck.core.capacity.CapacityResult`
per direction. A server without ``/probe`` is "not available", not an error; no outcome
raises.

:class:`RateLimitedLink` is a bottleneck emulator (a drop-tail queue served at a fixed rate) for
the what-if mode and tests: on the send side it is a slow uplink, on the receive side a slow
downlink, and its queue is what makes bufferbloat.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import socket
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

import aiohttp

from callcheck.core.capacity import CapacityResult, ProbePacket, available_kbps, capacity_result
from callcheck.core.qos import TOS_EF, QosResult
from callcheck.engine.loop import now_ms
from callcheck.engine.probe_wire import (
    FLAG_DOWNLINK,
    FLAG_ECHO,
    FLAG_REPLY,
    FLAG_UPLINK,
    IPV4_UDP_OVERHEAD,
    IPV6_UDP_OVERHEAD,
    MAX_DATAGRAM_BYTES,
    MIN_DATAGRAM_BYTES,
    encode,
    parse,
)
from callcheck.engine.qos import TOS_ANCILLARY_BYTES, enable_tos_reception, mark_socket
from callcheck.engine.qos import tos_from_ancillary as _tos_from_ancillary
from callcheck.engine.signaling import HTTP_TIMEOUT_S, auth_headers, parse_server_url, read_body

__all__ = [
    "ProbeOptions",
    "ProbeOutcome",
    "RateLimitedLink",
    "run_probe",
]

logger = logging.getLogger(__name__)

ProbeStatus = Literal["ok", "not_available", "failed", "skipped"]

#: Echo pings before any load, and their spacing.
IDLE_PINGS: Final = 10
IDLE_PING_INTERVAL_MS: Final = 40.0
#: Ping spacing under load.
LOADED_PING_INTERVAL_MS: Final = 50.0
#: The uplink ramp: rates tried in turn (kbit/s on the wire), each for STEP_MS.
UPLINK_RATES_KBPS: Final = (80.0, 200.0, 500.0, 1250.0, 3125.0, 7800.0, 19500.0)
STEP_MS: Final = 300.0
#: Datagrams per second aimed at (small datagrams at low rates, so a step has enough of them).
PACKETS_PER_S: Final = 100.0
#: Largest burst datagram (IP bytes stay under a 1500-byte MTU with IPv6).
BURST_DATAGRAM_BYTES: Final = 1200
#: The ramp stops once pings wait this much longer than idle (the link is overloaded).
OVERLOAD_RTT_MS: Final = 500.0
#: A ping unanswered this long counts as lost.
PING_TIMEOUT_MS: Final = 1000.0
#: Wait after a burst for the last datagrams (and a queue) to arrive.
DRAIN_MS: Final = 300.0
#: The whole probe gives up after this long.
PROBE_TIMEOUT_S: Final = 20.0
#: Pacing tick.
_TICK_S: Final = 0.002


@dataclass(frozen=True, slots=True)
class ProbeOptions:
    """How to probe."""

    duration_s: float = 2.0
    """Load time per direction (≤ 3 s)."""
    max_kbps: float = 20_000.0
    """Fastest rate offered in either direction."""
    uplink: bool = True
    downlink: bool = True
    tos: int = TOS_EF
    """TOS byte to mark the probe's datagrams with."""
    uplink_link: RateLimitedLink | None = None
    """Emulated bottleneck on what this side sends (what-if / tests)."""
    downlink_link: RateLimitedLink | None = None
    """Emulated bottleneck on what this side receives (what-if / tests)."""

    def __post_init__(self) -> None:
        if not 0.3 <= self.duration_s <= 3.0:
            raise ValueError("the probe's load time must be 0.3–3 s per direction")
        if not 10.0 <= self.max_kbps <= 20_000.0:
            raise ValueError("the probe's rate must be 10–20000 kbit/s")


@dataclass(frozen=True, slots=True)
class ProbeOutcome:
    """What the probe found (or why it found nothing)."""

    status: ProbeStatus
    message: str = ""
    qos: QosResult | None = None
    capacity: tuple[CapacityResult, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The report's ``environment.probe``."""
        return {"status": self.status, "message": self.message, **self.details}


class RateLimitedLink:
    """A bottleneck: datagrams leave at ``rate_kbps`` through a drop-tail queue of ``queue_ms``."""

    def __init__(self, rate_kbps: float, queue_ms: float = 200.0) -> None:
        if rate_kbps <= 0 or queue_ms < 0:
            raise ValueError("a link needs a positive rate and a non-negative queue")
        self.rate_kbps = rate_kbps
        self.queue_ms = queue_ms
        self._free_at_ms = 0.0
        self.dropped = 0
        self.passed = 0
        self._handles: set[asyncio.TimerHandle] = set()

    def submit(self, size_bytes: int, deliver: Callable[[], None]) -> bool:
        """Queue a datagram; ``deliver`` runs when it has crossed the link. False if dropped."""
        t = now_ms()
        start = max(t, self._free_at_ms)
        if start - t > self.queue_ms:
            self.dropped += 1
            return False
        self._free_at_ms = start + size_bytes * 8.0 / self.rate_kbps
        self.passed += 1
        loop = asyncio.get_running_loop()
        handle: asyncio.TimerHandle

        def fire() -> None:
            self._handles.discard(handle)
            deliver()

        handle = loop.call_at(loop.time() + (self._free_at_ms - t) / 1000.0, fire)
        self._handles.add(handle)
        return True

    def close(self) -> None:
        """Drop whatever is still queued."""
        for handle in self._handles:
            handle.cancel()
        self._handles.clear()


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def _dominant_dscp(counts: Counter[int]) -> int | None:
    if not counts:
        return None
    dscp: Counter[int] = Counter()
    for tos, n in counts.items():
        dscp[tos >> 2] += n
    return max(dscp.items(), key=lambda kv: (kv[1], -kv[0]))[0]


@dataclass
class _Ping:
    sent_ms: float
    phase: str
    rtt_ms: float | None = None


class _ProbeSocket:
    """The client's UDP socket: marked, connected to the server, reading TOS on arrival."""

    def __init__(self, sock: socket.socket, token: bytes, options: ProbeOptions) -> None:
        self.sock = sock
        self.token = token
        self.options = options
        self.overhead = IPV6_UDP_OVERHEAD if sock.family == socket.AF_INET6 else IPV4_UDP_OVERHEAD
        self.seq = 0
        self.kinds: dict[int, tuple[str, int]] = {}
        """seq → (``ping`` / ``uplink``, step) of what was sent."""
        self.pings: dict[int, _Ping] = {}
        self.downlink: list[ProbePacket] = []
        self.tos_counts: Counter[int] = Counter()
        self.send_errors = 0
        self.sent_bytes = 0
        self.phase = "idle"
        self._reader = False
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            loop.add_reader(self.sock.fileno(), self._readable)
            self._reader = True
        except NotImplementedError:  # pragma: no cover - Windows proactor loop
            self._task = loop.create_task(self._recv_loop())

    def close(self) -> None:
        if self._reader:
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_reader(self.sock.fileno())
        if self._task is not None:
            self._task.cancel()
        for link in (self.options.uplink_link, self.options.downlink_link):
            if link is not None:
                link.close()
        self.sock.close()

    # ---------------------------------------------------------------- receive

    def _readable(self) -> None:
        recvmsg = getattr(self.sock, "recvmsg", None)
        for _ in range(256):
            try:
                if recvmsg is not None:
                    data, anc, _flags, _addr = recvmsg(4096, TOS_ANCILLARY_BYTES)
                    tos = _tos_from_ancillary(anc)
                else:  # pragma: no cover - no recvmsg (Windows)
                    data, tos = self.sock.recv(4096), None
            except (BlockingIOError, InterruptedError):
                return
            except OSError:  # ICMP error reported on the connected socket
                return
            self._arrived(data, tos)

    async def _recv_loop(self) -> None:  # pragma: no cover - Windows proactor loop
        loop = asyncio.get_running_loop()
        while True:
            try:
                data = await loop.sock_recv(self.sock, 4096)
            except OSError:
                await asyncio.sleep(0.01)
                continue
            self._arrived(data, None)

    def _arrived(self, data: bytes, tos: int | None) -> None:
        link = self.options.downlink_link
        if link is not None:
            link.submit(len(data) + self.overhead, lambda: self._handle(data, tos))
        else:
            self._handle(data, tos)

    def _handle(self, data: bytes, tos: int | None) -> None:
        t = now_ms()
        parsed = parse(data)
        if parsed is None or parsed.token != self.token:
            return
        if tos is not None:
            self.tos_counts[tos] += 1
        if parsed.flags & FLAG_REPLY:
            ping = self.pings.get(parsed.seq)
            if ping is not None and ping.rtt_ms is None:
                ping.rtt_ms = t - ping.sent_ms
        elif parsed.flags & FLAG_DOWNLINK:
            self.downlink.append(ProbePacket(t, len(data) + self.overhead))

    # ---------------------------------------------------------------- send

    def send(self, flags: int, size: int, kind: str, step: int = -1) -> int:
        seq = self.seq
        self.seq += 1
        t = now_ms()
        data = encode(self.token, seq, t, flags, size)
        self.kinds[seq] = (kind, step)
        if flags & FLAG_ECHO:
            self.pings[seq] = _Ping(t, self.phase)
        link = self.options.uplink_link
        if link is not None:
            link.submit(len(data) + self.overhead, lambda: self._send_now(data))
        else:
            self._send_now(data)
        return seq

    def _send_now(self, data: bytes) -> None:
        try:
            self.sock.send(data)
            self.sent_bytes += len(data)
        except OSError:  # a full buffer or an ICMP error: the datagram is lost
            self.send_errors += 1

    def ping(self) -> None:
        self.send(FLAG_ECHO, MIN_DATAGRAM_BYTES, "ping")

    def rtts(self, phase: str) -> list[float]:
        return [p.rtt_ms for p in self.pings.values() if p.phase == phase and p.rtt_ms is not None]

    def overloaded(self, idle_ms: float | None) -> bool:
        """Pings show a long queue, or have gone unanswered too long."""
        t = now_ms()
        for p in self.pings.values():
            if p.phase != self.phase:
                continue
            if p.rtt_ms is None and t - p.sent_ms > PING_TIMEOUT_MS:
                return True
            if p.rtt_ms is not None and p.rtt_ms > (idle_ms or 0.0) + OVERLOAD_RTT_MS:
                return True
        return False


class _Pinger:
    """Echo pings every ``interval_ms`` until stopped."""

    def __init__(self, probe: _ProbeSocket, interval_ms: float) -> None:
        self._probe = probe
        self._interval_s = interval_ms / 1000.0
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> _Pinger:
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    async def _run(self) -> None:
        while True:
            self._probe.ping()
            await asyncio.sleep(self._interval_s)


def _datagram_size(rate_kbps: float, overhead: int) -> int:
    """Payload bytes for about PACKETS_PER_S datagrams a second at ``rate_kbps``."""
    ip_bytes = rate_kbps * 1000.0 / 8.0 / PACKETS_PER_S
    return int(min(BURST_DATAGRAM_BYTES, max(MIN_DATAGRAM_BYTES, ip_bytes - overhead)))


async def _paced(probe: _ProbeSocket, rate_kbps: float, duration_ms: float, step: int) -> None:
    size = _datagram_size(rate_kbps, probe.overhead)
    interval_ms = (size + probe.overhead) * 8.0 / rate_kbps
    start = now_ms()
    sent = 0
    while (elapsed := now_ms() - start) < duration_ms:
        due = int(elapsed / interval_ms) + 1
        while sent < due:
            probe.send(FLAG_UPLINK, size, "uplink", step)
            sent += 1
        await asyncio.sleep(_TICK_S)


class _Http:
    def __init__(self, http: aiohttp.ClientSession, base: str, token: str | None) -> None:
        self.http = http
        self.base = base
        self.headers = auth_headers(token)
        self.timeout = aiohttp.ClientTimeout(total=HTTP_TIMEOUT_S)

    async def request(
        self, method: str, path: str, body: dict[str, Any] | None = None
    ) -> tuple[int, Any]:
        async with self.http.request(
            method,
            self.base + path,
            json=body,
            headers=self.headers,
            timeout=self.timeout,
            allow_redirects=False,
        ) as response:
            text = (await read_body(response)).decode("utf-8", "replace")
            data: Any = None
            with contextlib.suppress(ValueError):
                data = json.loads(text) if text else None
            return response.status, data


def _server_said(data: Any) -> str:
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        return f": {data['message']}"
    return ""


async def run_probe(
    server_url: str, token: str | None = None, options: ProbeOptions | None = None
) -> ProbeOutcome:
    """Probe the reflector at ``server_url``; never raises (the outcome says what happened)."""
    options = options or ProbeOptions()
    try:
        async with asyncio.timeout(PROBE_TIMEOUT_S):
            return await _run(server_url, token, options)
    except TimeoutError:
        return ProbeOutcome("failed", "the capacity probe took too long and was stopped")
    except (aiohttp.ClientError, OSError) as exc:
        return ProbeOutcome("failed", f"the capacity probe could not reach the server ({exc})")
    except ValueError as exc:
        return ProbeOutcome("failed", f"the capacity probe got a bad answer ({exc})")


async def _run(server_url: str, token: str | None, options: ProbeOptions) -> ProbeOutcome:
    url = parse_server_url(server_url)
    async with aiohttp.ClientSession() as session:
        http = _Http(session, url.base, token)
        status, opened = await http.request("POST", "/probe")
        if status in (404, 405):
            return ProbeOutcome(
                "not_available", "this server has no capacity/QoS probe (an older version)"
            )
        if status != 201 or not isinstance(opened, dict):
            return ProbeOutcome(
                "failed",
                f"the server refused the capacity probe (HTTP {status}){_server_said(opened)}",
            )
        probe_id = opened.get("probe_id")
        udp_port = opened.get("udp_port")
        probe_token = opened.get("token")
        if not (
            isinstance(probe_id, str)
            and probe_id.replace("-", "").replace("_", "").isalnum()
            and isinstance(udp_port, int)
            and 0 < udp_port < 65536
            and isinstance(probe_token, str)
            and 0 < len(probe_token) <= 64
            and "|" not in probe_token
        ):
            raise ValueError("malformed probe session")
        max_burst_kbps = float(opened.get("max_burst_kbps") or options.max_kbps)
        max_burst_ms = float(opened.get("max_burst_ms") or options.duration_s * 1000.0)
        try:
            return await _measure(
                http,
                f"/probe/{probe_id}",
                url.host,
                udp_port,
                probe_token.encode(),
                options,
                min(max_burst_kbps, options.max_kbps),
                min(max_burst_ms, options.duration_s * 1000.0),
            )
        finally:
            with contextlib.suppress(aiohttp.ClientError, OSError, TimeoutError):
                await http.request("DELETE", f"/probe/{probe_id}")


async def _open_socket(
    host: str, port: int, options: ProbeOptions
) -> tuple[socket.socket, str | None, bool]:
    """A non-blocking UDP socket connected to the server; (socket, marking error, TOS readable)."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_DGRAM)
    if not infos:
        raise OSError(f"cannot resolve {host}")
    family, kind, proto, _name, address = infos[0]
    sock = socket.socket(family, kind, proto)
    error: str | None = None
    tos_readable = True
    try:
        sock.setblocking(False)
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        try:
            mark_socket(sock, options.tos)
        except OSError as exc:
            error = f"could not mark packets: {exc.strerror or exc}"
        try:
            enable_tos_reception(sock)
        except OSError:
            tos_readable = False
        sock.connect(address)
    except BaseException:
        sock.close()
        raise
    return sock, error, tos_readable


async def _measure(
    http: _Http,
    path: str,
    host: str,
    udp_port: int,
    token: bytes,
    options: ProbeOptions,
    burst_kbps: float,
    burst_ms: float,
) -> ProbeOutcome:
    sock, mark_error, tos_readable = await _open_socket(host, udp_port, options)
    probe = _ProbeSocket(sock, token, options)
    probe.start()
    details: dict[str, Any] = {}
    capacity: list[CapacityResult] = []
    try:
        # 1. idle RTT (and the server learns our UDP address)
        for _ in range(IDLE_PINGS):
            probe.ping()
            await asyncio.sleep(IDLE_PING_INTERVAL_MS / 1000.0)
        await asyncio.sleep(0.1)
        idle = probe.rtts("idle")
        if not idle:
            await asyncio.sleep(0.4)
            idle = probe.rtts("idle")
        if not idle:
            return ProbeOutcome(
                "failed",
                "no answer to UDP probe packets: a firewall may block UDP to the server",
                details={"udp_reachable": False},
            )
        idle_ms = _median(idle)
        details["idle_rtt_ms"] = round(idle_ms or 0.0, 2)

        # 2. uplink ramp
        steps: list[float] = []
        if options.uplink:
            probe.phase = "uplink"
            budget_steps = max(1, int(options.duration_s * 1000.0 / STEP_MS))
            rates = [r for r in UPLINK_RATES_KBPS if r <= options.max_kbps] or [options.max_kbps]
            rates = rates[-budget_steps:] if len(rates) > budget_steps else rates
            async with _Pinger(probe, LOADED_PING_INTERVAL_MS):
                for step, rate in enumerate(rates):
                    if probe.overloaded(idle_ms):
                        break
                    steps.append(rate)
                    await _paced(probe, rate, STEP_MS, step)
            await asyncio.sleep(_drain_s(options))
        status, report = await http.request("GET", path)
        if status != 200 or not isinstance(report, dict):
            return ProbeOutcome("failed", f"the probe's results could not be read (HTTP {status})")
        if options.uplink:
            capacity.append(_uplink_result(probe, report, steps, idle))
            details["uplink_steps_kbps"] = steps

        # 3. downlink burst
        if options.downlink:
            probe.phase = "downlink"
            down = await _downlink(http, path, probe, options, burst_kbps, burst_ms, idle)
            if isinstance(down, str):
                details["downlink_error"] = down
            else:
                capacity.append(down)
        dscp_up = report.get("dscp_received")
        qos = QosResult(
            dscp_sent=None if mark_error else options.tos >> 2,
            dscp_received_uplink=dscp_up if isinstance(dscp_up, int) else None,
            dscp_received_downlink=_dominant_dscp(probe.tos_counts) if tos_readable else None,
            sockets_marked=0 if mark_error else 1,
            error=mark_error,
        )
        details.update(
            {
                "udp_reachable": True,
                "datagrams_sent": probe.seq,
                "send_errors": probe.send_errors,
                "server_received": report.get("count"),
            }
        )
        return ProbeOutcome("ok", "", qos, tuple(capacity), details)
    finally:
        probe.close()


def _drain_s(options: ProbeOptions) -> float:
    extra = max(
        (link.queue_ms for link in (options.uplink_link, options.downlink_link) if link), default=0
    )
    return (DRAIN_MS + extra) / 1000.0


def _uplink_result(
    probe: _ProbeSocket, report: dict[str, Any], steps: list[float], idle: list[float]
) -> CapacityResult:
    packets = report.get("packets") or {}
    rows = packets.get("rows") if isinstance(packets, dict) else None
    by_step: dict[int, list[ProbePacket]] = {}
    for row in rows if isinstance(rows, list) else ():
        if not (isinstance(row, list) and len(row) >= 3):
            continue
        seq, arrival, size = row[0], row[1], row[2]
        if not (
            isinstance(seq, int) and isinstance(arrival, int | float) and isinstance(size, int)
        ):
            continue
        kind = probe.kinds.get(seq)
        if kind is None or kind[0] != "uplink":
            continue
        by_step.setdefault(kind[1], []).append(ProbePacket(float(arrival), size))
    everything = [p for ps in by_step.values() for p in ps]
    # The fastest step that says something; the whole burst when no step does (a slow link).
    best: tuple[float, list[ProbePacket], float] | None = None
    for step, ps in by_step.items():
        rate = available_kbps(ps)
        if rate is not None and (best is None or rate > best[0]) and step < len(steps):
            best = (rate, ps, steps[step])
    whole = available_kbps(everything)
    if whole is not None and (best is None or whole > best[0]):
        best = (whole, everything, max(steps) if steps else 0.0)
    chosen, sent = (best[1], best[2]) if best is not None else (everything, None)
    available = best[0] if best is not None else None
    loaded = [
        p.rtt_ms
        for seq, p in probe.pings.items()
        if p.phase == "uplink" and p.rtt_ms is not None and _loaded(seq, probe, steps, available)
    ]
    if not loaded:
        loaded = probe.rtts("uplink")
    return capacity_result(
        "uplink", chosen, idle_rtts_ms=idle, loaded_rtts_ms=loaded, sent_kbps=sent
    )


def _loaded(seq: int, probe: _ProbeSocket, steps: list[float], available: float | None) -> bool:
    """A ping sent while the ramp offered at least half the available rate (the link was busy)."""
    step = -1
    for s in range(seq, -1, -1):  # the last burst datagram before the ping says which step
        kind = probe.kinds.get(s)
        if kind is not None and kind[0] == "uplink":
            step = kind[1]
            break
    if step < 0 or step >= len(steps):
        return False
    return available is None or steps[step] >= 0.5 * available


async def _downlink(
    http: _Http,
    path: str,
    probe: _ProbeSocket,
    options: ProbeOptions,
    rate_kbps: float,
    duration_ms: float,
    idle: list[float],
) -> CapacityResult | str:
    size = min(BURST_DATAGRAM_BYTES, MAX_DATAGRAM_BYTES)
    async with _Pinger(probe, LOADED_PING_INTERVAL_MS):
        await asyncio.sleep(0.05)  # a ping first, so the server knows where to send
        status, data = await http.request(
            "POST",
            f"{path}/burst",
            {"rate_kbps": rate_kbps, "duration_ms": duration_ms, "size_bytes": size},
        )
        if status != 202:
            return f"the server did not send the downlink burst (HTTP {status}){_server_said(data)}"
        await asyncio.sleep(duration_ms / 1000.0)
    await asyncio.sleep(_drain_s(options))
    return capacity_result(
        "downlink",
        probe.downlink,
        idle_rtts_ms=idle,
        loaded_rtts_ms=probe.rtts("downlink"),
        sent_kbps=rate_kbps,
    )
