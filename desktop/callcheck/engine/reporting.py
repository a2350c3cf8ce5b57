"""Turn a finished test call into the report model (:mod:`callcheck.core.report`)."""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import tempfile
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from callcheck import __version__
from callcheck.core.advice import advise, inputs_from_report
from callcheck.core.capacity import CapacityResult, narrowest_kbps
from callcheck.core.codecs import codec
from callcheck.core.host import HostInfo
from callcheck.core.packets import Percentiles
from callcheck.core.qos import QosResult
from callcheck.core.quality import estimated, measured
from callcheck.core.recommend import (
    CANDIDATE_FOR_WEBRTC,
    CodecPrediction,
    candidate,
    predict_codecs,
    wire_bandwidth_kbps,
)
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
        measured_by=d.measured_by,
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


def _recommendations(
    result: CallResult, audio_path: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    return build_recommendations(result, audio_path=audio_path)


def _worse_direction(result: CallResult) -> DirectionResult:
    """The direction with more loss (the downlink on a tie): what the user hears worst."""
    up, down = result.uplink, result.downlink
    return up if up.totals.loss_pct > down.totals.loss_pct else down


def build_recommendations(
    result: CallResult,
    *,
    host: HostInfo | None = None,
    qos: QosResult | None = None,
    capacity: Sequence[CapacityResult] = (),
    audio_path: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The report's ``recommendations``: ranked codecs and the actions that apply.

    Codecs are predicted on the worse direction's loss, burstiness and jitter, the measured
    one-way delay (else RTT / 2), and checked against the narrower measured bandwidth.
    """
    d = _worse_direction(result)
    rtts = [x.rtt_ms.mean for x in (result.uplink, result.downlink) if x.rtt_ms is not None]
    rtt = max(rtts) if rtts else None
    rows: tuple[CodecPrediction, ...] = ()
    if d.totals.one_way_delay_ms is not None or rtt is not None:
        if d.totals.one_way_delay_ms is not None:
            delay = measured(d.totals.one_way_delay_ms.mean, "one-way delay")
        else:
            assert rtt is not None
            delay = estimated(rtt / 2.0, "round trip / 2")
        bursts = d.totals.bursts
        rows = predict_codecs(
            network_delay_ms=delay,
            loss_pct=measured(d.totals.loss_pct),
            jitter_ms=measured(d.totals.jitter_ms),
            burst_ratio=measured(max(1.0, bursts.burst_ratio)),
            gilbert_q=bursts.q if bursts.packets_lost > 0 else None,
            late_discard_pct=measured(d.playout.late_discard_pct),
            available_kbps=narrowest_kbps(capacity),
            reference=CANDIDATE_FOR_WEBRTC.get(result.codec, "g711-plc"),
        )
    codecs = [r.to_json() for r in rows]
    current = CANDIDATE_FOR_WEBRTC.get(result.codec)
    draft = {
        "network": {
            "uplink": _direction(result.uplink, result.timeline).to_json(),
            "downlink": _direction(result.downlink, result.timeline).to_json(),
        },
        "playout": _playout(d).to_json(),
        "quality": None if result.quality is None else {"mos": result.quality.mos},
        "ice": {"relay_used": result.ice.relay_used, "protocol": result.ice.protocol},
        "recommendations": {"codecs": codecs},
        "audio_path": dict(audio_path or {}),  # the device-delay advice names the device
    }
    voice_kbps = None
    if current is not None:
        voice_kbps = wire_bandwidth_kbps(codec(candidate(current).codec_key))
    inputs = inputs_from_report(
        draft,
        host=host,
        qos=qos,
        capacity=capacity,
        voice_kbps=voice_kbps,
        current_codec=current,
    )
    return {"codecs": codecs, "actions": [a.to_json() for a in advise(inputs)]}


def enrich_report(
    report: Report,
    result: CallResult,
    *,
    host: HostInfo | None = None,
    qos: QosResult | None = None,
    capacity: Sequence[CapacityResult] = (),
) -> Report:
    """The report with the detected host, QoS check and capacity probe added.

    Recommendations are recomputed with them; ``environment.host``, ``qos`` (in
    ``environment.qos``) and ``environment.capacity`` carry the details.
    """
    env = dict(report.environment)
    if host is not None:
        env["host"] = host.to_json()
    if qos is not None:
        env["qos"] = qos.to_json()
    if capacity:
        env["capacity"] = [c.to_json() for c in capacity]
    return dataclasses.replace(
        report,
        recommendations=build_recommendations(
            result, host=host, qos=qos, capacity=capacity, audio_path=report.audio_path
        ),
        environment=env,
    )


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
        ice=_ice(result, ice_servers),
        recommendations=_recommendations(result, audio_path),
        impairment=None if result.impairment is None else {"spec": result.impairment},
        errors=errors,
        environment={
            "os": platform.system(),
            "os_release": platform.release(),
            "python": platform.python_version(),
        },
        connectivity=_connectivity(result),
    )


def _connectivity(result: CallResult) -> dict[str, Any] | None:
    if result.connectivity is None:
        return None
    out = dict(result.connectivity)
    if result.far_end:
        out["far_end"] = dict(result.far_end)
    return out


def _ice(result: CallResult, ice_servers: tuple[str, ...]) -> dict[str, Any]:
    ice = result.ice
    out: dict[str, Any] = {
        "local_candidate": ice.local_candidate,
        "remote_candidate": ice.remote_candidate,
        "protocol": ice.protocol,
        "relay_used": ice.relay_used,
        "ice_servers": list(ice_servers),
        "connect_ms": round(result.connect_ms, 1),
        "local_gathered": dict(ice.local_gathered),
        "remote_gathered": dict(ice.remote_gathered),
        "pair": f"{ice.local_candidate}/{ice.protocol} → {ice.remote_candidate}",
        "relay_needed": ice.relay_needed,
        "relay_forced": ice.relay_forced,
        "relay_protocol": ice.relay_protocol,
    }
    if result.connectivity is not None:
        out["diagnosis"] = result.connectivity.get("summary")
    return out


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


def write_text_atomically(path: Path, text: str) -> None:
    """Write a file atomically: a crash mid-write never leaves half a report behind."""
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        # mkstemp creates the file private (0600); a report is an ordinary user file.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_report_json(report: Report, path: Path) -> None:
    """Write the report's JSON atomically."""
    write_text_atomically(path, json.dumps(report.to_json(), indent=2) + "\n")
