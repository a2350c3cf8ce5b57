"""From measured call conditions to a rating: delay budget, losses, clamps, provenance."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcheck.core.codecs import codec
from callcheck.core.emodel import EModelInputError, EModelParams, Scale, compute
from callcheck.core.grades import Grade
from callcheck.core.quality import (
    CallConditions,
    Figure,
    Provenance,
    QualityInputError,
    assess,
    assumed,
    estimated,
    measured,
)


def conditions(**changes: object) -> CallConditions:
    base: dict[str, object] = {
        "codec_key": "g711-plc",
        "network_delay_ms": measured(20.0, "test"),
        "loss_pct": measured(0.0, "test"),
        "buffer_ms": measured(40.0, "test"),
        "late_discard_pct": measured(0.0, "test"),
        "burst_ratio": measured(1.0, "test"),
        "device_ms": measured(30.0, "test"),
    }
    base.update(changes)
    return CallConditions(**base)  # type: ignore[arg-type]


def test_ta_is_the_sum_of_the_delay_budget() -> None:
    # 20 network + 40 buffer + 20 packet + 0 look-ahead + 30 device = 110 ms
    result = assess(conditions())
    assert result.input("Ta").value == pytest.approx(110.0)
    # The codec's packet and look-ahead time are fixed by the codec, so Ta counts as measured
    # when every part that varies was measured.
    assert result.input("Ta").provenance is Provenance.MEASURED
    direct = compute(EModelParams(Ta=110.0, T=110.0, Tr=220.0, Ie=0.0, Bpl=25.1))
    assert result.r_factor == pytest.approx(direct.r_factor)
    assert result.mos == pytest.approx(direct.mos)


def test_ppl_adds_late_discards_to_network_loss() -> None:
    result = assess(conditions(loss_pct=measured(1.5), late_discard_pct=measured(0.5)))
    assert result.input("Ppl").value == pytest.approx(2.0)
    assert result.input("Ppl").provenance is Provenance.MEASURED


def test_mouth_to_ear_measurement_replaces_the_computed_budget() -> None:
    result = assess(conditions(mouth_to_ear_ms=measured(95.0, "probes")))
    assert result.input("Ta").value == pytest.approx(125.0)  # 95 + 30 device
    assert result.input("Ta").provenance is Provenance.MEASURED


def test_buffer_is_estimated_from_jitter_when_not_measured() -> None:
    result = assess(conditions(buffer_ms=None, jitter_ms=measured(12.0)))
    # The one estimate (callcheck.core.delay): 1.7 × 12 + 5 ms margin + half a 20 ms packet.
    assert result.input("buffer_ms").value == pytest.approx(35.4)
    assert result.input("buffer_ms").provenance is Provenance.ESTIMATED
    assert result.input("Ta").provenance is Provenance.ESTIMATED


def test_wideband_codec_is_rated_on_the_wideband_scale() -> None:
    result = assess(conditions(codec_key="opus-24"))
    assert result.scale is Scale.WIDEBAND
    assert result.r_factor > 100.0
    assert result.input("Ie").value == codec("opus-24").ie


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        ("network_delay_ms", -5.0, "network delay"),
        ("network_delay_ms", math.nan, "finite"),
        ("loss_pct", 101.0, "loss"),
        ("loss_pct", -0.1, "loss"),
        ("jitter_ms", 4800.0, "RTP clock units"),
        ("buffer_ms", -1.0, "playout buffer"),
        ("device_ms", math.inf, "finite"),
        ("burst_ratio", -1.0, "burst ratio"),
        ("late_discard_pct", 150.0, "late discards"),
    ],
    ids=[
        "negative-delay",
        "nan-delay",
        "loss-over-100",
        "negative-loss",
        "jitter-in-rtp-units",
        "negative-buffer",
        "infinite-device",
        "negative-burst",
        "late-over-100",
    ],
)
def test_nonsense_is_refused_with_a_clear_message(field: str, value: float, match: str) -> None:
    with pytest.raises(QualityInputError, match=match):
        assess(conditions(**{field: measured(value)}))


def test_real_but_out_of_model_range_figures_are_clamped_and_say_so() -> None:
    result = assess(conditions(network_delay_ms=measured(900.0), loss_pct=measured(35.0)))
    assert result.input("Ta").value == 500.0
    assert result.input("Ta").raw_value == pytest.approx(990.0)
    assert result.input("Ppl").value == 20.0
    assert result.input("Ppl").clamped
    assert result.grade is Grade.BAD
    assert 1.0 <= result.mos <= 4.5


def test_burst_ratio_below_one_counts_as_random_loss() -> None:
    result = assess(conditions(loss_pct=measured(2.0), burst_ratio=estimated(0.8)))
    assert result.input("BurstR").value == 1.0
    assert result.input("BurstR").raw_value == 0.8


def test_overrides_set_g107_parameters_directly() -> None:
    result = assess(conditions(), {"Ta": 250.0, "A": 5.0})
    assert result.input("Ta").value == 250.0
    assert result.input("Ta").source == "set directly"
    assert result.breakdown.A == 5.0
    with pytest.raises(EModelInputError, match="Ta"):
        assess(conditions(), {"Ta": 900.0})
    with pytest.raises(EModelInputError, match="unknown"):
        assess(conditions(), {"Bogus": 1.0})


def test_result_carries_grade_pass_and_breakdown() -> None:
    result = assess(conditions())
    assert result.grade is Grade.EXCELLENT
    assert result.passed
    assert set(result.breakdown_dict()) == {"Ro", "Is", "Id", "Idte", "Idle", "Idd", "Ie_eff", "A"}


finite = {"allow_nan": False, "allow_infinity": False}


@given(
    codec_key=st.sampled_from(["g711", "g711-plc", "g729a-vad", "g722", "opus-16", "opus-96"]),
    delay=st.floats(0, 2000, **finite),
    more_delay=st.floats(0, 500, **finite),
    loss=st.floats(0, 60, **finite),
    more_loss=st.floats(0, 40, **finite),
    burst=st.floats(1, 10, **finite),
    more_burst=st.floats(0, 5, **finite),
)
def test_mos_never_increases_with_delay_loss_or_burstiness(
    codec_key: str,
    delay: float,
    more_delay: float,
    loss: float,
    more_loss: float,
    burst: float,
    more_burst: float,
) -> None:
    def mos(d: float, lo: float, b: float) -> float:
        c = conditions(
            codec_key=codec_key,
            network_delay_ms=assumed(d),
            loss_pct=assumed(min(lo, 100.0)),
            burst_ratio=assumed(b),
        )
        return assess(c).mos

    base = mos(delay, loss, burst)
    assert mos(delay + more_delay, loss, burst) <= base + 1e-9
    assert mos(delay, loss + more_loss, burst) <= base + 1e-9
    assert mos(delay, loss, burst + more_burst) <= base + 1e-9


def test_figure_keeps_provenance() -> None:
    assert measured(1.0).provenance is Provenance.MEASURED
    assert estimated(1.0).provenance is Provenance.ESTIMATED
    assert assumed(1.0).provenance is Provenance.ASSUMED
    assert Figure(1.0, Provenance.MEASURED, "x").source == "x"
