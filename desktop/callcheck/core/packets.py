"""Per-direction RTP packet statistics computed from tapped packets.

aiortc's own figures are not trusted (see DESIGN.md, "Measurement"): its jitter is an integer in
RTP clock units and skips reordered packets, and its cumulative loss goes negative under
reordering. :class:`StreamStatistics` computes, from every received packet:

* loss, duplicates and reordering on RFC 3550 A.1-style extended sequence numbers;
* RFC 3550 A.8 interarrival jitter in milliseconds, as a float, in arrival order;
* packet delay variation (relative transit minus its minimum) and one-way delay percentiles;
* loss burstiness (Gilbert p, q and G.107 BurstR) via
  :class:`~callcheck.core.loss_bursts.LossBurstTracker`,

both cumulatively (:meth:`StreamStatistics.totals`) and per interval
(:meth:`StreamStatistics.take_interval`). Time is always an argument (``arrival_ms``).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callcheck.core.loss_bursts import LossBurstStats, LossBurstTracker

__all__ = [
    "SEQUENCE_CYCLE",
    "ZERO_PERCENTILES",
    "DirectionStats",
    "Histogram",
    "PacketRecord",
    "Percentiles",
    "StreamStatistics",
    "extend_rtp_timestamp",
    "extend_sequence",
    "nearest_rank",
    "summarize",
]

#: RTP sequence numbers are 16 bits (RFC 3550 §5.1); the extended number adds a cycle count.
SEQUENCE_CYCLE = 1 << 16
#: RTP timestamps are 32 bits (RFC 3550 §5.1).
_TIMESTAMP_CYCLE = 1 << 32
_SEQUENCE_MASK = SEQUENCE_CYCLE - 1
_HALF_SEQUENCE_CYCLE = SEQUENCE_CYCLE // 2
_HALF_TIMESTAMP_CYCLE = _TIMESTAMP_CYCLE // 2
#: RFC 3550 A.8: the jitter estimator's gain, J += (|D| − J)/16.
_JITTER_GAIN = 1.0 / 16.0
#: Bin width of the delay histograms: percentiles are exact to within half of this.
HISTOGRAM_BIN_MS = 0.1


@dataclass(frozen=True, slots=True)
class PacketRecord:
    """One received RTP packet, as tapped by the engine."""

    #: 16-bit RTP sequence number as on the wire.
    seq: int
    #: 32-bit RTP timestamp as on the wire.
    rtp_timestamp: int
    #: RTP clock rate in Hz (48000 for Opus; 8000 for PCMU, PCMA and G.722).
    clock_rate_hz: int
    #: Receiver's monotonic arrival time, ms.
    arrival_ms: float
    #: RTP payload size, bytes.
    size_bytes: int = 0
    #: Sender's monotonic send time, ms, when known on the receiver's clock (loopback, or
    #: mapped through the echo exchange); ``None`` otherwise.
    send_ms: float | None = None


@dataclass(frozen=True, slots=True)
class Percentiles:
    """Summary of one quantity over a window, in the quantity's unit (ms or %).

    The one mean/p50/p95/max type (issue 12): the reports' ``Summary`` is this type, and every
    percentile is nearest-rank (:func:`nearest_rank`), whether from a :class:`Histogram` or
    from a list of samples (:meth:`of`).
    """

    #: Arithmetic mean.
    mean: float
    #: Median.
    p50: float
    #: 95th percentile.
    p95: float
    #: Maximum.
    max: float

    @staticmethod
    def of(values: Iterable[float | None]) -> Percentiles | None:
        """Summarise the finite values (nearest-rank percentiles); None when there are none."""
        finite = sorted(v for v in values if v is not None and math.isfinite(v))
        if not finite:
            return None
        return Percentiles(
            mean=math.fsum(finite) / len(finite),
            p50=nearest_rank(finite, 50.0),
            p95=nearest_rank(finite, 95.0),
            max=finite[-1],
        )

    @staticmethod
    def single(value: float) -> Percentiles:
        """A quantity measured once (or only as a total)."""
        return Percentiles(value, value, value, value)

    def to_json(self) -> dict[str, float]:
        """JSON object with values rounded to 0.01."""
        return {k: round(getattr(self, k), 2) for k in ("mean", "p50", "p95", "max")}


def nearest_rank(sorted_values: Sequence[float], percent: float) -> float:
    """The nearest-rank percentile: the smallest value with ``percent`` % of samples at or
    below it. The one percentile method of CallCheck's summaries."""
    if not sorted_values:
        raise ValueError("no values")
    rank = max(1, math.ceil(percent / 100.0 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def summarize(values: Iterable[float | None]) -> Percentiles | None:
    """:meth:`Percentiles.of`: mean, p50, p95 and max of the finite values, or None."""
    return Percentiles.of(values)


#: The summary of an empty window.
ZERO_PERCENTILES = Percentiles(mean=0.0, p50=0.0, p95=0.0, max=0.0)


@dataclass(frozen=True, slots=True)
class DirectionStats:
    """Packet statistics of one direction of a call over a window.

    Loss accounting is on *settled* sequence numbers (see :class:`StreamStatistics`): a gap is
    counted lost only once it is more than ``reorder_window_packets`` behind the highest
    sequence number, or when the stream is finished. Hence ``packets_expected ==
    packets_received + packets_lost`` always, and summing the intervals gives the totals.
    """

    #: Packets that should have arrived: ``packets_received + packets_lost``. After
    #: :meth:`StreamStatistics.finish`, the totals equal highest − first extended seq + 1.
    packets_expected: int
    #: Distinct packets received in time to be counted (duplicates and too-late excluded).
    packets_received: int
    #: Sequence numbers settled without having been received; never negative.
    packets_lost: int
    #: Packets received again after the first copy; not counted as received.
    duplicates: int
    #: Packets that arrived with an extended seq lower than the highest seen before them.
    reordered: int
    #: Packets that arrived after their sequence number had settled as lost (more than
    #: ``reorder_window_packets`` late); they stay counted as lost and are also ``reordered``.
    too_late: int
    #: ``packets_lost / packets_expected × 100`` (0.0 when nothing is expected).
    loss_pct: float
    #: RFC 3550 A.8 interarrival jitter at the end of the window, ms.
    jitter_ms: float
    #: Packet delay variation: relative transit (arrival − RTP time) minus its minimum over
    #: the window, ms.
    transit_variation_ms: Percentiles
    #: One-way delay ``arrival_ms − send_ms`` over the window, ms; ``None`` without send times.
    one_way_delay_ms: Percentiles | None
    #: Gilbert-model loss burstiness of the sequence numbers settled in the window.
    bursts: LossBurstStats
    #: RTP payload bytes of the distinct packets received in the window.
    bytes_received: int
    #: Start of the window, ms (first arrival, or the end of the previous interval).
    start_ms: float
    #: End of the window, ms (last arrival, or the ``now_ms`` given to take the interval).
    end_ms: float


def extend_sequence(seq: int, highest_ext: int) -> int:
    """Return the extended sequence number of ``seq`` nearest to ``highest_ext``.

    RFC 3550 A.1: a 16-bit sequence number is placed in the cycle that makes it closest to the
    highest extended number seen, so a forward step of less than half the cycle is new data
    (possibly wrapping to the next cycle) and a backward step is a late or duplicate packet
    (possibly from the previous cycle).
    """
    delta = (seq - highest_ext) & _SEQUENCE_MASK
    if delta >= _HALF_SEQUENCE_CYCLE:
        delta -= SEQUENCE_CYCLE
    return highest_ext + delta


def extend_rtp_timestamp(rtp_timestamp: int, previous_ext: int) -> int:
    """Return the extended (unwrapped) RTP timestamp nearest to ``previous_ext``.

    The 32-bit timestamp wraps (RFC 3550 §5.1); the signed difference to the previous
    packet's extended timestamp is taken modulo 2³².
    """
    delta = (rtp_timestamp - previous_ext) & (_TIMESTAMP_CYCLE - 1)
    if delta >= _HALF_TIMESTAMP_CYCLE:
        delta -= _TIMESTAMP_CYCLE
    return previous_ext + delta


class Histogram:
    """Fixed-width histogram of a quantity in ms: bounded memory, exact mean/min/max.

    Percentiles are nearest-rank over ``bin_ms``-wide bins and report the mean of the samples
    in the selected bin, so they are within ``bin_ms`` of the exact nearest-rank sample
    percentile (and exact when that bin holds one distinct value). Memory grows with the
    *spread* of the values divided by ``bin_ms`` — not with the number of samples — so an
    hour-long stream stays small.
    """

    __slots__ = ("_bin_counts", "_bin_ms", "_bin_sums", "_count", "_max", "_min", "_sum")

    def __init__(self, bin_ms: float = HISTOGRAM_BIN_MS) -> None:
        """Create an empty histogram with bins ``bin_ms`` wide."""
        if bin_ms <= 0.0:
            raise ValueError("bin_ms must be positive")
        self._bin_ms = bin_ms
        self._bin_counts: dict[int, int] = {}
        self._bin_sums: dict[int, float] = {}
        self._count = 0
        self._sum = 0.0
        self._min = math.inf
        self._max = -math.inf

    @property
    def count(self) -> int:
        """Number of samples added."""
        return self._count

    @property
    def minimum(self) -> float:
        """Smallest sample (``inf`` when empty)."""
        return self._min

    def add(self, value: float) -> None:
        """Add one sample."""
        index = math.floor(value / self._bin_ms)
        self._bin_counts[index] = self._bin_counts.get(index, 0) + 1
        self._bin_sums[index] = self._bin_sums.get(index, 0.0) + value
        self._count += 1
        self._sum += value
        self._min = min(self._min, value)
        self._max = max(self._max, value)

    def percentiles(self, *, relative_to_minimum: bool = False) -> Percentiles:
        """Return mean, p50, p95 and max; all zero when empty.

        With ``relative_to_minimum`` the minimum sample is subtracted from each figure (used
        for packet delay variation, whose zero is the fastest packet).
        """
        if self._count == 0:
            return ZERO_PERCENTILES
        offset = self._min if relative_to_minimum else 0.0
        return Percentiles(
            mean=self._sum / self._count - offset,
            p50=self._rank(50.0) - offset,
            p95=self._rank(95.0) - offset,
            max=self._max - offset,
        )

    def _rank(self, percent: float) -> float:
        # Nearest-rank definition: the smallest value with at least percent% of samples <= it.
        rank = max(1, math.ceil(percent / 100.0 * self._count))
        seen = 0
        for index in sorted(self._bin_counts):
            count = self._bin_counts[index]
            seen += count
            if seen >= rank:
                return min(max(self._bin_sums[index] / count, self._min), self._max)
        return self._max  # pragma: no cover - the loop always reaches rank


class _WindowCounters:
    """Counters of one window (the totals, or the current interval)."""

    __slots__ = (
        "bursts",
        "bytes_received",
        "duplicates",
        "lost",
        "one_way_delay",
        "received",
        "reordered",
        "start_ms",
        "too_late",
        "transit",
    )

    def __init__(self, start_ms: float | None) -> None:
        self.received = 0
        self.lost = 0
        self.duplicates = 0
        self.reordered = 0
        self.too_late = 0
        self.bytes_received = 0
        self.transit = Histogram()
        self.one_way_delay = Histogram()
        self.bursts = LossBurstTracker()
        self.start_ms = start_ms

    def snapshot(self, *, jitter_ms: float, end_ms: float) -> DirectionStats:
        expected = self.received + self.lost
        start_ms = end_ms if self.start_ms is None else self.start_ms
        return DirectionStats(
            packets_expected=expected,
            packets_received=self.received,
            packets_lost=self.lost,
            duplicates=self.duplicates,
            reordered=self.reordered,
            too_late=self.too_late,
            loss_pct=self.lost / expected * 100.0 if expected else 0.0,
            jitter_ms=jitter_ms,
            transit_variation_ms=self.transit.percentiles(relative_to_minimum=True),
            one_way_delay_ms=(
                self.one_way_delay.percentiles() if self.one_way_delay.count else None
            ),
            bursts=self.bursts.stats(),
            bytes_received=self.bytes_received,
            start_ms=start_ms,
            end_ms=end_ms,
        )


class StreamStatistics:
    """Statistics of one received RTP stream (one direction), fed packet by packet.

    **Sequence numbers.** Each 16-bit ``seq`` is extended against the highest extended number
    seen so far (RFC 3550 A.1), so wrap-around, and reordering across the wrap, are handled.
    The first packet gets ``seq + 65536`` (cycle 1) so that a packet reordered before it,
    across the wrap, still has a positive extended number. Sender restarts (a jump of more
    than half the sequence space) are not detected.

    **Loss and the holdback.** A sequence number *settles* once the highest extended number
    is ``reorder_window_packets`` or more ahead of it (or when :meth:`finish` is called).
    Only then is it counted, in whichever window is current: lost if it was never received
    (received packets count at arrival). A packet arriving after its number settled is
    ``too_late``: it stays lost. Every sequence number is therefore counted lost at most once,
    in exactly one interval, and never un-counted, so the intervals' losses sum to the
    total loss, and ``lost = expected − received`` is never negative. A packet arriving
    before the first one but within the window (reordered start) lowers the base as long as
    nothing has settled yet. The Gilbert tracker is fed as numbers settle, i.e. in
    sequence order.

    **Jitter.** RFC 3550 A.8 on every non-duplicate packet in *arrival* order:
    ``D = (Rj − Ri) − (Sj − Si)`` with ``R`` the arrival time and ``S`` the RTP timestamp
    (unwrapped over 32 bits) converted to ms, and ``J += (|D| − J)/16``, as floats in ms.
    Unlike aiortc, reordered packets are not skipped.

    **Memory** is bounded: a 65536-slot ring of received extended numbers (for duplicate
    detection and settling), counters, and ms histograms (:class:`Histogram`, 0.1 ms bins) for
    delay variation and one-way delay, whose size depends on the spread of the values, not the
    stream length.
    """

    def __init__(self, *, reorder_window_packets: int = 64) -> None:
        """Create empty statistics; gaps settle as lost ``reorder_window_packets`` behind."""
        if not 0 <= reorder_window_packets < _HALF_SEQUENCE_CYCLE:
            raise ValueError("reorder_window_packets must be in [0, 32768)")
        self._window = reorder_window_packets
        # _ring[ext & 0xFFFF] == ext  <=>  ext was received (valid within one cycle of highest).
        self._ring = array("q", [-1]) * SEQUENCE_CYCLE
        self._base_ext: int | None = None
        self._highest_ext = 0
        self._next_settle_ext = 0
        self._first_arrival_ms: float | None = None
        self._last_arrival_ms: float | None = None
        self._previous_ts_ext = 0
        self._previous_transit_ms: float | None = None
        self._jitter_ms = 0.0
        self._total = _WindowCounters(None)
        self._interval = _WindowCounters(None)

    @property
    def reorder_window_packets(self) -> int:
        """The holdback, in packets, before a missing sequence number counts as lost."""
        return self._window

    def add(self, record: PacketRecord) -> None:
        """Account for one received packet (in arrival order)."""
        if self._base_ext is None:
            ext = record.seq + SEQUENCE_CYCLE
            self._base_ext = ext
            self._highest_ext = ext
            self._next_settle_ext = ext
            self._first_arrival_ms = record.arrival_ms
            self._previous_ts_ext = record.rtp_timestamp
            if self._total.start_ms is None:
                self._total.start_ms = record.arrival_ms
            if self._interval.start_ms is None:
                self._interval.start_ms = record.arrival_ms
        else:
            ext = extend_sequence(record.seq, self._highest_ext)
        self._last_arrival_ms = record.arrival_ms

        if self._ring[ext & _SEQUENCE_MASK] == ext:
            self._total.duplicates += 1
            self._interval.duplicates += 1
            return

        if ext < self._highest_ext:
            self._total.reordered += 1
            self._interval.reordered += 1
        self._measure_timing(record)

        if ext < self._next_settle_ext:
            nothing_settled = self._next_settle_ext == self._base_ext
            if nothing_settled and self._highest_ext - ext < self._window:
                # Reordered start: a packet from before the first one arrived in time.
                self._base_ext = ext
                self._next_settle_ext = ext
            else:
                self._total.too_late += 1
                self._interval.too_late += 1
                return

        self._ring[ext & _SEQUENCE_MASK] = ext
        for window in (self._total, self._interval):
            window.received += 1
            window.bytes_received += record.size_bytes
        if ext > self._highest_ext:
            self._highest_ext = ext
        self._settle_through(self._highest_ext - self._window)

    def finish(self) -> None:
        """Settle every outstanding sequence number (the stream has ended).

        Gaps still within the holdback are counted lost now, in the current interval. Call it
        before the final :meth:`take_interval` / :meth:`totals` so their losses sum up.
        """
        if self._base_ext is not None:
            self._settle_through(self._highest_ext)

    def totals(self) -> DirectionStats:
        """Return the statistics cumulated since the first packet."""
        end_ms = self._last_arrival_ms if self._last_arrival_ms is not None else 0.0
        return self._total.snapshot(jitter_ms=self._jitter_ms, end_ms=end_ms)

    def take_interval(self, now_ms: float | None = None) -> DirectionStats:
        """Return the statistics since the previous call, then start a new interval.

        ``now_ms`` ends the window (default: the last arrival, or the window's start if that is
        later); the next interval starts there. ``jitter_ms`` is the running A.8 estimate at
        that moment, not reset.
        """
        start_ms = self._interval.start_ms
        if now_ms is not None:
            end_ms = now_ms
        elif self._last_arrival_ms is not None:
            end_ms = self._last_arrival_ms
            if start_ms is not None:
                end_ms = max(end_ms, start_ms)
        else:
            end_ms = start_ms if start_ms is not None else 0.0
        stats = self._interval.snapshot(jitter_ms=self._jitter_ms, end_ms=end_ms)
        self._interval = _WindowCounters(end_ms)
        return stats

    def _measure_timing(self, record: PacketRecord) -> None:
        """Update A.8 jitter, transit and one-way delay with one arrival."""
        ts_ext = extend_rtp_timestamp(record.rtp_timestamp, self._previous_ts_ext)
        self._previous_ts_ext = ts_ext
        # Relative transit in ms; its constant offset (clock origins) cancels out of D and PDV.
        transit_ms = record.arrival_ms - ts_ext * 1000.0 / record.clock_rate_hz
        if self._previous_transit_ms is not None:
            # RFC 3550 A.8: D(i-1, i) against the previously *arrived* packet.
            d_ms = abs(transit_ms - self._previous_transit_ms)
            self._jitter_ms += (d_ms - self._jitter_ms) * _JITTER_GAIN
        self._previous_transit_ms = transit_ms
        self._total.transit.add(transit_ms)
        self._interval.transit.add(transit_ms)
        if record.send_ms is not None:
            one_way_ms = record.arrival_ms - record.send_ms
            self._total.one_way_delay.add(one_way_ms)
            self._interval.one_way_delay.add(one_way_ms)

    def _settle_through(self, last_ext: int) -> None:
        """Settle every sequence number up to and including ``last_ext``, in order."""
        ring = self._ring
        total = self._total
        interval = self._interval
        ext = self._next_settle_ext
        while ext <= last_ext:
            lost = ring[ext & _SEQUENCE_MASK] != ext
            if lost:
                total.lost += 1
                interval.lost += 1
            total.bursts.add(lost)
            interval.bursts.add(lost)
            ext += 1
        self._next_settle_ext = max(self._next_settle_ext, ext)
