"""Server and peer modes: the user's one measured peer, and a far end that is not in this process.

:class:`ServerCall` calls a CallCheck reflector over WHIP (RFC 9725): the offer is POSTed, the
answer applied, and the session DELETEd at the end — also when the call fails or is cancelled.
:class:`PeerCall` calls another desktop through a room: offer, answer and the closing summaries
go over the room's WebSocket, which the server relays without reading.

What is measured where
======================
- **Downlink**: this side's taps, playout buffer and E-model, as the receiving peer of a
  loopback call (``measured_by: "client"``).
- **Uplink**: the far end's receive side, from its ``uplink`` messages on the data channel — the
  reflector's (``measured_by: "reflector"``) or the other desktop's (``"peer"``), in one schema
  (:mod:`callcheck.engine.far_end`).
- **RTT**: the data-channel echo probe (the reflector answers the binary pings), and raw RTCP.
- **Exact counts at the end** (:meth:`RemoteCall.settle`): this side stops sending and waits
  until the far end's figures stop changing; then the uplink loss is *packets this side sent −
  packets the far end received*, and the downlink loss *packets the far end sent − packets
  received here*. Packets lost at the very start or end of a stream (before the first or after
  the last one received) are counted too, which a sequence-number gap count cannot see.
- The reflector returns each packet when it arrives, with the client's RTP timestamps, so the
  jitter the client measures on the returned stream is the **round trip's** delay variation
  (uplink and downlink together): an upper bound of the downlink's own. The uplink's jitter is
  the reflector's measurement.

Impairment (``--impair``)
=========================
Both directions are emulated on the user's side: the uplink on what this side sends, the
downlink on what it receives (:class:`~callcheck.engine.impairment.ImpairedReceive`), so the
emulator works against any reflector or peer, and its truth is available to tests.
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
import ipaddress
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Final

import aiohttp
from aiortc import RTCSessionDescription

from callcheck.core.packets import DirectionStats
from callcheck.core.playout import PlayoutStats
from callcheck.core.qos import QosResult
from callcheck.engine.connectivity import (
    CHECK_TIMEOUT_S,
    CheckResult,
    Connectivity,
    diagnose,
    udp_result,
)
from callcheck.engine.far_end import (
    SCHEMA_VERSION,
    FarEndFigures,
    figures_json,
    playout_from_json,
    playout_json,
    stats_from_figures,
)
from callcheck.engine.ice_servers import (
    candidate_types,
    ice_servers_from_json,
    merge_ice_servers,
)
from callcheck.engine.loop import now_ms
from callcheck.engine.peer import AudioSink, IceServer, MeasuredPeer, PeerOptions, host_addresses
from callcheck.engine.qos import mark_peer_connection
from callcheck.engine.signaling import (
    RoomSocket,
    ServerUrl,
    SignalingChannel,
    WhipAnswer,
    WhipClient,
)
from callcheck.engine.snapshots import (
    BAD_ANSWER,
    CONNECT_TIMEOUT,
    DTLS_FAILED,
    ICE_FAILED,
    ICE_NO_CANDIDATES,
    PEER_LEFT,
    PEER_NOT_JOINED,
    ROOM_FULL,
    ROOM_NOT_FOUND,
    SERVER_UNREACHABLE,
    TOKEN_REFUSED,
    UDP_BLOCKED,
    CallFailed,
    DirectionSnapshot,
    IceInfo,
)
from callcheck.engine.sources import AudioSource

__all__ = [
    "PEER_WAIT_S",
    "PeerCall",
    "RemoteCall",
    "ServerCall",
    "Settled",
    "default_host_addresses",
    "settled_totals",
]

logger = logging.getLogger(__name__)

#: How long a room participant waits for the other one to join.
PEER_WAIT_S: Final = 300.0
#: Longest wait for the far end's figures to settle at the end of a call.
SETTLE_TIMEOUT_S: Final = 3.0
#: After this side stops sending, figures are trusted only once they are this much newer.
SETTLE_QUIET_MS: Final = 300.0
#: Longest wait for the other peer's ``paused``/``final`` message.
PEER_SUMMARY_TIMEOUT_S: Final = 4.0
#: After pausing, frames already handed to the encoder still go out: wait this long (s) before
#: counting what was sent.
PIPELINE_DRAIN_S: Final = 0.1
#: A fresh offer with the server's own ICE servers needs at least this much of the budget.
REOFFER_MIN_S: Final = 4.0


def default_host_addresses(url: ServerUrl) -> tuple[str, ...] | None:
    """ICE host addresses for a server on this machine: 127.0.0.1 (aioice skips it)."""
    host = url.host
    if host == "localhost":
        return ("127.0.0.1",)
    with contextlib.suppress(ValueError):
        if ipaddress.ip_address(host).is_loopback:
            return ("127.0.0.1",) if ":" not in host else ("::1",)
    return None


async def _apply_answer(pc: Any, sdp: str, who: str) -> None:
    """Set the far end's SDP answer; an unusable one is a :class:`CallFailed` in plain words.

    aiortc's own errors ("Media sections in answer do not match offer", a Unicode error …) are
    internals: they go to the log, the user reads what happened (issue 14, item 10).
    """
    try:
        await pc.setRemoteDescription(RTCSessionDescription(sdp, "answer"))
    except Exception as error:
        logger.info("the %s's SDP answer was refused: %r", who, error, exc_info=True)
        raise CallFailed(
            BAD_ANSWER,
            f"The {who} answered with something this app cannot use (not a valid answer to "
            "its call offer): it may be another program or a different version. Check the "
            "server address.",
        ) from None


def settled_totals(stats: DirectionStats, sent_packets: int) -> DirectionStats:
    """``stats`` with the loss counted against what the far end says it sent.

    ``lost = sent − received``: exact once every packet in flight has arrived, including
    packets lost before the first or after the last one received.
    """
    if sent_packets < stats.packets_received:
        return stats  # the figures are older than the count: keep the gap count
    lost = sent_packets - stats.packets_received
    expected = stats.packets_received + lost
    return replace(
        stats,
        packets_expected=expected,
        packets_lost=lost,
        loss_pct=100.0 * lost / expected if expected else 0.0,
        bursts=replace(stats.bursts, packets=expected, packets_lost=lost),
    )


@dataclass(frozen=True, slots=True)
class Settled:
    """The far end's last word, after both sides stopped sending."""

    uplink_totals: DirectionStats | None
    """The far end's receive side, loss counted against our send count."""
    uplink_playout: PlayoutStats | None
    """The far end's playout buffer (peers only)."""
    downlink_sent: int | None
    """RTP packets the far end sent to us."""


class RemoteCall(abc.ABC):
    """The user's :class:`MeasuredPeer` (``a``) and what the far end reports.

    Subclasses implement :meth:`connect` (and may extend :meth:`settle`, :meth:`close`).
    """

    mode = "remote"
    uplink_measured_by = "peer"

    def __init__(
        self,
        options: PeerOptions,
        url: ServerUrl,
        token: str | None,
        *,
        source: AudioSource | None = None,
        audio_sink: AudioSink | None = None,
    ) -> None:
        self.options = options
        self.url = url
        self.token = token
        self._source = source
        self._audio_sink = audio_sink
        self._a: MeasuredPeer | None = None
        self.far = FarEndFigures()
        self.connectivity = Connectivity()
        self.duration_s: float | None = None
        """The call's length when the far end decided it (peer mode: the offerer's)."""
        self.far_end_info: dict[str, Any] = {}
        self.extra_ice_servers: tuple[IceServer, ...] = ()
        """ICE servers the server handed out (Link headers, room response)."""
        self._state = "new"
        self._changed = asyncio.Event()
        self._far_message = asyncio.Event()
        self._http: aiohttp.ClientSession | None = None
        self._connect_started_ms: float | None = None

    # ---------------------------------------------------------------- the peer

    @property
    def a(self) -> MeasuredPeer:
        """The user's peer (exists once :meth:`connect` has started negotiating)."""
        if self._a is None:
            raise RuntimeError("the call has not started negotiating yet")
        return self._a

    @property
    def has_peer(self) -> bool:
        """The peer connection exists."""
        return self._a is not None

    def _new_peer(self, options: PeerOptions) -> MeasuredPeer:
        peer = MeasuredPeer("a", options, self._source, audio_sink=self._audio_sink)
        peer.on_channel = self._on_channel
        peer.pc.on("connectionstatechange", self._on_state)
        self._a = peer
        self._state = "new"
        return peer

    def _on_state(self) -> None:
        if self._a is not None:
            self._state = str(self._a.pc.connectionState)
        self._changed.set()

    def _on_channel(self, channel: Any) -> None:
        def on_message(message: object) -> None:
            if isinstance(message, str) and len(message) <= 65536:
                with contextlib.suppress(ValueError):
                    data = json.loads(message)
                    if isinstance(data, dict):
                        self.far.on_message(data, now_ms())
                        self._far_message.set()
                        if data.get("type") == "hello":
                            self.far_end_info.update(
                                {k: data[k] for k in ("server", "version", "reflection", "codec")
                                 if k in data}
                            )  # fmt: skip

        channel.on("message", on_message)

    @property
    def states(self) -> dict[str, str]:
        """Connection state of the user's peer."""
        return {"a": self._state}

    def start_playout(self) -> None:
        """Start the user's playout task."""
        self.a.start_playout()

    def publish(self, downlink: DirectionSnapshot) -> None:
        """A new live snapshot of what this side receives (peer mode sends it on)."""
        # The reflector measures for itself: nothing to send. PeerCall overrides this.
        return

    # ---------------------------------------------------------------- connecting

    def _ice_options(self, servers: tuple[IceServer, ...]) -> PeerOptions:
        return replace(self.options, ice_servers=servers)

    def _host_addresses(self) -> tuple[str, ...] | None:
        if self.options.force_relay:
            return None
        if self.options.host_addresses is not None:
            return self.options.host_addresses
        return default_host_addresses(self.url)

    def _require(self, check: CheckResult | None, code: str, advice: str = "") -> None:
        if check is not None and check.status == "failed":
            raise CallFailed(
                code, check.message + advice, details={"connectivity": self.connectivity.to_json()}
            )

    async def _precheck(self, deadline_ms: float, room_code: str | None = None) -> None:
        """HTTP(S), token, room, TURN: fail at once, naming the step, when one fails."""
        assert self._http is not None
        timeout_s = max(0.5, min(CHECK_TIMEOUT_S, (deadline_ms - now_ms()) / 1000.0 - 1.0))
        self.connectivity = await diagnose(
            self.url,
            token=self.token,
            room_code=room_code,
            ice_servers=self.options.ice_servers,
            timeout_s=timeout_s,
            http=self._http,
        )
        self._require(
            self.connectivity.get("http"),
            SERVER_UNREACHABLE,
            " Check the address, that the server runs, and that this network allows it.",
        )
        self._require(self.connectivity.get("token"), TOKEN_REFUSED)
        room = self.connectivity.get("room")
        if room is not None and room.status == "failed":
            self._require(room, ROOM_FULL if room.kind == "full" else ROOM_NOT_FOUND)

    def _check_candidates(self) -> None:
        if "a=candidate:" not in (self.a.pc.localDescription.sdp or ""):
            if self.options.force_relay:
                message = (
                    "No relay address: the TURN server did not answer or refused the "
                    "credentials. Check --ice-server and that the TURN port is allowed."
                )
            else:
                message = (
                    "No network address to test from: ICE could not use any address of this "
                    "computer. Check the network connection."
                )
            raise CallFailed(ICE_NO_CANDIDATES, message)

    async def _wait_connected(self, deadline_ms: float) -> None:
        """Until the peer connects; a diagnosis (:data:`UDP_BLOCKED` …) when it does not."""
        peer = self.a
        try:
            async with asyncio.timeout(max(0.0, (deadline_ms - now_ms()) / 1000.0)):
                while self._state != "connected":
                    if peer.pc.connectionState in ("failed", "closed"):
                        break
                    self._changed.clear()
                    await self._changed.wait()
        except TimeoutError:
            pass
        self._record_udp()
        if self._state == "connected":
            peer.verify_transport()
            return
        udp = self.connectivity.get("udp")
        details = {"connectivity": self.connectivity.to_json()}
        if udp is not None and udp.status == "failed":
            code = UDP_BLOCKED if udp.kind == "blocked" else ICE_FAILED
            raise CallFailed(code, udp.message, details=details)
        if peer.pc.connectionState == "failed":
            raise CallFailed(
                DTLS_FAILED,
                "The secure (DTLS) handshake failed after ICE connected.",
                details=details,
            )
        raise CallFailed(
            CONNECT_TIMEOUT,
            "The test call did not connect in time although UDP got through "
            f"(ICE {peer.pc.iceConnectionState}, connection {peer.pc.connectionState}).",
            details=details,
        )

    def _record_udp(self) -> None:
        peer = self.a
        connection = peer.ice_connection()
        succeeded = False
        with contextlib.suppress(Exception):
            succeeded = any(p.state.name == "SUCCEEDED" for p in connection._check_list)
        remote = peer.pc.remoteDescription
        remote_count = 0
        for count in candidate_types(remote.sdp if remote else None).values():
            remote_count += count
        started = self._connect_started_ms
        self.connectivity = self.connectivity.with_check(
            udp_result(
                connected=self._state == "connected",
                any_check_succeeded=succeeded,
                remote_candidates=remote_count,
                target=self.url.base if self.mode == "server" else "the other computer",
                elapsed_ms=None if started is None else now_ms() - started,
            )
        )

    @abc.abstractmethod
    async def connect(self, timeout_s: float) -> float:
        """Negotiate and wait until connected; the time it took, ms."""

    # ---------------------------------------------------------------- the end

    async def _wait_far_message(self, timeout_s: float) -> bool:
        self._far_message.clear()
        try:
            async with asyncio.timeout(max(0.0, timeout_s)):
                await self._far_message.wait()
        except TimeoutError:
            return False
        return True

    async def settle(self) -> Settled:
        """Stop sending; wait until the far end's figures stop changing (reflector)."""
        self.a.pause_sending()
        start = now_ms()
        deadline = start + SETTLE_TIMEOUT_S * 1000.0
        previous: tuple[int, int | None] | None = None
        while now_ms() < deadline:
            if not await self._wait_far_message((deadline - now_ms()) / 1000.0):
                break
            latest = self.far.latest
            if latest is None or latest.received_ms < start + SETTLE_QUIET_MS:
                continue
            key = (latest.total.packets_received, latest.sent_packets)
            if key == previous:
                return Settled(
                    settled_totals(latest.total, self.a.send_times.packets_sent),
                    None,
                    latest.sent_packets,
                )
            previous = key
        logger.info("far-end figures did not settle; the last ones are used as they are")
        latest = self.far.latest
        return Settled(latest.total if latest else None, None, None)

    def ice_info(self) -> IceInfo:
        """How the media travelled (after connecting)."""
        peer = self.a
        info = peer.ice_info()
        local = peer.pc.localDescription
        remote = peer.pc.remoteDescription
        relay_protocol: str | None = None
        if info["local_candidate"] == "relay":
            relay_protocol = _relay_protocol(peer.selected_pair())
        return IceInfo(
            local_candidate=info["local_candidate"],
            remote_candidate=info["remote_candidate"],
            protocol=info["protocol"],
            local_gathered=candidate_types(local.sdp if local else None),
            remote_gathered=candidate_types(remote.sdp if remote else None),
            relay_protocol=relay_protocol,
            relay_forced=self.options.force_relay,
        )

    async def close(self) -> None:
        """Close the peer and the HTTP session (idempotent; never raises)."""
        if self._a is not None:
            with contextlib.suppress(Exception):
                await self._a.close()
        if self._http is not None:
            with contextlib.suppress(Exception):
                await self._http.close()
            self._http = None


def _relay_protocol(pair: Any) -> str | None:
    """udp, tcp or tls: how aioice reaches the TURN server of a relayed pair (best effort)."""
    with contextlib.suppress(Exception):
        inner = pair.protocol.transport._TurnTransport__inner_protocol
        name = type(inner).__name__
        if "Tcp" in name:
            ssl_object = inner.transport.get_extra_info("ssl_object")
            return "tls" if ssl_object is not None else "tcp"
        return "udp"
    return None


# ------------------------------------------------------------------------------ server mode


class ServerCall(RemoteCall):
    """A call to a CallCheck reflector over WHIP."""

    mode = "server"
    uplink_measured_by = "reflector"

    def __init__(
        self,
        options: PeerOptions,
        url: ServerUrl,
        token: str | None,
        *,
        source: AudioSource | None = None,
        audio_sink: AudioSink | None = None,
    ) -> None:
        super().__init__(options, url, token, source=source, audio_sink=audio_sink)
        self._whip: WhipClient | None = None
        self.location: str | None = None
        """The session URL while the server holds a session for this call."""
        self.qos_marking: QosResult | None = None
        """The DSCP EF marking of the call's own sockets (after the offer)."""

    async def connect(self, timeout_s: float) -> float:
        start = now_ms()
        deadline = start + timeout_s * 1000.0
        self._http = aiohttp.ClientSession()
        self._whip = WhipClient(self._http, self.url, self.token)
        await self._precheck(deadline)
        self._connect_started_ms = now_ms()
        servers = self.options.ice_servers
        answer = await self._offer(servers)
        extra = tuple(s for s in answer.ice_servers if s.url not in {x.url for x in servers})
        self.extra_ice_servers = answer.ice_servers
        if extra and (deadline - now_ms()) / 1000.0 >= REOFFER_MIN_S:
            # RFC 9725 §4.6: the server's ICE servers come with its answer. Use them for this
            # call: hang up the first session and offer again with them.
            await self._hang_up()
            with contextlib.suppress(Exception):
                await self.a.close()
            answer = await self._offer(merge_ice_servers(servers, extra))
        if answer.reflection is not None:
            self.far_end_info["reflection"] = answer.reflection
        with host_addresses(self._host_addresses()):
            await _apply_answer(self.a.pc, answer.sdp, "server")
        await self._wait_connected(deadline)
        return now_ms() - start

    async def _offer(self, servers: tuple[IceServer, ...]) -> WhipAnswer:
        assert self._whip is not None
        peer = self._new_peer(self._ice_options(servers))
        peer.add_media()
        peer.create_probe_channel()
        with host_addresses(self._host_addresses()):
            await peer.pc.setLocalDescription(await peer.pc.createOffer())
        self.qos_marking = mark_peer_connection(peer.pc)
        self._check_candidates()
        answer = await self._whip.post_offer(peer.pc.localDescription.sdp)
        self.location = answer.location
        return answer

    async def _hang_up(self) -> None:
        location, self.location = self.location, None
        if location is not None and self._whip is not None:
            await self._whip.delete(location)

    async def close(self) -> None:
        """DELETE the session (on success, failure and cancellation alike), then close."""
        with contextlib.suppress(Exception):
            await asyncio.shield(self._hang_up())
        await super().close()


# ------------------------------------------------------------------------------ peer mode


class PeerCall(RemoteCall):
    """A call to another desktop through a room: signaling relayed by the server."""

    mode = "peer"
    uplink_measured_by = "peer"

    def __init__(
        self,
        options: PeerOptions,
        url: ServerUrl,
        token: str | None,
        room_code: str,
        *,
        duration_s: float,
        peer_wait_s: float = PEER_WAIT_S,
        source: AudioSource | None = None,
        audio_sink: AudioSink | None = None,
        signaling: SignalingChannel | None = None,
        on_waiting: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(options, url, token, source=source, audio_sink=audio_sink)
        self.room_code = room_code
        self._planned_duration_s = duration_s
        self._peer_wait_s = peer_wait_s
        self._signaling = signaling
        self._on_waiting = on_waiting
        self.role: str | None = None
        """``host`` (first in the room: offers) or ``guest``."""
        self._inbox: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self._reader: asyncio.Task[None] | None = None
        self._peer_paused: asyncio.Future[int] | None = None
        self._peer_final: asyncio.Future[dict[str, Any]] | None = None
        self._peer_left = False
        self._published = 0

    async def connect(self, timeout_s: float) -> float:
        start = now_ms()
        deadline = start + timeout_s * 1000.0
        loop = asyncio.get_running_loop()
        self._peer_paused = loop.create_future()
        self._peer_final = loop.create_future()
        if self._signaling is None:
            self._http = aiohttp.ClientSession()
            await self._precheck(deadline, room_code=self.room_code)
            self._signaling = await RoomSocket.join(
                self._http, self.url, self.room_code, self.token
            )
        self._reader = loop.create_task(self._read(), name="room-signaling")
        joined = await self._next(lambda m: m.get("type") == "room.joined", deadline)
        self.role = str(joined.get("role", "host"))
        self.extra_ice_servers = ice_servers_from_json(joined.get("ice_servers"))
        servers = merge_ice_servers(self.options.ice_servers, self.extra_ice_servers)
        if self.role == "host" and int(joined.get("participants", 1)) < 2:
            if self._on_waiting is not None:
                self._on_waiting(self.room_code)
            wait_deadline = now_ms() + self._peer_wait_s * 1000.0
            try:
                await self._next(lambda m: m.get("type") == "room.peer-joined", wait_deadline)
            except CallFailed as failure:
                if failure.reason_code == CONNECT_TIMEOUT:
                    raise CallFailed(
                        PEER_NOT_JOINED,
                        f"Nobody joined room {self.room_code} within {self._peer_wait_s:g} s. "
                        "Read the code out again and ask the other person to join.",
                    ) from None
                raise
        # The clock for connecting starts once both are there.
        start = now_ms()
        deadline = start + timeout_s * 1000.0
        self._connect_started_ms = start
        if self.role == "host":
            await self._offer(servers, deadline)
        else:
            await self._answer(servers, deadline)
        await self._wait_connected(deadline)
        return now_ms() - start

    async def _offer(self, servers: tuple[IceServer, ...], deadline: float) -> None:
        assert self._signaling is not None
        peer = self._new_peer(self._ice_options(servers))
        peer.add_media()
        peer.create_probe_channel()
        with host_addresses(self._host_addresses()):
            await peer.pc.setLocalDescription(await peer.pc.createOffer())
        self._check_candidates()
        self.duration_s = self._planned_duration_s
        await self._signaling.send(
            {
                "type": "offer",
                "sdp": peer.pc.localDescription.sdp,
                "codec": self.options.codec,
                "duration_s": self._planned_duration_s,
            }
        )
        answer = await self._next(lambda m: m.get("type") == "answer", deadline)
        with host_addresses(self._host_addresses()):
            await _apply_answer(peer.pc, str(answer.get("sdp", "")), "other desktop")

    async def _answer(self, servers: tuple[IceServer, ...], deadline: float) -> None:
        assert self._signaling is not None
        offer = await self._next(lambda m: m.get("type") == "offer", deadline)
        options = self._ice_options(servers)
        codec = offer.get("codec")
        if isinstance(codec, str) and codec != options.codec:
            options = replace(options, codec=codec)  # the offerer's codec is the call's
        self.options = options
        duration = offer.get("duration_s")
        if isinstance(duration, int | float) and duration > 0:
            self.duration_s = float(duration)
        peer = self._new_peer(options)
        # Media first, so the offered audio section takes this transceiver (as in loopback).
        peer.add_media()
        peer.accept_probe_channel()
        with host_addresses(self._host_addresses()):
            await peer.pc.setRemoteDescription(
                RTCSessionDescription(str(offer.get("sdp", "")), "offer")
            )
            await peer.pc.setLocalDescription(await peer.pc.createAnswer())
        self._check_candidates()
        await self._signaling.send({"type": "answer", "sdp": peer.pc.localDescription.sdp})

    async def _read(self) -> None:
        assert self._signaling is not None
        while True:
            message = await self._signaling.receive()
            if message is None:
                self._inbox.put_nowait(None)
                return
            kind = message.get("type")
            if kind == "paused" and self._peer_paused is not None:
                if not self._peer_paused.done():
                    sent = message.get("sent_packets")
                    self._peer_paused.set_result(int(sent) if isinstance(sent, int) else -1)
            elif kind == "final" and self._peer_final is not None:
                if not self._peer_final.done():
                    self._peer_final.set_result(message)
            elif kind == "room.peer-left":
                self._peer_left = True
                self._inbox.put_nowait(message)
            else:
                self._inbox.put_nowait(message)

    async def _next(
        self, wanted: Callable[[dict[str, Any]], bool], deadline_ms: float
    ) -> dict[str, Any]:
        """The next signaling message ``wanted``; :class:`CallFailed` when the peer leaves, the
        room closes or the deadline passes (``connect_timeout``)."""
        try:
            async with asyncio.timeout(max(0.0, (deadline_ms - now_ms()) / 1000.0)):
                while True:
                    message = await self._inbox.get()
                    if message is None or message.get("type") == "room.expired":
                        raise CallFailed(PEER_LEFT, "The room closed before the call connected.")
                    if message.get("type") == "room.peer-left":
                        raise CallFailed(
                            PEER_LEFT, "The other person left the room before the call connected."
                        )
                    if wanted(message):
                        return message
        except TimeoutError:
            raise CallFailed(
                CONNECT_TIMEOUT,
                "The other computer did not answer in time over the room's signaling.",
            ) from None

    def publish(self, downlink: DirectionSnapshot) -> None:
        """Send this side's receive figures to the other desktop (its uplink)."""
        if self._a is None or self._a.channel is None:
            return
        channel = self._a.channel
        if channel.readyState != "open":
            return
        self._published += 1
        message = {
            "type": "uplink",
            "v": SCHEMA_VERSION,
            "seq": self._published,
            "t_ms": round(now_ms(), 3),
            "interval": figures_json(downlink.interval),
            "total": figures_json(downlink.totals),
            "sent_packets": self._a.send_times.packets_sent,
            "playout": playout_json(downlink.playout),
        }
        with contextlib.suppress(Exception):
            channel.send(json.dumps(message, separators=(",", ":")))

    async def settle(self) -> Settled:
        """Both stop sending, then swap settled receive figures over the room (reliable)."""
        peer = self.a
        signaling = self._signaling
        assert signaling is not None
        assert self._peer_paused is not None
        assert self._peer_final is not None
        peer.pause_sending()
        await asyncio.sleep(PIPELINE_DRAIN_S)
        await signaling.send({"type": "paused", "sent_packets": peer.send_times.packets_sent})
        far_sent: int | None = None
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(PEER_SUMMARY_TIMEOUT_S):
                far_sent = await asyncio.shield(self._peer_paused)
        rtt = peer.probe.latest_ms if peer.probe is not None else None
        await asyncio.sleep(max(SETTLE_QUIET_MS, (rtt or 0.0) + 100.0) / 1000.0)
        peer.stats.finish()
        totals = peer.stats.totals()
        if far_sent is not None and far_sent >= 0:
            totals = settled_totals(totals, far_sent)
        assert peer.playout is not None
        await signaling.send(
            {
                "type": "final",
                "v": SCHEMA_VERSION,
                "total": figures_json(totals),
                "playout": playout_json(peer.playout.stats()),
                "sent_packets": peer.send_times.packets_sent,
            }
        )
        final: dict[str, Any] | None = None
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(PEER_SUMMARY_TIMEOUT_S):
                final = await asyncio.shield(self._peer_final)
        if final is None:
            latest = self.far.latest
            return Settled(
                latest.total if latest else None,
                latest.playout if latest else None,
                far_sent if far_sent is not None and far_sent >= 0 else None,
            )
        total = final.get("total")
        playout = final.get("playout")
        return Settled(
            stats_from_figures(total) if isinstance(total, dict) else None,
            playout_from_json(playout) if isinstance(playout, dict) else None,
            far_sent if far_sent is not None and far_sent >= 0 else None,
        )

    async def close(self) -> None:
        if self._signaling is not None:
            with contextlib.suppress(Exception):
                await self._signaling.send({"type": "bye"})
                await self._signaling.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        await super().close()
