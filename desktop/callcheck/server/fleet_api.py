"""Fleet collection: laptops upload reports, IT reads them back (``/api/v1``), and /fleet.

HTTP contract
=============
================================  =================================================================
``POST /api/v1/reports``          a report (``application/json``, the report schema) with the fleet
                                  token → ``201`` ``{"id", "stored": true, "site"}`` and
                                  ``Location``; the same id again → ``200`` ``"stored": false``
                                  (uploads are idempotent by report id). Optional
                                  ``X-CallCheck-Host: <name>`` names the laptop.
``GET /api/v1/reports``           admin: ``since``, ``until`` (ISO 8601), ``site``, ``host``,
                                  ``limit`` (1–1000), ``cursor`` → ``{"reports": [...],
                                  "next_cursor"}``, newest first; CSV with ``Accept: text/csv``
                                  or ``format=csv`` (next cursor in ``X-Next-Cursor``)
``GET /api/v1/reports/<id>``      admin: the whole report (JSON; ``format=html`` the printable
                                  report)
``GET /api/v1/summary``           admin: ``by=site|host|hour``, ``since``, ``until``, ``site``
                                  (only that site) → per group:
                                  count, mean and p10 MOS, share below the pass mark, mean
                                  loss/jitter/RTT of the worse direction, top failure reasons
``GET /fleet``                    the fleet page (self-contained; it holds no data and reads the
                                  API with the admin token the admin types in or passes in the
                                  URL fragment ``#token=…``, which browsers never send)
================================  =================================================================

Upload auth: ``fleet_token`` if configured, else the server's ``token``, else open. Reads need
``admin_token``; with none configured they are refused (``403``): fleet data is never open.
Tokens are compared in constant time and never logged. Errors are the server's JSON errors:
``400`` bad JSON, schema violation, bad parameter or cursor, ``401`` token, ``403`` reads
disabled, ``404`` unknown report, ``413`` over ``max_report_bytes``, ``415`` not JSON.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import hmac
import io
import json
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, Final

import jsonschema
from aiohttp import web

from callcheck.core.report_html import render_html
from callcheck.resources import resource_path
from callcheck.server.config import ServerConfig
from callcheck.server.metrics import ServerMetrics
from callcheck.server.sites import SiteMap, SitesError
from callcheck.server.store import Store, SummaryBy, open_store, record_from_report
from callcheck.server.store.model import (
    COLUMNS,
    MAX_LIMIT,
    PASS_MARK_MOS,
    CursorError,
    ReportQuery,
    decode_cursor,
)

__all__ = ["FleetApi", "FleetSetupError"]

logger = logging.getLogger(__name__)

ErrorFactory = Callable[[int, str, str, dict[str, str] | None], Exception]

JSON_CONTENT_TYPE: Final = "application/json"
CSV_CONTENT_TYPE: Final = "text/csv"
HOST_HEADER: Final = "X-CallCheck-Host"
MAX_HOST_CHARS: Final = 253  # the longest DNS name (RFC 1035 §2.3.4)
MAX_ID_CHARS: Final = 128
#: How often reports past the retention window are deleted.
PURGE_INTERVAL_S: Final = 3600.0
_READ_CHUNK: Final = 64 * 1024
#: Spreadsheet formula prefixes: a CSV cell starting with one is quoted with ``'`` (a host
#: name is client-supplied; OWASP "CSV injection").
_FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")


_GROUPINGS: Final[dict[str, SummaryBy]] = {"site": "site", "host": "host", "hour": "hour"}


class FleetSetupError(Exception):
    """The fleet store or the sites CSV cannot be used; the message says which and why."""


def _parse_time(name: str, value: str | None) -> datetime | None:
    if value is None or value == "":
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "+"))
    except ValueError:
        raise ValueError(f"{name} must be an ISO 8601 time, e.g. 2026-12-01T00:00:00Z") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_PREFIXES) and not isinstance(value, int | float):
        return "'" + text
    return text


class FleetApi:
    """The fleet endpoints, the store they share, and its retention task."""

    def __init__(
        self,
        config: ServerConfig,
        metrics: ServerMetrics,
        *,
        error: ErrorFactory,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._config = config
        self._metrics = metrics
        self._error = error
        self._clock = clock
        self.store: Store = open_store(
            config.database, clock=clock, retention_days=config.retention_days
        )
        self.sites = SiteMap([])
        try:
            schema_text = resource_path("report.schema.json").read_text(encoding="utf-8")
        except (OSError, ValueError) as exc:
            raise FleetSetupError(f"cannot read the report schema: {exc}") from None
        schema = json.loads(schema_text)
        self._validator = jsonschema.Draft202012Validator(schema)
        self._purger: asyncio.Task[None] | None = None

    def mount(self, app: web.Application) -> None:
        """Add the routes; open the store at start-up and close it at clean-up."""
        app.router.add_post("/api/v1/reports", self.post_report)
        app.router.add_get("/api/v1/reports", self.list_reports)
        app.router.add_get("/api/v1/reports/{report_id}", self.get_report)
        app.router.add_get("/api/v1/summary", self.summary)
        app.router.add_get("/fleet", self.page)
        app.on_startup.append(self._start)
        app.on_cleanup.append(self._stop)

    async def _start(self, app: web.Application) -> None:
        if self._config.sites_csv is not None:
            try:
                self.sites = SiteMap.from_csv(self._config.sites_csv)
            except SitesError as exc:
                raise FleetSetupError(str(exc)) from None
        try:
            await self.store.open()
        except Exception as exc:  # asyncpg, sqlite3 and OS errors alike: say what failed
            with contextlib.suppress(Exception):
                await self.store.close()
            raise FleetSetupError(f"cannot open the fleet store: {exc}") from None
        self._purger = asyncio.create_task(self._purge_forever(), name="fleet-retention")

    async def _stop(self, app: web.Application) -> None:
        if self._purger is not None:
            self._purger.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._purger
        await self.store.close()

    async def _purge_forever(self) -> None:
        while True:
            try:
                deleted = await self.store.purge()
                if deleted:
                    logger.info("fleet: deleted %d reports past the retention window", deleted)
            except Exception:
                logger.exception("fleet: retention purge failed; retrying later")
            await asyncio.sleep(PURGE_INTERVAL_S)

    # -------------------------------------------------------------------------- auth

    def _presented(self, request: web.Request) -> str | None:
        scheme, _, value = request.headers.get("Authorization", "").partition(" ")
        return value.strip() if scheme.lower() == "bearer" and value.strip() else None

    def _check(self, request: web.Request, token: str) -> None:
        presented = self._presented(request)
        if presented is None:
            raise self._error(
                401,
                "unauthorized",
                "this endpoint needs a token: send 'Authorization: Bearer <token>'",
                {"WWW-Authenticate": 'Bearer realm="callcheck"'},
            )
        if not hmac.compare_digest(presented.encode(), token.encode()):
            raise self._error(
                401,
                "unauthorized",
                "the token was refused; check the token configured for this server",
                {"WWW-Authenticate": 'Bearer realm="callcheck", error="invalid_token"'},
            )

    def _require_uploader(self, request: web.Request) -> None:
        token = self._config.fleet_token or self._config.token
        if token is not None:
            self._check(request, token)

    def _require_admin(self, request: web.Request) -> None:
        if self._config.admin_token is None:
            raise self._error(
                403,
                "forbidden",
                "reading fleet data is disabled: set admin_token in the server configuration",
                None,
            )
        self._check(request, self._config.admin_token)

    # -------------------------------------------------------------------------- upload

    async def _read_json(self, request: web.Request) -> bytes:
        limit = self._config.max_report_bytes
        too_large = self._error(413, "too_large", f"the report is larger than {limit} bytes", None)
        if request.content_length is not None and request.content_length > limit:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self._config.request_timeout_s):
                while chunk := await request.content.read(_READ_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise too_large
                    chunks.append(chunk)
        except TimeoutError:
            raise self._error(
                408,
                "timeout",
                f"the body did not arrive within {self._config.request_timeout_s:g} s",
                None,
            ) from None
        return b"".join(chunks)

    def _parse_report(self, body: bytes) -> dict[str, Any]:
        """JSON → a schema-valid report, or a 400 that says what is wrong (off the loop)."""
        try:
            report = json.loads(body)
        except (UnicodeDecodeError, ValueError):
            raise self._error(400, "bad_request", "the body is not valid JSON", None) from None
        if not isinstance(report, dict):
            raise self._error(400, "bad_request", "the report must be a JSON object", None)
        error = jsonschema.exceptions.best_match(self._validator.iter_errors(report))
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
            raise self._error(
                400,
                "bad_request",
                f"not a valid CallCheck report at {where}: {error.message[:200]}",
                None,
            )
        report_id = report["id"]
        if len(report_id) > MAX_ID_CHARS or not report_id.isprintable():
            raise self._error(
                400, "bad_request", f"the report id must be ≤ {MAX_ID_CHARS} printable chars", None
            )
        return report

    def _host(self, request: web.Request) -> str | None:
        host = request.headers.get(HOST_HEADER)
        if host is None:
            return None
        host = host.strip()
        if not host or len(host) > MAX_HOST_CHARS or not host.isprintable():
            raise self._error(
                400,
                "bad_request",
                f"{HOST_HEADER} must be 1–{MAX_HOST_CHARS} printable characters",
                None,
            )
        return host

    async def post_report(self, request: web.Request) -> web.StreamResponse:
        """Store an uploaded report (``POST /api/v1/reports``)."""
        self._require_uploader(request)
        if request.content_type != JSON_CONTENT_TYPE:
            raise self._error(
                415,
                "unsupported_media_type",
                f"send the report as {JSON_CONTENT_TYPE} (got {request.content_type or 'none'})",
                {"Accept-Post": JSON_CONTENT_TYPE},
            )
        host = self._host(request)
        body = await self._read_json(request)
        # Parsing and validating a large report takes milliseconds: not on the media loop.
        report = await asyncio.get_running_loop().run_in_executor(None, self._parse_report, body)
        client = request.remote or "unknown"
        where = self.sites.lookup(request.remote)
        try:
            record = record_from_report(
                report,
                received_at=self._clock(),
                client_address=client,
                host=host,
                site=where.site,
                building=where.building,
                network_type=where.network_type,
            )
        except ValueError:
            raise self._error(
                400, "bad_request", "started_at must be an ISO 8601 date-time", None
            ) from None
        stored = await self.store.add_report(record)
        if stored:
            self._metrics.fleet.observe(record.site, record.result, record.mos)
        return web.json_response(
            {"id": record.id, "stored": stored, "site": record.site},
            status=201 if stored else 200,
            headers={"Location": f"/api/v1/reports/{record.id}"},
        )

    # -------------------------------------------------------------------------- reads

    def _bad(self, message: str) -> Exception:
        return self._error(400, "bad_request", message, None)

    def _times(self, query: Mapping[str, str]) -> tuple[datetime | None, datetime | None]:
        try:
            return _parse_time("since", query.get("since")), _parse_time(
                "until", query.get("until")
            )
        except ValueError as exc:
            raise self._bad(str(exc)) from None

    async def list_reports(self, request: web.Request) -> web.StreamResponse:
        """List reports (``GET /api/v1/reports``), JSON or CSV."""
        self._require_admin(request)
        q = request.query
        since, until = self._times(q)
        try:
            limit = int(q.get("limit", "100"))
        except ValueError:
            raise self._bad("limit must be a whole number") from None
        if not 1 <= limit <= MAX_LIMIT:
            raise self._bad(f"limit must be 1–{MAX_LIMIT}")
        try:
            after = decode_cursor(q["cursor"]) if q.get("cursor") else None
        except CursorError as exc:
            raise self._bad(str(exc)) from None
        fmt = q.get("format")
        if fmt not in (None, "json", "csv"):
            raise self._bad("format must be json or csv")
        page = await self.store.list_reports(
            ReportQuery(
                since=since,
                until=until,
                site=q.get("site") or None,
                host=q.get("host") or None,
                limit=limit,
                after=after,
            )
        )
        wants_csv = fmt == "csv" or (
            fmt is None and CSV_CONTENT_TYPE in request.headers.get("Accept", "")
        )
        if not wants_csv:
            return web.json_response(
                {
                    "reports": [r.columns() for r in page.records],
                    "next_cursor": page.next_cursor,
                }
            )
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 §2
        writer.writerow(COLUMNS)
        for r in page.records:
            writer.writerow([_csv_cell(v) for v in r.columns().values()])
        headers = {"Content-Disposition": 'attachment; filename="callcheck-fleet.csv"'}
        if page.next_cursor is not None:
            headers["X-Next-Cursor"] = page.next_cursor
        return web.Response(
            text=out.getvalue(), content_type=CSV_CONTENT_TYPE, charset="utf-8", headers=headers
        )

    async def get_report(self, request: web.Request) -> web.StreamResponse:
        """One whole report (``GET /api/v1/reports/<id>``)."""
        self._require_admin(request)
        record = await self.store.get_report(request.match_info["report_id"])
        if record is None:
            raise self._error(404, "not_found", "no such report (or past retention)", None)
        if request.query.get("format") == "html":
            # The report is client data: its page may draw, never run or fetch anything.
            return web.Response(
                text=render_html(record.report),
                content_type="text/html",
                headers={
                    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                    "img-src data:"
                },
            )
        return web.json_response(dict(record.report))

    async def summary(self, request: web.Request) -> web.StreamResponse:
        """Aggregates by site, host or hour (``GET /api/v1/summary``)."""
        self._require_admin(request)
        by = _GROUPINGS.get(request.query.get("by", "site"))
        if by is None:
            raise self._bad("by must be site, host or hour")
        since, until = self._times(request.query)
        site = request.query.get("site") or None
        rows = await self.store.summary(by, since, until, site)
        return web.json_response(
            {
                "by": by,
                "since": None if since is None else since.isoformat(),
                "until": None if until is None else until.isoformat(),
                "site": site,
                "pass_mark_mos": PASS_MARK_MOS,
                "groups": [row.to_json() for row in rows],
            }
        )

    async def page(self, request: web.Request) -> web.StreamResponse:
        """The fleet page (``GET /fleet``)."""
        from callcheck.server.fleet_page import fleet_page_html

        return web.Response(
            text=fleet_page_html(),
            content_type="text/html",
            headers={
                # Self-contained: no other origin is ever contacted; the token stays here.
                "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; "
                "style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; "
                "frame-src blob:; base-uri 'none'; form-action 'none'",
                "Referrer-Policy": "no-referrer",
                "Cache-Control": "no-store",
            },
        )
