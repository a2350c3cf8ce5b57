"""Codec recommendations: predicted MOS per candidate, FEC model, bandwidth and ranking."""

from __future__ import annotations

import pytest

from callcheck.core.codecs import codec
from callcheck.core.delay import estimate_playout_wait_ms
from callcheck.core.emodel import EModelParams, Scale, compute
from callcheck.core.quality import measured
from callcheck.core.recommend import (
    CANDIDATES,
    OPUS_FEC_MIN_BITRATE_KBPS,
    OPUS_FEC_PRIMARY_SHARE,
    CodecPrediction,
    gilbert_q,
    opus_fec_effect,
    opus_ie_wb,
    predict_codecs,
    wire_bandwidth_kbps,
)


def _rank(
    loss: float, burst: float = 1.0, *, delay: float = 40.0, jitter: float = 5.0, **kw: object
) -> tuple[CodecPrediction, ...]:
    return predict_codecs(
        network_delay_ms=measured(delay),
        loss_pct=measured(loss),
        jitter_ms=measured(jitter),
        burst_ratio=measured(burst),
        **kw,  # type: ignore[arg-type]
    )


def _row(rows: tuple[CodecPrediction, ...], key: str) -> CodecPrediction:
    return next(r for r in rows if r.codec_key == key)


def test_candidates_cover_the_issue_list() -> None:
    keys = {c.key for c in CANDIDATES}
    assert {"g711-plc", "g722", "g729a"} <= keys
    for kbps in (12, 16, 24, 32):
        assert {f"opus-{kbps}", f"opus-{kbps}-fec"} <= keys


@pytest.mark.parametrize(
    ("key", "delay", "loss", "burst", "jitter"),
    [
        ("g711-plc", 40.0, 2.0, 1.0, 5.0),
        ("g729a", 120.0, 1.0, 2.0, 12.0),
        ("g722", 20.0, 0.5, 1.0, 2.0),
        ("opus-24", 80.0, 3.0, 1.5, 20.0),
    ],
    ids=["g711", "g729a-bursty", "g722-wideband", "opus24"],
)
def test_prediction_equals_the_e_model_directly(
    key: str, delay: float, loss: float, burst: float, jitter: float
) -> None:
    row = _row(_rank(loss, burst, delay=delay, jitter=jitter), key)
    c = codec(key)
    wait = estimate_playout_wait_ms(jitter, c.packet_ms)
    ta = delay + wait + c.packet_ms + c.lookahead_ms
    # Every candidate is rated on the common wideband scale with its Ie,WB and Bpl,WB.
    expected = compute(
        EModelParams(
            scale=Scale.WIDEBAND,
            Ta=ta,
            T=ta,
            Tr=2 * ta,
            Ie=c.ie_wb,
            Bpl=c.bpl_wb,
            Ppl=loss,
            BurstR=burst,
        )
    )
    assert row.predicted_mos == pytest.approx(expected.mos, abs=1e-9)
    assert row.r_factor == pytest.approx(expected.r_factor, abs=1e-9)
    assert row.scale == "wideband"
    assert row.to_json()["mos_label"] == "MOS-CQEW"


def test_the_calls_own_codec_has_its_row_at_its_real_bitrate() -> None:
    rows = _rank(2.0, reference="opus-96")
    assert _row(rows, "opus-96").name == "Opus 96 kbit/s"


def test_wire_bandwidth_adds_rtp_udp_ip_and_srtp() -> None:
    g711 = codec("g711-plc")
    assert wire_bandwidth_kbps(g711, srtp=False) == pytest.approx(80.0)  # 160 + 40 B × 50/s
    assert wire_bandwidth_kbps(g711) == pytest.approx(84.0)
    assert wire_bandwidth_kbps(g711, srtp=False, ipv6=True) == pytest.approx(88.0)
    assert wire_bandwidth_kbps(codec("g729a"), srtp=False) == pytest.approx(24.0)


def test_fec_recovers_isolated_losses_only() -> None:
    random_loss = opus_fec_effect(32.0, 10.0, 1.0)
    assert random_loss.active
    assert random_loss.residual_loss_pct == pytest.approx(1.0)  # π² = 1 %
    bursty = opus_fec_effect(32.0, 10.0, 3.0)
    assert bursty.residual_loss_pct > 5.0  # most losses are inside bursts
    assert bursty.residual_burst_ratio > 1.0
    with_q = opus_fec_effect(32.0, 10.0, 1.0, q=0.25)
    assert with_q.residual_loss_pct == pytest.approx(7.5)


def test_gilbert_q_from_burst_ratio() -> None:
    assert gilbert_q(10.0, 1.0) == pytest.approx(0.9)
    assert gilbert_q(10.0, 3.0) == pytest.approx(0.3)


def test_fec_costs_primary_bitrate() -> None:
    fx = opus_fec_effect(24.0, 8.0)
    assert fx.primary_kbps == pytest.approx(24.0 * OPUS_FEC_PRIMARY_SHARE)
    assert opus_ie_wb(fx.primary_kbps) > opus_ie_wb(24.0)
    assert opus_ie_wb(16.0) == pytest.approx(codec("opus-16").ie)
    assert opus_ie_wb(6.0) == pytest.approx(codec("opus-12").ie + 6.0)


@pytest.mark.parametrize("kbps", [12, 16], ids=["12k", "16k"])
def test_libopus_sends_no_fec_at_low_bitrates(kbps: int) -> None:
    assert kbps < OPUS_FEC_MIN_BITRATE_KBPS
    rows = _rank(8.0)
    assert not _row(rows, f"opus-{kbps}-fec").fec_active
    assert _row(rows, f"opus-{kbps}-fec").predicted_mos == pytest.approx(
        _row(rows, f"opus-{kbps}").predicted_mos
    )
    assert "no FEC" in _row(rows, f"opus-{kbps}-fec").reason


def test_high_random_loss_favours_opus_with_fec() -> None:
    rows = _rank(8.0)
    assert rows[0].fec
    assert rows[0].fec_active
    assert rows[0].predicted_mos > _row(rows, "g711-plc").predicted_mos
    assert rows[0].predicted_mos > _row(rows, rows[0].codec_key.removesuffix("-fec")).predicted_mos


def test_no_loss_does_not_favour_fec() -> None:
    rows = _rank(0.0)
    assert not rows[0].fec
    assert _row(rows, "opus-32-fec").predicted_mos < _row(rows, "opus-32").predicted_mos


def test_burstiness_reduces_what_fec_gains() -> None:
    def gain(burst: float) -> float:
        rows = _rank(6.0, burst)
        return _row(rows, "opus-32-fec").predicted_mos - _row(rows, "opus-32").predicted_mos

    assert gain(1.0) > gain(3.0)


def test_more_loss_lowers_every_prediction() -> None:
    low, high = _rank(1.0), _rank(5.0)
    for cand in CANDIDATES:
        assert _row(high, cand.key).predicted_mos < _row(low, cand.key).predicted_mos


def test_a_64_kbps_limit_rules_out_g711_and_g722() -> None:
    rows = _rank(0.5, available_kbps=64.0)
    for key in ("g711-plc", "g722"):
        row = _row(rows, key)
        assert row.fits_bandwidth is False
        assert not row.recommended
        assert "does not fit" in row.reason
    assert all(r.recommended for r in rows[: len(rows) - 2])
    assert rows[-1].codec_key in ("g711-plc", "g722")


def test_unknown_bandwidth_recommends_everything() -> None:
    rows = _rank(1.0)
    assert all(r.fits_bandwidth is None and r.recommended for r in rows)
    assert [r.rank for r in rows] == list(range(1, len(rows) + 1))


def test_best_reason_names_mos_loss_and_the_reference() -> None:
    rows = _rank(4.0, delay=60.0, jitter=8.0)
    text = rows[0].reason
    assert text.startswith(rows[0].name)
    assert "4 % loss measured" in text
    assert "G.711 would fall to" in text


def test_json_row_has_the_schema_fields() -> None:
    row = _rank(1.0)[0].to_json()
    assert {"codec", "predicted_mos", "bandwidth_kbps", "reason", "fits_bandwidth"} <= set(row)
