"""What the fleet store holds and answers: one row per uploaded test, queries, summaries.

Protocol-neutral types shared by every back end (:mod:`.sqlite`, :mod:`.postgres`), the HTTP
API (:mod:`callcheck.server.fleet_api`) and the metrics. A row keeps the test's key figures as
columns (what the queries filter and aggregate on) and the whole report as JSON.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, Literal, Protocol

from callcheck.core.grades import PASS_MOS
from callcheck.core.report_text import key_numbers

__all__ = [
    "COLUMNS",
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "CursorError",
    "FleetRecord",
    "LiveRun",
    "LiveShare",
    "ReasonCount",
    "ReportPage",
    "ReportQuery",
    "Store",
    "SummaryBy",
    "SummaryRow",
    "decode_cursor",
    "encode_cursor",
    "failure_reason",
    "from_us",
    "percentile_of_counts",
    "record_from_report",
    "to_us",
]

#: The grouping a summary may use.
SummaryBy = Literal["site", "host", "hour"]

#: Rows a listing returns when no ``limit`` is given, and the most it may ask for.
DEFAULT_LIMIT: Final = 100
MAX_LIMIT: Final = 1000
#: Failure reasons listed per summary group.
TOP_REASONS: Final = 3
#: The p10 of a group: the MOS that the worst tenth of its tests fall below.
LOW_PERCENTILE: Final = 10.0

#: How an hour group is named (UTC).
HOUR_FORMAT: Final = "%Y-%m-%dT%H:00:00+00:00"

#: Key-figure columns, in the order of the CSV and of :meth:`FleetRecord.columns`.
COLUMNS: Final = (
    "id",
    "received_at",
    "started_at",
    "host",
    "client_address",
    "site",
    "building",
    "network_type",
    "mode",
    "codec",
    "mos",
    "grade",
    "passed",
    "rtt_ms",
    "jitter_ms",
    "loss_pct",
    "failure_reason",
)


def to_us(moment: datetime) -> int:
    """Microseconds since the Unix epoch (exact, unlike a float of seconds)."""
    delta = moment - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_us(us: int) -> datetime:
    """Inverse of :func:`to_us`, in UTC."""
    return datetime.fromtimestamp(us // 1_000_000, UTC).replace(microsecond=us % 1_000_000)


@dataclass(frozen=True, slots=True)
class FleetRecord:
    """One uploaded test: its key figures and the whole report."""

    id: str
    """The report's own ``id`` (uploads are idempotent by it)."""
    received_at: datetime
    """When the server stored it (UTC; retention counts from here)."""
    started_at: datetime
    """When the test started, from the report (UTC; listings and summaries use this)."""
    host: str
    """The laptop's name as its uploader gave it, else the client address."""
    client_address: str
    """The client address as the server saw it."""
    site: str
    """Site from the sites CSV (``unknown`` when no subnet matches)."""
    building: str
    """Building from the sites CSV ('' when unknown)."""
    network_type: str
    """Network type from the sites CSV (e.g. ``wifi``, ``wired``, ``vpn``; '' when unknown)."""
    mode: str
    """``loopback``, ``server`` or ``peer``."""
    codec: str
    """The codec the test used."""
    mos: float | None
    """The verdict's MOS (``None`` when the test could not rate the call)."""
    grade: str | None
    """The verdict's grade."""
    passed: bool
    """The verdict: MOS at or above the pass mark and the test complete."""
    rtt_ms: float | None
    """Mean RTT of the worse direction."""
    jitter_ms: float | None
    """Mean RFC 3550 jitter of the worse direction."""
    loss_pct: float | None
    """Mean packet loss of the worse direction."""
    failure_reason: str | None
    """Why the test failed, as a short key (``None`` when it passed)."""
    report: Mapping[str, Any]
    """The whole report as uploaded."""

    def columns(self) -> dict[str, Any]:
        """The key figures as JSON-ready values, keyed by :data:`COLUMNS`."""
        return {
            name: (
                value.isoformat() if isinstance(value := getattr(self, name), datetime) else value
            )
            for name in COLUMNS
        }

    @property
    def result(self) -> str:
        """``pass``, ``fail`` (rated below the pass mark) or ``error`` (could not rate)."""
        if self.passed:
            return "pass"
        return "fail" if self.mos is not None else "error"


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


#: E-model impairments (G.107 §7) named as the reason a rated test fell below the pass mark.
_IMPAIRMENT_REASONS: Final = {"Id": "delay", "Ie_eff": "loss_or_codec", "Is": "signal"}


def failure_reason(report: Mapping[str, Any]) -> str | None:
    """Why a test did not pass, as a short key a summary can count.

    The first error the test recorded (``error:<code>``), else the first failed connectivity
    check (``connectivity:<kind or name>``), else the E-model impairment that cost the most
    (``quality:delay`` / ``quality:loss_or_codec`` / ``quality:signal``, G.107 §7), else
    ``quality:below_pass_mark``. ``None`` when the verdict passed.
    """
    verdict = report.get("verdict") or {}
    if verdict.get("passed") is True:
        return None
    for error in report.get("errors") or ():
        if isinstance(error, Mapping) and isinstance(error.get("code"), str):
            return f"error:{error['code']}"
    connectivity = report.get("connectivity")
    if isinstance(connectivity, Mapping):
        for check in connectivity.get("checks") or ():
            if isinstance(check, Mapping) and check.get("status") == "failed":
                return f"connectivity:{check.get('kind') or check.get('name')}"
    breakdown = (report.get("quality") or {}).get("breakdown") or {}
    costs = {
        reason: cost
        for key, reason in _IMPAIRMENT_REASONS.items()
        if (cost := _number(breakdown.get(key))) is not None and cost > 0
    }
    if costs:
        return f"quality:{max(costs, key=lambda reason: costs[reason])}"
    return "quality:below_pass_mark"


def record_from_report(
    report: Mapping[str, Any],
    *,
    received_at: datetime,
    client_address: str,
    host: str | None,
    site: str,
    building: str = "",
    network_type: str = "",
) -> FleetRecord:
    """The row for a report that already passed schema validation."""
    verdict = report.get("verdict") or {}
    quality = report.get("quality") or {}
    # The verdict is the one rating; older reports without ``verdict.mos`` fall back to
    # ``quality.mos``. A verdict with ``mos: null`` was not rated.
    mos = _number(verdict["mos"] if "mos" in verdict else quality.get("mos"))
    grade = verdict.get("grade") or quality.get("grade")
    started = datetime.fromisoformat(str(report["started_at"]).replace("Z", "+00:00"))
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    numbers = key_numbers(report)
    passed = verdict.get("passed") is True
    return FleetRecord(
        id=str(report["id"]),
        received_at=received_at.astimezone(UTC),
        started_at=started.astimezone(UTC),
        host=host or client_address,
        client_address=client_address,
        site=site,
        building=building,
        network_type=network_type,
        mode=str(report["mode"]),
        codec=str(report["codec"]),
        mos=mos,
        grade=str(grade) if grade is not None else None,
        passed=passed,
        rtt_ms=numbers["rtt_ms"],
        jitter_ms=numbers["jitter_ms"],
        loss_pct=numbers["loss_pct"],
        failure_reason=None if passed else failure_reason(report),
        report=report,
    )


# ------------------------------------------------------------------------------ queries


class CursorError(ValueError):
    """A listing cursor that this server did not hand out."""


def encode_cursor(started_at: datetime, report_id: str) -> str:
    """An opaque cursor: the position after the last row of a page."""
    raw = json.dumps([to_us(started_at), report_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    """Inverse of :func:`encode_cursor`; :class:`CursorError` for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        us, report_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise CursorError("the cursor is not one this server handed out") from None
    if not isinstance(us, int) or isinstance(us, bool) or not isinstance(report_id, str):
        raise CursorError("the cursor is not one this server handed out")
    try:
        return from_us(us), report_id
    except (OverflowError, OSError, ValueError):
        raise CursorError("the cursor is not one this server handed out") from None


@dataclass(frozen=True, slots=True)
class ReportQuery:
    """A listing: newest test first, filtered, one page at a time."""

    since: datetime | None = None
    """Tests started at or after this."""
    until: datetime | None = None
    """Tests started before this."""
    site: str | None = None
    """Only this site."""
    host: str | None = None
    """Only this host."""
    limit: int = DEFAULT_LIMIT
    """Rows per page (1 … :data:`MAX_LIMIT`)."""
    after: tuple[datetime, str] | None = None
    """Continue after this (started_at, id) — a decoded cursor."""


@dataclass(frozen=True, slots=True)
class ReportPage:
    """One page of a listing."""

    records: tuple[FleetRecord, ...]
    """The rows, newest first."""
    next_cursor: str | None
    """Pass as ``cursor`` for the next page; ``None`` on the last page."""


@dataclass(frozen=True, slots=True)
class ReasonCount:
    """A failure reason and how many tests of a group failed for it."""

    reason: str
    count: int


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """Aggregates of one group (a site, a host or an hour)."""

    key: str
    """The site, the host, or the hour (``YYYY-MM-DDTHH:00:00+00:00``, UTC)."""
    count: int
    """Tests in the group."""
    rated: int
    """Tests with a MOS."""
    mean_mos: float | None
    """Mean MOS of the rated tests."""
    p10_mos: float | None
    """10th percentile MOS (linear interpolation, as PostgreSQL's ``percentile_cont``)."""
    below_pass_share: float | None
    """Share (0–1) of rated tests below the pass mark :data:`PASS_MOS`."""
    mean_loss_pct: float | None
    """Mean packet loss of the worse direction."""
    mean_jitter_ms: float | None
    """Mean jitter of the worse direction."""
    mean_rtt_ms: float | None
    """Mean RTT of the worse direction."""
    top_failure_reasons: tuple[ReasonCount, ...]
    """The most frequent failure reasons, most frequent first."""

    def to_json(self) -> dict[str, Any]:
        """JSON object for ``GET /api/v1/summary``."""
        return {
            "key": self.key,
            "count": self.count,
            "rated": self.rated,
            "mean_mos": _round(self.mean_mos),
            "p10_mos": _round(self.p10_mos),
            "below_pass_share": _round(self.below_pass_share),
            "mean_loss_pct": _round(self.mean_loss_pct),
            "mean_jitter_ms": _round(self.mean_jitter_ms),
            "mean_rtt_ms": _round(self.mean_rtt_ms),
            "top_failure_reasons": [
                {"reason": r.reason, "count": r.count} for r in self.top_failure_reasons
            ],
        }


def percentile_of_counts(counts: Sequence[tuple[float, int]], percent: float) -> float:
    """The ``percent`` percentile of values given as (value, how many times) pairs, by linear
    interpolation between the closest ranks — the definition of PostgreSQL's
    ``percentile_cont`` and numpy's default ``percentile``, without expanding the values."""
    ordered = sorted(counts)
    total = sum(n for _, n in ordered)
    if total <= 0:
        raise ValueError("no values")
    position = percent / 100.0 * (total - 1)
    below = math.floor(position)
    lower = upper = None
    seen = 0
    for value, n in ordered:
        seen += n
        if lower is None and seen > below:
            lower = value
        if seen > below + 1 or seen >= total:
            upper = value
            break
    assert lower is not None  # total > 0: the loop reached rank `below`
    assert upper is not None
    return float(lower + (position - below) * (upper - lower))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def top_reasons(counts: Sequence[tuple[str, str, int]]) -> dict[str, tuple[ReasonCount, ...]]:
    """(group, reason, count) rows → the :data:`TOP_REASONS` most frequent per group (ties by
    name, so both back ends agree)."""
    grouped: dict[str, list[ReasonCount]] = {}
    for key, reason, count in counts:
        grouped.setdefault(key, []).append(ReasonCount(reason, int(count)))
    return {
        key: tuple(sorted(rows, key=lambda r: (-r.count, r.reason))[:TOP_REASONS])
        for key, rows in grouped.items()
    }


#: The pass mark the summaries compare against (one definition: :mod:`callcheck.core.grades`).
PASS_MARK_MOS: Final = PASS_MOS


@dataclass(frozen=True, slots=True)
class LiveShare:
    """A helpdesk live-view share (issue 17): its view code and when it stops being live."""

    code: str
    """The view code (``AC7-K3M-9PX``), the share's key."""
    secret_sha256: str
    """SHA-256 (hex) of the publisher's secret: the secret itself is never stored."""
    created_at: datetime
    """When the app created it (UTC; retention counts from here)."""
    expires_at: datetime
    """After this the app can no longer publish; the stored runs stay until retention."""


@dataclass(frozen=True, slots=True)
class LiveRun:
    """The finished report of one run of a shared session."""

    code: str
    """The share's view code."""
    run: int
    """1 for the first test of the session, 2 after "ask to run again", …"""
    stored_at: datetime
    """When the server stored it (UTC)."""
    report: Mapping[str, Any]
    """The whole report as the app sent it (schema-valid)."""


class Store(Protocol):
    """The server's store. Every back end applies its migrations in :meth:`open`."""

    async def open(self) -> None:
        """Connect and bring the schema up to date (versioned migrations)."""

    async def close(self) -> None:
        """Release connections and threads."""

    async def add_report(self, record: FleetRecord) -> bool:
        """Store ``record``; ``False`` (and no change) when its id is already stored."""

    async def get_report(self, report_id: str) -> FleetRecord | None:
        """The stored row with the whole report, or ``None``."""

    async def list_reports(self, query: ReportQuery) -> ReportPage:
        """One page of rows (newest first)."""

    async def summary(
        self,
        by: SummaryBy,
        since: datetime | None = None,
        until: datetime | None = None,
        site: str | None = None,
    ) -> tuple[SummaryRow, ...]:
        """Aggregates per group of tests started in [since, until) (at ``site`` only, when
        given), ordered by key."""

    async def purge(self) -> int:
        """Delete rows received before the retention window (by the store's clock); returns
        how many."""

    async def schema_version(self) -> int:
        """The newest migration applied."""

    async def add_live_share(self, share: LiveShare) -> bool:
        """Store a new share; ``False`` (and no change) when its code is taken."""

    async def get_live_share(self, code: str) -> LiveShare | None:
        """The share with this code, or ``None``."""

    async def add_live_run(self, run: LiveRun) -> bool:
        """Store a run's report; ``False`` (and no change) when that run is already stored."""

    async def live_runs(self, code: str) -> tuple[LiveRun, ...]:
        """The stored runs of a share, first run first."""

    async def purge_live(self, created_before: datetime) -> int:
        """Delete shares created before ``created_before`` and their runs; returns how many
        shares."""
