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
