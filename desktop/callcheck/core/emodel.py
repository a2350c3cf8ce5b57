"""The ITU-T G.107 E-model (06/2015) and its wideband extension G.107.1.

R = Ro − Is − Id − Ie,eff + A                                  (G.107 §7.1)

Every parameter of G.107 Table 3 is a field of :class:`EModelParams`, with the Recommendation's
default and its permitted range; a value outside that range, NaN or infinity raises
:class:`EModelInputError` naming the parameter. Callers that feed *measured* values clamp them into
range first (see :mod:`callcheck.core.quality`) and say so in the provenance of the input.

Equation numbers below follow G.107 (06/2015) clause 7. Wideband: G.107.1 (06/2015) clause 7.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from typing import Any, Final

# ---------------------------------------------------------------------------------------------
# Scales

#: Ro of the narrowband scale at default settings is 94.77; the default R is 93.2 (G.107 §7.7).
NB_R_MAX: Final = 100.0
#: G.107.1 §6.2: the wideband scale extends R to 129 (Ro,WB), a factor of 1.29 over narrowband.
WB_RO: Final = 129.0
WB_SCALE_FACTOR: Final = 1.29
#: Annex B: MOS_CQE is clamped to [1, 4.5].
MOS_MIN: Final = 1.0
MOS_MAX: Final = 4.5


class Scale(StrEnum):
    """Which transmission-rating scale a result is on."""

    NARROWBAND = "narrowband"  # G.107, R up to 100 (3.1 kHz handset telephony)
    WIDEBAND = "wideband"  # G.107.1, R up to 129 (50–7000 Hz)


#: ITU-T P.800.1 (07/2016) Table 1: a MOS estimated by a planning model (the E-model) from
#: conversational parameters is MOS-CQE on the narrowband scale, MOS-CQEW on the wideband one.
MOS_LABELS: Final[dict[Scale, str]] = {
    Scale.NARROWBAND: "MOS-CQE",
    Scale.WIDEBAND: "MOS-CQEW",
}


def mos_label(scale: Scale) -> str:
    """The P.800.1 label of a MOS on this scale: ``MOS-CQE`` or ``MOS-CQEW``."""
    return MOS_LABELS[Scale(scale)]


class EModelInputError(ValueError):
    """An E-model input is missing, not a number, or outside its permitted range."""


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """Default and permitted range of one G.107 Table 3 parameter."""

    name: str
    unit: str
    default: float
    low: float
    high: float
    description: str


#: G.107 (06/2015) Table 3 — "Default values and permitted ranges for the parameters".
#: sT and mT (§7.4, Table 1) shape the delay impairment; the range spans the Recommendation's
#: delay-sensitivity classes (very low: sT 0.4, mT 150 ms … very high: sT 2, mT 50 ms).
PARAM_SPECS: Final[dict[str, ParamSpec]] = {
    spec.name: spec
    for spec in (
        ParamSpec("SLR", "dB", 8.0, 0.0, 18.0, "send loudness rating"),
        ParamSpec("RLR", "dB", 2.0, -5.0, 14.0, "receive loudness rating"),
        ParamSpec("STMR", "dB", 15.0, 10.0, 20.0, "sidetone masking rating"),
        ParamSpec("LSTR", "dB", 18.0, 13.0, 23.0, "listener sidetone rating"),
        ParamSpec("Ds", "", 3.0, -3.0, 3.0, "D-value of the telephone, send side"),
        ParamSpec("Dr", "", 3.0, -3.0, 3.0, "D-value of the telephone, receive side"),
        ParamSpec("TELR", "dB", 65.0, 5.0, 65.0, "talker echo loudness rating"),
        ParamSpec("WEPL", "dB", 110.0, 5.0, 110.0, "weighted echo path loss"),
        ParamSpec("T", "ms", 0.0, 0.0, 500.0, "mean one-way delay of the echo path"),
        ParamSpec("Tr", "ms", 0.0, 0.0, 1000.0, "round-trip delay in a 4-wire loop"),
        ParamSpec("Ta", "ms", 0.0, 0.0, 500.0, "absolute delay in echo-free connections"),
        ParamSpec("qdu", "", 1.0, 1.0, 14.0, "number of quantization distortion units"),
        ParamSpec("Ie", "", 0.0, 0.0, 40.0, "equipment impairment factor"),
        ParamSpec("Bpl", "", 1.0, 1.0, 40.0, "packet-loss robustness factor"),
        ParamSpec("Ppl", "%", 0.0, 0.0, 20.0, "random packet-loss probability"),
        ParamSpec("BurstR", "", 1.0, 1.0, 8.0, "burst ratio"),
        ParamSpec("Nc", "dBm0p", -70.0, -80.0, -40.0, "circuit noise referred to the 0 dBr point"),
        ParamSpec("Nfor", "dBmp", -64.0, -64.0, -64.0, "noise floor at the receive side"),
        ParamSpec("Ps", "dB(A)", 35.0, 35.0, 85.0, "room noise at the send side"),
        ParamSpec("Pr", "dB(A)", 35.0, 35.0, 85.0, "room noise at the receive side"),
        ParamSpec("A", "", 0.0, 0.0, 20.0, "advantage factor"),
        ParamSpec("sT", "", 1.0, 0.4, 2.0, "delay sensitivity (§7.4)"),
        ParamSpec("mT", "ms", 100.0, 50.0, 150.0, "minimum perceivable delay (§7.4)"),
    )
}

#: G.107.1 widens Ie and Bpl to the wideband scale (Ie,WB up to 129, Bpl,WB as published).
WB_PARAM_OVERRIDES: Final[dict[str, ParamSpec]] = {
    "Ie": ParamSpec("Ie", "", 0.0, 0.0, 129.0, "wideband equipment impairment factor Ie,WB"),
    "Bpl": ParamSpec("Bpl", "", 1.0, 1.0, 60.0, "wideband packet-loss robustness factor Bpl,WB"),
}


def _spec(name: str, scale: Scale) -> ParamSpec:
    if scale is Scale.WIDEBAND and name in WB_PARAM_OVERRIDES:
        return WB_PARAM_OVERRIDES[name]
    return PARAM_SPECS[name]


@dataclass(frozen=True, slots=True)
class EModelParams:
    """All inputs of the E-model, by their G.107 names. Defaults are those of Table 3."""

    SLR: float = 8.0
    RLR: float = 2.0
    STMR: float = 15.0
    LSTR: float = 18.0
    Ds: float = 3.0
    Dr: float = 3.0
    TELR: float = 65.0
    WEPL: float = 110.0
    T: float = 0.0
    Tr: float = 0.0
    Ta: float = 0.0
    qdu: float = 1.0
    Ie: float = 0.0
    Bpl: float = 1.0
    Ppl: float = 0.0
    BurstR: float = 1.0
    Nc: float = -70.0
    Nfor: float = -64.0
    Ps: float = 35.0
    Pr: float = 35.0
    A: float = 0.0
    sT: float = 1.0
    mT: float = 100.0
    scale: Scale = Scale.NARROWBAND

    def __post_init__(self) -> None:
        for f in fields(self):
            if f.name == "scale":
                continue
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise EModelInputError(f"{f.name} must be a number, got {value!r}")
            if not math.isfinite(value):
                raise EModelInputError(f"{f.name} must be a finite number, got {value!r}")
            spec = _spec(f.name, self.scale)
            if not spec.low <= value <= spec.high:
                raise EModelInputError(
                    f"{f.name} = {value:g} {spec.unit}".rstrip()
                    + f" is outside the permitted range {spec.low:g} to {spec.high:g}"
                    + f" ({spec.description}; G.107 Table 3)"
                )
        if not isinstance(self.scale, Scale):
            raise EModelInputError(f"scale must be a Scale, got {self.scale!r}")

    def with_values(self, **values: float) -> EModelParams:
        """A copy with some parameters changed, validated like the original."""
        unknown = set(values) - set(PARAM_SPECS)
        if unknown:
            raise EModelInputError(
                f"unknown E-model parameter(s): {', '.join(sorted(unknown))}; "
                f"known: {', '.join(PARAM_SPECS)}"
            )
        changes: dict[str, Any] = dict(values)
        return replace(self, **changes)


def param_names() -> tuple[str, ...]:
    """The G.107 parameter names accepted by :meth:`EModelParams.with_values`."""
    return tuple(PARAM_SPECS)


@dataclass(frozen=True, slots=True)
class EModelBreakdown:
    """The components of R, each in R units on the result's scale."""

    Ro: float
    """Basic signal-to-noise ratio (§7.2); 129 on the wideband scale at defaults."""
    Is: float
    """Simultaneous impairment factor Iolr + Ist + Iq (§7.3)."""
    Iolr: float
    """Impairment from a too-low overall loudness rating."""
    Ist: float
    """Impairment from non-optimum sidetone."""
    Iq: float
    """Impairment from quantization distortion."""
    Id: float
    """Delay impairment factor Idte + Idle + Idd (§7.4)."""
    Idte: float
    """Talker-echo impairment."""
    Idle: float
    """Listener-echo impairment."""
    Idd: float
    """Impairment from a too-long absolute delay Ta."""
    Ie_eff: float
    """Effective equipment impairment: codec plus packet loss (§7.5)."""
    A: float
    """Advantage factor (§7.6)."""


@dataclass(frozen=True, slots=True)
class EModelResult:
    """R on its scale, the MOS derived from it, and the breakdown."""

    r_factor: float
    """Transmission rating factor R (narrowband 0–100, wideband 0–129)."""
    mos: float
    """Estimated MOS_CQE, Annex B, on the 1–4.5 range of the narrowband MOS scale."""
    scale: Scale
    breakdown: EModelBreakdown
    params: EModelParams


# ---------------------------------------------------------------------------------------------
# §7.2 Basic signal-to-noise ratio


def _db_sum(*levels_db: float) -> float:
    return 10.0 * math.log10(sum(10.0 ** (level / 10.0) for level in levels_db))


def _noise_terms(p: EModelParams) -> tuple[float, float]:
    """Return (No, Ro): the total noise power No and Ro (§7.2)."""
    olr = p.SLR + p.RLR
    nos = p.Ps - p.SLR - p.Ds - 100.0 + 0.004 * (p.Ps - olr - p.Ds - 14.0) ** 2
    pre = p.Pr + 10.0 * math.log10(1.0 + 10.0 ** ((10.0 - p.LSTR) / 10.0))
    nor = p.RLR - 121.0 + pre + 0.008 * (pre - 35.0) ** 2
    nfo = p.Nfor + p.RLR
    no = _db_sum(p.Nc, nos, nor, nfo)
    ro = 15.0 - 1.5 * (p.SLR + no)
    return no, ro


# ---------------------------------------------------------------------------------------------
# §7.3 Simultaneous impairment factor


def _ist(stmro: float) -> float:
    """Sidetone impairment."""
    return float(
        12.0 * (1.0 + ((stmro - 13.0) / 6.0) ** 8) ** (1.0 / 8.0)
        - 28.0 * (1.0 + ((stmro + 1.0) / 19.4) ** 35) ** (1.0 / 35.0)
        - 13.0 * (1.0 + ((stmro - 3.0) / 33.0) ** 13) ** (1.0 / 13.0)
        + 29.0
    )


def _is_terms(p: EModelParams, no: float, ro: float) -> tuple[float, float, float]:
    """Return (Iolr, Ist, Iq)."""
    olr = p.SLR + p.RLR
    xolr = olr + 0.2 * (64.0 + no - p.RLR)
    iolr = 20.0 * ((1.0 + (xolr / 8.0) ** 8) ** (1.0 / 8.0) - xolr / 8.0)
    stmro = -10.0 * math.log10(
        10.0 ** (-p.STMR / 10.0) + math.exp(-p.T / 4.0) * 10.0 ** (-p.TELR / 10.0)
    )
    ist = _ist(stmro)
    q = 37.0 - 15.0 * math.log10(p.qdu)
    g = 1.07 + 0.258 * q + 0.0602 * q * q
    y = (ro - 100.0) / 15.0 + 46.0 / 8.4 - g / 9.0
    z = 46.0 / 30.0 - g / 40.0
    iq = 15.0 * math.log10(1.0 + 10.0**y + 10.0**z)
    return iolr, ist, iq


# ---------------------------------------------------------------------------------------------
# §7.4 Delay impairment factor


def _idte(p: EModelParams, no: float, ist: float) -> float:
    """Talker-echo impairment (with the STMR < 9 and > 20 dB cases)."""
    roe = -1.5 * (no - p.RLR)
    terv = (
        p.TELR
        - 40.0 * math.log10((1.0 + p.T / 10.0) / (1.0 + p.T / 150.0))
        + 6.0 * math.exp(-0.3 * p.T**2)
    )
    if p.STMR < 9.0:
        terv += ist / 2.0
    re = 80.0 + 2.5 * (terv - 14.0)
    idte = ((roe - re) / 2.0 + math.sqrt((roe - re) ** 2 / 4.0 + 100.0) - 1.0) * (
        1.0 - math.exp(-p.T)
    )
    if p.STMR > 20.0:
        idte = math.sqrt(idte**2 + ist**2)
    # For an echo path of a few ms the curve dips slightly below zero (−0.27 at most with the
    # defaults): such an echo is heard as sidetone, which G.107 says to treat as Idte = 0 for
    # T < 1 ms. We extend that to the whole dip so that R never rises as delay grows.
    return max(0.0, idte)


def _idle(p: EModelParams, ro: float) -> float:
    """Listener-echo impairment."""
    rle = 10.5 * (p.WEPL + 7.0) * float((p.Tr + 1.0) ** -0.25)
    return (ro - rle) / 2.0 + math.sqrt((ro - rle) ** 2 / 4.0 + 169.0)


def idd_for(ta_ms: float, *, sT: float = 1.0, mT: float = 100.0) -> float:
    """Impairment from absolute one-way delay Ta (G.107 §7.4).

    Zero up to the minimum perceivable delay mT; above it, a smooth rise whose steepness is the
    delay sensitivity sT. With the defaults (sT = 1, mT = 100 ms) this is the classic
    Idd = 25{(1 + X⁶)^⅙ − 3(1 + (X/3)⁶)^⅙ + 2}, X = log2(Ta/100).
    """
    if ta_ms <= mT:
        return 0.0
    x = math.log10(ta_ms / mT) / math.log10(2.0)
    k = 6.0 * sT
    rise = float((1.0 + x**k) ** (1.0 / k)) - 3.0 * float((1.0 + (x / 3.0) ** k) ** (1.0 / k))
    return 25.0 * (rise + 2.0)


# ---------------------------------------------------------------------------------------------
# §7.5 Effective equipment impairment factor


def ie_eff_for(ie: float, bpl: float, ppl_pct: float, burst_r: float, *, r_max: float) -> float:
    """Ie,eff = Ie + (r_max − Ie) · Ppl / (Ppl/BurstR + Bpl)   (G.107 §7.5; G.107.1 §7.5).

    r_max is 95 on the narrowband scale and 129 (Ro,WB) on the wideband scale.
    """
    return ie + (r_max - ie) * ppl_pct / (ppl_pct / burst_r + bpl)


# ---------------------------------------------------------------------------------------------
# The model


@dataclass(frozen=True, slots=True)
class _Terms:
    """The narrowband terms of one parameter set, before they are combined into R."""

    ro: float
    iolr: float
    ist: float
    iq: float
    idte: float
    idle: float
    idd: float


def _terms(p: EModelParams) -> _Terms:
    no, ro = _noise_terms(p)
    iolr, ist, iq = _is_terms(p, no, ro)
    return _Terms(
        ro=ro,
        iolr=iolr,
        ist=ist,
        iq=iq,
        idte=_idte(p, no, ist),
        idle=_idle(p, ro),
        idd=idd_for(p.Ta, sT=p.sT, mT=p.mT),
    )


#: The narrowband terms at Table 3 defaults. G.107.1 starts the wideband scale from
#: Ro,WB = 129 for the same default terminals (Is,WB = Id,WB = 0 there); a departure from the
#: defaults (loudness, noise, echo, delay) is carried over from the narrowband equations and
#: scaled by 1.29, the ratio of the two scales (G.107.1 §6.2). This keeps both scales in step
#: for the delay and echo terms, which are what a test call measures.
_NB_DEFAULT_TERMS: Final = _terms(EModelParams())


def compute(params: EModelParams) -> EModelResult:
    """Compute R, MOS and the breakdown for one set of E-model parameters."""
    p = params
    t = _terms(p)
    if p.scale is Scale.NARROWBAND:
        ro, iolr, ist, iq = t.ro, t.iolr, t.ist, t.iq
        idte, idle, idd = t.idte, t.idle, t.idd
        ie_eff = ie_eff_for(p.Ie, p.Bpl, p.Ppl, p.BurstR, r_max=95.0)
    else:
        d, k = _NB_DEFAULT_TERMS, WB_SCALE_FACTOR
        ro = WB_RO + k * (t.ro - d.ro)
        iolr, ist, iq = k * (t.iolr - d.iolr), k * (t.ist - d.ist), k * (t.iq - d.iq)
        idte, idle, idd = k * (t.idte - d.idte), k * (t.idle - d.idle), k * (t.idd - d.idd)
        ie_eff = ie_eff_for(p.Ie, p.Bpl, p.Ppl, p.BurstR, r_max=WB_RO)
    is_ = iolr + ist + iq
    id_ = idte + idle + idd
    r = ro - is_ - id_ - ie_eff + p.A
    mos = r_to_mos(r) if p.scale is Scale.NARROWBAND else wideband_r_to_mos(r)
    breakdown = EModelBreakdown(
        Ro=ro,
        Is=is_,
        Iolr=iolr,
        Ist=ist,
        Iq=iq,
        Id=id_,
        Idte=idte,
        Idle=idle,
        Idd=idd,
        Ie_eff=ie_eff,
        A=p.A,
    )
    return EModelResult(r_factor=r, mos=mos, scale=p.scale, breakdown=breakdown, params=p)


# ---------------------------------------------------------------------------------------------
# Annex B: R ↔ MOS


def r_to_mos(r: float) -> float:
    """Narrowband R → MOS_CQE (G.107 Annex B), clamped to [1, 4.5].

    The polynomial dips just below 1 for 0 < R < 6.5; the clamp makes that MOS 1.
    """
    if math.isnan(r):
        raise EModelInputError("R is not a number")
    if r <= 0.0:
        return MOS_MIN
    if r >= 100.0:
        return MOS_MAX
    mos = 1.0 + 0.035 * r + r * (r - 60.0) * (100.0 - r) * 7.0e-6
    return min(MOS_MAX, max(MOS_MIN, mos))


def wideband_r_to_mos(r_wb: float) -> float:
    """Wideband R (0–129) → MOS: R_WB / 1.29 onto the narrowband scale, then Annex B."""
    return r_to_mos(r_wb / WB_SCALE_FACTOR)


def mos_to_r(mos: float) -> float:
    """MOS_CQE → narrowband R, the closed-form inverse of Annex B (G.107 Appendix I).

    Valid for 1 ≤ MOS ≤ 4.5; MOS 1 maps to R 0 and MOS 4.5 to R 100.
    """
    if math.isnan(mos) or not MOS_MIN <= mos <= MOS_MAX:
        raise EModelInputError(f"MOS must be between {MOS_MIN} and {MOS_MAX}, got {mos!r}")
    if mos == MOS_MIN:
        return 0.0
    if mos == MOS_MAX:
        return 100.0
    # The Recommendation writes arctan2(18566 − 6750·MOS, 15·√(…)) in the spreadsheet
    # convention ATAN2(x, y); Python's atan2 takes (y, x).
    h = (1.0 / 3.0) * math.atan2(
        15.0 * math.sqrt(-903522.0 + 1113960.0 * mos - 202500.0 * mos * mos),
        18566.0 - 6750.0 * mos,
    )
    return (20.0 / 3.0) * (8.0 - math.sqrt(226.0) * math.cos(h + math.pi / 3.0))


def mos_to_wideband_r(mos: float) -> float:
    """MOS → wideband R (inverse of :func:`wideband_r_to_mos`)."""
    return mos_to_r(mos) * WB_SCALE_FACTOR
