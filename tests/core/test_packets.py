"""Per-direction packet statistics: sequence extension, loss with a holdback, jitter, delays.

Traces are built so the truth is known: packet k is sent at 20·k ms with RTP timestamp
k·(clock/50), and arrives at 20·k + base + its own delay variation.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcheck.core.packets import (
    SEQUENCE_CYCLE,
    DirectionStats,
    Histogram,
    PacketRecord,
    StreamStatistics,
    extend_rtp_timestamp,
    extend_sequence,
)

BASE_MS = 100.0


def _record(
    k: int,
    *,
    variation_ms: float = 0.0,
    seq0: int = 0,
    ts0: int = 0,
    clock_rate_hz: int = 48_000,
    arrival_ms: float | None = None,
    size_bytes: int = 160,
    send_ms: float | None = None,
) -> PacketRecord:
    """Packet number k of a 20 ms stream (k may be beyond the 16-bit range)."""
    return PacketRecord(
        seq=(seq0 + k) % SEQUENCE_CYCLE,
        rtp_timestamp=(ts0 + k * clock_rate_hz // 50) % (1 << 32),
        clock_rate_hz=clock_rate_hz,
        arrival_ms=BASE_MS + 20.0 * k + variation_ms if arrival_ms is None else arrival_ms,
        size_bytes=size_bytes,
        send_ms=send_ms,
    )


def _run(order: Sequence[int], *, window: int = 64, seq0: int = 0) -> DirectionStats:
    """Feed packets in the given arrival order (by packet number), finish, return totals."""
    stats = StreamStatistics(reorder_window_packets=window)
    for i, k in enumerate(order):
        stats.add(_record(k, seq0=seq0, arrival_ms=BASE_MS + 20.0 * i))
    stats.finish()
    return stats.totals()


def _a8_jitter_ms(transits_ms: Sequence[float]) -> float:
    """RFC 3550 A.8 written out: J += (|D| − J)/16 over consecutive arrivals."""
    jitter = 0.0
    for previous, current in itertools.pairwise(transits_ms):
        jitter += (abs(current - previous) - jitter) / 16.0
    return jitter


# ---------------------------------------------------------------- sequence extension


@pytest.mark.parametrize(
    ("seq", "highest_ext", "expected"),
    [
        (11, 65_546, 65_547),
        (9, 65_546, 65_545),
        (10, 65_546, 65_546),
        (0, 65_535 + 65_536, 2 * 65_536),
        (65_535, 2 * 65_536, 65_535 + 65_536),
        (40_000, 65_536 + 10, 40_000),
    ],
    ids=[
        "next",
        "late-by-one",
        "duplicate",
        "wraps-forward",
        "late-across-the-wrap",
        "over-half-a-cycle-back-is-previous-cycle",
    ],
)
def test_extend_sequence(seq: int, highest_ext: int, expected: int) -> None:
    assert extend_sequence(seq, highest_ext) == expected


@pytest.mark.parametrize(
    ("timestamp", "previous_ext", "expected"),
    [
        (1_960, 1_000, 1_960),
        (40, (1 << 32) - 920, (1 << 32) + 40),
        ((1 << 32) - 920, (1 << 32) + 40, (1 << 32) - 920),
    ],
    ids=["forward", "wraps-forward", "back-across-the-wrap"],
)
def test_extend_rtp_timestamp(timestamp: int, previous_ext: int, expected: int) -> None:
    assert extend_rtp_timestamp(timestamp, previous_ext) == expected


# ---------------------------------------------------------------- loss, duplicates, reordering


@pytest.mark.parametrize(
    ("order", "window", "expected", "lost", "duplicates", "reordered", "too_late"),
    [
        (list(range(10)), 64, 10, 0, 0, 0, 0),
        ([0, 1, 2, 5, 6, 7], 64, 8, 2, 0, 0, 0),
        ([0, 1, 3, 2, 4], 64, 5, 0, 0, 1, 0),
        ([0, 1, 1, 2, 2, 2], 64, 3, 0, 3, 0, 0),
        # aiortc reports −1 here: the first packet to arrive is not the first sent.
        ([1, 0, 2, 3], 64, 4, 0, 0, 1, 0),
        ([0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 2], 4, 11, 1, 0, 1, 1),
        ([0, 1, 2, 3, 4, 5, 0], 2, 6, 0, 1, 0, 0),
    ],
    ids=[
        "in-order",
        "gap-of-two",
        "swap-within-window",
        "duplicates-not-received",
        "reordered-first-packet-not-negative",
        "later-than-window-stays-lost",
        "duplicate-of-settled-packet",
    ],
)
def test_loss_accounting(
    order: list[int],
    window: int,
    expected: int,
    lost: int,
    duplicates: int,
    reordered: int,
    too_late: int,
) -> None:
    totals = _run(order, window=window)
    assert (
        totals.packets_expected,
        totals.packets_lost,
        totals.duplicates,
        totals.reordered,
        totals.too_late,
    ) == (expected, lost, duplicates, reordered, too_late)
    assert totals.packets_received == expected - lost


@pytest.mark.parametrize(
    ("order", "expected", "lost", "reordered"),
    [
        ([0, 1, 2, 3], 4, 0, 0),
        ([0, 2, 1, 3], 4, 0, 1),
        ([0, 3], 4, 2, 0),
    ],
    ids=["in-order", "reordered-across-the-wrap", "gap-across-the-wrap"],
)
def test_sequence_wrap(order: list[int], expected: int, lost: int, reordered: int) -> None:
    totals = _run(order, seq0=65_534)  # packets 0..3 are seqs 65534, 65535, 0, 1
    assert (totals.packets_expected, totals.packets_lost, totals.reordered) == (
        expected,
        lost,
        reordered,
    )


def test_many_wraps_count_every_packet() -> None:
    count = 3 * SEQUENCE_CYCLE + 10
    order = [k for k in range(count) if k % 1000 != 500]
    totals = _run(order, seq0=60_000)
    assert totals.packets_expected == count
    assert totals.packets_lost == count - len(order)


def test_gap_is_not_lost_until_the_holdback_passes() -> None:
    stats = StreamStatistics(reorder_window_packets=8)
    for k in [0, 1, 2, 4, 5, 6, 7, 8, 9, 10]:  # 3 missing; highest 10 is 7 ahead of it
        stats.add(_record(k))
    assert stats.totals().packets_lost == 0
    stats.add(_record(11))  # 8 ahead: seq 3 can no longer be merely reordered
    assert stats.totals().packets_lost == 1


def test_finish_settles_the_gaps_still_in_the_holdback() -> None:
    stats = StreamStatistics(reorder_window_packets=64)
    for k in [0, 1, 2, 4]:
        stats.add(_record(k))
    before = stats.take_interval()
    stats.finish()
    after = stats.take_interval()
    assert (before.packets_lost, after.packets_lost) == (0, 1)
    assert stats.totals().packets_expected == 5


def test_interval_counts_reset_after_take() -> None:
    stats = StreamStatistics(reorder_window_packets=0)
    for k in range(5):
        stats.add(_record(k))
    first = stats.take_interval()
    for k in [5, 7]:
        stats.add(_record(k))
    second = stats.take_interval()
    assert (first.packets_received, first.packets_lost) == (5, 0)
    assert (second.packets_received, second.packets_lost) == (2, 1)
    assert second.loss_pct == pytest.approx(100 / 3)


@st.composite
def _arrival_orders(draw: st.DrawFn) -> tuple[int, list[int], int]:
    """A stream of packets, some dropped, some duplicated, displaced by less than the window."""
    seq0 = draw(st.integers(0, SEQUENCE_CYCLE - 1))
    count = draw(st.integers(1, 400))
    window = draw(st.integers(1, 40))
    keep = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    sent = [k for k in range(count) if keep[k]] or [0]
    # Each packet is displaced by less than the window: sort on k + jitter with jitter < window.
    jitter = draw(st.lists(st.integers(0, window - 1), min_size=len(sent), max_size=len(sent)))
    keys = [k + j for k, j in zip(sent, jitter, strict=True)]
    order = [k for _, k in sorted(zip(keys, sent, strict=True))]
    duplicates = draw(st.lists(st.integers(0, len(order) - 1), max_size=20))
    for position in sorted(duplicates, reverse=True):
        order.insert(position + 1, order[position])
    return seq0, order, window


@given(_arrival_orders(), st.lists(st.integers(0, 500), max_size=6))
def test_intervals_sum_to_totals(case: tuple[int, list[int], int], take_after: list[int]) -> None:
    seq0, order, window = case
    stats = StreamStatistics(reorder_window_packets=window)
    intervals = []
    for i, k in enumerate(order):
        stats.add(_record(k, seq0=seq0, arrival_ms=BASE_MS + 20.0 * i))
        if i in take_after:
            intervals.append(stats.take_interval())
    stats.finish()
    intervals.append(stats.take_interval())
    totals = stats.totals()
    for field in ("packets_expected", "packets_received", "packets_lost", "duplicates"):
        assert sum(getattr(s, field) for s in intervals) == getattr(totals, field), field
    assert sum(s.reordered for s in intervals) == totals.reordered
    assert sum(s.bursts.packets_lost for s in intervals) == totals.packets_lost


@given(_arrival_orders())
def test_loss_is_exact_when_displacement_is_within_the_window(
    case: tuple[int, list[int], int],
) -> None:
    seq0, order, window = case
    totals = _run(order, window=window, seq0=seq0)
    distinct = set(order)
    assert totals.packets_expected == max(distinct) - min(distinct) + 1
    assert totals.packets_received == len(distinct)
    assert totals.packets_lost == totals.packets_expected - len(distinct) >= 0
    assert totals.duplicates == len(order) - len(distinct)
    assert totals.too_late == 0


def test_duplicates_add_no_bytes() -> None:
    stats = StreamStatistics()
    for k in [0, 1, 1]:
        stats.add(_record(k, size_bytes=100))
    assert stats.totals().bytes_received == 200


def test_loss_bursts_follow_sequence_order() -> None:
    order = [k for k in range(100) if k not in {10, 11, 12, 50}]
    bursts = _run(order).bursts
    assert (bursts.loss_events, bursts.mean_burst_packets) == (2, 2.0)
    assert bursts.burst_ratio > 1.0


# ---------------------------------------------------------------- jitter and delays


@pytest.mark.parametrize("clock_rate_hz", [8_000, 48_000], ids=["8kHz", "48kHz"])
def test_constant_transit_has_zero_jitter(clock_rate_hz: int) -> None:
    stats = StreamStatistics()
    for k in range(200):
        stats.add(_record(k, clock_rate_hz=clock_rate_hz))
    totals = stats.totals()
    assert totals.jitter_ms == 0.0
    assert totals.transit_variation_ms.max == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("clock_rate_hz", [8_000, 48_000], ids=["8kHz", "48kHz"])
def test_jitter_matches_rfc3550_a8_in_ms(clock_rate_hz: int) -> None:
    variations = [0.0, 10.0, 0.0, 10.0, 3.0, 7.5, 0.0, 12.25]
    stats = StreamStatistics()
    for k, variation in enumerate(variations):
        stats.add(_record(k, variation_ms=variation, clock_rate_hz=clock_rate_hz))
    assert stats.totals().jitter_ms == pytest.approx(_a8_jitter_ms(variations))


def test_jitter_uses_arrival_order_for_reordered_packets() -> None:
    # Packet 2 arrives before packet 1. Transit (arrival − RTP time) in arrival order:
    # packet 0 at 100 ms → 100, packet 2 at 135 ms → 95, packet 1 at 140 ms → 120.
    arrivals = {0: 100.0, 2: 135.0, 1: 140.0}
    stats = StreamStatistics()
    for k, arrival_ms in arrivals.items():
        stats.add(_record(k, arrival_ms=arrival_ms))
    assert stats.totals().reordered == 1
    assert stats.totals().jitter_ms == pytest.approx(_a8_jitter_ms([100.0, 95.0, 120.0]))


def test_jitter_is_continuous_across_the_timestamp_wrap() -> None:
    stats = StreamStatistics()
    for k in range(20):
        stats.add(_record(k, ts0=(1 << 32) - 960 * 5))
    assert stats.totals().jitter_ms == 0.0


def test_transit_variation_is_relative_to_the_fastest_packet() -> None:
    stats = StreamStatistics()
    for k, variation in enumerate([2.0, 7.0, 12.0, 7.0]):
        stats.add(_record(k, variation_ms=variation))
    pdv = stats.totals().transit_variation_ms
    assert (pdv.mean, pdv.p50, pdv.max) == pytest.approx((5.0, 5.0, 10.0))


@pytest.mark.parametrize(
    ("send_ms", "expected_mean"),
    [(None, None), (30.0, 30.0)],
    ids=["no-send-times", "send-times"],
)
def test_one_way_delay_from_send_times(send_ms: float | None, expected_mean: float | None) -> None:
    stats = StreamStatistics()
    for k in range(10):
        arrival = BASE_MS + 20.0 * k
        sent = None if send_ms is None else arrival - send_ms
        stats.add(_record(k, arrival_ms=arrival, send_ms=sent))
    one_way = stats.totals().one_way_delay_ms
    if expected_mean is None:
        assert one_way is None
    else:
        assert one_way is not None
        assert one_way.mean == pytest.approx(expected_mean)


def test_window_times() -> None:
    stats = StreamStatistics()
    for k in range(3):
        stats.add(_record(k))
    first = stats.take_interval(now_ms=150.0)
    stats.add(_record(3))
    second = stats.take_interval()
    assert (first.start_ms, first.end_ms) == (100.0, 150.0)
    assert (second.start_ms, second.end_ms) == (150.0, BASE_MS + 60.0)
    assert (stats.totals().start_ms, stats.totals().end_ms) == (100.0, BASE_MS + 60.0)


def test_empty_statistics_are_zero() -> None:
    totals = StreamStatistics().totals()
    assert (totals.packets_expected, totals.loss_pct, totals.jitter_ms) == (0, 0.0, 0.0)
    assert totals.one_way_delay_ms is None
    assert totals.bursts.burst_ratio == 1.0


def test_memory_stays_bounded_over_an_hour() -> None:
    rng = random.Random(5)
    stats = StreamStatistics()
    for k in range(180_000):  # one hour of 20 ms packets
        stats.add(_record(k, variation_ms=rng.uniform(0.0, 30.0)))
    assert stats.totals().packets_received == 180_000
    # Histogram bins span the 30 ms of variation at 0.1 ms: about 300, not 180 000 samples.
    assert len(stats._total.transit._bin_counts) <= 310


# ---------------------------------------------------------------- histogram


def test_histogram_percentiles_are_nearest_rank() -> None:
    histogram = Histogram()
    for value in range(1, 101):
        histogram.add(float(value))
    summary = histogram.percentiles()
    assert (summary.mean, summary.p50, summary.p95, summary.max) == (50.5, 50.0, 95.0, 100.0)


def test_histogram_relative_to_minimum() -> None:
    histogram = Histogram()
    for value in (10.0, 12.0, 20.0):
        histogram.add(value)
    summary = histogram.percentiles(relative_to_minimum=True)
    assert (summary.p50, summary.max) == pytest.approx((2.0, 10.0))


@given(st.lists(st.floats(-1000.0, 1000.0), min_size=1, max_size=200))
def test_histogram_is_within_one_bin_of_exact(values: list[float]) -> None:
    histogram = Histogram(bin_ms=0.1)
    for value in values:
        histogram.add(value)
    ordered = sorted(values)
    exact_p95 = ordered[max(1, -(-95 * len(values) // 100)) - 1]
    summary = histogram.percentiles()
    assert summary.p95 == pytest.approx(exact_p95, abs=0.1 + 1e-9)
    assert summary.max == max(values)
