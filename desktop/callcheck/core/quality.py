"""From what a call measured to an E-model rating: the delay budget, losses and provenance.

The E-model (:mod:`callcheck.core.emodel`) takes its parameters in G.107's terms. A test call
measures other things: network delay, jitter, loss, the playout buffer, the audio device. This
module maps one onto the other, checks every figure for sense, clamps figures that are real but
beyond the model's permitted range (saying so), and keeps the provenance of every input so a
report can show *why* a score is what it is.

    Ta  = mean one-way network delay + mean playout wait + packetization + look-ahead + device
          latency (:func:`callcheck.core.delay.mouth_to_ear_ms`, the one definition), or a
          measured mouth-to-ear delay + device latency, when in-band probes measured it
    Ppl = network loss + late discards in the playout buffer
    T   = Ta, Tr = 2·Ta: the call's delay is also its echo path; terminals are assumed to cancel
          echo to G.107's default TELR 65 dB and WEPL 110 dB.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from callcheck.core.codecs import Codec, codec
from callcheck.core.delay import estimate_playout_wait_ms, mouth_to_ear_ms
from callcheck.core.emodel import (
    PARAM_SPECS,
    EModelBreakdown,
    EModelInputError,
    EModelParams,
    Scale,
    compute,
    mos_label,
)
from callcheck.core.grades import Grade, grade_for, passes


class Provenance(StrEnum):
    """How an input of the quality estimate was obtained."""

    MEASURED = "measured"  # measured in this test
    ESTIMATED = "estimated"  # computed from measurements under a stated assumption
    ASSUMED = "assumed"  # not measured: a default, a typed-in what-if value, or a table value


class QualityInputError(ValueError):
    """A figure given to the quality estimate makes no sense (negative delay, NaN, …)."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A value with where it came from."""

    value: float
    provenance: Provenance
    source: str = ""
    """What produced it, in a few words ("RTCP round trip / 2", "command line")."""


def measured(value: float, source: str = "") -> Figure:
    """A figure measured in this test."""
    return Figure(value, Provenance.MEASURED, source)


def estimated(value: float, source: str = "") -> Figure:
    """A figure computed from measurements under an assumption."""
    return Figure(value, Provenance.ESTIMATED, source)


def assumed(value: float, source: str = "") -> Figure:
    """A figure that was not measured."""
    return Figure(value, Provenance.ASSUMED, source)


@dataclass(frozen=True, slots=True)
class CallConditions:
    """What is known about a call, in measurement terms (all delays one-way, in ms)."""

    codec_key: str
    """Key in :data:`callcheck.core.codecs.CODECS`."""
    network_delay_ms: Figure
    """One-way network delay (RTT / 2 when only the round trip is known)."""
    loss_pct: Figure
    """Packets lost in the network, % of packets sent."""
    jitter_ms: Figure | None = None
    """RFC 3550 interarrival jitter. Only used to estimate the buffer when it was not measured."""
    buffer_ms: Figure | None = None
    """Mean playout wait of played frames (``playout − arrival``): the buffer's share of Ta.
    Not the buffer's hold above the fastest packet, which with the mean network delay would
    count the jitter twice (:mod:`callcheck.core.delay`). Estimated from jitter when absent."""
    late_discard_pct: Figure | None = None
    """Packets that arrived too late to play, % of packets sent."""
    burst_ratio: Figure | None = None
    """G.107 BurstR of the loss pattern (1 = random loss)."""
    device_ms: Figure | None = None
    """Audio device latency, capture plus playback."""
    mouth_to_ear_ms: Figure | None = None
    """Measured on the audio itself (in-band probes), excluding the device hardware. When
    present it replaces network + buffer + coding delay in Ta."""


@dataclass(frozen=True, slots=True)
class QualityInput:
    """One input of the estimate as it entered the model."""

    name: str
    """A G.107 parameter name (``Ta``, ``Ppl``, ``Ie`` …) or a measurement name."""
    value: float
    unit: str
    provenance: Provenance
    source: str
    raw_value: float | None = None
    """The value before it was clamped into the model's permitted range, if it was."""

    @property
    def clamped(self) -> bool:
        """Whether the value had to be clamped into the permitted range."""
        return self.raw_value is not None


@dataclass(frozen=True, slots=True)
class QualityResult:
    """The quality estimate of a call: R, MOS, grade, and why."""

    r_factor: float
    """R on the result's scale (up to 100 narrowband, 129 wideband)."""
    mos: float
    """MOS on the 1–4.5 range (G.107 Annex B; wideband via R/1.29): MOS-CQE on the narrowband
    scale, MOS-CQEW on the wideband one (:attr:`mos_label`); the two are not one ruler."""
    grade: Grade
    passed: bool
    """MOS at or above the pass mark (4.0)."""
    scale: Scale
    codec_key: str
    breakdown: EModelBreakdown
    inputs: tuple[QualityInput, ...]

    @property
    def mos_label(self) -> str:
        """The P.800.1 label of :attr:`mos`: ``MOS-CQE`` (narrowband) or ``MOS-CQEW``."""
        return mos_label(self.scale)

    @property
    def ta_ms(self) -> float:
        """Ta as it entered the model (mouth-to-ear delay, clamped to G.107's range)."""
        return self.input("Ta").value

    def breakdown_dict(self) -> dict[str, float]:
        """The components of R by their G.107 names, rounded for display and JSON."""
        b = self.breakdown
        return {
            "Ro": round(b.Ro, 2) + 0.0,
            "Is": round(b.Is, 2) + 0.0,
            "Id": round(b.Id, 2) + 0.0,
            "Idte": round(b.Idte, 2) + 0.0,
            "Idle": round(b.Idle, 2) + 0.0,
            "Idd": round(b.Idd, 2) + 0.0,
            "Ie_eff": round(b.Ie_eff, 2) + 0.0,
            "A": round(b.A, 2) + 0.0,
        }

    def input(self, name: str) -> QualityInput:
        """The input with this name; KeyError if absent."""
        for item in self.inputs:
            if item.name == name:
                return item
        raise KeyError(name)


# Sanity limits: beyond these a figure is not a bad network, it is a bug or a wrong unit.
MAX_DELAY_MS: Final = 10_000.0
#: Jitter above a second is almost certainly in RTP clock units (48 000 per second) or µs.
MAX_JITTER_MS: Final = 1_000.0
MAX_BURST_RATIO: Final = 1_000.0


def _check(
    name: str, figure: Figure, *, low: float, high: float, unit: str, hint: str = ""
) -> None:
    v = figure.value
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        raise QualityInputError(f"{name} must be a finite number, got {v!r}")
    if not low <= v <= high:
        detail = f" {hint}" if hint else ""
        raise QualityInputError(
            f"{name} = {v:g} {unit} is not plausible (expected {low:g} to {high:g} {unit}).{detail}"
        )


def _clamped(
    name: str, value: float, unit: str, figure_or_prov: Provenance, source: str
) -> QualityInput:
    spec = PARAM_SPECS[name]
    inside = min(spec.high, max(spec.low, value))
    return QualityInput(
        name=name,
        value=inside,
        unit=unit,
        provenance=figure_or_prov,
        source=source,
        raw_value=None if inside == value else value,
    )


def _weakest(*figures: Figure | None) -> Provenance:
    """The provenance of a sum: measured only if every part was measured."""
    order = [Provenance.MEASURED, Provenance.ESTIMATED, Provenance.ASSUMED]
    worst = 0
    for f in figures:
        if f is not None:
            worst = max(worst, order.index(f.provenance))
    return order[worst]


def validate(conditions: CallConditions) -> None:
    """Raise :class:`QualityInputError` if any figure is impossible or in the wrong unit."""
    c = conditions
    codec(c.codec_key)  # raises UnknownCodecError
    _check("network delay", c.network_delay_ms, low=0, high=MAX_DELAY_MS, unit="ms")
    _check("loss", c.loss_pct, low=0, high=100, unit="%")
    if c.jitter_ms is not None:
        _check(
            "jitter",
            c.jitter_ms,
            low=0,
            high=MAX_JITTER_MS,
            unit="ms",
            hint="Is it in RTP clock units rather than milliseconds?",
        )
    for label, fig in (
        ("playout buffer", c.buffer_ms),
        ("device latency", c.device_ms),
        ("mouth-to-ear delay", c.mouth_to_ear_ms),
    ):
        if fig is not None:
            _check(label, fig, low=0, high=MAX_DELAY_MS, unit="ms")
    if c.late_discard_pct is not None:
        _check("late discards", c.late_discard_pct, low=0, high=100, unit="%")
    if c.burst_ratio is not None:
        _check("burst ratio", c.burst_ratio, low=0, high=MAX_BURST_RATIO, unit="")


def assess(
    conditions: CallConditions,
    overrides: Mapping[str, float] | None = None,
    *,
    scale: Scale | None = None,
) -> QualityResult:
    """Rate a call: map its conditions onto the E-model and compute R, MOS and the grade.

    ``overrides`` sets G.107 parameters directly by name (``{"Ta": 250}``); an override wins
    over what the conditions derive and is recorded with provenance ``assumed``.

    ``scale`` None rates the codec on its own scale (G.107 for narrowband codecs, G.107.1 for
    wideband ones); :attr:`Scale.WIDEBAND` rates every codec on the common wideband scale with
    its Ie,WB and Bpl,WB (:mod:`callcheck.core.codecs`) — the scale of every comparison
    between codecs.
    """
    validate(conditions)
    c = conditions
    cdc: Codec = codec(c.codec_key)
    overrides = dict(overrides or {})
    unknown = set(overrides) - set(PARAM_SPECS)
    if unknown:
        raise EModelInputError(
            f"unknown E-model parameter(s): {', '.join(sorted(unknown))}; "
            f"known: {', '.join(PARAM_SPECS)}"
        )

    inputs: list[QualityInput] = []

    def record(name: str, fig: Figure, unit: str) -> None:
        inputs.append(QualityInput(name, float(fig.value), unit, fig.provenance, fig.source))

    # --- the delay budget -------------------------------------------------------------------
    coding = assumed(cdc.coding_delay_ms, f"{cdc.name}: packet + look-ahead (codec table)")
    device = c.device_ms or assumed(0.0, "not measured")
    if c.buffer_ms is not None:
        buffer = c.buffer_ms
    elif c.jitter_ms is not None:
        buffer = estimated(
            estimate_playout_wait_ms(c.jitter_ms.value, cdc.packet_ms),
            "playout wait ≈ 1.7 × jitter + 5 ms + half a packet",
        )
    else:
        buffer = assumed(
            estimate_playout_wait_ms(0.0, cdc.packet_ms), "one packet's wait (not measured)"
        )

    record("network_delay_ms", c.network_delay_ms, "ms")
    if c.jitter_ms is not None:
        record("jitter_ms", c.jitter_ms, "ms")
    record("buffer_ms", buffer, "ms")
    record("coding_delay_ms", coding, "ms")
    record("device_ms", device, "ms")
    if c.mouth_to_ear_ms is not None:
        record("mouth_to_ear_ms", c.mouth_to_ear_ms, "ms")
        ta_raw = c.mouth_to_ear_ms.value + device.value
        ta_prov = _weakest(c.mouth_to_ear_ms, device)
        ta_src = "mouth-to-ear (in-band probes) + device latency"
    else:
        ta_raw = mouth_to_ear_ms(
            network_delay_ms=c.network_delay_ms.value,
            playout_wait_ms=buffer.value,
            coding_delay_ms=coding.value,
            device_ms=device.value,
        )
        # The coding delay is fixed by the codec; Ta is as good as the parts that vary.
        ta_prov = _weakest(c.network_delay_ms, buffer, device)
        ta_src = "mean network delay + mean playout wait + packetization + look-ahead + device"

    # --- losses -----------------------------------------------------------------------------
    late = c.late_discard_pct or assumed(0.0, "not measured")
    record("loss_pct", c.loss_pct, "%")
    record("late_discard_pct", late, "%")
    ppl_raw = min(100.0, c.loss_pct.value + late.value)
    ppl_prov = _weakest(c.loss_pct, late)
    burst = c.burst_ratio or assumed(1.0, "random loss assumed")
    record("burst_ratio", burst, "")

    # --- onto the model ---------------------------------------------------------------------
    derived: dict[str, QualityInput] = {
        "Ta": _clamped("Ta", ta_raw, "ms", ta_prov, ta_src),
        "T": _clamped("T", ta_raw, "ms", ta_prov, "echo path = Ta"),
        "Tr": _clamped("Tr", 2.0 * ta_raw, "ms", ta_prov, "4-wire loop = 2 × Ta"),
        "Ppl": _clamped("Ppl", ppl_raw, "%", ppl_prov, "network loss + late discards"),
        # BurstR below 1 (loss more spread out than random) is credited as random loss.
        "BurstR": _clamped("BurstR", burst.value, "", burst.provenance, burst.source),
    }
    rating_scale = cdc.scale if scale is None else Scale(scale)
    if rating_scale is cdc.scale:
        derived["Ie"] = QualityInput("Ie", cdc.ie, "", Provenance.ASSUMED, cdc.ie_citation)
        derived["Bpl"] = QualityInput("Bpl", cdc.bpl, "", Provenance.ASSUMED, cdc.bpl_citation)
    elif rating_scale is Scale.WIDEBAND:
        derived["Ie"] = QualityInput("Ie", cdc.ie_wb, "", Provenance.ASSUMED, cdc.ie_wb_citation)
        derived["Bpl"] = QualityInput(
            "Bpl", cdc.bpl_wb, "", Provenance.ASSUMED, cdc.bpl_wb_citation
        )
    else:
        raise EModelInputError(
            f"{cdc.name} is a wideband codec: it can be rated on the wideband scale only"
        )
    for name, value in overrides.items():
        derived[name] = QualityInput(
            name, float(value), PARAM_SPECS[name].unit, Provenance.ASSUMED, "set directly"
        )
    inputs.extend(derived.values())

    values = {name: item.value for name, item in derived.items()}
    params = EModelParams(scale=rating_scale).with_values(**values)
    result = compute(params)
    return QualityResult(
        r_factor=result.r_factor,
        mos=result.mos,
        grade=grade_for(result.mos),
        passed=passes(result.mos),
        scale=result.scale,
        codec_key=cdc.key,
        breakdown=result.breakdown,
        inputs=tuple(inputs),
    )


def conditions_of(quality: QualityResult) -> CallConditions:
    """The conditions a quality result was computed from (its recorded inputs, unclamped).

    Lets a rating be explained or compared (other codecs, the common scale) from the typed
    result itself, with the same measurements, never a JSON round trip.
    """
    figures: dict[str, Figure] = {
        i.name: Figure(i.raw_value if i.raw_value is not None else i.value, i.provenance, i.source)
        for i in quality.inputs
    }
    device = figures.get("device_ms")
    return CallConditions(
        codec_key=quality.codec_key,
        network_delay_ms=figures["network_delay_ms"],
        loss_pct=figures["loss_pct"],
        jitter_ms=figures.get("jitter_ms"),
        buffer_ms=figures.get("buffer_ms"),
        late_discard_pct=figures.get("late_discard_pct"),
        burst_ratio=figures.get("burst_ratio"),
        # "not measured" device latency was recorded as an assumed 0: keep it absent.
        device_ms=None if device is None or device.source == "not measured" else device,
        mouth_to_ear_ms=figures.get("mouth_to_ear_ms"),
    )
