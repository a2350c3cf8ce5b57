"""One rating of a call: the verdict, what it is made of, and how other codecs compare.

:func:`rate_call` takes the call's own E-model result (its negotiated codec at its real
bitrate, rated once by :func:`callcheck.core.quality.assess` from typed measurements) and
derives from that same result, never from a JSON round trip:

* the **verdict** — the call's MOS on its codec's own scale: MOS-CQE (G.107) for a narrowband
  codec, MOS-CQEW (G.107.1) for a wideband one (ITU-T P.800.1 labels). A narrowband call is
  judged against what narrowband telephony can give, so a perfect network with G.711 is
  Excellent (MOS-CQE 4.41), never Fair just because the codec is narrowband;
* the **same call on the common wideband scale** (narrowband codecs by their Ie,WB and Bpl,WB,
  :mod:`callcheck.core.codecs`): the scale every comparison between codecs is made on, and the
  "current codec" row of the recommendations;
* the **codec's ceiling** — what the codec gives on a perfect network — and **what the network
  and devices cost** below it, split into causes (network delay, playout buffer delay, audio
  device delay, loss, the codec itself), the largest first, each in R on the verdict's scale;
* the **recommendations** ranked on the measurements the call was rated from, and the best
  wideband codec's MOS-CQEW, so "why this score" can say what a wideband codec would give.

The delay impairment Id is shared among the parts of Ta (:mod:`callcheck.core.delay`) in
proportion to each part's milliseconds: the E-model charges delay as a whole, and its
absolute-delay term depends only on the sum.

It also holds the two definitions the reports, the advice, the engine and the GUI share: "the
worse direction" (:func:`worse_direction`) and the mean/p50/p95/max summary
(:class:`callcheck.core.packets.Percentiles`, :func:`callcheck.core.packets.summarize`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, TypeVar

from callcheck.core.codecs import codec
from callcheck.core.emodel import EModelParams, Scale, compute
from callcheck.core.grades import Grade, grade_for, passes
from callcheck.core.quality import (
    CallConditions,
    QualityResult,
    assess,
    assumed,
    conditions_of,
)
from callcheck.core.recommend import (
    CodecPrediction,
    NetworkMeasurements,
    rank_candidates,
)

__all__ = [
    "CallRating",
    "Cause",
    "Impairment",
    "rate_call",
    "worse_direction",
]


class Cause(StrEnum):
    """What costs a call quality, in the words of the breakdown."""

    NETWORK_DELAY = "network-delay"  # the one-way delay of the network path
    BUFFER_DELAY = "buffer-delay"  # the playout (jitter) buffer's wait, caused by jitter
    DEVICE_DELAY = "device-delay"  # the audio devices' capture and playback latency
    LOSS = "loss"  # packets lost in the network or discarded as too late
    CODEC = "codec"  # the codec's own distortion and coding delay


@dataclass(frozen=True, slots=True)
class Impairment:
    """One cause's share of the rating's loss below the top of its scale."""

    cause: Cause
    r_cost: float
    """R the cause costs, on the verdict's scale."""
    delay_ms: float | None = None
    """For a delay cause: its milliseconds of Ta."""


@dataclass(frozen=True, slots=True)
class CallRating:
    """The one rating of a call and everything derived from it."""

    quality: QualityResult
    """The verdict: the call's own codec on its own scale."""
    common: QualityResult
    """The same call on the common wideband scale (what codec comparisons use)."""
    ceiling: QualityResult
    """The call's codec on a perfect network (no loss, only the codec's own delay)."""
    impairments: tuple[Impairment, ...]
    """Every cause with a cost, the largest first."""
    codecs: tuple[CodecPrediction, ...]
    """The recommendations on the same measurements, best first (MOS-CQEW)."""
    wideband_alternative: CodecPrediction | None
    """The best recommended wideband codec on this network (MOS-CQEW), if any."""

    @property
    def mos(self) -> float:
        """The verdict MOS (:attr:`mos_label` says its scale)."""
        return self.quality.mos

    @property
    def mos_label(self) -> str:
        """``MOS-CQE`` or ``MOS-CQEW`` (ITU-T P.800.1)."""
        return self.quality.mos_label

    @property
    def grade(self) -> Grade:
        """The grade of the verdict MOS."""
        return grade_for(self.quality.mos)

    @property
    def passed(self) -> bool:
        """The verdict MOS is at or above the pass mark."""
        return passes(self.quality.mos)

    @property
    def largest(self) -> Impairment | None:
        """The cause that costs the most, if any costs anything."""
        return self.impairments[0] if self.impairments else None

    @property
    def current_codec(self) -> CodecPrediction | None:
        """The recommendations' row of the call's own codec (equal to :attr:`common`)."""
        return next((r for r in self.codecs if r.codec_key == self.quality.codec_key), None)

    @property
    def network_cost_r(self) -> float:
        """R the network and the devices cost below the codec's ceiling (verdict's scale)."""
        return max(0.0, self.ceiling.r_factor - self.quality.r_factor)

    def to_json(self) -> dict[str, object]:
        """The report's ``verdict.rating`` object (additive, schema 1)."""
        alt = self.wideband_alternative
        return {
            "scale": str(self.quality.scale),
            "mos_label": self.mos_label,
            "common_scale": {
                "scale": str(self.common.scale),
                "mos_label": self.common.mos_label,
                "mos": round(self.common.mos, 2),
                "r_factor": round(self.common.r_factor, 2),
            },
            "codec_ceiling_mos": round(self.ceiling.mos, 2),
            "network_cost_r": round(self.network_cost_r, 2),
            "ta_ms": round(self.quality.ta_ms, 1),
            "impairments": [
                {
                    "cause": str(i.cause),
                    "r_cost": round(i.r_cost, 2),
                    **({} if i.delay_ms is None else {"delay_ms": round(i.delay_ms, 1)}),
                }
                for i in self.impairments
            ],
            "largest_impairment": None if self.largest is None else str(self.largest.cause),
            "wideband_alternative": None
            if alt is None
            else {
                "codec": alt.codec_key,
                "name": alt.name,
                "mos": round(alt.predicted_mos, 2),
                "mos_label": "MOS-CQEW",
            },
        }


#: R below which a cause is not worth naming (rounding noise of the breakdown).
_NEGLIGIBLE_R: Final = 0.05


def _delay_parts(q: QualityResult) -> dict[Cause, float]:
    """Ta split into the causes' milliseconds (coding delay counts as the codec's)."""

    def value(name: str) -> float:
        try:
            return max(0.0, q.input(name).value)
        except KeyError:
            return 0.0

    coding, buffer, device = value("coding_delay_ms"), value("buffer_ms"), value("device_ms")
    try:
        m2e = q.input("mouth_to_ear_ms").value
        network = max(0.0, m2e - buffer - coding)
    except KeyError:
        network = value("network_delay_ms")
    return {
        Cause.NETWORK_DELAY: network,
        Cause.BUFFER_DELAY: buffer,
        Cause.DEVICE_DELAY: device,
        Cause.CODEC: coding,
    }


def _impairments(q: QualityResult) -> tuple[Impairment, ...]:
    # Id with no delay at all (G.107's default terminals, T = Tr = Ta = 0).
    no_delay = compute(EModelParams(scale=q.scale))
    delay_cost = max(0.0, q.breakdown.Id - no_delay.breakdown.Id)
    ie = q.input("Ie").value
    loss_cost = max(0.0, q.breakdown.Ie_eff - ie)
    parts = _delay_parts(q)
    total_ms = sum(parts.values())
    costs: dict[Cause, float] = dict.fromkeys(Cause, 0.0)
    for cause, ms in parts.items():
        costs[cause] += delay_cost * ms / total_ms if total_ms > 0.0 else 0.0
    costs[Cause.LOSS] += loss_cost
    costs[Cause.CODEC] += ie
    out = [
        Impairment(
            cause=cause,
            r_cost=cost,
            delay_ms=parts.get(cause) if cause is not Cause.LOSS else None,
        )
        for cause, cost in costs.items()
        if cost > _NEGLIGIBLE_R
    ]
    return tuple(sorted(out, key=lambda i: -i.r_cost))


def _ceiling(q: QualityResult) -> QualityResult:
    c = codec(q.codec_key)
    perfect = CallConditions(
        codec_key=c.key,
        network_delay_ms=assumed(0.0, "perfect network"),
        loss_pct=assumed(0.0, "perfect network"),
        buffer_ms=assumed(0.0, "perfect network"),
    )
    return assess(perfect, scale=q.scale)


def rate_call(
    quality: QualityResult,
    *,
    gilbert_q: float | None = None,
    available_kbps: float | None = None,
    srtp: bool = True,
    candidates: Sequence[str] | None = None,
) -> CallRating:
    """The call's rating from its own E-model result (the call's codec, its own scale).

    ``quality`` is the rating of the call's worse direction, with everything measured (device
    latency and mouth-to-ear delay included when the audio path was tested). The
    recommendations are ranked on the measurements it was computed from.
    """
    conditions = conditions_of(quality)
    common = assess(conditions, scale=Scale.WIDEBAND)
    m = NetworkMeasurements(
        network_delay_ms=conditions.network_delay_ms,
        loss_pct=conditions.loss_pct,
        jitter_ms=conditions.jitter_ms,
        burst_ratio=conditions.burst_ratio,
        gilbert_q=gilbert_q,
        late_discard_pct=conditions.late_discard_pct,
        buffer_ms=conditions.buffer_ms,
        buffer_packet_ms=codec(quality.codec_key).packet_ms,
        device_ms=conditions.device_ms,
        available_kbps=available_kbps,
        srtp=srtp,
        call_codec_key=quality.codec_key,
        mouth_to_ear_ms=conditions.mouth_to_ear_ms,
    )
    rows = rank_candidates(m, candidates=candidates, reference=quality.codec_key)
    wideband = [r for r in rows if r.recommended and codec(_table_key(r)).scale is Scale.WIDEBAND]
    return CallRating(
        quality=quality,
        common=common,
        ceiling=_ceiling(quality),
        impairments=_impairments(quality),
        codecs=rows,
        wideband_alternative=wideband[0] if wideband else None,
    )


def _table_key(row: CodecPrediction) -> str:
    return row.codec_key.removesuffix("-fec")


T = TypeVar("T")


def worse_direction(
    uplink: T,
    downlink: T,
    *,
    mos: Callable[[T], float | None],
    loss_pct: Callable[[T], float],
) -> T:
    """The direction the user hears worst — the one definition (issue 12).

    The direction with the lower MOS; when either is not rated, the one with more loss; the
    downlink (what the user hears) on a tie. ``mos`` and ``loss_pct`` read a direction.
    """
    up_mos, down_mos = mos(uplink), mos(downlink)
    if up_mos is not None and down_mos is not None:
        return uplink if up_mos < down_mos else downlink
    if up_mos is not None and down_mos is None:
        return uplink
    if down_mos is not None:
        return downlink
    return uplink if loss_pct(uplink) > loss_pct(downlink) else downlink
