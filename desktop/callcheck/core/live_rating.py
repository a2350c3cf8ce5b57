"""What the live gauge rates: the call so far for the value, the last second for recent trouble.

Why not the last interval (issue 12, item 1): a loss *rate* needs many packets. With ``n``
packets at a true random loss ``p`` the estimate's standard deviation is ``√(p(1−p)/n)``
(binomial). The E-model's Ie,eff (G.107 §7.7) turns a loss error ``δ`` into a MOS error, so
for the MOS to stay within ±0.15 of the truth 95 % of the time, ``1.96·√(p(1−p)/n) ≤ δ``,
where ``δ`` is the loss change that moves the MOS by 0.15. Worked out with
:func:`callcheck.core.quality.assess` (Opus, 20 ms one-way delay, 40 ms buffer, random loss):

=========  ===========  =====================  ===================  ==================
loss p     MOS          δ for ΔMOS = 0.15      packets needed (95%)  at 50 packets/s
=========  ===========  =====================  ===================  ==================
1 %        4.39         1.0 %                  ≈ 380                ≈ 8 s
2 %        4.29         1.25 %                 ≈ 480                ≈ 10 s
3 %        4.17         1.2 %                  ≈ 800                ≈ 16 s
5 %        3.91         1.15 %                 ≈ 1360               ≈ 27 s
10 %       3.30         1.3 %                  ≈ 2000               ≈ 40 s
=========  ===========  =====================  ===================  ==================

(G.711 with PLC needs about three quarters of these.) A 250 ms interval holds ~12 packets: one
lost packet is 8 % and the gauge swung from Bad to Excellent on a steady 3 % network. Even a
10 s window is too short at 5 % loss, so the gauge rates **the call so far** — the same
figures, computed the same way, as the final verdict, which it therefore converges to — and
is updated at every snapshot (4 times a second).

The price of a long window is that a short outage hardly moves it. So recent trouble is a
trace of its own: :class:`RecentWindow` rates the last :data:`RECENT_WINDOW_MS` (the gauge's
minimum marker and the "recent" line of the MOS chart). It cannot wait for sequence numbers:
a gap is settled as lost only 64 packets later (1.3 s, the reorder window of
:class:`~callcheck.core.packets.StreamStatistics`), and during an outage nothing arrives to
show a gap at all. So it counts by time: the packets the window's length says should have
arrived, less those that did, less a slack of :data:`RECENT_SLACK_PACKETS` for jitter moving
packets across its edges. A 1 s outage shows within one snapshot, and shows once (settled
losses are not added again when they settle later). It is a trouble detector, not a loss
estimate: up to two packets missing in a second (random loss below ~4 %) do not register —
the gauge's own value, over the call so far, carries those.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from typing import Final

from callcheck.core.packets import DirectionStats

__all__ = [
    "PACKET_INTERVAL_MS",
    "RECENT_SLACK_PACKETS",
    "RECENT_WINDOW_MS",
    "RecentWindow",
]

#: The span of the recent-trouble trace: long enough that one lost packet is 2 %, short enough
#: that a 1 s outage fills a quarter of it within 250 ms.
RECENT_WINDOW_MS: Final = 1000.0
#: aiortc sends one audio packet every 20 ms (its fixed ptime) in every codec.
PACKET_INTERVAL_MS: Final = 20.0
#: Packets that may be "missing" from a window only because jitter moved them across its edges
#: (a 20 ± 10 ms jitter shifts an edge by at most ~1.5 packets).
RECENT_SLACK_PACKETS: Final = 2


class RecentWindow:
    """Cumulative packet counts of one direction over time; the counts of the last window.

    Feed :meth:`add` with the direction's totals (since the first packet) at each snapshot;
    :meth:`window` returns statistics whose counts cover the last ``window_ms``. Counts come
    from differences of totals, so a direction measured far away (the reflector's figures) is
    handled like one measured here.
    """

    def __init__(
        self,
        window_ms: float = RECENT_WINDOW_MS,
        *,
        packet_interval_ms: float = PACKET_INTERVAL_MS,
        slack_packets: int = RECENT_SLACK_PACKETS,
    ) -> None:
        """An empty window of ``window_ms``; packets expected every ``packet_interval_ms``."""
        if window_ms <= 0 or packet_interval_ms <= 0:
            raise ValueError("the window and the packet interval must be positive")
        self._window_ms = window_ms
        self._packet_interval_ms = packet_interval_ms
        self._slack = slack_packets
        self._points: deque[tuple[float, DirectionStats]] = deque()

    def add(self, t_ms: float, totals: DirectionStats) -> None:
        """Record the direction's totals as they were at ``t_ms`` (non-decreasing times).

        Points before the first packet are not kept: the time before the stream began is not
        an outage.
        """
        if totals.packets_received == 0:
            return
        self._points.append((t_ms, totals))
        # Keep one point at or before the window's start, to difference against.
        while len(self._points) > 2 and self._points[1][0] <= t_ms - self._window_ms:
            self._points.popleft()

    def window(self) -> DirectionStats | None:
        """The latest totals with the counts and loss of the last window; ``None`` before two
        points exist or while nothing was ever received.

        ``packets_lost`` is the packets the window's length says should have arrived and did
        not, beyond :data:`RECENT_SLACK_PACKETS` (module docstring). The jitter is the running
        RFC 3550 estimate (it forgets within ~16 packets); delay and burst figures stay those
        of the totals.
        """
        if len(self._points) < 2:
            return None
        t0, first = self._points[0]
        t1, last = self._points[-1]
        if last.packets_expected == 0:
            return None
        received = max(0, last.packets_received - first.packets_received)
        by_time = int((t1 - t0) / self._packet_interval_ms)
        lost = max(0, by_time - received - self._slack)
        expected = received + lost
        loss_pct = 100.0 * lost / expected if expected else 0.0
        return dataclasses.replace(
            last,
            packets_expected=expected,
            packets_received=received,
            packets_lost=lost,
            loss_pct=loss_pct,
            duplicates=max(0, last.duplicates - first.duplicates),
            reordered=max(0, last.reordered - first.reordered),
            too_late=max(0, last.too_late - first.too_late),
            bytes_received=max(0, last.bytes_received - first.bytes_received),
            start_ms=first.end_ms,
        )
