"""The test report: the model behind `--json`, `--report FILE` and the GUI's results.

The JSON form is a contract (DESIGN.md, Interfaces → Report) that IT scripts read: field names
only ever get added, never renamed. Its JSON Schema ships as ``resources/report.schema.json``;
``schema`` names the version, and :func:`upgrade` brings an older report up to the current one so
an old file still opens.

Units are in the names. Every statistic of a quantity (``rtt_ms``, ``jitter_ms``, ``loss_pct``…)
is an object with ``mean``, ``p50``, ``p95`` and ``max``; ``null`` means "not measured".
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urlsplit, urlunsplit

from callcheck.core.packets import Percentiles
from callcheck.core.quality import QualityResult
from callcheck.core.result_phrases import verdict_phrase

SCHEMA_VERSION: Final = "callcheck.report/1"
SUPPORTED_SCHEMAS: Final = (SCHEMA_VERSION,)


class ReportFormatError(ValueError):
    """A report file that is not a CallCheck report, or of an unknown version."""


#: The mean/p50/p95/max summary of a report figure: the one type of core
#: (:class:`callcheck.core.packets.Percentiles`, nearest-rank percentiles).
Summary = Percentiles


def _summary_json(s: Summary | None) -> dict[str, float] | None:
    return None if s is None else s.to_json()


@dataclass(frozen=True, slots=True)
class DirectionReport:
    """One direction of the call (uplink: this computer → far end; downlink: back)."""

    measured_by: str
    """Who counted the packets: ``client``, ``reflector``, ``peer`` or ``loopback``."""
    rtt_ms: Summary | None
    jitter_ms: Summary | None
    loss_pct: Summary | None
    packets_sent: int | None
    packets_received: int
    packets_lost: int
    duplicates: int
    reordered: int
    burst_ratio: float
    one_way_delay_ms: Summary | None = None
    """Only where both ends share a clock (loopback)."""
    mean_burst_packets: float = 0.0
    mean_gap_packets: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """The JSON object for ``network.uplink`` / ``network.downlink``."""
        return {
            "measured_by": self.measured_by,
            "rtt_ms": _summary_json(self.rtt_ms),
            "jitter_ms": _summary_json(self.jitter_ms),
            "loss_pct": _summary_json(self.loss_pct),
            "packets_sent": self.packets_sent,
            "packets_received": self.packets_received,
            "packets_lost": self.packets_lost,
            "duplicates": self.duplicates,
            "reordered": self.reordered,
            "burst_ratio": round(self.burst_ratio, 3),
            "mean_burst_packets": round(self.mean_burst_packets, 3),
            "mean_gap_packets": round(self.mean_gap_packets, 3),
            "one_way_delay_ms": _summary_json(self.one_way_delay_ms),
        }


@dataclass(frozen=True, slots=True)
class PlayoutReport:
    """Our playout (jitter) buffer at the receiving end."""

    delay_ms: Summary | None
    late_discard_pct: float
    concealed_pct: float
    frames_played: int
    frames_concealed: int
    late_discards: int

    def to_json(self) -> dict[str, Any]:
        """The JSON object for ``playout``."""
        return {
            "delay_ms": _summary_json(self.delay_ms),
            "late_discard_pct": round(self.late_discard_pct, 3),
            "concealed_pct": round(self.concealed_pct, 3),
            "frames_played": self.frames_played,
            "frames_concealed": self.frames_concealed,
            "late_discards": self.late_discards,
        }


@dataclass(frozen=True, slots=True)
class TimelineSample:
    """One interval of the live test (the gauge's values over time)."""

    t_s: float
    mos: float | None
    """The gauge's value: the call so far, rated as the verdict is (converges to it)."""
    r_factor: float | None
    rtt_ms: float | None
    jitter_ms: float | None
    loss_pct: float | None
    buffer_ms: float | None
    mos_recent: float | None = None
    """The last second only (:class:`~callcheck.core.live_rating.RecentWindow`): the gauge's
    recent-trouble trace, the snapshot's ``quality_recent``; ``None`` before it exists."""

    def to_json(self) -> dict[str, Any]:
        """One element of ``timeline``."""

        def r(v: float | None, nd: int = 2) -> float | None:
            return None if v is None or not math.isfinite(v) else round(v, nd)

        return {
            "t_s": r(self.t_s, 3),
            "mos": r(self.mos),
            "r_factor": r(self.r_factor),
            "rtt_ms": r(self.rtt_ms),
            "jitter_ms": r(self.jitter_ms),
            "loss_pct": r(self.loss_pct),
            "buffer_ms": r(self.buffer_ms),
            "mos_recent": r(self.mos_recent),
        }


@dataclass(frozen=True, slots=True)
class Report:
    """A complete test report. Sections not measured in a test are empty objects or null."""

    id: str
    started_at: str
    """ISO 8601 with time zone."""
    mode: str
    """``loopback``, ``server`` or ``peer``."""
    codec: str
    """The negotiated WebRTC codec (``opus``, ``g722``, ``pcmu``, ``pcma``)."""
    duration_s: float
    app_version: str
    uplink: DirectionReport | None
    downlink: DirectionReport | None
    playout: PlayoutReport | None
    quality: Mapping[str, Any] | None
    """As produced by :func:`quality_json`; None when the call never carried media."""
    verdict: Mapping[str, Any]
    timeline: Sequence[TimelineSample] = ()
    audio_path: Mapping[str, Any] = field(default_factory=dict)
    ice: Mapping[str, Any] = field(default_factory=dict)
    recommendations: Mapping[str, Any] = field(default_factory=dict)
    impairment: Mapping[str, Any] | None = None
    """The emulated impairment, when the test ran in what-if mode."""
    errors: Sequence[Mapping[str, str]] = ()
    """What went wrong, if anything: ``{"code", "message"}``. A partial result is still kept."""
    environment: Mapping[str, Any] = field(default_factory=dict)
    connectivity: Mapping[str, Any] | None = None
    """Server and peer modes: each connectivity check (HTTP(S), token, room, UDP, TURN) by
    name, with its outcome; ``None`` in loopback."""

    def to_json(self) -> dict[str, Any]:
        """The report as a JSON-ready dict (see ``resources/report.schema.json``)."""
        return {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "started_at": self.started_at,
            "app_version": self.app_version,
            "mode": self.mode,
            "codec": self.codec,
            "duration_s": round(self.duration_s, 3),
            "network": {
                "uplink": None if self.uplink is None else self.uplink.to_json(),
                "downlink": None if self.downlink is None else self.downlink.to_json(),
            },
            "playout": None if self.playout is None else self.playout.to_json(),
            "audio_path": dict(self.audio_path),
            "ice": dict(self.ice),
            "quality": None if self.quality is None else dict(self.quality),
            "timeline": [s.to_json() for s in self.timeline],
            "recommendations": dict(self.recommendations),
            "impairment": None if self.impairment is None else dict(self.impairment),
            "verdict": dict(self.verdict),
            "errors": [dict(e) for e in self.errors],
            "environment": dict(self.environment),
            "connectivity": None if self.connectivity is None else dict(self.connectivity),
        }


def upgrade(data: Mapping[str, Any]) -> dict[str, Any]:
    """Bring a report read from JSON up to the current schema; raises ReportFormatError.

    There is one version so far; this is where a future version maps older files forward.
    """
    if not isinstance(data, Mapping):
        raise ReportFormatError("not a CallCheck report: expected a JSON object")
    schema = data.get("schema")
    if schema not in SUPPORTED_SCHEMAS:
        raise ReportFormatError(
            f"not a CallCheck report, or a newer version than this app reads (schema {schema!r})"
        )
    return dict(data)


def quality_json(result: QualityResult) -> dict[str, Any]:
    """The ``quality`` object of a report; `callcheck mos --json` prints the same."""
    return {
        "r_factor": round(result.r_factor, 2),
        "mos": round(result.mos, 2),
        "grade": str(result.grade),
        "passed": result.passed,
        "scale": str(result.scale),
        "mos_label": result.mos_label,
        "codec": result.codec_key,
        "breakdown": result.breakdown_dict(),
        "inputs": {
            item.name: {
                "value": round(item.value, 3),
                "unit": item.unit,
                "provenance": str(item.provenance),
                "source": item.source,
                **(
                    {"clamped_from": round(item.raw_value, 3)} if item.raw_value is not None else {}
                ),
            }
            for item in result.inputs
        },
    }


def verdict_text(quality: QualityResult | None, *, partial: bool) -> str:
    """One sentence a helpdesk can read out: grade, MOS, pass or not, and whether complete.

    The English of :func:`callcheck.core.result_phrases.verdict_phrase`, the one place the
    sentence is written (translatable there).
    """
    if quality is None:
        return verdict_phrase(None, None, passed=False, partial=partial).text
    return verdict_phrase(quality.grade, quality.mos, passed=quality.passed, partial=partial).text


def failure_report(
    *,
    report_id: str,
    started_at: str,
    mode: str,
    codec: str,
    app_version: str,
    code: str,
    message: str,
    connectivity: Mapping[str, Any] | None = None,
    environment: Mapping[str, Any] | None = None,
    audio_path: Mapping[str, Any] | None = None,
    ice: Mapping[str, Any] | None = None,
) -> Report:
    """The report of a test that could not run — the one definition, used by the engine's test
    session (issue 14: a test that cannot start still leaves its report) and by the desktop app
    for failures it sees itself (issue 16: failed tests are kept in History).

    Nothing was measured on the media path, so the network, playout and quality sections are
    null; the verdict says the test is incomplete and did not pass; ``errors`` holds the reason
    code and the words the user saw; ``connectivity`` the checks done before it stopped.
    ``started_at`` is given (the core reads no clock)."""
    return Report(
        id=report_id,
        started_at=started_at,
        mode=mode,
        codec=codec,
        duration_s=0.0,
        app_version=app_version,
        uplink=None,
        downlink=None,
        playout=None,
        quality=None,
        verdict={
            "passed": False,
            "grade": None,
            "mos": None,
            "complete": False,
            "summary": verdict_text(None, partial=True),
        },
        audio_path=dict(audio_path or {"device_used": False}),
        ice=dict(ice or {}),
        recommendations={"codecs": [], "actions": []},
        errors=({"code": code, "message": message},),
        environment=dict(environment or {}),
        connectivity=None if connectivity is None else dict(connectivity),
    )


def public_server_url(url: str) -> str:
    """A server URL as a report may carry it: scheme, host, port and path only — no user
    name, password, query or fragment (a token pasted into a URL must not reach a ticket)."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return ""
    if not host:
        return ""
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    return urlunsplit((parts.scheme, f"{host}{port}", parts.path, "", ""))
