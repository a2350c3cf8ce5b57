"""Codec recommendations: the MOS each candidate codec would give on the network measured.

For every candidate the E-model (:func:`callcheck.core.quality.assess`) is evaluated with the
measured one-way delay, the playout buffer that candidate's packet time needs for the measured
jitter, the measured loss and burstiness, the candidate's own Ie/Bpl, packet time and
look-ahead, on the wideband scale where it applies. Opus is offered with and without in-band
FEC. Each candidate's bandwidth on the wire is checked against the measured available
bandwidth; one that does not fit is marked so and never recommended.

One scale, one buffer estimate
------------------------------
Every candidate is rated on the common wideband scale (G.107.1; narrowband codecs by their
Ie,WB and Bpl,WB, :mod:`callcheck.core.codecs`), so the ranking, "would give MOS X" and the
what-if table compare like with like; every ``predicted_mos`` is a MOS-CQEW (ITU-T P.800.1).

The playout wait of a candidate is the call's measured mean wait when it has the call's
packet time, else the one estimate from jitter
(:func:`callcheck.core.delay.estimate_playout_wait_ms`); Ta is
:func:`callcheck.core.delay.mouth_to_ear_ms`.

Opus in-band FEC (LBRR) — the model
-----------------------------------
* **When libopus emits it.** Only when the encoder's expected-loss setting
  (``OPUS_SET_PACKET_LOSS_PERC``) is at least about 6 % (measured on this project's libopus),
  and only at a bitrate that leaves room for the redundant copy: at 16 kbit/s libopus sent no
  FEC at all (measured); libopus's ``decide_fec`` thresholds are 12–16 kbit/s per audio
  bandwidth before the redundancy. So a "+ FEC" candidate sets the expected loss to the larger
  of the measured loss and 6 %, and below :data:`OPUS_FEC_MIN_BITRATE_KBPS` it is the same
  stream as without FEC.
* **What it recovers.** Packet *n* carries a coarse copy of frame *n−1*: an isolated loss is
  recovered from the next packet, consecutive losses are not. With the Gilbert model (p: received
  → lost, q: lost → received) the next packet after a loss arrives with probability q, so the
  residual loss is ``π·(1 − q)`` (π the loss rate; π² for random loss). Without a measured q,
  ``q = (1 − π) / BurstR`` (G.107: BurstR = 1/(p + q), π = p/(p + q)). Residual losses are the
  inner packets of bursts, whose lengths stay geometric with the same q, so their burst ratio
  is ``(1 − π_residual) / q``.
* **What a recovered frame is worth.** The LBRR copy is a lower-rate encoding: at 32 kbit/s and
  10 % loss, frames recovered by FEC measured 13.7 dB SNR against 4.0 dB for PLC. It is far
  better than concealment but not the primary frame; a recovered frame counts as
  :data:`OPUS_FEC_RECOVERED_LOSS_WEIGHT` of a lost one.
* **What it costs.** The redundancy comes out of the same target bitrate: the primary gets
  about two-thirds of it (:data:`OPUS_FEC_PRIMARY_SHARE`), and its Ie,WB is that of Opus at the
  lower bitrate (interpolated on log₂ bitrate through the codec table, +6 per halving below
  12 kbit/s, as the table is derived). Decoding frame *n* from packet *n+1* needs that packet in
  the buffer when *n* is due: one more packet of playout delay.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from callcheck.core.codecs import CODECS, WEBRTC_CODEC_KEYS, Codec, codec
from callcheck.core.delay import estimate_playout_wait_ms
from callcheck.core.emodel import Scale, mos_label
from callcheck.core.grades import PASS_MOS, format_mos
from callcheck.core.quality import CallConditions, Figure, assess, estimated

# ---------------------------------------------------------------------------------------------
# Candidates


@dataclass(frozen=True, slots=True)
class CodecCandidate:
    """One configuration a softphone can be switched to."""

    key: str
    """Stable identifier in reports, e.g. ``opus-24-fec``."""
    codec_key: str
    """Entry of :data:`callcheck.core.codecs.CODECS`."""
    label: str
    """Short name for people: ``Opus 24k + FEC``."""
    fec: bool = False
    """Opus in-band FEC (LBRR) switched on."""


#: The codecs a softphone can usually be switched to (issue 6: G.711 PLC, G.722, G.729A, Opus
#: 12/16/24/32 kbit/s with and without in-band FEC).
CANDIDATES: Final[tuple[CodecCandidate, ...]] = (
    CodecCandidate("g711-plc", "g711-plc", "G.711"),
    CodecCandidate("g722", "g722", "G.722"),
    CodecCandidate("g729a", "g729a", "G.729A"),
    *(
        CodecCandidate(f"opus-{kbps}{'-fec' if fec else ''}", f"opus-{kbps}", label, fec)
        for kbps in (12, 16, 24, 32)
        for fec, label in ((False, f"Opus {kbps}k"), (True, f"Opus {kbps}k + FEC"))
    ),
)
CANDIDATES_BY_KEY: Final[dict[str, CodecCandidate]] = {c.key: c for c in CANDIDATES}

#: Kept for callers of the first version: the codec-table keys of the candidates without FEC.
CANDIDATE_CODECS: Final = tuple(c.codec_key for c in CANDIDATES if not c.fec)

#: The WebRTC codec a call negotiated → the codec-table entry it is rated as, at its real
#: bitrate (aiortc's Opus runs at a fixed 96 kbit/s without FEC): the "current codec" row of
#: the recommendations is the call's own codec, never a stand-in.
CANDIDATE_FOR_WEBRTC: Final[dict[str, str]] = dict(WEBRTC_CODEC_KEYS)


def candidate(key: str) -> CodecCandidate:
    """Look up a candidate by key (or a codec-table key, e.g. the call's ``opus-96``); KeyError
    naming the known keys if absent."""
    found = CANDIDATES_BY_KEY.get(key.strip().lower())
    if found is None and key.strip().lower() in CODECS:
        c = CODECS[key.strip().lower()]
        return CodecCandidate(c.key, c.key, c.name)
    if found is None:
        raise KeyError(
            f"unknown codec candidate {key!r}; choose one of: {', '.join(CANDIDATES_BY_KEY)}"
        )
    return found


# ---------------------------------------------------------------------------------------------
# Bandwidth on the wire

#: Per-packet header bytes on the wire: IPv4 20 + UDP 8 + RTP 12 (RFC 3550 §5.1).
IPV4_UDP_RTP_HEADER_BYTES: Final = 40
#: IPv6's fixed header is 40 bytes instead of IPv4's 20 (RFC 8200 §3).
IPV6_EXTRA_HEADER_BYTES: Final = 20
#: SRTP adds an 80-bit authentication tag (RFC 3711 §4.2, the default HMAC-SHA1-80).
SRTP_TAG_BYTES: Final = 10


def wire_bandwidth_kbps(c: Codec, *, srtp: bool = True, ipv6: bool = False) -> float:
    """One direction's IP bandwidth: payload plus IP/UDP/RTP (and SRTP) headers per packet.

    Opus's in-band FEC comes out of the same target bitrate, so it needs no extra bandwidth.
    """
    packets_per_s = 1000.0 / c.packet_ms
    header = (
        IPV4_UDP_RTP_HEADER_BYTES
        + (SRTP_TAG_BYTES if srtp else 0)
        + (IPV6_EXTRA_HEADER_BYTES if ipv6 else 0)
    )
    return (c.payload_bytes_per_packet + header) * 8.0 * packets_per_s / 1000.0


# ---------------------------------------------------------------------------------------------
# Opus FEC model

#: libopus emits LBRR only when the expected-loss setting is at least about this (measured).
OPUS_FEC_MIN_EXPECTED_LOSS_PCT: Final = 6.0
#: Below this target bitrate libopus sends no FEC (none at 16 kbit/s, measured).
OPUS_FEC_MIN_BITRATE_KBPS: Final = 20.0
#: Share of the target bitrate left to the primary encoding when LBRR is on.
OPUS_FEC_PRIMARY_SHARE: Final = 2.0 / 3.0
#: A frame decoded from the LBRR copy counts as this much of a lost frame (measured 13.7 dB
#: SNR for recovered frames against 4.0 dB for PLC at 32 kbit/s, 10 % loss).
OPUS_FEC_RECOVERED_LOSS_WEIGHT: Final = 0.25
#: Ie,WB gained per halving of the Opus bitrate below the table (see callcheck.core.codecs).
OPUS_IE_PER_HALVING: Final = 6.0


def opus_ie_wb(bitrate_kbps: float) -> float:
    """Ie,WB of Opus at any bitrate: the codec table interpolated on log₂ bitrate."""
    if bitrate_kbps <= 0.0 or not math.isfinite(bitrate_kbps):
        raise ValueError("bitrate must be positive")
    points = sorted((c.bitrate_kbps, c.ie) for c in CODECS.values() if c.key.startswith("opus-"))
    lo_rate, lo_ie = points[0]
    if bitrate_kbps <= lo_rate:
        return min(129.0, lo_ie + OPUS_IE_PER_HALVING * math.log2(lo_rate / bitrate_kbps))
    for (r0, ie0), (r1, ie1) in itertools.pairwise(points):
        if bitrate_kbps <= r1:
            w = math.log2(bitrate_kbps / r0) / math.log2(r1 / r0)
            return ie0 + w * (ie1 - ie0)
    return points[-1][1]


@dataclass(frozen=True, slots=True)
class FecEffect:
    """What Opus in-band FEC does to one stream."""

    active: bool
    """libopus actually emits LBRR at this bitrate and expected-loss setting."""
    expected_loss_pct: float
    """The encoder's expected-loss setting assumed."""
    primary_kbps: float
    """Bitrate left to the primary encoding."""
    residual_loss_pct: float
    """Packets neither received nor recovered."""
    recovered_pct: float
    """Packets lost but recovered from the next packet's LBRR copy."""
    residual_burst_ratio: float
    """BurstR of the residual losses."""


def gilbert_q(loss_pct: float, burst_ratio: float) -> float:
    """Gilbert q (P(lost → received)) from the loss rate and G.107's BurstR = 1/(p + q)."""
    pi = min(1.0, max(0.0, loss_pct / 100.0))
    return min(1.0, max(0.0, (1.0 - pi) / max(1.0, burst_ratio)))


def opus_fec_effect(
    bitrate_kbps: float,
    loss_pct: float,
    burst_ratio: float = 1.0,
    *,
    q: float | None = None,
) -> FecEffect:
    """Residual loss, recovered share and primary bitrate of Opus with in-band FEC switched on.

    ``q`` is the measured Gilbert q; without it q is derived from the loss and burst ratio.
    """
    expected = max(loss_pct, OPUS_FEC_MIN_EXPECTED_LOSS_PCT)
    burst = max(1.0, burst_ratio)
    if bitrate_kbps < OPUS_FEC_MIN_BITRATE_KBPS:
        return FecEffect(False, expected, bitrate_kbps, loss_pct, 0.0, burst)
    qq = gilbert_q(loss_pct, burst) if q is None else min(1.0, max(0.0, q))
    residual = loss_pct * (1.0 - qq)
    recovered = loss_pct - residual
    residual_burst = (1.0 - residual / 100.0) / qq if qq > 0.0 else burst
    return FecEffect(
        active=True,
        expected_loss_pct=expected,
        primary_kbps=bitrate_kbps * OPUS_FEC_PRIMARY_SHARE,
        residual_loss_pct=residual,
        recovered_pct=recovered,
        residual_burst_ratio=min(8.0, max(1.0, residual_burst)),
    )


# ---------------------------------------------------------------------------------------------
# Predictions


@dataclass(frozen=True, slots=True)
class NetworkMeasurements:
    """What the test measured that a codec choice depends on (the worse direction)."""

    network_delay_ms: Figure
    """One-way network delay."""
    loss_pct: Figure
    """Packets lost in the network, %."""
    jitter_ms: Figure | None = None
    """RFC 3550 interarrival jitter."""
    burst_ratio: Figure | None = None
    """G.107 BurstR (1 = random)."""
    gilbert_q: float | None = None
    """Measured Gilbert q, P(lost → received); derived from BurstR when absent."""
    late_discard_pct: Figure | None = None
    """Late discards of the call's own playout buffer (same policy for every candidate)."""
    buffer_ms: Figure | None = None
    """The call's measured mean playout wait (used for candidates of the same packet time)."""
    buffer_packet_ms: float = 20.0
    """Packet time of the call whose buffer was measured."""
    device_ms: Figure | None = None
    """Audio device latency, capture plus playback."""
    available_kbps: float | None = None
    """Measured available bandwidth of the narrower direction; None when not measured."""
    srtp: bool = True
    """Media is SRTP (WebRTC always is)."""
    call_codec_key: str | None = None
    """Codec-table key of the call that was measured (``opus-96``): its own row uses the
    call's measured mouth-to-ear delay, so it equals the call's rating on the common scale."""
    mouth_to_ear_ms: Figure | None = None
    """The call's measured mouth-to-ear delay (in-band probes), for the call's own codec only."""


@dataclass(frozen=True, slots=True)
class CodecPrediction:
    """What one codec configuration would score on the measured network."""

    codec_key: str
    """Candidate key (``opus-24-fec``); for candidates without FEC, the codec-table key."""
    name: str
    """Short label (``Opus 24k + FEC``)."""
    predicted_mos: float
    r_factor: float
    scale: str
    bandwidth_kbps: float
    """Needed per direction on the wire (with SRTP unless told otherwise)."""
    fits_bandwidth: bool | None
    """False when it needs more than the available bandwidth; None when that is unknown."""
    reason: str
    """One line for people; filled in by :func:`predict_codecs`."""
    fec: bool = False
    fec_active: bool = False
    """FEC requested and libopus would actually emit it."""
    buffer_ms: float = 0.0
    """Mean playout wait assumed (the buffer's share of Ta)."""
    effective_loss_pct: float = 0.0
    """Ppl entering the E-model: residual loss (+ weighted recovered) + late discards."""
    primary_kbps: float = 0.0
    """Codec bitrate of the primary encoding."""
    recommended: bool = True
    """Fits the bandwidth (or it is unknown); only these are recommended."""
    rank: int = 0
    """1 = best."""

    def to_json(self) -> dict[str, Any]:
        """One element of the report's ``recommendations.codecs``."""
        return {
            "codec": self.codec_key,
            "name": self.name,
            "predicted_mos": round(self.predicted_mos, 2),
            "r_factor": round(self.r_factor, 2),
            "scale": self.scale,
            "mos_label": mos_label(Scale(self.scale)),
            "bandwidth_kbps": round(self.bandwidth_kbps, 1),
            "fits_bandwidth": self.fits_bandwidth,
            "recommended": self.recommended,
            "rank": self.rank,
            "fec": self.fec,
            "fec_active": self.fec_active,
            "buffer_ms": round(self.buffer_ms, 1),
            "effective_loss_pct": round(self.effective_loss_pct, 3),
            "primary_kbps": round(self.primary_kbps, 1),
            "reason": self.reason,
        }


def _buffer_for(c: Codec, m: NetworkMeasurements) -> Figure:
    if m.buffer_ms is not None and abs(c.packet_ms - m.buffer_packet_ms) < 1e-9:
        return m.buffer_ms
    jitter = 0.0 if m.jitter_ms is None else m.jitter_ms.value
    return estimated(
        estimate_playout_wait_ms(jitter, c.packet_ms),
        f"playout wait for {c.packet_ms:g} ms packets ≈ 1.7 × jitter + 5 ms + half a packet",
    )


def predict_candidate(cand: CodecCandidate, m: NetworkMeasurements) -> CodecPrediction:
    """The MOS, bandwidth and fit of one candidate on the measured network (reason empty)."""
    c = codec(cand.codec_key)
    buffer = _buffer_for(c, m)
    loss = m.loss_pct.value
    burst = 1.0 if m.burst_ratio is None else m.burst_ratio.value
    late = 0.0 if m.late_discard_pct is None else m.late_discard_pct.value
    overrides: dict[str, float] = {}
    loss_fig, burst_fig = m.loss_pct, m.burst_ratio
    primary = c.bitrate_kbps
    fec_active = False
    if cand.fec:
        fx = opus_fec_effect(c.bitrate_kbps, loss, burst, q=m.gilbert_q)
        fec_active = fx.active
        if fx.active:
            primary = fx.primary_kbps
            overrides["Ie"] = opus_ie_wb(primary)
            ppl = fx.residual_loss_pct + OPUS_FEC_RECOVERED_LOSS_WEIGHT * fx.recovered_pct
            loss_fig = estimated(ppl, "residual loss after Opus in-band FEC (model)")
            burst_fig = estimated(fx.residual_burst_ratio, "burst ratio of residual loss")
            # Frame n is decoded from packet n+1: one more packet must be in the buffer.
            buffer = estimated(buffer.value + c.packet_ms, "buffer + one packet for FEC")
    result = assess(
        CallConditions(
            codec_key=c.key,
            network_delay_ms=m.network_delay_ms,
            loss_pct=loss_fig,
            jitter_ms=m.jitter_ms,
            buffer_ms=buffer,
            late_discard_pct=m.late_discard_pct,
            burst_ratio=burst_fig,
            device_ms=m.device_ms,
            mouth_to_ear_ms=(
                m.mouth_to_ear_ms if c.key == m.call_codec_key and not cand.fec else None
            ),
        ),
        overrides,
        scale=Scale.WIDEBAND,
    )
    bandwidth = wire_bandwidth_kbps(c, srtp=m.srtp)
    fits = None if m.available_kbps is None else bandwidth <= m.available_kbps
    return CodecPrediction(
        codec_key=cand.key,
        name=cand.label,
        predicted_mos=result.mos,
        r_factor=result.r_factor,
        scale=str(result.scale),
        bandwidth_kbps=bandwidth,
        fits_bandwidth=fits,
        reason="",
        fec=cand.fec,
        fec_active=fec_active,
        buffer_ms=buffer.value,
        effective_loss_pct=min(100.0, loss_fig.value + late),
        primary_kbps=primary,
        recommended=fits is not False,
    )


def _pct(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _reason(
    row: CodecPrediction,
    best: CodecPrediction,
    reference: CodecPrediction | None,
    m: NetworkMeasurements,
) -> str:
    loss = m.loss_pct.value
    at = f"at the {_pct(loss)} % loss measured" if loss > 0 else "on this network (no loss)"
    if not row.recommended:
        return (
            f"{row.name} does not fit: it needs {row.bandwidth_kbps:.0f} kbit/s, more than the "
            f"{m.available_kbps or 0:.0f} kbit/s available"
        )
    if row.fec and not row.fec_active:
        note = f"; libopus sends no FEC at {row.primary_kbps:.0f} kbit/s, so FEC adds nothing"
    elif row.fec and loss < OPUS_FEC_MIN_EXPECTED_LOSS_PCT:
        note = (
            "; FEC needs the encoder's expected loss set to "
            f"{_pct(OPUS_FEC_MIN_EXPECTED_LOSS_PCT)} %, which takes bits from the voice"
        )
    else:
        note = ""
    verb = "keeps" if row.predicted_mos >= PASS_MOS else "gives"
    if row is best:
        ref = reference if reference is not None and reference is not row else None
        # One decimal, like the MOS table, unless that would hide the difference.
        nd = (
            2
            if ref is not None and format_mos(ref.predicted_mos) == format_mos(row.predicted_mos)
            else 1
        )
        text = f"{row.name} {verb} MOS {format_mos(row.predicted_mos, nd)} {at}"
        if ref is not None:
            drop = "fall to" if ref.predicted_mos < row.predicted_mos else "give"
            text += f"; {ref.name} would {drop} {format_mos(ref.predicted_mos, nd)}"
        return text + note
    delta = row.predicted_mos - best.predicted_mos
    return (
        f"{row.name} would give MOS {format_mos(row.predicted_mos)} "
        f"({delta:+.2f} against {best.name})" + note
    )


def predict_codecs(
    *,
    network_delay_ms: Figure,
    loss_pct: Figure,
    jitter_ms: Figure | None = None,
    burst_ratio: Figure | None = None,
    device_ms: Figure | None = None,
    available_kbps: float | None = None,
    candidates: Sequence[str] | None = None,
    gilbert_q: float | None = None,
    late_discard_pct: Figure | None = None,
    buffer_ms: Figure | None = None,
    buffer_packet_ms: float = 20.0,
    srtp: bool = True,
    reference: str | None = "g711-plc",
) -> tuple[CodecPrediction, ...]:
    """Rank the candidates by predicted MOS on the given network, best first.

    Candidates that do not fit ``available_kbps`` are ranked last with ``recommended`` False.
    Ties go to the smaller bandwidth. ``reference`` (a candidate key, e.g. the codec the call
    used) is named in the best row's reason for comparison ("G.711 would fall to 3.4").
    ``candidates`` are candidate keys (:data:`CANDIDATES`) or codec-table keys.
    """
    m = NetworkMeasurements(
        network_delay_ms=network_delay_ms,
        loss_pct=loss_pct,
        jitter_ms=jitter_ms,
        burst_ratio=burst_ratio,
        gilbert_q=gilbert_q,
        late_discard_pct=late_discard_pct,
        buffer_ms=buffer_ms,
        buffer_packet_ms=buffer_packet_ms,
        device_ms=device_ms,
        available_kbps=available_kbps,
        srtp=srtp,
    )
    return rank_candidates(m, candidates=candidates, reference=reference)


def _as_candidate(key: str) -> CodecCandidate:
    if key.strip().lower() in CANDIDATES_BY_KEY:
        return CANDIDATES_BY_KEY[key.strip().lower()]
    c = codec(key)  # raises UnknownCodecError
    return CodecCandidate(c.key, c.key, c.name)


def rank_candidates(
    m: NetworkMeasurements,
    *,
    candidates: Sequence[str] | None = None,
    reference: str | None = "g711-plc",
) -> tuple[CodecPrediction, ...]:
    """:func:`predict_codecs` over a :class:`NetworkMeasurements`."""
    cands = [_as_candidate(k) for k in candidates] if candidates is not None else list(CANDIDATES)
    if candidates is None and reference is not None:
        # The call's own codec (e.g. aiortc's Opus at 96 kbit/s) always has its row, so the
        # "current codec" line is the call's rating on the common scale, not a stand-in.
        ref_cand = _as_candidate(reference)
        if all(c.key != ref_cand.key for c in cands):
            cands.append(ref_cand)
    rows = [predict_candidate(cand, m) for cand in cands]
    rows.sort(key=lambda r: (not r.recommended, -round(r.predicted_mos, 6), r.bandwidth_kbps))
    if not rows:
        return ()
    best = rows[0]
    ref_row = next((r for r in rows if r.codec_key == reference), None)
    if ref_row is None and reference is not None:
        ref_row = predict_candidate(_as_candidate(reference), m)
    out = []
    for i, row in enumerate(rows, start=1):
        reason = _reason(row, best, ref_row, m)
        out.append(replace(row, reason=reason, rank=i))
    return tuple(out)


def best_recommended(rows: Sequence[CodecPrediction]) -> CodecPrediction | None:
    """The top row that fits the bandwidth, if any."""
    return next((r for r in rows if r.recommended), None)
