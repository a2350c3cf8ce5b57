"""One worker of `callcheck serve --workers N`: which worker owns what, and how a request for a
call another worker owns gets there.

The choice: one public port, in-process forwarding
==================================================
Every worker listens on the same TCP port (``SO_REUSEPORT``: the kernel spreads new
connections over the workers) and on a private Unix socket in the server's run directory
(mode 0700, so only the server's user can reach it). A worker owns what it created — a WHIP
session's peer connection and media sockets, a probe's UDP socket — and they never move.

* **WHIP sessions and probes** carry their worker in their id (``w1-<128 random bits>``; RFC 9725
  §4.3 leaves the session URL to the server). A request for ``/whip/w1-…`` that reaches worker 0
  is forwarded by worker 0 to worker 1's Unix socket and the answer relayed back, so the
  ``Location`` works whichever worker, or whichever load-balanced connection, the client uses
  next. A per-worker public port was the alternative; it would need one more port per worker
  opened in every firewall and published by every load balancer.
* **Rooms** (signaling only, no media) and **live views** (``/live``: shares, the app's
  WebSocket, the viewers' event streams), with a PostgreSQL store (``shared``), are answered by
  whichever worker gets the request: each worker is an instance of its own on the rooms' and
  live views' buses (:mod:`callcheck.server.room_bus`, :mod:`callcheck.server.live.pg_bus`),
  exactly as separate machines are, so no worker is a single point. A killed worker takes only
  its own connections down (a viewer's event stream reconnects and reads the test so far from
  the bus; an app's publishing channel or a room participant on it closes).
  With SQLite (one instance) they live on worker 0; the other workers forward those requests,
  WebSockets and streams to it. If worker 0 dies, the restarted worker 0 still has what is in
  the store — shares (their codes and secrets: the app can publish again) and the reports of
  finished runs — and loses what was only in its memory: open rooms (their participants see the
  WebSocket close and must make a new room), the snapshots of a run in progress, and the
  connections of the app and the viewers. The calls on the other workers are not affected.
* **/metrics and /healthz** describe the whole server: the worker that answers asks every other
  worker for its own figures over the Unix sockets and sums them; a worker that does not answer
  is counted as down (``callcheck_workers{state="down"}``, ``"workers": {"up": …}``).

A request that came over a Unix socket is from a sibling worker: it is never forwarded again,
and its client address is the one the sibling saw (:data:`FORWARDED_FOR_HEADER`, only believed
on the Unix socket). Rate limits count a request where it is answered, not where it entered:
with SQLite all room and live-view requests meet worker 0's limiter, so guessing codes is as
slow as with one process; with PostgreSQL each worker limits what it answers, as separate
instances do (a client that spreads its guesses over N workers gets N times the rate, still
~10¹³ codes to search); each worker limits the new calls it answers itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import aiohttp
from aiohttp import web

__all__ = [
    "FORWARDED_FOR_HEADER",
    "FROM_SIBLING_KEY",
    "WORKER_KEY",
    "WorkerPlace",
    "forward_middleware",
    "from_sibling",
    "gather_siblings",
    "owner",
    "public_origin",
    "sibling_middleware",
    "sum_prometheus",
]

logger = logging.getLogger(__name__)

#: The client address the forwarding worker saw (believed only on the private Unix socket).
FORWARDED_FOR_HEADER: Final = "X-CallCheck-Forwarded-For"
#: The scheme the client used with the forwarding worker (believed only from a sibling).
FORWARDED_PROTO_HEADER: Final = "X-CallCheck-Forwarded-Proto"
#: Time a sibling has to accept a forwarded request's connection.
FORWARD_CONNECT_TIMEOUT_S: Final = 5.0
#: Time a sibling has to answer a /metrics or /healthz question.
SIBLING_TIMEOUT_S: Final = 2.0
#: Headers not copied when a request or response is relayed (RFC 9110 §7.6.1 hop-by-hop).
_HOP_BY_HOP: Final = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "content-length",
        "host",
    }
)


@dataclass(frozen=True, slots=True)
class WorkerPlace:
    """Where this worker stands among its siblings."""

    index: int
    """This worker, 0 … ``count - 1``."""
    count: int
    """Workers the server runs."""
    run_dir: Path
    """The directory of the private Unix sockets (mode 0700)."""
    shared: bool = False
    """Rooms and live views are shared through PostgreSQL: any worker answers them."""
    server_max_calls: int = 0
    """The whole server's ``max_calls`` (each worker's own is its share of it)."""

    def socket_path(self, index: int) -> Path:
        """Worker ``index``'s private Unix socket."""
        return self.run_dir / f"worker-{index}.sock"

    @property
    def id_prefix(self) -> str:
        """What this worker puts in front of the ids it hands out."""
        return f"w{self.index}-"  # "-": ids stay in the base64url alphabet clients check

    def owner_of(self, ident: str) -> int | None:
        """The worker whose id prefix ``ident`` has, or ``None`` (unknown: answered here)."""
        head, dot, _ = ident.partition("-")
        if not dot or not head.startswith("w") or not head[1:].isdigit():
            return None
        index = int(head[1:])
        return index if index < self.count else None

    def target(self, path: str) -> int | None:
        """The worker that must answer ``path``; ``None`` = any (this one)."""
        parts = path.split("/")
        if len(parts) >= 3 and parts[1] in ("whip", "probe"):
            return self.owner_of(parts[2])
        if parts[1:2] in (["rooms"], ["live"]) and not self.shared:
            return 0
        return None


WORKER_KEY: Final = web.AppKey("worker", WorkerPlace)
FROM_SIBLING_KEY: Final = "callcheck.from_sibling"
_CLIENTS_KEY: Final = web.AppKey("worker_clients", dict[int, aiohttp.ClientSession])

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def from_sibling(request: web.Request) -> bool:
    """The request came from a sibling worker (over its private Unix socket)."""
    return bool(request.get(FROM_SIBLING_KEY, False))


def public_origin(request: web.Request) -> str:
    """``scheme://host`` of the server as the client reached it, also for a request a sibling
    worker forwarded here."""
    scheme = request.scheme
    if from_sibling(request):
        scheme = request.headers.get(FORWARDED_PROTO_HEADER, scheme)
    return f"{scheme}://{request.host}"


def _on_unix_socket(request: web.Request) -> bool:
    transport = request.transport
    sock = transport.get_extra_info("socket") if transport is not None else None
    return sock is not None and sock.family == socket.AF_UNIX


@web.middleware
async def sibling_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Mark requests from sibling workers and give them the client address the sibling saw."""
    if WORKER_KEY in request.app and _on_unix_socket(request):
        forwarded = request.headers.get(FORWARDED_FOR_HEADER)
        if forwarded:
            request = request.clone(remote=forwarded)
        request[FROM_SIBLING_KEY] = True
    return await handler(request)


def _client(app: web.Application, index: int) -> aiohttp.ClientSession:
    clients: dict[int, aiohttp.ClientSession] = app[_CLIENTS_KEY]
    client = clients.get(index)
    if client is None or client.closed:
        place = app[WORKER_KEY]
        client = aiohttp.ClientSession(
            connector=aiohttp.UnixConnector(path=str(place.socket_path(index))),
            auto_decompress=False,
        )
        clients[index] = client
    return client


def install_clients(app: web.Application) -> None:
    """Keep one client per sibling; close them at clean-up."""
    app[_CLIENTS_KEY] = {}

    async def close(app: web.Application) -> None:
        for client in app[_CLIENTS_KEY].values():
            await client.close()

    app.on_cleanup.append(close)


def owner(request: web.Request) -> int | None:
    """The worker ``request`` must go to; ``None`` when it is answered here."""
    place = request.app.get(WORKER_KEY)
    if place is None or from_sibling(request):
        return None
    target = place.target(request.path)
    return None if target == place.index else target


@web.middleware
async def forward_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Hand a request for something another worker owns to that worker."""
    target = owner(request)
    if target is None:
        return await handler(request)
    headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP_BY_HOP}
    headers[FORWARDED_FOR_HEADER] = request.remote or ""
    # The sibling answers as the public server: same Host, same scheme (links it builds, such
    # as a live view's URL, must name the server the client reached, not the Unix socket).
    headers["Host"] = request.host
    headers[FORWARDED_PROTO_HEADER] = request.scheme
    client = _client(request.app, target)
    url = f"http://worker{request.path_qs}"
    try:
        if request.headers.get("Upgrade", "").lower() == "websocket":
            return await _forward_websocket(request, client, url, headers)
        body = await request.read()
        async with client.request(
            request.method,
            url,
            headers=headers,
            data=body,
            allow_redirects=False,
            # No total: a live view's event stream lasts as long as the viewer watches.
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=FORWARD_CONNECT_TIMEOUT_S),
        ) as answer:
            out = web.StreamResponse(status=answer.status)
            for key, value in answer.headers.items():
                if key.lower() not in _HOP_BY_HOP:
                    out.headers.add(key, value)
            await out.prepare(request)
            async for chunk in answer.content.iter_any():  # relayed as it comes (streams)
                await out.write(chunk)
            await out.write_eof()
            return out
    except (aiohttp.ClientError, OSError, TimeoutError):
        logger.warning("worker %d did not answer a forwarded %s", target, request.method)
        return web.json_response(
            {"error": "not_found", "message": "the worker holding this session is gone"},
            status=503 if target == 0 else 404,
        )


async def _forward_websocket(
    request: web.Request, client: aiohttp.ClientSession, url: str, headers: dict[str, str]
) -> web.StreamResponse:
    # The owner may refuse before upgrading (404 unknown room, 409 full): relay that as is.
    for name in ("sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions"):
        headers.pop(next((k for k in headers if k.lower() == name), name), None)
    try:
        upstream = await client.ws_connect(url, headers=headers, autoping=True, heartbeat=None)
    except aiohttp.WSServerHandshakeError as exc:
        return web.json_response(
            {"error": "room_full" if exc.status == 409 else "not_found", "message": exc.message},
            status=exc.status,
        )
    downstream = web.WebSocketResponse(autoping=True)
    await downstream.prepare(request)

    async def pump(source: Any, sink: Any) -> None:
        async for message in source:
            if message.type == aiohttp.WSMsgType.TEXT:
                await sink.send_str(message.data)
            elif message.type == aiohttp.WSMsgType.BINARY:
                await sink.send_bytes(message.data)
            else:
                break

    tasks = [
        asyncio.create_task(pump(upstream, downstream)),
        asyncio.create_task(pump(downstream, upstream)),
    ]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        # Each side's close code reaches the other: the live view's app reads the owner's
        # (4010 "share expired" means do not reconnect; core.live_wire).
        with contextlib.suppress(Exception):
            await upstream.close(code=_relayed_close(downstream.close_code))
        with contextlib.suppress(Exception):
            await downstream.close(code=_relayed_close(upstream.close_code))
    return downstream


def _relayed_close(code: int | None) -> int:
    """A close code one side of a relayed WebSocket may send on: the other side's when it is
    one an endpoint may send (RFC 6455 §7.4), else 1001 "going away" (e.g. the other side's
    connection was lost: 1006 is never sent)."""
    if code is not None and (code in (1000, 1001, 1008, 1011) or 3000 <= code <= 4999):
        return code
    return 1001


async def gather_siblings(app: web.Application, path: str) -> list[str | None]:
    """Every other worker's answer to ``GET path`` (its own figures), ``None`` if it is down."""
    place = app[WORKER_KEY]

    async def ask(index: int) -> str | None:
        try:
            async with asyncio.timeout(SIBLING_TIMEOUT_S):
                async with _client(app, index).get(f"http://worker{path}") as answer:
                    return await answer.text()
        except (aiohttp.ClientError, OSError, TimeoutError):
            return None

    others = [i for i in range(place.count) if i != place.index]
    return list(await asyncio.gather(*(ask(i) for i in others)))


def sum_prometheus(texts: list[str]) -> str:
    """Prometheus texts of several workers as one: same series summed, in the first's order.

    Every CallCheck series is a counter, a gauge of things in progress or a histogram bucket,
    so the server's value is the sum of the workers' values.
    """
    order: list[str] = []
    values: dict[str, float] = {}
    integral: dict[str, bool] = {}
    for text in texts:
        for line in text.splitlines():
            if not line or line.startswith("#"):
                if line not in values and line not in order:
                    order.append(line)
                    values[line] = 0.0
                continue
            key, _, raw = line.rpartition(" ")
            if key not in values:
                order.append(key)
                values[key] = 0.0
                integral[key] = True
            values[key] += float(raw)
            integral[key] = integral[key] and "." not in raw and "e" not in raw.lower()
    lines: list[str] = []
    for key in order:
        if key.startswith("#") or not key:
            lines.append(key)
        else:
            value = values[key]
            lines.append(f"{key} {int(value)}" if integral[key] else f"{key} {value:.9g}")
    return "\n".join(lines) + "\n"


def healthz_json(text: str | None) -> dict[str, Any] | None:
    """A sibling's /healthz answer, or ``None`` if it is down or answered nonsense."""
    if text is None:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None
