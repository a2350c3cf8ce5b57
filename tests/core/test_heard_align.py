"""Alignment of received audio with the sent reference (pure DSP, known truth)."""

from __future__ import annotations

import numpy as np
import pytest

from callcheck.core.heard import (
    HeardDirection,
    HeardMethod,
    HeardQuality,
    heard_line,
    heard_shortfall,
    worst_heard_mos,
)
from callcheck.core.heard_align import (
    FOLLOW_BLOCK_MS,
    AlignmentWindow,
    active_share,
    align_segment,
    find_delay,
    plan_segments,
)
from callcheck.core.resample import resample

RATE = 16_000


def speech_like(seconds: float, seed: int = 0) -> np.ndarray:
    """Noise bursts of 0.6 s with 0.4 s of digital silence between them (−20 dBFS-ish)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0.0, 3000.0, int(seconds * RATE))
    t = np.arange(x.size) / RATE
    x[(t % 1.0) >= 0.6] = 0.0
    return x


@pytest.mark.parametrize("delay_ms", [0.0, 37.5, 412.0, 1200.0])
def test_a_known_delay_is_found_to_the_sample(delay_ms: float) -> None:
    reference = speech_like(12.0)
    shift = round(delay_ms * RATE / 1000)
    received = np.concatenate([np.zeros(shift), reference])[: reference.size] * 0.5
    window = AlignmentWindow(segment_s=1.5, max_segments=3)
    plans = plan_segments(reference, RATE, received.size / RATE, 0.0, window)
    assert 1 <= len(plans) <= 3
    for plan in plans:
        a, b = int(plan.reference_start_s * RATE), int(plan.reference_end_s * RATE)
        s = int(plan.received_start_s * RATE)
        seg = align_segment(plan, reference[a:b], received[s : s + int(1.5 * RATE)], RATE)
        assert seg.delay_ms == pytest.approx(delay_ms, abs=1000 / RATE)
        assert seg.correlation == pytest.approx(1.0, abs=1e-6)
        np.testing.assert_allclose(seg.received, seg.reference * 0.5, atol=1e-6)


def test_the_stream_offset_is_taken_from_the_anchors() -> None:
    # The received stream started 2 s after the reference (on the shared clock): the delay is
    # what remains once that is taken off.
    reference = speech_like(12.0, seed=3)
    delay = round(0.120 * RATE)
    received = reference[2 * RATE - delay :]
    plans = plan_segments(reference, RATE, received.size / RATE, 2.0)
    plan = plans[0]
    a, b = int(plan.reference_start_s * RATE), int(plan.reference_end_s * RATE)
    s = int(plan.received_start_s * RATE)
    seg = align_segment(plan, reference[a:b], received[s : s + int(1.5 * RATE)], RATE)
    assert seg.delay_ms == pytest.approx(120.0, abs=0.1)


def test_segments_are_bounded_and_spread_over_the_call() -> None:
    reference = speech_like(30.0)
    plans = plan_segments(reference, RATE, 28.0, 0.0, AlignmentWindow(max_segments=2))
    assert len(plans) == 2
    assert plans[0].received_start_s < 5.0 < 20.0 < plans[1].received_start_s


def test_silence_is_never_scored() -> None:
    assert plan_segments(np.zeros(20 * RATE), RATE, 19.0, 0.0) == ()
    assert active_share(np.zeros(RATE), RATE) == 0.0


def test_a_call_too_short_has_no_segment() -> None:
    assert plan_segments(speech_like(3.0), RATE, 2.0, 0.0) == ()


def test_find_delay_rejects_a_short_window() -> None:
    with pytest.raises(ValueError, match="at least as long"):
        find_delay(np.ones(10), np.ones(20))


def direction(mos: float | None) -> HeardDirection:
    return HeardDirection("downlink", HeardMethod.FULL_REFERENCE, mos, "m", "1")


def test_the_heard_score_of_a_call_is_its_worst_direction() -> None:
    quality = HeardQuality((direction(4.6), direction(None), direction(3.9)))
    assert quality.mos == 3.9
    assert worst_heard_mos([direction(None)]) is None
    out = quality.to_json()
    assert out["scale"] == "MOS-LQO"
    assert [d["available"] for d in out["directions"]] == [True, False, True]


def test_the_shortfall_is_prediction_minus_heard() -> None:
    assert heard_shortfall(4.4, 3.6) == pytest.approx(0.8)
    assert heard_shortfall(None, 3.6) is None


def test_the_cli_line_names_score_scale_model_and_direction() -> None:
    quality = HeardQuality((direction(4.62),))
    line = heard_line(quality.to_json())
    assert line == "What the listener heard: 4.6 MOS-LQO (m, downlink, 0 s scored)"
    missing = HeardDirection("downlink", HeardMethod.NO_REFERENCE, None, "m", "", note="why")
    assert heard_line(HeardQuality((missing,)).to_json()) == (
        "What the listener heard: not available (why)"
    )
    assert heard_line(None) is None


def test_a_pause_in_the_reference_never_wins_the_match() -> None:
    # The search window holds a long pause after loud speech, then the true source of the
    # segment: the match is the speech, at its true correlation.
    rng = np.random.default_rng(5)
    loud = rng.normal(0.0, 20000.0, 2 * RATE)
    speech = rng.normal(0.0, 3000.0, 3 * RATE)
    window = np.concatenate([loud, np.zeros(round(1.2 * RATE)), speech])
    start = loud.size + round(1.2 * RATE) + RATE // 2
    piece = window[start : start + RATE] * 0.7 + rng.normal(0.0, 30.0, RATE)
    j, corr = find_delay(window, piece)
    assert j == start
    assert 0.95 < corr <= 1.0 + 1e-9


def test_normalised_correlation_is_at_most_one_for_any_input() -> None:
    rng = np.random.default_rng(9)
    window = np.concatenate([np.zeros(8000), rng.normal(0, 1, 8000), np.zeros(8000)])
    for scale in (1e-6, 1.0, 1e4):
        _, corr = find_delay(window, rng.normal(0, 1, 4000) * scale)
        assert corr <= 1.0 + 1e-9


def test_every_segment_of_the_shipped_test_signal_aligns() -> None:
    # The test signal's pauses are digital silence, some longer than a segment: a regression
    # test for pauses "matching" through round-off (correlations of 10–20 picked a pause).
    from callcheck.engine.sources import SyntheticSpeechSource

    # Through 48 kHz and back, as an Opus call's reference is: the pauses keep a faint ringing
    # of the converter (energy ~1e-6, not zero).
    wide = SyntheticSpeechSource(sample_rate_hz=48_000).read(24 * 48_000)
    reference = resample(wide, 48_000, RATE)
    delay = round(0.045 * RATE)
    received = np.concatenate([np.zeros(delay), reference])[: reference.size] * 0.8
    window = AlignmentWindow(segment_s=1.5, max_segments=20)
    plans = plan_segments(reference, RATE, received.size / RATE, 0.0, window)
    assert len(plans) >= 5
    for plan in plans:
        a, b = round(plan.reference_start_s * RATE), round(plan.reference_end_s * RATE)
        s = round(plan.received_start_s * RATE)
        seg = align_segment(plan, reference[a:b], received[s : s + round(1.5 * RATE)], RATE)
        assert seg.delay_ms == pytest.approx(45.0, abs=0.1), plan
        assert seg.correlation == pytest.approx(1.0, abs=1e-6)


def test_a_delay_step_inside_a_segment_is_followed() -> None:
    # The playout buffer grows its delay by 60 ms in the middle of a segment (it inserted
    # three frames of concealment): the reference is rebuilt as the received audio played it,
    # so everything but the inserted 60 ms lines up to the sample.
    reference = speech_like(12.0, seed=11)
    first, step = round(0.040 * RATE), round(0.060 * RATE)
    cut = round(3.3 * RATE)
    received = np.concatenate([np.zeros(first), reference[:cut], np.zeros(step), reference[cut:]])[
        : reference.size
    ]
    window = AlignmentWindow(segment_s=1.5, max_segments=20)
    plan = next(
        p for p in plan_segments(reference, RATE, 11.0, 0.0, window) if p.received_start_s == 2.5
    )
    a, b = round(plan.reference_start_s * RATE), round(plan.reference_end_s * RATE)
    s = round(plan.received_start_s * RATE)
    seg = align_segment(plan, reference[a:b], received[s : s + round(1.5 * RATE)], RATE)
    assert seg.delay_ms == pytest.approx(40.0, abs=0.1)
    gap = slice(cut + first - s, cut + first + step - s)
    matched = np.ones(seg.received.size, dtype=bool)
    matched[gap] = False
    # Blocks of 100 ms: the one holding the step keeps the old delay for its first part.
    block = round(FOLLOW_BLOCK_MS / 1000 * RATE)
    matched[gap.start - block : gap.stop + block] = False
    np.testing.assert_allclose(seg.reference[matched], seg.received[matched], atol=1e-6)


def test_a_damaged_block_keeps_the_delay_of_the_audio_before_it() -> None:
    # A lost stretch concealed with a copy of the previous 20 ms (a crude pitch repeat): it
    # matches the reference nowhere well, so it is compared with what should have played.
    reference = np.random.default_rng(4).normal(0.0, 3000.0, 8 * RATE)
    received = reference.copy()
    hole = slice(round(3.0 * RATE), round(3.1 * RATE))
    period = round(0.02 * RATE)
    for k in range(hole.start, hole.stop, period):
        received[k : k + period] = received[k - period : k]
    window = AlignmentWindow(segment_s=1.5, max_segments=20)
    plan = next(
        p for p in plan_segments(reference, RATE, 7.0, 0.0, window) if p.received_start_s == 2.5
    )
    a, b = round(plan.reference_start_s * RATE), round(plan.reference_end_s * RATE)
    s = round(plan.received_start_s * RATE)
    seg = align_segment(plan, reference[a:b], received[s : s + round(1.5 * RATE)], RATE)
    np.testing.assert_allclose(seg.reference, reference[s : s + round(1.5 * RATE)], atol=1e-6)
