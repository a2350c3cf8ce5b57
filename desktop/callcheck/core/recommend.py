"""Codec recommendations: the MOS each candidate codec would give on the network measured.

For every candidate the E-model is evaluated with the measured one-way delay, jitter (through a
playout buffer sized for that jitter), loss and burstiness, with the candidate's own Ie/Bpl,
packet time and look-ahead, on the wideband scale where it applies. Candidates are ranked by
predicted MOS; one that does not fit the available bandwidth is marked and ranked last.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from callcheck.core.codecs import Codec, codec
from callcheck.core.quality import CallConditions, Figure, assess

#: The codecs a softphone can usually be switched to (issue: G.711 PLC, G.722, G.729A, Opus).
CANDIDATE_CODECS: Final = (
    "g711-plc",
    "g722",
    "g729a",
    "opus-12",
    "opus-16",
    "opus-24",
    "opus-32",
)

#: Per-packet header bytes on the wire: IPv4 20 + UDP 8 + RTP 12 (RFC 3550 §5.1).
IPV4_UDP_RTP_HEADER_BYTES: Final = 40
#: SRTP adds an 80-bit authentication tag (RFC 3711 §4.2, the default HMAC-SHA1-80).
SRTP_TAG_BYTES: Final = 10


def wire_bandwidth_kbps(c: Codec, *, srtp: bool = True) -> float:
    """One direction's IP bandwidth: payload plus IP/UDP/RTP (and SRTP) headers per packet."""
    packets_per_s = 1000.0 / c.packet_ms
    header = IPV4_UDP_RTP_HEADER_BYTES + (SRTP_TAG_BYTES if srtp else 0)
    return (c.payload_bytes_per_packet + header) * 8.0 * packets_per_s / 1000.0


@dataclass(frozen=True, slots=True)
class CodecPrediction:
    """What one codec would score on the measured network."""

    codec_key: str
    name: str
    predicted_mos: float
    r_factor: float
    scale: str
    bandwidth_kbps: float
    """Needed per direction on the wire, with SRTP."""
    fits_bandwidth: bool | None
    """False when it needs more than the available bandwidth; None when that is unknown."""
    reason: str


def predict_codecs(
    *,
    network_delay_ms: Figure,
    loss_pct: Figure,
    jitter_ms: Figure | None = None,
    burst_ratio: Figure | None = None,
    device_ms: Figure | None = None,
    available_kbps: float | None = None,
    candidates: tuple[str, ...] = CANDIDATE_CODECS,
) -> tuple[CodecPrediction, ...]:
    """Rank the candidate codecs by predicted MOS on the given network (best first)."""
    rows: list[CodecPrediction] = []
    for key in candidates:
        c = codec(key)
        result = assess(
            CallConditions(
                codec_key=key,
                network_delay_ms=network_delay_ms,
                loss_pct=loss_pct,
                jitter_ms=jitter_ms,
                burst_ratio=burst_ratio,
                device_ms=device_ms,
            )
        )
        bandwidth = wire_bandwidth_kbps(c)
        fits = None if available_kbps is None else bandwidth <= available_kbps
        rows.append(
            CodecPrediction(
                codec_key=key,
                name=c.name,
                predicted_mos=result.mos,
                r_factor=result.r_factor,
                scale=str(result.scale),
                bandwidth_kbps=bandwidth,
                fits_bandwidth=fits,
                reason="",
            )
        )
    rows.sort(key=lambda r: (r.fits_bandwidth is False, -r.predicted_mos))
    best = rows[0] if rows else None
    out: list[CodecPrediction] = []
    loss = loss_pct.value
    for row in rows:
        if row.fits_bandwidth is False:
            reason = (
                f"needs {row.bandwidth_kbps:.0f} kbit/s, more than the {available_kbps:.0f} "
                "kbit/s available"
            )
        elif row is best:
            reason = f"{row.name} gives the best predicted MOS {row.predicted_mos:.2f}"
            if loss > 0:
                reason += f" at the {loss:.1f} % loss measured"
        else:
            assert best is not None
            reason = (
                f"{row.name} would give MOS {row.predicted_mos:.2f} "
                f"({row.predicted_mos - best.predicted_mos:+.2f} against {best.name})"
            )
        out.append(
            CodecPrediction(
                codec_key=row.codec_key,
                name=row.name,
                predicted_mos=row.predicted_mos,
                r_factor=row.r_factor,
                scale=row.scale,
                bandwidth_kbps=row.bandwidth_kbps,
                fits_bandwidth=row.fits_bandwidth,
                reason=reason,
            )
        )
    return tuple(out)
