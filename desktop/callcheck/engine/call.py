"""The test-call orchestrator: connect, measure live, end, and report what was measured.

One orchestrator for the three modes of DESIGN.md (``CallConfig.mode``): ``loopback`` (two
peers in this process, :mod:`callcheck.engine.loopback`), ``server`` (a reflector over WHIP) and
``peer`` (another desktop through a room) — the latter two in :mod:`callcheck.engine.remote`.

:class:`TestCall` runs on the engine loop (submit ``TestCall(...).run()`` to an
:class:`~callcheck.engine.loop.EngineLoop`). It delivers a :class:`LiveSnapshot` every 250 ms
on a deadline clock, to a callback called on the engine thread (the GUI bridge re-emits it as a
Qt signal; the CLI prints), and returns a :class:`CallResult`. If the call cannot start it raises
:class:`CallFailed`; if it breaks once running, the result is returned with ``ended_early`` set
and everything measured until then.

**The end of a call, and packets still in flight** (issue 12, item 7: the loss was off by one).
The loss is counted the same way in every mode and on both sides: at the end, both sides stop
sending (:meth:`~callcheck.engine.peer.MeasuredPeer.pause_sending`), the engine waits until
nothing more is sent and nothing has arrived for ``SETTLE_QUIET_MS`` (300 ms, longer than any
jitter a call survives), and then *every packet sent and not received is lost*:
``lost = sent − received`` (:func:`~callcheck.engine.remote.settled_totals`). So a packet
dropped after the last one received counts (sequence-number gaps cannot see it), and a packet
still on its way when the measured part ends is waited for, not guessed (in loopback the
playout ends with the measured part, so the wait adds no concealed frames). In server and peer
modes the far end's send count comes over the data channel or the room; in loopback both
counts are local.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Final, Literal

import numpy as np

from callcheck.core.codecs import codec_for_webrtc
from callcheck.core.live_rating import RecentWindow
from callcheck.core.packets import DirectionStats, Percentiles
from callcheck.core.playout import PlayoutConfig, PlayoutStats
from callcheck.core.quality import (
    CallConditions,
    Figure,
    QualityInputError,
    QualityResult,
    estimated,
    measured,
)
from callcheck.core.quality import assumed as assumed_figure
from callcheck.engine.far_end import stats_from_figures
from callcheck.engine.ice_servers import candidate_types
from callcheck.engine.impairment import ImpairmentSpec
from callcheck.engine.loop import now_ms
from callcheck.engine.loopback import CONNECT_TIMEOUT_S, LoopbackCall
from callcheck.engine.peer import AudioSink, IceServer, MeasuredPeer, PeerOptions
from callcheck.engine.remote import (
    PEER_WAIT_S,
    SETTLE_QUIET_MS,
    PeerCall,
    RemoteCall,
    ServerCall,
    Settled,
    settled_totals,
)
from callcheck.engine.signaling import parse_server_url
from callcheck.engine.snapshots import (
    ENGINE_ERROR,
    MEDIA_STOPPED,
    PEER_DISCONNECTED,
    STOPPED,
    CallFailed,
    CallResult,
    Direction,
    DirectionResult,
    DirectionSnapshot,
    EndedEarly,
    IceInfo,
    LiveSnapshot,
    worse_quality,
)
from callcheck.engine.sources import AudioSource

logger = logging.getLogger(__name__)

#: DESIGN.md: live figures at least 4 times a second.
SNAPSHOT_INTERVAL_S: Final = 0.25
#: No RTP in either direction for this long while connected ends the call (``media_stopped``).
MEDIA_TIMEOUT_S: Final = 3.0

#: Longest time the end-of-call exchange of settled figures may take.
SETTLE_LIMIT_S: Final = 10.0
#: Loopback: longest wait for the packets in flight at the end (module docstring).
DRAIN_LIMIT_S: Final = 3.0
DRAIN_POLL_S: Final = 0.05

SnapshotCallback = Callable[[LiveSnapshot], None]
CallMode = Literal["loopback", "server", "peer"]
#: Statistics of a direction nothing was heard about yet.
_NO_FIGURES: Final = stats_from_figures({})


@dataclass(frozen=True, slots=True)
class CallConfig:
    """What test call to run."""

    duration_s: float = 20.0
    """Length of the measured part of the call (after connecting)."""
    codec: str = "opus"
    """opus, g722, pcmu or pcma."""
    ice_servers: tuple[IceServer, ...] = ()
    """STUN/TURN servers, passed explicitly (empty = none, never a public default)."""
    force_relay: bool = False
    """Only relay candidates: the media goes through the TURN server."""
    host_addresses: tuple[str, ...] | None = None
    """ICE host addresses; ``None`` = 127.0.0.1 in loopback."""
    uplink_impairment: ImpairmentSpec | None = None
    """Emulated network on the user → far end direction."""
    downlink_impairment: ImpairmentSpec | None = None
    """Emulated network on the far end → user direction."""
    connect_timeout_s: float = CONNECT_TIMEOUT_S
    """Give up connecting after this long (CallFailed ``connect_timeout``)."""
    snapshot_interval_s: float = SNAPSHOT_INTERVAL_S
    playout: PlayoutConfig | None = None
    """Playout buffer settings; ``None`` = adaptive, 20 ms frames."""
    mode: CallMode = "loopback"
    """``loopback`` (two peers here), ``server`` (the reflector at ``server_url``) or ``peer``
    (the other desktop in room ``room_code`` on ``server_url``)."""
    server_url: str | None = None
    """The CallCheck server: a base URL (``https://host:8443``) or its ``/whip`` endpoint."""
    token: str | None = None
    """Bearer token for the server, when it needs one."""
    room_code: str | None = None
    """Peer mode: the room's code (``ABC-234``; case, spaces and dashes do not matter)."""
    peer_wait_s: float = PEER_WAIT_S
    """Peer mode: how long to wait for the other person to join the room."""

    def __post_init__(self) -> None:
        if not self.duration_s > 0:
            raise ValueError(f"duration must be positive, got {self.duration_s}")
        if not 0 < self.snapshot_interval_s <= SNAPSHOT_INTERVAL_S:
            raise ValueError("snapshots must come at least 4 times a second")
        if self.mode not in ("loopback", "server", "peer"):
            raise ValueError(f"unknown mode {self.mode!r}")
        if self.mode != "loopback":
            if not self.server_url:
                raise ValueError(f"{self.mode} mode needs a server URL")
            parse_server_url(self.server_url)  # raises ValueError with the reason
        if self.mode == "peer" and not (self.room_code or "").strip():
            raise ValueError("peer mode needs a room code")

    @classmethod
    def impaired(cls, spec: ImpairmentSpec, **kwargs: object) -> CallConfig:
        """A config with ``spec`` on both directions (the downlink seeded ``seed + 1``)."""
        return cls(
            uplink_impairment=spec,
            downlink_impairment=spec.with_seed(spec.seed + 1),
            **kwargs,  # type: ignore[arg-type]
        )


# ------------------------------------------------------------------------------ quality


def _quality_for(
    codec: str,
    stats: DirectionStats,
    playout: PlayoutStats,
    rtt_ms: float | None,
    *,
    buffer_ms: float,
    far_playout_assumed: bool = False,
) -> QualityResult | None:
    """The E-model estimate for one direction: the one place measurements meet the E-model.

    Uses :func:`callcheck.core.quality.assess` with network delay = the *mean* measured one-way
    delay when the sender's clock is ours (loopback), else RTT/2; loss, jitter, burst ratio from
    ``stats``; the playout buffer's share of Ta is the *mean wait* of the frames it played
    (``playout.wait_ms``), so Ta is :func:`callcheck.core.delay.mouth_to_ear_ms` — mean delay
    plus mean wait, never mean delay plus the buffer's hold above the fastest packet, which
    counted the jitter twice. ``buffer_ms`` stands in only before any frame has played (and for
    the reflector's side, which plays nothing). ``None`` until there is something to rate (no
    packets yet, or no delay figure).
    """
    from callcheck.core.quality import assess

    if stats.packets_expected == 0:
        return None
    delay: Figure
    if stats.one_way_delay_ms is not None:
        delay = measured(stats.one_way_delay_ms.mean, "one-way delay, sender clock shared")
    elif rtt_ms is not None:
        delay = estimated(rtt_ms / 2, "round trip / 2")
    else:
        return None
    if playout.frames_played > 0:
        buffer = measured(playout.wait_ms.mean, "playout buffer: mean wait of played frames")
    else:
        buffer = measured(buffer_ms, "playout buffer delay (no frame played yet)")
    late = measured(playout.late_discard_pct, "playout buffer")
    if far_playout_assumed:  # the reflector plays nothing: assume a buffer like ours
        buffer = assumed_figure(buffer.value, "far end's playout buffer assumed like ours")
        late = assumed_figure(0.0, "far end's late discards not known")
    conditions = CallConditions(
        codec_key=codec_for_webrtc(codec).key,
        network_delay_ms=delay,
        loss_pct=measured(stats.loss_pct, "RTP sequence numbers"),
        jitter_ms=measured(stats.jitter_ms, "RFC 3550 interarrival jitter"),
        buffer_ms=buffer,
        late_discard_pct=late,
        burst_ratio=measured(max(stats.bursts.burst_ratio, 1.0), "Gilbert model of the loss"),
    )
    try:
        return assess(conditions)
    except (QualityInputError, ValueError) as error:
        logger.warning("quality estimate skipped: %s", error)
        return None


def _sdp(description: object) -> str | None:
    sdp = getattr(description, "sdp", None)
    return sdp if isinstance(sdp, str) else None


def _as_if_finished(totals: DirectionStats, receiver: MeasuredPeer) -> DirectionStats:
    """``totals`` with the gaps not yet settled counted lost, as the end of the call will.

    :class:`~callcheck.core.packets.StreamStatistics` settles a gap only 64 packets (1.3 s)
    later, so its loss so far leaves out the last 1.3 s of losses: at 8 s into a call at 5 %
    loss it says 4.2 % and the gauge would sit ~0.1 MOS above the verdict. Counting every
    sequence number up to the highest received (``highest − lowest + 1 − received``) is what
    :meth:`~callcheck.core.packets.StreamStatistics.finish` does at the end; a packet merely
    reordered counts lost for a snapshot or two.
    """
    if receiver.highest_ext is None or receiver.lowest_ext is None:
        return totals
    span = receiver.highest_ext - receiver.lowest_ext + 1
    lost = max(totals.packets_lost, span - totals.packets_received)
    expected = totals.packets_received + lost
    return replace(
        totals,
        packets_expected=expected,
        packets_lost=lost,
        loss_pct=100.0 * lost / expected if expected else 0.0,
    )


async def _drain_loopback(call: LoopbackCall) -> bool:
    """Stop both peers sending; wait until nothing is in flight (module docstring).

    True when the counts settled: no packet sent and none arrived for ``SETTLE_QUIET_MS``;
    False if that did not happen within ``DRAIN_LIMIT_S`` (the counts are then used as they
    are, gaps only).
    """
    peers = (call.a, call.b)
    for peer in peers:
        peer.pause_sending()
        await peer.stop_playout()
    paused_ms = now_ms()
    deadline_ms = paused_ms + DRAIN_LIMIT_S * 1000.0
    sent = tuple(p.send_times.packets_sent for p in peers)
    quiet_since_ms = paused_ms
    while now_ms() < deadline_ms:
        await asyncio.sleep(DRAIN_POLL_S)
        now = now_ms()
        still = tuple(p.send_times.packets_sent for p in peers)
        if still != sent:  # the encoder's pipeline was still emptying
            sent, quiet_since_ms = still, now
        last = max((p.last_packet_ms or 0.0) for p in peers)
        quiet_since_ms = max(quiet_since_ms, last)
        if now - quiet_since_ms >= SETTLE_QUIET_MS:
            return True
    logger.info("packets were still arriving %g s after the end; counting gaps only", DRAIN_LIMIT_S)
    return False


def _mean_rtt_ms(sender: MeasuredPeer) -> float | None:
    """The mean round trip so far, as the result will take it (echo, else raw RTCP)."""
    samples = sender.probe.samples_ms if sender.probe is not None else []
    if not samples:
        samples = sender.rtcp_rtt.samples_ms
    if not samples:
        return None
    return sum(rtt for _, rtt in samples) / len(samples)


def _percentiles(values: Sequence[float]) -> Percentiles | None:
    if not values:
        return None
    array = np.asarray(values, dtype=np.float64)
    return Percentiles(
        mean=float(array.mean()),
        p50=float(np.percentile(array, 50)),
        p95=float(np.percentile(array, 95)),
        max=float(array.max()),
    )


# ------------------------------------------------------------------------------ the call


class TestCall:
    """One test call (loopback, server or peer mode: ``config.mode``).

    ``on_snapshot`` is called on the engine loop's thread with each :class:`LiveSnapshot`; it
    must return quickly. ``source`` is the user's outgoing audio (default: the synthetic speech
    signal); ``audio_sink`` receives the user's played (decoded or concealed) audio.
    ``far_end_source`` (loopback only) is what the far-end peer sends back to the user: in-band
    probes in it reach ``audio_sink``, which the user's own probes cannot in loopback.
    ``far_end_sink`` (loopback only) receives what the far-end peer played: the uplink's audio
    as its listener got it (the heard score's uplink).
    ``on_waiting`` is called (peer mode) with the room code when waiting for the other person.
    ``rate_snapshot`` (the session's audio path) re-rates each snapshot before the timeline and
    ``on_snapshot`` get it, so the gauge shows the rating the verdict will give (the audio
    path's delay included), not the network's alone.
    """

    __test__ = False  # not a pytest test class, despite the name

    def __init__(
        self,
        config: CallConfig,
        on_snapshot: SnapshotCallback | None = None,
        *,
        source: AudioSource | None = None,
        audio_sink: AudioSink | None = None,
        on_waiting: Callable[[str], None] | None = None,
        far_end_source: AudioSource | None = None,
        far_end_sink: AudioSink | None = None,
        rate_snapshot: Callable[[LiveSnapshot], LiveSnapshot] | None = None,
    ) -> None:
        self.config = config
        self._on_snapshot = on_snapshot
        self._rate_snapshot = rate_snapshot
        self._source = source
        self._far_end_source = far_end_source
        self._far_end_sink = far_end_sink
        self._audio_sink = audio_sink
        self._on_waiting = on_waiting
        self._stop_requested = asyncio.Event()
        self._timeline: list[LiveSnapshot] = []
        self._duration_s = config.duration_s
        self.loopback: LoopbackCall | None = None
        """The two peers while (and after) the call runs; tests read the emulator's truth."""
        self.remote: RemoteCall | None = None
        """Server and peer modes: the user's peer and the far end's figures."""
        self.connected_ms: float | None = None
        self._recent: dict[Direction, RecentWindow] = {
            "uplink": RecentWindow(),
            "downlink": RecentWindow(),
        }
        self._far_latest: object = None
        """The far end's last figures fed to the uplink's recent window (fed once each)."""

    def request_stop(self) -> None:
        """End the call now (call on the engine loop); :meth:`run` returns a partial result."""
        self._stop_requested.set()

    async def run(self) -> CallResult:
        """Run the call; raise :class:`CallFailed` if it cannot start."""
        started_at = datetime.datetime.now(datetime.UTC)
        if self.config.mode != "loopback":
            return await self._run_remote(started_at)
        return await self._run_loopback(started_at)

    async def _run_loopback(self, started_at: datetime.datetime) -> CallResult:
        config = self.config
        common = PeerOptions(
            codec=config.codec,
            ice_servers=config.ice_servers,
            force_relay=config.force_relay,
            host_addresses=config.host_addresses,
            playout=config.playout,
        )
        call = LoopbackCall(
            replace(common, impairment=config.uplink_impairment),
            replace(common, impairment=config.downlink_impairment),
            source_a=self._source,
            source_b=self._far_end_source,
            audio_sink=self._audio_sink,
            far_end_sink=self._far_end_sink,
        )
        self.loopback = call
        try:
            try:
                connect_ms = await call.connect(config.connect_timeout_s)
            except CallFailed:
                raise
            except Exception as error:  # an aiortc/aioice error while negotiating
                # The user reads the CallFailed; the traceback is for the log, not stderr.
                logger.info("test call could not start", exc_info=True)
                raise CallFailed(ENGINE_ERROR, f"The test call could not start: {error}") from error
            self.connected_ms = now_ms()
            call.start_playout()
            try:
                ended_early = await self._measure(call)
            except Exception as error:  # keep what was measured; say what broke
                logger.exception("test call failed while running")
                assert self.connected_ms is not None
                ended_early = EndedEarly(
                    ENGINE_ERROR,
                    f"The test stopped on an internal error ({error}); the figures cover the "
                    "time before.",
                    (now_ms() - self.connected_ms) / 1000.0,
                )
            duration_s = (now_ms() - self.connected_ms) / 1000.0
            drained = False
            if ended_early is None or ended_early.reason_code == STOPPED:
                drained = await _drain_loopback(call)
            return self._result(call, started_at, connect_ms, duration_s, ended_early, drained)
        finally:
            await call.close()

    async def _measure(self, call: LoopbackCall | RemoteCall) -> EndedEarly | None:
        """Deliver snapshots until the duration is up or the call breaks."""
        assert self.connected_ms is not None
        interval_ms = self.config.snapshot_interval_s * 1000.0
        end_ms = self.connected_ms + self._duration_s * 1000.0
        next_ms = self.connected_ms + interval_ms
        while True:
            wait_ms = min(next_ms, end_ms) - now_ms()
            if wait_ms > 0:
                stop = asyncio.ensure_future(self._stop_requested.wait())
                try:
                    await asyncio.wait({stop}, timeout=wait_ms / 1000.0)
                finally:  # also when the call is cancelled: no waiter left behind
                    stop.cancel()
            elapsed_s = (now_ms() - self.connected_ms) / 1000.0
            if self._stop_requested.is_set():
                return EndedEarly(STOPPED, "The test was stopped before its end.", elapsed_s)
            broken = self._check_alive(call, elapsed_s)
            if now_ms() >= end_ms or broken is not None:
                return broken
            self._deliver(self._snapshot(call, elapsed_s))
            next_ms += interval_ms

    def _check_alive(self, call: LoopbackCall | RemoteCall, elapsed_s: float) -> EndedEarly | None:
        for name, state in call.states.items():
            if state in ("failed", "closed", "disconnected"):
                return EndedEarly(
                    PEER_DISCONNECTED,
                    f"The far end dropped the call ({name}: {state}) after {elapsed_s:.1f} s; "
                    "the figures cover the time before.",
                    elapsed_s,
                )
        now = now_ms()
        assert self.connected_ms is not None
        peers = (call.a, call.b) if isinstance(call, LoopbackCall) else (call.a,)
        for peer in peers:
            last = peer.last_packet_ms if peer.last_packet_ms is not None else self.connected_ms
            if now - last > MEDIA_TIMEOUT_S * 1000.0:
                return EndedEarly(
                    MEDIA_STOPPED,
                    f"No audio arrived for {MEDIA_TIMEOUT_S:g} s; the connection stopped "
                    "carrying media. The figures cover the time before.",
                    elapsed_s,
                )
        return None

    def _deliver(self, snapshot: LiveSnapshot) -> None:
        if self._rate_snapshot is not None:
            try:
                snapshot = self._rate_snapshot(snapshot)
            except Exception:  # the network's rating stands; the call goes on
                logger.exception("audio-path rating of a snapshot failed")
        self._timeline.append(snapshot)
        if self._on_snapshot is not None:
            try:
                self._on_snapshot(snapshot)
            except Exception:  # a broken view must not break the measurement
                logger.exception("snapshot callback failed")

    def _direction(
        self, direction: Direction, receiver: MeasuredPeer, sender: MeasuredPeer
    ) -> DirectionSnapshot:
        now = now_ms()
        interval = receiver.stats.take_interval(now)
        totals = receiver.stats.totals()
        assert receiver.playout is not None
        playout = receiver.playout.stats()
        echo = sender.probe.latest_ms if sender.probe is not None else None
        rtcp = sender.rtcp_rtt.latest_ms
        rtt = echo if echo is not None else rtcp
        recent = self._recent[direction]
        recent.add(now, totals)
        return DirectionSnapshot(
            direction=direction,
            rtt_ms=rtt,
            rtt_rtcp_ms=rtcp,
            jitter_ms=interval.jitter_ms,
            loss_interval_pct=interval.loss_pct,
            loss_total_pct=totals.loss_pct,
            burst_ratio=totals.bursts.burst_ratio,
            playout_delay_ms=playout.current_delay_ms,
            late_discard_pct=playout.late_discard_pct,
            concealed_pct=playout.concealed_pct,
            interval=interval,
            totals=totals,
            playout=playout,
            # The call so far, rated as the verdict will be (totals, mean buffer, mean RTT).
            quality=_quality_for(
                self.config.codec,
                _as_if_finished(totals, receiver),
                playout,
                _mean_rtt_ms(sender),
                buffer_ms=playout.delay_ms.mean,
            ),
            quality_recent=self._recent_quality(
                self.config.codec, recent, playout, rtt, far_playout_assumed=False
            ),
        )

    def _recent_quality(
        self,
        codec: str,
        recent: RecentWindow,
        playout: PlayoutStats,
        rtt_ms: float | None,
        *,
        far_playout_assumed: bool,
    ) -> QualityResult | None:
        window = recent.window()
        if window is None:
            return None
        return _quality_for(
            codec,
            window,
            playout,
            rtt_ms,
            buffer_ms=playout.current_delay_ms,
            far_playout_assumed=far_playout_assumed,
        )

    def _snapshot(self, call: LoopbackCall | RemoteCall, elapsed_s: float) -> LiveSnapshot:
        if isinstance(call, LoopbackCall):
            uplink = self._direction("uplink", call.b, call.a)
            downlink = self._direction("downlink", call.a, call.b)
        else:
            downlink = self._direction("downlink", call.a, call.a)
            uplink = self._far_direction(call)
            call.publish(downlink)
        return LiveSnapshot(
            elapsed_s=elapsed_s,
            duration_s=self._duration_s,
            uplink=uplink,
            downlink=downlink,
            quality=worse_quality(uplink.quality, downlink.quality),
            quality_recent=worse_quality(uplink.quality_recent, downlink.quality_recent),
        )

    def _direction_result(
        self,
        direction: Direction,
        receiver: MeasuredPeer,
        sender: MeasuredPeer,
        *,
        drained: bool = False,
    ) -> DirectionResult:
        receiver.stats.finish()
        totals = receiver.stats.totals()
        if drained:  # nothing in flight: every packet sent and not received is lost
            totals = settled_totals(totals, sender.send_times.packets_sent)
        assert receiver.playout is not None
        playout = receiver.playout.stats()
        echo = tuple(rtt for _, rtt in sender.probe.samples_ms) if sender.probe else ()
        rtcp = tuple(rtt for _, rtt in sender.rtcp_rtt.samples_ms)
        rtt = _percentiles(echo or rtcp)
        return DirectionResult(
            direction=direction,
            totals=totals,
            playout=playout,
            rtt_ms=rtt,
            rtt_echo_samples_ms=echo,
            rtt_rtcp_samples_ms=rtcp,
            packets_sent=sender.send_times.packets_sent,
            frames_decoded=receiver.frames_decoded,
            frames_concealed=receiver.frames_concealed,
            quality=_quality_for(
                self.config.codec,
                totals,
                playout,
                rtt.mean if rtt is not None else None,
                buffer_ms=playout.delay_ms.mean,
            ),
        )

    def _result(
        self,
        call: LoopbackCall,
        started_at: datetime.datetime,
        connect_ms: float,
        duration_s: float,
        ended_early: EndedEarly | None,
        drained: bool = False,
    ) -> CallResult:
        uplink = self._direction_result("uplink", call.b, call.a, drained=drained)
        downlink = self._direction_result("downlink", call.a, call.b, drained=drained)
        ice = call.a.ice_info()
        spec = self.config.uplink_impairment
        return CallResult(
            mode="loopback",
            codec=self.config.codec,
            started_at=started_at,
            connect_ms=connect_ms,
            duration_s=duration_s,
            planned_duration_s=self.config.duration_s,
            uplink=uplink,
            downlink=downlink,
            quality=worse_quality(uplink.quality, downlink.quality),
            ice=IceInfo(
                local_candidate=ice["local_candidate"],
                remote_candidate=ice["remote_candidate"],
                protocol=ice["protocol"],
                local_gathered=candidate_types(_sdp(call.a.pc.localDescription)),
                remote_gathered=candidate_types(_sdp(call.a.pc.remoteDescription)),
                relay_forced=self.config.force_relay,
            ),
            impairment=spec.describe() if spec is not None else None,
            timeline=tuple(self._timeline),
            ended_early=ended_early,
        )

    # ---------------------------------------------------------------- server and peer modes

    def _remote_call(self) -> RemoteCall:
        config = self.config
        assert config.server_url is not None
        options = PeerOptions(
            codec=config.codec,
            ice_servers=config.ice_servers,
            force_relay=config.force_relay,
            host_addresses=config.host_addresses,
            playout=config.playout,
            impairment=config.uplink_impairment,
            receive_impairment=config.downlink_impairment,
        )
        url = parse_server_url(config.server_url)
        if config.mode == "server":
            return ServerCall(
                options, url, config.token, source=self._source, audio_sink=self._audio_sink
            )
        assert config.room_code is not None
        return PeerCall(
            options,
            url,
            config.token,
            config.room_code,
            duration_s=config.duration_s,
            peer_wait_s=config.peer_wait_s,
            source=self._source,
            audio_sink=self._audio_sink,
            on_waiting=self._on_waiting,
        )

    async def _run_remote(self, started_at: datetime.datetime) -> CallResult:
        call = self._remote_call()
        self.remote = call
        try:
            try:
                connect_ms = await call.connect(self.config.connect_timeout_s)
            except CallFailed as failure:
                # The checks done before the failure go with it (and into the partial report).
                details = dict(failure.details or {})
                details.setdefault("connectivity", call.connectivity.to_json())
                failure.details = details
                raise
            except Exception as error:  # an aiortc/aioice/aiohttp error while negotiating
                # The user reads the CallFailed; the traceback is for the log, not stderr.
                logger.info("test call could not start", exc_info=True)
                raise CallFailed(
                    ENGINE_ERROR,
                    f"The test call could not start: {error}",
                    details={"connectivity": call.connectivity.to_json()},
                ) from error
            if call.duration_s is not None:
                self._duration_s = call.duration_s
            self.connected_ms = now_ms()
            call.start_playout()
            try:
                ended_early = await self._measure(call)
            except Exception as error:
                logger.exception("test call failed while running")
                ended_early = EndedEarly(
                    ENGINE_ERROR,
                    f"The test stopped on an internal error ({error}); the figures cover the "
                    "time before.",
                    (now_ms() - self.connected_ms) / 1000.0,
                )
            duration_s = (now_ms() - self.connected_ms) / 1000.0
            settled: Settled | None = None
            if ended_early is None or ended_early.reason_code == STOPPED:
                try:
                    async with asyncio.timeout(SETTLE_LIMIT_S):
                        settled = await call.settle()
                except Exception:  # the figures so far are still worth reporting
                    logger.warning("the far end's final figures were not received", exc_info=True)
            return self._remote_result(
                call, started_at, connect_ms, duration_s, ended_early, settled
            )
        finally:
            await call.close()

    def _rtt(self, peer: MeasuredPeer) -> float | None:
        echo = peer.probe.latest_ms if peer.probe is not None else None
        return echo if echo is not None else peer.rtcp_rtt.latest_ms

    def _far_direction(self, call: RemoteCall) -> DirectionSnapshot:
        """The uplink, live, from the far end's latest figures."""
        peer = call.a
        latest = call.far.latest
        interval = latest.interval if latest is not None else _NO_FIGURES
        totals = latest.total if latest is not None else _NO_FIGURES
        assert peer.playout is not None
        far_playout = latest.playout if latest is not None else None
        playout = far_playout if far_playout is not None else peer.playout.stats()
        rtt = self._rtt(peer)
        recent = self._recent["uplink"]
        if latest is not None and latest is not self._far_latest:
            # Each of the far end's reports once, at the time it arrived here.
            self._far_latest = latest
            recent.add(now_ms(), totals)
        codec = self.config.codec if far_playout is not None else peer.options.codec
        return DirectionSnapshot(
            direction="uplink",
            rtt_ms=rtt,
            rtt_rtcp_ms=peer.rtcp_rtt.latest_ms,
            jitter_ms=interval.jitter_ms,
            loss_interval_pct=interval.loss_pct,
            loss_total_pct=totals.loss_pct,
            burst_ratio=totals.bursts.burst_ratio,
            playout_delay_ms=playout.current_delay_ms,
            late_discard_pct=playout.late_discard_pct if far_playout is not None else 0.0,
            concealed_pct=playout.concealed_pct if far_playout is not None else 0.0,
            interval=interval,
            totals=totals,
            playout=playout,
            quality=_quality_for(
                codec,
                totals,
                playout,
                _mean_rtt_ms(peer),
                buffer_ms=playout.delay_ms.mean,
                far_playout_assumed=far_playout is None,
            ),
            quality_recent=self._recent_quality(
                codec, recent, playout, rtt, far_playout_assumed=far_playout is None
            ),
        )

    def _remote_result(
        self,
        call: RemoteCall,
        started_at: datetime.datetime,
        connect_ms: float,
        duration_s: float,
        ended_early: EndedEarly | None,
        settled: Settled | None,
    ) -> CallResult:
        peer = call.a
        codec = peer.options.codec
        assert peer.playout is not None
        echo = tuple(rtt for _, rtt in peer.probe.samples_ms) if peer.probe else ()
        rtcp = tuple(rtt for _, rtt in peer.rtcp_rtt.samples_ms)
        rtt = _percentiles(echo or rtcp)
        rtt_mean = rtt.mean if rtt is not None else None
        latest = call.far.latest

        # Downlink: measured here; the loss settled against the far end's send count.
        peer.stats.finish()
        down_totals = peer.stats.totals()
        down_sent = settled.downlink_sent if settled is not None else None
        if down_sent is None and latest is not None:
            down_sent = latest.sent_packets
        elif down_sent is not None:
            down_totals = settled_totals(down_totals, down_sent)
        down_playout = peer.playout.stats()
        downlink = DirectionResult(
            direction="downlink",
            totals=down_totals,
            playout=down_playout,
            rtt_ms=rtt,
            rtt_echo_samples_ms=echo,
            rtt_rtcp_samples_ms=rtcp,
            packets_sent=down_sent if down_sent is not None else 0,
            frames_decoded=peer.frames_decoded,
            frames_concealed=peer.frames_concealed,
            quality=_quality_for(
                codec, down_totals, down_playout, rtt_mean, buffer_ms=down_playout.delay_ms.mean
            ),
            measured_by="client",
        )

        # Uplink: the far end's figures.
        up_totals = settled.uplink_totals if settled is not None else None
        if up_totals is None:
            up_totals = latest.total if latest is not None else _NO_FIGURES
        up_playout = settled.uplink_playout if settled is not None else None
        if up_playout is None and latest is not None:
            up_playout = latest.playout
        playout_assumed = up_playout is None
        if up_playout is None:
            up_playout = down_playout
        uplink = DirectionResult(
            direction="uplink",
            totals=up_totals,
            playout=up_playout,
            rtt_ms=rtt,
            rtt_echo_samples_ms=echo,
            rtt_rtcp_samples_ms=rtcp,
            packets_sent=peer.send_times.packets_sent,
            frames_decoded=0 if playout_assumed else up_playout.frames_played,
            frames_concealed=0 if playout_assumed else up_playout.frames_concealed,
            quality=_quality_for(
                codec,
                up_totals,
                up_playout,
                rtt_mean,
                buffer_ms=up_playout.delay_ms.mean,
                far_playout_assumed=playout_assumed,
            ),
            measured_by=call.uplink_measured_by,
        )
        spec = self.config.uplink_impairment
        return CallResult(
            mode=call.mode,
            codec=codec,
            started_at=started_at,
            connect_ms=connect_ms,
            duration_s=duration_s,
            planned_duration_s=self._duration_s,
            uplink=uplink,
            downlink=downlink,
            quality=worse_quality(uplink.quality, downlink.quality),
            ice=call.ice_info(),
            impairment=spec.describe() if spec is not None else None,
            timeline=tuple(self._timeline),
            ended_early=ended_early,
            connectivity=call.connectivity.to_json(),
            far_end=dict(call.far_end_info),
        )
