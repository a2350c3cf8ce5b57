"""What a test call hands out: live snapshots, the final result, and the failure.

Everything here is frozen (STYLE.md practice 3) and safe to pass from the engine thread to the
GUI or CLI thread. Directions are named from the user's side: **uplink** is what the user's
client sends (received by the far end), **downlink** what it receives.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from callcheck.core.packets import DirectionStats, Percentiles
from callcheck.core.playout import PlayoutStats
from callcheck.core.quality import QualityResult

Direction = Literal["uplink", "downlink"]

#: ``CallFailed.reason_code`` values.
ICE_NO_CANDIDATES: Final = "ice_no_candidates"
ICE_FAILED: Final = "ice_failed"
CONNECT_TIMEOUT: Final = "connect_timeout"
DTLS_FAILED: Final = "dtls_failed"
PEER_DISCONNECTED: Final = "peer_disconnected"
MEDIA_STOPPED: Final = "media_stopped"
ENGINE_ERROR: Final = "engine_error"
STOPPED: Final = "stopped"
# Server and peer modes (the connectivity diagnosis names the failing step).
SERVER_UNREACHABLE: Final = "server_unreachable"
"""No HTTP(S) answer: DNS, connection refused, TLS, timeout."""
TOKEN_REFUSED: Final = "token_refused"
"""The server answered 401: no token, or the wrong one."""
ROOM_NOT_FOUND: Final = "room_not_found"
"""No room with that code (mistyped, or expired)."""
ROOM_FULL: Final = "room_full"
"""The room already has two participants."""
SERVER_BUSY: Final = "server_busy"
"""The server is at its call or rate limit (503, 429)."""
SERVER_REJECTED: Final = "server_rejected"
"""Any other HTTP error from the server (a bad offer, a server bug)."""
BAD_ANSWER: Final = "bad_answer"
"""The server (or the other desktop) answered with an SDP this call cannot use."""
UDP_BLOCKED: Final = "udp_blocked"
"""The server answered over HTTP(S) but no UDP got through (ICE never connected)."""
PEER_NOT_JOINED: Final = "peer_not_joined"
"""Nobody joined the room in time."""
PEER_LEFT: Final = "peer_left"
"""The other participant left before the call connected."""


class CallFailed(Exception):  # noqa: N818  (the name the CLI and GUI use)
    """The test call could not run (the CLI exits 3).

    ``reason_code`` is one of the module constants; ``message`` says what happened and what to
    do, in words a helpdesk can read out.
    """

    def __init__(
        self, reason_code: str, message: str, *, details: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.reason_code = reason_code
        self.message = message
        self.details: Mapping[str, Any] | None = details
        """JSON-ready extra facts, e.g. ``{"connectivity": ...}`` (the diagnosis so far)."""

    def __str__(self) -> str:
        return f"{self.message} [{self.reason_code}]"


@dataclass(frozen=True, slots=True)
class EndedEarly:
    """Why a call that had connected stopped before its duration (the result is partial)."""

    reason_code: str
    """A :class:`CallFailed` reason code (``peer_disconnected``, ``media_stopped``)."""
    message: str
    """What happened, for the user."""
    at_s: float
    """Seconds after connecting."""


def worse_quality(*results: QualityResult | None) -> QualityResult | None:
    """The lower-rated of ``results`` (``None`` ones left out): the call's rating is its worse
    direction's, live and at the end."""
    rated = [r for r in results if r is not None]
    return min(rated, key=lambda r: r.mos) if rated else None


@dataclass(frozen=True, slots=True)
class DirectionSnapshot:
    """One direction of the call at one moment of a live test."""

    direction: Direction
    """``uplink`` (user → far end) or ``downlink``."""
    rtt_ms: float | None
    """Latest round-trip time: the data-channel echo, else raw RTCP; ``None`` before the first."""
    rtt_rtcp_ms: float | None
    """Latest raw RTCP round-trip time (every report block, unsmoothed)."""
    jitter_ms: float
    """RFC 3550 interarrival jitter (running estimate), ms."""
    loss_interval_pct: float
    """Packets lost in the last interval, % of expected."""
    loss_total_pct: float
    """Packets lost since the start, % of expected."""
    burst_ratio: float
    """G.107 BurstR of the loss pattern since the start (1 = random)."""
    playout_delay_ms: float
    """Current delay of the playout buffer."""
    late_discard_pct: float
    """Packets discarded because they came too late to play, % (since the start)."""
    concealed_pct: float
    """Frames played as concealment, % (since the start)."""
    interval: DirectionStats
    """Packet statistics of the last interval."""
    totals: DirectionStats
    """Packet statistics since the first packet."""
    playout: PlayoutStats
    """Playout buffer statistics since the start."""
    quality: QualityResult | None
    """E-model estimate for the listener of this direction over **the call so far** (totals,
    mean buffer, mean RTT: the figures the verdict is rated from, so it converges to it; see
    :mod:`callcheck.core.live_rating` for why not the last interval); ``None`` before there is
    enough to rate."""
    quality_recent: QualityResult | None = None
    """E-model estimate over the last second (:class:`~callcheck.core.live_rating.
    RecentWindow`, current buffer and RTT): recent trouble, at once; ``None`` before there is
    enough to rate."""


@dataclass(frozen=True, slots=True)
class LiveSnapshot:
    """The whole call at one moment; delivered ≥ 4 times a second."""

    elapsed_s: float
    """Seconds since the call connected."""
    duration_s: float
    """Planned length of the test."""
    uplink: DirectionSnapshot
    downlink: DirectionSnapshot
    quality: QualityResult | None
    """The worse direction's estimate over the call so far: what the gauge shows."""
    quality_recent: QualityResult | None = None
    """The worse direction's estimate over the last second: the gauge's minimum marker and the
    "recent" line of the MOS chart."""

    @property
    def progress(self) -> float:
        """0–1 share of the planned test done."""
        return min(1.0, self.elapsed_s / self.duration_s) if self.duration_s > 0 else 1.0


@dataclass(frozen=True, slots=True)
class DirectionResult:
    """One direction of a finished call: totals and every RTT sample."""

    direction: Direction
    totals: DirectionStats
    """Packet statistics of the whole call (stream finished: every gap settled)."""
    playout: PlayoutStats
    """Playout buffer statistics of the whole call."""
    rtt_ms: Percentiles | None
    """Round trip (data-channel echo, else raw RTCP) over the call; ``None`` if never measured."""
    rtt_echo_samples_ms: tuple[float, ...]
    """Every data-channel echo RTT, in order."""
    rtt_rtcp_samples_ms: tuple[float, ...]
    """Every raw RTCP RTT, in order."""
    packets_sent: int
    """RTP packets the sending side sent."""
    frames_decoded: int
    """20 ms frames decoded from received packets and played."""
    frames_concealed: int
    """20 ms frames played as concealment."""
    quality: QualityResult | None
    """E-model estimate from the totals."""
    measured_by: str = "loopback"
    """Who counted the packets: ``loopback``, ``client`` (this computer, receiving),
    ``reflector`` (the server's figures) or ``peer`` (the other desktop's figures)."""


@dataclass(frozen=True, slots=True)
class IceInfo:
    """How the media travelled."""

    local_candidate: str
    """Candidate type on the user's side: host, srflx, prflx or relay."""
    remote_candidate: str
    protocol: str
    """udp or tcp."""
    local_gathered: Mapping[str, int] = field(default_factory=dict)
    """Candidates this side gathered, per type (``{"host": 2, "relay": 1}``)."""
    remote_gathered: Mapping[str, int] = field(default_factory=dict)
    """Candidates the far end offered, per type."""
    relay_protocol: str | None = None
    """How this side reached its TURN server (udp, tcp, tls) when a relay carried the media."""
    relay_forced: bool = False
    """Relay-only was asked for (``--force-relay``)."""

    @property
    def relay_used(self) -> bool:
        """A TURN relay carried the media."""
        return "relay" in (self.local_candidate, self.remote_candidate)

    @property
    def relay_needed(self) -> bool:
        """A relay carried the media although a direct path was allowed: none worked."""
        return self.relay_used and not self.relay_forced


@dataclass(frozen=True, slots=True)
class CallResult:
    """Everything a finished (or cut-short) test call measured."""

    mode: str
    """``loopback``, ``server`` or ``peer``."""
    codec: str
    """Engine codec name: opus, g722, pcmu or pcma."""
    started_at: datetime.datetime
    """Wall-clock start (UTC), for the report."""
    connect_ms: float
    """From start to both peers connected."""
    duration_s: float
    """Measured length, connected to end."""
    planned_duration_s: float
    uplink: DirectionResult
    downlink: DirectionResult
    quality: QualityResult | None
    """The worse direction's estimate from the totals."""
    ice: IceInfo
    impairment: str | None
    """The ``--impair`` spec applied, if any."""
    timeline: tuple[LiveSnapshot, ...] = field(repr=False)
    """Every live snapshot delivered, in order."""
    ended_early: EndedEarly | None = None
    """Set when the call stopped before its duration: the figures cover what was measured."""
    connectivity: Mapping[str, Any] | None = None
    """The connectivity diagnosis (server and peer modes), JSON-ready; ``None`` in loopback."""
    far_end: Mapping[str, Any] = field(default_factory=dict)
    """What the far end said about itself (the reflector's ``hello``: version, reflection)."""

    @property
    def partial(self) -> bool:
        """The call ended early; the result covers only part of the planned test."""
        return self.ended_early is not None
