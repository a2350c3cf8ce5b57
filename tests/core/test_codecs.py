"""The codec table: every entry complete, sourced, and usable by the E-model."""

from __future__ import annotations

import pytest

from callcheck.core.codecs import (
    CODECS,
    UnknownCodecError,
    ValueSource,
    codec,
    codec_for_webrtc,
)
from callcheck.core.emodel import EModelParams, Scale, compute

REQUIRED_KEYS = [
    "g711",
    "g711-plc",
    "g729",
    "g729a",
    "g729a-vad",
    "g723.1-6.3",
    "g722",
    "opus-12",
    "opus-16",
    "opus-24",
    "opus-32",
]


@pytest.mark.parametrize("key", REQUIRED_KEYS)
def test_required_codecs_are_in_the_table(key: str) -> None:
    assert codec(key).key == key


@pytest.mark.parametrize("key", sorted(CODECS))
def test_every_entry_has_a_source_and_works_in_the_emodel(key: str) -> None:
    c = CODECS[key]
    assert c.ie_citation
    assert c.bpl_citation
    if c.ie_source is ValueSource.ITU:
        assert "G.113" in c.ie_citation
    if c.ie_source is ValueSource.DERIVED:
        assert "derived" in c.ie_citation
    assert c.rtp_clock_hz in (8000, 48_000)
    assert c.packet_ms >= c.frame_ms > 0
    result = compute(EModelParams(scale=c.scale, Ie=c.ie, Bpl=c.bpl, Ppl=1.0))
    assert 1.0 <= result.mos <= 4.5


def test_published_g113_values() -> None:
    assert (codec("g711").ie, codec("g711").bpl) == (0.0, 4.3)
    assert (codec("g711-plc").ie, codec("g711-plc").bpl) == (0.0, 25.1)
    assert (codec("g729a-vad").ie, codec("g729a-vad").bpl) == (11.0, 19.0)
    assert (codec("g723.1-6.3").ie, codec("g723.1-6.3").bpl) == (15.0, 16.1)


def test_opus_is_marked_derived_and_rated_wideband() -> None:
    for key in ("opus-12", "opus-24", "opus-96"):
        c = codec(key)
        assert c.ie_source is ValueSource.DERIVED
        assert c.scale is Scale.WIDEBAND
        assert c.rtp_clock_hz == 48_000


def test_opus_quality_rises_with_bitrate() -> None:
    ies = [codec(f"opus-{b}").ie for b in (12, 16, 24, 32, 48, 64, 96)]
    assert ies == sorted(ies, reverse=True)


def test_g722_rtp_clock_is_8000_though_audio_is_16k() -> None:
    c = codec("g722")
    assert (c.rtp_clock_hz, c.sample_rate_hz) == (8000, 16_000)


def test_lookup_is_case_insensitive_and_unknown_codecs_name_the_choices() -> None:
    assert codec("G711-PLC").key == "g711-plc"
    with pytest.raises(UnknownCodecError, match="g711-plc"):
        codec("g999")


@pytest.mark.parametrize(
    ("name", "key"),
    [("opus", "opus-96"), ("g722", "g722"), ("pcmu", "g711-plc"), ("PCMA", "g711-plc")],
)
def test_webrtc_codecs_map_to_table_entries(name: str, key: str) -> None:
    assert codec_for_webrtc(name).key == key


# ---------------------------------------------------------------------------------------------
# One scale for every comparison (issue 12)

#: Every ITU-published value in the table, transcribed with the table and row it comes from.
#: A change to the codec table that drifts from its citation fails here.
PUBLISHED: list[tuple[str, str, float, str]] = [
    ("g711", "ie", 0.0, "G.113 Appendix I, Table I.1"),
    ("g711", "bpl", 4.3, "G.113 Appendix I, Table I.3"),
    ("g711-plc", "ie", 0.0, "G.113 Appendix I, Table I.1"),
    ("g711-plc", "bpl", 25.1, "G.113 Appendix I, Table I.3"),
    ("g729", "ie", 10.0, "G.113 Appendix I, Table I.1"),
    ("g729a-vad", "ie", 11.0, "G.113 Appendix I, Table I.1"),
    ("g729a-vad", "bpl", 19.0, "G.113 Appendix I, Table I.3"),
    ("g723.1-6.3", "ie", 15.0, "G.113 Appendix I, Table I.1"),
    ("g723.1-6.3", "bpl", 16.1, "G.113 Appendix I, Table I.3"),
    ("g723.1-5.3", "ie", 19.0, "G.113 Appendix I, Table I.1"),
    ("g722", "ie", 13.0, "G.113 Appendix IV, Table IV.1"),
    ("g722", "ie_wb", 13.0, "G.113 Appendix IV, Table IV.1"),
]


@pytest.mark.parametrize(
    ("key", "field", "value", "table"),
    PUBLISHED,
    ids=[f"{k}-{f}" for k, f, _, _ in PUBLISHED],
)
def test_every_published_value_matches_its_cited_table(
    key: str, field: str, value: float, table: str
) -> None:
    c = codec(key)
    assert getattr(c, field) == value
    citation = {
        "ie": (c.ie_source, c.ie_citation),
        "bpl": (c.bpl_source, c.bpl_citation),
        "ie_wb": (c.ie_wb_source, c.ie_wb_citation),
    }[field]
    assert citation[0] is ValueSource.ITU
    assert citation[1].startswith(table)


@pytest.mark.parametrize("key", sorted(CODECS))
def test_every_codec_has_sourced_factors_on_the_wideband_scale(key: str) -> None:
    c = CODECS[key]
    assert 0.0 <= c.ie_wb <= 129.0
    assert 1.0 <= c.bpl_wb <= 60.0
    assert c.ie_wb_citation
    assert c.bpl_wb_citation
    if c.ie_wb_source is ValueSource.DERIVED:
        assert "derived" in c.ie_wb_citation
    if c.scale is Scale.WIDEBAND:
        assert (c.ie_wb, c.bpl_wb) == (c.ie, c.bpl)


def test_narrowband_derivation_keeps_g711_at_its_narrowband_r() -> None:
    # G.107.1 §6.2: a narrowband connection keeps its R (93.2) on the extended scale.
    clean = compute(EModelParams(scale=Scale.WIDEBAND, Ie=codec("g711-plc").ie_wb))
    assert clean.r_factor == pytest.approx(93.2, abs=0.1)
    assert codec("g711-plc").ie_wb == pytest.approx(35.8)
    assert codec("g729a").ie_wb == pytest.approx(35.8 + 1.29 * 11.0)


def _common_mos(key: str, loss_pct: float, burst_ratio: float = 1.0) -> float:
    from callcheck.core.quality import CallConditions, assess, measured

    conditions = CallConditions(
        codec_key=key,
        network_delay_ms=measured(30.0),
        loss_pct=measured(loss_pct),
        jitter_ms=measured(3.0),
        burst_ratio=measured(burst_ratio),
    )
    return assess(conditions, scale=Scale.WIDEBAND).mos


def test_g722_beats_g711_at_no_loss_on_the_common_scale() -> None:
    assert _common_mos("g722", 0.0) > _common_mos("g711-plc", 0.0)


OPUS_VS_G711 = [
    (kbps, loss, burst)
    for kbps in (24, 32, 48, 96)
    for loss in (2.0, 5.0, 10.0)
    for burst in (1.0, 2.0, 4.0)
]


@pytest.mark.parametrize(
    ("kbps", "loss", "burst"),
    OPUS_VS_G711,
    ids=[
        f"opus{k}-{loss:g}pct-{'random' if b == 1.0 else f'burst{b:g}'}"
        for k, loss, b in OPUS_VS_G711
    ],
)
def test_opus_from_24k_beats_g711_with_plc_at_any_loss(
    kbps: int, loss: float, burst: float
) -> None:
    assert _common_mos(f"opus-{kbps}", loss, burst) > _common_mos("g711-plc", loss, burst)


@pytest.mark.parametrize("kbps", [12, 16, 24, 32, 48, 64, 96])
def test_opus_loses_no_more_r_per_percent_of_loss_than_g711_plc(kbps: int) -> None:
    # The derivation's claim: Opus's PLC is at least as robust as G.711 Appendix I PLC.
    opus, g711 = codec(f"opus-{kbps}"), codec("g711-plc")
    assert (129.0 - opus.ie_wb) / opus.bpl_wb <= (129.0 - g711.ie_wb) / g711.bpl_wb + 1e-9
