"""One Ta and one buffer estimate, checked on traces whose every frame's delay is known.

Each synthetic trace sends a 20 ms packet every 20 ms; its transit is a base delay plus jitter
drawn from a known distribution (uniform, normal, bursty). The playout buffer simulation plays
it; a played frame's true network-plus-buffer delay is ``playout − send`` by construction, and
its mouth-to-ear delay adds the codec's and the device's fixed shares.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from callcheck.core.codecs import codec
from callcheck.core.delay import (
    WAIT_COVERS_PERCENTILE,
    estimate_playout_wait_ms,
    mouth_to_ear_ms,
)
from callcheck.core.packets import PacketRecord, StreamStatistics
from callcheck.core.playout import PlayoutBuffer, PlayoutConfig, drive_playout
from callcheck.core.quality import CallConditions, assess, measured

FRAME_MS = 20.0
BASE_MS = 40.0
DEVICE_MS = 30.0
PACKETS = 1500  # 30 s of audio


def _uniform(scale_ms: float) -> Callable[[random.Random], float]:
    return lambda rng: rng.uniform(0.0, 2.0 * scale_ms)


def _normal(scale_ms: float) -> Callable[[random.Random], float]:
    return lambda rng: max(0.0, rng.gauss(3.0 * scale_ms, scale_ms))


def _bursty(scale_ms: float) -> Callable[[random.Random], float]:
    state = {"burst": False}

    def draw(rng: random.Random) -> float:
        # Two-state queue: 5 % chance per packet to start a burst of +3×scale, 20 % to end it.
        if rng.random() < (0.2 if state["burst"] else 0.05):
            state["burst"] = not state["burst"]
        return rng.uniform(0.0, scale_ms) + (3.0 * scale_ms if state["burst"] else 0.0)

    return draw


@dataclass(frozen=True)
class Played:
    """What the playout simulation did with one trace."""

    records: list[PacketRecord]
    true_network_plus_buffer_ms: list[float]
    """``playout − send`` of every played frame: the truth by construction."""
    transit_of_played_ms: list[float]
    wait_ms: list[float]
    jitter_ms: float
    """RFC 3550 jitter of the trace, as the engine measures it."""


def _play(draw: Callable[[random.Random], float], seed: int) -> Played:
    rng = random.Random(seed)
    records = [
        PacketRecord(
            seq=i & 0xFFFF,
            rtp_timestamp=i * 960,
            clock_rate_hz=48_000,
            arrival_ms=i * FRAME_MS + BASE_MS + draw(rng),
            send_ms=i * FRAME_MS,
        )
        for i in range(PACKETS)
    ]
    stats = StreamStatistics()
    for r in sorted(records, key=lambda r: r.arrival_ms):
        stats.add(r)
    stats.finish()
    by_seq = {r.seq: r for r in records}
    buffer = PlayoutBuffer(PlayoutConfig(frame_ms=FRAME_MS), clock_rate_hz=48_000)
    truth, transit, wait = [], [], []
    for frame in drive_playout(buffer, records):
        if frame.status == "played" and frame.seq is not None:
            r = by_seq[frame.seq & 0xFFFF]
            assert r.send_ms is not None
            truth.append(frame.playout_ms - r.send_ms)
            transit.append(r.arrival_ms - r.send_ms)
            wait.append(frame.playout_ms - r.arrival_ms)
    return Played(records, truth, transit, wait, stats.totals().jitter_ms)


TRACES = {
    "uniform-5": _uniform(5.0),
    "uniform-20": _uniform(20.0),
    "normal-5": _normal(5.0),
    "normal-10": _normal(10.0),
    "normal-20": _normal(20.0),
    "bursty-10": _bursty(10.0),
    "bursty-20": _bursty(20.0),
}


@pytest.mark.parametrize("name", list(TRACES))
def test_ta_is_the_mean_true_mouth_to_ear_delay_of_the_played_frames(name: str) -> None:
    played = _play(TRACES[name], seed=7)
    opus = codec("opus-96")
    truth = statistics.fmean(played.true_network_plus_buffer_ms) + opus.coding_delay_ms
    truth += DEVICE_MS
    ta = mouth_to_ear_ms(
        network_delay_ms=statistics.fmean(played.transit_of_played_ms),
        playout_wait_ms=statistics.fmean(played.wait_ms),
        coding_delay_ms=opus.coding_delay_ms,
        device_ms=DEVICE_MS,
    )
    assert ta == pytest.approx(truth, abs=1e-6)


@pytest.mark.parametrize("name", list(TRACES))
def test_the_e_model_gets_the_true_ta_from_the_engines_figures(name: str) -> None:
    # The engine's figures: the mean one-way delay of every received packet and the playout
    # buffer's mean wait (PlayoutStats.wait_ms). Within 1 ms of the truth; the first landing's
    # "mean delay + buffer hold above the fastest packet" was off by the mean jitter excess.
    played = _play(TRACES[name], seed=11)
    opus = codec("opus-96")
    truth = statistics.fmean(played.true_network_plus_buffer_ms) + opus.coding_delay_ms
    mean_transit = statistics.fmean(r.arrival_ms - (r.send_ms or 0.0) for r in played.records)
    result = assess(
        CallConditions(
            codec_key="opus-96",
            network_delay_ms=measured(mean_transit),
            loss_pct=measured(0.0),
            buffer_ms=measured(statistics.fmean(played.wait_ms)),
        )
    )
    assert result.ta_ms == pytest.approx(truth, abs=1.0)


ESTIMATED = [
    (name, seed)
    for name in ("uniform-5", "uniform-20", "normal-5", "normal-10", "normal-20")
    for seed in (1, 2, 3)
]


@pytest.mark.parametrize(("name", "seed"), ESTIMATED, ids=[f"{n}-seed{s}" for n, s in ESTIMATED])
def test_buffer_estimate_from_jitter_matches_the_simulated_wait(name: str, seed: int) -> None:
    played = _play(TRACES[name], seed=seed)
    estimate = estimate_playout_wait_ms(played.jitter_ms, FRAME_MS)
    simulated = statistics.fmean(played.wait_ms)
    # The buffer moves in whole packets and holds a late packet's delay for 2 s: the estimate
    # is within half a packet plus the margin, or a quarter, of the simulated wait.
    assert estimate == pytest.approx(simulated, abs=max(FRAME_MS / 2.0 + 5.0, 0.25 * simulated))


@pytest.mark.parametrize("name", ["uniform-5", "uniform-20", "normal-5", "normal-10", "normal-20"])
def test_buffer_estimate_covers_the_stated_percentile_of_transit(name: str) -> None:
    played = _play(TRACES[name], seed=5)
    transits = sorted(r.arrival_ms - (r.send_ms or 0.0) for r in played.records)
    playout_point = statistics.fmean(transits) + estimate_playout_wait_ms(
        played.jitter_ms, FRAME_MS
    )
    covered = sum(t <= playout_point for t in transits) / len(transits) * 100.0
    assert covered >= WAIT_COVERS_PERCENTILE


@pytest.mark.parametrize("name", ["bursty-10", "bursty-20"])
def test_buffer_estimate_underestimates_slow_delay_shifts_as_documented(name: str) -> None:
    # RFC 3550 jitter barely sees a queue that fills for seconds: the documented limit of an
    # estimate from jitter, which is why a call's own rating uses its measured wait. (Over
    # three seeds: a single short trace may have too few bursts to show it.)
    errors = []
    for seed in (1, 2, 3):
        played = _play(TRACES[name], seed=seed)
        estimate = estimate_playout_wait_ms(played.jitter_ms, FRAME_MS)
        errors.append(estimate - statistics.fmean(played.wait_ms))
    assert statistics.fmean(errors) < -FRAME_MS / 2.0


@pytest.mark.parametrize(
    ("jitter", "packet", "expected"),
    [(0.0, 20.0, 20.0), (10.0, 20.0, 32.0), (20.0, 20.0, 49.0), (10.0, 30.0, 37.0)],
    ids=["no-jitter-one-packet", "10ms", "20ms", "10ms-30ms-packets"],
)
def test_buffer_estimate_formula(jitter: float, packet: float, expected: float) -> None:
    assert estimate_playout_wait_ms(jitter, packet) == pytest.approx(expected)


@pytest.mark.parametrize(
    "parts",
    [
        {"network_delay_ms": -1.0, "playout_wait_ms": 0.0, "coding_delay_ms": 0.0},
        {"network_delay_ms": float("nan"), "playout_wait_ms": 0.0, "coding_delay_ms": 0.0},
    ],
    ids=["negative", "nan"],
)
def test_ta_refuses_impossible_delays(parts: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="delays"):
        mouth_to_ear_ms(**parts)
