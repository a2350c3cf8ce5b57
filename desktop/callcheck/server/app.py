"""`callcheck serve`: the aiohttp application — WHIP reflector, rooms, health and metrics.

HTTP contract
=============
=========================  =====================================================================
``POST /whip``             WHIP (RFC 9725) offer, ``Content-Type: application/sdp`` →
                           ``201`` with the SDP answer (``application/sdp``), ``Location:
                           /whip/<id>``, ``Link: <url>; rel="ice-server"`` per configured ICE
                           server (§4.6) and ``X-CallCheck-Reflection: encoded``
``DELETE /whip/<id>``      hang up → ``200``; unknown id → ``404``
``GET /whip/<id>``         the session's figures as JSON (CallCheck extension)
``PATCH /whip/<id>``       ``405``: trickle ICE is not supported; candidates go in the offer
``POST /rooms`` …          peer-mode rooms (:mod:`callcheck.server.rooms`)
``POST /probe`` …          capacity and QoS probe (:mod:`callcheck.server.probe`)
``GET /healthz``           ``200`` ``{"status": "ok", …}``; ``503`` ``{"status": "draining", …}``
                           once SIGTERM was received (a load balancer stops sending)
``GET /metrics``           Prometheus text (:mod:`callcheck.server.metrics`)
``/api/v1/…``, ``/fleet``  fleet reports, summaries and page (:mod:`callcheck.server.fleet_api`)
``/live/…``                helpdesk live view (:mod:`callcheck.server.live.api`)
``OPTIONS <any>``          CORS preflight → ``204``
=========================  =====================================================================

Errors are JSON ``{"error": KIND, "message": TEXT}``: ``400`` malformed SDP / unusable offer
(including an offer naming ICE candidates no real client would send), ``401`` missing or wrong
``Authorization: Bearer`` token (with ``WWW-Authenticate: Bearer``), ``403`` deleting a room
without its own secret, ``404`` unknown session or room, ``408`` body not received within
``request_timeout_s``, ``409`` room full, ``413`` offer larger than ``max_offer_bytes``,
``415`` not ``application/sdp`` (with ``Accept-Post``), ``429`` over ``requests_per_minute``
for the client (with ``Retry-After``), ``503`` at ``max_calls`` (reflected calls and open probes
together) / ``max_rooms`` (with ``Retry-After``), ``500`` only for a bug (counted in
``callcheck_errors_total{kind="internal"}``). Every request a client can malform gets a 4xx: a
header that is not UTF-8 (the token is compared as bytes), a body that cannot be decoded
(``Content-Encoding`` junk → ``400``). Every response carries the CORS headers. /whip and
/rooms need the token when one is configured (a WebSocket may pass it as ``?access_token=``,
RFC 6750 §2.3, since browsers cannot set headers on one); /healthz and /metrics do not.

Security rules
==============
* The reflector never sends traffic to an address an offer merely names
  (:mod:`callcheck.server.reflector`, "Remote candidates").
* Tokens are never logged: the access log is :class:`~callcheck.server.limits.
  RedactingAccessLogger` (``?access_token=`` values and capability path segments cut).
* A session or room ends only with its own secret: a WHIP session's URL ``/whip/<id>`` is its
  secret (128 random bits, RFC 9725 §4.3: the session URL; never logged in full), a room's is
  the ``secret`` returned by ``POST /rooms``. The shared token alone is not enough.
* Warnings and errors are rate-limited (``error_logs_per_minute``; the rest counted in
  ``callcheck_log_records_suppressed_total``); rate limits key IPv6 clients by /64.

Graceful drain
==============
SIGTERM stops the server taking new work and lets the work in progress finish: ``POST /whip``,
``POST /rooms`` and ``POST /probe`` get ``503`` (``draining``, with ``Retry-After``) and
``/healthz`` says ``draining`` with ``503`` (both answers with ``Connection: close``: a
draining worker closes its idle connections once its own calls have ended, so a client's next
request must open a new one), while the calls in progress go on —
their figures, hang-ups and the reports their clients upload afterwards are served as usual —
until no call is left or ``drain_timeout_s`` has passed; then every call still open is ended
(``server_shutdown``) and the server exits. A second SIGTERM, or SIGINT, stops at once.

Several workers
===============
With ``--workers N`` the server runs N processes on one port (:mod:`callcheck.server.workers`
says which worker owns what and how requests reach it; :mod:`callcheck.server.supervisor` starts
and watches them). ``/healthz`` and ``/metrics`` then describe the whole server.

Slow-loris protection: a connection must deliver its request headers within
``request_timeout_s`` (aiohttp's keep-alive timer, which also runs before the first request)
and its body within ``request_timeout_s`` more.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import math
import signal
import ssl
import sys
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Final

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.web_protocol import RequestPayloadError

from callcheck import __version__
from callcheck.server.capacity import SharedCallCap
from callcheck.server.config import ServerConfig
from callcheck.server.fleet_api import FleetApi, FleetSetupError
from callcheck.server.limits import (
    LogRateLimit,
    RateLimiter,
    RedactingAccessLogger,
    client_key,
    plain_error,
)
from callcheck.server.live import LiveApi
from callcheck.server.live.pg_bus import PostgresLiveBus
from callcheck.server.metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from callcheck.server.metrics import ServerMetrics
from callcheck.server.probe import ProbeService
from callcheck.server.reflector import (
    REFLECTION_MODE,
    OfferError,
    OverCapacityError,
    Reflector,
)
from callcheck.server.room_bus import PostgresRoomBus
from callcheck.server.rooms import RoomFullError, RoomLimitError, RoomRegistry
from callcheck.server.store import is_postgres
from callcheck.server.workers import (
    WORKER_KEY,
    WorkerPlace,
    forward_middleware,
    from_sibling,
    gather_siblings,
    healthz_json,
    install_clients,
    sibling_middleware,
    sum_prometheus,
)
from callcheck.server.workers import owner as worker_owner

__all__ = [
    "EXIT_CANNOT_RUN",
    "EXIT_OK",
    "EXIT_USAGE",
    "RunningServer",
    "create_app",
    "run_server",
    "serve",
    "start_server",
]

logger = logging.getLogger(__name__)

EXIT_OK: Final = 0
EXIT_USAGE: Final = 2
EXIT_CANNOT_RUN: Final = 3

SDP_CONTENT_TYPE: Final = "application/sdp"
REFLECTION_HEADER: Final = "X-CallCheck-Reflection"
#: The header that carries a room's own secret (``DELETE /rooms/<code>``).
ROOM_SECRET_HEADER: Final = "X-CallCheck-Room-Secret"
#: Seconds a client is told to wait when the server is full.
RETRY_AFTER_FULL_S: Final = 10
#: Longest time an offer may take to answer (gathering, STUN) before giving up.
NEGOTIATION_TIMEOUT_S: Final = 15.0

#: How long an unread request body is drained after an error response before closing.
LINGERING_S: Final = 1.0

_ALLOW_METHODS: Final = "GET, POST, DELETE, PATCH, OPTIONS"
_ALLOW_HEADERS: Final = f"Authorization, Content-Type, If-Match, {ROOM_SECRET_HEADER}"
_EXPOSE_HEADERS: Final = f"Location, Link, ETag, Retry-After, Accept-Post, {REFLECTION_HEADER}"
_LIMITED_PREFIXES: Final = ("/whip", "/rooms", "/probe")

CONFIG_KEY: Final = web.AppKey("config", ServerConfig)
METRICS_KEY: Final = web.AppKey("metrics", ServerMetrics)
REFLECTOR_KEY: Final = web.AppKey("reflector", Reflector)
ROOMS_KEY: Final = web.AppKey("rooms", RoomRegistry)
LIMITER_KEY: Final = web.AppKey("limiter", RateLimiter)
STARTED_KEY: Final = web.AppKey("started", float)
LIVE_KEY: Final = web.AppKey("live", LiveApi)
CAP_KEY: Final = web.AppKey("call_cap", SharedCallCap)
#: Requests refused while draining: what starts new work.
_NEW_WORK: Final = frozenset({("POST", "/whip"), ("POST", "/rooms"), ("POST", "/probe")})
#: How often a draining server looks whether its calls have ended, s.
DRAIN_POLL_S: Final = 0.25


class DrainState:
    """Whether the server drains (SIGTERM received) and what restarts its workers had."""

    def __init__(self) -> None:
        self.draining = False
        self.worker_restarts: Callable[[], int] = lambda: 0
        """Workers the supervisor had to start again (shared with it)."""


DRAIN_KEY: Final = web.AppKey("drain", DrainState)


class ApiError(Exception):
    """An HTTP error with a JSON body and the metric kind it counts as."""

    def __init__(
        self,
        status: int,
        kind: str,
        message: str,
        headers: dict[str, str] | None = None,
        *,
        close: bool = False,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind
        self.message = message
        self.headers = headers or {}
        self.close = close
        """Close the connection after answering (the rest of the body is not worth reading)."""

    def response(self) -> web.Response:
        """The error as a response."""
        return web.json_response(
            {"error": self.kind, "message": self.message},
            status=self.status,
            headers=self.headers,
        )


_AIOHTTP_KINDS: Final = {
    400: "bad_request",
    404: "not_found",
    405: "bad_request",
    413: "too_large",
    415: "unsupported_media_type",
}


# ------------------------------------------------------------------------------ middleware


def _cors_headers(config: ServerConfig, request: web.Request) -> dict[str, str]:
    origin = request.headers.get("Origin")
    if "*" in config.cors_origins:
        allowed = "*"
    elif origin is not None and origin in config.cors_origins:
        allowed = origin
    else:
        return {}
    headers = {
        "Access-Control-Allow-Origin": allowed,
        "Access-Control-Expose-Headers": _EXPOSE_HEADERS,
    }
    if allowed != "*":
        headers["Vary"] = "Origin"
    return headers


@web.middleware
async def _front(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """CORS on every response, preflight, rate limiting, and errors as JSON (never a crash)."""
    app = request.app
    config = app[CONFIG_KEY]
    metrics = app[METRICS_KEY]
    response: web.StreamResponse
    try:
        if request.method == "OPTIONS":
            response = web.Response(
                status=204,
                headers={
                    "Access-Control-Allow-Methods": _ALLOW_METHODS,
                    "Access-Control-Allow-Headers": _ALLOW_HEADERS,
                    "Access-Control-Max-Age": "86400",
                    "Accept-Post": SDP_CONTENT_TYPE,
                },
            )
        else:
            if app[DRAIN_KEY].draining and (request.method, request.path) in _NEW_WORK:
                raise ApiError(
                    503,
                    "draining",
                    "this server is shutting down and takes no new tests; try again",
                    {"Retry-After": str(RETRY_AFTER_FULL_S)},
                    close=True,
                )
            # Counted where it is answered (server.workers): a forwarded request at its owner.
            if request.path.startswith(_LIMITED_PREFIXES) and worker_owner(request) is None:
                retry_s = app[LIMITER_KEY].check(client_key(request.remote), time.monotonic())
                if retry_s > 0:
                    raise ApiError(
                        429,
                        "rate_limited",
                        f"too many requests from {request.remote}: the limit is "
                        f"{config.requests_per_minute} per minute",
                        {"Retry-After": str(max(1, math.ceil(retry_s)))},
                    )
            response = await handler(request)
    except ApiError as exc:
        metrics.error(exc.kind)
        response = exc.response()
        if exc.status in (408, 413) or exc.close:
            response.force_close()  # the rest of the body is not worth waiting for
    except web.HTTPException as exc:  # aiohttp's own: unknown route, wrong method, body too big
        kind = _AIOHTTP_KINDS.get(exc.status, "bad_request")
        if exc.status >= 400:
            metrics.error(kind)
        headers = {k: v for k, v in exc.headers.items() if k.lower() in ("allow", "retry-after")}
        response = ApiError(exc.status, kind, exc.reason, headers).response()
    except Exception:
        logger.exception("unexpected error handling %s %s", request.method, request.path)
        metrics.error("internal")
        response = ApiError(500, "internal", "internal server error").response()
    if not response.prepared:
        response.headers.update(_cors_headers(config, request))
    return response


def _require_token(request: web.Request, *, allow_query: bool = False) -> None:
    token = request.app[CONFIG_KEY].token
    if token is None:
        return
    presented: str | None = None
    auth = request.headers.get("Authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        presented = value.strip()
    elif allow_query:
        presented = request.query.get("access_token")
    if presented is None:
        raise ApiError(
            401,
            "unauthorized",
            "this server needs a token: send 'Authorization: Bearer <token>'",
            {"WWW-Authenticate": 'Bearer realm="callcheck"'},
        )
    # aiohttp decodes header bytes that are not UTF-8 as surrogates: compare the raw bytes.
    if not hmac.compare_digest(presented.encode("utf-8", "surrogateescape"), token.encode()):
        raise ApiError(
            401,
            "unauthorized",
            "the token was refused; check the token configured for this server",
            {"WWW-Authenticate": 'Bearer realm="callcheck", error="invalid_token"'},
        )


# ------------------------------------------------------------------------------ WHIP


def _ice_link_headers(config: ServerConfig) -> list[str]:
    """RFC 9725 §4.6: one ``Link`` per ICE server URL."""
    links: list[str] = []
    for server in config.ice_servers:
        for url in server.urls:
            link = f'<{url}>; rel="ice-server"'
            if server.username is not None and server.credential is not None:
                username = server.username.replace('"', '\\"')
                credential = server.credential.replace('"', '\\"')
                link += f'; username="{username}"; credential="{credential}"'
                link += '; credential-type="password"'
            links.append(link)
    return links


async def _read_body(request: web.Request, config: ServerConfig) -> bytes:
    length = request.content_length
    if length is not None and length > config.max_offer_bytes:
        raise ApiError(413, "too_large", f"the offer is larger than {config.max_offer_bytes} bytes")
    try:
        async with asyncio.timeout(config.request_timeout_s):
            return await request.read()
    except TimeoutError:
        raise ApiError(
            408, "timeout", f"the body did not arrive within {config.request_timeout_s:g} s"
        ) from None
    except web.HTTPRequestEntityTooLarge:
        raise ApiError(
            413, "too_large", f"the offer is larger than {config.max_offer_bytes} bytes"
        ) from None
    except (RequestPayloadError, HttpProcessingError) as exc:  # e.g. junk Content-Encoding
        raise ApiError(
            400,
            "bad_request",
            f"the request body could not be read ({plain_error(exc)})",
            close=True,
        ) from None


async def whip_post(request: web.Request) -> web.StreamResponse:
    """Answer a WHIP offer (``POST /whip``)."""
    config = request.app[CONFIG_KEY]
    reflector = request.app[REFLECTOR_KEY]
    _require_token(request)
    if request.content_type != SDP_CONTENT_TYPE:
        raise ApiError(
            415,
            "unsupported_media_type",
            f"send the SDP offer as {SDP_CONTENT_TYPE} (got {request.content_type or 'none'})",
            {"Accept-Post": SDP_CONTENT_TYPE},
        )
    cap = request.app.get(CAP_KEY)
    if reflector.load() >= config.max_calls:
        request.app[METRICS_KEY].capacity_refused("server" if cap is None else "worker_share")
        raise ApiError(
            503,
            "over_capacity",
            f"the reflector is running its maximum of {config.max_calls} tests; try again soon"
            if cap is None
            else f"this worker is running its share ({config.max_calls}) of the server's "
            "tests; try again soon (a new connection may reach another worker)",
            {"Retry-After": str(RETRY_AFTER_FULL_S)},
        )
    if cap is not None and not cap.try_reserve():
        request.app[METRICS_KEY].capacity_refused("server")
        raise ApiError(
            503,
            "over_capacity",
            f"the server is running its maximum of {cap.max_calls} tests; try again soon",
            {"Retry-After": str(RETRY_AFTER_FULL_S)},
        )
    try:
        return await _answer_offer(request, config, reflector)
    finally:
        if cap is not None:
            cap.release()


async def _answer_offer(
    request: web.Request, config: ServerConfig, reflector: Reflector
) -> web.StreamResponse:
    body = await _read_body(request, config)
    try:
        offer = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "bad_sdp", "the SDP offer is not UTF-8 text") from None
    try:
        async with asyncio.timeout(NEGOTIATION_TIMEOUT_S):
            session, answer = await reflector.open(offer)
    except OfferError as exc:
        raise ApiError(400, "bad_sdp", str(exc)) from None
    except OverCapacityError as exc:  # the worker's check, between two offers answered at once
        request.app[METRICS_KEY].capacity_refused(
            "server" if CAP_KEY not in request.app else "worker_share"
        )
        raise ApiError(
            503, "over_capacity", str(exc), {"Retry-After": str(RETRY_AFTER_FULL_S)}
        ) from None
    except TimeoutError:
        raise ApiError(
            503,
            "timeout",
            "answering the offer took too long (ICE gathering); try again",
            {"Retry-After": str(RETRY_AFTER_FULL_S)},
        ) from None
    response = web.Response(
        status=201,
        body=answer.encode(),
        content_type=SDP_CONTENT_TYPE,
        headers={
            "Location": f"/whip/{session.id}",
            "ETag": f'"{session.id}"',
            REFLECTION_HEADER: REFLECTION_MODE,
        },
    )
    for link in _ice_link_headers(config):
        response.headers.add("Link", link)
    return response


def _session_or_404(request: web.Request) -> Any:
    session = request.app[REFLECTOR_KEY].get(request.match_info["session_id"])
    if session is None:
        raise ApiError(404, "not_found", "no such session (it ended, or never existed)")
    return session


async def whip_delete(request: web.Request) -> web.StreamResponse:
    """Hang up (``DELETE /whip/<id>``)."""
    _require_token(request)
    session = _session_or_404(request)
    await session.close("hangup")
    return web.Response(status=200)


async def whip_get(request: web.Request) -> web.StreamResponse:
    """The session's figures (``GET /whip/<id>``)."""
    _require_token(request)
    session = _session_or_404(request)
    return web.json_response(session.status())


# ------------------------------------------------------------------------------ rooms


async def _room_or_404(request: web.Request) -> Any:
    room = await request.app[ROOMS_KEY].get(request.match_info["code"])
    if room is None:
        raise ApiError(404, "not_found", "no such room: check the code (rooms expire)")
    return room


async def rooms_post(request: web.Request) -> web.StreamResponse:
    """Create a room (``POST /rooms``)."""
    _require_token(request)
    config = request.app[CONFIG_KEY]
    try:
        room = await request.app[ROOMS_KEY].create()
    except RoomLimitError as exc:
        raise ApiError(
            503, "over_capacity", str(exc), {"Retry-After": str(RETRY_AFTER_FULL_S)}
        ) from None
    return web.json_response(
        {
            "code": room.code,
            "secret": room.secret,
            "expires_in_s": room.expires_in_s(time.monotonic()),
            "ws_path": f"/rooms/{room.code}/ws",
            "ice_servers": [s.to_json() for s in config.ice_servers],
        },
        status=201,
        headers={"Location": f"/rooms/{room.code}"},
    )


async def rooms_get(request: web.Request) -> web.StreamResponse:
    """A room's state (``GET /rooms/<code>``)."""
    _require_token(request)
    room = await _room_or_404(request)
    return web.json_response(
        {
            "code": room.code,
            "participants": room.count(),
            "state": room.state(),
            "expires_in_s": room.expires_in_s(time.monotonic()),
        }
    )


async def rooms_delete(request: web.Request) -> web.StreamResponse:
    """Close a room (``DELETE /rooms/<code>``): only with the room's own secret."""
    _require_token(request)
    room = await _room_or_404(request)
    if not room.owned_by(request.headers.get(ROOM_SECRET_HEADER)):
        raise ApiError(
            403,
            "forbidden",
            f"only the room's creator can close it: send its secret in {ROOM_SECRET_HEADER}",
        )
    await request.app[ROOMS_KEY].delete(room)
    return web.Response(status=204)


async def rooms_ws(request: web.Request) -> web.StreamResponse:
    """Join a room's signaling relay (``GET /rooms/<code>/ws``, WebSocket)."""
    _require_token(request, allow_query=True)
    room = await _room_or_404(request)
    try:
        return await request.app[ROOMS_KEY].relay(request, room)
    except RoomFullError as exc:
        raise ApiError(409, "room_full", str(exc)) from None


# ------------------------------------------------------------------------------ health, metrics


def _own_health(app: web.Application) -> dict[str, Any]:
    config = app[CONFIG_KEY]
    return {
        "status": "draining" if app[DRAIN_KEY].draining else "ok",
        "version": __version__,
        "reflection": REFLECTION_MODE,
        "active_calls": app[REFLECTOR_KEY].active_calls(),
        "max_calls": config.max_calls,
        "rooms": len(app[ROOMS_KEY]),
        "uptime_s": round(time.monotonic() - app[STARTED_KEY], 1),
    }


async def healthz(request: web.Request) -> web.StreamResponse:
    """Liveness and load (``GET /healthz``); ``503`` while draining."""
    app = request.app
    health = _own_health(app)
    place = app.get(WORKER_KEY)
    if place is not None and not from_sibling(request):
        others = [healthz_json(t) for t in await gather_siblings(app, "/healthz")]
        up = [h for h in others if h is not None]
        for key in ("active_calls", "rooms"):
            health[key] += sum(int(h.get(key, 0)) for h in up)
        cap = app.get(CAP_KEY)
        if cap is not None:
            health["max_calls"] = cap.max_calls  # the server's; each worker holds a share
        if any(h.get("status") == "draining" for h in up):
            health["status"] = "draining"
        elif len(up) < len(others) and health["status"] == "ok":
            health["status"] = "degraded"  # still serving: the other workers take new calls
        health["workers"] = {
            "configured": place.count,
            "up": 1 + len(up),
            "restarts": app[DRAIN_KEY].worker_restarts(),
        }
    response = web.json_response(health, status=503 if health["status"] == "draining" else 200)
    if health["status"] == "draining":
        # A draining worker closes its idle keep-alive connections once its calls end (normal
        # HTTP, RFC 9112 §9.6): tell the client now, so its next request opens a new connection
        # (to a worker still serving) instead of being written into one that is closing.
        response.force_close()
    return response


async def metrics_get(request: web.Request) -> web.StreamResponse:
    """Prometheus text (``GET /metrics``): the whole server's, summed over its workers."""
    app = request.app
    text = app[METRICS_KEY].render()
    place = app.get(WORKER_KEY)
    if place is not None and not from_sibling(request):
        others = await gather_siblings(app, "/metrics")
        up = [t for t in others if t is not None]
        text = sum_prometheus([text, *up])
        down = len(others) - len(up)
        text += (
            "# HELP callcheck_workers Worker processes, by state.\n"
            "# TYPE callcheck_workers gauge\n"
            f'callcheck_workers{{state="up"}} {1 + len(up)}\n'
            f'callcheck_workers{{state="down"}} {down}\n'
            "# HELP callcheck_worker_restarts_total Workers that exited and were started again.\n"
            "# TYPE callcheck_worker_restarts_total counter\n"
            f"callcheck_worker_restarts_total {app[DRAIN_KEY].worker_restarts()}\n"
        )
    response = web.Response(text=text)
    response.headers["Content-Type"] = METRICS_CONTENT_TYPE
    return response


# ------------------------------------------------------------------------------ the application


def create_app(
    config: ServerConfig, place: WorkerPlace | None = None, call_loads: Any = None
) -> web.Application:
    """The aiohttp application for ``config`` (serve it with :func:`serve`); ``place``: this
    worker's, when the server runs several; ``call_loads``: the workers' shared load slots
    (:mod:`callcheck.server.capacity`; ``config.max_calls`` is then this worker's share)."""
    app = web.Application(
        middlewares=[sibling_middleware, _front, forward_middleware],
        client_max_size=config.max_offer_bytes,
    )
    metrics = ServerMetrics()
    app[CONFIG_KEY] = config
    app[METRICS_KEY] = metrics
    app[DRAIN_KEY] = DrainState()
    # Ids name their worker, then their instance (server.workers; README "Several machines").
    id_prefix = f"{config.instance_name}-" if config.instance_name else ""
    if place is not None:
        app[WORKER_KEY] = place
        install_clients(app)
        id_prefix = place.id_prefix + id_prefix
    app[REFLECTOR_KEY] = Reflector(
        config, metrics, other_load=lambda: metrics.active_probes(), id_prefix=id_prefix
    )
    # Rooms and live views shared by the instances — and by the workers of one — when they
    # share PostgreSQL (server.room_bus, server.live.pg_bus): any worker answers them. Without
    # it they live on worker 0 (server.workers).
    database = config.database
    shared = database is not None and is_postgres(database)
    bus = PostgresRoomBus(database) if shared and database is not None else None
    app[ROOMS_KEY] = RoomRegistry(config, metrics, time.monotonic, bus)
    app[LIMITER_KEY] = RateLimiter(config.requests_per_minute)
    app[STARTED_KEY] = time.monotonic()
    app.router.add_post("/whip", whip_post)
    app.router.add_get("/whip/{session_id}", whip_get)
    app.router.add_delete("/whip/{session_id}", whip_delete)
    app.router.add_post("/rooms", rooms_post)
    app.router.add_get("/rooms/{code}", rooms_get)
    app.router.add_delete("/rooms/{code}", rooms_delete)
    app.router.add_get("/rooms/{code}/ws", rooms_ws)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics_get)
    probes = ProbeService(
        config,
        metrics,
        error=ApiError,
        require_token=_require_token,
        active_calls=app[REFLECTOR_KEY].active_calls,
    )
    probes.id_prefix = id_prefix
    if place is not None and call_loads is not None:
        reflector = app[REFLECTOR_KEY]
        app[CAP_KEY] = probes.call_cap = SharedCallCap(
            place.server_max_calls, call_loads, place.index, reflector.load
        )
    probes.mount(app)
    fleet = FleetApi(config, metrics, error=ApiError)
    fleet.mount(app)  # /api/v1, /fleet (fleet_api.py)
    # /live (helpdesk live view, live/api.py): the same store, opened by the fleet's start-up.
    live_bus = (
        PostgresLiveBus(database, keep_s=config.live_code_ttl_h * 3600.0)
        if shared and database is not None
        else None
    )
    app[LIVE_KEY] = LiveApi(
        config, fleet.store, error=ApiError, require_token=_require_token, bus=live_bus
    )
    app[LIVE_KEY].mount(app)

    log_limit = LogRateLimit(config.error_logs_per_minute, metrics, time.monotonic)

    async def on_startup(app: web.Application) -> None:
        log_limit.install()
        await app[ROOMS_KEY].start()
        if CAP_KEY in app:
            app[CAP_KEY].start()

    async def on_shutdown(app: web.Application) -> None:
        await app[REFLECTOR_KEY].close_all()
        await app[ROOMS_KEY].stop()
        if CAP_KEY in app:
            await app[CAP_KEY].stop()

    async def on_cleanup(app: web.Application) -> None:
        log_limit.remove()

    app.on_startup.append(on_startup)
    app.on_shutdown.append(on_shutdown)
    app.on_cleanup.append(on_cleanup)
    return app


def _ssl_context(config: ServerConfig) -> ssl.SSLContext | None:
    if config.tls_cert is None or config.tls_key is None:
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(config.tls_cert, config.tls_key)
    return context


@dataclass
class RunningServer:
    """A started server: its application, the URL it answers on, and how to stop it."""

    app: web.Application
    runner: web.AppRunner
    url: str
    """``http(s)://host:port`` with the actual port."""

    async def drain(self, timeout_s: float, stop: asyncio.Event | None = None) -> None:
        """Take no new work; return once the calls in progress have ended, after ``timeout_s``,
        or when ``stop`` is set, whichever comes first (a probe lasts seconds: it is ended with
        the server)."""
        app = self.app
        app[DRAIN_KEY].draining = True
        logger.info(
            "draining: %d call(s) in progress, waiting up to %g s",
            app[REFLECTOR_KEY].active_calls(),
            timeout_s,
        )
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        while app[REFLECTOR_KEY].active_calls() > 0:
            if loop.time() >= deadline or (stop is not None and stop.is_set()):
                logger.warning(
                    "drain time is up: ending %d call(s) still in progress",
                    app[REFLECTOR_KEY].active_calls(),
                )
                return
            await asyncio.sleep(DRAIN_POLL_S)

    async def stop(self) -> None:
        """Close every call and room, then stop listening."""
        await self.runner.cleanup()


async def start_server(
    config: ServerConfig, place: WorkerPlace | None = None, call_loads: Any = None
) -> RunningServer:
    """Start serving ``config`` on the running loop; returns once listening.

    With ``place`` (one of several workers) the port is shared (``SO_REUSEPORT``) and the
    worker also listens on its private Unix socket (:mod:`callcheck.server.workers`).
    Raises ``OSError`` when the address cannot be bound and ``ssl.SSLError``/``OSError`` for
    unusable TLS files.
    """
    context = _ssl_context(config)
    app = create_app(config, place, call_loads)
    # keepalive_timeout also runs before the first request: headers must arrive in time.
    runner = web.AppRunner(
        app,
        keepalive_timeout=config.request_timeout_s,
        lingering_time=LINGERING_S,
        handle_signals=False,
        access_log_class=RedactingAccessLogger,
    )
    await runner.setup()
    try:
        site = web.TCPSite(
            runner,
            config.host,
            config.port,
            ssl_context=context,
            reuse_port=place is not None or None,
        )
        await site.start()
        if place is not None:
            path = place.socket_path(place.index)
            with contextlib.suppress(FileNotFoundError):
                path.unlink()  # left by a worker that was killed
            await web.UnixSite(runner, str(path)).start()
    except BaseException:
        await runner.cleanup()
        raise
    host, port = runner.addresses[0][:2]
    if ":" in host:
        host = f"[{host}]"
    return RunningServer(app, runner, f"{'https' if context else 'http'}://{host}:{port}")


async def serve(
    config: ServerConfig,
    *,
    on_ready: Callable[[str], None] | None = None,
    place: WorkerPlace | None = None,
    worker_restarts: Callable[[], int] | None = None,
    call_loads: Any = None,
) -> None:
    """Serve until cancelled, SIGINT (stop now) or SIGTERM (drain, then stop); then end every
    call and room.

    ``on_ready`` gets the URL once listening; ``place``, ``worker_restarts`` and
    ``call_loads`` are given to each of several workers (:mod:`callcheck.server.supervisor`).
    """
    server = await start_server(config, place, call_loads)
    if worker_restarts is not None:
        server.app[DRAIN_KEY].worker_restarts = worker_restarts
    stop = asyncio.Event()
    drain = asyncio.Event()
    loop = asyncio.get_running_loop()

    def on_sigterm() -> None:
        (stop if drain.is_set() else drain).set()  # a second SIGTERM: stop now

    handlers = {signal.SIGINT: stop.set, signal.SIGTERM: on_sigterm}
    for signum, handler in handlers.items():
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows, non-main thread
            loop.add_signal_handler(signum, handler)
    try:
        if on_ready is not None:
            on_ready(server.url)
        stopped = asyncio.ensure_future(stop.wait())
        draining = asyncio.ensure_future(drain.wait())
        try:
            await asyncio.wait((stopped, draining), return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopped.cancel()
            draining.cancel()
        if drain.is_set() and not stop.is_set():
            await server.drain(config.drain_timeout_s, stop)
    finally:
        for signum in handlers:
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(signum)
        await server.stop()


def run_loop(main: Coroutine[Any, Any, None]) -> None:
    """Run ``main`` to the end on uvloop when it is installed (a faster event loop, MIT/Apache-2.0;
    the optional ``fast`` extra), else on asyncio's own loop."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(main)
        return
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(main)


def start_error(config: ServerConfig, exc: BaseException) -> str | None:
    """What to tell the user when the server could not start because of ``exc``; ``None`` for
    an exception that is not a start-up problem."""
    if isinstance(exc, FleetSetupError):
        return str(exc)
    if isinstance(exc, ssl.SSLError):
        return f"the TLS certificate or key is unusable: {exc}"
    if isinstance(exc, OSError):
        return f"cannot listen on {config.host}:{config.port}: {exc.strerror or exc}"
    return None


def setup_logging(config: ServerConfig) -> None:
    """Log to stderr (unless the caller set logging up) and warn about an open server."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    if config.token is None and config.host not in ("127.0.0.1", "::1", "localhost"):
        logger.warning(
            "no token configured: anyone who can reach %s can use the reflector", config.base_url
        )


def ready_line(url: str) -> str:
    """The line `callcheck serve` prints once it listens (scripts and tests read it)."""
    return f"callcheck serve: listening on {url} (reflection: {REFLECTION_MODE})"


def run_server(config: ServerConfig) -> int:
    """Run `callcheck serve` in this thread (one process) until stopped; returns the exit code.

    Prints ``callcheck serve: listening on URL (reflection: encoded)`` to stdout once ready.
    Exit codes: 0 after a clean stop (SIGTERM: after draining), 3 when the server could not
    start (port in use, TLS files unusable).
    """
    setup_logging(config)

    def ready(url: str) -> None:
        print(ready_line(url), flush=True)

    try:
        run_loop(serve(config, on_ready=ready))
    except KeyboardInterrupt:
        return EXIT_OK
    except (FleetSetupError, OSError) as exc:  # ssl.SSLError is an OSError
        print(f"callcheck serve: {start_error(config, exc)}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    return EXIT_OK
