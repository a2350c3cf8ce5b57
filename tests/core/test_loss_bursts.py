"""Gilbert-model loss burstiness: hand-counted traces, and traces generated with known p and q."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcheck.core.loss_bursts import LossBurstTracker


def _track(trace: list[int] | np.ndarray) -> LossBurstTracker:
    tracker = LossBurstTracker()
    tracker.extend(bool(x) for x in trace)
    return tracker


def _gilbert_trace(p: float, q: float, packets: int, seed: int) -> np.ndarray:
    """A 2-state Markov loss trace (1 = lost) with P(found→lost) = p, P(lost→found) = q."""
    draws = np.random.default_rng(seed).random(packets)
    trace = np.zeros(packets, dtype=np.int8)
    lost = False
    for i, u in enumerate(draws):
        lost = bool(u >= q) if lost else bool(u < p)
        trace[i] = lost
    return trace


@pytest.mark.parametrize(
    ("trace", "p", "q", "mean_burst", "mean_gap", "events", "burst_ratio"),
    [
        ([0] * 10, 0.0, 1.0, 0.0, 10.0, 0, 1.0),
        # transitions 00 00 01 10 00: p = 1/3, q = 1/1; gaps of 2 and 2.
        ([0, 0, 1, 0, 0], 1 / 3, 1.0, 1.0, 2.0, 1, 0.75),
        # transitions 00 00 01 11 11 10 00: p = 1/4, q = 1/3 → BurstR = 12/7; gaps 3 and 2.
        ([0, 0, 0, 1, 1, 1, 0, 0], 1 / 4, 1 / 3, 3.0, 2.5, 1, 12 / 7),
        # two bursts of 2: transitions 01 11 10 01 11 10 → p = 2/2, q = 2/4.
        ([0, 1, 1, 0, 1, 1, 0], 1.0, 0.5, 2.0, 1.0, 2, 1 / 1.5),
        # never left the lost state: p has no evidence (0), q = 0 → BurstR falls back to 1.
        ([1, 1, 1], 0.0, 0.0, 3.0, 0.0, 1, 1.0),
        # a burst still open at the end: q from the run length, 1/mean burst = 1.
        ([0, 0, 0, 1], 1 / 3, 1.0, 1.0, 3.0, 1, 0.75),
    ],
    ids=[
        "no-loss",
        "one-isolated-loss",
        "one-burst-of-3",
        "two-bursts-of-2",
        "all-lost",
        "trailing-loss",
    ],
)
def test_hand_counted_traces(
    trace: list[int],
    p: float,
    q: float,
    mean_burst: float,
    mean_gap: float,
    events: int,
    burst_ratio: float,
) -> None:
    stats = _track(trace).stats()
    assert (stats.p, stats.q) == pytest.approx((p, q))
    assert stats.mean_burst_packets == pytest.approx(mean_burst)
    assert stats.mean_gap_packets == pytest.approx(mean_gap)
    assert stats.loss_events == events
    assert stats.burst_ratio == pytest.approx(burst_ratio)


def test_empty_trace_is_burst_ratio_one() -> None:
    stats = LossBurstTracker().stats()
    assert (stats.burst_ratio, stats.loss_events, stats.packets) == (1.0, 0, 0)


@pytest.mark.parametrize("loss", [0.01, 0.05, 0.2], ids=["1pct", "5pct", "20pct"])
def test_random_loss_has_burst_ratio_one(loss: float) -> None:
    trace = np.random.default_rng(7).random(200_000) < loss
    stats = _track(trace).stats()
    assert stats.burst_ratio == pytest.approx(1.0, abs=0.05)
    assert stats.p == pytest.approx(loss, rel=0.05)


@pytest.mark.parametrize(
    ("p", "q"),
    [(0.02, 0.25), (0.01, 0.5), (0.05, 0.1)],
    ids=["p2pct-q25pct", "p1pct-q50pct", "p5pct-q10pct"],
)
def test_gilbert_trace_recovers_p_and_q(p: float, q: float) -> None:
    stats = _track(_gilbert_trace(p, q, 300_000, seed=11)).stats()
    assert stats.p == pytest.approx(p, rel=0.04)
    assert stats.q == pytest.approx(q, rel=0.04)
    assert stats.burst_ratio == pytest.approx(1.0 / (p + q), rel=0.04)


def test_gilbert_trace_mean_run_lengths_are_one_over_q_and_p() -> None:
    stats = _track(_gilbert_trace(0.02, 0.25, 300_000, seed=3)).stats()
    assert stats.mean_burst_packets == pytest.approx(1 / 0.25, rel=0.04)
    assert stats.mean_gap_packets == pytest.approx(1 / 0.02, rel=0.04)


@given(st.lists(st.booleans(), max_size=300))
def test_runs_account_for_every_packet(trace: list[bool]) -> None:
    stats = _track([int(x) for x in trace]).stats()
    lost = sum(trace)
    assert stats.packets == len(trace)
    assert stats.packets_lost == lost
    assert stats.mean_burst_packets * stats.loss_events == pytest.approx(lost)
    assert 0.0 <= stats.p <= 1.0
    assert 0.0 <= stats.q <= 1.0
    assert stats.burst_ratio > 0.0


@given(st.lists(st.booleans(), max_size=300))
def test_burst_ratio_is_one_without_loss_else_one_over_p_plus_q(trace: list[bool]) -> None:
    stats = _track([int(x) for x in trace]).stats()
    if not any(trace) or stats.p + stats.q == 0.0:
        assert stats.burst_ratio == 1.0
    else:
        assert stats.burst_ratio == pytest.approx(1.0 / (stats.p + stats.q))
