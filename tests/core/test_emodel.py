"""ITU-T G.107 / G.107.1 E-model: checked against the Recommendation's published defaults and
against values worked out by hand from its equations (the arithmetic is in the comments)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callcheck.core.emodel import (
    PARAM_SPECS,
    EModelInputError,
    EModelParams,
    Scale,
    compute,
    idd_for,
    ie_eff_for,
    mos_to_r,
    mos_to_wideband_r,
    r_to_mos,
    wideband_r_to_mos,
)


def test_defaults_give_the_published_r_of_93_2_and_mos_4_41() -> None:
    result = compute(EModelParams())
    assert result.r_factor == pytest.approx(93.2, abs=0.05)
    assert round(result.mos, 2) == 4.41
    assert result.scale is Scale.NARROWBAND


def test_default_breakdown_matches_hand_values() -> None:
    # Ro = 15 − 1.5(SLR + No) with No ≈ −61.18 dBm0p → 94.77; Is ≈ 1.41 (Iolr 0.44 + Iq 0.97).
    b = compute(EModelParams()).breakdown
    assert b.Ro == pytest.approx(94.77, abs=0.01)
    assert b.Is == pytest.approx(1.41, abs=0.01)
    assert b.Idte == pytest.approx(0.0, abs=1e-9)  # T = 0: (1 − e^−T) = 0
    assert b.Idle == pytest.approx(0.15, abs=0.01)  # WEPL 110: Rle = 10.5·117 = 1228.5
    assert b.Idd == 0.0
    assert b.Ie_eff == 0.0


@pytest.mark.parametrize(
    ("ta_ms", "idd"),
    [
        (0.0, 0.0),
        (100.0, 0.0),  # at mT: no impairment yet
        # X = log2(1.5) = 0.58496: 25{(1+X⁶)^⅙ − 3(1+(X/3)⁶)^⅙ + 2} = 25·0.0065468
        (150.0, 0.1637),
        # X = 1: 25{2^⅙ − 3(1+3⁻⁶)^⅙ + 2} = 25{1.122462 − 3.000686 + 2}
        (200.0, 3.0444),
        # X = 2: 25{65^⅙ − 3(1+(2/3)⁶)^⅙ + 2} = 25{2.005113 − 3.042373 + 2}
        (400.0, 24.0685),
    ],
    ids=["0ms", "100ms", "150ms", "200ms", "400ms"],
)
def test_idd_at_several_ta(ta_ms: float, idd: float) -> None:
    assert idd_for(ta_ms) == pytest.approx(idd, abs=2e-3)
    assert compute(EModelParams(Ta=ta_ms)).breakdown.Idd == pytest.approx(idd, abs=2e-3)


def test_delay_sensitivity_shifts_the_onset_of_idd() -> None:
    # A low-sensitivity user (mT 150 ms) feels nothing at 140 ms; the default user does.
    assert idd_for(140.0, sT=0.55, mT=150.0) == 0.0
    assert idd_for(140.0) > 0.0
    # A very sensitive user (mT 50 ms) is already impaired at 80 ms.
    assert idd_for(80.0, sT=2.0, mT=50.0) > 0.0 == idd_for(80.0)


@pytest.mark.parametrize(
    ("telr_db", "t_ms", "idte"),
    [
        # TERV = TELR − 40·log10((1+T/10)/(1+T/150)) = 65 − 40·log10(6.6) = 32.218;
        # Re = 80 + 2.5(TERV − 14) = 125.546; Roe = −1.5(No − RLR) = 94.769;
        # Idte = (Roe−Re)/2 + √((Roe−Re)²/4 + 100) − 1 = −15.388 + 18.352 − 1
        (65.0, 100.0, 1.9638),
        # TELR 45: TERV 12.218, Re 75.546, Idte = 9.612 + 13.870 − 1
        (45.0, 100.0, 22.4818),
    ],
    ids=["echo-cancelled", "poor-echo-loss"],
)
def test_talker_echo_grows_with_delay_and_falls_with_echo_loss(
    telr_db: float, t_ms: float, idte: float
) -> None:
    b = compute(EModelParams(TELR=telr_db, T=t_ms)).breakdown
    assert b.Idte == pytest.approx(idte, abs=2e-3)


def test_listener_echo_grows_with_round_trip() -> None:
    short = compute(EModelParams(WEPL=40.0, Tr=20.0)).breakdown.Idle
    long = compute(EModelParams(WEPL=40.0, Tr=400.0)).breakdown.Idle
    assert long > short > 0.0


@pytest.mark.parametrize(
    ("ie", "bpl", "ppl", "burst_r", "expected"),
    [
        (0.0, 25.1, 0.0, 1.0, 0.0),
        # G.711 + PLC, 2 % random: 95·2/(2 + 25.1) = 7.011
        (0.0, 25.1, 2.0, 1.0, 7.0111),
        # the same loss in bursts (BurstR 2): 95·2/(1 + 25.1) = 7.280
        (0.0, 25.1, 2.0, 2.0, 7.2797),
        # G.711 without PLC, 2 %: 95·2/(2 + 4.3) = 30.159
        (0.0, 4.3, 2.0, 1.0, 30.1587),
        # G.729A + VAD, 5 %: 11 + 84·5/(5 + 19) = 28.5
        (11.0, 19.0, 5.0, 1.0, 28.5),
        # G.723.1 6.3k, 10 %, BurstR 4: 15 + 80·10/(2.5 + 16.1) = 58.011
        (15.0, 16.1, 10.0, 4.0, 58.0108),
    ],
    ids=["no-loss", "g711plc-2pct", "g711plc-2pct-bursty", "g711-2pct", "g729a-5pct", "g723-10pct"],
)
def test_ie_eff(ie: float, bpl: float, ppl: float, burst_r: float, expected: float) -> None:
    assert ie_eff_for(ie, bpl, ppl, burst_r, r_max=95.0) == pytest.approx(expected, abs=1e-3)
    params = EModelParams(Ie=ie, Bpl=bpl, Ppl=ppl, BurstR=burst_r)
    assert compute(params).breakdown.Ie_eff == pytest.approx(expected, abs=1e-3)


def test_g729a_with_vad_loses_its_ie_from_the_default_r() -> None:
    # With no loss, R = 93.2 − Ie = 82.2, MOS = 1 + 0.035·82.2 + 82.2·22.2·17.8·7e-6 = 4.104
    result = compute(EModelParams(Ie=11.0, Bpl=19.0))
    assert result.r_factor == pytest.approx(82.2, abs=0.05)
    assert result.mos == pytest.approx(4.104, abs=2e-3)


def test_advantage_factor_adds_to_r() -> None:
    assert compute(EModelParams(A=10.0)).r_factor == pytest.approx(103.2, abs=0.05)
    assert compute(EModelParams(A=10.0)).mos == 4.5


@pytest.mark.parametrize(
    ("ie_wb", "ppl", "r_wb", "mos"),
    [
        (0.0, 0.0, 129.0, 4.5),  # G.107.1: default wideband R is Ro,WB = 129
        # G.722 (Ie,WB 13): R = 116, R/1.29 = 89.92 → 1 + 3.147 + 89.92·29.92·10.08·7e-6
        (13.0, 0.0, 116.0, 4.337),
        # and 2 % loss with Bpl,WB 10: Ie,eff = 13 + 116·2/12 = 32.333 → R 96.667;
        # R/1.29 = 74.935 → 1 + 2.6227 + 74.935·14.935·25.065·7e-6 = 3.819
        (13.0, 2.0, 96.667, 3.819),
    ],
    ids=["default", "g722", "g722-2pct"],
)
def test_wideband_scale(ie_wb: float, ppl: float, r_wb: float, mos: float) -> None:
    result = compute(EModelParams(scale=Scale.WIDEBAND, Ie=ie_wb, Bpl=10.0, Ppl=ppl))
    assert result.r_factor == pytest.approx(r_wb, abs=0.01)
    assert result.mos == pytest.approx(mos, abs=2e-3)
    assert result.scale is Scale.WIDEBAND


def test_wideband_delay_impairment_is_the_narrowband_one_scaled_by_1_29() -> None:
    nb = compute(EModelParams(Ta=300.0)).breakdown.Idd
    wb = compute(EModelParams(Ta=300.0, scale=Scale.WIDEBAND)).breakdown.Idd
    assert wb == pytest.approx(1.29 * nb)


@pytest.mark.parametrize(
    ("r", "mos"),
    [
        (-5.0, 1.0),
        (0.0, 1.0),
        (50.0, 2.575),  # 1 + 1.75 + 50·(−10)·50·7e-6
        (60.0, 3.1),  # 1 + 2.1 + 0: the Poor/Bad boundary
        (70.0, 3.597),  # 1 + 2.45 + 70·10·30·7e-6
        (80.0, 4.024),  # 1 + 2.8 + 80·20·20·7e-6
        (93.2, 4.409),
        (100.0, 4.5),
        (120.0, 4.5),
    ],
    ids=["negative", "zero", "r50", "r60", "r70", "r80", "default", "r100", "above"],
)
def test_r_to_mos_annex_b_with_clamps(r: float, mos: float) -> None:
    assert r_to_mos(r) == pytest.approx(mos, abs=1e-3)


@pytest.mark.parametrize("mos", [1.0, 1.2, 2.0, 2.575, 3.1, 3.6, 4.0, 4.3, 4.41, 4.5])
def test_mos_to_r_inverts_annex_b(mos: float) -> None:
    assert r_to_mos(mos_to_r(mos)) == pytest.approx(mos, abs=1e-9)


# Annex B dips below MOS 1 for 0 < R < 6.5 (clamped), so R round-trips above that.
@given(st.floats(min_value=7.0, max_value=100.0))
def test_r_mos_round_trip_property(r: float) -> None:
    assert mos_to_r(r_to_mos(r)) == pytest.approx(r, abs=1e-6)


@given(st.floats(min_value=7.0 * 1.29, max_value=129.0))
def test_wideband_round_trip_property(r_wb: float) -> None:
    assert mos_to_wideband_r(wideband_r_to_mos(r_wb)) == pytest.approx(r_wb, abs=1e-5)


@pytest.mark.parametrize("mos", [0.5, 4.6, math.nan])
def test_mos_to_r_rejects_impossible_mos(mos: float) -> None:
    with pytest.raises(EModelInputError):
        mos_to_r(mos)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("Ta", -1.0),
        ("Ta", 501.0),
        ("Ppl", 21.0),
        ("BurstR", 0.5),
        ("SLR", math.nan),
        ("RLR", math.inf),
        ("Ie", 41.0),
        ("sT", 0.0),
    ],
    ids=[
        "negative-Ta",
        "huge-Ta",
        "Ppl-above-20",
        "BurstR-below-1",
        "nan",
        "inf",
        "Ie-big",
        "sT-0",
    ],
)
def test_parameters_outside_table_3_ranges_are_refused_with_their_name(
    name: str, value: float
) -> None:
    with pytest.raises(EModelInputError, match=name):
        EModelParams().with_values(**{name: value})


def test_unknown_parameter_names_are_refused() -> None:
    with pytest.raises(EModelInputError, match="unknown"):
        EModelParams().with_values(Tx=3.0)


def test_every_table_3_parameter_is_settable_at_both_ends_of_its_range() -> None:
    for spec in PARAM_SPECS.values():
        for value in (spec.low, spec.high):
            result = compute(EModelParams().with_values(**{spec.name: value}))
            assert 1.0 <= result.mos <= 4.5, spec.name


@given(
    ta=st.floats(min_value=0.0, max_value=499.0),
    extra=st.floats(min_value=0.0, max_value=200.0),
    ppl=st.floats(min_value=0.0, max_value=20.0),
)
def test_mos_never_rises_with_delay(ta: float, extra: float, ppl: float) -> None:
    ta2 = min(500.0, ta + extra)
    a = compute(EModelParams(Ta=ta, T=ta, Tr=2 * ta, Ppl=ppl, Bpl=10.0))
    b = compute(EModelParams(Ta=ta2, T=ta2, Tr=2 * ta2, Ppl=ppl, Bpl=10.0))
    assert b.r_factor <= a.r_factor + 1e-9
    assert b.mos <= a.mos + 1e-9
