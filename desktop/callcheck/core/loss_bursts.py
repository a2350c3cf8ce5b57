"""Loss burstiness: a 2-state Markov (Gilbert) model fitted to a received/lost trace.

The E-model's packet-loss term (ITU-T G.107 §3.5 in the 03/2005 edition, §7.5 in later editions,
``Ie,eff = Ie + (95 − Ie)·Ppl / (Ppl/BurstR + Bpl)``) needs the burst ratio *BurstR*: the average
length of the observed loss bursts divided by the average burst length expected for random
(Bernoulli) loss at the same loss rate. For loss that follows a 2-state Markov model with
``p = P(found → lost)`` and ``q = P(lost → found)``, G.107 gives ``BurstR = 1 / (p + q)``:
1 for random loss (where ``q = 1 − p``), above 1 for bursty loss.

The burst and gap run lengths here are the Gmin = 1 case of the RFC 3611 §4.7.2 burst/gap
metrics: a burst is a run of consecutive lost packets, a gap a run of consecutive received ones.
The transition counts are the two-state reduction of the RFC 3611 Appendix A.2 Markov counters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["LossBurstStats", "LossBurstTracker"]


@dataclass(frozen=True, slots=True)
class LossBurstStats:
    """Gilbert-model summary of a loss trace in sequence order."""

    #: Gilbert ``p``: probability that the packet after a received one is lost
    #: (0.0 when no packet was lost).
    p: float
    #: Gilbert ``q``: probability that the packet after a lost one is received
    #: (1.0 when no packet was lost; ``1/mean_burst_packets`` when no burst was seen to end).
    q: float
    #: Mean number of consecutive lost packets per loss burst (0.0 without loss).
    mean_burst_packets: float
    #: Mean number of consecutive received packets per gap between bursts (0.0 if none).
    mean_gap_packets: float
    #: ITU-T G.107 burst ratio ``1/(p + q)``: 1.0 for random loss and when nothing was lost,
    #: above 1 for bursty loss. Not clamped: anti-bursty loss (lost packets isolated more
    #: regularly than chance) gives a value below 1.
    burst_ratio: float
    #: Number of loss bursts (runs of consecutive lost packets).
    loss_events: int
    #: Packets in the trace.
    packets: int = 0
    #: Lost packets in the trace.
    packets_lost: int = 0


class LossBurstTracker:
    """Fits the Gilbert model online from a 0/1 (received/lost) trace in sequence order.

    Memory is constant: only transition and run counters are kept, so it is fit for
    hour-long streams. Feed it packets strictly in sequence-number order (the
    :class:`~callcheck.core.packets.StreamStatistics` does so as sequence numbers settle).
    """

    __slots__ = (
        "_found_to_found",
        "_found_to_lost",
        "_gaps",
        "_loss_events",
        "_lost",
        "_lost_to_found",
        "_lost_to_lost",
        "_packets",
        "_previous_lost",
    )

    def __init__(self) -> None:
        """Start with an empty trace."""
        self._packets = 0
        self._lost = 0
        self._loss_events = 0
        self._gaps = 0
        self._found_to_found = 0
        self._found_to_lost = 0
        self._lost_to_found = 0
        self._lost_to_lost = 0
        self._previous_lost: bool | None = None

    def add(self, lost: bool) -> None:
        """Append the next packet of the trace: ``True`` if it was lost, ``False`` if received."""
        previous = self._previous_lost
        self._packets += 1
        if lost:
            self._lost += 1
            if previous is None or not previous:
                self._loss_events += 1
        elif previous is None or previous:
            self._gaps += 1
        if previous is not None:
            if previous:
                if lost:
                    self._lost_to_lost += 1
                else:
                    self._lost_to_found += 1
            elif lost:
                self._found_to_lost += 1
            else:
                self._found_to_found += 1
        self._previous_lost = lost

    def extend(self, losses: Iterable[bool]) -> None:
        """Append several packets in sequence order (see :meth:`add`)."""
        for lost in losses:
            self.add(lost)

    @property
    def packets(self) -> int:
        """Number of packets fed so far."""
        return self._packets

    def stats(self) -> LossBurstStats:
        """Return the Gilbert fit of the trace so far.

        ``p`` and ``q`` are the maximum-likelihood estimates of a first-order Markov chain:
        transition counts divided by the number of transitions leaving each state.
        """
        if self._lost == 0:
            return LossBurstStats(
                p=0.0,
                q=1.0,
                mean_burst_packets=0.0,
                mean_gap_packets=float(self._packets) if self._packets else 0.0,
                burst_ratio=1.0,
                loss_events=0,
                packets=self._packets,
                packets_lost=0,
            )
        mean_burst = self._lost / self._loss_events
        found = self._packets - self._lost
        mean_gap = found / self._gaps if self._gaps else 0.0
        leaving_found = self._found_to_found + self._found_to_lost
        leaving_lost = self._lost_to_found + self._lost_to_lost
        # A trace that never left a state gives no transition to count; fall back on the
        # run-length identities of the Markov chain (mean run length = 1 / leaving probability).
        p = self._found_to_lost / leaving_found if leaving_found else 0.0
        q = self._lost_to_found / leaving_lost if leaving_lost else 1.0 / mean_burst
        total = p + q
        # G.107 §3.5 (03/2005; §7.5 later): BurstR = 1/(p + q) for a 2-state Markov model.
        burst_ratio = 1.0 / total if total > 0.0 else 1.0
        return LossBurstStats(
            p=p,
            q=q,
            mean_burst_packets=mean_burst,
            mean_gap_packets=mean_gap,
            burst_ratio=burst_ratio,
            loss_events=self._loss_events,
            packets=self._packets,
            packets_lost=self._lost,
        )
