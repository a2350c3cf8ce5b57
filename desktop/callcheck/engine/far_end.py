"""The far end's receive-side figures: the uplink of a server or peer call, as JSON and back.

In server mode the reflector counts what it receives and sends ``uplink`` messages on the data
channel (schema in :mod:`callcheck.server.reflector`'s docstring; the engine must not import the
server, so the format is read here on its own and a test checks both agree). A peer in peer mode
sends the same messages (plus its playout figures and its send count), so one reader serves both
modes: for the receiver of the message, ``uplink`` is *its own* uplink as the far end measured it.

``FIGURES`` objects (``interval`` and ``total``) become :class:`~callcheck.core.packets.
DirectionStats`; a peer's ``playout`` object becomes :class:`~callcheck.core.playout.PlayoutStats`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from callcheck.core.loss_bursts import LossBurstStats
from callcheck.core.packets import ZERO_PERCENTILES, DirectionStats, Percentiles
from callcheck.core.playout import PlayoutStats

__all__ = [
    "SCHEMA_VERSION",
    "FarEndFigures",
    "FarEndReport",
    "figures_json",
    "playout_from_json",
    "playout_json",
    "stats_from_figures",
]

#: Version of the data-channel message schema this module reads and writes.
SCHEMA_VERSION: Final = 1


def _number(data: Mapping[str, Any], key: str, default: float = 0.0) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return default
    return float(value)


def _count(data: Mapping[str, Any], key: str) -> int:
    return max(0, int(_number(data, key)))


def _percentiles(data: object) -> Percentiles:
    if not isinstance(data, Mapping):
        return ZERO_PERCENTILES
    return Percentiles(
        mean=_number(data, "mean"),
        p50=_number(data, "p50"),
        p95=_number(data, "p95"),
        max=_number(data, "max"),
    )


def _percentiles_json(p: Percentiles) -> dict[str, float]:
    return {"mean": round(p.mean, 3), "p50": round(p.p50, 3), "p95": round(p.p95, 3),
            "max": round(p.max, 3)}  # fmt: skip


def stats_from_figures(figures: Mapping[str, Any]) -> DirectionStats:
    """A ``FIGURES`` object as :class:`DirectionStats` (missing or bad numbers read as 0)."""
    expected = _count(figures, "packets_expected")
    lost = _count(figures, "packets_lost")
    return DirectionStats(
        packets_expected=expected,
        packets_received=_count(figures, "packets_received"),
        packets_lost=lost,
        duplicates=_count(figures, "duplicates"),
        reordered=_count(figures, "reordered"),
        too_late=_count(figures, "too_late"),
        loss_pct=_number(figures, "loss_pct"),
        jitter_ms=_number(figures, "jitter_ms"),
        transit_variation_ms=_percentiles(figures.get("pdv_ms")),
        one_way_delay_ms=None,
        bursts=LossBurstStats(
            p=_number(figures, "gilbert_p"),
            q=_number(figures, "gilbert_q", 1.0),
            mean_burst_packets=_number(figures, "mean_burst_packets"),
            mean_gap_packets=_number(figures, "mean_gap_packets"),
            burst_ratio=_number(figures, "burst_ratio", 1.0),
            loss_events=_count(figures, "loss_bursts"),
            packets=expected,
            packets_lost=lost,
        ),
        bytes_received=_count(figures, "bytes_received"),
        start_ms=0.0,
        end_ms=_number(figures, "duration_ms"),
    )


def figures_json(stats: DirectionStats) -> dict[str, Any]:
    """:class:`DirectionStats` as a ``FIGURES`` object (what a peer sends)."""
    bursts = stats.bursts
    return {
        "duration_ms": round(stats.end_ms - stats.start_ms, 3),
        "packets_expected": stats.packets_expected,
        "packets_received": stats.packets_received,
        "packets_lost": stats.packets_lost,
        "loss_pct": round(stats.loss_pct, 4),
        "duplicates": stats.duplicates,
        "reordered": stats.reordered,
        "too_late": stats.too_late,
        "jitter_ms": round(stats.jitter_ms, 4),
        "pdv_ms": _percentiles_json(stats.transit_variation_ms),
        "burst_ratio": round(bursts.burst_ratio, 4),
        "loss_bursts": bursts.loss_events,
        "mean_burst_packets": round(bursts.mean_burst_packets, 4),
        "mean_gap_packets": round(bursts.mean_gap_packets, 4),
        "gilbert_p": round(bursts.p, 6),
        "gilbert_q": round(bursts.q, 6),
        "bytes_received": stats.bytes_received,
    }


def playout_json(stats: PlayoutStats) -> dict[str, Any]:
    """A peer's playout buffer figures (peer-mode messages only)."""
    return {
        "frames_played": stats.frames_played,
        "frames_concealed": stats.frames_concealed,
        "late_discards": stats.late_discards,
        "packets_inserted": stats.packets_inserted,
        "late_discard_pct": round(stats.late_discard_pct, 4),
        "concealed_pct": round(stats.concealed_pct, 4),
        "delay_ms": _percentiles_json(stats.delay_ms),
        "current_delay_ms": round(stats.current_delay_ms, 3),
    }


def playout_from_json(data: Mapping[str, Any]) -> PlayoutStats:
    """The inverse of :func:`playout_json`."""
    return PlayoutStats(
        frames_played=_count(data, "frames_played"),
        frames_concealed=_count(data, "frames_concealed"),
        late_discards=_count(data, "late_discards"),
        packets_inserted=_count(data, "packets_inserted"),
        late_discard_pct=_number(data, "late_discard_pct"),
        concealed_pct=_number(data, "concealed_pct"),
        delay_ms=_percentiles(data.get("delay_ms")),
        current_delay_ms=_number(data, "current_delay_ms"),
    )


@dataclass(frozen=True, slots=True)
class FarEndReport:
    """One ``uplink`` message, read."""

    seq: int
    """The far end's message counter."""
    interval: DirectionStats
    """Since the previous message."""
    total: DirectionStats
    """Since the first packet (the tail of the stream not yet settled)."""
    sent_packets: int | None
    """RTP packets the far end sent to us so far: ``reflected_packets`` of the reflector,
    ``sent_packets`` of a peer; ``None`` if not said."""
    playout: PlayoutStats | None
    """The far end's playout buffer (peers only; the reflector plays nothing)."""
    received_ms: float
    """When the message arrived (engine clock)."""


class FarEndFigures:
    """The far end's latest figures from its ``hello``/``uplink``/``end`` messages."""

    def __init__(self) -> None:
        self.hello: dict[str, Any] | None = None
        self.latest: FarEndReport | None = None
        self.end: dict[str, Any] | None = None
        self.messages = 0

    def on_message(self, data: Mapping[str, Any], now_ms: float) -> None:
        """Take one decoded JSON message (others than ours are ignored)."""
        kind = data.get("type")
        if kind == "hello":
            self.hello = dict(data)
        elif kind == "uplink":
            interval, total = data.get("interval"), data.get("total")
            if not isinstance(interval, Mapping) or not isinstance(total, Mapping):
                return
            seq = _count(data, "seq")
            if self.latest is not None and seq and seq <= self.latest.seq:
                return  # an older message overtaken on the unordered channel
            sent: int | None = None
            for key in ("sent_packets", "reflected_packets"):
                if key in data:
                    sent = _count(data, key)
                    break
            playout = data.get("playout")
            self.latest = FarEndReport(
                seq=seq,
                interval=stats_from_figures(interval),
                total=stats_from_figures(total),
                sent_packets=sent,
                playout=playout_from_json(playout) if isinstance(playout, Mapping) else None,
                received_ms=now_ms,
            )
            self.messages += 1
        elif kind == "end":
            self.end = dict(data)
