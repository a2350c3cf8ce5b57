"""Helpdesk live view (issue 17): the app shares its test, the technician watches it in a browser.

HTTP contract
=============
=====================================  ============================================================
``POST /live``                         the app (server ``token`` when one is set) → ``201``
                                       ``{"code", "url", "expires_at", "secret",
                                       "publish_path"}``; the code is a room-style 43-bit code
``GET /live/<code>/publish``           the app's WebSocket (secret in ``X-CallCheck-Live-Secret``;
                                       messages: :mod:`callcheck.core.live_wire`)
``GET /live/<code>``                   the page (self-contained); ``404``/``410`` pages say
                                       plainly that the code is unknown or expired
``GET /live/<code>/events``            Server-Sent Events: ``state`` (everything so far), then
                                       ``run``, ``status``, ``snapshot``, ``report``, ``ended``,
                                       ``sharing`` (the app connected/stopped) and ``viewers``
``GET /live/<code>/state``             the same state as JSON
``POST /live/<code>/run-again``        ask the app for another run → ``202``; ``409`` when the
                                       app is not connected
``GET /live/<code>/runs/<n>.<fmt>``    run ``n``'s report as ``json``, ``html`` or ``txt``
=====================================  ============================================================

Access: viewer requests need ``viewer_token`` when one is configured (``Authorization: Bearer``
or ``?access_token=``, since an EventSource cannot set headers; the access log redacts it) and
are rate-limited per client address (IPv6 per /64, :func:`callcheck.server.limits.client_key`),
so a 43-bit code cannot be found by trying. Publishing needs the share's own secret (128 random
bits, stored only as its SHA-256).

Lifetimes: a code is live for ``live_code_ttl_h`` (the app can publish); its runs' reports stay
in the store for ``live_retention_days`` and reopen by the code. Shares live in memory only
while live (bounded by ``max_live_shares``); after that the store answers.

Fan-out goes through :class:`~callcheck.server.live.bus.LiveBus` (one encode per message,
bounded drop-oldest queues per viewer), so the call's media loop never waits for a viewer.

Several instances (or workers) on PostgreSQL
============================================
The app's WebSocket reaches one instance; viewers may reach any. The instance holding the app's
channel checks each message (run number, size, a report's schema — and stores the report) and
publishes it on the bus channel ``share:<code>``; it also publishes ``server.sharing`` (the app
connected or left) and ``server.viewers`` (how many watch, over every instance). Every instance
with viewers of a share keeps a *mirror* of it (:class:`_Live`): it reads the share's messages
so far from the bus (:meth:`~callcheck.server.live.bus.LiveBus.history`), then follows the new
ones, and derives the same state and the same events for its own viewers — so a viewer sees
the test so far and every snapshot in order whichever instance it reaches, also after the
instance it watched through was restarted. "Run again" goes to ``app:<code>``: the instance
holding the app's channel passes it on; ``409`` when no instance does. When the instance holding
the app's channel dies, the app reconnects through any other (the share's secret is checked
there; a newer channel replaces an older one with close code 4001); the ``hello`` lists the runs
whose reports are stored, so the app re-sends only a report lost on the way. An expired share's
channel is closed with 4010: the app must not reconnect (:mod:`callcheck.core.live_wire`).
With SQLite (one instance) the bus is in-process and keeps nothing: a restarted server knows its
shares and their reports (the store), not the snapshots of a run in progress.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any, Final

import jsonschema
from aiohttp import WSMsgType, web

from callcheck.core import live_wire
from callcheck.core.grades import GRADE_BANDS, PASS_MOS
from callcheck.core.report_html import GRADE_COLOURS, render_html
from callcheck.core.report_text import summary_text, why_this_score
from callcheck.resources import resource_path
from callcheck.server.config import ServerConfig
from callcheck.server.limits import RateLimiter, client_key
from callcheck.server.live.bus import CLOSED, LiveBus, LocalLiveBus, Unfollow
from callcheck.server.rooms import new_room_code, normalize_code
from callcheck.server.store import LiveRun, LiveShare, Store
from callcheck.server.workers import public_origin

__all__ = ["LiveApi", "live_page_html"]

logger = logging.getLogger(__name__)

ErrorFactory = Callable[[int, str, str, dict[str, str] | None], Exception]
TokenCheck = Callable[[web.Request], None]

#: Snapshots kept per run for a late viewer's charts; past this every other one is dropped,
#: so a long test keeps its whole span at a coarser step.
HISTORY_SNAPSHOTS: Final = 600
#: Largest message the app may send other than a report.
MAX_MESSAGE_BYTES: Final = 64 * 1024
#: Runs one share may hold (each run is one test of the session).
MAX_RUNS: Final = 20
#: A comment line every this often keeps proxies from closing an idle event stream and lets
#: the server notice a viewer that left.
HEARTBEAT_S: Final = 15.0
#: How often expired shares leave memory and past-retention ones leave the store.
SWEEP_INTERVAL_S: Final = 60.0
#: The browser's reconnect delay (SSE ``retry:`` field, ms).
RECONNECT_MS: Final = 1000
#: Server messages on a share's channel beside the app's (:mod:`callcheck.core.live_wire`):
#: the app connected or left, and how many watch on every instance.
SHARING: Final = "server.sharing"
VIEWERS_COUNT: Final = "server.viewers"
_FORMATS: Final = {"json": "application/json", "html": "text/html", "txt": "text/plain"}
_PAGE_CSP: Final = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; img-src 'self' data:; frame-src blob:; base-uri 'none'; "
    "form-action 'none'"
)


def _now() -> datetime:
    return datetime.now(UTC)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


@cache
def live_page_html() -> str:
    """The page's HTML template (package data beside this module)."""
    return (resources.files("callcheck.server.live") / "page.html").read_text(encoding="utf-8")


@cache
def _grades_json() -> str:
    """The grade bands and colours from core (one definition), for the page's gauge."""
    return json.dumps(
        {
            "pass_mos": PASS_MOS,
            "bands": [
                {
                    "grade": str(b.grade),
                    "low": b.low_mos,
                    "high": b.high_mos,
                    "colour": GRADE_COLOURS[b.grade],
                }
                for b in GRADE_BANDS
            ],
        }
    )


@dataclass
class _Run:
    run: int
    mode: str | None = None
    duration_s: float | None = None
    status: dict[str, Any] | None = None
    snapshots: list[dict[str, Any]] = field(default_factory=list)
    last: dict[str, Any] | None = None
    report: dict[str, Any] | None = None
    ended: str | None = None

    def add_snapshot(self, snapshot: dict[str, Any]) -> None:
        self.last = snapshot
        self.snapshots.append(snapshot)
        if len(self.snapshots) > HISTORY_SNAPSHOTS:
            self.snapshots = self.snapshots[::2]

    def to_json(self) -> dict[str, Any]:
        return {
            "run": self.run,
            "mode": self.mode,
            "duration_s": self.duration_s,
            "status": self.status,
            "history": self.snapshots,
            "last": self.last,
            "report": self.report,
            "why": None if self.report is None else why_this_score(self.report),
            "ended": self.ended,
        }


@dataclass
class _Live:
    """A live share as this instance sees it: the mirror of its messages on the bus."""

    share: LiveShare
    runs: dict[int, _Run] = field(default_factory=dict)
    publisher: web.WebSocketResponse | None = None
    """The app's channel, when the app is connected to this instance."""
    sharing: bool = False
    """The app is connected (to any instance)."""
    stopped: bool = False
    last_id: int = 0
    """The newest bus message applied (history and live messages overlap at the start)."""
    unfollow: Unfollow | None = None
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    """Set once the share's history is applied."""


class LiveApi:
    """The live-view endpoints, their in-memory sessions, the bus and the retention task."""

    def __init__(
        self,
        config: ServerConfig,
        store: Store,
        *,
        error: ErrorFactory,
        require_token: TokenCheck,
        bus: LiveBus | None = None,
        clock: Callable[[], datetime] = _now,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._config = config
        self._store = store
        self._error = error
        self._require_token = require_token
        self.bus: LiveBus = bus or LocalLiveBus()
        self.clock = clock
        """The wall clock (UTC) codes expire by; tests move it."""
        self._monotonic = monotonic
        self._limiter = RateLimiter(config.live_lookups_per_minute)
        self._live: dict[str, _Live] = {}
        self._sweeper: asyncio.Task[None] | None = None
        schema = json.loads(resource_path("report.schema.json").read_text(encoding="utf-8"))
        self._validator = jsonschema.Draft202012Validator(schema)

    def mount(self, app: web.Application) -> None:
        """Add the routes; start the sweeper at start-up (after the store opened)."""
        app.router.add_post("/live", self.create)
        app.router.add_get("/live/{code}", self.page)
        app.router.add_get("/live/{code}/publish", self.publish)
        app.router.add_get("/live/{code}/events", self.events)
        app.router.add_get("/live/{code}/state", self.state)
        app.router.add_post("/live/{code}/run-again", self.run_again)
        app.router.add_get("/live/{code}/runs/{run:\\d+}.{fmt}", self.download)
        app.on_startup.append(self._start)
        app.on_shutdown.append(self._shutdown)
        app.on_cleanup.append(self._cleanup)

    async def _start(self, app: web.Application) -> None:
        await self.bus.start()
        self._sweeper = asyncio.create_task(self._sweep_forever(), name="live-sweeper")

    async def _cleanup(self, app: web.Application) -> None:
        await self.bus.stop()  # after the publishers' handlers said goodbye on it

    async def _shutdown(self, app: web.Application) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
        self.bus.close_all()
        for live in tuple(self._live.values()):
            if live.publisher is not None:
                await live.publisher.close(code=1001, message=b"server shutting down")

    async def _sweep_forever(self) -> None:
        while True:
            await asyncio.sleep(SWEEP_INTERVAL_S)
            try:
                await self.sweep()
            except Exception:
                logger.exception("live: sweeping expired shares failed; retrying later")

    async def sweep(self) -> int:
        """Forget expired shares in memory; delete past-retention ones from the store."""
        now = self.clock()
        for code, live in tuple(self._live.items()):
            if live.share.expires_at > now:
                continue
            if live.publisher is not None:  # its handler forgets nothing; the next sweep does
                await live.publisher.close(code=live_wire.CLOSE_EXPIRED, message=b"share expired")
            else:
                self._forget(code)
        return await self._store.purge_live(now - timedelta(days=self._config.live_retention_days))

    # -------------------------------------------------------------------------- helpers

    def _limit(self, request: web.Request) -> None:
        retry_s = self._limiter.check(client_key(request.remote), self._monotonic())
        if retry_s > 0:
            raise self._error(
                429,
                "rate_limited",
                "too many live-view requests from this address; wait a moment",
                {"Retry-After": str(max(1, math.ceil(retry_s)))},
            )

    def _require_viewer(self, request: web.Request) -> None:
        token = self._config.viewer_token
        if token is None:
            return
        scheme, _, value = request.headers.get("Authorization", "").partition(" ")
        presented = value.strip() if scheme.lower() == "bearer" and value.strip() else None
        if presented is None:
            presented = request.query.get("access_token") or None
        if presented is None or not hmac.compare_digest(
            presented.encode("utf-8", "surrogateescape"), token.encode()
        ):
            raise self._error(
                401,
                "unauthorized",
                "the helpdesk login is needed to open live views (viewer token)",
                {"WWW-Authenticate": 'Bearer realm="callcheck-live"'},
            )

    async def _lookup(self, request: web.Request) -> tuple[LiveShare, _Live | None]:
        """The share named in the path, or 404 (unknown) — after the rate limit."""
        self._limit(request)
        code = normalize_code(request.match_info["code"])
        live = self._live.get(code) if code is not None else None
        if live is not None:
            await live.ready.wait()
            return live.share, live
        share = await self._store.get_live_share(code) if code is not None else None
        if share is None:
            raise self._error(
                404,
                "not_found",
                "no test is shared under this code: check it (codes expire after a day)",
                None,
            )
        if self._expired(share):
            return share, None  # its reports are in the store; nothing is live
        # Live, published through another instance (or before this one restarted).
        return share, await self._mirror(share)

    def _expired(self, share: LiveShare) -> bool:
        return share.expires_at <= self.clock()

    async def _mirror(self, share: LiveShare) -> _Live:
        """This instance's mirror of ``share``: its messages so far, then every new one."""
        code = share.code
        live = self._live.get(code)
        if live is not None:
            await live.ready.wait()
            return live
        live = self._live[code] = _Live(share)
        early: list[tuple[int, str]] = []

        def on_message(message_id: int, text: str) -> None:
            if live.ready.is_set():
                self._apply_new(live, message_id, text, broadcast=True)
            else:
                early.append((message_id, text))  # applied after the history, in order

        live.unfollow = self.bus.follow(f"share:{code}", on_message)
        try:
            for message_id, text in await self.bus.history(f"share:{code}"):
                self._apply_new(live, message_id, text, broadcast=False)
        except BaseException:
            self._forget(code)
            live.ready.set()  # whoever waits gets this one, unusable, and retries next time
            raise
        for message_id, text in early:
            self._apply_new(live, message_id, text, broadcast=True)
        live.ready.set()
        return live

    def _forget(self, code: str) -> None:
        live = self._live.pop(code, None)
        if live is not None and live.unfollow is not None:
            live.unfollow()

    async def _state(self, share: LiveShare, live: _Live | None) -> dict[str, Any]:
        return self._state_now(share, live, *await self._state_reads(share, live))

    async def _state_reads(
        self, share: LiveShare, live: _Live | None
    ) -> tuple[tuple[LiveRun, ...], bool]:
        """What the state needs from the store and the bus: the stored reports, and whether an
        instance holds the app's channel (a mirror's "sharing" outlives an instance that was
        killed with the app's channel on it; the bus's audience does not)."""
        stored = await self._store.live_runs(share.code)
        connected = live is not None and live.sharing
        if connected:
            connected = await self.bus.audience(f"app:{share.code}") > 0
        return stored, connected

    def _state_now(
        self,
        share: LiveShare,
        live: _Live | None,
        stored: tuple[LiveRun, ...],
        connected: bool,
    ) -> dict[str, Any]:
        """The state from the mirror as it is now (no await: a viewer subscribed just before
        gets every later event and none twice) and what :meth:`_state_reads` read."""
        runs: dict[int, dict[str, Any]] = {}
        if live is not None:
            runs = {n: r.to_json() for n, r in live.runs.items()}
        for run in stored:
            entry = runs.setdefault(run.run, _Run(run.run).to_json())
            entry["report"] = dict(run.report)
            entry["why"] = why_this_score(run.report)
        return {
            "code": share.code,
            "expires_at": share.expires_at.isoformat(),
            "expired": self._expired(share),
            "sharing": connected and live is not None and live.sharing,
            "stopped": live is not None and live.stopped,
            "runs": [runs[n] for n in sorted(runs)],
        }

    def _broadcast(self, code: str, kind: str, **fields: Any) -> None:
        self._relay(code, kind, live_wire.encode(kind, **fields))

    def _relay(self, code: str, kind: str, data: str) -> None:
        """Send one event to this instance's viewers, framed once (SSE, one ``data:`` line)."""
        if "\n" in data or "\r" in data:
            data = json.dumps(json.loads(data), separators=(",", ":"))
        self.bus.deliver(f"viewers:{code}", 0, f"event: {kind}\ndata: {data}\n\n")

    async def _share_says(self, code: str, kind: str, **fields: Any) -> None:
        """A server message on the share's channel (every instance's mirror applies it)."""
        await self.bus.publish(f"share:{code}", json.dumps({"type": kind, **fields}))

    # -------------------------------------------------------------------------- the app

    async def create(self, request: web.Request) -> web.StreamResponse:
        """Make a share (``POST /live``)."""
        self._require_token(request)
        self._limit(request)
        if len(self._live) >= self._config.max_live_shares:
            raise self._error(
                503,
                "over_capacity",
                f"this server holds its maximum of {self._config.max_live_shares} live shares",
                {"Retry-After": "60"},
            )
        now = self.clock()
        secret = secrets.token_urlsafe(16)
        expires_at = now + timedelta(hours=self._config.live_code_ttl_h)
        share = LiveShare(new_room_code(), _sha256(secret), now, expires_at)
        while not await self._store.add_live_share(share):  # a taken code: draw again
            share = LiveShare(new_room_code(), share.secret_sha256, now, expires_at)
        await self._mirror(share)
        url = f"{public_origin(request)}/live/{share.code}"
        return web.json_response(
            {
                "code": share.code,
                "url": url,
                "expires_at": expires_at.isoformat(),
                "secret": secret,
                "publish_path": f"/live/{share.code}/publish",
            },
            status=201,
            headers={"Location": f"/live/{share.code}"},
        )

    async def publish(self, request: web.Request) -> web.StreamResponse:
        """The app's publishing channel (``GET /live/<code>/publish``, WebSocket)."""
        code = normalize_code(request.match_info["code"])
        live = self._live.get(code) if code is not None else None
        if live is None or code is None:
            share = await self._store.get_live_share(code) if code is not None else None
            if share is None:
                raise self._error(404, "not_found", "no such share", None)
            code = share.code
        else:
            share = live.share
        presented = request.headers.get(live_wire.SECRET_HEADER, "")
        if not hmac.compare_digest(_sha256(presented), share.secret_sha256):
            raise self._error(403, "forbidden", "only the app that made the share publishes", None)
        if self._expired(share):
            raise self._error(410, "expired", "this share has expired: start a new one", None)
        live = await self._mirror(share)  # e.g. after a restart, or through another instance
        ws = web.WebSocketResponse(heartbeat=20.0, max_msg_size=self._config.max_report_bytes)
        await ws.prepare(request)
        if live.publisher is not None:  # the app reconnected: the newer channel wins
            await live.publisher.close(code=live_wire.CLOSE_REPLACED, message=b"replaced")
        live.publisher = ws
        requests = self.bus.subscribe(f"app:{code}")
        await self.bus.announce(f"app:{code}")  # "run again" can reach it from now on
        forward = asyncio.create_task(self._forward(requests, ws), name=f"live-forward-{code[:2]}")
        stored = await self._store.live_runs(code)
        await ws.send_str(
            live_wire.encode(
                live_wire.HELLO,
                code=code,
                expires_at=live.share.expires_at.isoformat(),
                reports=[run.run for run in stored],  # what a reconnecting app need not resend
            )
        )
        await ws.send_str(
            live_wire.encode(live_wire.VIEWERS, count=await self.bus.audience(f"viewers:{code}"))
        )
        await self._share_says(code, SHARING, sharing=True, stopped=False)
        stopped = False
        try:
            async for message in ws:
                if message.type != WSMsgType.TEXT:
                    continue
                if self._expired(live.share):  # the app must not reconnect: the share ended
                    await ws.close(code=live_wire.CLOSE_EXPIRED, message=b"share expired")
                    break
                verdict = await self._on_message(live, message.data)
                if verdict is None:
                    stopped = True
                    break
                if verdict:
                    await self.bus.publish(f"share:{code}", message.data)
        finally:
            requests.close()
            forward.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await forward
            if live.publisher is ws:
                live.publisher = None
                with contextlib.suppress(Exception):  # the bus may be gone (shutting down)
                    await self.bus.announce(f"app:{code}")
                    await self._share_says(code, SHARING, sharing=False, stopped=stopped)
            await ws.close()  # only now: the app sees the close once the state says so
        return ws

    async def _forward(self, requests: Any, ws: web.WebSocketResponse) -> None:
        while (message := await requests.get()) != CLOSED:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await ws.send_str(message)

    async def _on_message(self, live: _Live, text: str) -> bool | None:
        """Check one app message on the instance holding its channel: ``True`` to publish it
        (a report is stored first), ``False`` to drop it, ``None`` to end the channel (the
        app stopped sharing)."""
        try:
            message = json.loads(text)
        except ValueError:
            return False  # a garbled message is dropped, the channel stays
        if not isinstance(message, dict):
            return False
        kind = message.get("type")
        if kind == live_wire.STOP:
            return None
        if kind not in (
            live_wire.RUN,
            live_wire.STATUS,
            live_wire.SNAPSHOT,
            live_wire.ENDED,
            live_wire.REPORT,
        ):
            return False
        run_no = message.get("run")
        if not isinstance(run_no, int) or isinstance(run_no, bool) or not 1 <= run_no <= MAX_RUNS:
            return False
        if kind != live_wire.REPORT and len(text) > MAX_MESSAGE_BYTES:
            return False
        if kind == live_wire.SNAPSHOT and not isinstance(message.get("snapshot"), dict):
            return False
        if kind == live_wire.REPORT:
            report = message.get("report")
            if not isinstance(report, dict):
                return False
            error = await asyncio.get_running_loop().run_in_executor(None, self._invalid, report)
            if error is not None:
                logger.warning("live: a shared report was refused: %s", error)
                return False
            await self._store.add_live_run(LiveRun(live.share.code, run_no, self.clock(), report))
        return True

    def _apply_new(self, live: _Live, message_id: int, text: str, *, broadcast: bool) -> None:
        if message_id <= live.last_id:
            return  # already applied (read with the history)
        live.last_id = message_id
        try:
            message = json.loads(text)
            self._apply(live, message, text, broadcast=broadcast)
        except (ValueError, TypeError, AttributeError):
            logger.warning("live: a share message could not be applied", exc_info=True)

    def _apply(self, live: _Live, message: dict[str, Any], text: str, *, broadcast: bool) -> None:
        """Apply one checked message of the share's channel to this instance's mirror and,
        with ``broadcast``, tell this instance's viewers."""
        code = live.share.code
        kind = message.get("type")
        if kind == SHARING:
            live.sharing = bool(message.get("sharing"))
            live.stopped = bool(message.get("stopped"))
            if broadcast:
                self._broadcast(code, "sharing", sharing=live.sharing, stopped=live.stopped)
            return
        if kind == VIEWERS_COUNT:
            if broadcast:
                self._broadcast(code, live_wire.VIEWERS, count=int(message.get("count", 0)))
            return
        run_no = int(message["run"])
        run = live.runs.get(run_no)
        if run is None:
            # The page charts the newest run only: older runs keep their report, not their
            # snapshots (memory per share stays one run's history).
            for older in live.runs.values():
                older.snapshots = []
            run = live.runs[run_no] = _Run(run_no)
        if kind == live_wire.RUN:
            run.mode = str(message.get("mode") or "") or None
            duration = message.get("duration_s")
            run.duration_s = float(duration) if isinstance(duration, int | float) else None
            if broadcast:
                self._broadcast(code, "run", run=run.to_json())
        elif kind == live_wire.STATUS:
            run.status = {k: message.get(k) for k in ("phase", "checks")}
            if broadcast:
                self._broadcast(code, "status", run=run_no, status=run.status)
        elif kind == live_wire.SNAPSHOT:
            run.add_snapshot(message["snapshot"])
            # Relayed as the app sent it: the page shows the app's numbers, not ours.
            if broadcast:
                self._relay(code, live_wire.SNAPSHOT, text)
        elif kind == live_wire.ENDED:
            run.ended = str(message.get("reason") or "the test could not finish")[:500]
            if broadcast:
                self._broadcast(code, "ended", run=run_no, reason=run.ended)
        elif kind == live_wire.REPORT:
            report = message["report"]
            run.report = report
            if broadcast:
                self._broadcast(
                    code, "report", run=run_no, report=report, why=why_this_score(report)
                )

    def _invalid(self, report: dict[str, Any]) -> str | None:
        error = jsonschema.exceptions.best_match(self._validator.iter_errors(report))
        if error is None:
            return None
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        return f"not a valid report at {where}: {error.message[:200]}"

    # -------------------------------------------------------------------------- viewers

    async def page(self, request: web.Request) -> web.StreamResponse:
        """The live page (``GET /live/<code>``). It holds no data: it reads the events."""
        headers = {
            "Content-Security-Policy": _PAGE_CSP,
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store",
        }
        try:
            share, _live = await self._lookup(request)
        except Exception as exc:
            if getattr(exc, "status", None) == 404:
                return web.Response(
                    text=_plain_page(
                        "Unknown code",
                        "No test is shared under this code. Check the code the employee reads "
                        "out (codes look like AC7-K3M-9PX and expire after a day).",
                    ),
                    status=404,
                    content_type="text/html",
                    headers=headers,
                )
            raise
        if self._expired(share) and not await self._store.live_runs(share.code):
            return web.Response(
                text=_plain_page(
                    "Expired code",
                    "This code has expired and no test was shared under it. Ask the employee "
                    "to start a new shared test.",
                ),
                status=410,
                content_type="text/html",
                headers=headers,
            )
        page = (
            live_page_html()
            .replace("__CODE__", share.code)
            .replace("__GRADES__", _grades_json())
            .replace("__NEEDS_TOKEN__", "true" if self._config.viewer_token else "false")
        )
        return web.Response(text=page, content_type="text/html", headers=headers)

    async def state(self, request: web.Request) -> web.StreamResponse:
        """The session so far as JSON (``GET /live/<code>/state``)."""
        self._require_viewer(request)
        share, live = await self._lookup(request)
        return web.json_response(await self._state(share, live))

    async def events(self, request: web.Request) -> web.StreamResponse:
        """Server-Sent Events (``GET /live/<code>/events``): the state, then every update."""
        self._require_viewer(request)
        share, live = await self._lookup(request)
        code = share.code
        reads = await self._state_reads(share, live)
        # Subscribe, then take the mirror's state at once: nothing falls between the two and
        # nothing is in both (the mirror applies a message and queues its event in one step).
        subscription = self.bus.subscribe(f"viewers:{code}")
        state = self._state_now(share, live, *reads)
        response = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream",
                "Cache-Control": "no-store",
                "X-Accel-Buffering": "no",  # nginx: do not buffer the stream
            }
        )
        try:
            await response.prepare(request)
            await response.write(
                f"retry: {RECONNECT_MS}\nevent: state\ndata: {json.dumps(state)}\n\n".encode()
            )
            await self._tell_app_viewers(code)
            while True:
                try:
                    async with asyncio.timeout(HEARTBEAT_S):
                        frame = await subscription.get()
                except TimeoutError:
                    await response.write(b": ping\n\n")
                    continue
                if frame == CLOSED:
                    break
                await response.write(frame.encode())
        except ConnectionError:
            pass  # the viewer left; EventSource reconnects on its own if it wants to
        finally:
            subscription.close()
            with contextlib.suppress(Exception):
                await self._tell_app_viewers(code)
        return response

    async def _tell_app_viewers(self, code: str) -> None:
        """Count the viewers on every instance; tell the app and every viewer."""
        await self.bus.announce(f"viewers:{code}")
        count = await self.bus.audience(f"viewers:{code}")
        await self.bus.publish(f"app:{code}", live_wire.encode(live_wire.VIEWERS, count=count))
        await self._share_says(code, VIEWERS_COUNT, count=count)

    async def run_again(self, request: web.Request) -> web.StreamResponse:
        """Ask the app for another run (``POST /live/<code>/run-again``)."""
        self._require_viewer(request)
        share, _live = await self._lookup(request)
        if self._expired(share):
            raise self._error(410, "expired", "this share has expired", None)
        if not await self.bus.audience(f"app:{share.code}"):  # no instance holds the app
            raise self._error(
                409,
                "not_sharing",
                "the employee's app is not connected (sharing stopped); ask them to share again",
                None,
            )
        await self.bus.publish(f"app:{share.code}", live_wire.encode(live_wire.RUN_AGAIN))
        return web.json_response({"asked": True}, status=202)

    async def download(self, request: web.Request) -> web.StreamResponse:
        """One run's report (``GET /live/<code>/runs/<n>.json|html|txt``)."""
        self._require_viewer(request)
        share, _live = await self._lookup(request)
        fmt = request.match_info["fmt"]
        if fmt not in _FORMATS:
            raise self._error(404, "not_found", "reports download as .json, .html or .txt", None)
        run_no = int(request.match_info["run"])
        report = next(
            (dict(r.report) for r in await self._store.live_runs(share.code) if r.run == run_no),
            None,
        )
        if report is None:
            raise self._error(404, "not_found", f"run {run_no} has no report (yet)", None)
        name = f"callcheck-{share.code}-run{run_no}.{fmt}"
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        if fmt == "json":
            return web.json_response(report, headers=headers)
        if fmt == "html":
            # The report is client data: its page may draw, never run or fetch anything.
            headers["Content-Security-Policy"] = (
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
            )
            if request.query.get("inline"):
                del headers["Content-Disposition"]
            return web.Response(text=render_html(report), content_type="text/html", headers=headers)
        return web.Response(text=summary_text(report), content_type="text/plain", headers=headers)


def _plain_page(title: str, sentence: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>CallCheck live view — {title}</title><style>body{{font:18px system-ui,"
        "sans-serif;margin:3em auto;max-width:40em;padding:0 1em;color:#222}</style></head>"
        f'<body><h1 id="message-title">{title}</h1><p id="message">{sentence}</p></body></html>'
    )
