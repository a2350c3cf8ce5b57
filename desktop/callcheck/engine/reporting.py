"""Turn a finished test call into the report model (:mod:`callcheck.core.report`)."""

from __future__ import annotations

import contextlib
import dataclasses
import getpass
import json
import os
import platform
import tempfile
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from callcheck import __version__
from callcheck.core.advice import AdviceInputs, CodecOption, advise
from callcheck.core.capacity import CapacityResult, narrowest_kbps
from callcheck.core.codecs import codec
from callcheck.core.heard import HeardQuality
from callcheck.core.host import HostInfo
from callcheck.core.packets import Percentiles
from callcheck.core.qos import QosResult
from callcheck.core.rating import CallRating, rate_call, worse_direction
from callcheck.core.recommend import wire_bandwidth_kbps
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
    # Intervals that carried no packet (before the first one, or before the far end's first
    # figures) have no jitter to report: averaging their 0 in put the mean 0.4–2 ms below the
    # wire's RFC 3550 value (issue 12, item 7).
    heard = [s for s in snaps if s.interval.packets_received > 0]
    jitter = Summary.of(s.jitter_ms for s in heard) or Summary.single(t.jitter_ms)
    loss = Summary.of(s.loss_interval_pct for s in snaps)
    # The mean over the call is the total loss, not the mean of the intervals.
    if loss is not None:
        loss = Summary(t.loss_pct, loss.p50, loss.p95, max(loss.max, t.loss_pct))
    else:
        loss = Summary.single(t.loss_pct)
    # One percentile method (core.packets.Percentiles.of, nearest rank) for every summary.
    rtt = Percentiles.of(d.rtt_echo_samples_ms or d.rtt_rtcp_samples_ms) or _summary(d.rtt_ms)
    return DirectionReport(
        measured_by=d.measured_by,
        rtt_ms=rtt,
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
        # The gauge shows the worse direction; so does the timeline (one definition, core).
        worse = worse_direction(
            s.uplink,
            s.downlink,
            mos=lambda d: None if d.quality is None else d.quality.mos,
            loss_pct=lambda d: d.loss_interval_pct,
        )
        samples.append(
            TimelineSample(
                t_s=s.elapsed_s,
                mos=None if s.quality is None else s.quality.mos,
                r_factor=None if s.quality is None else s.quality.r_factor,
                rtt_ms=worse.rtt_ms,
                jitter_ms=worse.jitter_ms,
                loss_pct=worse.loss_interval_pct,
                buffer_ms=worse.playout_delay_ms,
                # The snapshot's own recent rating (worse direction), not a second definition.
                mos_recent=None if s.quality_recent is None else s.quality_recent.mos,
            )
        )
    return tuple(samples)


def _worse_direction(result: CallResult) -> DirectionResult:
    """The direction the user hears worst (:func:`callcheck.core.rating.worse_direction`)."""
    return worse_direction(
        result.uplink,
        result.downlink,
        mos=lambda d: None if d.quality is None else d.quality.mos,
        loss_pct=lambda d: d.totals.loss_pct,
    )


def call_rating(
    result: CallResult, *, capacity: Sequence[CapacityResult] = ()
) -> CallRating | None:
    """The call's one rating (:func:`callcheck.core.rating.rate_call`) from its verdict.

    ``result.quality`` is the call's own codec at its real bitrate, rated once from typed
    data (with the audio path when it was tested); the recommendations and the advice derive
    from it. None when the call could not be rated.
    """
    if result.quality is None:
        return None
    bursts = _worse_direction(result).totals.bursts
    return rate_call(
        result.quality,
        gilbert_q=bursts.q if bursts.packets_lost > 0 else None,
        available_kbps=narrowest_kbps(capacity),
    )


def _device_facts(audio_path: Mapping[str, Any] | None) -> dict[str, Any]:
    """What the device-delay advice needs from the report's ``audio_path``: the devices' delay
    (when the call used them) and their names."""
    audio = audio_path or {}
    if not audio.get("device_used"):
        return {}
    delay = audio.get("device_roundtrip_ms")
    names = [n for n in (audio.get("output_device"), audio.get("input_device")) if n]
    return {
        "device_delay_ms": float(delay) if isinstance(delay, int | float) else None,
        "audio_devices": tuple(dict.fromkeys(str(n) for n in names)),
    }


def build_recommendations(
    result: CallResult,
    *,
    host: HostInfo | None = None,
    qos: QosResult | None = None,
    capacity: Sequence[CapacityResult] = (),
    rating: CallRating | None = None,
    audio_path: Mapping[str, Any] | None = None,
    heard_mos: float | None = None,
) -> dict[str, Any]:
    """The report's ``recommendations``: ranked codecs and the actions that apply.

    ``heard_mos`` is the worst heard score of the call (``quality.heard.mos``), when scored.

    Both derive from the call's one rating (:func:`call_rating`): codecs are ranked on the
    measurements the call was rated from, on the common wideband scale, and the call's own
    codec's row (``current``) is the call's rating on that scale. Below the pass mark the
    first action names the rating's largest impairment.
    """
    if rating is None:
        rating = call_rating(result, capacity=capacity)
    d = _worse_direction(result)
    rtts = [x.rtt_ms.mean for x in (result.uplink, result.downlink) if x.rtt_ms is not None]
    owds = [
        x.totals.one_way_delay_ms.mean
        for x in (result.uplink, result.downlink)
        if x.totals.one_way_delay_ms is not None
    ]
    rtt = max(rtts) if rtts else None
    one_way = max(owds) if owds else (None if rtt is None else rtt / 2.0)
    rows = () if rating is None else rating.codecs
    current = None if rating is None else rating.quality.codec_key
    codecs = [{**r.to_json(), "current": r.codec_key == current} for r in rows]
    inputs = AdviceInputs(
        mos=None if result.quality is None else result.quality.mos,
        one_way_delay_ms=one_way,
        rtt_ms=rtt,
        jitter_ms=max(result.uplink.totals.jitter_ms, result.downlink.totals.jitter_ms),
        loss_pct=d.totals.loss_pct,
        burst_ratio=d.totals.bursts.burst_ratio,
        late_discard_pct=d.playout.late_discard_pct,
        host=host,
        qos=qos,
        capacity=tuple(capacity),
        voice_kbps=None if current is None else wire_bandwidth_kbps(codec(current)),
        relay_used=result.ice.relay_used,
        ice_protocol=result.ice.protocol,
        current_codec=current,
        codecs=tuple(
            CodecOption(r.codec_key, r.name, r.predicted_mos, r.recommended) for r in rows
        ),
        mouth_to_ear_ms=None if rating is None else rating.quality.ta_ms,
        rating=rating,
        **_device_facts(audio_path),
        heard_mos=heard_mos,
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
            result,
            host=host,
            qos=qos,
            capacity=capacity,
            audio_path=report.audio_path,
            heard_mos=_heard_mos(report),
        ),
        environment=env,
    )


def _heard_mos(report: Report) -> float | None:
    heard = (report.quality or {}).get("heard")
    mos = heard.get("mos") if isinstance(heard, Mapping) else None
    return float(mos) if isinstance(mos, int | float) else None


def with_heard(
    report: Report,
    result: CallResult,
    heard: HeardQuality,
    *,
    host: HostInfo | None = None,
    qos: QosResult | None = None,
    capacity: Sequence[CapacityResult] = (),
) -> Report:
    """The report with ``quality.heard`` (what the listener heard) and the advice it implies.

    Additive: a report without media (``quality`` null) stays as it is. The recommendations are
    recomputed so a heard score far below the prediction gets its advice (``heard-damage``);
    pass the same host, QoS and capacity as :func:`enrich_report` got.
    """
    if report.quality is None:
        return report
    quality = {**report.quality, "heard": heard.to_json()}
    return dataclasses.replace(
        report,
        quality=quality,
        recommendations=build_recommendations(
            result,
            host=host,
            qos=qos,
            capacity=capacity,
            audio_path=report.audio_path,
            heard_mos=heard.mos,
        ),
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
    rating = call_rating(result)
    verdict: dict[str, Any] = {
        "passed": bool(q is not None and q.passed and not result.partial),
        "grade": None if q is None else str(q.grade),
        "mos": None if q is None else round(q.mos, 2),
        "complete": not result.partial,
        "summary": verdict_text(q, partial=result.partial),
    }
    if q is not None:
        verdict["mos_label"] = q.mos_label
    if rating is not None:
        verdict["rating"] = rating.to_json()
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
        recommendations=build_recommendations(result, rating=rating, audio_path=audio_path),
        impairment=None if result.impairment is None else {"spec": result.impairment},
        errors=errors,
        environment=host_facts(),
        connectivity=_connectivity(result),
    )


def host_facts() -> dict[str, str]:
    """A report's ``environment`` basics, the same in complete and partial reports: the OS,
    the user and the computer's name (the first facts of a helpdesk ticket, issue 16)."""
    out = {
        "os": platform.system(),
        "os_release": platform.release(),
        "python": platform.python_version(),
        "host_name": platform.node(),
    }
    # No login name and no USER/LOGNAME variable (a service account): no user.
    with contextlib.suppress(OSError, KeyError):
        out["user"] = getpass.getuser()
    return {k: v for k, v in out.items() if v}


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
