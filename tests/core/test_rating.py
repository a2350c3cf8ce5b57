"""One rating of a call: the verdict, its largest impairment first, and the common scale."""

from __future__ import annotations

import itertools

import pytest

from callcheck.core.advice import AdviceInputs, advise
from callcheck.core.emodel import Scale
from callcheck.core.grades import PASS_MOS, Grade
from callcheck.core.packets import Percentiles, nearest_rank, summarize
from callcheck.core.quality import CallConditions, assess, measured
from callcheck.core.rating import CallRating, Cause, rate_call, worse_direction


def _rate(
    codec_key: str = "opus-96",
    *,
    delay: float = 20.0,
    loss: float = 0.0,
    jitter: float = 2.0,
    wait: float = 20.0,
    device: float | None = None,
    burst: float = 1.0,
) -> CallRating:
    q = assess(
        CallConditions(
            codec_key=codec_key,
            network_delay_ms=measured(delay),
            loss_pct=measured(loss),
            jitter_ms=measured(jitter),
            buffer_ms=measured(wait),
            burst_ratio=measured(burst),
            device_ms=None if device is None else measured(device),
        )
    )
    return rate_call(q)


#: Words the first action uses for each cause (plain words, issue 12).
CAUSE_WORDS = {
    Cause.NETWORK_DELAY: "delay on the network",
    Cause.BUFFER_DELAY: "delay in the playout buffer",
    Cause.DEVICE_DELAY: "delay from the audio device",
    Cause.LOSS: "packet loss",
    Cause.CODEC: "the codec",
}

GRID = list(
    itertools.product(
        ("opus-96", "opus-24", "g722", "g711-plc", "g729a", "g723.1-5.3"),
        (10.0, 150.0, 320.0),  # network delay, ms
        (0.0, 3.0, 12.0),  # loss, %
        (20.0, 140.0),  # playout wait, ms
        (None, 250.0),  # audio device, ms
    )
)


@pytest.mark.parametrize(
    ("codec_key", "delay", "loss", "wait", "device"),
    GRID,
    ids=[f"{c}-d{d:g}-l{loss:g}-w{w:g}-dev{dev}" for c, d, loss, w, dev in GRID],
)
def test_every_verdict_below_pass_names_its_largest_impairment_first(
    codec_key: str, delay: float, loss: float, wait: float, device: float | None
) -> None:
    rating = _rate(codec_key, delay=delay, loss=loss, wait=wait, device=device)
    actions = advise(AdviceInputs(mos=rating.mos, rating=rating))
    if rating.mos >= PASS_MOS:
        assert all(a.id != "largest-impairment" for a in actions)
        return
    largest = rating.largest
    assert largest is not None
    assert largest.r_cost == max(i.r_cost for i in rating.impairments)
    first = actions[0]
    assert first.id == "largest-impairment"
    assert first.evidence["cause"] == str(largest.cause)
    assert CAUSE_WORDS[largest.cause] in first.text
    assert all(a.id != "all-good" for a in actions)


@pytest.mark.parametrize(
    ("kwargs", "cause"),
    [
        ({"delay": 330.0}, Cause.NETWORK_DELAY),
        ({"wait": 320.0}, Cause.BUFFER_DELAY),
        ({"device": 330.0}, Cause.DEVICE_DELAY),
        ({"loss": 6.0}, Cause.LOSS),
        ({"codec_key": "g723.1-5.3"}, Cause.CODEC),
    ],
    ids=["network", "buffer", "device", "loss", "codec"],
)
def test_each_cause_can_be_the_largest(kwargs: dict[str, object], cause: Cause) -> None:
    rating = _rate(**kwargs)  # type: ignore[arg-type]
    assert rating.mos < PASS_MOS
    assert rating.largest is not None
    assert rating.largest.cause is cause


@pytest.mark.parametrize("codec_key", ["g711-plc", "g711"])
def test_a_narrowband_call_on_a_perfect_network_is_not_fair_or_poor(codec_key: str) -> None:
    rating = _rate(codec_key, delay=1.0, loss=0.0, jitter=0.0, wait=10.0)
    assert rating.mos_label == "MOS-CQE"
    assert rating.grade is Grade.EXCELLENT
    assert rating.passed
    # "Why this score": the network costs next to nothing; the codec's ceiling is the limit,
    # and a wideband codec would do better on the common scale.
    assert rating.network_cost_r < 1.0
    assert rating.common.scale is Scale.WIDEBAND
    alt = rating.wideband_alternative
    assert alt is not None
    assert alt.predicted_mos > rating.common.mos
    json = rating.to_json()
    assert json["mos_label"] == "MOS-CQE"
    common = json["common_scale"]
    assert isinstance(common, dict)
    assert common["mos_label"] == "MOS-CQEW"


@pytest.mark.parametrize("codec_key", ["opus-96", "g722", "g711-plc"])
def test_the_current_codec_row_is_the_calls_rating_on_the_common_scale(codec_key: str) -> None:
    rating = _rate(codec_key, delay=60.0, loss=3.0, jitter=6.0, wait=30.0)
    row = rating.current_codec
    assert row is not None
    assert row.predicted_mos == pytest.approx(rating.common.mos, abs=1e-9)
    if rating.quality.scale is Scale.WIDEBAND:
        assert row.predicted_mos == pytest.approx(rating.mos, abs=1e-9)


def test_aiortc_opus_is_rated_at_its_real_bitrate() -> None:
    from callcheck.core.codecs import codec_for_webrtc

    assert codec_for_webrtc("opus").key == "opus-96"
    row = _rate("opus-96").current_codec
    assert row is not None
    assert row.name == "Opus 96 kbit/s"


@pytest.mark.parametrize(
    ("up", "down", "expected"),
    [
        ((3.9, 0.0), (4.2, 5.0), "up"),  # lower MOS wins over more loss
        ((4.2, 0.0), (4.2, 0.0), "down"),  # a tie: what the user hears
        ((None, 3.0), (None, 1.0), "up"),  # unrated: more loss
        ((None, 0.0), (4.0, 0.0), "down"),  # the rated one
    ],
    ids=["lower-mos", "tie", "unrated-loss", "one-rated"],
)
def test_worse_direction_is_one_definition(
    up: tuple[float | None, float], down: tuple[float | None, float], expected: str
) -> None:
    dirs = {"up": up, "down": down}
    got = worse_direction("up", "down", mos=lambda d: dirs[d][0], loss_pct=lambda d: dirs[d][1])
    assert got == expected


def test_percentile_summary_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 21)]  # 1..20
    s = summarize(values)
    assert s == Percentiles(mean=10.5, p50=10.0, p95=19.0, max=20.0)
    assert nearest_rank(values, 95.0) == 19.0
    assert summarize([float("nan"), None]) is None
