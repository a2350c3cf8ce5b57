"""The WHIP reflector: each client's audio is sent straight back, and its uplink is measured.

Reflection
==========
Mode ``"encoded"``: the RTP *payloads* the client sends are sent back as they are — no decoding,
no re-encoding, so the return leg is not a second codec generation and costs almost no CPU. The
answer negotiates exactly one audio codec (the first one the offer lists that aiortc supports),
so what comes in can go out under the same payload type.

The aiortc 1.16 hooks (per peer connection instance, never on aiortc's classes), checked by
:func:`check_aiortc_internals` at every call set-up and by ``tests/server/test_aiortc_hooks.py``:

===========================================  ==================================================
hook                                         purpose
===========================================  ==================================================
``RTCRtpReceiver._handle_rtp_packet``        every incoming RTP packet: tapped into a
(instance attribute wrapped)                 :class:`~callcheck.core.packets.StreamStatistics`
                                             and reflected at once (:class:`ReturnStream`),
                                             then handed on to aiortc (its RTCP receiver
                                             reports keep flowing)
``RTCRtpReceiver.__jitter_buffer``           replaced by one that keeps nothing, so aiortc's
(replaced)                                   decoder thread never decodes what nobody plays
``RTCDtlsTransport._send_rtp`` and the       the reflected packet is SRTP-protected and sent by
sender's SSRC, MID, header-extension map     the transport from the receive hook; the sender's
and RTCP counters (read / kept up to date)   SR counters are kept as its own loop keeps them
                                             (its track never yields: :class:`_IdleTrack`)
``aioice.Connection.data_received``,         when each data-channel datagram reached the
``RTCIceTransport._recv`` and                server (its kernel's stamp, read on the socket of
``RTCSctpTransport._handle_data``,           ``aioice.Connection._nominated``) and when the
``RTCSctpTransport._send_chunk`` (wrapped)   echo's left: the held RTT echo says how long the
                                             server held the ping
                                             (:mod:`callcheck.engine.arrivals`)
===========================================  ==================================================

Why at the transport: aiortc's track → sender → encoder path costs a queue, a task wake-up and
an ``av.Packet`` per packet; measured with ``tests/benchmarks/reflector_load.py`` under cProfile
it was a third of the server's CPU per call.

The sender keeps its own SSRC and sequence numbers (a packet lost on the uplink is not a gap on
the downlink, so the client counts each direction's loss separately) and its own RTCP sender
reports, so the client's RTCP round trip works as with any peer.

Uplink figures on the data channel
==================================
A client that opens a data channel (any label; CallCheck uses ``callcheck-rtt``, unordered with
no retransmissions) gets JSON text messages on it. Schema version 1; every message has ``type``
and ``v``; times are the server's monotonic clock in ms (only differences are meaningful):

``hello`` (when the channel opens)
    ``{"type": "hello", "v": 1, "server": "callcheck", "version": "0.1.0", "session": ID,
    "reflection": "encoded", "codec": "opus/48000", "interval_ms": 500}``
``uplink`` (every ``interval_ms``)
    ``{"type": "uplink", "v": 1, "seq": N, "t_ms": T, "reflection": "encoded",
    "interval": FIGURES, "total": FIGURES, "reflected_packets": N, "reflect_dropped": N,
    "reflect_delay_ms": {"mean", "p50", "p95", "max"}}`` — ``interval`` covers the time since the
    previous message, ``total`` the call so far. ``FIGURES`` is the server's receive side of the
    uplink from per-packet taps (:class:`~callcheck.core.packets.DirectionStats`):
    ``duration_ms``, ``packets_expected``, ``packets_received``, ``packets_lost``,
    ``loss_pct`` (0–100), ``duplicates``, ``reordered``, ``too_late``, ``jitter_ms`` (RFC 3550
    A.8, float), ``pdv_ms`` (``mean``/``p50``/``p95``/``max`` of transit minus its minimum),
    ``burst_ratio`` (G.107 BurstR), ``loss_bursts``, ``mean_burst_packets``,
    ``mean_gap_packets``, ``gilbert_p``, ``gilbert_q``, ``bytes_received``.
``pong`` (answer to a ping)
    A text message ``{"type": "ping", "t": X, ...}`` is answered at once with the same object,
    ``type`` set to ``"pong"`` and ``server_ms`` added. A binary 13-byte CallCheck RTT probe
    ping (``b"P"`` + uint32 + float64, see ``callcheck.engine.rtt_probe``) is echoed with the
    first byte ``b"E"``; when the ping's number has its top bit set (a client that reads held
    echoes) the echo also carries, as a float64, how long the server held the ping in ms — from
    the datagram reaching the server (its kernel's receive stamp on Linux, else aioice) to the
    echo's datagram leaving (:mod:`callcheck.engine.arrivals`) — and the client subtracts it
    from the RTT, as RTCP subtracts its DLSR. Other pings (older desktops) get the plain
    13-byte echo they read.
``end`` (the server ends the call: ``max_session``, ``media_timeout``, ``server_shutdown``)
    ``{"type": "end", "v": 1, "reason": R, "total": FIGURES}``

Remote candidates: the reflector never sends to an address an offer merely names
=================================================================================
An offer is only text: anyone who can POST one could name any address and port and, with a full
ICE agent, make the server send connectivity checks there (a port scanner and an amplifier:
250 named ports once drew 1466 STUN packets from one 31 KB POST). Media servers avoid this by
being ICE-lite (RFC 8445 §2.5: they answer checks and never start them). aiortc/aioice have no
ICE-lite mode, so the reflector gets the same property this way:

1. **The offer's candidates are checked, then dropped.** At most
   :data:`MAX_REMOTE_CANDIDATES` distinct candidates (a browser or aiortc sends a handful), of
   type ``host``/``srflx``/``prflx``/``relay``, on UDP or TCP, at an IP literal or an mDNS
   ``.local`` name (RFC 8838 §14 / draft-ietf-mmusic-mdns-ice-candidates). Multicast,
   unspecified, broadcast, reserved and link-local addresses are refused, and loopback too
   unless the reflector itself gathers on loopback (``ice_host_addresses``: a test set-up).
   A violation is a ``400`` saying which candidate. Then every ``a=candidate`` and
   ``a=end-of-candidates`` line is removed before ``setRemoteDescription``: aioice has no
   remote candidate to check, and keeps waiting for the client's checks.
2. **The client's checks teach the address** (peer-reflexive candidates, RFC 8445 §7.3.1.3).
   A check is accepted only with the answer's ICE password (MESSAGE-INTEGRITY, RFC 8489 §9.1.3),
   which only the HTTP client received; aioice answers it and sends its triggered check
   (§7.3.1.4) back to where it came from, and media follow the nominated pair only.
3. **Checks are counted and capped.** At most :data:`MAX_CHECKS_PER_SESSION` checks are started
   per session (each retransmits at most as aioice's STUN timer allows); more are refused and
   counted (``callcheck_stun_checks_refused_total``). A spoofed-source client can make the
   server answer at most that many times to a third party.
4. **An offer that never connects gives its slot back quickly.** A session whose first valid
   check has not arrived ``first_check_timeout_s`` (5 s) after the answer ends
   (``first_check_timeout``); sessions waiting for their first check are the gauge
   ``callcheck_pending_calls``.

Lifetime
========
A session ends on ``DELETE`` (``hangup``), after ``max_session_s`` (``max_session``), when no
valid ICE check arrived within ``first_check_timeout_s`` (``first_check_timeout``), when ICE has
not connected within ``ice_connect_timeout_s`` (``ice_timeout``), when ICE/DTLS fails
(``ice_failed``) or the client closes its side (``peer_closed``), when no RTP arrived for
``media_timeout_s`` (``media_timeout``: the client vanished without hanging up), or at shutdown.
Every path goes through :meth:`ReflectorSession.close`, which closes the peer connection and
unregisters the session.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.metadata
import inspect
import ipaddress
import json
import logging
import re
import secrets
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Final

import av
from aiortc import MediaStreamTrack, RTCPeerConnection, RTCRtpSender, RTCSessionDescription
from aiortc.jitterbuffer import JitterBuffer
from aiortc.mediastreams import MediaStreamError
from aiortc.rtp import RtpPacket
from aiortc.sdp import SessionDescription

from callcheck import __version__
from callcheck.core.packets import (
    DirectionStats,
    Histogram,
    Percentiles,
    StreamStatistics,
    extend_rtp_timestamp,
)
from callcheck.engine.arrivals import ArrivalStamps
from callcheck.engine.far_end import figures_json
from callcheck.engine.loop import now_ms
from callcheck.engine.rtt_probe import WireStamps
from callcheck.engine.taps import packet_record
from callcheck.server.config import ServerConfig
from callcheck.server.ice import host_addresses, rtc_configuration
from callcheck.server.metrics import ServerMetrics

__all__ = [
    "AIORTC_TESTED",
    "DATA_CHANNEL_SCHEMA_VERSION",
    "MAX_CHECKS_PER_SESSION",
    "MAX_REMOTE_CANDIDATES",
    "REFLECTION_MODE",
    "AiortcHookError",
    "OfferError",
    "OfferSummary",
    "OverCapacityError",
    "Reflector",
    "ReflectorSession",
    "ReturnStream",
    "check_aiortc_internals",
    "check_remote_candidates",
    "direction_figures",
    "inspect_offer",
    "strip_remote_candidates",
]

logger = logging.getLogger(__name__)

#: How the media goes back: the client's encoded RTP payloads, unchanged.
REFLECTION_MODE: Final = "encoded"
#: Version of the data-channel message schema (module docstring).
DATA_CHANNEL_SCHEMA_VERSION: Final = 1
#: aiortc versions whose internals the hooks were written against.
AIORTC_TESTED: Final = ("1.16",)
#: Reorder window of the uplink statistics (as the engine's).
REORDER_WINDOW_PACKETS: Final = 64
#: Bin width of the reflect-delay histogram, ms.
REFLECT_DELAY_BIN_MS: Final = 0.01
#: Largest text message accepted on the data channel.
MAX_CHANNEL_MESSAGE_BYTES: Final = 4096
#: Data channels per session at most (one is the norm).
MAX_CHANNELS: Final = 4
#: How often a session checks its timeouts, s.
WATCH_INTERVAL_S: Final = 0.5
#: Time allowed for a peer connection to close.
CLOSE_TIMEOUT_S: Final = 5.0
#: Distinct remote candidates an offer may name (a real client sends a handful).
MAX_REMOTE_CANDIDATES: Final = 20
#: Candidate types a client may offer (RFC 8445 §5.1.1).
ALLOWED_CANDIDATE_TYPES: Final = frozenset({"host", "srflx", "prflx", "relay"})
#: Connectivity checks the server starts per session at most (triggered checks, RFC 8445
#: §7.3.1.4, to addresses learnt from the client's own authenticated checks).
MAX_CHECKS_PER_SESSION: Final = 20
_CANDIDATE_LINE: Final = re.compile(r"^a=(candidate:|end-of-candidates)", re.IGNORECASE)


class OfferError(ValueError):
    """The SDP offer cannot be answered; the message tells the client what to fix (HTTP 400)."""


class OverCapacityError(RuntimeError):
    """The reflector runs its maximum number of calls (HTTP 503)."""


class AiortcHookError(RuntimeError):
    """aiortc's internals are not what the reflector's hooks expect (untested aiortc)."""


# ------------------------------------------------------------------------------ the offer


@dataclass(frozen=True, slots=True)
class OfferSummary:
    """What the reflector needs to know about an offer before answering it."""

    codec_mime: str
    """MIME type of the audio codec the answer will use (``audio/opus`` …)."""
    clock_rate_hz: int
    """RTP clock rate of that codec."""
    client_sends: bool
    """The client sends audio (``sendrecv``/``sendonly``)."""
    client_receives: bool
    """The client wants audio back (``sendrecv``/``recvonly``)."""
    data_channel: bool
    """The offer has an ``application`` (data channel) section."""


def inspect_offer(sdp: str) -> OfferSummary:
    """Check that ``sdp`` is an offer the reflector can answer; raise :class:`OfferError`.

    aiortc's SDP parser is lenient (it accepts an empty string) and fails with assorted
    exceptions; this turns everything into one clear error.
    """
    if not sdp.lstrip().startswith("v=0"):
        raise OfferError("the body is not an SDP offer (it must start with 'v=0')")
    try:
        description = SessionDescription.parse(sdp)
    except Exception as exc:  # aiortc raises AssertionError, ValueError, IndexError …
        raise OfferError(f"the SDP offer could not be parsed ({type(exc).__name__})") from exc
    audio = [m for m in description.media if m.kind == "audio"]
    others = sorted({m.kind for m in description.media} - {"audio", "application"})
    if others:
        raise OfferError(
            f"the reflector only handles audio (and a data channel); remove the "
            f"{', '.join(others)} section(s) from the offer"
        )
    if len(audio) != 1:
        raise OfferError(f"the offer must have exactly one audio section (it has {len(audio)})")
    if sum(1 for m in description.media if m.kind == "application") > 1:
        raise OfferError("the offer has more than one data channel section")
    media = audio[0]
    direction = media.direction or "sendrecv"
    if direction not in ("sendrecv", "sendonly"):
        raise OfferError(
            f"the offer's audio is {direction}: the client must send audio to have it reflected"
        )
    # aiortc's parser copies session-level ice/fingerprint attributes into each media section.
    if media.ice is None or not media.ice.usernameFragment or not media.ice.password:
        raise OfferError("the offer has no ICE credentials (a=ice-ufrag / a=ice-pwd)")
    if media.dtls is None or not media.dtls.fingerprints:
        raise OfferError("the offer has no DTLS fingerprint (a=fingerprint)")
    supported = RTCRtpSender.getCapabilities("audio").codecs
    for offered in media.rtp.codecs:
        for capability in supported:
            if (
                capability.mimeType.lower() == offered.mimeType.lower()
                and capability.clockRate == offered.clockRate
                and not capability.mimeType.lower().endswith("/rtx")
            ):
                return OfferSummary(
                    codec_mime=capability.mimeType,
                    clock_rate_hz=int(capability.clockRate),
                    client_sends=True,
                    client_receives=direction == "sendrecv",
                    data_channel=any(m.kind == "application" for m in description.media),
                )
    offered_names = ", ".join(c.mimeType for c in media.rtp.codecs) or "none"
    raise OfferError(
        f"no common audio codec: the offer has {offered_names}; the reflector supports "
        + ", ".join(c.mimeType for c in supported if not c.mimeType.lower().endswith("/rtx"))
    )


def _address_problem(host: str, *, allow_loopback: bool) -> str | None:
    if host.lower().endswith(".local"):
        return None  # an mDNS name (RFC 8838 §14): resolved, if at all, by the client's checks
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "is not an IP address (only IP literals and mDNS .local names are accepted)"
    if address.is_multicast:
        return "is a multicast address"
    if address.is_unspecified:
        return "is the unspecified address"
    if address.is_link_local:
        return "is a link-local address"
    if address.is_loopback:
        return None if allow_loopback else "is a loopback address"
    if isinstance(address, ipaddress.IPv4Address) and (
        address.is_reserved or address == ipaddress.IPv4Address("255.255.255.255")
    ):
        return "is a reserved or broadcast address"
    return None


def check_remote_candidates(sdp: str, *, allow_loopback: bool) -> int:
    """Check the candidates an offer names; returns how many distinct ones; raises
    :class:`OfferError` for one that no real client would send (module docstring, rule 1).

    The candidates are only checked: the reflector never sends to them
    (:func:`strip_remote_candidates`).
    """
    description = SessionDescription.parse(sdp)
    seen: set[tuple[str, str, int]] = set()
    for media in description.media:
        for candidate in media.ice_candidates:
            where = f"candidate {candidate.ip} {candidate.port} ({candidate.type})"
            if candidate.type not in ALLOWED_CANDIDATE_TYPES:
                raise OfferError(f"{where}: type {candidate.type!r} is not host/srflx/relay")
            protocol = (candidate.protocol or "").lower()
            if protocol not in ("udp", "tcp"):
                raise OfferError(f"{where}: transport {candidate.protocol!r} is not UDP or TCP")
            if not 0 < candidate.port <= 65535:
                raise OfferError(f"{where}: port {candidate.port} is out of range")
            problem = _address_problem(candidate.ip, allow_loopback=allow_loopback)
            if problem is not None:
                raise OfferError(f"{where}: the address {problem}")
            seen.add((protocol, candidate.ip.lower(), candidate.port))
            if len(seen) > MAX_REMOTE_CANDIDATES:
                raise OfferError(
                    f"the offer names more than {MAX_REMOTE_CANDIDATES} ICE candidates; "
                    "a client needs only a few"
                )
    return len(seen)


def strip_remote_candidates(sdp: str) -> str:
    """``sdp`` without its ``a=candidate`` and ``a=end-of-candidates`` lines.

    With no remote candidate and no end-of-candidates, aioice starts no check of its own and
    waits for the client's checks (module docstring, rule 2).
    """
    lines = sdp.splitlines()
    return "\r\n".join(line for line in lines if not _CANDIDATE_LINE.match(line)) + "\r\n"


# ------------------------------------------------------------------------------ aiortc hooks


class _DiscardingJitterBuffer:
    """Stands in for aiortc's audio ``JitterBuffer``: keeps nothing, so nothing is decoded."""

    capacity = 16

    def add(self, packet: object) -> tuple[bool, None]:
        return False, None


def aiortc_version() -> str:
    """The installed aiortc version."""
    return importlib.metadata.version("aiortc")


#: The private ``RTCRtpSender`` members :class:`ReturnStream` reads or keeps up to date.
SENDER_INTERNALS: Final = (
    "_ssrc",
    "_RTCRtpSender__mid",
    "_RTCRtpSender__rtp_header_extensions_map",
    "_RTCRtpSender__ntp_timestamp",
    "_RTCRtpSender__rtp_timestamp",
    "_RTCRtpSender__octet_count",
    "_RTCRtpSender__packet_count",
)


def check_aiortc_internals(receiver: Any, sender: Any) -> None:
    """Raise :class:`AiortcHookError` unless the private members the hooks use are there."""
    problems: list[str] = []
    if not isinstance(getattr(receiver, "_RTCRtpReceiver__jitter_buffer", None), JitterBuffer):
        problems.append("RTCRtpReceiver.__jitter_buffer is missing")
    handle = getattr(receiver, "_handle_rtp_packet", None)
    if handle is None or list(inspect.signature(handle).parameters) != [
        "packet",
        "arrival_time_ms",
    ]:
        problems.append("RTCRtpReceiver._handle_rtp_packet(packet, arrival_time_ms) changed")
    for name in SENDER_INTERNALS:
        if not hasattr(sender, name):
            problems.append(f"RTCRtpSender.{name.removeprefix('_RTCRtpSender')} is missing")
    if not callable(getattr(sender.transport, "_send_rtp", None)):
        problems.append("RTCDtlsTransport._send_rtp (transport-level reflection) is missing")
    connection = getattr(getattr(receiver.transport, "transport", None), "_connection", None)
    for name in ("check_incoming", "check_start", "check_state"):
        if not callable(getattr(connection, name, None)):
            problems.append(f"aioice Connection.{name} (ICE check guard) is missing")
    if problems:
        raise AiortcHookError(
            f"aiortc {aiortc_version()} is not supported by this CallCheck server (tested with "
            f"{', '.join(AIORTC_TESTED)}): " + "; ".join(problems)
        )


# ------------------------------------------------------------------------------ the return stream


#: Seconds from the NTP epoch (1900) to the Unix epoch (1970), RFC 868.
_NTP_UNIX_OFFSET_S: Final = 2_208_988_800


def _ntp_now() -> int:
    """The wall clock as a 64-bit NTP timestamp (RFC 3550 §4), what aiortc's
    ``clock.current_ntp_time`` gives without building a ``datetime`` per packet."""
    return int((time.time() + _NTP_UNIX_OFFSET_S) * 4_294_967_296.0) & 0xFFFFFFFFFFFFFFFF


class _IdleTrack(MediaStreamTrack):
    """The sender's track: it never yields a frame (the return stream is sent at the transport)
    but keeps aiortc's sender running, so its RTCP sender reports go out. ``recv`` waits until
    the track stops; an absent track would make aiortc's sender poll every 20 ms instead."""

    kind = "audio"

    def __init__(self) -> None:
        super().__init__()
        self._stopped: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    async def recv(self) -> av.Packet[Any]:
        await asyncio.shield(self._stopped)
        raise MediaStreamError

    def stop(self) -> None:
        super().stop()
        if not self._stopped.done():
            self._stopped.set_result(None)


class ReturnStream:
    """The reflected stream: each received payload goes straight back out at the transport.

    Once DTLS-SRTP is up, a received packet is rewritten (the sender's own SSRC, sequence
    number and timestamp origin, RFC 3550 §5.1), SRTP-protected and sent from the receive hook
    itself: no queue, no task wake-up, no ``av.Packet`` per packet (what aiortc's
    track → sender → encoder path costs). The sender's counters that its RTCP sender reports
    carry (RFC 3550 §6.4.1: NTP/RTP timestamp pair, packet and octet counts) are kept as
    aiortc's own send loop keeps them, so the client's RTCP round trip works as with any peer.

    The timing is the client's: the outgoing RTP timestamp is the incoming one, extended over
    its wrap, minus the first one, plus this stream's random origin.
    """

    def __init__(
        self,
        on_reflect: Callable[[float], None] | None = None,
        on_drop: Callable[[], None] | None = None,
    ) -> None:
        self._first_ts: int | None = None
        self._on_drop = on_drop
        self._last_ts_ext = 0
        self._sequence_number = secrets.randbelow(1 << 16)
        self._timestamp_origin = secrets.randbelow(1 << 32)
        self._on_reflect = on_reflect
        self._sender: Any = None
        self._payload_type = 0
        self.dropped = 0
        """Packets that could not be sent (the transport was not, or no longer, connected)."""

    def attach(self, sender: Any, payload_type: int) -> None:
        """Send through ``sender``'s transport, under ``payload_type`` (the negotiated codec)."""
        self._sender = sender
        self._payload_type = payload_type

    def next_header(self, rtp_timestamp: int) -> tuple[int, int]:
        """The sequence number and RTP timestamp of the next outgoing packet."""
        if self._first_ts is None:
            self._first_ts = rtp_timestamp
            self._last_ts_ext = rtp_timestamp
        ts_ext = extend_rtp_timestamp(rtp_timestamp, self._last_ts_ext)
        self._last_ts_ext = ts_ext
        sequence_number = self._sequence_number
        self._sequence_number = (sequence_number + 1) & 0xFFFF
        timestamp = (self._timestamp_origin + ts_ext - self._first_ts) & 0xFFFFFFFF
        return sequence_number, timestamp

    async def reflect(self, payload: bytes, rtp_timestamp: int, arrival_ms: float) -> None:
        """Send ``payload`` back (called from the receive hook)."""
        sender = self._sender
        if sender is None:
            self._dropped()
            return
        sequence_number, timestamp = self.next_header(rtp_timestamp)
        packet = RtpPacket(
            payload_type=self._payload_type,
            marker=1,  # one payload per packet, as aiortc's sender marks it
            sequence_number=sequence_number,
            timestamp=timestamp,
            ssrc=sender._ssrc,
            payload=payload,
        )
        packet.extensions.mid = sender._RTCRtpSender__mid
        try:
            await sender.transport._send_rtp(
                packet.serialize(sender._RTCRtpSender__rtp_header_extensions_map)
            )
        except ConnectionError:
            self._dropped()
            return
        sender._RTCRtpSender__ntp_timestamp = _ntp_now()
        sender._RTCRtpSender__rtp_timestamp = timestamp
        sender._RTCRtpSender__octet_count += len(payload)
        sender._RTCRtpSender__packet_count += 1
        if self._on_reflect is not None:
            self._on_reflect(now_ms() - arrival_ms)

    def _dropped(self) -> None:
        self.dropped += 1
        if self._on_drop is not None:
            self._on_drop()


# ------------------------------------------------------------------------------ figures


def _percentiles_json(p: Percentiles) -> dict[str, float]:
    return {
        "mean": round(p.mean, 3),
        "p50": round(p.p50, 3),
        "p95": round(p.p95, 3),
        "max": round(p.max, 3),
    }


def direction_figures(stats: DirectionStats) -> dict[str, Any]:
    """The ``FIGURES`` object of the data-channel schema (module docstring).

    The same object a peer sends, so clients read both with one parser.
    """
    return figures_json(stats)


# ------------------------------------------------------------------------------ one call


class ReflectorSession:
    """One reflected call: a peer connection, its taps, its data channels and its timers."""

    def __init__(
        self,
        session_id: str,
        config: ServerConfig,
        metrics: ServerMetrics,
        on_closed: Callable[[ReflectorSession], None],
    ) -> None:
        self.id = session_id
        self._config = config
        self._metrics = metrics
        self._on_closed = on_closed
        self.pc = RTCPeerConnection(rtc_configuration(config.reflector_ice_servers))
        self.stats = StreamStatistics(reorder_window_packets=REORDER_WINDOW_PACKETS)
        self.reflect_delay_ms = Histogram(REFLECT_DELAY_BIN_MS)
        self.codec = ""
        self.clock_rate_hz = 0
        self.track: ReturnStream | None = None
        self._idle_track: _IdleTrack | None = None
        self.created_ms = now_ms()
        self.connected_ms: float | None = None
        self.first_check_ms: float | None = None
        """When the client's first authenticated ICE check arrived (rule 4)."""
        self.checks_started = 0
        """Connectivity checks this session's ICE agent started (rule 3)."""
        self.last_packet_ms: float | None = None
        self.packets_received = 0
        self.packets_reflected = 0
        self.end_reason: str | None = None
        self._channels: list[Any] = []
        # The kernel's receive time (Linux): a ping that waits in the socket while the server
        # is busy with other calls is held too.
        self._arrivals = ArrivalStamps(kernel_clock=True)
        self._wire = WireStamps()
        self._figures_seq = 0
        self._periodic: list[asyncio.Task[None]] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._closing = False
        self._closed = asyncio.Event()

    # ---------------------------------------------------------------- negotiation

    async def negotiate(self, offer_sdp: str, summary: OfferSummary) -> str:
        """Answer ``offer_sdp``; returns the answer SDP (with all candidates: no trickle).

        Raises :class:`OfferError` when aiortc rejects the offer. The caller closes the
        session on any exception.
        """
        self.codec = f"{summary.codec_mime.split('/')[-1].lower()}/{summary.clock_rate_hz}"
        self.clock_rate_hz = summary.clock_rate_hz
        self.track = ReturnStream(self._on_reflected, self._on_reflect_dropped)
        self._idle_track = _IdleTrack()
        transceiver = self.pc.addTransceiver(self._idle_track, direction="sendrecv")
        capability = next(
            c
            for c in RTCRtpSender.getCapabilities("audio").codecs
            if c.mimeType == summary.codec_mime and c.clockRate == summary.clock_rate_hz
        )
        transceiver.setCodecPreferences([capability])
        self.pc.on("datachannel", self._on_datachannel)
        self.pc.on("connectionstatechange", self._on_connection_state)
        with host_addresses(self._config.ice_host_addresses):
            try:
                await self.pc.setRemoteDescription(
                    RTCSessionDescription(strip_remote_candidates(offer_sdp), "offer")
                )
            except Exception as exc:  # aiortc: ValueError, OperationError, InvalidAccessError …
                raise OfferError(f"the offer was rejected: {exc or type(exc).__name__}") from exc
            self._install_hooks(transceiver.receiver, transceiver.sender)
            self._stamp_pings()
            answer = await self.pc.createAnswer()
            await self.pc.setLocalDescription(answer)
        # Before the answer leaves: no check can have arrived yet.
        self._guard_ice()
        self._periodic.append(self._start(self._watch(), "watch"))
        self._periodic.append(self._start(self._send_figures(), "figures"))
        local = self.pc.localDescription
        assert local is not None
        sdp: str = local.sdp
        return sdp

    def _install_hooks(self, receiver: Any, sender: Any) -> None:
        check_aiortc_internals(receiver, sender)
        receiver._RTCRtpReceiver__jitter_buffer = _DiscardingJitterBuffer()
        handle_rtp: Callable[[Any, int], Awaitable[None]] = receiver._handle_rtp_packet
        stats = self.stats
        track = self.track
        assert track is not None
        clock_rate_hz = self.clock_rate_hz
        metrics = self._metrics
        codecs = self._negotiated_codecs()
        payload_types = {c.payloadType for c in codecs}
        track.attach(sender, codecs[0].payloadType)

        async def tapped_handle_rtp(packet: Any, arrival_time_ms: int) -> None:
            arrival = now_ms()
            if packet.payload_type in payload_types:
                stats.add(packet_record(packet, arrival, clock_rate_hz, None))
                self.last_packet_ms = arrival
                self.packets_received += 1
                metrics.received_packets_total += 1
                await track.reflect(packet.payload, packet.timestamp, arrival)
            await handle_rtp(packet, arrival_time_ms)

        receiver._handle_rtp_packet = tapped_handle_rtp

    def _stamp_pings(self) -> None:
        """Stamp when each data-channel datagram arrived and when an echo leaves: the held
        echo's hold runs from one to the other.

        After ``setRemoteDescription``, which has already put bundled media on one transport.
        """
        sctp = self.pc.sctp
        if sctp is None:
            return  # an offer without a data channel: no pings to answer
        self._arrivals.stamp_datagrams(sctp.transport.transport)
        self._arrivals.stamp_sctp(sctp)
        self._arrivals.stamp_departures(sctp, self._wire.restamp)

    def _ice_connections(self) -> list[Any]:
        """The aioice connections of every transport (one with BUNDLE; an offer without a
        BUNDLE group gets one per section)."""
        transports = [t.receiver.transport for t in self.pc.getTransceivers()]
        if self.pc.sctp is not None:
            transports.append(self.pc.sctp.transport)
        connections: dict[int, Any] = {}
        for dtls in transports:
            connection = dtls.transport._connection
            connections[id(connection)] = connection
        return list(connections.values())

    def _guard_ice(self) -> None:
        """Count the client's checks and cap the checks this session starts (rules 2–4)."""
        for connection in self._ice_connections():
            self._guard_connection(connection)

    def _guard_connection(self, connection: Any) -> None:
        check_incoming: Callable[[Any, Any, Any], None] = connection.check_incoming
        check_start: Callable[[Any], Awaitable[None]] = connection.check_start
        metrics = self._metrics

        def counted_check_incoming(message: Any, addr: Any, protocol: Any) -> None:
            # Reached only for checks carrying our ICE password (aioice request_received).
            if self.first_check_ms is None:
                self.first_check_ms = now_ms()
            check_incoming(message, addr, protocol)

        async def capped_check_start(pair: Any) -> None:
            if self.checks_started >= MAX_CHECKS_PER_SESSION:
                metrics.stun_checks_refused_total += 1
                connection.check_state(pair, type(pair.state).FAILED)
                return
            self.checks_started += 1
            metrics.stun_checks_total += 1
            await check_start(pair)

        connection.check_incoming = counted_check_incoming
        connection.check_start = capped_check_start

    def _negotiated_codecs(self) -> list[Any]:
        for transceiver in self.pc.getTransceivers():
            if transceiver.kind == "audio":
                return list(transceiver._codecs)
        return []  # pragma: no cover - negotiate() added the transceiver

    def _on_reflect_dropped(self) -> None:
        self._metrics.reflect_dropped_total += 1

    def _on_reflected(self, delay_ms: float) -> None:
        self.packets_reflected += 1
        self.reflect_delay_ms.add(delay_ms)
        self._metrics.reflected_packets_total += 1
        self._metrics.observe_reflect_delay(delay_ms / 1000.0)

    # ---------------------------------------------------------------- data channels

    def _on_datachannel(self, channel: Any) -> None:
        if self._closing or len(self._channels) >= MAX_CHANNELS:
            channel.close()
            return
        self._channels.append(channel)

        def on_message(message: object) -> None:
            self._on_channel_message(channel, message)

        def on_close() -> None:
            with contextlib.suppress(ValueError):
                self._channels.remove(channel)

        channel.on("message", on_message)
        channel.on("close", on_close)
        if channel.readyState == "open":
            self._send_json(channel, self._hello())
        else:
            channel.on("open", lambda: self._send_json(channel, self._hello()))

    def _hello(self) -> dict[str, Any]:
        return {
            "type": "hello",
            "v": DATA_CHANNEL_SCHEMA_VERSION,
            "server": "callcheck",
            "version": __version__,
            "session": self.id,
            "reflection": REFLECTION_MODE,
            "codec": self.codec,
            "interval_ms": round(self._config.figures_interval_s * 1000),
        }

    def _on_channel_message(self, channel: Any, message: object) -> None:
        if isinstance(message, bytes):
            echo = self._wire.echo(message, self._arrivals.message_ms())
            if echo is not None:
                self._send(channel, echo)
            return
        if not isinstance(message, str) or len(message) > MAX_CHANNEL_MESSAGE_BYTES:
            return
        try:
            data = json.loads(message)
        except ValueError:
            return
        if isinstance(data, dict) and data.get("type") == "ping":
            data["type"] = "pong"
            data["server_ms"] = round(now_ms(), 3)
            self._send_json(channel, data)

    def _send_json(self, channel: Any, data: dict[str, Any]) -> None:
        self._send(channel, json.dumps(data, separators=(",", ":")))

    @staticmethod
    def _send(channel: Any, data: str | bytes) -> None:
        if channel.readyState == "open":
            with contextlib.suppress(Exception):  # a closing channel: nothing to tell
                channel.send(data)

    def figures(self) -> dict[str, Any]:
        """The latest ``uplink`` message (taking a new interval)."""
        now = now_ms()
        interval = self.stats.take_interval(now)
        self._figures_seq += 1
        return {
            "type": "uplink",
            "v": DATA_CHANNEL_SCHEMA_VERSION,
            "seq": self._figures_seq,
            "t_ms": round(now, 3),
            "reflection": REFLECTION_MODE,
            "interval": direction_figures(interval),
            "total": direction_figures(self.stats.totals()),
            "reflected_packets": self.packets_reflected,
            "reflect_dropped": self.track.dropped if self.track is not None else 0,
            "reflect_delay_ms": _percentiles_json(self.reflect_delay_ms.percentiles()),
        }

    def status(self) -> dict[str, Any]:
        """The session as JSON (``GET /whip/<id>``); does not disturb the intervals."""
        return {
            "session": self.id,
            "state": self.pc.connectionState,
            "reflection": REFLECTION_MODE,
            "codec": self.codec,
            "age_s": round((now_ms() - self.created_ms) / 1000.0, 3),
            "packets_received": self.packets_received,
            "reflected_packets": self.packets_reflected,
            "reflect_dropped": self.track.dropped if self.track is not None else 0,
            "reflect_delay_ms": _percentiles_json(self.reflect_delay_ms.percentiles()),
            "uplink": direction_figures(self.stats.totals()),
            "data_channels": len(self._channels),
            "ice_checks_started": self.checks_started,
        }

    async def _send_figures(self) -> None:
        interval_s = self._config.figures_interval_s
        loop = asyncio.get_running_loop()
        next_s = loop.time() + interval_s
        while True:
            await asyncio.sleep(max(0.0, next_s - loop.time()))
            next_s += interval_s
            open_channels = [c for c in self._channels if c.readyState == "open"]
            if open_channels and self.packets_received:
                text = json.dumps(self.figures(), separators=(",", ":"))
                for channel in open_channels:
                    self._send(channel, text)

    # ---------------------------------------------------------------- lifetime

    def _start(self, coro: Coroutine[Any, Any, None], name: str) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(coro, name=f"reflector-{name}-{self.id}")
        self._tasks.add(task)  # a reference, so the task is not garbage-collected mid-run
        task.add_done_callback(self._tasks.discard)
        return task

    def _on_connection_state(self) -> None:
        state = self.pc.connectionState
        if state == "connected" and self.connected_ms is None:
            self.connected_ms = now_ms()
        elif state in ("failed", "closed") and not self._closing:
            reason = "ice_failed" if state == "failed" else "peer_closed"
            self._start(self.close(reason), "close")

    async def _watch(self) -> None:
        config = self._config
        while not self._closing:
            await asyncio.sleep(WATCH_INTERVAL_S)
            now = now_ms()
            reason: str | None = None
            if now - self.created_ms >= config.max_session_s * 1000.0:
                reason = "max_session"
            elif self.connected_ms is None:
                if (
                    self.first_check_ms is None
                    and now - self.created_ms >= config.first_check_timeout_s * 1000.0
                ):
                    reason = "first_check_timeout"
                elif now - self.created_ms >= config.ice_connect_timeout_s * 1000.0:
                    reason = "ice_timeout"
            else:
                last = self.last_packet_ms if self.last_packet_ms is not None else self.connected_ms
                if now - last >= config.media_timeout_s * 1000.0:
                    reason = "media_timeout"
            if reason is not None:
                self._start(self.close(reason), "close")
                return

    @property
    def closed(self) -> bool:
        """True once :meth:`close` has finished."""
        return self._closed.is_set()

    async def close(self, reason: str) -> None:
        """End the call (idempotent; concurrent callers wait for the first one)."""
        if self._closing:
            await self._closed.wait()
            return
        self._closing = True
        self.end_reason = reason
        try:
            current = asyncio.current_task()
            for task in self._periodic:
                if task is not current:
                    task.cancel()
            if reason != "hangup" and self.packets_received:
                self.stats.finish()
                end = {
                    "type": "end",
                    "v": DATA_CHANNEL_SCHEMA_VERSION,
                    "reason": reason,
                    "total": direction_figures(self.stats.totals()),
                }
                channels = [c for c in self._channels if c.readyState == "open"]
                for channel in channels:
                    self._send_json(channel, end)
                if channels:
                    await asyncio.sleep(0.05)  # let SCTP send it before the transport goes
            if self._idle_track is not None:
                self._idle_track.stop()
            try:
                await asyncio.wait_for(self.pc.close(), CLOSE_TIMEOUT_S)
            except Exception:  # closing must not fail the caller; the session is gone anyway
                logger.warning(
                    "reflector session %s: peer connection did not close cleanly",
                    self.id,
                    exc_info=True,
                )
        finally:
            self._closed.set()
            self._on_closed(self)


# ------------------------------------------------------------------------------ all calls


class Reflector:
    """The reflector's sessions, with the concurrent-call limit."""

    def __init__(
        self,
        config: ServerConfig,
        metrics: ServerMetrics,
        other_load: Callable[[], int] = lambda: 0,
        id_prefix: str = "",
    ) -> None:
        self._config = config
        self._metrics = metrics
        self._other_load = other_load
        self._id_prefix = id_prefix
        """Put in front of every session id: the worker that owns it (server.workers)."""
        self._sessions: dict[str, ReflectorSession] = {}
        self._negotiating = 0
        metrics.active_calls = self.active_calls
        metrics.pending_calls = self.pending_calls

    def active_calls(self) -> int:
        """Calls in progress, including those being negotiated."""
        return len(self._sessions) + self._negotiating

    def pending_calls(self) -> int:
        """Answered calls whose client has not sent a valid ICE check yet (rule 4)."""
        return sum(1 for s in self._sessions.values() if s.first_check_ms is None)

    def load(self) -> int:
        """What counts against ``max_calls``: calls plus the other load (open probes)."""
        return self.active_calls() + self._other_load()

    def allow_loopback_candidates(self) -> bool:
        """Loopback candidates are accepted only when the reflector gathers on loopback."""
        return any(
            ipaddress.ip_address(a).is_loopback for a in self._config.ice_host_addresses or ()
        )

    def get(self, session_id: str) -> ReflectorSession | None:
        """The session with this id, or ``None``."""
        return self._sessions.get(session_id)

    async def open(self, offer_sdp: str) -> tuple[ReflectorSession, str]:
        """Answer an offer; returns the new session and the answer SDP.

        Raises :class:`OverCapacityError` at the call limit and :class:`OfferError` for offers
        that cannot be answered (after releasing everything that was set up).
        """
        if self.load() >= self._config.max_calls:
            raise OverCapacityError(
                f"the reflector is running its maximum of {self._config.max_calls} tests"
            )
        summary = inspect_offer(offer_sdp)
        check_remote_candidates(offer_sdp, allow_loopback=self.allow_loopback_candidates())
        self._negotiating += 1
        session = ReflectorSession(
            self._id_prefix + secrets.token_urlsafe(16),
            self._config,
            self._metrics,
            self._session_closed,
        )
        try:
            answer = await session.negotiate(offer_sdp, summary)
        except BaseException:
            await session.close("negotiation_failed")
            raise
        finally:
            self._negotiating -= 1
        if session.closed:  # pragma: no cover - ICE failed during negotiation
            raise OfferError("the connection failed while answering")
        self._sessions[session.id] = session
        self._metrics.calls_total += 1
        return session, answer

    def _session_closed(self, session: ReflectorSession) -> None:
        if self._sessions.pop(session.id, None) is not None:
            self._metrics.calls_ended[session.end_reason or "unknown"] += 1

    async def close(self, session_id: str, reason: str = "hangup") -> bool:
        """End one session; ``False`` if there is no such session."""
        session = self._sessions.get(session_id)
        if session is None:
            return False
        await session.close(reason)
        return True

    async def close_all(self, reason: str = "server_shutdown") -> None:
        """End every session (server shutdown)."""
        sessions = list(self._sessions.values())
        await asyncio.gather(*(s.close(reason) for s in sessions), return_exceptions=True)
