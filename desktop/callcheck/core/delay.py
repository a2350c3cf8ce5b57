"""Mouth-to-ear delay Ta: one definition, and the one estimate of the playout wait from jitter.

**Ta** (G.107 §7.4, "absolute delay in echo-free connections") is how long a sound takes from
the talker's mouth to the listener's ear. CallCheck defines it once, here::

    Ta = mean one-way network delay + mean playout wait + packetization + look-ahead + device

where the *playout wait* of a frame is ``playout time − arrival time``: how long the played
frame sat in the receiver's playout buffer (including the phase of the playout clock). The
first two terms are the mean, over played frames, of ``playout time − send time``; with the
codec's and the device's fixed shares this is exactly the mean mouth-to-ear delay of the frames
the listener heard.

Why not "network delay + buffer delay": the playout buffer reports its delay *above the fastest
recent packet* (:mod:`callcheck.core.playout`); adding that to the *mean* one-way delay counts
the jitter twice — once in the mean's excess over the fastest packet, once in the buffer's hold
(on normal jitter of σ 10–20 ms, some 20–50 ms too much; see ``tests/core/test_delay.py``).
Either both terms are taken from the fastest packet, or both are means. CallCheck uses means:
a round trip halved (the only delay figure of a server-mode call) is a mean.

**Playout wait from jitter** (for predictions only — a call's own rating uses the wait its
buffer measured): the adaptive buffer targets the 97th percentile of recent transit above its
minimum plus a 5 ms margin (``PlayoutConfig``) and moves in whole packets. For Gaussian transit
of deviation σ the RFC 3550 jitter J (the mean |D|, D the difference of two transits of
deviation σ√2) is 2σ/√π ≈ 1.13σ, the 97th percentile lies 1.88σ ≈ 1.67 J above the mean, so
the frames wait on average about 1.67 J + the margin beyond the mean transit, plus half a
packet for the whole-packet steps of the buffer and the playout clock's phase::

    wait ≈ 1.7 · J + 5 ms + packet / 2,   at least one packet

Coverage: the estimate puts the playout point at the mean transit + the wait, which covers the
97th percentile of transit of Gaussian and uniform jitter; on synthetic traces it is within
half a packet plus the margin (15 ms), or a quarter, of the playout buffer simulation's mean
wait (``tests/core/test_delay.py``; large Gaussian jitter runs higher in the simulation, whose
buffer holds a late packet's delay for 2 s; jitter wider than the packet interval reorders
packets, which raises J, and the estimate runs high — on the safe side). It cannot see slow
delay shifts (bursty jitter: a route change, a queue that fills for seconds), which barely move
RFC 3550's J: there it *under*-estimates the wait, and a call's own measured wait must be used.
"""

from __future__ import annotations

import math
from typing import Final

#: Playout wait per RFC 3550 jitter: the 97th percentile of Gaussian transit above its mean,
#: 1.88 σ, in jitters of 1.13 σ (module documentation).
WAIT_PER_JITTER: Final = 1.7
#: The adaptive buffer's safety margin (``PlayoutConfig.margin_ms``).
WAIT_MARGIN_MS: Final = 5.0
#: Percentile of transit the estimated playout point covers (module documentation).
WAIT_COVERS_PERCENTILE: Final = 97.0


def mouth_to_ear_ms(
    *,
    network_delay_ms: float,
    playout_wait_ms: float,
    coding_delay_ms: float,
    device_ms: float = 0.0,
) -> float:
    """Ta: mean one-way network delay + mean playout wait + codec's share + audio device.

    ``network_delay_ms`` is the *mean* one-way transit (or RTT / 2); ``playout_wait_ms`` the
    mean ``playout − arrival`` of played frames (never the buffer's hold above the fastest
    packet, which would count the jitter twice); ``coding_delay_ms`` packetization plus
    look-ahead; ``device_ms`` capture plus playback latency of the audio devices.
    """
    parts = (network_delay_ms, playout_wait_ms, coding_delay_ms, device_ms)
    if any(not math.isfinite(p) or p < 0.0 for p in parts):
        raise ValueError(f"delays must be finite and non-negative, got {parts!r}")
    return network_delay_ms + playout_wait_ms + coding_delay_ms + device_ms


def estimate_playout_wait_ms(jitter_ms: float, packet_ms: float) -> float:
    """The mean playout wait an adaptive buffer needs for this RFC 3550 jitter (estimate).

    ``1.7 · J + 5 ms + packet / 2``, at least one packet: the playout point covers the 97th
    percentile of Gaussian or uniform transit (module documentation). For predictions only.
    """
    if packet_ms <= 0.0 or not math.isfinite(packet_ms):
        raise ValueError("need a positive packet time")
    if not math.isfinite(jitter_ms) or jitter_ms < 0.0:
        raise ValueError("need a finite, non-negative jitter")
    return max(packet_ms, WAIT_PER_JITTER * jitter_ms + WAIT_MARGIN_MS + packet_ms / 2.0)
