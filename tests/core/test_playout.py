"""The playout buffer model on synthetic traces whose truth is known by construction.

Packet k is sent at 20·k ms with RTP timestamp k·960 (48 kHz) and arrives at
``BASE_MS + 20·k + variation_k``. The playout clock ticks at ``BASE_MS + 20·n``, so with no
variation a packet arrives exactly on a tick, and in fixed mode with a delay D that is a
multiple of 20 ms, packet k is played at ``BASE_MS + 20·k + D``: it is late exactly when its
variation exceeds D (the first packet, which anchors the schedule, has none).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterable, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callcheck.core.packets import SEQUENCE_CYCLE, PacketRecord
from callcheck.core.playout import (
    PlayoutBuffer,
    PlayoutConfig,
    PlayoutFrame,
    PlayoutStats,
    drive_playout,
    simulate_playout,
)

BASE_MS = 100.0
CLOCK_HZ = 48_000
FIXED_40 = PlayoutConfig(adaptive=False, initial_delay_ms=40.0)
#: Starts a frame above its minimum target: its first shrink step is due at once.
ADAPTIVE_40 = PlayoutConfig(adaptive=True, initial_delay_ms=40.0)


def _trace(
    count: int,
    variation_ms: Callable[[int], float] = lambda k: 0.0,
    *,
    lost: Iterable[int] = (),
    seq0: int = 1000,
    ts0: int = 5000,
) -> list[PacketRecord]:
    missing = set(lost)
    return [
        PacketRecord(
            seq=(seq0 + k) % SEQUENCE_CYCLE,
            rtp_timestamp=(ts0 + k * 960) % (1 << 32),
            clock_rate_hz=CLOCK_HZ,
            arrival_ms=BASE_MS + 20.0 * k + variation_ms(k),
        )
        for k in range(count)
        if k not in missing
    ]


def _uniform_variation(count: int, jitter_ms: float, seed: int) -> list[float]:
    """Whole-ms variation uniform in ±jitter_ms; the first three packets have none."""
    rng = random.Random(seed)
    j = round(jitter_ms)
    return [0.0 if k < 3 else float(rng.randint(-j, j)) for k in range(count)]


def _frames(
    records: Sequence[PacketRecord], config: PlayoutConfig
) -> tuple[list[PlayoutFrame], PlayoutStats]:
    buffer = PlayoutBuffer(config, clock_rate_hz=CLOCK_HZ)
    frames = list(drive_playout(buffer, records, start_ms=BASE_MS))
    return frames, buffer.stats()


def _played_seqs(frames: Iterable[PlayoutFrame]) -> list[int]:
    return [f.seq for f in frames if f.status == "played" and f.seq is not None]


# ---------------------------------------------------------------- no jitter


@pytest.mark.parametrize(
    ("config", "delay_ms"),
    [(FIXED_40, 40.0), (PlayoutConfig(adaptive=True), 20.0)],
    ids=["fixed-stays-at-initial", "adaptive-settles-at-min"],
)
def test_no_jitter_no_discards(config: PlayoutConfig, delay_ms: float) -> None:
    stats = simulate_playout(_trace(500), config, clock_rate_hz=CLOCK_HZ, start_ms=BASE_MS)
    assert (stats.late_discards, stats.frames_concealed) == (0, 0)
    assert stats.current_delay_ms == pytest.approx(delay_ms)
    assert stats.delay_ms.p50 == pytest.approx(delay_ms)


def test_without_loss_a_received_frame_is_skipped_only_after_a_lasting_excess() -> None:
    # Initial 60 ms, target 20 ms: two frames too much from the first pop and no lost slot to
    # absorb them, so the buffer keeps them for skip_received_after_ms, then skips one frame.
    # The second frame of excess is within the margin's hysteresis: it stays.
    config = PlayoutConfig(initial_delay_ms=60.0)
    frames, stats = _frames(_trace(800), config)
    first_pop_ms = next(f.playout_ms for f in frames if f.status == "played")
    shrunk_at_ms = next(f.playout_ms for f in frames if f.buffer_delay_ms < 60.0)
    assert shrunk_at_ms - first_pop_ms == pytest.approx(config.skip_received_after_ms, abs=20.0)
    assert (stats.frames_skipped, stats.slots_absorbed) == (1, 0)
    assert stats.frames_played == 799
    assert stats.current_delay_ms == pytest.approx(40.0)


@pytest.mark.parametrize("jitter_ms", [5.0, 10.0, 20.0, 40.0])
def test_jitter_without_loss_costs_no_received_frame(jitter_ms: float) -> None:
    # 15 s calls with uniform jitter that keeps packets in order (as the impairment emulator
    # does): the default buffer starts low and only grows, so no received frame is skipped.
    for seed in range(10):
        rng = random.Random(seed)
        arrivals = list(
            itertools.accumulate(
                (20.0 * k + rng.uniform(-jitter_ms, jitter_ms) for k in range(750)), max
            )
        )
        variation = [arrival - 20.0 * k for k, arrival in enumerate(arrivals)]
        _, stats = _frames(_trace(750, variation.__getitem__), PlayoutConfig())
        assert stats.frames_skipped == 0, (seed, stats)
        assert stats.late_discard_pct < 1.0, (seed, stats)


def test_a_silent_frame_is_dropped_to_shrink_when_no_slot_is_lost() -> None:
    # ADAPTIVE_40 on a clean stream: a frame above its 20 ms target and no lost slot, so the
    # step waits (shrink_due) until the caller finds a silent frame — here from packet 100 on.
    buffer = PlayoutBuffer(ADAPTIVE_40, clock_rate_hz=CLOCK_HZ)
    records = _trace(300)
    dropped: list[int] = []
    heard: list[PlayoutFrame] = []
    for frame in drive_playout(buffer, records, start_ms=BASE_MS):
        if buffer.shrink_due and frame.seq is not None and frame.seq - SEQUENCE_CYCLE >= 1100:
            dropped.append(frame.seq)
            frame = buffer.drop_silent_frame(frame.playout_ms)
        heard.append(frame)
    stats = buffer.stats()
    assert [seq - SEQUENCE_CYCLE for seq in dropped] == [1100]
    # The next frame is handed out in the dropped one's place, at the same pop.
    after = heard[[f.seq for f in heard].index(dropped[0] + 1)]
    assert after.status == "played"
    assert after.playout_ms == pytest.approx(BASE_MS + 100 * 20.0 + 40.0)
    assert after.buffer_delay_ms == pytest.approx(20.0)
    assert stats.frames_silence_dropped == 1
    assert (stats.frames_skipped, stats.slots_absorbed, stats.late_discards) == (0, 0, 0)
    assert stats.frames_played == 300  # the dropped frame was handed out (and decoded)
    assert [s - SEQUENCE_CYCLE for s in _played_seqs(heard)] == [
        k for k in range(1000, 1300) if k != 1100
    ]


def test_drop_silent_frame_is_refused_when_no_shrink_is_due() -> None:
    buffer = PlayoutBuffer(PlayoutConfig(), clock_rate_hz=CLOCK_HZ)
    frames = list(drive_playout(buffer, _trace(50), start_ms=BASE_MS))
    assert not buffer.shrink_due
    with pytest.raises(RuntimeError, match="no shrink step is due"):
        buffer.drop_silent_frame(frames[-1].playout_ms)


def test_an_excess_within_the_margin_never_costs_a_received_frame() -> None:
    # Initial 40 ms, target 20 ms: exactly one frame above, no loss: nothing is skipped.
    frames, stats = _frames(_trace(1000), ADAPTIVE_40)
    assert (stats.frames_skipped, stats.slots_absorbed) == (0, 0)
    assert stats.frames_played == 1000
    assert {f.buffer_delay_ms for f in frames if f.status == "played"} == {40.0}


def test_a_shrink_takes_the_slot_of_a_lost_packet_instead_of_a_received_frame() -> None:
    # Every 7th packet 60 ms late for 4 s grows the buffer; then the variation stops and
    # a packet is lost every 0.5 s: each shrink step waits for one of those slots.
    lost = list(range(300, 1000, 25))
    variation = [60.0 if 50 <= k < 250 and k % 7 == 0 else 0.0 for k in range(1000)]
    frames, stats = _frames(_trace(1000, variation.__getitem__, lost=lost), PlayoutConfig())
    assert max(f.buffer_delay_ms for f in frames) >= 60.0
    assert frames[-1].buffer_delay_ms < 40.0
    assert stats.frames_skipped == 0
    assert stats.slots_absorbed >= 2
    # The first 60 ms packet is late (the buffer grows after it); nothing else is missing.
    assert stats.late_discards == 1
    assert stats.frames_concealed + stats.slots_absorbed == len(lost) + stats.late_discards
    assert stats.frames_played == 1000 - len(lost) - stats.late_discards


def test_fixed_delay_is_the_wait_of_every_frame() -> None:
    frames, stats = _frames(_trace(100), FIXED_40)
    assert stats.frames_played == 100
    assert {f.wait_ms for f in frames if f.status == "played"} == {40.0}


def test_silence_until_the_first_packet_is_due() -> None:
    frames, _ = _frames(_trace(10), FIXED_40)
    assert [f.status for f in frames[:3]] == ["silence", "silence", "played"]


# ---------------------------------------------------------------- fixed buffer against jitter


@pytest.mark.parametrize(
    ("delay_ms", "jitter_ms"),
    [(60.0, 50.0), (40.0, 50.0), (20.0, 30.0), (100.0, 120.0)],
    ids=["D60>J50", "D40<J50", "D20<J30", "D100<J120"],
)
def test_fixed_buffer_discards_exactly_the_packets_later_than_its_delay(
    delay_ms: float, jitter_ms: float
) -> None:
    variation = _uniform_variation(3000, jitter_ms, seed=int(delay_ms + jitter_ms))
    config = PlayoutConfig(adaptive=False, initial_delay_ms=delay_ms, min_delay_ms=0.0)
    _, stats = _frames(_trace(3000, variation.__getitem__), config)
    expected_late = sum(1 for v in variation if v > delay_ms)
    assert stats.late_discards == expected_late
    assert stats.frames_concealed == expected_late
    assert stats.frames_played == 3000 - expected_late
    if delay_ms > jitter_ms:
        assert expected_late == 0


# ---------------------------------------------------------------- adaptive


def test_adaptive_converges_to_cover_the_jitter() -> None:
    variation = _uniform_variation(3000, 30.0, seed=1)  # 60 s of ±30 ms
    buffer = PlayoutBuffer(PlayoutConfig(), clock_rate_hz=CLOCK_HZ)
    for n, _ in enumerate(
        drive_playout(buffer, _trace(3000, variation.__getitem__), start_ms=BASE_MS)
    ):
        if n == 250:  # 5 s of warm-up
            buffer.take_interval_stats()
    after_warm_up = buffer.take_interval_stats()
    assert after_warm_up.late_discard_pct < 1.0
    # The spread is 60 ms: the delay covers its 97th percentile, and not much more.
    assert 58.0 <= after_warm_up.delay_ms.mean <= 60.0 + 5.0 + 20.0


def test_adaptive_returns_to_a_low_delay_when_jitter_stops() -> None:
    variation = [v if k < 1000 else 0.0 for k, v in enumerate(_uniform_variation(2000, 40, 2))]
    config = PlayoutConfig()
    buffer = PlayoutBuffer(config, clock_rate_hz=CLOCK_HZ)
    delays = [
        f.buffer_delay_ms
        for f in drive_playout(buffer, _trace(2000, variation.__getitem__), start_ms=BASE_MS)
    ]
    during_jitter = delays[900]
    assert during_jitter >= 70.0
    # With no lost slot to absorb, received frames go only down to a frame plus the margin.
    assert delays[-1] < config.min_delay_ms + config.frame_ms + config.margin_ms
    assert buffer.stats().late_discard_pct < 1.0


def test_adaptive_grows_at_once_after_a_late_discard() -> None:
    # Flat, then one packet delayed by 150 ms: it is late; the buffer grows to cover it.
    variation = [150.0 if k == 300 else 0.0 for k in range(400)]
    frames, stats = _frames(_trace(400, variation.__getitem__), PlayoutConfig())
    assert stats.late_discards == 1
    grown = max(f.buffer_delay_ms for f in frames[300:400])
    assert grown >= 150.0


@pytest.mark.parametrize("max_delay_ms", [60.0, 100.0], ids=["max60", "max100"])
def test_adaptive_delay_never_exceeds_max(max_delay_ms: float) -> None:
    variation = _uniform_variation(1500, 150.0, seed=4)
    config = PlayoutConfig(max_delay_ms=max_delay_ms)
    frames, stats = _frames(_trace(1500, variation.__getitem__), config)
    assert max(f.buffer_delay_ms for f in frames) <= max_delay_ms + 1e-9
    assert stats.delay_ms.max <= max_delay_ms + 1e-9
    assert stats.late_discards > 0


# ---------------------------------------------------------------- loss, reordering, duplicates


@pytest.mark.parametrize(
    "lost",
    [[200], list(range(300, 305)), list(range(150, 450, 10))],
    ids=["single", "burst-of-5", "every-10th"],
)
@pytest.mark.parametrize("config", [FIXED_40, ADAPTIVE_40], ids=["fixed", "adaptive"])
def test_loss_is_concealed_frame_for_frame(lost: list[int], config: PlayoutConfig) -> None:
    _, stats = _frames(_trace(500, lost=lost), config)
    assert stats.late_discards == 0
    assert stats.frames_skipped == 0
    assert stats.frames_played == 500 - len(lost)
    # The adaptive buffer's one shrink step (40 ms → its 20 ms target) waits for the first
    # lost slot and takes it; the others are concealed.
    absorbed = 1 if config.adaptive else 0
    assert stats.slots_absorbed == absorbed
    assert stats.frames_concealed == len(lost) - absorbed


@pytest.mark.parametrize("config", [FIXED_40, ADAPTIVE_40], ids=["fixed", "adaptive"])
def test_reordered_packets_within_the_delay_are_played_in_order(config: PlayoutConfig) -> None:
    # Every 7th packet arrives 25 ms late: after its successor, within the buffer's delay.
    variation = [25.0 if k % 7 == 6 else 0.0 for k in range(300)]
    frames, stats = _frames(_trace(300, variation.__getitem__), config)
    played = _played_seqs(frames)
    assert stats.late_discards == 0
    assert played == sorted(played)
    assert len(played) == 300 - stats.frames_skipped


def test_duplicates_are_played_once() -> None:
    records = _trace(50)
    doubled = [r for r in records for _ in (0, 1)]
    frames, stats = _frames(doubled, FIXED_40)
    assert stats.duplicates == 50
    assert len(_played_seqs(frames)) == len(set(_played_seqs(frames))) == 50


def test_insert_reports_late_and_duplicate_packets() -> None:
    buffer = PlayoutBuffer(FIXED_40, clock_rate_hz=CLOCK_HZ)
    first, second, third = _trace(3)
    assert buffer.insert(first) is True
    assert buffer.insert(first) is False  # duplicate
    assert buffer.pop(BASE_MS + 40.0).status == "played"
    assert buffer.pop(BASE_MS + 60.0).status == "concealed"  # packet 1 is missing
    assert buffer.insert(second) is False  # its slot has passed: late
    assert buffer.insert(third) is True
    assert buffer.pop(BASE_MS + 80.0).status == "played"
    stats = buffer.stats()
    assert (stats.duplicates, stats.late_discards, stats.frames_concealed) == (1, 1, 1)


def test_concealment_counts_once_a_later_packet_shows_the_loss() -> None:
    buffer = PlayoutBuffer(FIXED_40, clock_rate_hz=CLOCK_HZ)
    first, _, third = _trace(3)
    buffer.insert(first)
    buffer.pop(BASE_MS + 40.0)
    buffer.pop(BASE_MS + 60.0)  # concealed: a loss, or a pause in RTP time?
    assert buffer.stats().frames_concealed == 0
    buffer.insert(third)
    buffer.pop(BASE_MS + 80.0)
    assert buffer.stats().frames_concealed == 1


def test_sequence_and_timestamp_wrap() -> None:
    records = _trace(40, seq0=SEQUENCE_CYCLE - 5, ts0=(1 << 32) - 960 * 3)
    frames, stats = _frames(records, FIXED_40)
    played = _played_seqs(frames)
    assert stats.frames_played == 40
    assert played == list(range(played[0], played[0] + 40))
    assert [s % SEQUENCE_CYCLE for s in played[4:7]] == [SEQUENCE_CYCLE - 1, 0, 1]


def test_payload_comes_back_with_its_frame() -> None:
    buffer = PlayoutBuffer(FIXED_40, clock_rate_hz=CLOCK_HZ)
    buffer.insert(_trace(1)[0], payload=b"opus")
    frame = buffer.pop(BASE_MS + 40.0)
    assert (frame.status, frame.payload) == ("played", b"opus")


def test_timestamp_gap_waits_without_concealing() -> None:
    # A DTX-like pause: the sender skips 1 s of RTP time (sequence numbers continue).
    records = [
        PacketRecord(
            seq=k,
            rtp_timestamp=960 * k + (48_000 if k >= 50 else 0),
            clock_rate_hz=CLOCK_HZ,
            arrival_ms=BASE_MS + 20.0 * k + (1000.0 if k >= 50 else 0.0),
        )
        for k in range(100)
    ]
    _, stats = _frames(records, FIXED_40)
    assert (stats.frames_played, stats.frames_concealed, stats.late_discards) == (100, 0, 0)
    assert stats.frames_stretched == 50


def test_interval_stats_reset_after_take() -> None:
    buffer = PlayoutBuffer(FIXED_40, clock_rate_hz=CLOCK_HZ)
    frames = drive_playout(buffer, _trace(100), start_ms=BASE_MS)
    for _ in range(52):
        next(frames)
    first = buffer.take_interval_stats()
    for _ in frames:
        pass
    second = buffer.take_interval_stats()
    assert first.frames_played + second.frames_played == buffer.stats().frames_played == 100


@pytest.mark.parametrize(
    "kwargs",
    [
        {"frame_ms": 0.0},
        {"min_delay_ms": 50.0, "initial_delay_ms": 40.0},
        {"initial_delay_ms": 500.0},
        {"target_percentile": 0.0},
        {"shrink_interval_frames": 0},
        {"skip_received_after_ms": -1.0},
    ],
    ids=[
        "zero-frame",
        "min-above-initial",
        "initial-above-max",
        "zero-percentile",
        "no-shrink-gap",
        "negative-patience",
    ],
)
def test_inconsistent_config_is_rejected(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - each case has its own message
        PlayoutConfig(**kwargs)  # type: ignore[arg-type]


# ---------------------------------------------------------------- properties


@st.composite
def _messy_traces(draw: st.DrawFn) -> list[PacketRecord]:
    count = draw(st.integers(1, 200))
    jitter_ms = draw(st.sampled_from([0.0, 10.0, 40.0, 150.0]))
    seed = draw(st.integers(0, 2**16))
    rng = random.Random(seed)
    records = _trace(
        count,
        lambda k: rng.uniform(-jitter_ms, jitter_ms),
        lost=[k for k in range(count) if rng.random() < 0.1],
        seq0=draw(st.integers(0, SEQUENCE_CYCLE - 1)),
        ts0=draw(st.integers(0, (1 << 32) - 1)),
    )
    return records + [r for r in records if rng.random() < 0.05]


@settings(deadline=None)
@given(_messy_traces(), st.booleans())
def test_every_packet_is_played_once_in_order_or_counted(
    records: list[PacketRecord], adaptive: bool
) -> None:
    config = PlayoutConfig(adaptive=adaptive)
    frames, stats = _frames(records, config)
    played = _played_seqs(frames)
    distinct = len({r.seq for r in records})
    assert played == sorted(set(played))
    assert stats.packets_inserted == distinct
    assert stats.duplicates == len(records) - distinct
    assert stats.frames_played + stats.late_discards <= distinct
    assert stats.frames_played + stats.late_discards + stats.frames_skipped >= distinct
    if adaptive:
        assert all(f.buffer_delay_ms <= config.max_delay_ms + 1e-9 for f in frames)
