"""The recent-trouble window (``core.live_rating``): counts of the last second, outages at once."""

from __future__ import annotations

import random

import pytest

from callcheck.core.live_rating import PACKET_INTERVAL_MS, RECENT_WINDOW_MS, RecentWindow
from callcheck.core.packets import PacketRecord, StreamStatistics

SNAPSHOT_MS = 250.0


def _feed(
    *,
    seconds: float,
    lost: set[int] = frozenset(),  # type: ignore[assignment]
    silent: tuple[float, float] | None = None,
    jitter_ms: float = 0.0,
) -> list[tuple[float, float]]:
    """A 50 packet/s stream; ``(snapshot time ms, recent loss %)`` every 250 ms."""
    rng = random.Random(7)
    stats = StreamStatistics()
    window = RecentWindow()
    n = int(seconds * 1000 / PACKET_INTERVAL_MS)
    arrivals = sorted(
        (seq * PACKET_INTERVAL_MS + rng.uniform(0, jitter_ms), seq)
        for seq in range(n)
        if seq not in lost and not (silent and silent[0] <= seq * PACKET_INTERVAL_MS < silent[1])
    )
    out = []
    t = SNAPSHOT_MS
    i = 0
    while t <= seconds * 1000:
        while i < len(arrivals) and arrivals[i][0] <= t:
            arrival, seq = arrivals[i]
            stats.add(PacketRecord(seq, seq * 960, 48_000, arrival))
            i += 1
        window.add(t, stats.totals())
        recent = window.window()
        out.append((t, -1.0 if recent is None else recent.loss_pct))
        t += SNAPSHOT_MS
    return out


def test_a_clean_stream_with_jitter_shows_no_recent_loss() -> None:
    trace = _feed(seconds=6, jitter_ms=30.0)
    assert all(loss == 0.0 for t, loss in trace if t >= RECENT_WINDOW_MS)


def test_a_one_second_outage_shows_within_one_snapshot() -> None:
    trace = _feed(seconds=8, silent=(4000.0, 5000.0))
    first = next(t for t, loss in trace if loss >= 15.0)
    assert 4000.0 < first <= 4000.0 + SNAPSHOT_MS
    # At its worst the window is the outage itself; a second after it ends, it is clean again.
    assert max(loss for _, loss in trace) >= 90.0
    assert all(loss <= 5.0 for t, loss in trace if t >= 6250.0)


def test_random_loss_of_a_few_percent_is_not_recent_trouble_but_bursts_are() -> None:
    """Up to two packets missing in a second are within the slack; a burst of five is not."""
    sparse = set(range(25, 500, 50))  # 2 %: one a second
    assert all(loss == 0.0 for t, loss in _feed(seconds=10, lost=sparse) if t >= 1000.0)
    burst = set(range(200, 205))  # 4.0–4.1 s
    trace = _feed(seconds=8, lost=burst)
    assert max(loss for _, loss in trace) >= 5.0


def test_nothing_to_say_before_two_points() -> None:
    window = RecentWindow()
    assert window.window() is None
    with pytest.raises(ValueError, match="positive"):
        RecentWindow(0.0)
