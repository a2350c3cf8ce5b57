"""Capacity probe: available bandwidth and latency under load (bufferbloat), from probe samples.

A probe sends a burst of packets as fast as the link takes them for a short time (the reflector
counts and timestamps what arrives, or sends the burst back) while RTT pings keep going. Two
figures come out:

* **available bandwidth** — bytes delivered over the time they took to arrive (first to last
  arrival, receiver's clock), in kbit/s. A burst shorter than :data:`MIN_PROBE_MS` or with
  fewer than :data:`MIN_PROBE_PACKETS` packets says nothing and gives None;
* **bufferbloat** — how much the RTT grows while the link is full: the median loaded RTT minus
  the median idle RTT. A big increase means a queue in the router or modem fills up ahead of the
  voice packets (the fix is smart queue management or QoS, not more bandwidth).

Grades follow the common bufferbloat test bands (Waveform / DSLReports: A < 30 ms, B < 60 ms,
C < 200 ms, D < 400 ms, F beyond). Time is an argument: every sample carries its own times.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

#: Shortest burst, first to last arrival, that measures a rate.
MIN_PROBE_MS: Final = 200.0
#: Fewest packets in a burst that measure a rate.
MIN_PROBE_PACKETS: Final = 10

#: (upper bound of the RTT increase in ms, grade) — Waveform's bufferbloat test bands.
BUFFERBLOAT_GRADES: Final[tuple[tuple[float, str], ...]] = (
    (5.0, "A+"),
    (30.0, "A"),
    (60.0, "B"),
    (200.0, "C"),
    (400.0, "D"),
)


@dataclass(frozen=True, slots=True)
class ProbePacket:
    """One packet of a capacity burst as the receiving end saw it."""

    arrival_ms: float
    """Receiver's monotonic clock."""
    size_bytes: int
    """IP packet size (payload + UDP/IP headers), as it takes link capacity."""


@dataclass(frozen=True, slots=True)
class CapacityResult:
    """One direction's capacity probe."""

    direction: str
    """``uplink`` or ``downlink``."""
    available_kbps: float | None
    """Delivered rate during the burst; None when the burst was too short to tell."""
    idle_rtt_ms: float | None
    """Median RTT before the burst."""
    loaded_rtt_ms: float | None
    """Median RTT during the burst."""
    rtt_increase_ms: float | None
    """``loaded − idle``, never negative; None without both."""
    grade: str | None
    """Bufferbloat grade A+ … F; None without an increase."""
    packets: int = 0
    sent_kbps: float | None = None
    """Rate the sender offered (to tell "link is slower" from "we did not push hard")."""

    def to_json(self) -> dict[str, Any]:
        """JSON object for one direction of the report's ``capacity`` section."""

        def r(v: float | None) -> float | None:
            return None if v is None else round(v, 1)

        return {
            "direction": self.direction,
            "available_kbps": r(self.available_kbps),
            "idle_rtt_ms": r(self.idle_rtt_ms),
            "loaded_rtt_ms": r(self.loaded_rtt_ms),
            "rtt_increase_ms": r(self.rtt_increase_ms),
            "bufferbloat_grade": self.grade,
            "packets": self.packets,
            "sent_kbps": r(self.sent_kbps),
        }


def available_kbps(packets: Sequence[ProbePacket]) -> float | None:
    """Delivered rate of a burst: bytes after the first over first-to-last arrival, kbit/s.

    The first packet's bytes are left out: its arrival starts the clock (a packet-train
    estimate counts the bytes *between* arrivals).
    """
    if len(packets) < MIN_PROBE_PACKETS:
        return None
    ordered = sorted(packets, key=lambda p: p.arrival_ms)
    span_ms = ordered[-1].arrival_ms - ordered[0].arrival_ms
    if span_ms < MIN_PROBE_MS:
        return None
    delivered = sum(p.size_bytes for p in ordered[1:])
    return delivered * 8.0 / span_ms  # bytes·8 / ms = kbit/s


def bufferbloat_grade(rtt_increase_ms: float) -> str:
    """The bufferbloat grade of an RTT increase under load."""
    for bound, grade in BUFFERBLOAT_GRADES:
        if rtt_increase_ms < bound:
            return grade
    return "F"


def _median(values: Sequence[float]) -> float | None:
    finite = [v for v in values if v == v and v >= 0.0]
    return statistics.median(finite) if finite else None


def capacity_result(
    direction: str,
    packets: Sequence[ProbePacket],
    *,
    idle_rtts_ms: Sequence[float],
    loaded_rtts_ms: Sequence[float],
    sent_kbps: float | None = None,
) -> CapacityResult:
    """Summarise one direction's probe: rate, idle and loaded RTT, bufferbloat grade."""
    idle = _median(idle_rtts_ms)
    loaded = _median(loaded_rtts_ms)
    increase = None if idle is None or loaded is None else max(0.0, loaded - idle)
    return CapacityResult(
        direction=direction,
        available_kbps=available_kbps(packets),
        idle_rtt_ms=idle,
        loaded_rtt_ms=loaded,
        rtt_increase_ms=increase,
        grade=None if increase is None else bufferbloat_grade(increase),
        packets=len(packets),
        sent_kbps=sent_kbps,
    )


def narrowest_kbps(results: Sequence[CapacityResult]) -> float | None:
    """The smaller measured available bandwidth of the directions (what a call must fit)."""
    rates = [r.available_kbps for r in results if r.available_kbps is not None]
    return min(rates) if rates else None
