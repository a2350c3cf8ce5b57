"""Turn a finished test call into the report model (:mod:`callcheck.core.report`)."""

from __future__ import annotations

import json
import os
import platform
import tempfile
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from callcheck import __version__
from callcheck.core.packets import Percentiles
from callcheck.core.quality import estimated, measured
from callcheck.core.recommend import predict_codecs
from callcheck.core.report import (
    DirectionReport,
    PlayoutReport,
    Report,
    Summary,
    TimelineSample,
    quality_json,
    verdict_text,
)
from callcheck.engine.snapshots import CallResult, DirectionResult, LiveSnapshot


def _summary(p: Percentiles | None) -> Summary | None:
    return None if p is None else Summary(p.mean, p.p50, p.p95, p.max)


def _direction(d: DirectionResult, timeline: tuple[LiveSnapshot, ...]) -> DirectionReport:
    t = d.totals
    snaps = [getattr(s, d.direction) for s in timeline]
    jitter = Summary.of(s.jitter_ms for s in snaps) or Summary.single(t.jitter_ms)
    loss = Summary.of(s.loss_interval_pct for s in snaps)
    # The mean over the call is the total loss, not the mean of the intervals.
    if loss is not None:
        loss = Summary(t.loss_pct, loss.p50, loss.p95, max(loss.max, t.loss_pct))
    else:
        loss = Summary.single(t.loss_pct)
    return DirectionReport(
        measured_by="loopback",
        rtt_ms=_summary(d.rtt_ms),
        jitter_ms=jitter,
        loss_pct=loss,
        packets_sent=d.packets_sent,
        packets_received=t.packets_received,
        packets_lost=t.packets_lost,
        duplicates=t.duplicates,
        reordered=t.reordered,
        burst_ratio=t.bursts.burst_ratio,
        one_way_delay_ms=_summary(t.one_way_delay_ms),
        mean_burst_packets=t.bursts.mean_burst_packets,
        mean_gap_packets=t.bursts.mean_gap_packets,
    )


def _timeline(result: CallResult) -> tuple[TimelineSample, ...]:
    samples = []
    for s in result.timeline:
        # The gauge shows the worse direction; so does the timeline.
        worse = s.downlink
        if s.uplink.quality is not None and (
            s.downlink.quality is None or s.uplink.quality.mos < s.downlink.quality.mos
        ):
            worse = s.uplink
        samples.append(
            TimelineSample(
                t_s=s.elapsed_s,
                mos=None if s.quality is None else s.quality.mos,
                r_factor=None if s.quality is None else s.quality.r_factor,
                rtt_ms=worse.rtt_ms,
                jitter_ms=worse.jitter_ms,
                loss_pct=worse.loss_interval_pct,
                buffer_ms=worse.playout_delay_ms,
            )
        )
    return tuple(samples)


def _recommendations(result: CallResult) -> dict[str, Any]:
    d = result.downlink
    rtt = d.rtt_ms.mean if d.rtt_ms is not None else None
    if rtt is None and d.totals.one_way_delay_ms is None:
        return {"codecs": [], "actions": []}
    if d.totals.one_way_delay_ms is not None:
        delay = measured(d.totals.one_way_delay_ms.mean, "one-way delay")
    else:
        assert rtt is not None
        delay = estimated(rtt / 2.0, "round trip / 2")
    rows = predict_codecs(
        network_delay_ms=delay,
        loss_pct=measured(d.totals.loss_pct),
        jitter_ms=measured(d.totals.jitter_ms),
        burst_ratio=measured(max(1.0, d.totals.bursts.burst_ratio)),
    )
    return {
        "codecs": [
            {
                "codec": r.codec_key,
                "name": r.name,
                "predicted_mos": round(r.predicted_mos, 2),
                "bandwidth_kbps": round(r.bandwidth_kbps, 1),
                "fits_bandwidth": r.fits_bandwidth,
                "reason": r.reason,
            }
            for r in rows
        ],
        "actions": [],
    }


def build_report(
    result: CallResult,
    *,
    report_id: str | None = None,
    audio_path: Mapping[str, Any] | None = None,
    ice_servers: tuple[str, ...] = (),
) -> Report:
    """The report of one finished (or cut-short) call."""
    q = result.quality
    errors = []
    if result.ended_early is not None:
        errors.append(
            {"code": result.ended_early.reason_code, "message": result.ended_early.message}
        )
    verdict = {
        "passed": bool(q is not None and q.passed and not result.partial),
        "grade": None if q is None else str(q.grade),
        "mos": None if q is None else round(q.mos, 2),
        "complete": not result.partial,
        "summary": verdict_text(q, partial=result.partial),
    }
    return Report(
        id=report_id or uuid.uuid4().hex[:12],
        started_at=result.started_at.isoformat(timespec="seconds"),
        mode=result.mode,
        codec=result.codec,
        duration_s=result.duration_s,
        app_version=__version__,
        uplink=_direction(result.uplink, result.timeline),
        downlink=_direction(result.downlink, result.timeline),
        playout=_playout(result.downlink),
        quality=None if q is None else quality_json(q),
        verdict=verdict,
        timeline=_timeline(result),
        audio_path=dict(audio_path or {"device_used": False}),
        ice={
            "local_candidate": result.ice.local_candidate,
            "remote_candidate": result.ice.remote_candidate,
            "protocol": result.ice.protocol,
            "relay_used": result.ice.relay_used,
            "ice_servers": list(ice_servers),
            "connect_ms": round(result.connect_ms, 1),
        },
        recommendations=_recommendations(result),
        impairment=None if result.impairment is None else {"spec": result.impairment},
        errors=errors,
        environment={
            "os": platform.system(),
            "os_release": platform.release(),
            "python": platform.python_version(),
        },
    )


def _playout(d: DirectionResult) -> PlayoutReport:
    p = d.playout
    return PlayoutReport(
        delay_ms=_summary(p.delay_ms),
        late_discard_pct=p.late_discard_pct,
        concealed_pct=p.concealed_pct,
        frames_played=p.frames_played,
        frames_concealed=p.frames_concealed,
        late_discards=p.late_discards,
    )


def write_report_json(report: Report, path: Path) -> None:
    """Write the report atomically: a crash mid-write never leaves half a file behind."""
    data = json.dumps(report.to_json(), indent=2) + "\n"
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
